/*
 * Shared main() for rprocsim's check-based tests: runs the suite the test
 * file provides and prints TAP on stdout (meson's 'tap' protocol).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <stdlib.h>

#include "tap-main.h"

int main(void)
{
    SRunner *sr = srunner_create(rp_test_suite());
    int failed;

    srunner_set_tap(sr, "-");
    if (rp_test_nofork) {
        srunner_set_fork_status(sr, CK_NOFORK);
    }
    srunner_run_all(sr, CK_SILENT);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
