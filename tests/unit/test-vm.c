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

static RpVm *start(const char *mode, gboolean agent, const char *log)
{
    RpVmConfig cfg = {
        .qemu = g_getenv("RPROCSIM_FAKE_QEMU"),
        .machine = "fake",
        .kernel = "Image",
        .agent = agent,
        .console_log = log,
    };
    g_autoptr(GError) err = NULL;
    RpVm *vm;

    ck_assert_msg(cfg.qemu, "RPROCSIM_FAKE_QEMU is not set");
    g_setenv("FAKE_QEMU", mode, TRUE);
    vm = rp_vm_start(&cfg, &err);
    ck_assert_msg(vm, "start: %s", err ? err->message : "?");
    return vm;
}

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
    RpVm *vm = start("ready", FALSE, log);
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
    RpVm *vm = start("silent", FALSE, NULL);
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
    RpVm *vm = start("die", FALSE, NULL);

    ck_assert_ptr_null(rp_vm_wait_console(vm, "RPROCSIM-READY ", 20, NULL, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_EXITED));
    ck_assert_msg(strstr(err->message, "exited with status 3"), "%s", err->message);
    ck_assert_msg(strstr(err->message, "unsupported option"), "%s", err->message);
    rp_vm_free(vm);
}
END_TEST

START_TEST(agent_roundtrip)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL, *out2 = NULL, *out3 = NULL;
    RpVm *vm = start("agent", TRUE, NULL);
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

START_TEST(agent_hang_is_bounded)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status = -1;
    RpVm *vm = start("agent", TRUE, NULL);

    ck_assert(!rp_vm_agent_run(vm, "hang", 0.5, &out, &status, &err));
    ck_assert(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT));
    ck_assert_ptr_null(out);
    rp_vm_free(vm);
}
END_TEST

START_TEST(agent_channel_closed)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status = -1;
    RpVm *vm = start("agent", TRUE, NULL);

    ck_assert(!rp_vm_agent_run(vm, "close", 20, &out, &status, &err));
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_AGENT), "%s",
                  err->message);
    rp_vm_free(vm);
}
END_TEST

START_TEST(agent_refuses_bad_requests)
{
    g_autoptr(GError) err = NULL, err2 = NULL;
    char *out = NULL;
    int status = -1;
    RpVm *vm = start("agent", TRUE, NULL);
    RpVm *plain = start("ready", FALSE, NULL);

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
        { "fake-qemu", agent_roundtrip },
        { "fake-qemu", agent_hang_is_bounded },
        { "fake-qemu", agent_channel_closed },
        { "fake-qemu", agent_refuses_bad_requests },
    };

    return rp_suite_new("vm", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60 });
}
