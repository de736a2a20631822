/*
 * The command line of a split run: 'rprocsim junit-merge' merges shard
 * files (exit 1 when a merged case failed, 2 for a file it cannot read,
 * naming it and the place) and 'rprocsim run' refuses a --shard, -j or --time it
 * cannot use, before anything starts. 'rprocsim bench matrix' refuses a
 * folder that is not one board's set and runs each set through
 * 'rprocsim run' with the guest options it was given, here against a
 * build whose QEMU cannot start: every pass fails, and says so.
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

static char *dir;

static const char shard_ok[] =
    "<testsuite name=\"rprocsim scenarios\" tests=\"1\" failures=\"0\">\n"
    "  <properties><property name=\"patch\" value=\"0001-x.patch 3f5a\"/></properties>\n"
    "  <testcase classname=\"start-stop\" name=\"adsp\" time=\"1.000\">\n"
    "    <system-out>[step 1] ensure running</system-out>\n  </testcase>\n</testsuite>\n";
static const char shard_failed[] =
    "<testsuite name=\"rprocsim scenarios\" tests=\"2\" failures=\"1\">\n"
    "  <properties><property name=\"patch\" value=\"0001-x.patch 3f5a\"/></properties>\n"
    "  <testcase classname=\"crash\" name=\"cdsp\" time=\"2.000\">\n"
    "    <failure message=\"no kernel message\"/><system-out/>\n  </testcase>\n"
    "  <testcase classname=\"wdog\" name=\"wpss\" time=\"3.000\"><system-out/></testcase>\n"
    "</testsuite>\n";

static char *write_file(const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);

    ck_assert(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* rprocsim @args (SCENARIOS and DIR replaced); its exit status, *@err its stderr */
static int rprocsim(const char *args, char **err)
{
    g_autofree char *bin = g_strdup(g_getenv("RPROCSIM_BIN"));
    g_autoptr(GString) line = g_string_new(args);
    g_auto(GStrv) argv = NULL;
    g_autoptr(GError) error = NULL;
    int status = -1;

    ck_assert_ptr_nonnull(bin);
    g_string_replace(line, "SCENARIOS", g_getenv("RPROCSIM_SCENARIOS"), 0);
    g_string_replace(line, "DIR", dir, 0);
    g_string_prepend(line, " ");
    g_string_prepend(line, bin);
    ck_assert(g_shell_parse_argv(line->str, NULL, &argv, &error));
    ck_assert_msg(g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                               err, &status, &error), "%s", error ? error->message : "");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static guint count(const char *text, const char *what)
{
    guint n = 0;

    for (const char *p = text; (p = strstr(p, what)); p++) {
        n++;
    }
    return n;
}

static void setup(void)
{
    dir = g_dir_make_tmp(NULL, NULL);
    ck_assert(dir);
}

static void teardown(void)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);

    g_spawn_command_line_sync(cmd, NULL, NULL, NULL, NULL);
    g_clear_pointer(&dir, g_free);
}

START_TEST(merge_shards)
{
    g_autofree char *a = write_file("shard-1.xml", shard_ok);
    g_autofree char *b = write_file("shard-2.xml", shard_failed);
    g_autofree char *err = NULL, *err2 = NULL, *merged = NULL;

    ck_assert_int_eq(rprocsim("junit-merge -o DIR/all.xml DIR/shard-1.xml DIR/shard-2.xml",
                              &err), 1);
    ck_assert_msg(strstr(err, "3 test cases from 2 files"), "%s", err);
    {
        g_autofree char *path = g_build_filename(dir, "all.xml", NULL);

        ck_assert(g_file_get_contents(path, &merged, NULL, NULL));
    }
    ck_assert_uint_eq(count(merged, "<testcase "), 3);
    ck_assert_uint_eq(count(merged, "<failure "), 1);
    ck_assert_uint_eq(count(merged, "<property "), 1);     /* the same one, once */
    ck_assert_ptr_nonnull(strstr(merged, "tests=\"3\" failures=\"1\""));
    /* in the order of the files */
    ck_assert(strstr(merged, "crash") && strstr(merged, "start-stop") < strstr(merged, "crash"));
    /* all passed: 0 */
    ck_assert_int_eq(rprocsim("junit-merge -o DIR/one.xml DIR/shard-1.xml", &err2), 0);
}
END_TEST

