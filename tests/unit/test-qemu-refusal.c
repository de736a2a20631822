/*
 * The real QEMU refuses an option: every command that starts it (demo, run,
 * bench, shell, and the test fixtures' path through vm.c) shows QEMU's own
 * message and the rprocsim option behind the QEMU option it names. QEMU
 * exits at once, so no guest boots: the kernel and initramfs are empty
 * files. Suite qtest (real QEMU, no guest image).
 *
 * Needs RPROCSIM_BIN (the rprocsim command), RPROCSIM_BUILD (the build
 * folder with qemu/) and RPROCSIM_SCENARIOS (scenarios/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "common.h"

/* An empty kernel and initramfs QEMU never gets to load */
static char *tmp_dir, *empty;

static void make_files(void)
{
    tmp_dir = g_dir_make_tmp("rp-refusal-XXXXXX", NULL);
    ck_assert(tmp_dir);
    empty = g_build_filename(tmp_dir, "empty", NULL);
    ck_assert(g_file_set_contents(empty, "", 0, NULL));
}

static void remove_files(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf %s", tmp_dir);

    g_spawn_command_line_sync(cmd, NULL, NULL, NULL, NULL);
    g_clear_pointer(&empty, g_free);
    g_clear_pointer(&tmp_dir, g_free);
}

/* A command line QEMU refuses, and what the user must read */
static const struct {
    const char *args;       /* after 'rprocsim', before the build options */
    const char *qemu_said;  /* QEMU's own words */
    const char *option;     /* the rprocsim option named */
} refusals[] = {
    { "run --mem 384 SCENARIOS/start-stop.scenario",
      "outside the supported range", "--mem" },
    { "demo --mem 384", "outside the supported range", "--mem" },
    { "bench boot --runs 1 --smp 64", "Invalid SMP CPUs", "--smp" },
    { "bench subsystems --runs 1 --cpu cortex-a15", "Invalid CPU model", "--cpu" },
    { "shell --mem 384", "outside the supported range", "--mem" },
};

START_TEST(command_shows_qemu_refusal)
{
    const char *bin = g_getenv("RPROCSIM_BIN"), *build = g_getenv("RPROCSIM_BUILD");
    const char *scenarios = g_getenv("RPROCSIM_SCENARIOS");
    g_autofree char *args = NULL, *cmd = NULL, *out = NULL, *err = NULL, *all = NULL;
    g_autoptr(GString) a = NULL;
    g_autoptr(GError) error = NULL;
    gint64 t0 = g_get_monotonic_time();
    int status = 0;

    ck_assert_msg(bin && build && scenarios,
                  "RPROCSIM_BIN, RPROCSIM_BUILD and RPROCSIM_SCENARIOS must be set");
    /* the stock guest: make check PATCHES=... does not change what QEMU refuses */
    g_unsetenv("RPROCSIM_PATCHES");
    a = g_string_new(refusals[_i].args);
    g_string_replace(a, "SCENARIOS", scenarios, 0);
    cmd = g_strdup_printf("%s %s --build %s --kernel %s --initrd %s --out %s", bin, a->str,
                          build, empty, empty, tmp_dir);
    if (g_str_has_prefix(refusals[_i].args, "bench") ||
        g_str_has_prefix(refusals[_i].args, "shell")) {
        /* bench and shell have no --out */
        g_free(cmd);
        cmd = g_strdup_printf("%s %s --build %s --kernel %s --initrd %s", bin, a->str,
                              build, empty, empty);
    }
    ck_assert_msg(g_spawn_command_line_sync(cmd, &out, &err, &status, &error), "%s: %s",
                  cmd, error ? error->message : "?");
    all = g_strconcat(out, err, NULL);
    ck_assert_msg(!g_spawn_check_wait_status(status, NULL), "%s succeeded:\n%s", cmd, all);
    ck_assert_msg(strstr(all, refusals[_i].qemu_said), "%s: no '%s' in:\n%s", cmd,
                  refusals[_i].qemu_said, all);
    ck_assert_msg(strstr(all, refusals[_i].option), "%s: no '%s' in:\n%s", cmd,
                  refusals[_i].option, all);
    ck_assert_msg(!strstr(all, "connection closed"), "%s:\n%s", cmd, all);
    /* QEMU exits at once; nothing waits for a boot */
    ck_assert_int_lt(g_get_monotonic_time() - t0, 30 * G_USEC_PER_SEC);
}
END_TEST

/* The fixtures' path: qtest, then QMP, with the agent, as the system tests open them */
START_TEST(vm_shows_qemu_refusal)
{
    g_autofree char *qemu = g_build_filename(g_getenv("RPROCSIM_BUILD"), "qemu",
                                             "qemu-system-aarch64", NULL);
    RpVmConfig cfg = {
        .qemu = qemu, .machine = RP_SIM_MACHINE, .cpu = rprocsim_board_default()->ap_cpu, .smp = 5,
        .mem_mib = 384, .kernel = empty, .initrd = empty, .agent = TRUE,
        .qtest = TRUE, .qmp = TRUE, .accel = "qtest",
    };
    g_autoptr(GError) err = NULL;
    g_autoptr(RpVm) vm = rp_vm_start(&cfg, &err);
    gboolean up;

    ck_assert_msg(vm, "%s", err ? err->message : "?");
    up = rp_vm_qtest(vm, 30, &err) && rp_vm_qmp(vm, 30, &err);
    ck_assert_msg(!up, "QEMU took -m 384M");
    ck_assert_msg(g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_EXITED), "%s", err->message);
    ck_assert_msg(strstr(err->message, "-m 384M is outside the supported range"), "%s",
                  err->message);
    ck_assert_msg(strstr(err->message, "rprocsim's --mem"), "%s", err->message);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "cli", command_shows_qemu_refusal, G_N_ELEMENTS(refusals) },
        { "vm", vm_shows_qemu_refusal },
    };

    return rp_suite_new("qemu-refusal", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60, .setup = make_files,
                                           .teardown = remove_files });
}
