/*
 * The --patch option of the rprocsim commands (common.c), with
 * tests/unit/fake-patch-modules.sh as the patch build
 * (RPROCSIM_PATCH_SCRIPT): the script gets the build folder, suite,
 * firmware folder and absolute patches in order; its folder becomes the
 * guest; bad patches and a script's status 2 are unusable input (exit 2),
 * its other failures and a folder not of the patches exit 1. No guest
 * boots: 'bench boot --qemu /bin/false' prints the patched guest, then
 * fails to boot.
 *
 * Needs RPROCSIM_BIN, RPROCSIM_FAKE_PATCH (the fake script) and
 * RPROCSIM_SCENARIOS.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap-main.h"

/* TOP/build (with its firmware folder), TOP/guest, TOP/p1.patch, TOP/p2.patch */
static char *top;

static void put(const char *rel, const char *text)
{
    g_autofree char *path = g_build_filename(top, rel, NULL);
    g_autofree char *dir = g_path_get_dirname(path);

    ck_assert(g_mkdir_with_parents(dir, 0755) == 0);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
}

static void tree_setup(void)
{
    g_autofree char *fw = NULL;

    top = g_dir_make_tmp("rp-patch-cli-XXXXXX", NULL);
    ck_assert(top);
    fw = g_build_filename(top, "build/meson/firmware-stubs", NULL);
    ck_assert(g_mkdir_with_parents(fw, 0755) == 0);
    put("guest/Image", "");
    put("guest/initramfs.cpio", "");
    put("guest/kernel-release", "6.12.1-test\n");
    put("stock/Image", "");
    put("stock/initramfs.cpio", "");
    put("p1.patch", "--- a/x\n+++ b/x\n");
    put("p2.patch", "--- a/y\n+++ b/y\n");
    ck_assert(g_mkdir_with_parents(g_build_filename(top, "adir.patch", NULL), 0755) == 0);
}

static void tree_teardown(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", top);

    g_spawn_command_line_sync(cmd, NULL, NULL, NULL, NULL);
    g_clear_pointer(&top, g_free);
}

/*
 * One command line: ENV (VAR=VALUE, space-separated) and ARGS after
 * 'rprocsim' with TOP and SCENARIOS replaced, run in TOP; the exit status it
 * must have and what its stdout and stderr must say ("!TEXT": must not).
 */
