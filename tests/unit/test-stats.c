/*
 * Unit tests: median of benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>

#include "../tap-main.h"
#include "stats.h"

const bool rp_test_nofork = false;

START_TEST(median_odd)
{
    const double v[] = { 3.0, 1.0, 2.0 };

    ck_assert_double_eq(rp_median(v, 3), 2.0);
    /* the input is left as it was */
    ck_assert_double_eq(v[0], 3.0);
}
END_TEST

START_TEST(median_even)
{
    const double v[] = { 4.0, 1.0, 3.0, 2.0 };

    ck_assert_double_eq(rp_median(v, 4), 2.5);
}
END_TEST

START_TEST(median_single_and_empty)
{
    const double v[] = { 7.5 };

    ck_assert_double_eq(rp_median(v, 1), 7.5);
    ck_assert(isnan(rp_median(v, 0)));
}
END_TEST

Suite *rp_test_suite(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("median");

    tcase_add_test(tc, median_odd);
    tcase_add_test(tc, median_even);
    tcase_add_test(tc, median_single_and_empty);
    suite_add_tcase(s, tc);
    return s;
}
