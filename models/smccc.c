/*
 * rprocsim models: SMCCC function ID decoding.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "smccc.h"

SmcccFn smccc_decode(uint64_t x0, uint32_t *reserved_bits)
{
    SmcccFn f = {
        .fast = (x0 >> 31) & 1,
        .smc64 = (x0 >> 30) & 1,
        .owner = (x0 >> 24) & 0x3f,
        .svc = (x0 >> 8) & 0xff,
        .cmd = x0 & 0xff,
        .fnid = x0 & 0xffff,
    };

    if (reserved_bits) {
        *reserved_bits = (uint32_t)((x0 >> 16) & 0xff) | (uint32_t)(x0 >> 32);
    }
    return f;
}
