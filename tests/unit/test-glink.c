/*
 * Unit tests: the remote side of a GLINK edge (firmware-stubs/lib/glink.c)
 * against a Linux side written here as drivers/rpmsg/qcom_glink_smem.c and
 * qcom_glink_native.c behave (Linux 6.12): Linux allocates the descriptor
 * and its FIFO, zeroes its head and our tail when it registers, sends
 * VERSION; the remote opens IPCRTR, both sides open, intents go both ways,
 * data flows and is acknowledged; malformed FIFOs are dropped, never read
 * or written past.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "glink.h"
#include "smem-fixture.h"

#define LINUX_FIFO  16384

typedef struct Cmd {
    uint32_t cmd, param1, param2;
    uint8_t data[64];       /* what follows the header */
} Cmd;

typedef struct Edge {
    SmemFx e;
    struct rp_glink g;
    struct rp_glink_ops ops;
    struct rp_glink_channel *ch;
    uint32_t desc, fifo0, fifo1, fifo1_len;
    int kicks, ups, downs;
    GByteArray *rx;         /* the last message the remote got */
    int rx_count;
} Edge;

static void on_kick(void *ctx)
{
    ((Edge *)ctx)->kicks++;
}

static void on_up(void *ctx, struct rp_glink_channel *ch)
{
    ((Edge *)ctx)->ups++;
}

static void on_down(void *ctx, struct rp_glink_channel *ch)
{
    ((Edge *)ctx)->downs++;
}

static void on_rx(void *ctx, struct rp_glink_channel *ch, const uint8_t *data, uint32_t len)
{
    Edge *t = ctx;

    g_byte_array_set_size(t->rx, 0);
    g_byte_array_append(t->rx, data, len);
    t->rx_count++;
}

static uint32_t d32(Edge *t, uint32_t word)
{
    return rp_le32(t->e.mem.buf + t->desc + 4 * word);
}

static void set_d32(Edge *t, uint32_t word, uint32_t v)
{
    rp_put_le32(t->e.mem.buf + t->desc + 4 * word, v);
}

/* The remote boots: its edge is initialised with IPCRTR to open */
static void edge_boot(Edge *t)
{
    uint32_t size;

    t->ops = (struct rp_glink_ops){ on_kick, NULL, on_up, on_down, on_rx, t };
    ck_assert_int_eq(rp_glink_init(&t->g, &t->e.sh, &t->e.lock, &t->e.part, &t->ops), RP_OK);
    ck_assert_int_eq(rp_glink_add_channel(&t->g, "IPCRTR", &t->ch), RP_OK);
    ck_assert_ptr_nonnull(smem_fx_linux_get(t->e.mem.buf, t->e.part.offset,
                                            RP_GLINK_ITEM_DESC, &size));
    t->desc = smem_fx_linux_get(t->e.mem.buf, t->e.part.offset, RP_GLINK_ITEM_DESC, &size) -
              t->e.mem.buf;
    ck_assert_uint_eq(size, 32);
    t->fifo1 = smem_fx_linux_get(t->e.mem.buf, t->e.part.offset, RP_GLINK_ITEM_FIFO_REMOTE,
                                 &t->fifo1_len) - t->e.mem.buf;
    ck_assert_uint_eq(t->fifo1_len, RP_GLINK_FIFO_SIZE);
}

/* qcom_glink_smem_register(): FIFO_0, its head and our tail zeroed */
static void linux_register(Edge *t)
{
    int ret = rp_smem_alloc(&t->e.sh, &t->e.lock, &t->e.part, RP_GLINK_ITEM_FIFO_LINUX,
                            LINUX_FIFO, &t->fifo0);

    ck_assert(ret == RP_OK || ret == RP_EEXIST);     /* allocated again at a restart */
    set_d32(t, RP_GLINK_DESC_TX_HEAD, 0);
    set_d32(t, RP_GLINK_DESC_RX_TAIL, 0);
}

