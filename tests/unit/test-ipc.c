/*
 * Unit tests: the SMEM v12 image builder (models/smem-image.c) against the
 * rules drivers/soc/qcom/smem.c checks at probe; the remote-side SMEM and
 * SMP2P code of firmware-stubs/lib (allocation under the mutex, item
 * layout, write order, SSR-ack negotiation); the IPCC router
 * (models/ipcc.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "ipcc.h"
#include "smem-image.h"
#include "smp2p.h"
#include "smem-fixture.h"
#include "rprocsim/crash-record.h"
#include <stddef.h>

/* Every check qcom_smem_probe() makes on a v12 image */
START_TEST(image_passes_linux_probe_checks)
{
    char err[128];
    g_autofree uint8_t *m = smem_fx_build(smem_fx_parts, SMEM_FX_PARTS, 1024, err);
    const uint8_t *toc = m + SMEM_FX_SIZE - 0x1000;
    const uint8_t *info;
    uint32_t n;
    bool global = false;

    ck_assert_msg(m, "%s", err);
    ck_assert_uint_eq(rp_le32(m + 0x5c) >> 16, 12);          /* version[7] */
    ck_assert_uint_eq(rp_le32(m + 0xc0), 1);                 /* initialized */
    ck_assert_uint_eq(rp_le32(m + 0xcc), 0);                 /* reserved */
    ck_assert_mem_eq(toc, "$TOC", 4);
    ck_assert_uint_eq(rp_le32(toc + 4), 1);
    n = rp_le32(toc + 8);
    ck_assert_uint_eq(n, 4);
    info = toc + 0x20 + 48 * n;
    ck_assert(info + 18 <= toc + 0x1000);                 /* fits the mapped 4 KiB */
    ck_assert_mem_eq(info, "SIII", 4);
    ck_assert_uint_gt(rp_le16(info + 16), 626);              /* WPSS crash reason item */
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = toc + 0x20 + 48 * i;
        uint32_t off = rp_le32(e), size = rp_le32(e + 4);
        uint16_t h0 = rp_le16(e + 12), h1 = rp_le16(e + 14);
        const uint8_t *ph = m + off;

        ck_assert(off != 0 && size != 0);
        global |= h0 == 0xfffe && h1 == 0xfffe;
        /* partition header as qcom_smem_partition_header() validates it */
        ck_assert_mem_eq(ph, "$PRT", 4);
        ck_assert_uint_eq(rp_le16(ph + 4), h0);
        ck_assert_uint_eq(rp_le16(ph + 6), h1);
        ck_assert_uint_eq(rp_le32(ph + 8), size);
        ck_assert_uint_le(rp_le32(ph + 0x0c), size);
        ck_assert_uint_eq(rp_le32(ph + 0x0c), 0x20);
        ck_assert_uint_eq(rp_le32(ph + 0x10), size);
        ck_assert_uint_le(off + size, SMEM_FX_SIZE - 0x1000);
    }
    ck_assert(global);
}
END_TEST

START_TEST(bad_layouts_refused)
{
    const SmemPartSpec no_global[] = { { 0, 2, 0x4000, 0x1000 } };
    const SmemPartSpec overlap[] = { { 0xfffe, 0xfffe, 0x4000, 0x2000 }, { 0, 2, 0x5000, 0x1000 } };
    const SmemPartSpec in_toc[] = { { 0xfffe, 0xfffe, SMEM_FX_SIZE - 0x1000, 0x1000 } };
    const SmemPartSpec in_header[] = { { 0xfffe, 0xfffe, 0, 0x1000 } };
    const SmemPartSpec unaligned[] = { { 0xfffe, 0xfffe, 0x4010, 0x1000 } };
    char err[128];

    ck_assert_ptr_null(smem_fx_build(no_global, 1, 1024, err));
    ck_assert_ptr_null(smem_fx_build(overlap, 2, 1024, err));
    ck_assert_ptr_null(smem_fx_build(in_toc, 1, 1024, err));
    ck_assert_ptr_null(smem_fx_build(in_header, 1, 1024, err));
    ck_assert_ptr_null(smem_fx_build(unaligned, 1, 1024, err));
    ck_assert_ptr_null(smem_fx_build(smem_fx_parts, 4, 512, err));
    ck_assert_ptr_null(smem_fx_build(smem_fx_parts, 0, 1024, err));
}
END_TEST

