/*
 * Unit tests: the cmd-db builder (models/cmd-db.c) against what cmd-db.c,
 * rpmhpd.c and clk-rpmh.c check; the RPMh RSC register model
 * (models/rpmh-rsc.c) as rpmh-rsc.c drives it; the AOSS QMP message RAM and
 * AOP side (models/aoss.c) through qcom_aoss.c's open and send sequences.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "aoss.h"
#include "cmd-db.h"
#include "rpmh-rsc.h"

/* cmd_db_get_header(): walk the slave headers, compare 8-byte ids */
static const uint8_t *linux_lookup(const uint8_t *db, const char *id, const uint8_t **aux,
                                   uint16_t *aux_len)
{
    char want[8] = { 0 };

    memcpy(want, id, MIN(strlen(id), sizeof(want)));
    for (int s = 0; s < 8; s++) {
        const uint8_t *rh = db + 8 + 16 * s;
        uint16_t slv = rp_le16(rh), hdr = rp_le16(rh + 2), data = rp_le16(rh + 4), cnt = rp_le16(rh + 6);

        if (slv == 0) {
            break;
        }
        for (uint16_t i = 0; i < cnt; i++) {
            const uint8_t *e = db + 0x90 + hdr + 24 * i;

            if (!memcmp(e, want, 8)) {
                *aux = db + 0x90 + data + rp_le16(e + 22);
                *aux_len = rp_le16(e + 20);
                ck_assert_uint_eq((rp_le32(e + 16) >> 16) & 7, slv);
                return e;
            }
        }
    }
    return NULL;
}

START_TEST(cmd_db_has_everything_sc7280_looks_up)
{
    static const char *const arc[] = { "cx.lvl", "ebi.lvl", "gfx.lvl", "lcx.lvl", "lmx.lvl",
                                       "mss.lvl", "mx.lvl" };
    static const char *const clk[] = { "xo.lvl", "lnbclka2", "rfclka1", "rfclka3",
                                       "rfclka4", "IP0", "PKA0", "HK0" };
    g_autofree uint8_t *db = g_malloc(0x20000);
    unsigned n;
    const CmdDbEntry *t = cmd_db_sc7280(&n);
    char err[128];
    const uint8_t *aux;
    uint16_t len;

    ck_assert_uint_gt(cmd_db_build(db, 0x20000, t, n, err, sizeof(err)), 0);
    ck_assert_mem_eq(db + 4, "\xdb\x30\x03\x0c", 4);
    for (size_t i = 0; i < G_N_ELEMENTS(arc); i++) {
        const uint8_t *e = linux_lookup(db, arc[i], &aux, &len);
        unsigned corners = 0;

        ck_assert_msg(e, "%s missing", arc[i]);
        ck_assert_uint_eq((rp_le32(e + 16) >> 16) & 7, CMD_DB_SLAVE_ARC);
        /* rpmhpd: u16 levels, at most 16, the first non-zero is the enable corner */
        ck_assert(len > 0 && len % 2 == 0 && len / 2 <= 16);
        for (uint16_t j = 0; j < len / 2; j++) {
            corners += rp_le16(aux + 2 * j) != 0 || j == 0;
        }
        ck_assert_uint_ge(corners, 3);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(clk); i++) {
        const uint8_t *e = linux_lookup(db, clk[i], &aux, &len);

        ck_assert_msg(e, "%s missing", clk[i]);
        if (((rp_le32(e + 16) >> 16) & 7) == CMD_DB_SLAVE_BCM) {
            ck_assert_uint_eq(len, 8);
            ck_assert_uint_gt(rp_le32(aux), 0);        /* unit: clk-rpmh divides by it */
        }
    }
    ck_assert_ptr_null(linux_lookup(db, "nothere", &aux, &len));
    ck_assert_str_eq(cmd_db_lookup_addr(t, n, 0x30004)->id, "cx.lvl");
    ck_assert_str_eq(cmd_db_lookup_addr(t, n, 0x40104)->id, "lnbclka2");
    ck_assert_ptr_null(cmd_db_lookup_addr(t, n, 0x70000));
}
END_TEST

