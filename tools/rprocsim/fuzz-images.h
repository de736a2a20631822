/*
 * rprocsim fuzz-images: malformed firmware against the real kernel, as a
 * function the command and 'bench fuzz-images' share (docs/fuzz-images.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FUZZ_IMAGES_H
#define RPROCSIM_FUZZ_IMAGES_H

#include "common.h"

typedef struct RpFuzzParams {
    gint64 seed;                /* of the mutations */
    int count;                  /* mutations to try, >= 1 */
    double budget_s;            /* wall-time budget, 0: none */
    const char *subsystem;      /* whose images; NULL: adsp */
    const char *json;           /* report file, or NULL */
    const char *out;            /* consoles and reproducers; NULL: BUILD/fuzz-images */
} RpFuzzParams;

typedef struct RpFuzzCounts {
    unsigned tried, boots;
    unsigned refused, accepted, accepted_signed, oops;
    double elapsed_s;           /* wall time, from the first boot on */
} RpFuzzCounts;

/*
 * Mutate the subsystem's signed images and feed each through the kernel's
 * sysfs start in a guest of @o (resolved options), printing a line per
 * mutation on stderr; *@counts gets the figures (when the guest booted).
 * Returns the exit status: 0 no finding, 1 an Oops or an accepted signed
 * image (or the guest could not be driven), 2 unusable input.
 */
int rp_fuzz_images(RpOptions *o, const RpFuzzParams *p, RpFuzzCounts *counts);

#endif /* RPROCSIM_FUZZ_IMAGES_H */