/* Linux writes one command (header + @len payload bytes), padded to 8 */
static void linux_send(Edge *t, uint32_t cmd, uint32_t p1, uint32_t p2, const void *payload,
                       uint32_t len)
{
    uint8_t buf[256] = { 0 };
    uint32_t head = d32(t, RP_GLINK_DESC_TX_HEAD), total = (8 + len + 7) & ~7u;

    ck_assert_uint_le(8 + len, sizeof(buf));
    rp_put_le16(buf, cmd);
    rp_put_le16(buf + 2, p1);
    rp_put_le32(buf + 4, p2);
    memcpy(buf + 8, payload, len);
    for (uint32_t i = 0; i < total; i++) {
        t->e.mem.buf[t->fifo0 + (head + i) % LINUX_FIFO] = buf[i];
    }
    set_d32(t, RP_GLINK_DESC_TX_HEAD, (head + total) % LINUX_FIFO);
}

static void linux_data(Edge *t, uint32_t cmd, uint32_t lcid, uint32_t iid, const char *s,
                       uint32_t left)
{
    uint8_t buf[200];
    uint32_t n = strlen(s);

    ck_assert_uint_le(8 + n, sizeof(buf));
    rp_put_le32(buf, n);
    rp_put_le32(buf + 4, left);
    memcpy(buf + 8, s, n);
    linux_send(t, cmd, lcid, iid, buf, 8 + n);
}

/* Linux reads the next command from the remote's FIFO, as qcom_glink_native_rx() does */
static int linux_recv(Edge *t, Cmd *c)
{
    uint32_t tail = d32(t, RP_GLINK_DESC_RX_TAIL), head = d32(t, RP_GLINK_DESC_RX_HEAD);
    uint8_t hdr[8];
    uint32_t len = 8;

    ck_assert_uint_eq(head % 8, 0);
    if (tail == head) {
        return 0;
    }
    for (uint32_t i = 0; i < 8; i++) {
        hdr[i] = t->e.mem.buf[t->fifo1 + (tail + i) % t->fifo1_len];
    }
    c->cmd = rp_le16(hdr);
    c->param1 = rp_le16(hdr + 2);
    c->param2 = rp_le32(hdr + 4);
    switch (c->cmd) {
    case RP_GLINK_CMD_OPEN:
        len += c->param2 & 0xffff;
        break;
    case RP_GLINK_CMD_INTENT:
        len += 8 * c->param2;
        break;
    case RP_GLINK_CMD_TX_DATA:
        len += 8 + rp_le32(t->e.mem.buf + t->fifo1 + (tail + 8) % t->fifo1_len);
        break;
    }
    memset(c->data, 0, sizeof(c->data));
    for (uint32_t i = 8; i < len && i - 8 < sizeof(c->data); i++) {
        c->data[i - 8] = t->e.mem.buf[t->fifo1 + (tail + i) % t->fifo1_len];
    }
    set_d32(t, RP_GLINK_DESC_RX_TAIL, (tail + ((len + 7) & ~7u)) % t->fifo1_len);
    return 1;
}

static void expect_cmd(Edge *t, uint32_t cmd, uint32_t p1, uint32_t p2, Cmd *c)
{
    Cmd local;

    c = c ? c : &local;
    ck_assert_msg(linux_recv(t, c), "no command %u from the remote", cmd);
    ck_assert_uint_eq(c->cmd, cmd);
    ck_assert_uint_eq(c->param1, p1);
    ck_assert_uint_eq(c->param2, p2);
}

static void expect_nothing(Edge *t)
{
    Cmd c;

    ck_assert_msg(!linux_recv(t, &c), "unexpected command %u", c.cmd);
}

static void edge_init(Edge *t)
{
    memset(t, 0, sizeof(*t));
    smem_fx_init(&t->e);
    t->rx = g_byte_array_new();
    edge_boot(t);
}

static void edge_free(Edge *t)
{
    g_byte_array_unref(t->rx);
    smem_fx_free(&t->e);
}

/*
 * The whole handshake up to an open IPCRTR channel: Linux's lcid is 3,
 * it advertises one intent of 1024 (id 1).
 */
