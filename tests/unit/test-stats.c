/*
 * Unit tests: the small statistics of benchmark figures (stats.c): median,
 * a /proc/PID/status field, growth over the second half of samples, and
 * the figures of a libFuzzer run's output.
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

/* A /proc/PID/status text as Linux writes it (shortened) */
static const char status_text[] =
    "Name:\tqemu-system-aar\n"
    "VmPeak:\t 2717468 kB\n"
    "VmHWM:\t  359812 kB\n"
    "VmRSS:\t  195584 kB\n"
    "RssAnon:\t  180000 kB\n"
    "Threads:\t9\n";

/* A status text, a field, and the field's value in KiB (-1: not found or not in kB) */
static const struct {
    const char *text, *field;
    long kib;
} status_cases[] = {
    { status_text, "VmRSS", 195584 },
    { status_text, "VmHWM", 359812 },
    { status_text, "RssAnon", 180000 },
    { status_text, "Vm", -1 },                  /* a prefix of fields is no field */
    { status_text, "VmSwap", -1 },              /* absent */
    { status_text, "Threads", -1 },             /* not in kB */
    { "VmRSS:\t  12 MB\n", "VmRSS", -1 },
    { "VmRSS:\t kB\n", "VmRSS", -1 },           /* no number */
    { "VmRSS:\t  77 kB", "VmRSS", 77 },         /* last line without its new line */
    { "", "VmRSS", -1 },
};

START_TEST(status_field)
{
    ck_assert_int_eq(rp_status_kib(status_cases[_i].text, status_cases[_i].field),
                     status_cases[_i].kib);
}
END_TEST

/* Samples, their count, and the growth over the second half in percent (NaN: -1) */
static const struct {
    double v[6];
    size_t n;
    double pct;
} growth_cases[] = {
    { { 100, 150, 200, 202, 204 }, 5, 2.0 },    /* from index 2 (200) to 204 */
    { { 100, 200, 200, 201 }, 4, 0.5 },         /* from index 1 */
    { { 300, 290 }, 2, -100.0 / 30 },           /* shrinking: negative */
    { { 100, 100, 100 }, 3, 0 },
    { { 100 }, 1, -1 },
    { { 0, 10, 20 }, 3, -1 },
};

START_TEST(growth_second_half)
{
    double g = rp_growth_second_half(growth_cases[_i].v, growth_cases[_i].n);

    if (growth_cases[_i].pct == -1) {
        ck_assert(isnan(g));
    } else {
        ck_assert_double_eq_tol(g, growth_cases[_i].pct, 1e-9);
    }
}
END_TEST

/* The head and tail of a real fuzz-mbn run (-print_final_stats=1), shortened */
static const char fuzz_out[] =
    "INFO: Running with entropic power schedule (0xFF, 100).\n"
    "INFO: seed corpus: files: 7 min: 400b max: 572b total: 3644b rss: 31Mb\n"
    "#9\tINITED cov: 118 ft: 123 corp: 6/3072b exec/s: 0 rss: 32Mb\n"
    "#17\tNEW    cov: 119 ft: 142 corp: 7/3629b lim: 572 exec/s: 0 rss: 32Mb L: 557/572 "
    "MS: 3 CopyPart-ChangeByte-InsertByte-\n"
    "#69379\tREDUCE cov: 179 ft: 365 corp: 75/27Kb lim: 896 exec/s: 23126 rss: 147Mb "
    "L: 52/579 MS: 3 ChangeByte-ChangeByte-EraseBytes-\n"
    "#72944\tDONE   cov: 179 ft: 366 corp: 76/27Kb lim: 923 exec/s: 18236 rss: 152Mb\n"
    "###### Recommended dictionary. ######\n"
    "\"TIMM\" # Uses: 269\n"
    "###### End of recommended dictionary. ######\n"
    "Done 72944 runs in 4 second(s)\n"
    "stat::number_of_executed_units: 72944\n"
    "stat::average_exec_per_sec:     18236\n"
    "stat::new_units_added:          237\n"
    "stat::slowest_unit_time_sec:    0\n"
    "stat::peak_rss_mb:              152\n";

START_TEST(fuzz_stats_final)
{
    RpFuzzStats st;

    ck_assert(rp_fuzz_stats_parse(fuzz_out, &st));
    ck_assert_int_eq(st.execs, 72944);
    ck_assert_int_eq(st.exec_per_s, 18236);
    ck_assert_int_eq(st.peak_rss_mb, 152);
    /* the last status line's */
    ck_assert_int_eq(st.cov, 179);
    ck_assert_int_eq(st.ft, 366);
    ck_assert_int_eq(st.corpus, 76);
}
END_TEST

/* A run that did not end normally: no totals, but the coverage it had */
START_TEST(fuzz_stats_crashed)
{
    RpFuzzStats st;

    ck_assert(!rp_fuzz_stats_parse(
        "#9\tINITED cov: 118 ft: 123 corp: 6/3072b exec/s: 0 rss: 32Mb\n"
        "==1234== ERROR: libFuzzer: deadly signal\n"
        "    #0 0x55 in __sanitizer_print_stack_trace\n"
        "SUMMARY: libFuzzer: deadly signal\n", &st));
    ck_assert_int_eq(st.execs, -1);
    ck_assert_int_eq(st.exec_per_s, -1);
    ck_assert_int_eq(st.cov, 118);              /* "    #0 0x55 in" is no status line */
    ck_assert_int_eq(st.ft, 123);
    ck_assert(!rp_fuzz_stats_parse("", &st));
    ck_assert_int_eq(st.cov, -1);
    ck_assert(!rp_fuzz_stats_parse(NULL, &st));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "median", median_odd },
        { "median", median_even },
        { "median", median_single_and_empty },
        { "status", status_field, G_N_ELEMENTS(status_cases) },
        { "growth", growth_second_half, G_N_ELEMENTS(growth_cases) },
        { "fuzz", fuzz_stats_final },
        { "fuzz", fuzz_stats_crashed },
    };

    return rp_suite_new("stats", tests, G_N_ELEMENTS(tests), NULL);
}
