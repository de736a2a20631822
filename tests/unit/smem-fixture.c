/*
 * Unit test fixture: an SMEM image behind the firmware library's hooks
 * (smem-fixture.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <string.h>

#include "rprocsim/bytes.h"
#include "smem-fixture.h"

const SmemPartSpec smem_fx_parts[SMEM_FX_PARTS] = {
    { SMEM_GLOBAL_HOST, SMEM_GLOBAL_HOST, 0x004000, 0x100000 },
    { 0, 2, 0x104000, 0x20000 },
    { 0, 5, 0x124000, 0x20000 },
    { 0, 13, 0x144000, 0x20000 },
};

uint8_t *smem_fx_build(const SmemPartSpec *p, unsigned n, uint16_t items, char *err)
{
    SmemLayout l = { SMEM_FX_BASE, SMEM_FX_SIZE, items, p, n };
    uint8_t *buf = g_malloc(SMEM_FX_SIZE);

    if (!smem_image_build(buf, &l, err, 128)) {
        g_free(buf);
        return NULL;
    }
    return buf;
}


static uint32_t mem_read32(void *ctx, uint32_t off)
{
    return rp_le32(((SmemFxMem *)ctx)->buf + off);
}

static void mem_write32(void *ctx, uint32_t off, uint32_t v)
{
    SmemFxMem *m = ctx;

    ck_assert_uint_le(off + 4, SMEM_FX_SIZE);
    memcpy(m->buf + off, &v, 4);
    g_array_append_val(m->writes, off);
}

static void mem_barrier(void *ctx)
{
}

static int mem_trylock(void *ctx)
{
    SmemFxMem *m = ctx;

    if (m->lock_refusals > 0) {
        m->lock_refusals--;
        return 0;
    }
    ck_assert_uint_eq(m->lock_owner, 0);
    m->lock_owner = 3;
    return 1;
}

static void mem_unlock(void *ctx)
{
    ((SmemFxMem *)ctx)->lock_owner = 0;
}


void smem_fx_init(SmemFx *e)
{
    char err[128];

    e->mem.buf = smem_fx_build(smem_fx_parts, SMEM_FX_PARTS, 1024, err);
    e->mem.writes = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    e->mem.lock_owner = 0;
    e->mem.lock_refusals = 0;
    e->sh = (struct rp_shmem){ mem_read32, mem_write32, mem_barrier, &e->mem, SMEM_FX_SIZE };
    e->lock = (struct rp_hwlock){ mem_trylock, mem_unlock, &e->mem, 100 };
    ck_assert_int_eq(rp_smem_find_partition(&e->sh, 2, &e->part), RP_OK);
}

void smem_fx_free(SmemFx *e)
{
    g_free(e->mem.buf);
    g_array_unref(e->mem.writes);
}

/* Linux's lookup (qcom_smem_get_private): walk from phdr + 0x20 with canaries */
const uint8_t *smem_fx_linux_get(const uint8_t *m, uint32_t part, uint16_t item, uint32_t *size)
{
    uint32_t free_off = rp_le32(m + part + 0x0c);
    uint32_t at = 0x20;

    while (at < free_off) {
        const uint8_t *h = m + part + at;

        ck_assert_uint_eq(rp_le16(h), 0xa5a5);
        if (rp_le16(h + 2) == item) {
            *size = rp_le32(h + 4) - rp_le16(h + 8);
            return h + 16 + rp_le16(h + 10);
        }
        at += 16 + rp_le16(h + 10) + rp_le32(h + 4);
    }
    return NULL;
}