static const struct {
    const char *env;
    const char *args;
    int status;
    const char *says[4];
} cases[] = {
    /* the script's arguments: absolute, in order; its folder is the guest */
    { "", "bench boot --build build --qemu /bin/false --runs 1 --patch p1.patch "
      "--patch TOP/p2.patch", 1,
      { "fake-patch-modules: build=TOP/build suite=stable "
        "firmware=TOP/build/meson/firmware-stubs source=linux-source "
        "patches=TOP/p1.patch TOP/p2.patch",
        "patched guest TOP/guest",
        "  patch p1.patch ", "  module qcom_common srcversion 1A2B3C4D5E6F708192A3B4C (replaced)" } },
    { "", "bench boot --build build --qemu /bin/false --runs 1 --patch p2.patch "
      "--patch p1.patch --kernel-suite backports --kernel-source stock", 1,
      { "suite=backports", "source=TOP/stock patches=TOP/p2.patch TOP/p1.patch",
        "patched guest TOP/guest" } },
    /* the environment variable, when no --patch is given */
    { "RPROCSIM_PATCHES=' p1.patch\tTOP/p2.patch '", "bench boot --build build "
      "--qemu /bin/false --runs 1", 1,
      { "patches=TOP/p1.patch TOP/p2.patch", "patched guest TOP/guest" } },
    { "RPROCSIM_PATCHES=p1.patch", "bench boot --build build --qemu /bin/false --runs 1 "
      "--patch p2.patch", 1, { "patches=TOP/p2.patch\n", "!p1.patch" } },
    /* unusable input: nothing is built */
    { "", "bench boot --build build --qemu /bin/false --patch nope.patch", 2,
      { "rprocsim bench: patch TOP/nope.patch (given with --patch): no such file",
        "!fake-patch-modules:" } },
    { "RPROCSIM_PATCHES=adir.patch", "run --build build --qemu /bin/false "
      "SCENARIOS/start-stop.scenario", 2,
      { "rprocsim run: patch TOP/adir.patch (given with RPROCSIM_PATCHES): not a regular "
        "file", "!fake-patch-modules:" } },
    { "", "bench boot --build build --qemu /bin/false --kernel-source stock", 2,
      { "--kernel-source is the tree --patch builds against" } },
    { "", "bench boot --build build --qemu /bin/false --patch p1.patch --kernel-source nope",
      2, { "no kernel source tree at TOP/nope (given with --kernel-source)" } },
    { "", "shell --build build --qemu /bin/false --patch p1.patch --kernel stock/Image", 2,
      { "rprocsim shell: patches (--patch) make a guest image of their own",
        "do not go with --kernel", "!fake-patch-modules:" } },
    { "", "bench boot --build TOP/nobuild --qemu /bin/false --patch p1.patch", 2,
      { "no firmware images at TOP/nobuild/meson/firmware-stubs", "run 'make'" } },
    /* what the script says about the patches: its words, status 2 */
    { "FAKE_PATCH_EXIT=2", "run --build build --qemu /bin/false --patch p1.patch "
      "SCENARIOS/start-stop.scenario", 2,
      { "fake-patch-modules: failing with status 2 as asked",
        "rprocsim run: the patches are not usable: ", "exited with status 2" } },
    { "FAKE_PATCH_EXIT=2", "demo --build build --qemu /bin/false --patch p1.patch", 2,
      { "rprocsim demo: the patches are not usable" } },
    /* set-up failures: status 1 */
    { "FAKE_PATCH_EXIT=1", "demo --build build --qemu /bin/false --patch p1.patch", 1,
      { "fake-patch-modules: failing with status 1 as asked",
        "rprocsim demo: the patch build failed: ", "fake-patch-modules.sh exited with status 1" } },
    { "FAKE_PATCH_EXIT=7", "shell --build build --qemu /bin/false --patch p1.patch", 1,
      { "rprocsim shell: the patch build failed: ", "exited with status 7" } },
    { "RPROCSIM_PATCH_SCRIPT=TOP/none.sh", "bench --build build --qemu /bin/false "
      "--patch p1.patch", 1, { "rprocsim bench: no patch build script at TOP/none.sh" } },
    { "FAKE_PATCH_GUEST=TOP/nope FAKE_PATCH_KEEP=1", "bench --build build --qemu /bin/false "
      "--patch p1.patch", 1, { "its last line of output, 'TOP/nope', is not the absolute "
                               "path of a folder" } },
    { "FAKE_PATCH_GUEST=stock FAKE_PATCH_KEEP=1", "bench --build build --qemu /bin/false "
      "--patch p1.patch", 1, { "'stock', is not the absolute path" } },
    { "FAKE_PATCH_GUEST=TOP/stock FAKE_PATCH_KEEP=1", "bench --build build --qemu /bin/false "
      "--patch p1.patch", 1, { "the patched guest of ", "TOP/stock/patched.txt" } },
    { "FAKE_PATCH_MODULES='qcom_common XYZ kernel/a.ko'", "bench --build build "
      "--qemu /bin/false --patch p1.patch", 1,
      { "the patched guest of ", "TOP/guest/patched.txt line 2: a module SRCVERSION is hex" } },
};

/* A guest folder named by the script, but of other patches */
START_TEST(folder_of_other_patches)
{
    const char *bin = g_getenv("RPROCSIM_BIN"), *fake = g_getenv("RPROCSIM_FAKE_PATCH");
    g_autofree char *out = NULL, *err = NULL, *guest = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) envp = g_get_environ();
    int status;
    const char *argv[] = { bin, "bench", "--build", "build", "--qemu", "/bin/false",
                           "--patch", "p1.patch", "--patch", "p2.patch", NULL };

    guest = g_build_filename(top, "guest", NULL);
    put("guest/patched.txt", "patch p1.patch "
        "0000000000000000000000000000000000000000000000000000000000000000\n"
        "patch p2.patch 0000000000000000000000000000000000000000000000000000000000000000\n"
        "module qcom_common 1A2B kernel/qcom_common.ko\n");
    envp = g_environ_setenv(envp, "RPROCSIM_PATCH_SCRIPT", fake, TRUE);
    envp = g_environ_setenv(envp, "FAKE_PATCH_GUEST", guest, TRUE);
    envp = g_environ_setenv(envp, "FAKE_PATCH_KEEP", "1", TRUE);
    envp = g_environ_unsetenv(envp, "RPROCSIM_PATCHES");
    ck_assert(g_spawn_sync(top, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error));
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 1, "status %d:\n%s", status, err);
    ck_assert_msg(strstr(err, "patched.txt lists patch 1 as p1.patch 0000"), "%s", err);
    ck_assert_msg(strstr(err, "(the folder is not of these patches)"), "%s", err);

    /* one patch fewer than it lists */
    argv[8] = NULL;
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    ck_assert(g_spawn_sync(top, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error));
    ck_assert_msg(strstr(err, "patched.txt lists 2 patches, but 1 were given"), "%s", err);
}
END_TEST