START_TEST(remote_allocates_items_linux_finds)
{
    SmemFx e;
    uint32_t data, data2, size;
    const uint8_t *found;

    smem_fx_init(&e);
    ck_assert_uint_eq(e.part.offset, 0x104000);
    ck_assert_int_eq(rp_smem_find_partition(&e.sh, 99, &e.part), RP_ENOENT);
    ck_assert_int_eq(rp_smem_find_partition(&e.sh, SMEM_GLOBAL_HOST, &e.part), RP_OK);
    ck_assert_uint_eq(e.part.offset, 0x4000);
    ck_assert_int_eq(rp_smem_find_partition(&e.sh, 2, &e.part), RP_OK);

    e.mem.lock_refusals = 5;        /* Linux holds the mutex for a while */
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 443, 340, &data), RP_OK);
    ck_assert_uint_eq(e.mem.lock_owner, 0);
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 478, 32, &data2), RP_OK);
    found = smem_fx_linux_get(e.mem.buf, e.part.offset, 443, &size);
    ck_assert_ptr_eq(found, e.mem.buf + data);
    ck_assert_uint_eq(size, 340);
    ck_assert_ptr_eq(smem_fx_linux_get(e.mem.buf, e.part.offset, 478, &size), e.mem.buf + data2);
    ck_assert_uint_eq(data % 8, 0);
    /* again: the same block */
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 443, 340, &data2), RP_EEXIST);
    ck_assert_uint_eq(data2, data);
    ck_assert_int_eq(rp_smem_get(&e.sh, &e.part, 443, &data2, &size), RP_OK);
    ck_assert_uint_eq(data2, data);
    ck_assert_uint_eq(size, 340);
    ck_assert_int_eq(rp_smem_get(&e.sh, &e.part, 444, &data2, &size), RP_ENOENT);
    /* reserved items, a lock never given, a full partition */
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 7, 8, &data), RP_EINVAL);
    e.mem.lock_refusals = 1000;
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 500, 8, &data), RP_EBUSY);
    e.mem.lock_refusals = 0;
    ck_assert_int_eq(rp_smem_alloc(&e.sh, &e.lock, &e.part, 501, 0x20000, &data), RP_ENOMEM);
    /* a broken canary makes lookups fail, as in Linux */
    e.mem.buf[e.part.offset + 0x20] = 0;
    ck_assert_int_eq(rp_smem_get(&e.sh, &e.part, 443, &data2, &size), RP_EIO);
    smem_fx_free(&e);
}
END_TEST

static guint index_of_write(GArray *w, uint32_t off, guint from)
{
    for (guint i = from; i < w->len; i++) {
        if (g_array_index(w, uint32_t, i) == off) {
            return i;
        }
    }
    return G_MAXUINT;
}

