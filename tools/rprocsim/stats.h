/*
 * rprocsim: small statistics for benchmark figures.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_STATS_H
#define RPROCSIM_STATS_H

#include <stddef.h>

/*
 * Median of @n values (the mean of the two middle ones when @n is even).
 * @values is not modified. Returns NaN when @n is 0.
 */
double rp_median(const double *values, size_t n);

#endif /* RPROCSIM_STATS_H */
