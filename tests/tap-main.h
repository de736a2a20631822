/*
 * Shared main() of rprocsim's check-based tests. Each test file defines
 * rp_test_suite(), normally as a table of its tests handed to
 * rp_suite_new().
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TAP_MAIN_H
#define RPROCSIM_TAP_MAIN_H

#include <check.h>
#include <glib.h>
#include <stdbool.h>

/* The suite to run (created fresh; the runner owns it). */
Suite *rp_test_suite(void);

/*
 * One row of a suite's table: the tcase the test belongs to (tcases are
 * created in the order they first appear), the START_TEST, and for a loop
 * test the number of iterations (_i runs from 0 to @loop - 1; 0 makes a
 * plain test).
 */
typedef struct RpTest {
    const char *tcase;
    const TTest *test;
    int loop;
} RpTest;

/* tcase_set_timeout() value of RpSuiteOptions for "no timeout at all" */
#define RP_NO_TIMEOUT (-1)

/* What applies to every tcase of a suite; all fields may be left 0 */
typedef struct RpSuiteOptions {
    int timeout_s;              /* per test; 0: check's default */
    SFun setup, teardown;       /* checked fixture, around each test */
    SFun tcase_setup;           /* unchecked fixture, once per tcase */
    SFun tcase_teardown;
    bool nofork;                /* run the tests in-process (shared fixture) */
} RpSuiteOptions;

/*
 * Suite @name of the @n tests of @tests, with @o (NULL: defaults).
 * If RP_RUN_TEST is set in the environment (test names, comma-separated),
 * only those tests are added, and only the tcases that hold one are
 * created: with CK_RUN_CASE and CK_RUN_SUITE it runs a single test alone.
 */
Suite *rp_suite_new(const char *name, const RpTest *tests, size_t n,
                    const RpSuiteOptions *o);

#endif /* RPROCSIM_TAP_MAIN_H */
