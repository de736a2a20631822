/*
 * rprocsim bench matrix: the wall time of whole scenario sets, each run
 * by 'rprocsim run' as a user runs it, and of one pass that waits out a
 * kernel timeout.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_BENCH_MATRIX_H
#define RPROCSIM_BENCH_MATRIX_H

#include "common.h"

#include <json-glib/json-glib.h>

/* The scenario whose passes wait out the kernel's 5 s start timeout */
#define RP_BENCH_TIMEOUT_SCENARIO "scenarios/no-ready.scenario"

/*
 * Run RP_BENCH_TIMEOUT_SCENARIO with -j 1, then each folder of @folders
 * (NULL or empty: scenarios/ and scenarios/am64x/ of the source tree, the
 * stock sets of the boards), each a set of one board, through
 * 'rprocsim run' (this program) with @forward (rp_options_argv() of the
 * options as given) and its own defaults (-j, --time). @o is the resolved
 * options: their build folder holds the runs' output (BUILD/bench-matrix)
 * and their kernel suite names the figures. Prints, and adds to @b,
 * timeout_case_s (the median of the timeout passes, seconds) and
 * matrix_s_<board>_<suite> (the wall seconds of a set, from starting
 * 'rprocsim run' to its exit, the base's boot included; '-' in names
 * becomes '_'). Returns 0; 1 if a run could not be made or a pass did not
 * hold (its figure is still printed); 2 for a folder that is not one
 * board's scenario set.
 */
int rp_bench_matrix(const RpOptions *o, const GPtrArray *forward, char **folders,
                    JsonBuilder *b);

#endif /* RPROCSIM_BENCH_MATRIX_H */
