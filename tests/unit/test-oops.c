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

/* One line each, "KIND|LINE" ("-" for none): found as that kind, or not at all */
static const char *const reports[] = {
    "BUG|[   12.5] kernel BUG at drivers/remoteproc/remoteproc_core.c:1234!",
    "WARNING|[    9.0] WARNING: CPU: 0 PID: 1 at drivers/soc/qcom/smp2p.c:300 x+0x1/0x2",
    "panic|[   20.0] Kernel panic - not syncing: Fatal exception",
    "soft lockup|[   30.0] watchdog: BUG: soft lockup - CPU#1 stuck for 26s! [kworker:1]",
    "hung task|[  250.0] INFO: task modprobe:80 blocked for more than 120 seconds.",
    "Oops|Internal error: Oops: 96000005 [#1] SMP",
    "-|[    1.0] remoteproc remoteproc0: remote processor adsp is now up",
    "-|[    1.0] qcom_scm firmware:scm: qseecom: found qseecom with version 0x1400000",
    "-|",
};

START_TEST(each_kind_recognised)
{
    g_auto(GStrv) kind_line = g_strsplit(reports[_i], "|", 2);
    g_autoptr(GPtrArray) lines = lines_of(kind_line[1]);
    gboolean want = strcmp(kind_line[0], "-") != 0;
    RpOops o;

    ck_assert_int_eq(rp_oops_find(lines, 0, &o), want);
    if (want) {
        ck_assert_str_eq(o.kind, kind_line[0]);
        ck_assert_ptr_null(o.pc);
        rp_oops_clear(&o);
    }
    ck_assert(!rp_oops_find(NULL, 0, &o));      /* no lines, no report */
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "recorded", recorded_oops_summarised },
        { "kinds", each_kind_recognised, G_N_ELEMENTS(reports) },
    };

    return rp_suite_new("oops", tests, G_N_ELEMENTS(tests), NULL);
}
