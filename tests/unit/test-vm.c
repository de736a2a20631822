/*
 * Unit tests: starting QEMU, waiting for console lines and talking to the
 * agent (tools/rprocsim/vm.c), against unit/fake-qemu.py so that every
 * failure path can be provoked: missing binary, silence, early exit, agent
 * hang, closed channel, stale replies, and kernel reports on the console
 * (a recorded Oops, a soft lockup, a panic) ending the waits and the agent.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "../tap-main.h"
#include "vm.h"

/* How fake-qemu.py is started */
typedef struct FakeQemu {
    const char *mode;           /* its FAKE_QEMU behaviour: ready, silent, die, agent,
                                   qmp-die, qmp-greet-die */
    gboolean agent;             /* with the agent channel */
    gboolean qmp;               /* with a QMP monitor */
    int mem_mib;                /* -m, 0 for none */
    const char *log;            /* console log file, or NULL */
} FakeQemu;

static RpVm *start(const FakeQemu *f)
{
    RpVmConfig cfg = {
        .qemu = g_getenv("RPROCSIM_FAKE_QEMU"),
        .machine = "fake",
        .kernel = "Image",
        .agent = f->agent,
        .qmp = f->qmp,
        .mem_mib = f->mem_mib,
        .console_log = f->log,
    };
    g_autoptr(GError) err = NULL;
    RpVm *vm;

    ck_assert_msg(cfg.qemu, "RPROCSIM_FAKE_QEMU is not set");
    g_setenv("FAKE_QEMU", f->mode, TRUE);
    vm = rp_vm_start(&cfg, &err);
    ck_assert_msg(vm, "start: %s", err ? err->message : "?");
    return vm;
}

/* fake-qemu.py with the agent */
static const FakeQemu agent = { .mode = "agent", .agent = TRUE };

START_TEST(missing_binary)
{
    RpVmConfig cfg = { .qemu = "/nonexistent/qemu-system-aarch64",
                       .machine = "fake", .kernel = "Image" };
    g_autoptr(GError) err = NULL;

    ck_assert_ptr_null(rp_vm_start(&cfg, &err));
    ck_assert_ptr_nonnull(err);
    ck_assert(strstr(err->message, "cannot start /nonexistent/qemu-system-aarch64"));
}
END_TEST

START_TEST(console_marker_and_log)
{
    g_autofree char *dir = g_dir_make_tmp("rp-vm-XXXXXX", NULL);
    g_autofree char *log = g_build_filename(dir, "console.log", NULL);
    g_autofree char *line = NULL, *text = NULL;
    g_autoptr(GError) err = NULL;
    RpVm *vm = start(&(FakeQemu){ .mode = "ready", .log = log });
    double at = -1;

    line = rp_vm_wait_console(vm, "RPROCSIM-READY ", 20, &at, &err);
    ck_assert_msg(line, "%s", err ? err->message : "?");
    ck_assert_str_eq(line, "RPROCSIM-READY kernel=6.12.0-fake uptime=0.50");
    ck_assert(at > 0 && at <= rp_vm_elapsed(vm));
    ck_assert_uint_eq(rp_vm_console_lines(vm)->len, 2);
    rp_vm_free(vm);

    ck_assert(g_file_get_contents(log, &text, NULL, NULL));
    ck_assert(strstr(text, "Booting Linux"));
    ck_assert(strstr(text, "RPROCSIM-READY"));
    g_unlink(log);
    g_rmdir(dir);
}
END_TEST

START_TEST(console_timeout_is_bounded)
{
    g_autoptr(GError) err = NULL;
    RpVm *vm = start(&(FakeQemu){ .mode = "silent" });
    gint64 t0 = g_get_monotonic_time();

    ck_assert_ptr_null(rp_vm_wait_console(vm, "RPROCSIM-READY ", 0.3, NULL, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT));
    ck_assert_int_lt(g_get_monotonic_time() - t0, 5 * G_USEC_PER_SEC);
    rp_vm_free(vm);
}
END_TEST

START_TEST(qemu_exit_is_reported)
{
    g_autoptr(GError) err = NULL;
    RpVm *vm = start(&(FakeQemu){ .mode = "die" });

    ck_assert_ptr_null(rp_vm_wait_console(vm, "RPROCSIM-READY ", 20, NULL, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_EXITED));
    ck_assert_msg(strstr(err->message, "exited with status 3"), "%s", err->message);
    ck_assert_msg(strstr(err->message, "unsupported option"), "%s", err->message);
    rp_vm_free(vm);
}
END_TEST

