/*
 * Unit tests: starting QEMU, waiting for console lines and talking to the
 * agent (tools/rprocsim/vm.c), against unit/fake-qemu.py so that every
 * failure path can be provoked: missing binary, silence, early exit, agent
 * hang, closed channel, stale replies.
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
    { "close", 20, RP_VM_ERROR_AGENT },         /* the channel closes */
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
    };

    return rp_suite_new("vm", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60 });
}
