/*
 * System test: a kernel Oops ends a scenario pass at once. 'rprocsim run'
 * of examples/patches/qcom-dump-segments-phnum.scenario on the stock
 * kernel (no patch): writing 'start' makes qcom_register_dump_segments()
 * walk past the firmware image and Oops in qcom_common (6.12 and 7.3
 * alike). The pass must fail with the Oops summary as its reason and
 * must have stopped at the Oops, not at a step that waited out its
 * timeout afterwards (the reason says which).
 *
 * Needs RPROCSIM_BIN (the rprocsim command), RPROCSIM_BUILD (the build
 * folder with QEMU, the guest images and the firmware), RPROCSIM_KERNEL_SUITE,
 * RPROCSIM_OOPS_SCENARIO (the scenario) and RPROCSIM_OUT (a folder for the
 * run's console log; the suite's name is added).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"

static const char *env(const char *name)
{
    const char *v = g_getenv(name);

    ck_assert_msg(v && *v, "%s is not set", name);
    return v;
}

/* The TAP comment line right after the test point @point in @tap (caller frees) */
static char *reason_after(const char *tap, const char *point)
{
    const char *at = strstr(tap, point), *nl;

    ck_assert_msg(at, "no '%s' in:\n%s", point, tap);
    at = strchr(at, '\n');
    ck_assert_msg(at && g_str_has_prefix(at + 1, "# "), "no reason after '%s':\n%s", point,
                  tap);
    at += 3;
    nl = strchr(at, '\n');
    return g_strndup(at, nl ? (gsize)(nl - at) : strlen(at));
}

START_TEST(oops_ends_the_pass)
{
    const char *suite = env("RPROCSIM_KERNEL_SUITE");
    g_autofree char *out = g_strdup_printf("%s-%s", env("RPROCSIM_OUT"), suite);
    g_autofree char *log = g_build_filename(out, "qcom-dump-segments-phnum", "console.log",
                                            NULL);
    const char *argv[] = {
        env("RPROCSIM_BIN"), "run", "--build", env("RPROCSIM_BUILD"),
        "--kernel-suite", suite, "--out", out, env("RPROCSIM_OOPS_SCENARIO"), NULL
    };
    g_autofree char *tap = NULL, *progress = NULL, *reason = NULL, *console = NULL;
    g_autoptr(GError) err = NULL;
    int wait_status;

    ck_assert_msg(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &tap,
                               &progress, &wait_status, &err), "%s", err ? err->message : "?");
    ck_assert_msg(!g_spawn_check_wait_status(wait_status, &err) &&
                  g_error_matches(err, G_SPAWN_EXIT_ERROR, 1),
                  "exit status is not 1: %s\n%s%s", err ? err->message : "0", tap, progress);

    reason = reason_after(tap, "not ok 1 - qcom-dump-segments-phnum: adsp [");
    /* the summary: the kernel's first line, the pc and its module */
    ck_assert_msg(g_str_has_prefix(reason, "kernel Oops: Unable to handle kernel paging "
                                           "request"), "%s", reason);
    ck_assert_msg(strstr(reason, "; pc qcom_register_dump_segments+"), "%s", reason);
    ck_assert_msg(strstr(reason, " [qcom_common]; module qcom_common; call trace: "
                                 "qcom_register_dump_segments+"), "%s", reason);
    /* the pass stopped at the Oops: no step's timeout or verdict after it */
    ck_assert_msg(strstr(reason, "; the pass stopped at it"), "%s", reason);
    ck_assert_msg(!strstr(reason, "the pass said") && !strstr(reason, " within "), "%s",
                  reason);
    /* the full text is in the console log */
    ck_assert_msg(g_file_get_contents(log, &console, NULL, &err), "%s", err->message);
    ck_assert(strstr(console, "Internal error: Oops: "));
    ck_assert(strstr(console, "Call trace:"));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "run", oops_ends_the_pass },
    };

    return rp_suite_new("oops-stop", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 600 });
}
