/*
 * rprocsim: recognising kernel failure reports in the guest console.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "oops.h"

#include <string.h>

/* panic()'s first line (kernel/panic.c) */
#define PANIC_NEEDLE "Kernel panic - not syncing"

/* What starts a report, in the order the kernel prints them */
static const struct {
    const char *needle;
    const char *kind;
} starts[] = {
    { "Unable to handle kernel ", "Oops" },
    { "Internal error: Oops", "Oops" },
    { "kernel BUG at ", "BUG" },
    { "WARNING: CPU: ", "WARNING" },
    { PANIC_NEEDLE, "panic" },
    { "watchdog: BUG: soft lockup", "soft lockup" },
    { "blocked for more than ", "hung task" },
};

/*
 * The functions that print a report (lib/dump_stack.c, arch/arm64/kernel/
 * stacktrace.c, kernel/panic.c): not the top of the trace that matters
 */
static const char *const reporting[] = {
    "dump_backtrace", "show_stack", "dump_stack_lvl", "dump_stack", "vpanic", "panic",
};

/* @entry ("func+0x1/0x2 [mod]") is one of reporting[] */
static gboolean is_reporting(const char *entry)
{
    size_t len = strcspn(entry, "+ ");

    for (size_t i = 0; i < G_N_ELEMENTS(reporting); i++) {
        if (strlen(reporting[i]) == len && !strncmp(entry, reporting[i], len)) {
            return TRUE;
        }
    }
    return FALSE;
}

/* @l without its "[    1.234567] " timestamp */
static const char *text_of(const char *l)
{
    const char *close;

    if (l[0] == '[' && (close = strchr(l, ']'))) {
        l = close + 1;
        while (*l == ' ') {
            l++;
        }
    }
    return l;
}

/* The module of a "func+off/len [mod]" symbol, or NULL */
static char *module_of(const char *sym)
{
    const char *open = strrchr(sym, '['), *close = open ? strchr(open, ']') : NULL;

    return close && close > open + 1 ? g_strndup(open + 1, close - open - 1) : NULL;
}

/* Fill @o from the lines after the report's first one (its pc and call trace) */
static void read_details(const GPtrArray *lines, guint i, RpOops *o)
{
    gboolean in_trace = FALSE;

    for (guint k = i + 1; k < lines->len && k < i + 200; k++) {
        const char *t = text_of(g_ptr_array_index(lines, k));

        if (!o->pc && g_str_has_prefix(t, "pc : ")) {
            o->pc = g_strstrip(g_strdup(t + 5));
            o->module = module_of(o->pc);
        } else if (g_str_has_prefix(t, "Call trace:")) {
            in_trace = TRUE;
        } else if (in_trace) {
            g_autofree char *mod = NULL;

            if (!*t || g_str_has_prefix(t, "Code:") || g_str_has_prefix(t, "---[ end")) {
                break;
            }
            if (!o->trace->len && is_reporting(t)) {
                continue;       /* panic()'s own frames come first on arm64 */
            }
            /* built-in code at the pc: the first module frame is the likely culprit */
            if (o->pc && !o->module && !o->caller && (mod = module_of(t))) {
                o->caller = g_strstrip(g_strdup(t));
            }
            if (o->trace->len < RP_OOPS_TRACE_MAX) {
                g_ptr_array_add(o->trace, g_strstrip(g_strdup(t)));
            } else if (o->module || o->caller || !o->pc) {
                break;
            }
        }
    }
}

gboolean rp_oops_find(const GPtrArray *lines, guint from, RpOops *out)
{
    for (guint i = from; lines && i < lines->len; i++) {
        const char *t = text_of(g_ptr_array_index(lines, i));

        for (size_t s = 0; s < G_N_ELEMENTS(starts); s++) {
            if (!strstr(t, starts[s].needle)) {
                continue;
            }
            memset(out, 0, sizeof(*out));
            out->kind = starts[s].kind;
            out->first_line = g_strdup(t);
            out->trace = g_ptr_array_new_with_free_func(g_free);
            out->line = i;
            read_details(lines, i, out);
            return TRUE;
        }
    }
    return FALSE;
}

char *rp_oops_summary(const RpOops *o)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "kernel %s: %s", o->kind, o->first_line);
    if (o->pc) {
        g_string_append_printf(s, "; pc %s; %s%s", o->pc,
                               o->module ? "module " : "built-in code",
                               o->module ? o->module : "");
        if (o->caller) {
            g_autofree char *mod = module_of(o->caller);

            g_string_append_printf(s, ", called from module %s (%s)", mod, o->caller);
        }
    }
    for (guint i = 0; i < o->trace->len; i++) {
        g_string_append_printf(s, "%s%s", i ? " < " : "; call trace: ",
                               (const char *)g_ptr_array_index(o->trace, i));
    }
    return g_string_free(s, FALSE);
}

gboolean rp_oops_ended(const GPtrArray *lines, const RpOops *o)
{
    for (guint k = o->line + 1; k < lines->len; k++) {
        if (g_str_has_prefix(text_of(g_ptr_array_index(lines, k)), "---[ end")) {
            return TRUE;
        }
    }
    return FALSE;
}

gboolean rp_oops_is_panic(const char *line)
{
    return strstr(line, PANIC_NEEDLE) != NULL;
}

void rp_oops_clear(RpOops *o)
{
    g_free(o->first_line);
    g_free(o->pc);
    g_free(o->module);
    g_free(o->caller);
    if (o->trace) {
        g_ptr_array_unref(o->trace);
    }
    memset(o, 0, sizeof(*o));
}
