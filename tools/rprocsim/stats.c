/*
 * rprocsim: small statistics for benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "stats.h"

#include <glib.h>
#include <math.h>
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