START_TEST(merge_refuses)
{
    g_autofree char *a = write_file("shard-1.xml", shard_ok);
    g_autofree char *bad = write_file("broken.xml", "<testsuite><testcase classname=\"a\"");
    g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL;

    ck_assert_int_eq(rprocsim("junit-merge -o DIR/all.xml DIR/shard-1.xml DIR/broken.xml",
                              &e1), 2);
    ck_assert_msg(strstr(e1, "broken.xml: line 1"), "%s", e1);
    {
        g_autofree char *path = g_build_filename(dir, "all.xml", NULL);

        ck_assert(!g_file_test(path, G_FILE_TEST_EXISTS));
    }
    ck_assert_int_eq(rprocsim("junit-merge DIR/shard-1.xml", &e2), 2);
    ck_assert_msg(strstr(e2, "--output FILE is required"), "%s", e2);
    ck_assert_int_eq(rprocsim("junit-merge -o DIR/all.xml DIR/none.xml", &e3), 2);
    ck_assert_msg(strstr(e3, "none.xml"), "%s", e3);
}
END_TEST

START_TEST(run_refuses_bad_split)
{
    static const struct {
        const char *args;
        const char *says;
    } cases[] = {
        { "run --shard 3/2 SCENARIOS/", "--shard '3/2': expected K/N" },
        { "run --shard 0/2 SCENARIOS/", "--shard '0/2'" },
        { "run --shard half SCENARIOS/", "--shard 'half'" },
        { "run -j -1 SCENARIOS/", "-j -1: give 1 to" },
        { "run -j 1000 SCENARIOS/", "-j 1000" },
        { "run --time sometimes SCENARIOS/", "--time must be 'warp', 'real' or 'auto', not "
          "'sometimes'" },
    };

    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *err = NULL;

        ck_assert_int_eq(rprocsim(cases[i].args, &err), 2);
        ck_assert_msg(strstr(err, cases[i].says), "%s: %s", cases[i].args, err);
    }
}
END_TEST

/* DIR/@rel holding @text, its folders made */
static void put_file(const char *rel, const char *text)
{
    g_autofree char *path = g_build_filename(dir, rel, NULL);
    g_autofree char *sub = g_path_get_dirname(path);

    ck_assert(g_mkdir_with_parents(sub, 0755) == 0);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
}

/* DIR/@rel, a copy of SCENARIOS/@from */
static void copy_scenario(const char *from, const char *rel)
{
    g_autofree char *src = g_build_filename(g_getenv("RPROCSIM_SCENARIOS"), from, NULL);
    g_autofree char *text = NULL;

    ck_assert(g_file_get_contents(src, &text, NULL, NULL));
    put_file(rel, text);
}

START_TEST(bench_matrix)
{
    g_autofree char *e1 = NULL, *e2 = NULL, *e3 = NULL, *tap = NULL;
    g_autofree char *tap_path = g_build_filename(dir, "build", "bench-matrix", "qcs6490-sim",
                                                 "tap.txt", NULL);
    g_autofree char *qemu = g_build_filename(dir, "build", "qemu", "qemu-system-aarch64",
                                             NULL);

    /* a build whose QEMU is no program (an empty file) */
    put_file("build/qemu/qemu-system-aarch64", "");
    put_file("build/guest/Image", "");
    put_file("build/guest/initramfs.cpio", "");
    put_file("none/README", "no scenario here\n");
    copy_scenario("start-stop.scenario", "one/start-stop.scenario");
    copy_scenario("start-stop.scenario", "mixed/start-stop.scenario");
    copy_scenario("am64x/start-stop.scenario", "mixed/k3-start-stop.scenario");

    ck_assert_int_eq(rprocsim("bench matrix --build DIR/build DIR/one DIR/mixed", &e1), 2);
    ck_assert_msg(strstr(e1, "mixed holds scenarios of am64x-sim and of qcs6490-sim"), "%s",
                  e1);
    ck_assert_msg(!strstr(e1, "timeout case"), "ran before the folders were checked: %s", e1);
    ck_assert_int_eq(rprocsim("bench matrix --build DIR/build DIR/none", &e2), 2);
    ck_assert_msg(strstr(e2, "none"), "%s", e2);

    /* the sets run, with the given options, and fail as their QEMU does */
    ck_assert_int_eq(rprocsim("bench matrix --build DIR/build --time real DIR/one", &e3), 1);
    ck_assert_msg(strstr(e3, "timeout case: 0 of 3 passed"), "%s", e3);
    ck_assert_msg(strstr(e3, "one: 0 of 3 passed"), "%s", e3);
    ck_assert_msg(strstr(e3, qemu), "the run did not get --build: %s", e3);
    ck_assert(g_file_get_contents(tap_path, &tap, NULL, NULL));
    ck_assert_msg(strstr(tap, "# time real\n"), "the run did not get --time: %s", tap);
    ck_assert_msg(strstr(tap, "not ok 1 - start-stop: adsp"), "%s", tap);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "junit-merge", merge_shards },
        { "junit-merge", merge_refuses },
        { "run", run_refuses_bad_split },
        { "bench", bench_matrix },
    };
    const RpSuiteOptions o = { .setup = setup, .teardown = teardown };

    return rp_suite_new("run-cli", tests, G_N_ELEMENTS(tests), &o);
}
