/*
 * rprocsim: small statistics for benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "stats.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static gint cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

double rp_median(const double *values, size_t n)
{
    g_autofree double *v = NULL;

    if (n == 0) {
        return NAN;
    }
    v = g_memdup2(values, n * sizeof(*v));
    qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

long rp_status_kib(const char *status, const char *field)
{
    size_t len = strlen(field);

    for (const char *l = status; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
        char *end;
        long v;

        if (strncmp(l, field, len) || l[len] != ':') {
            continue;
        }
        v = strtol(l + len + 1, &end, 10);
        if (end == l + len + 1) {
            return -1;          /* no number */
        }
        while (*end == ' ' || *end == '\t') {
            end++;
        }
        return v >= 0 && g_str_has_prefix(end, "kB") ? v : -1;
    }
    return -1;
}

double rp_growth_second_half(const double *samples, size_t n)
{
    double mid;

    if (n < 2 || samples[0] == 0) {
        return NAN;
    }
    mid = samples[(n - 1) / 2];
    return mid ? (samples[n - 1] - mid) / mid * 100 : NAN;
}

/* The number after "@key" in @line (key including its ": "), into *@v */
static void number_after(const char *line, const char *key, long long *v)
{
    const char *at = strstr(line, key);
    char *end;
    long long n;

    if (at) {
        n = strtoll(at + strlen(key), &end, 10);
        if (end != at + strlen(key)) {
            *v = n;
        }
    }
}

bool rp_fuzz_stats_parse(const char *out, RpFuzzStats *st)
{
    g_auto(GStrv) lines = g_strsplit(out ? out : "", "\n", -1);
    bool final = false;

    *st = (RpFuzzStats){ -1, -1, -1, -1, -1, -1 };
    for (char **l = lines; *l; l++) {
        if ((*l)[0] == '#' && g_ascii_isdigit((*l)[1])) {
            number_after(*l, " cov: ", &st->cov);
            number_after(*l, " ft: ", &st->ft);
            number_after(*l, " corp: ", &st->corpus);
        } else if (g_str_has_prefix(*l, "stat::number_of_executed_units:")) {
            number_after(*l, ": ", &st->execs);
            final = st->execs >= 0;
        } else if (g_str_has_prefix(*l, "stat::average_exec_per_sec:")) {
            number_after(*l, ": ", &st->exec_per_s);
        } else if (g_str_has_prefix(*l, "stat::peak_rss_mb:")) {
            number_after(*l, ": ", &st->peak_rss_mb);
        }
    }
    return final;
}