static void edge_open(Edge *t)
{
    Cmd c;
    uint8_t intent[8];

    linux_register(t);
    linux_send(t, RP_GLINK_CMD_VERSION, 1, RP_GLINK_FEATURE_INTENT_REUSE, NULL, 0);
    ck_assert_int_eq(rp_glink_poll(&t->g), 1);
    ck_assert_int_eq(t->kicks, 1);
    expect_cmd(t, RP_GLINK_CMD_VERSION_ACK, 1, RP_GLINK_FEATURE_INTENT_REUSE, NULL);
    expect_cmd(t, RP_GLINK_CMD_OPEN, 1, 7, &c);
    ck_assert_str_eq((char *)c.data, "IPCRTR");
    expect_nothing(t);

    /* qcom_glink_create_remote(): OPEN_ACK of ours, then its own OPEN */
    linux_send(t, RP_GLINK_CMD_OPEN_ACK, 1, 0, NULL, 0);
    linux_send(t, RP_GLINK_CMD_OPEN, 3, 7, "IPCRTR", 7);
    ck_assert_int_eq(rp_glink_poll(&t->g), 2);
    ck_assert_int_eq(t->ups, 1);
    expect_cmd(t, RP_GLINK_CMD_OPEN_ACK, 3, 0, NULL);
    expect_cmd(t, RP_GLINK_CMD_INTENT, 1, RP_GLINK_RX_INTENTS, &c);
    for (uint32_t i = 0; i < RP_GLINK_RX_INTENTS; i++) {
        ck_assert_uint_eq(rp_le32(c.data + 8 * i), RP_GLINK_MTU);
        ck_assert_uint_eq(rp_le32(c.data + 8 * i + 4), i + 1);
    }
    expect_nothing(t);

    /* announce_create(): its intents, one per command */
    rp_put_le32(intent, 1024);
    rp_put_le32(intent + 4, 1);
    linux_send(t, RP_GLINK_CMD_INTENT, 3, 1, intent, 8);
    ck_assert_int_eq(rp_glink_poll(&t->g), 1);
    expect_nothing(t);
}

START_TEST(handshake_opens_ipcrtr)
{
    Edge t;

    edge_init(&t);
    /* nothing until Linux registers and writes */
    ck_assert_int_eq(rp_glink_poll(&t.g), 0);
    edge_open(&t);
    ck_assert(t.ch->up);
    ck_assert_uint_eq(t.g.errors, 0);
    edge_free(&t);
}
END_TEST

START_TEST(data_both_ways_with_intents)
{
    Edge t;
    Cmd c;
    uint8_t intent[8];

    edge_init(&t);
    edge_open(&t);

    /* into Linux's intent 1, then a second message waits for it */
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "hello", 5), RP_OK);
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, &c);
    ck_assert_uint_eq(rp_le32(c.data), 5);
    ck_assert_uint_eq(rp_le32(c.data + 4), 0);
    ck_assert_mem_eq(c.data + 8, "hello", 5);
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "again", 5), RP_OK);
    expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ, 1, 5, NULL);
    expect_nothing(&t);
    /* Linux's RX_DONE_W_REUSE frees it: the queued one goes */
    linux_send(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 3, 1, NULL, 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), 1);
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, &c);
    ck_assert_mem_eq(c.data + 8, "again", 5);
    /* a plain RX_DONE removes the intent; an INTENT gives a new one */
    linux_send(&t, RP_GLINK_CMD_RX_DONE, 3, 1, NULL, 0);
    rp_glink_poll(&t.g);
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "third", 5), RP_OK);
    expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ, 1, 5, NULL);
    rp_put_le32(intent, 64);
    rp_put_le32(intent + 4, 9);
    linux_send(&t, RP_GLINK_CMD_RX_INTENT_REQ_ACK, 3, 1, NULL, 0);
    linux_send(&t, RP_GLINK_CMD_INTENT, 3, 1, intent, 8);
    ck_assert_int_eq(rp_glink_poll(&t.g), 2);
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 9, &c);
    ck_assert_mem_eq(c.data + 8, "third", 5);

    /* from Linux into our intent 2, in two parts */
    linux_data(&t, RP_GLINK_CMD_TX_DATA, 3, 2, "0123", 3);
    linux_data(&t, RP_GLINK_CMD_TX_DATA_CONT, 3, 2, "456", 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), 2);
    ck_assert_int_eq(t.rx_count, 1);
    ck_assert_uint_eq(t.rx->len, 7);
    ck_assert_mem_eq(t.rx->data, "0123456", 7);
    expect_cmd(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 1, 2, NULL);

    /* Linux asks for an intent: one more, granted; too large: refused */
    linux_send(&t, RP_GLINK_CMD_RX_INTENT_REQ, 3, 100, NULL, 0);
    linux_send(&t, RP_GLINK_CMD_RX_INTENT_REQ, 3, RP_GLINK_MTU + 1, NULL, 0);
    rp_glink_poll(&t.g);
    expect_cmd(&t, RP_GLINK_CMD_INTENT, 1, 1, &c);
    ck_assert_uint_eq(rp_le32(c.data + 4), RP_GLINK_RX_INTENTS + 1);
    expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ_ACK, 1, 1, NULL);
    expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ_ACK, 1, 0, NULL);
    ck_assert_uint_eq(t.g.errors, 0);
    edge_free(&t);
}
END_TEST

