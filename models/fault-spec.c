/*
 * rprocsim models: the text form of an injected fault (fault-spec.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fault-spec.h"

#include <glib.h>
#include <string.h>

static char *known_names(const char *const *names, unsigned n)
{
    GString *s = g_string_new(NULL);

    for (unsigned i = 0; i < n; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", names[i]);
    }
    return g_string_free(s, FALSE);
}

int rp_fault_spec_parse(const char *spec, const char *const *names, unsigned n,
                        uint32_t *arg, char *msg, size_t msg_len, RpError *err)
{
    g_auto(GStrv) parts = g_strsplit(spec, ":", 3);
    guint64 value = 0;
    int action = -1;

    for (unsigned i = 0; i < n && parts[0]; i++) {
        if (g_str_equal(parts[0], names[i])) {
            action = (int)i;
        }
    }
    if (action < 0) {
        g_autofree char *known = known_names(names, n);

        rp_error_set(err, RP_FAULT_SPEC_UNKNOWN, -1, "unknown fault '%s' (%s)", spec, known);
        return -1;
    }
    if (parts[1] && *parts[1] &&
        !g_ascii_string_to_unsigned(parts[1], 10, 0, G_MAXUINT32, &value, NULL)) {
        rp_error_set(err, RP_FAULT_SPEC_BAD_ARG, -1, "fault argument '%s' is not a number",
                     parts[1]);
        return -1;
    }
    *arg = (uint32_t)value;
    if (msg_len) {
        memset(msg, 0, msg_len);
        if (parts[1] && parts[2]) {
            g_strlcpy(msg, parts[2], msg_len);
        }
    }
    rp_error_clear(err);
    return action;
}

char *rp_fault_spec_format(const char *const *names, unsigned n, uint32_t action,
                           uint32_t arg, const char *msg, size_t msg_len)
{
    return g_strdup_printf("%s:%u:%.*s", names[action < n ? action : 0], arg,
                           (int)strnlen(msg, msg_len), msg);
}
