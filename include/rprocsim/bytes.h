/*
 * rprocsim: little-endian field access in byte buffers (firmware images,
 * devcoredumps, SMEM, cmd-db, GLINK, QRTR and QMI are all little-endian).
 * The one set of byte-order helpers of the project, for the models, QEMU
 * devices, the firmware, host tools and tests alike; freestanding, any
 * alignment, no host-endian assumption. ELF structures have their own
 * decoder on top of these: models/elf32.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_BYTES_H
#define RPROCSIM_BYTES_H

#include <stdint.h>

static inline uint32_t rp_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint16_t rp_le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline void rp_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void rp_put_le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

#endif /* RPROCSIM_BYTES_H */