/* Messages without an intent wait in order; the queue takes more as it drains */
START_TEST(queue_waits_for_intents_in_order)
{
    Edge t;
    Cmd c;
    const char *msgs[] = { "m0", "m1", "m2", "m3", "m4", "m5" };

    edge_init(&t);
    edge_open(&t);
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, msgs[0], 2), RP_OK);   /* into intent 1 */
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, NULL);
    for (int i = 1; i <= RP_GLINK_TX_QUEUE; i++) {
        ck_assert_int_eq(rp_glink_send(&t.g, t.ch, msgs[i], 2), RP_OK);
        expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ, 1, 2, NULL);
    }
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "full", 4), RP_EBUSY);
    ck_assert_uint_eq(t.g.errors, 1);
    /* each RX_DONE_W_REUSE lets the oldest go, and makes room for one more */
    for (int i = 1; i <= RP_GLINK_TX_QUEUE; i++) {
        linux_send(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 3, 1, NULL, 0);
        rp_glink_poll(&t.g);
        expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, &c);
        ck_assert_mem_eq(c.data + 8, msgs[i], 2);
        if (i == 1) {
            ck_assert_int_eq(rp_glink_send(&t.g, t.ch, msgs[5], 2), RP_OK);
            expect_cmd(&t, RP_GLINK_CMD_RX_INTENT_REQ, 1, 2, NULL);
        }
    }
    linux_send(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 3, 1, NULL, 0);
    rp_glink_poll(&t.g);
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, &c);
    ck_assert_mem_eq(c.data + 8, msgs[5], 2);
    expect_nothing(&t);
    edge_free(&t);
}
END_TEST

START_TEST(close_and_restart)
{
    Edge t;

    edge_init(&t);
    edge_open(&t);
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "x", 1), RP_OK);
    /* Linux closes its side: CLOSE_ACK, the channel is down, sends refused */
    linux_send(&t, RP_GLINK_CMD_CLOSE, 3, 0, NULL, 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), 1);
    ck_assert_int_eq(t.downs, 1);
    expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, NULL);
    expect_cmd(&t, RP_GLINK_CMD_CLOSE_ACK, 3, 0, NULL);
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "y", 1), RP_EINVAL);

    /* the subsystem restarts with indices left over: its own are zeroed */
    set_d32(&t, RP_GLINK_DESC_TX_TAIL, 0x120);
    set_d32(&t, RP_GLINK_DESC_RX_HEAD, 0x80);
    edge_boot(&t);
    ck_assert_uint_eq(d32(&t, RP_GLINK_DESC_TX_TAIL), 0);
    ck_assert_uint_eq(d32(&t, RP_GLINK_DESC_RX_HEAD), 0);
    t.kicks = t.ups = 0;
    edge_open(&t);
    ck_assert_int_eq(t.ups, 1);
    edge_free(&t);
}
END_TEST

