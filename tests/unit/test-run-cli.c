/*
 * The command line of a split run: 'rprocsim junit-merge' merges shard
 * files (exit 1 when a merged case failed, 2 for a file it cannot read,
 * naming it and the place) and 'rprocsim run' refuses a --shard, -j or --time it
 * cannot use, before anything starts.
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

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "junit-merge", merge_shards },
        { "junit-merge", merge_refuses },
        { "run", run_refuses_bad_split },
    };
    const RpSuiteOptions o = { .setup = setup, .teardown = teardown };

    return rp_suite_new("run-cli", tests, G_N_ELEMENTS(tests), &o);
}