START_TEST(cmd_db_refuses_bad_tables)
{
    static const CmdDbEntry long_id[] = { { "too-long-id", 0x30000, NULL, 0 } };
    static const CmdDbEntry no_slave[] = { { "x", 0x0100, NULL, 0 } };
    uint8_t small[0x90];
    g_autofree uint8_t *db = g_malloc(0x1000);
    unsigned n;
    char err[128];

    ck_assert_uint_eq(cmd_db_build(db, 0x1000, long_id, 1, err, sizeof(err)), 0);
    ck_assert_uint_eq(cmd_db_build(db, 0x1000, no_slave, 1, err, sizeof(err)), 0);
    ck_assert_uint_eq(cmd_db_build(small, sizeof(small), cmd_db_sc7280(&n), n, err,
                                   sizeof(err)), 0);
}
END_TEST

static uint32_t rd(RscState *s, uint32_t off)
{
    bool ok;
    uint32_t v = rsc_read(s, off, &ok);

    ck_assert_msg(ok, "read 0x%x", off);
    return v;
}

static int wr(RscState *s, uint32_t off, uint32_t v)
{
    bool ok;
    int t = rsc_write(s, off, v, &ok);

    ck_assert_msg(ok, "write 0x%x", off);
    return t;
}

#define TCS(n, r)       (RSC_TCS_BASE + (n) * RSC_TCS_STRIDE + (r))
#define CMD(n, j, r)    TCS(n, RSC_CMD_BASE + (j) * RSC_CMD_STRIDE + (r))

/* One active request as rpmh_rsc_send_data() + __tcs_set_trigger() issue it */
static int send(RscState *s, unsigned tcs, uint32_t addr, uint32_t data)
{
    wr(s, CMD(tcs, 0, RSC_CMD_MSGID), 0x10108);
    wr(s, CMD(tcs, 0, RSC_CMD_ADDR), addr);
    wr(s, CMD(tcs, 0, RSC_CMD_DATA), data);
    wr(s, TCS(tcs, RSC_TCS_CMD_ENABLE), 1);
    wr(s, TCS(tcs, RSC_TCS_CONTROL), 0);
    ck_assert_uint_eq(rd(s, TCS(tcs, RSC_TCS_CONTROL)), 0);     /* sync read-back */
    wr(s, TCS(tcs, RSC_TCS_CONTROL), RSC_CONTROL_AMC_MODE);
    return wr(s, TCS(tcs, RSC_TCS_CONTROL), RSC_CONTROL_AMC_MODE | RSC_CONTROL_TRIGGER);
}

START_TEST(rsc_probe_trigger_complete)
{
    RscState s;
    bool ok;

    rsc_reset(&s);
    /* what rpmh_rsc_probe() reads */
    ck_assert_uint_eq((rd(&s, RSC_DRV_ID) >> 16) & 0xff, 2);
    ck_assert_uint_eq((rd(&s, RSC_PRNT_CHLD_CONFIG) >> 12) & 0x3f, 8);    /* drv 2 */
    ck_assert_uint_eq(rd(&s, RSC_PRNT_CHLD_CONFIG) >> 27, 16);
    wr(&s, RSC_IRQ_ENABLE, 0x3);

    ck_assert_int_eq(send(&s, 1, 0x30000, 3), 1);
    ck_assert_uint_eq(rd(&s, RSC_IRQ_STATUS), 0x2);
    ck_assert(rsc_irq_level(&s));
    ck_assert_uint_eq(rsc_vote(&s, 0x30000)->data, 3);
    /* tcs_tx_done(): clear trigger, command enable, the status bit */
    wr(&s, TCS(1, RSC_TCS_CONTROL), 0);
    wr(&s, TCS(1, RSC_TCS_CMD_ENABLE), 0);
    wr(&s, RSC_IRQ_CLEAR, 0x2);
    ck_assert(!rsc_irq_level(&s));

    /* a new value for the same resource replaces the recorded one */
    ck_assert_int_eq(send(&s, 0, 0x30000, 2), 0);
    ck_assert_uint_eq(rsc_vote(&s, 0x30000)->data, 2);
    ck_assert_uint_eq(rsc_vote(&s, 0x30000)->count, 2);
    wr(&s, RSC_IRQ_CLEAR, 0x1);

    /* sleep/wake sets are written, never triggered by the AP */
    ck_assert_int_eq(send(&s, 2, 0x30010, 1), -1);
    ck_assert_ptr_null(rsc_vote(&s, 0x30010));
    /* with its interrupt disabled a completion sets no status */
    wr(&s, RSC_IRQ_ENABLE, 0);
    ck_assert_int_eq(send(&s, 0, 0x30010, 4), 0);
    ck_assert_uint_eq(rd(&s, RSC_IRQ_STATUS), 0);
    /* not registers */
    rsc_read(&s, 0x8, &ok);
    ck_assert(!ok);
    rsc_write(&s, RSC_DRV_ID, 1, &ok);
    ck_assert(!ok);
    rsc_write(&s, TCS(8, RSC_TCS_CONTROL), 1, &ok);
    ck_assert(!ok);
    rsc_write(&s, CMD(0, 16, RSC_CMD_DATA), 1, &ok);
    ck_assert(!ok);
}
END_TEST

