/*
 * Unit tests: recognising kernel failure reports in console lines
 * (tools/rprocsim/oops.c), on recorded consoles (tests/data/console-oops.log,
 * an arm64 Oops in a module; console-oops-sysfs.log, the 6.12.118 Oops of
 * examples/patches/qcom-dump-segments-phnum.scenario) and on one-line
 * reports of each kind; when a report has ended, and panic lines.
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

/* tests/data/console-oops-sysfs.log, next to RPROCSIM_OOPS_LOG, as lines */
static GPtrArray *sysfs_oops_lines(void)
{
    g_autofree char *dir = g_path_get_dirname(g_getenv("RPROCSIM_OOPS_LOG"));
    g_autofree char *path = g_build_filename(dir, "console-oops-sysfs.log", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) err = NULL;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, &err), "%s", err->message);
    return lines_of(text);
}

/* The report has ended with its "---[ end" line, not before; its details are all there */
START_TEST(report_end_recognised)
{
    g_autoptr(GPtrArray) lines = sysfs_oops_lines();
    g_autofree char *summary = NULL;
    RpOops o;

    ck_assert(rp_oops_find(lines, 0, &o));
    ck_assert_uint_eq(o.line, 2);
    ck_assert_str_eq(o.pc, "qcom_register_dump_segments+0x48/0xd8 [qcom_common]");
    ck_assert(rp_oops_ended(lines, &o));
    summary = rp_oops_summary(&o);
    ck_assert_msg(strstr(summary, "call trace: qcom_register_dump_segments+0x48/0xd8 "
                                  "[qcom_common] < rproc_boot+0x2e0/0x390 < state_store"),
                  "%s", summary);
    /* up to its Code: line only, as the console has it mid-way */
    while (lines->len && !strstr(g_ptr_array_index(lines, lines->len - 1), "Code: ")) {
        g_ptr_array_remove_index(lines, lines->len - 1);
    }
    ck_assert_uint_gt(lines->len, o.line);
    ck_assert(!rp_oops_ended(lines, &o));
    rp_oops_clear(&o);
}
END_TEST

/*
 * A WARN in built-in code (6.12.118, the page allocator refusing a huge
 * kmalloc of qcom_mdt_read_metadata(), found by fuzz-images): the summary
 * names the first module frame as the caller
 */
START_TEST(builtin_pc_names_module_caller)
{
    g_autofree char *dir = g_path_get_dirname(g_getenv("RPROCSIM_OOPS_LOG"));
    g_autofree char *path = g_build_filename(dir, "console-warn-mdt.log", NULL);
    g_autofree char *text = NULL, *summary = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) lines = NULL;
    RpOops o;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, &err), "%s", err->message);
    lines = lines_of(text);
    ck_assert(rp_oops_find(lines, 0, &o));
    ck_assert_str_eq(o.kind, "WARNING");
    ck_assert_ptr_null(o.module);
    ck_assert_str_eq(o.caller, "qcom_mdt_read_metadata+0xec/0x1e0 [mdt_loader]");
    ck_assert_uint_eq(o.trace->len, RP_OOPS_TRACE_MAX);
    summary = rp_oops_summary(&o);
    ck_assert_msg(strstr(summary, "built-in code, called from module mdt_loader "
                                  "(qcom_mdt_read_metadata+0xec/0x1e0 [mdt_loader])"),
                  "%s", summary);
    rp_oops_clear(&o);
}
END_TEST

/* panic()'s line, wherever the console puts it; nothing else */
START_TEST(panic_line_recognised)
{
    g_autoptr(GPtrArray) lines = sysfs_oops_lines();

    ck_assert(rp_oops_is_panic("[    5.6] Kernel panic - not syncing: Oops: Fatal exception"));
    ck_assert(rp_oops_is_panic("~ # [    5.6] Kernel panic - not syncing: hung_task: blocked"));
    for (guint i = 0; i < lines->len; i++) {
        ck_assert_msg(!rp_oops_is_panic(g_ptr_array_index(lines, i)), "%s",
                      (char *)g_ptr_array_index(lines, i));
    }
}
END_TEST

/* A panic's trace (6.12.118, sysrq 'c'): the printing functions are not its top */
START_TEST(panic_trace_below_printing)
{
    g_autoptr(GPtrArray) lines = lines_of(
        "[    7.2] Kernel panic - not syncing: sysrq triggered crash\n"
        "[    7.2] CPU: 0 UID: 0 PID: 197 Comm: sh Not tainted 6.12.118+deb13-arm64 #1\n"
        "[    7.2] Call trace:\n"
        "[    7.2]  dump_backtrace+0xd8/0x130\n"
        "[    7.2]  show_stack+0x20/0x38\n"
        "[    7.2]  dump_stack_lvl+0x60/0x80\n"
        "[    7.2]  dump_stack+0x18/0x28\n"
        "[    7.2]  vpanic+0x11c/0x338\n"
        "[    7.2]  trace_suspend_resume+0x0/0x70\n"
        "[    7.2]  sysrq_handle_crash+0x20/0x28\n"
        "[    7.2]  __handle_sysrq+0xa4/0x1a8\n"
        "[    7.2] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---");
    RpOops o;

    ck_assert(rp_oops_find(lines, 0, &o));
    ck_assert_str_eq(o.kind, "panic");
    ck_assert(rp_oops_ended(lines, &o));
    ck_assert_uint_eq(o.trace->len, 3);
    ck_assert_str_eq(g_ptr_array_index(o.trace, 0), "trace_suspend_resume+0x0/0x70");
    ck_assert_str_eq(g_ptr_array_index(o.trace, 1), "sysrq_handle_crash+0x20/0x28");
    rp_oops_clear(&o);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "recorded", recorded_oops_summarised },
        { "recorded", report_end_recognised },
        { "recorded", panic_line_recognised },
        { "recorded", panic_trace_below_printing },
        { "recorded", builtin_pc_names_module_caller },
        { "kinds", each_kind_recognised, G_N_ELEMENTS(reports) },
    };

    return rp_suite_new("oops", tests, G_N_ELEMENTS(tests), NULL);
}
