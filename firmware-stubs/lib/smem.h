/*
 * rprocsim firmware library: SMEM (v12, partitioned) seen from a remote
 * processor: find the partition shared with the application processor,
 * look items up and allocate them under the hardware mutex, the way
 * drivers/soc/qcom/smem.c (Linux 6.12) reads and writes them.
 *
 * Layout facts: the partition table ("$TOC") sits in the last 4 KiB of the
 * region; each partition starts with a "$PRT" header; uncached items grow
 * upwards from header + 0x20, each behind a 16-byte header with canary
 * 0xA5A5. See docs/ipc.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_SMEM_H
#define RPROCSIM_FW_SMEM_H

#include "shmem.h"

#include "rprocsim/smem-layout.h"

struct rp_smem_part {
    uint32_t offset;        /* of the partition header, from the SMEM base */
    uint32_t size;
};

/*
 * Find the partition between the application processor and @host (or the
 * global one, @host = SMEM_GLOBAL_HOST) in the partition table.
 * RP_OK, RP_ENOENT (no such partition), RP_EIO (table or header corrupt).
 */
int rp_smem_find_partition(const struct rp_shmem *m, uint16_t host,
                           struct rp_smem_part *part);

/*
 * Look up uncached item @item in @part: its data offset (from the SMEM
 * base) and size. RP_OK, RP_ENOENT, or RP_EIO on a bad canary or an item
 * running past the partition's free offset.
 */
int rp_smem_get(const struct rp_shmem *m, const struct rp_smem_part *part,
                uint16_t item, uint32_t *data, uint32_t *size);

/*
 * Allocate @len bytes for item @item in @part under @lock (a zeroed,
 * 8-byte-aligned block), or return the existing one (RP_EEXIST with *data
 * set). Mirrors qcom_smem_alloc_private(): header written, barrier, then the
 * free offset moved. RP_OK, RP_EEXIST, RP_ENOMEM, RP_EBUSY (lock), RP_EIO,
 * RP_EINVAL (@item < 8).
 */
int rp_smem_alloc(const struct rp_shmem *m, const struct rp_hwlock *lock,
                  const struct rp_smem_part *part, uint16_t item, uint32_t len,
                  uint32_t *data);

#endif /* RPROCSIM_FW_SMEM_H */