/* A guest folder that has patched.txt is reported as patched without --patch */
START_TEST(patched_folder_without_option)
{
    const char *bin = g_getenv("RPROCSIM_BIN");
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) envp = g_environ_unsetenv(g_get_environ(), "RPROCSIM_PATCHES");
    int status;
    const char *argv[] = { bin, "bench", "boot", "--build", ".", "--qemu", "/bin/false",
                           "--runs", "1", NULL };

    envp = g_environ_unsetenv(envp, "RPROCSIM_KERNEL_SUITE");
    put("guest/patched.txt", "patch p1.patch "
        "0000000000000000000000000000000000000000000000000000000000000000\n"
        "module qcom_common 1A2B kernel/qcom_common.ko\n");
    ck_assert(g_spawn_sync(top, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error));
    ck_assert_msg(strstr(out, "patched guest ./guest\n"), "%s", out);
    ck_assert_msg(strstr(out, "  module qcom_common srcversion 1A2B (replaced)"), "%s", out);

    put("guest/patched.txt", "patch p1.patch\n");
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    ck_assert(g_spawn_sync(top, (char **)argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error));
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 2, "status %d:\n%s", status, err);
    ck_assert_msg(strstr(err, "./guest/patched.txt line 1: a patch line is"), "%s", err);
}
END_TEST

/* Each command's --help says what --patch does */
static const char *const helps[] = { "demo", "run", "shell", "bench" };

START_TEST(help_mentions_patch)
{
    const char *bin = g_getenv("RPROCSIM_BIN");
    g_autofree char *cmd = g_strdup_printf("%s %s --help-all", bin, helps[_i]);
    g_autofree char *out = NULL;
    int status;

    ck_assert(g_spawn_command_line_sync(cmd, &out, NULL, &status, NULL));
    ck_assert_msg(strstr(out, "With --patch FILE (repeatable"), "%s", out);
    ck_assert_msg(strstr(out, "--patch=FILE"), "%s", out);
    ck_assert_msg(strstr(out, "--kernel-source=DIR"), "%s", out);
}
END_TEST

static char *replaced(const char *text)
{
    g_autoptr(GString) s = g_string_new(text);

    g_string_replace(s, "SCENARIOS", g_getenv("RPROCSIM_SCENARIOS"), 0);
    g_string_replace(s, "TOP", top, 0);
    return g_strdup(s->str);
}

START_TEST(patch_option)
{
    const char *bin = g_getenv("RPROCSIM_BIN"), *fake = g_getenv("RPROCSIM_FAKE_PATCH");
    g_autofree char *env = replaced(cases[_i].env), *args = replaced(cases[_i].args);
    g_autofree char *guest = g_build_filename(top, "guest", NULL);
    g_autofree char *cmd = NULL, *out = NULL, *err = NULL, *both = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;

    ck_assert_msg(bin && fake && g_getenv("RPROCSIM_SCENARIOS"),
                  "RPROCSIM_BIN, RPROCSIM_FAKE_PATCH and RPROCSIM_SCENARIOS must be set");
    /* through sh: the case's environment words, quoting and all */
    cmd = g_strdup_printf("cd '%s' && env -u RPROCSIM_PATCHES -u RPROCSIM_KERNEL_SUITE "
                          "RPROCSIM_PATCH_SCRIPT='%s' FAKE_PATCH_GUEST='%s' %s '%s' %s",
                          top, fake, guest, env, bin, args);
    {
        const char *argv[] = { "/bin/sh", "-c", cmd, NULL };

        ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
    }
    both = g_strconcat(out, err, NULL);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == cases[_i].status,
                  "%s: status %d, not %d:\n%s", cmd, WEXITSTATUS(status), cases[_i].status,
                  both);
    for (guint i = 0; i < G_N_ELEMENTS(cases[_i].says) && cases[_i].says[i]; i++) {
        const char *says = cases[_i].says[i];
        gboolean not = *says == '!';
        g_autofree char *want = replaced(says + not);

        ck_assert_msg((strstr(both, want) == NULL) == not, "%s: %s '%s' in:\n%s", cmd,
                      not ? "unwanted" : "no", want, both);
    }
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "cli", patch_option, G_N_ELEMENTS(cases) },
        { "cli", folder_of_other_patches },
        { "cli", patched_folder_without_option },
        { "cli", help_mentions_patch, G_N_ELEMENTS(helps) },
    };

    return rp_suite_new("patch-cli", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = tree_setup, .teardown = tree_teardown });
}