/* QEMU that connects to QMP and then exits: its own words, not "connection closed" */
static const char *const qmp_deaths[] = { "qmp-die", "qmp-greet-die" };

START_TEST(qemu_exit_during_qmp_is_reported)
{
    g_autoptr(GError) err = NULL;
    RpVm *vm = start(&(FakeQemu){ .mode = qmp_deaths[_i], .agent = TRUE, .qmp = TRUE,
                                  .mem_mib = 384 });

    ck_assert_ptr_null(rp_vm_qmp(vm, 20, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_EXITED), "%s: %s",
                  qmp_deaths[_i], err ? err->message : "no error");
    ck_assert_msg(strstr(err->message, "exited with status 1"), "%s", err->message);
    ck_assert_msg(strstr(err->message, "-m 384M is outside the supported range"), "%s",
                  err->message);
    ck_assert_msg(strstr(err->message, "rprocsim's --mem"), "%s", err->message);
    rp_vm_free(vm);
}
END_TEST

/* Which rprocsim option a QEMU message is about */
static const struct {
    const char *said;
    const char *option;     /* NULL: none */
} hints[] = {
    { "qemu: qcs6490-sim: -m 384M is outside the supported range 512M..16384M "
      "(the kernel, initrd and DTB go above the carveouts)", "--mem" },
    { "qemu: cannot set up guest memory 'qcs6490.ddr': Cannot allocate memory", "--mem" },
    { "qemu: Invalid SMP CPUs 67. The max CPUs supported by machine 'x' is 11", "--smp" },
    { "qemu: Invalid CPU topology: CPU topology parameters must be greater than zero",
      "--smp" },
    { "qemu: unable to find CPU model 'foo'", "--cpu" },
    { "qemu: Invalid CPU model: cortex-a15", "--cpu" },
    { "qemu: could not load initrd '/x/initramfs.cpio'", "--initrd" },
    { "qemu: could not load kernel '/x/Image'", "--kernel" },
    { "qemu: something else entirely", NULL },
};

START_TEST(qemu_option_hint)
{
    RpVmConfig cfg = { .qemu = "qemu", .machine = "fake", .cpu = "foo", .smp = 67,
                       .mem_mib = 384, .kernel = "/x/Image",
                       .initrd = "/x/initramfs.cpio", .append = "console=ttyAMA0" };
    g_autofree char *hint = rp_vm_option_hint(&cfg, hints[_i].said);

    if (!hints[_i].option) {
        ck_assert_msg(!hint, "%s: %s", hints[_i].said, hint);
        return;
    }
    ck_assert_msg(hint && strstr(hint, hints[_i].option), "%s: %s", hints[_i].said,
                  hint ? hint : "no hint");
    /* only options rprocsim passed are named */
    cfg.mem_mib = 0;
    cfg.smp = 0;
    cfg.cpu = cfg.kernel = cfg.initrd = NULL;
    g_clear_pointer(&hint, g_free);
    hint = rp_vm_option_hint(&cfg, hints[_i].said);
    ck_assert_msg(!hint, "%s: %s", hints[_i].said, hint);
}
END_TEST

START_TEST(agent_roundtrip)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL, *out2 = NULL, *out3 = NULL;
    RpVm *vm = start(&agent);
    int status = -1;

    ck_assert_msg(rp_vm_agent_run(vm, "echo hello guest", 20, &out, &status, &err),
                  "%s", err ? err->message : "?");
    ck_assert_str_eq(out, "hello guest\n");
    ck_assert_int_eq(status, 0);
    ck_assert(rp_vm_agent_run(vm, "false", 20, &out2, &status, &err));
    ck_assert_str_eq(out2, "");
    ck_assert_int_eq(status, 1);
    /* an end line for an earlier request is not taken for this one */
    ck_assert(rp_vm_agent_run(vm, "stale", 20, &out3, &status, &err));
    ck_assert_int_eq(status, 0);
    rp_vm_free(vm);
}
END_TEST

/* Agent requests that must fail, each in its own way */
static const struct {
    const char *command;
    double timeout_s;
    RpVmError error;
} agent_failures[] = {
    { "hang", 0.5, RP_VM_ERROR_TIMEOUT },       /* the wait is bounded */
    { "close", 20, RP_VM_ERROR_GONE },          /* the channel closes */
    { "exit", 20, RP_VM_ERROR_EXITED },         /* QEMU exits */
    { "oops", 0.5, RP_VM_ERROR_TIMEOUT },       /* an Oops not watched for changes nothing */
};

