/*
 * rprocsim: the access rules every register block of the device models
 * shares. The Qualcomm blocks they stand for (and the maps in
 * include/rprocsim/) are 32-bit little-endian registers only.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_REG32_H
#define RPROCSIM_HW_REG32_H

#include "exec/memory.h"

/*
 * Initializer of the MemoryRegionOps of such a block, served by @rd and
 * @wr: 4-byte accesses only, little-endian. The memory core refuses any
 * other size before it reaches the model (an invalid access, logged as a
 * guest error, a bus error for the CPU).
 */
#define RPROCSIM_REG32_OPS(rd, wr) {            \
        .read = (rd),                           \
        .write = (wr),                          \
        .endianness = DEVICE_LITTLE_ENDIAN,     \
        .valid = {                              \
            .min_access_size = 4,               \
            .max_access_size = 4,               \
        },                                      \
    }

#endif /* RPROCSIM_HW_REG32_H */