START_TEST(smp2p_item_written_in_linux_order)
{
    SmemFx e;
    struct rp_smp2p p;
    uint32_t idx, size, name_at, valid_at, version_at, value = 0;
    const uint8_t *item;

    smem_fx_init(&e);
    ck_assert_int_eq(rp_smp2p_open(&p, &e.sh, &e.lock, &e.part, 443, 429, 2,
                                   RP_SMP2P_FEATURE_SSR_ACK), RP_OK);
    ck_assert_int_eq(rp_smp2p_add_entry(&p, "slave-kernel", &idx), RP_OK);
    ck_assert_uint_eq(idx, 0);
    rp_smp2p_publish(&p);

    item = smem_fx_linux_get(e.mem.buf, e.part.offset, 443, &size);
    ck_assert_ptr_nonnull(item);
    ck_assert_uint_ge(size, 340);
    ck_assert_uint_eq(rp_le32(item), 0x504d5324);          /* "$SMP" */
    ck_assert_uint_eq(item[4], 1);                      /* version */
    ck_assert_uint_eq(rp_le32(item + 4) >> 8, RP_SMP2P_FEATURE_SSR_ACK);
    ck_assert_uint_eq(rp_le16(item + 8), 2);               /* local pid */
    ck_assert_uint_eq(rp_le16(item + 12), 16);             /* total entries */
    ck_assert_uint_eq(rp_le16(item + 14), 1);              /* valid entries */
    ck_assert_str_eq((const char *)item + 20, "slave-kernel");

    /* name before valid_entries, version last */
    name_at = index_of_write(e.mem.writes, p.out + 20, 0);
    valid_at = index_of_write(e.mem.writes, p.out + 12, name_at);
    version_at = index_of_write(e.mem.writes, p.out + 4, valid_at);
    ck_assert_uint_ne(name_at, G_MAXUINT);
    ck_assert_uint_ne(valid_at, G_MAXUINT);
    ck_assert_uint_ne(version_at, G_MAXUINT);
    ck_assert_uint_eq(index_of_write(e.mem.writes, p.out + 4, version_at + 1), G_MAXUINT);

    /* bits: ready + handover, then no change, then clear */
    ck_assert_int_eq(rp_smp2p_update(&p, 0, 0x6, 0x6), 1);
    ck_assert_int_eq(rp_smp2p_update(&p, 0, 0x6, 0x6), 0);
    ck_assert_uint_eq(rp_le32(item + 20 + 16), 0x6);
    ck_assert_int_eq(rp_smp2p_update(&p, 0, 0x2, 0), 1);
    ck_assert_uint_eq(rp_smp2p_value(&p, 0), 0x4);
    ck_assert_int_eq(rp_smp2p_update(&p, 5, 1, 1), RP_EINVAL);

    /* re-open after a restart keeps the item and the entry position */
    ck_assert_int_eq(rp_smp2p_open(&p, &e.sh, &e.lock, &e.part, 443, 429, 2, 0), RP_OK);
    ck_assert_int_eq(rp_smp2p_add_entry(&p, "slave-kernel", &idx), RP_OK);
    ck_assert_uint_eq(idx, 0);

    /* Linux's outbound item is not there yet, then is, with "master-kernel" */
    ck_assert_int_eq(rp_smp2p_peer_value(&p, "master-kernel", &value), RP_ENOENT);
    {
        struct rp_smp2p linux_side;

        ck_assert_int_eq(rp_smp2p_open(&linux_side, &e.sh, &e.lock, &e.part, 429, 443, 0,
                                       RP_SMP2P_FEATURE_SSR_ACK), RP_OK);
        ck_assert_int_eq(rp_smp2p_add_entry(&linux_side, "master-kernel", &idx), RP_OK);
        rp_smp2p_publish(&linux_side);
        ck_assert_int_eq(rp_smp2p_update(&linux_side, idx, 1, 1), 1);
        ck_assert_int_eq(rp_smp2p_peer_value(&p, "master-kernel", &value), RP_OK);
        ck_assert_uint_eq(value, 1);
        ck_assert_int_eq(rp_smp2p_peer_value(&p, "nothing", &value), RP_ENOENT);

        /* SSR ack: both advertise it; done is toggled, Linux acks by toggling its bit */
        ck_assert(rp_smp2p_ssr_ack_enabled(&p));
        ck_assert(rp_smp2p_restart_acked(&p));
        rp_smp2p_restart_done(&p);
        ck_assert(!rp_smp2p_restart_acked(&p));
        e.mem.buf[linux_side.out + 16] ^= RP_SMP2P_FLAG_RESTART_ACK;
        ck_assert(rp_smp2p_restart_acked(&p));
    }
    smem_fx_free(&e);
}
END_TEST