START_TEST(agent_failure_is_reported)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status = -1;
    RpVm *vm = start(&agent);

    ck_assert(!rp_vm_agent_run(vm, agent_failures[_i].command, agent_failures[_i].timeout_s,
                               &out, &status, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, agent_failures[_i].error), "%s: %s",
                  agent_failures[_i].command, err ? err->message : "no error");
    ck_assert_ptr_null(out);
    if (agent_failures[_i].error != RP_VM_ERROR_TIMEOUT) {
        g_autoptr(GError) again = NULL;
        const char *gone = rp_vm_agent_gone(vm);

        /* a dead agent: the reason, and every later command fails with it */
        ck_assert_msg(gone && g_str_has_prefix(gone, "guest agent gone: "), "%s",
                      gone ? gone : "not gone");
        ck_assert_str_eq(err->message, gone);
        ck_assert(!rp_vm_agent_run(vm, "echo again", 20, &out, &status, &again));
        ck_assert(g_error_matches(again, RP_VM_ERROR, agent_failures[_i].error));
        ck_assert_str_eq(again->message, gone);
    } else {
        ck_assert_ptr_null(rp_vm_agent_gone(vm));
    }
    rp_vm_free(vm);
}
END_TEST

/* fake-qemu.py with the agent, once the agent answers; *@mark: the console so far */
static RpVm *start_agent(guint *mark)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;
    RpVm *vm = start(&agent);
    int status;

    ck_assert_msg(rp_vm_agent_run(vm, "echo up", 20, &out, &status, &err), "%s",
                  err ? err->message : "?");
    *mark = rp_vm_console_mark(vm);
    return vm;
}

/* The recorded Oops (data/console-oops-sysfs.log), summarised whole */
static void assert_recorded_oops(const char *msg)
{
    ck_assert_msg(strstr(msg, "kernel Oops: Unable to handle kernel paging request"), "%s", msg);
    ck_assert_msg(strstr(msg, "pc qcom_register_dump_segments+0x48/0xd8 [qcom_common]; "
                              "module qcom_common"), "%s", msg);
    ck_assert_msg(strstr(msg, " < rproc_boot+0x2e0/0x390 < "), "%s", msg);
}

/*
 * A watched Oops ends an agent command that never returns and any console
 * wait, at once (with timeouts of 60 s these would otherwise time out);
 * the command left behind never finishing, the agent is gone.
 */
START_TEST(watched_oops_ends_waits)
{
    g_autoptr(GError) err = NULL, err2 = NULL, err3 = NULL, err4 = NULL;
    char *out = NULL;
    int status;
    guint mark;
    RpVm *vm = start_agent(&mark);

    rp_vm_watch_oops(vm, mark);
    ck_assert(!rp_vm_agent_run(vm, "oops", 60, &out, &status, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS), "%s", err->message);
    assert_recorded_oops(err->message);
    ck_assert_ptr_null(rp_vm_agent_gone(vm));

    ck_assert_ptr_null(rp_vm_wait_console_after(vm, mark, "never printed", 60, NULL, NULL,
                                                &err2));
    ck_assert(g_error_matches(err2, RP_VM_ERROR, RP_VM_ERROR_OOPS));
    ck_assert_str_eq(err2->message, err->message);

    /* the next pass: its own mark; 'oops' does not finish in the time it is given */
    rp_vm_watch_oops(vm, rp_vm_console_mark(vm));
    ck_assert(!rp_vm_agent_run(vm, "echo next", 60, &out, &status, &err3));
    ck_assert_msg(g_error_matches(err3, RP_VM_ERROR, RP_VM_ERROR_GONE), "%s", err3->message);
    ck_assert_msg(g_str_has_prefix(err3->message, "guest agent gone: 'oops' did not finish"),
                  "%s", err3->message);
    assert_recorded_oops(err3->message);
    ck_assert_str_eq(rp_vm_agent_gone(vm), err3->message);
    ck_assert(!rp_vm_agent_run(vm, "echo again", 60, &out, &status, &err4));
    ck_assert(g_error_matches(err4, RP_VM_ERROR, RP_VM_ERROR_GONE));
    ck_assert_ptr_null(out);
    rp_vm_free(vm);
}
END_TEST

