/*
 * rprocsim models: the SMEM v12 image a bootloader leaves for Linux.
 *
 * Written into the SMEM carveout at machine reset: the header (version 12,
 * initialized), one partition per entry (the global one and one per remote
 * host shared with the application processor), and the partition table
 * with its "SIII" info block in the last 4 KiB. Rules from
 * drivers/soc/qcom/smem.c (qcom_smem_probe, Linux 6.12); see docs/ipc.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_SMEM_IMAGE_H
#define RPROCSIM_MODELS_SMEM_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rprocsim/smem-layout.h"

typedef struct SmemPartSpec {
    uint16_t host0, host1;  /* SMEM_GLOBAL_HOST twice for the global partition */
    uint32_t offset;        /* from the SMEM base, 4 KiB-aligned */
    uint32_t size;
} SmemPartSpec;

typedef struct SmemLayout {
    uint64_t base;          /* physical address of the region */
    uint32_t size;          /* bytes */
    uint16_t num_items;     /* item limit announced in the "SIII" block */
    const SmemPartSpec *parts;
    unsigned nparts;
} SmemLayout;

/*
 * Write the image for @l into @buf (l->size bytes; everything not written
 * is zeroed). Returns false, with a message in @err (@err_len bytes), if
 * the layout is unusable: no global partition, partitions overlapping each
 * other or the header/table, misaligned, too many, or num_items <= 512.
 */
bool smem_image_build(uint8_t *buf, const SmemLayout *l, char *err, size_t err_len);

#endif /* RPROCSIM_MODELS_SMEM_IMAGE_H */
