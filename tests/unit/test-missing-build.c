/*
 * A missing build artefact (QEMU, guest image, firmware ELF) makes every
 * command say which make target builds it, or which option named the
 * missing file, and exit with status 2 before anything starts. Runs the
 * rprocsim command against build folders that lack one artefact each.
 *
 * Needs RPROCSIM_BIN (the rprocsim command) and RPROCSIM_SCENARIOS.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap-main.h"

/* A build folder: HAVE says which artefacts it holds */
static char *build;

enum { HAVE_QEMU = 1, HAVE_GUEST = 2 };

static void touch(const char *rel)
{
    g_autofree char *path = g_build_filename(build, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    ck_assert(g_mkdir_with_parents(dir, 0755) == 0);
    ck_assert(g_file_set_contents(path, "", 0, NULL));
}

static void make_build(int have)
{
    build = g_dir_make_tmp("rp-missing-XXXXXX", NULL);
    ck_assert(build);
    if (have & HAVE_QEMU) {
        touch("qemu/qemu-system-aarch64");
    }
    if (have & HAVE_GUEST) {
        touch("guest/Image");
        touch("guest/initramfs.cpio");
    }
}

static void remove_build(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf %s", build);

    g_spawn_command_line_sync(cmd, NULL, NULL, NULL, NULL);
    g_clear_pointer(&build, g_free);
}

/* A command against a build that lacks something, and what it must say */
static const struct {
    int have;
    const char *args;       /* after 'rprocsim'; BUILD and SCENARIOS are replaced */
    const char *says[3];
} cases[] = {
    { 0, "demo --build BUILD",
      { "no QEMU at BUILD/qemu/qemu-system-aarch64", "run 'make' (builds QEMU" } },
    { 0, "run --build BUILD SCENARIOS/start-stop.scenario",
      { "no QEMU at", "run 'make' (builds QEMU, the firmware and the stable guest image)" } },
    { 0, "bench boot --build BUILD", { "no QEMU at", "run 'make'" } },
    { 0, "shell --build BUILD", { "no QEMU at", "run 'make'" } },
    { HAVE_QEMU, "demo --build BUILD",
      { "no guest kernel at BUILD/guest/Image", "run 'make'", "--kernel" } },
    { HAVE_QEMU, "run --build BUILD --kernel-suite backports SCENARIOS/start-stop.scenario",
      { "guest-backports/Image", "'make guest KERNEL=backports'" } },
    { HAVE_QEMU | HAVE_GUEST, "run --build BUILD --kernel BUILD/nope SCENARIOS/",
      { "no guest kernel at BUILD/nope (given with --kernel)" } },
    { HAVE_QEMU | HAVE_GUEST, "demo --build BUILD",
      { "no firmware ELF at BUILD/meson/firmware-stubs/adsp.elf", "run 'make'" } },
    { HAVE_QEMU | HAVE_GUEST, "run --build BUILD SCENARIOS/wild-pointer.scenario",
      { "wild-pointer: [step", "no firmware ELF at BUILD/meson/firmware-stubs/adsp.elf",
        "run 'make'" } },
    { HAVE_QEMU | HAVE_GUEST, "inspect BUILD/qemu/qemu-system-aarch64 "
      "--firmware BUILD/meson/firmware-stubs/cdsp.elf",
      { "no firmware ELF at BUILD/meson/firmware-stubs/cdsp.elf", "run 'make'" } },
};

START_TEST(missing_artefact_names_make)
{
    const char *bin = g_getenv("RPROCSIM_BIN"), *scenarios = g_getenv("RPROCSIM_SCENARIOS");
    g_autoptr(GString) args = NULL;
    g_autofree char *cmd = NULL, *out = NULL, *err = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    ck_assert_msg(bin && scenarios, "RPROCSIM_BIN and RPROCSIM_SCENARIOS must be set");
    g_unsetenv("RPROCSIM_KERNEL_SUITE");
    g_unsetenv("RPROCSIM_PATCHES");     /* make check PATCHES=...: a stock guest here */
    make_build(cases[_i].have);
    args = g_string_new(cases[_i].args);
    g_string_replace(args, "BUILD", build, 0);
    g_string_replace(args, "SCENARIOS", scenarios, 0);
    cmd = g_strdup_printf("%s %s", bin, args->str);
    ck_assert_msg(g_spawn_command_line_sync(cmd, &out, &err, &status, &error), "%s: %s",
                  cmd, error ? error->message : "?");
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2,
                  "%s: status %d, stderr:\n%s", cmd, status, err);
    for (guint i = 0; i < G_N_ELEMENTS(cases[_i].says) && cases[_i].says[i]; i++) {
        g_autoptr(GString) want = g_string_new(cases[_i].says[i]);

        g_string_replace(want, "BUILD", build, 0);
        ck_assert_msg(strstr(err, want->str), "%s: no '%s' in:\n%s", cmd, want->str, err);
    }
    remove_build();
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "cli", missing_artefact_names_make, G_N_ELEMENTS(cases) },
    };

    return rp_suite_new("missing-build", tests, G_N_ELEMENTS(tests), NULL);
}
