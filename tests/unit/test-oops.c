/*
 * Unit tests: recognising kernel failure reports in console lines
 * (tools/rprocsim/oops.c), on a recorded console (tests/data/console-oops.log,
 * an arm64 Oops in a module) and on one-line reports of each kind.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "oops.h"

static GPtrArray *lines_of(const char *text)
{
    g_auto(GStrv) v = g_strsplit(text, "\n", -1);
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);

    for (char **l = v; *l; l++) {
        g_ptr_array_add(a, g_strdup(*l));
    }
    return a;
}

START_TEST(recorded_oops_summarised)
{
    g_autofree char *text = NULL, *summary = NULL;
    g_autoptr(GPtrArray) lines = NULL;
    g_autoptr(GError) err = NULL;
    RpOops o;

    ck_assert_msg(g_file_get_contents(g_getenv("RPROCSIM_OOPS_LOG"), &text, NULL, &err),
                  "%s", err ? err->message : "RPROCSIM_OOPS_LOG not set");
    lines = lines_of(text);
    ck_assert(rp_oops_find(lines, 0, &o));
    ck_assert_str_eq(o.kind, "Oops");
    ck_assert_uint_eq(o.line, 1);
    ck_assert(g_str_has_prefix(o.first_line, "Unable to handle kernel paging request"));
    ck_assert_str_eq(o.pc, "qcom_register_dump_segments+0x4c/0x140 [qcom_common]");
    ck_assert_str_eq(o.module, "qcom_common");
    ck_assert_uint_eq(o.trace->len, RP_OOPS_TRACE_MAX);
    ck_assert_str_eq(g_ptr_array_index(o.trace, 1), "adsp_load+0x60/0x1c8 [qcom_q6v5_pas]");
    summary = rp_oops_summary(&o);
    ck_assert(strstr(summary, "kernel Oops: Unable to handle kernel paging request"));
    ck_assert(strstr(summary, "module qcom_common"));
    ck_assert(strstr(summary, "call trace: qcom_register_dump_segments"));
    rp_oops_clear(&o);

    /* from past the report: nothing more */
    ck_assert(!rp_oops_find(lines, 2 + 3, &o));
}
END_TEST

/* One line of each kind, found as that kind; clean consoles give none */
static const struct {
    const char *line;
    const char *kind;
} reports[] = {
    { "[   12.5] kernel BUG at drivers/remoteproc/remoteproc_core.c:1234!", "BUG" },
    { "[    9.0] WARNING: CPU: 0 PID: 1 at drivers/soc/qcom/smp2p.c:300 x+0x1/0x2", "WARNING" },
    { "[   20.0] Kernel panic - not syncing: Fatal exception", "panic" },
    { "[   30.0] watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [kworker:1]", "soft lockup" },
    { "[  250.0] INFO: task modprobe:80 blocked for more than 120 seconds.", "hung task" },
    { "Internal error: Oops: 96000005 [#1] SMP", "Oops" },
    { "[    1.0] remoteproc remoteproc0: remote processor adsp is now up", NULL },
    { "[    1.0] qcom_scm firmware:scm: qseecom: found qseecom with version 0x1400000", NULL },
    { "", NULL },
};

START_TEST(each_kind_recognised)
{
    g_autoptr(GPtrArray) lines = lines_of(reports[_i].line);
    RpOops o;
    gboolean found = rp_oops_find(lines, 0, &o);

    ck_assert_int_eq(found, reports[_i].kind != NULL);
    if (found) {
        ck_assert_str_eq(o.kind, reports[_i].kind);
        ck_assert_ptr_null(o.pc);
        rp_oops_clear(&o);
    }
}
END_TEST

START_TEST(no_lines_no_report)
{
    RpOops o;

    ck_assert(!rp_oops_find(NULL, 0, &o));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "recorded", recorded_oops_summarised },
        { "kinds", each_kind_recognised, G_N_ELEMENTS(reports) },
        { "kinds", no_lines_no_report },
    };

    return rp_suite_new("oops", tests, G_N_ELEMENTS(tests), NULL);
}
