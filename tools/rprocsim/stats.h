/*
 * rprocsim: small statistics for benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_STATS_H
#define RPROCSIM_STATS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Median of @n values (the mean of the two middle ones when @n is even).
 * @values is not modified. Returns NaN when @n is 0.
 */
double rp_median(const double *values, size_t n);

/*
 * The value in KiB of field @field ("VmRSS", "VmHWM") of a /proc/PID/status
 * text ("VmRSS:\t  191232 kB" lines); -1 if the field is missing or not
 * in kB.
 */
long rp_status_kib(const char *status, const char *field);

/*
 * Growth over the second half of @n evenly spaced samples, in percent:
 * from the sample at index (n - 1) / 2 to the last one. NaN for fewer than
 * 2 samples or a first value of 0.
 */
double rp_growth_second_half(const double *samples, size_t n);

/* What a libFuzzer run printed at its end (-print_final_stats=1) */
typedef struct RpFuzzStats {
    long long execs;        /* stat::number_of_executed_units, -1 if missing */
    long long exec_per_s;   /* stat::average_exec_per_sec, -1 if missing */
    long long peak_rss_mb;  /* stat::peak_rss_mb, -1 if missing */
    long long cov;          /* the last "cov: N" of a status line, -1 if none */
    long long ft;           /* the last "ft: N", -1 if none */
    long long corpus;       /* the last "corp: N/...", -1 if none */
} RpFuzzStats;

/*
 * Read @out, a libFuzzer target's output (stderr), into *@st. Status lines
 * are those starting with "#N" (e.g. "#4096 pulse cov: 301 ft: 880 corp:
 * 52/9Kb ..."); the final "stat::NAME: VALUE" lines give the totals. FALSE
 * if the output has no stat::number_of_executed_units line (the run did
 * not end normally); the fields found are set all the same.
 */
bool rp_fuzz_stats_parse(const char *out, RpFuzzStats *st);

#endif /* RPROCSIM_STATS_H */
