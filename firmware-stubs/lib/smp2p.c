/*
 * rprocsim firmware library: remote side of an SMP2P edge.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "smp2p.h"

static uint32_t rd(struct rp_smp2p *p, uint32_t off)
{
    return p->m->read32(p->m->ctx, p->out + off);
}

static void wr(struct rp_smp2p *p, uint32_t off, uint32_t v)
{
    p->m->write32(p->m->ctx, p->out + off, v);
}

int rp_smp2p_open(struct rp_smp2p *p, const struct rp_shmem *m,
                  const struct rp_hwlock *lock, const struct rp_smem_part *part,
                  uint16_t out_item, uint16_t in_item, uint16_t local_pid,
                  uint32_t features)
{
    int ret;

    p->m = m;
    p->in = 0;
    p->part = *part;
    p->in_item = in_item;
    ret = rp_smem_alloc(m, lock, part, out_item, RP_SMP2P_ITEM_SIZE, &p->out);
    if (ret == RP_EEXIST) {
        return RP_OK;       /* a restart: the item and its entries stay */
    }
    if (ret != RP_OK) {
        return ret;
    }
    wr(p, RP_SMP2P_OFF_MAGIC, RP_SMP2P_MAGIC);
    wr(p, RP_SMP2P_OFF_VERSION, (features & 0xffffff) << 8);    /* version 0 */
    wr(p, RP_SMP2P_OFF_PIDS, local_pid | (uint32_t)SMEM_HOST_APPS << 16);
    wr(p, RP_SMP2P_OFF_ENTRIES, RP_SMP2P_MAX_ENTRIES);          /* valid 0 */
    wr(p, RP_SMP2P_OFF_FLAGS, 0);
    m->barrier(m->ctx);
    return RP_OK;
}

int rp_smp2p_add_entry(struct rp_smp2p *p, const char *name, uint32_t *index)
{
    uint32_t entries = rd(p, RP_SMP2P_OFF_ENTRIES);
    uint32_t valid = entries >> 16;

    for (uint32_t i = 0; i < valid && i < RP_SMP2P_MAX_ENTRIES; i++) {
        if (rp_shmem_name_is(p->m, p->out + RP_SMP2P_OFF_ENTRY(i), name,
                             RP_SMP2P_NAME_LEN)) {
            *index = i;
            return RP_OK;
        }
    }
    if (valid >= RP_SMP2P_MAX_ENTRIES) {
        return RP_ENOMEM;
    }
    rp_shmem_put_name(p->m, p->out + RP_SMP2P_OFF_ENTRY(valid), name, RP_SMP2P_NAME_LEN);
    wr(p, RP_SMP2P_OFF_ENTRY(valid) + RP_SMP2P_NAME_LEN, 0);
    p->m->barrier(p->m->ctx);
    wr(p, RP_SMP2P_OFF_ENTRIES, (entries & 0xffff) | (valid + 1) << 16);
    *index = valid;
    return RP_OK;
}

static int peer(struct rp_smp2p *p);

/* The version to speak: Linux's, if its item exists and we know it */
static uint32_t wanted_version(struct rp_smp2p *p)
{
    uint32_t theirs;

    if (peer(p) != RP_OK) {
        return 1;
    }
    theirs = p->m->read32(p->m->ctx, p->in + RP_SMP2P_OFF_VERSION) & 0xff;
    if (theirs == 0) {
        return 1;
    }
    return theirs < RP_SMP2P_MAX_VERSION ? theirs : RP_SMP2P_MAX_VERSION;
}

uint32_t rp_smp2p_publish(struct rp_smp2p *p)
{
    uint32_t v = rd(p, RP_SMP2P_OFF_VERSION);
    uint32_t version = wanted_version(p);

    p->m->barrier(p->m->ctx);
    wr(p, RP_SMP2P_OFF_VERSION, (v & ~0xffu) | version);
    p->m->barrier(p->m->ctx);
    return version;
}