static uint32_t ard(AossState *s, uint32_t off)
{
    uint32_t v = 0;

    ck_assert(aoss_read(s, off, &v));
    return v;
}

START_TEST(aoss_open_and_send)
{
    AossState s;
    char msg[AOSS_MAX_MESSAGE + 1];
    const char *text = "{class: image, res: load_state, name: adsp, val: on}";
    char buf[64] = { 0 };
    uint32_t mbox;

    aoss_reset(&s);
    /* qmp_open(): checks, then the link/channel handshake, one doorbell per step */
    ck_assert_uint_eq(ard(&s, AOSS_DESC_MAGIC), AOSS_MAGIC);
    ck_assert_uint_eq(ard(&s, AOSS_DESC_VERSION), 1);
    ck_assert_uint_gt(ard(&s, AOSS_MCORE_MBOX_SIZE), 0x44);
    mbox = ard(&s, AOSS_MCORE_MBOX_OFFSET);
    ck_assert_uint_le(mbox + ard(&s, AOSS_MCORE_MBOX_SIZE), AOSS_MSGRAM_SIZE);
    ck_assert(aoss_write(&s, AOSS_UCORE_LINK_ACK, ard(&s, AOSS_UCORE_LINK)));
    ck_assert(aoss_write(&s, AOSS_MCORE_LINK, AOSS_STATE_UP));
    ck_assert(!aoss_doorbell(&s, msg, sizeof(msg)));
    ck_assert_uint_eq(ard(&s, AOSS_MCORE_LINK_ACK), AOSS_STATE_UP);
    ck_assert_uint_ne(ard(&s, AOSS_UCORE_CH), AOSS_STATE_UP);
    ck_assert(aoss_write(&s, AOSS_MCORE_CH, AOSS_STATE_UP));
    aoss_doorbell(&s, msg, sizeof(msg));
    ck_assert_uint_eq(ard(&s, AOSS_UCORE_CH), AOSS_STATE_UP);
    ck_assert(aoss_write(&s, AOSS_UCORE_CH_ACK, AOSS_STATE_UP));
    aoss_doorbell(&s, msg, sizeof(msg));
    ck_assert_uint_eq(ard(&s, AOSS_MCORE_CH_ACK), AOSS_STATE_UP);

    /* qmp_send(): 64 bytes after the length word, then length 64, doorbell */
    memcpy(buf, text, strlen(text));
    for (int i = 0; i < 16; i++) {
        ck_assert(aoss_write(&s, mbox + 4 + 4 * i, rp_le32((uint8_t *)buf + 4 * i)));
    }
    ck_assert(aoss_write(&s, mbox, 64));
    ck_assert(aoss_doorbell(&s, msg, sizeof(msg)));
    ck_assert_str_eq(msg, text);
    ck_assert_uint_eq(ard(&s, mbox), 0);            /* the acknowledgement */
    ck_assert_uint_eq(s.messages, 1);
    /* a length past the mailbox is dropped, still acknowledged */
    ck_assert(aoss_write(&s, mbox, 0x1000));
    ck_assert(!aoss_doorbell(&s, msg, sizeof(msg)));
    ck_assert_uint_eq(ard(&s, mbox), 0);
    /* close: link down acknowledged */
    ck_assert(aoss_write(&s, AOSS_MCORE_LINK, AOSS_STATE_DOWN));
    aoss_doorbell(&s, msg, sizeof(msg));
    ck_assert_uint_eq(ard(&s, AOSS_MCORE_LINK_ACK), AOSS_STATE_DOWN);
    /* outside the RAM or misaligned: refused */
    ck_assert(!aoss_write(&s, AOSS_MSGRAM_SIZE, 1));
    ck_assert(!aoss_write(&s, 2, 1));
    ck_assert(!aoss_read(&s, 0x1000, &mbox));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "cmd-db", cmd_db_has_everything_sc7280_looks_up },
        { "cmd-db", cmd_db_refuses_bad_tables },
        { "rsc", rsc_probe_trigger_complete },
        { "aoss", aoss_open_and_send },
    };

    return rp_suite_new("power", tests, G_N_ELEMENTS(tests), NULL);
}
