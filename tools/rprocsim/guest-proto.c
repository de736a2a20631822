/*
 * rprocsim: parsing of the guest's console markers and agent replies.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest-proto.h"

#include <string.h>

gboolean rp_parse_ready(const char *line, RpReadyMark *mark)
{
    g_auto(GStrv) words = NULL;
    const char *kernel = NULL, *uptime = NULL;
    char *end;
    double up;

    if (!g_str_has_prefix(line, RP_MARK_READY)) {
        return FALSE;
    }
    words = g_strsplit(line + strlen(RP_MARK_READY), " ", -1);
    for (char **w = words; *w; w++) {
        if (g_str_has_prefix(*w, "kernel=")) {
            kernel = *w + strlen("kernel=");
        } else if (g_str_has_prefix(*w, "uptime=")) {
            uptime = *w + strlen("uptime=");
        }
    }
    if (!kernel || !*kernel || !uptime || !*uptime) {
        return FALSE;
    }
    up = g_ascii_strtod(uptime, &end);
    if (*end || up < 0) {
        return FALSE;
    }
    mark->kernel = g_strdup(kernel);
    mark->uptime_s = up;
    return TRUE;
}

gboolean rp_parse_module(const char *line, char **name, gboolean *loaded)
{
    g_auto(GStrv) words = NULL;

    if (!g_str_has_prefix(line, RP_MARK_MODULE)) {
        return FALSE;
    }
    words = g_strsplit(line + strlen(RP_MARK_MODULE), " ", -1);
    if (g_strv_length(words) != 2 || !*words[1]) {
        return FALSE;
    }
    if (g_str_equal(words[0], "loaded")) {
        *loaded = TRUE;
    } else if (g_str_equal(words[0], "failed")) {
        *loaded = FALSE;
    } else {
        return FALSE;
    }
    *name = g_strdup(words[1]);
    return TRUE;
}

/* Parse a decimal number in [0, max] that is the whole of @s. */
static gboolean parse_uint(const char *s, guint64 max, guint64 *out)
{
    return g_ascii_string_to_unsigned(s, 10, 0, max, out, NULL);
}

gboolean rp_agent_parse_end(const char *line, RpAgentEnd *end)
{
    g_auto(GStrv) words = NULL;
    guint64 seq, status;

    if (!g_str_has_prefix(line, RP_AGENT_END)) {
        return FALSE;
    }
    words = g_strsplit(line + strlen(RP_AGENT_END), " ", -1);
    if (g_strv_length(words) != 2 ||
        !parse_uint(words[0], G_MAXUINT, &seq) ||
        !parse_uint(words[1], 255, &status)) {
        return FALSE;
    }
    end->seq = seq;
    end->status = status;
    return TRUE;
}

char *rp_agent_format_request(guint seq, const char *command)
{
    return g_strdup_printf("%u %s\n", seq, command);
}

/* The timestamp "[ 12.3]" at @p into *@seconds */
static gboolean kernel_time_at(const char *p, double *seconds)
{
    char *end;
    double t;

    if (*p++ != '[') {
        return FALSE;
    }
    while (*p == ' ') {
        p++;
    }
    t = g_ascii_strtod(p, &end);
    if (end == p || *end != ']' || t < 0) {
        return FALSE;
    }
    *seconds = t;
    return TRUE;
}

gboolean rp_parse_kernel_time(const char *line, double *seconds)
{
    /* the prompt: "~ # " and terminal queries ("\e[6n"), nothing else */
    for (const char *p = line; *p; p++) {
        if (*p == '[' && kernel_time_at(p, seconds)) {
            return TRUE;
        }
        if (*p == '\033' && p[1] == '[') {
            p += 2;
            while (*p && !g_ascii_isalpha(*p)) {
                p++;
            }
            if (!*p) {
                return FALSE;
            }
        } else if (g_ascii_isalnum(*p)) {
            return FALSE;
        }
    }
    return FALSE;
}