int rp_smp2p_follow_version(struct rp_smp2p *p)
{
    uint32_t ours = rd(p, RP_SMP2P_OFF_VERSION) & 0xff;

    if (ours == 0 || ours == wanted_version(p)) {
        return 0;
    }
    rp_smp2p_publish(p);
    return 1;
}

int rp_smp2p_update(struct rp_smp2p *p, uint32_t index, uint32_t mask, uint32_t bits)
{
    uint32_t off, old, val;

    if (index >= RP_SMP2P_MAX_ENTRIES || index >= rd(p, RP_SMP2P_OFF_ENTRIES) >> 16) {
        return RP_EINVAL;
    }
    off = RP_SMP2P_OFF_ENTRY(index) + RP_SMP2P_NAME_LEN;
    old = rd(p, off);
    val = (old & ~mask) | (bits & mask);
    if (val == old) {
        return 0;
    }
    wr(p, off, val);
    p->m->barrier(p->m->ctx);
    return 1;
}

uint32_t rp_smp2p_value(struct rp_smp2p *p, uint32_t index)
{
    if (index >= RP_SMP2P_MAX_ENTRIES) {
        return 0;
    }
    return rd(p, RP_SMP2P_OFF_ENTRY(index) + RP_SMP2P_NAME_LEN);
}

/* Find Linux's item (cached once found). */
static int peer(struct rp_smp2p *p)
{
    uint32_t size;
    int ret;

    if (p->in) {
        return RP_OK;
    }
    ret = rp_smem_get(p->m, &p->part, p->in_item, &p->in, &size);
    if (ret != RP_OK) {
        p->in = 0;
        return ret;
    }
    if (size < RP_SMP2P_ITEM_SIZE) {
        p->in = 0;
        return RP_EIO;
    }
    return RP_OK;
}

int rp_smp2p_peer_value(struct rp_smp2p *p, const char *name, uint32_t *value)
{
    const struct rp_shmem *m = p->m;
    uint32_t valid;
    int ret = peer(p);

    if (ret != RP_OK) {
        return ret;
    }
    valid = m->read32(m->ctx, p->in + RP_SMP2P_OFF_ENTRIES) >> 16;
    for (uint32_t i = 0; i < valid && i < RP_SMP2P_MAX_ENTRIES; i++) {
        if (rp_shmem_name_is(m, p->in + RP_SMP2P_OFF_ENTRY(i), name, RP_SMP2P_NAME_LEN)) {
            *value = m->read32(m->ctx, p->in + RP_SMP2P_OFF_ENTRY(i) + RP_SMP2P_NAME_LEN);
            return RP_OK;
        }
    }
    return RP_ENOENT;
}

int rp_smp2p_ssr_ack_enabled(struct rp_smp2p *p)
{
    uint32_t ours = rd(p, RP_SMP2P_OFF_VERSION), theirs;

    if (peer(p) != RP_OK) {
        return 0;
    }
    theirs = p->m->read32(p->m->ctx, p->in + RP_SMP2P_OFF_VERSION);
    return (ours & 0xff) == (theirs & 0xff) &&
           (ours >> 8) & (theirs >> 8) & RP_SMP2P_FEATURE_SSR_ACK;
}

void rp_smp2p_restart_done(struct rp_smp2p *p)
{
    wr(p, RP_SMP2P_OFF_FLAGS, rd(p, RP_SMP2P_OFF_FLAGS) ^ RP_SMP2P_FLAG_RESTART_DONE);
    p->m->barrier(p->m->ctx);
}

int rp_smp2p_restart_acked(struct rp_smp2p *p)
{
    uint32_t done = rd(p, RP_SMP2P_OFF_FLAGS) & RP_SMP2P_FLAG_RESTART_DONE;
    uint32_t ack;

    if (peer(p) != RP_OK) {
        return 0;
    }
    ack = p->m->read32(p->m->ctx, p->in + RP_SMP2P_OFF_FLAGS) & RP_SMP2P_FLAG_RESTART_ACK;
    return !!done == !!ack;
}