/* A command left at an Oops that does finish: its answer is dropped, the agent goes on */
START_TEST(oops_left_command_finishes)
{
    g_autoptr(GError) err = NULL, err2 = NULL;
    g_autofree char *out = NULL;
    int status = -1;
    guint mark;
    RpVm *vm = start_agent(&mark);

    rp_vm_watch_oops(vm, mark);
    ck_assert(!rp_vm_agent_run(vm, "oops-late", 60, &out, &status, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS));
    rp_vm_watch_oops(vm, rp_vm_console_mark(vm));
    ck_assert_msg(rp_vm_agent_run(vm, "echo next", 60, &out, &status, &err2), "%s",
                  err2 ? err2->message : "?");
    ck_assert_str_eq(out, "next\n");
    ck_assert_int_eq(status, 0);
    ck_assert_ptr_null(rp_vm_agent_gone(vm));
    rp_vm_free(vm);
}
END_TEST

/* A report without an end line is read until the console is quiet: its pc came later */
START_TEST(report_without_end_read_whole)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status;
    guint mark;
    RpVm *vm = start_agent(&mark);

    rp_vm_watch_oops(vm, mark);
    ck_assert(!rp_vm_agent_run(vm, "lockup", 60, &out, &status, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS), "%s", err->message);
    ck_assert_msg(g_str_has_prefix(err->message, "kernel soft lockup: watchdog: BUG: soft "
                                                 "lockup"), "%s", err->message);
    ck_assert_msg(strstr(err->message, "pc spin+0x4/0x8 [spinmod]; module spinmod"), "%s",
                  err->message);
    rp_vm_free(vm);
}
END_TEST

/*
 * A panic (QEMU then exits, -no-reboot): the agent is gone with the
 * panic and the console's Oops as the reason; watched, the wait ends on
 * the Oops first, and the agent is gone all the same.
 */
START_TEST(panic_leaves_agent_gone)
{
    g_autoptr(GError) err = NULL, err2 = NULL;
    char *out = NULL;
    int status;
    guint mark;
    gboolean watch = _i;
    RpVm *vm = start_agent(&mark);
    const char *gone;

    if (watch) {
        rp_vm_watch_oops(vm, mark);
    }
    ck_assert(!rp_vm_agent_run(vm, "panic", 60, &out, &status, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, watch ? RP_VM_ERROR_OOPS : RP_VM_ERROR_GONE),
                  "%s", err->message);
    assert_recorded_oops(err->message);
    /* the panic may come after the pass stopped at the Oops; the next command sees it */
    rp_vm_watch_oops(vm, G_MAXUINT);
    ck_assert(!rp_vm_agent_run(vm, "echo again", 60, &out, &status, &err2));
    ck_assert_msg(g_error_matches(err2, RP_VM_ERROR, RP_VM_ERROR_GONE), "%s", err2->message);
    gone = rp_vm_agent_gone(vm);
    ck_assert_msg(gone && g_str_has_prefix(gone, "guest agent gone: the kernel panicked; "),
                  "%s", gone ? gone : "not gone");
    assert_recorded_oops(gone);
    ck_assert_str_eq(err2->message, gone);
    rp_vm_free(vm);
}
END_TEST

START_TEST(agent_refuses_bad_requests)
{
    g_autoptr(GError) err = NULL, err2 = NULL;
    char *out = NULL;
    int status = -1;
    RpVm *vm = start(&agent);
    RpVm *plain = start(&(FakeQemu){ .mode = "ready" });

    ck_assert(!rp_vm_agent_run(vm, "echo a\necho b", 20, &out, &status, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_AGENT));
    ck_assert(!rp_vm_agent_run(plain, "true", 20, &out, &status, &err2));
    ck_assert(g_error_matches(err2, RP_VM_ERROR, RP_VM_ERROR_AGENT));
    rp_vm_free(vm);
    rp_vm_free(plain);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "fake-qemu", missing_binary },
        { "fake-qemu", console_marker_and_log },
        { "fake-qemu", console_timeout_is_bounded },
        { "fake-qemu", qemu_exit_is_reported },
        { "fake-qemu", qemu_exit_during_qmp_is_reported, G_N_ELEMENTS(qmp_deaths) },
        { "hint", qemu_option_hint, G_N_ELEMENTS(hints) },
        { "fake-qemu", agent_roundtrip },
        { "fake-qemu", agent_failure_is_reported, G_N_ELEMENTS(agent_failures) },
        { "fake-qemu", agent_refuses_bad_requests },
        { "oops", watched_oops_ends_waits },
        { "oops", oops_left_command_finishes },
        { "oops", report_without_end_read_whole },
        { "oops", panic_leaves_agent_gone, 2 },
    };

    return rp_suite_new("vm", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60 });
}