/* Every malformed FIFO is logged and dropped: the tail ends at the head */
START_TEST(malformed_commands_dropped)
{
    Edge t;
    uint8_t big[40] = { 0 };

    edge_init(&t);
    edge_open(&t);

    linux_send(&t, 10, 0, 0, NULL, 0);          /* no such command */
    linux_send(&t, RP_GLINK_CMD_VERSION, 1, 1, NULL, 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    ck_assert_uint_eq(d32(&t, RP_GLINK_DESC_TX_TAIL), d32(&t, RP_GLINK_DESC_TX_HEAD));
    ck_assert_uint_eq(t.g.errors, 1);

    /* an INTENT whose pairs are not all there */
    linux_send(&t, RP_GLINK_CMD_INTENT, 3, 1000, NULL, 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    /* data larger than our intents: skipped, the next command still read */
    rp_put_le32(big, RP_GLINK_MTU + 8);
    linux_send(&t, RP_GLINK_CMD_TX_DATA, 3, 1, big, 8);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    /* into an intent never given, on a channel never opened: dropped, read on */
    linux_data(&t, RP_GLINK_CMD_TX_DATA, 3, 77, "bad", 0);
    linux_data(&t, RP_GLINK_CMD_TX_DATA, 9, 1, "bad", 0);
    linux_data(&t, RP_GLINK_CMD_TX_DATA_CONT, 3, 1, "cont", 0);
    linux_data(&t, RP_GLINK_CMD_TX_DATA, 3, 1, "good", 0);
    ck_assert_int_eq(rp_glink_poll(&t.g), 4);
    ck_assert_int_eq(t.rx_count, 1);
    ck_assert_mem_eq(t.rx->data, "good", 4);
    /* an OPEN of a channel this firmware does not serve, a name too long */
    linux_send(&t, RP_GLINK_CMD_OPEN, 4, 5, "apr\0", 5);
    linux_send(&t, RP_GLINK_CMD_OPEN, 5, 200, big, 40);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    /* indices out of range: Linux's head refused, our tail reset to it */
    set_d32(&t, RP_GLINK_DESC_TX_HEAD, LINUX_FIFO + 8);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    set_d32(&t, RP_GLINK_DESC_TX_HEAD, 0x100);
    set_d32(&t, RP_GLINK_DESC_TX_TAIL, 3);
    ck_assert_int_eq(rp_glink_poll(&t.g), RP_EIO);
    ck_assert_uint_eq(d32(&t, RP_GLINK_DESC_TX_TAIL), 0x100);
    /* our FIFO's tail set wild by Linux: reset before writing */
    set_d32(&t, RP_GLINK_DESC_RX_TAIL, 0xfffffff0u);
    while (linux_recv(&t, &(Cmd){ 0 })) {
    }
    ck_assert_int_eq(rp_glink_send(&t.g, t.ch, "z", 1), RP_OK);
    ck_assert_uint_lt(d32(&t, RP_GLINK_DESC_RX_HEAD), t.fifo1_len);
    edge_free(&t);
}
END_TEST

START_TEST(wraps_around_the_fifos)
{
    Edge t;
    char msg[120];

    edge_init(&t);
    edge_open(&t);
    memset(msg, 'w', sizeof(msg) - 1);
    msg[sizeof(msg) - 1] = 0;
    /* enough traffic both ways to wrap both 16 KiB FIFOs several times */
    for (int i = 0; i < 400; i++) {
        Cmd c;

        ck_assert_int_eq(rp_glink_send(&t.g, t.ch, msg, 60), RP_OK);
        expect_cmd(&t, RP_GLINK_CMD_TX_DATA, 1, 1, &c);
        linux_send(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 3, 1, NULL, 0);
        msg[0] = 'a' + i % 26;
        linux_data(&t, RP_GLINK_CMD_TX_DATA, 3, 1 + i % RP_GLINK_RX_INTENTS, msg, 0);
        ck_assert_int_eq(rp_glink_poll(&t.g), 2);
        ck_assert_uint_eq(t.rx->len, strlen(msg));
        ck_assert_int_eq(t.rx->data[0], 'a' + i % 26);
        expect_cmd(&t, RP_GLINK_CMD_RX_DONE_W_REUSE, 1, 1 + i % RP_GLINK_RX_INTENTS, NULL);
    }
    ck_assert_uint_eq(t.g.errors, 0);
    edge_free(&t);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "glink", handshake_opens_ipcrtr },
        { "glink", data_both_ways_with_intents },
        { "glink", queue_waits_for_intents_in_order },
        { "glink", close_and_restart },
        { "glink", malformed_commands_dropped },
        { "glink", wraps_around_the_fifos },
    };

    return rp_suite_new("glink", tests, G_N_ELEMENTS(tests), NULL);
}
