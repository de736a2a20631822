/*
 * rprocsim models: SMEM v12 image builder.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "smem-image.h"

#include "rprocsim/bytes.h"

#include <glib.h>
#include <string.h>


static bool check(const SmemLayout *l, char *err, size_t err_len)
{
    bool global = false;

    if (l->size < SMEM_HEADER_SIZE + SMEM_PTABLE_SIZE || (l->size & 0xfff)) {
        g_snprintf(err, err_len, "SMEM size 0x%x too small or not 4 KiB-aligned", l->size);
        return false;
    }
    if (l->nparts == 0 || l->nparts > SMEM_MAX_PARTITIONS) {
        g_snprintf(err, err_len, "%u partitions (1..%d)", l->nparts,
                   (int)SMEM_MAX_PARTITIONS);
        return false;
    }
    if (l->num_items <= 512) {
        g_snprintf(err, err_len, "num_items %u: items above 512 would be refused",
                   l->num_items);
        return false;
    }
    for (unsigned i = 0; i < l->nparts; i++) {
        const SmemPartSpec *p = &l->parts[i];

        global |= p->host0 == SMEM_GLOBAL_HOST && p->host1 == SMEM_GLOBAL_HOST;
        if ((p->offset & 0xfff) || p->size < SMEM_PART_HDR_SIZE ||
            p->offset < SMEM_HEADER_SIZE ||
            p->size > l->size - SMEM_PTABLE_SIZE ||
            p->offset > l->size - SMEM_PTABLE_SIZE - p->size) {
            g_snprintf(err, err_len, "partition %u [0x%x +0x%x) misplaced", i,
                       p->offset, p->size);
            return false;
        }
        for (unsigned j = 0; j < i; j++) {
            const SmemPartSpec *q = &l->parts[j];

            if (p->offset < q->offset + q->size && q->offset < p->offset + p->size) {
                g_snprintf(err, err_len, "partitions %u and %u overlap", j, i);
                return false;
            }
        }
    }
    if (!global) {
        g_snprintf(err, err_len, "no global partition (hosts 0xfffe/0xfffe)");
        return false;
    }
    return true;
}

bool smem_image_build(uint8_t *buf, const SmemLayout *l, char *err, size_t err_len)
{
    uint8_t *toc;

    if (!check(l, err, err_len)) {
        return false;
    }
    memset(buf, 0, l->size);

    /* header: version 12 (global partition), initialized, reserved 0 */
    rp_put_le32(buf + SMEM_VERSION_OFFSET, SMEM_GLOBAL_PART_VERSION << 16);
    rp_put_le32(buf + 0xc0, 1);

    for (unsigned i = 0; i < l->nparts; i++) {
        const SmemPartSpec *p = &l->parts[i];
        uint8_t *h = buf + p->offset;

        rp_put_le32(h, SMEM_PART_MAGIC);
        rp_put_le16(h + 4, p->host0);
        rp_put_le16(h + 6, p->host1);
        rp_put_le32(h + 8, p->size);
        rp_put_le32(h + 0x0c, SMEM_PART_HDR_SIZE);    /* offset_free_uncached: empty */
        rp_put_le32(h + 0x10, p->size);               /* offset_free_cached: empty */
    }

    toc = buf + l->size - SMEM_PTABLE_SIZE;
    rp_put_le32(toc, SMEM_PTABLE_MAGIC);
    rp_put_le32(toc + 4, 1);
    rp_put_le32(toc + 8, l->nparts);
    for (unsigned i = 0; i < l->nparts; i++) {
        uint8_t *e = toc + SMEM_PTABLE_HDR_SIZE + SMEM_PTABLE_ENTRY_SIZE * i;

        rp_put_le32(e, l->parts[i].offset);
        rp_put_le32(e + 4, l->parts[i].size);
        rp_put_le32(e + 8, 0);                    /* flags */
        rp_put_le16(e + 12, l->parts[i].host0);
        rp_put_le16(e + 14, l->parts[i].host1);
        rp_put_le32(e + 16, 64);                  /* cacheline */
    }
    /* "SIII" info block right after the last entry */
    {
        uint8_t *info = toc + SMEM_PTABLE_HDR_SIZE + SMEM_PTABLE_ENTRY_SIZE * l->nparts;

        rp_put_le32(info, SMEM_INFO_MAGIC);
        rp_put_le32(info + 4, l->size);
        rp_put_le32(info + 8, (uint32_t)l->base);
        rp_put_le16(info + 16, l->num_items);
    }
    return true;
}
