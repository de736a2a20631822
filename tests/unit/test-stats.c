/*
 * Unit tests: median of benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <math.h>

#include "../tap-main.h"
#include "stats.h"

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
    const RpTest tests[] = {
        { "median", median_odd },
        { "median", median_even },
        { "median", median_single_and_empty },
    };

    return rp_suite_new("stats", tests, G_N_ELEMENTS(tests), NULL);
}
