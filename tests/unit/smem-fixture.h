/*
 * Unit test fixture: an SMEM v12 image in a buffer, as the board builds
 * it (models/smem-image.c), seen through the firmware library's shared
 * memory and mutex hooks (firmware-stubs/lib/shmem.h), with a log of
 * every write; and Linux's own item lookup, to check what the remote side
 * wrote.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TEST_SMEM_FIXTURE_H
#define RPROCSIM_TEST_SMEM_FIXTURE_H

#include <glib.h>
#include <stdint.h>

#include "smem-image.h"
#include "smem.h"

#define SMEM_FX_BASE    0x80900000ull
#define SMEM_FX_SIZE    0x200000u
#define SMEM_FX_PARTS   4

/* The board's partitions: global, and (0, 2), (0, 5), (0, 13) */
extern const SmemPartSpec smem_fx_parts[SMEM_FX_PARTS];

/* A buffer-backed shared memory that logs every write */
typedef struct SmemFxMem {
    uint8_t *buf;
    GArray *writes;         /* offsets written, in order */
    uint32_t lock_owner;
    int lock_refusals;      /* trylock fails this many times first */
} SmemFxMem;

typedef struct SmemFx {
    SmemFxMem mem;
    struct rp_shmem sh;
    struct rp_hwlock lock;
    struct rp_smem_part part;   /* the partition of host 2 (aDSP) */
} SmemFx;

/* An image of @n partitions and @items items (g_free it), or NULL with @err (128 bytes) set */
uint8_t *smem_fx_build(const SmemPartSpec *p, unsigned n, uint16_t items, char *err);

/* The board's image with its hooks; smem_fx_free() releases it */
void smem_fx_init(SmemFx *e);
void smem_fx_free(SmemFx *e);

/*
 * Linux's lookup of @item in the partition at @part (qcom_smem_get_private,
 * canaries asserted): its data in @m and *@size, or NULL.
 */
const uint8_t *smem_fx_linux_get(const uint8_t *m, uint32_t part, uint16_t item, uint32_t *size);

#endif /* RPROCSIM_TEST_SMEM_FIXTURE_H */
