/*
 * rprocsim: a kernel Oops, BUG, WARN, panic, soft lockup or hung task in
 * the guest console is a verdict. This finds the first one in a range of
 * console lines and summarises it: the reporting line, the pc (arm64 "pc :
 * FUNC+OFF/LEN [MODULE]"), the top of the call trace (below the functions
 * that print it: dump_stack, panic) and the module. The
 * line shapes are those of arch/arm64/kernel/traps.c, mm/fault.c,
 * kernel/panic.c (__warn, panic), kernel/watchdog.c and kernel/hung_task.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_OOPS_H
#define RPROCSIM_OOPS_H

#include <glib.h>

#define RP_OOPS_TRACE_MAX   5       /* call trace entries kept */

typedef struct RpOops {
    const char *kind;       /* "Oops", "BUG", "WARNING", "panic", "soft lockup", "hung task" */
    char *first_line;       /* the line that reported it, timestamp removed */
    char *pc;               /* "func+0x3c/0x120 [mod]", or NULL */
    char *module;           /* the module the pc is in, or NULL (built-in code) */
    char *caller;           /* pc in built-in code: the first call trace frame in a module, or NULL */
    GPtrArray *trace;       /* char *: the first call trace entries */
    guint line;             /* index of first_line in the lines searched */
} RpOops;

/*
 * Look through @lines (char *, console lines) from index @from on. TRUE with
 * *@out filled in (free it with rp_oops_clear()) for the first report found;
 * FALSE, *@out untouched, if there is none.
 */
gboolean rp_oops_find(const GPtrArray *lines, guint from, RpOops *out);

/*
 * One paragraph for a test report: "kernel Oops: LINE; pc FUNC [MOD];
 * call trace: A < B < C". Caller frees.
 */
char *rp_oops_summary(const RpOops *o);

/*
 * TRUE if the report @o found in @lines has ended there: a "---[ end"
 * line (the end of an Oops, WARN or panic, kernel/panic.c) follows its
 * first line. Soft lockups and hung tasks print none.
 */
gboolean rp_oops_ended(const GPtrArray *lines, const RpOops *o);

/*
 * TRUE if console line @line is panic()'s "Kernel panic - not syncing":
 * the kernel runs nothing after it, so the guest agent will not answer.
 */
gboolean rp_oops_is_panic(const char *line);

void rp_oops_clear(RpOops *o);

#endif /* RPROCSIM_OOPS_H */
