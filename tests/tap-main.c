/*
 * Shared main() for rprocsim's check-based tests: runs the suite the test
 * file provides and prints TAP on stdout (meson's 'tap' protocol), and the
 * table-driven suite builder the test files use.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tap-main.h"

/* Set by rp_suite_new() for the runner */
static bool suite_nofork;

/* Is @name among RP_RUN_TEST's names (or RP_RUN_TEST unset)? */
static bool selected(const char *name)
{
    const char *only = g_getenv("RP_RUN_TEST");
    g_auto(GStrv) names = NULL;

    if (!only || !*only) {
        return true;
    }
    names = g_strsplit(only, ",", -1);
    return g_strv_contains((const char *const *)names, name);
}

Suite *rp_suite_new(const char *name, const RpTest *tests, size_t n,
                    const RpSuiteOptions *o)
{
    static const RpSuiteOptions defaults;
    Suite *s = suite_create(name);
    g_autoptr(GHashTable) tcases = g_hash_table_new(g_str_hash, g_str_equal);

    o = o ? o : &defaults;
    suite_nofork = o->nofork;
    for (size_t i = 0; i < n; i++) {
        TCase *tc = g_hash_table_lookup(tcases, tests[i].tcase);

        if (!selected(tests[i].test->name)) {
            continue;
        }
        if (!tc) {
            tc = tcase_create(tests[i].tcase);
            if (o->timeout_s) {
                tcase_set_timeout(tc, o->timeout_s == RP_NO_TIMEOUT ? 0 : o->timeout_s);
            }
            if (o->setup || o->teardown) {
                tcase_add_checked_fixture(tc, o->setup, o->teardown);
            }
            if (o->tcase_setup || o->tcase_teardown) {
                tcase_add_unchecked_fixture(tc, o->tcase_setup, o->tcase_teardown);
            }
            suite_add_tcase(s, tc);
            g_hash_table_insert(tcases, (char *)tests[i].tcase, tc);
        }
        if (tests[i].loop) {
            tcase_add_loop_test(tc, tests[i].test, 0, tests[i].loop);
        } else {
            tcase_add_test(tc, tests[i].test);
        }
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rp_test_suite());
    int failed;

    srunner_set_tap(sr, "-");
    if (suite_nofork) {
        srunner_set_fork_status(sr, CK_NOFORK);
    }
    srunner_run_all(sr, CK_SILENT);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