START_TEST(smp2p_entries_limited_to_16)
{
    SmemFx e;
    struct rp_smp2p p;
    uint32_t idx;

    smem_fx_init(&e);
    ck_assert_int_eq(rp_smp2p_open(&p, &e.sh, &e.lock, &e.part, 443, 429, 2, 0), RP_OK);
    for (int i = 0; i < 16; i++) {
        g_autofree char *name = g_strdup_printf("entry-%d", i);

        ck_assert_int_eq(rp_smp2p_add_entry(&p, name, &idx), RP_OK);
        ck_assert_uint_eq(idx, i);
    }
    ck_assert_int_eq(rp_smp2p_add_entry(&p, "one-too-many", &idx), RP_ENOMEM);
    ck_assert(!rp_smp2p_ssr_ack_enabled(&p));
    smem_fx_free(&e);
}
END_TEST

START_TEST(ipcc_routes_signals)
{
    IpccState s;
    const unsigned clients[] = { IPCC_CLIENT_LPASS, IPCC_CLIENT_CDSP, IPCC_CLIENT_WPSS,
                                 IPCC_CLIENT_AOP };

    ipcc_reset(&s);
    ck_assert_uint_eq(ipcc_recv_id(&s, IPCC_CLIENT_APSS), IPCC_NO_PENDING);
    for (size_t i = 0; i < G_N_ELEMENTS(clients); i++) {
        ck_assert(ipcc_send(&s, clients[i], IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P));
    }
    /* pending but disabled: nothing to receive, no interrupt */
    ck_assert(!ipcc_irq_level(&s, IPCC_CLIENT_APSS));
    ck_assert(ipcc_is_pending(&s, IPCC_CLIENT_APSS, IPCC_CLIENT_CDSP, IPCC_SIGNAL_SMP2P));
    for (size_t i = 0; i < G_N_ELEMENTS(clients); i++) {
        ck_assert(ipcc_enable(&s, IPCC_CLIENT_APSS, clients[i] << 16 | IPCC_SIGNAL_SMP2P));
    }
    ck_assert(ipcc_irq_level(&s, IPCC_CLIENT_APSS));
    /* lowest client first */
    ck_assert_uint_eq(ipcc_recv_id(&s, IPCC_CLIENT_APSS), IPCC_CLIENT_AOP << 16 | 2);
    ck_assert(ipcc_clear(&s, IPCC_CLIENT_APSS, IPCC_CLIENT_AOP << 16 | 2));
    ck_assert_uint_eq(ipcc_recv_id(&s, IPCC_CLIENT_APSS), IPCC_CLIENT_LPASS << 16 | 2);
    ck_assert(ipcc_disable(&s, IPCC_CLIENT_APSS, IPCC_CLIENT_LPASS << 16 | 2));
    ck_assert_uint_eq(ipcc_recv_id(&s, IPCC_CLIENT_APSS), IPCC_CLIENT_CDSP << 16 | 2);
    ipcc_clear_all(&s, IPCC_CLIENT_APSS);
    ck_assert(!ipcc_irq_level(&s, IPCC_CLIENT_APSS));
    /* CONFIG: a plain RECV_ID read leaves the signal; with CLEAR_ON_RECV_RD it goes */
    ck_assert(ipcc_send(&s, IPCC_CLIENT_CDSP, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P));
    ck_assert_uint_eq(ipcc_read_recv_id(&s, IPCC_CLIENT_APSS), IPCC_CLIENT_CDSP << 16 | 2);
    ck_assert(ipcc_irq_level(&s, IPCC_CLIENT_APSS));
    ipcc_set_config(&s, IPCC_CLIENT_APSS, 0xffffffff);
    ck_assert_uint_eq(ipcc_config(&s, IPCC_CLIENT_APSS), IPCC_CONFIG_CLEAR_ON_RECV_RD);
    ck_assert_uint_eq(ipcc_read_recv_id(&s, IPCC_CLIENT_APSS), IPCC_CLIENT_CDSP << 16 | 2);
    ck_assert(!ipcc_irq_level(&s, IPCC_CLIENT_APSS));
    ck_assert_uint_eq(ipcc_read_recv_id(&s, IPCC_CLIENT_APSS), IPCC_NO_PENDING);
    ipcc_set_config(&s, 99, 1);
    ck_assert_uint_eq(ipcc_config(&s, 99), 0);
    /* out of range: refused, nothing changes */
    ck_assert(!ipcc_send(&s, 40, 8 << 16 | 2));
    ck_assert(!ipcc_send(&s, 3, 40u << 16 | 2));
    ck_assert(!ipcc_send(&s, 3, 8u << 16 | 40));
    ck_assert(!ipcc_enable(&s, 8, 0xffffffff));
    ck_assert_uint_eq(ipcc_recv_id(&s, 99), IPCC_NO_PENDING);
}
END_TEST

