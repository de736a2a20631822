/*
 * rprocsim run: shards and jobs (shard.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "shard.h"

gboolean rp_shard_parse(const char *text, guint *k, guint *n, GError **error)
{
    guint64 kv = 0, nv = 0;
    g_auto(GStrv) parts = g_strsplit(text ? text : "", "/", -1);

    if (g_strv_length(parts) != 2 ||
        !g_ascii_string_to_unsigned(parts[0], 10, 1, 1000, &kv, NULL) ||
        !g_ascii_string_to_unsigned(parts[1], 10, 1, 1000, &nv, NULL) || kv > nv) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--shard '%s': expected K/N with 1 <= K <= N <= 1000, e.g. 2/4",
                    text ? text : "");
        return FALSE;
    }
    *k = (guint)kv;
    *n = (guint)nv;
    return TRUE;
}

gboolean rp_shard_takes(guint index, guint k, guint n)
{
    return n && index % n == k - 1;
}

guint rp_jobs_default(gint asked)
{
    if (asked >= 1 && asked <= RP_JOBS_MAX) {
        return (guint)asked;
    }
    return MAX(1u, MIN(g_get_num_processors(), (guint)RP_JOBS_MAX));
}
