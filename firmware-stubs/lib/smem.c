/*
 * rprocsim firmware library: remote-side SMEM access.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "smem.h"

static uint32_t rd(const struct rp_shmem *m, uint32_t off)
{
    return m->read32(m->ctx, off);
}

static void wr(const struct rp_shmem *m, uint32_t off, uint32_t v)
{
    m->write32(m->ctx, off, v);
}

int rp_smem_find_partition(const struct rp_shmem *m, uint16_t host,
                           struct rp_smem_part *part)
{
    uint32_t toc, n;

    if (m->size < SMEM_PTABLE_SIZE) {
        return RP_EIO;
    }
    toc = m->size - SMEM_PTABLE_SIZE;
    if (rd(m, toc) != SMEM_PTABLE_MAGIC || rd(m, toc + 4) != 1) {
        return RP_EIO;
    }
    n = rd(m, toc + 8);
    if (n > (SMEM_PTABLE_SIZE - SMEM_PTABLE_HDR_SIZE) / SMEM_PTABLE_ENTRY_SIZE) {
        return RP_EIO;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = toc + SMEM_PTABLE_HDR_SIZE + i * SMEM_PTABLE_ENTRY_SIZE;
        uint32_t off = rd(m, e), size = rd(m, e + 4), hosts = rd(m, e + 12);
        uint16_t h0 = hosts & 0xffff, h1 = hosts >> 16;
        int match = host == SMEM_GLOBAL_HOST ?
                    (h0 == SMEM_GLOBAL_HOST && h1 == SMEM_GLOBAL_HOST) :
                    ((h0 == SMEM_HOST_APPS && h1 == host) ||
                     (h1 == SMEM_HOST_APPS && h0 == host));

        if (!match) {
            continue;
        }
        if (off == 0 || size < SMEM_PART_HDR_SIZE || off > toc || size > toc - off ||
            rd(m, off) != SMEM_PART_MAGIC || rd(m, off + 4) != hosts ||
            rd(m, off + 8) != size) {
            return RP_EIO;
        }
        part->offset = off;
        part->size = size;
        return RP_OK;
    }
    return RP_ENOENT;
}

/*
 * Walk the uncached items of @part: the item's header offset in *@hdr if
 * found (RP_OK), else RP_ENOENT with *@hdr at the free offset.
 */
static int walk(const struct rp_shmem *m, const struct rp_smem_part *part,
                uint16_t item, uint32_t *hdr)
{
    uint32_t free_off = rd(m, part->offset + 0x0c);
    uint32_t at = SMEM_PART_HDR_SIZE;

    if (free_off > part->size || free_off < SMEM_PART_HDR_SIZE) {
        return RP_EIO;
    }
    while (at < free_off) {
        uint32_t h = part->offset + at;
        uint32_t w0 = rd(m, h), size = rd(m, h + 4), pad = rd(m, h + 8);
        uint32_t next;

        if ((w0 & 0xffff) != SMEM_ITEM_CANARY || free_off - at < SMEM_ITEM_HDR_SIZE) {
            return RP_EIO;
        }
        next = at + SMEM_ITEM_HDR_SIZE + (pad >> 16) + size;
        if (next < at || next > free_off) {
            return RP_EIO;
        }
        if ((w0 >> 16) == item) {
            *hdr = h;
            return RP_OK;
        }
        at = next;
    }
    *hdr = part->offset + free_off;
    return RP_ENOENT;
}

int rp_smem_get(const struct rp_shmem *m, const struct rp_smem_part *part,
                uint16_t item, uint32_t *data, uint32_t *size)
{
    uint32_t h;
    int ret = walk(m, part, item, &h);

    if (ret == RP_OK) {
        uint32_t pad = rd(m, h + 8);

        *data = h + SMEM_ITEM_HDR_SIZE + (pad >> 16);
        *size = rd(m, h + 4) - (pad & 0xffff);
    }
    return ret;
}

int rp_smem_alloc(const struct rp_shmem *m, const struct rp_hwlock *lock,
                  const struct rp_smem_part *part, uint16_t item, uint32_t len,
                  uint32_t *data)
{
    uint32_t h, size, free_off, cached;
    int ret;

    if (item < 8) {
        return RP_EINVAL;
    }
    if (rp_hwlock_take(lock) != RP_OK) {
        return RP_EBUSY;
    }
    ret = walk(m, part, item, &h);
    if (ret == RP_OK) {
        *data = h + SMEM_ITEM_HDR_SIZE + (rd(m, h + 8) >> 16);
        ret = RP_EEXIST;
        goto out;
    }
    if (ret != RP_ENOENT) {
        goto out;
    }
    size = (len + 7) & ~7u;
    free_off = h - part->offset;
    cached = rd(m, part->offset + 0x10);
    if (size < len || cached > part->size ||
        cached < free_off || cached - free_off < SMEM_ITEM_HDR_SIZE + size) {
        ret = RP_ENOMEM;
        goto out;
    }
    wr(m, h, SMEM_ITEM_CANARY | (uint32_t)item << 16);
    wr(m, h + 4, size);
    wr(m, h + 8, size - len);           /* padding_data, padding_hdr = 0 */
    wr(m, h + 12, 0);
    for (uint32_t i = 0; i < size; i += 4) {
        wr(m, h + SMEM_ITEM_HDR_SIZE + i, 0);
    }
    m->barrier(m->ctx);
    wr(m, part->offset + 0x0c, free_off + SMEM_ITEM_HDR_SIZE + size);
    m->barrier(m->ctx);
    *data = h + SMEM_ITEM_HDR_SIZE;
    ret = RP_OK;
out:
    lock->unlock(lock->ctx);
    return ret;
}