/*
 * SMP2P version negotiation as the remote does it: 1 while Linux's item is
 * absent; then the version Linux wrote (at most 2), followed when Linux
 * changes it (7.x lowers its own to the remote's, or writes 2 at probe).
 */
START_TEST(smp2p_follows_the_version_linux_wrote)
{
    SmemFx e;
    struct rp_smp2p p, linux_side;
    uint32_t idx;
    uint8_t *ours, *theirs;
    uint32_t size;

    smem_fx_init(&e);
    ck_assert_int_eq(rp_smp2p_open(&p, &e.sh, &e.lock, &e.part, 443, 429, 2,
                                   RP_SMP2P_FEATURE_SSR_ACK), RP_OK);
    ck_assert_int_eq(rp_smp2p_add_entry(&p, "slave-kernel", &idx), RP_OK);
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 0);     /* not published yet */
    ck_assert_uint_eq(rp_smp2p_publish(&p), 1);           /* no item of Linux's */
    ours = (uint8_t *)smem_fx_linux_get(e.mem.buf, e.part.offset, 443, &size);
    ck_assert_uint_eq(ours[4], 1);
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 0);

    /* Linux's item appears with version 2 (7.x at probe): follow it */
    ck_assert_int_eq(rp_smp2p_open(&linux_side, &e.sh, &e.lock, &e.part, 429, 443, 0,
                                   RP_SMP2P_FEATURE_SSR_ACK), RP_OK);
    theirs = e.mem.buf + linux_side.out;
    theirs[4] = 2;
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 1);
    ck_assert_uint_eq(ours[4], 2);
    ck_assert_uint_eq(rp_le32(ours + 4) >> 8, RP_SMP2P_FEATURE_SSR_ACK);  /* kept */
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 0);     /* no change, no kick */
    ck_assert(rp_smp2p_ssr_ack_enabled(&p));

    /* Linux lowers its own to 1 (6.12 writes 1): follow it down */
    theirs[4] = 1;
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 1);
    ck_assert_uint_eq(ours[4], 1);

    /* a version beyond what the item format here supports: speak the highest known */
    theirs[4] = 7;
    ck_assert_int_eq(rp_smp2p_follow_version(&p), 1);
    ck_assert_uint_eq(ours[4], RP_SMP2P_MAX_VERSION);
    ck_assert_uint_eq(rp_smp2p_publish(&p), RP_SMP2P_MAX_VERSION);
    smem_fx_free(&e);
}
END_TEST

/* The crash record's layout is what dump readers rely on */
START_TEST(crash_record_layout)
{
    ck_assert_uint_eq(offsetof(struct rp_crash_record, magic), 0);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, exception), 8);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, r), 16);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, pc), RP_CRASH_OFF_PC);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, cfsr), RP_CRASH_OFF_CFSR);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, bfar), RP_CRASH_OFF_CFSR + 12);
    ck_assert_uint_eq(offsetof(struct rp_crash_record, reason), RP_CRASH_OFF_REASON);
    ck_assert_uint_eq(sizeof(struct rp_crash_record), RP_CRASH_SIZE);
    ck_assert_uint_eq(RP_CRASH_MAGIC, 0x48535243);      /* "CRSH" in memory */
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "smem", image_passes_linux_probe_checks },
        { "smem", bad_layouts_refused },
        { "smem", remote_allocates_items_linux_finds },
        { "smp2p", smp2p_item_written_in_linux_order },
        { "smp2p", smp2p_entries_limited_to_16 },
        { "smp2p", smp2p_follows_the_version_linux_wrote },
        { "smp2p", crash_record_layout },
        { "ipcc", ipcc_routes_signals },
    };

    return rp_suite_new("ipc", tests, G_N_ELEMENTS(tests), NULL);
}
