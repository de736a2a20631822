/*
 * Unit tests: the firmware's QRTR node, QMI encoding and SSCTL service
 * (firmware-stubs/lib/qrtr.c, qmi.c, ssctl.c) against the bytes Linux
 * sends and expects (net/qrtr/af_qrtr.c qrtr_endpoint_post(), ns.c,
 * drivers/soc/qcom/qmi_encdec.c, drivers/remoteproc/qcom_sysmon.c, Linux
 * 6.12): packet checks, HELLO then NEW_SERVER, RESUME_TX on confirm_rx,
 * DEL_SERVER and BYE, the SSCTL requests as Linux's encoder writes them
 * and the answers it decodes; malformed input refused.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "qrtr.h"
#include "shmem.h"
#include "ssctl.h"

#define NODE    5
#define PORT    1

typedef struct Link {
    GPtrArray *sent;        /* GByteArray of each packet sent */
    int data_count;
    uint32_t data_len;
    uint32_t from_port;
} Link;

static int link_send(void *ctx, const uint8_t *pkt, uint32_t len)
{
    GByteArray *b = g_byte_array_new();

    g_byte_array_append(b, pkt, len);
    g_ptr_array_add(((Link *)ctx)->sent, b);
    return RP_OK;
}

static void server_rx(struct rp_qrtr *q, const struct rp_qrtr_hdr *h, const uint8_t *data,
                      uint32_t len, void *ctx)
{
    Link *l = ctx;

    l->data_count++;
    l->data_len = len;
    l->from_port = h->src_port;
}

/* Linux's checks of a packet it takes from the link (qrtr_endpoint_post) */
static void linux_accepts(GByteArray *b, struct rp_qrtr_hdr *h, const uint8_t **payload)
{
    ck_assert_uint_eq(b->len % 4, 0);
    ck_assert_int_eq(rp_qrtr_parse(b->data, b->len, h, payload), RP_OK);
    ck_assert_uint_ne(h->size, 0);
    if (h->type == RP_QRTR_TYPE_NEW_SERVER || h->type == RP_QRTR_TYPE_RESUME_TX) {
        ck_assert_uint_ge(h->size, RP_QRTR_CTRL_LEN);
    }
    if (h->type != RP_QRTR_TYPE_DATA && h->type != RP_QRTR_TYPE_RESUME_TX) {
        ck_assert_uint_eq(h->dst_port, RP_QRTR_PORT_CTRL);
    }
    ck_assert_uint_eq(h->src_node, NODE);
}

static GByteArray *sent(Link *l, guint i)
{
    ck_assert_uint_lt(i, l->sent->len);
    return g_ptr_array_index(l->sent, i);
}

/* The type of packet @i we sent, which Linux takes (linux_accepts()) */
static uint32_t sent_type(Link *l, guint i)
{
    struct rp_qrtr_hdr h;
    const uint8_t *p;

    linux_accepts(sent(l, i), &h, &p);
    return h.type;
}

static uint32_t pkt(uint8_t *buf, uint32_t type, uint32_t src_node, uint32_t src_port,
                    uint32_t confirm, uint32_t dst_port, const void *payload, uint32_t len)
{
    struct rp_qrtr_hdr h = { type, src_node, src_port, confirm, 0, NODE, dst_port };

    return rp_qrtr_build(buf, 256, &h, payload, len);
}

static void node_init(struct rp_qrtr *q, Link *l)
{
    struct rp_qrtr_server s = { RP_SSCTL_SERVICE, rp_ssctl_instance(0x17), PORT, server_rx, l };

    memset(l, 0, sizeof(*l));
    l->sent = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    rp_qrtr_init(q, NODE, link_send, NULL, l);
    ck_assert_int_eq(rp_qrtr_add_server(q, &s), RP_OK);
}

/* Linux's HELLO from its control port (the name server's answer, or 7.x's core) */
static void linux_hello(struct rp_qrtr *q)
{
    uint8_t buf[256], hello[RP_QRTR_CTRL_LEN] = { RP_QRTR_TYPE_HELLO };
    uint32_t n = pkt(buf, RP_QRTR_TYPE_HELLO, 1, RP_QRTR_PORT_CTRL, 0, RP_QRTR_PORT_CTRL,
                     hello, sizeof(hello));

    ck_assert_int_eq(rp_qrtr_receive(q, buf, n), RP_OK);
}

START_TEST(hello_then_new_server)
{
    struct rp_qrtr q;
    Link l;
    struct rp_qrtr_hdr h;
    const uint8_t *p;

    node_init(&q, &l);
    rp_qrtr_link_up(&q);
    ck_assert_uint_eq(l.sent->len, 1);
    linux_accepts(sent(&l, 0), &h, &p);
    ck_assert_uint_eq(h.type, RP_QRTR_TYPE_HELLO);
    ck_assert_uint_eq(h.src_port, RP_QRTR_PORT_CTRL);
    ck_assert_uint_eq(h.dst_node, RP_QRTR_NODE_AP);
    ck_assert_uint_eq(rp_le32(p), RP_QRTR_TYPE_HELLO);

    /* the name server answers (ns.c ctrl_cmd_hello): our server follows */
    linux_hello(&q);
    ck_assert_uint_eq(l.sent->len, 2);
    linux_accepts(sent(&l, 1), &h, &p);
    ck_assert_uint_eq(h.type, RP_QRTR_TYPE_NEW_SERVER);
    ck_assert_uint_eq(rp_le32(p), RP_QRTR_TYPE_NEW_SERVER);
    ck_assert_uint_eq(rp_le32(p + 4), 43);
    ck_assert_uint_eq(rp_le32(p + 8), 0x1702);
    ck_assert_uint_eq(rp_le32(p + 12), NODE);
    ck_assert_uint_eq(rp_le32(p + 16), PORT);
    /* a second HELLO announces nothing again */
    linux_hello(&q);
    ck_assert_uint_eq(l.sent->len, 2);

    /* a graceful stop: DEL_SERVER, then BYE */
    rp_qrtr_goodbye(&q);
    ck_assert_uint_eq(l.sent->len, 4);
    linux_accepts(sent(&l, 2), &h, &p);
    ck_assert_uint_eq(h.type, RP_QRTR_TYPE_DEL_SERVER);
    ck_assert_uint_eq(rp_le32(p + 8), 0x1702);
    ck_assert_uint_eq(sent_type(&l, 3), RP_QRTR_TYPE_BYE);
    g_ptr_array_unref(l.sent);
}
END_TEST

/* Linux 7.x: the core says HELLO first, and its name server answers none of ours */
START_TEST(linux_says_hello_first)
{
    struct rp_qrtr q;
    Link l;

    node_init(&q, &l);
    linux_hello(&q);
    ck_assert_uint_eq(l.sent->len, 2);
    ck_assert_uint_eq(sent_type(&l, 0), RP_QRTR_TYPE_HELLO);
    ck_assert_uint_eq(sent_type(&l, 1), RP_QRTR_TYPE_NEW_SERVER);
    /* our link comes up after: one more HELLO, no second announcement */
    rp_qrtr_link_up(&q);
    ck_assert_uint_eq(l.sent->len, 3);
    g_ptr_array_unref(l.sent);
}
END_TEST

START_TEST(silent_node_announces_nothing)
{
    struct rp_qrtr q;
    Link l;

    node_init(&q, &l);
    q.announce = 0;
    rp_qrtr_link_up(&q);
    linux_hello(&q);
    ck_assert_uint_eq(l.sent->len, 1);      /* our HELLO only */
    g_ptr_array_unref(l.sent);
}
END_TEST

START_TEST(data_and_flow_control)
{
    struct rp_qrtr q;
    Link l;
    struct rp_qrtr_hdr h;
    const uint8_t *p;
    uint8_t buf[256];
    uint32_t n;

    node_init(&q, &l);
    n = pkt(buf, RP_QRTR_TYPE_DATA, 1, 0x4000, 0, PORT, "request", 7);
    ck_assert_uint_eq(n, 32 + 8);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_OK);
    ck_assert_int_eq(l.data_count, 1);
    ck_assert_uint_eq(l.data_len, 7);
    ck_assert_uint_eq(l.from_port, 0x4000);
    ck_assert_uint_eq(l.sent->len, 0);

    /* confirm_rx: RESUME_TX to the sender, keyed by our node and port (qrtr_tx_resume) */
    n = pkt(buf, RP_QRTR_TYPE_DATA, 1, 0x4000, 1, PORT, "fifth", 5);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_OK);
    ck_assert_int_eq(l.data_count, 2);
    ck_assert_uint_eq(l.sent->len, 1);
    linux_accepts(sent(&l, 0), &h, &p);
    ck_assert_uint_eq(h.type, RP_QRTR_TYPE_RESUME_TX);
    ck_assert_uint_eq(h.size, RP_QRTR_CTRL_LEN);
    ck_assert_uint_eq(h.dst_node, 1);
    ck_assert_uint_eq(h.dst_port, 0x4000);
    ck_assert_uint_eq(rp_le32(p), RP_QRTR_TYPE_RESUME_TX);
    ck_assert_uint_eq(rp_le32(p + 4), NODE);
    ck_assert_uint_eq(rp_le32(p + 8), PORT);

    /* our answer */
    ck_assert_int_eq(rp_qrtr_send_data(&q, PORT, 1, 0x4000, "answer", 6), RP_OK);
    linux_accepts(sent(&l, 1), &h, &p);
    ck_assert_uint_eq(h.type, RP_QRTR_TYPE_DATA);
    ck_assert_uint_eq(h.size, 6);
    ck_assert_uint_eq(sent(&l, 1)->len, 32 + 8);
    ck_assert_int_eq(rp_qrtr_send_data(&q, PORT, 1, 0x4000, buf, RP_QRTR_MAX_PACKET), RP_EINVAL);
    g_ptr_array_unref(l.sent);
}
END_TEST

START_TEST(malformed_packets_refused)
{
    struct rp_qrtr q;
    Link l;
    uint8_t buf[256];
    uint32_t n;

    node_init(&q, &l);
    n = pkt(buf, RP_QRTR_TYPE_DATA, 1, 0x4000, 0, PORT, "request", 7);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n - 4), RP_EINVAL);     /* short */
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, 16), RP_EINVAL);        /* no header */
    rp_put_le32(buf + 20, 100);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_EINVAL);         /* size too big */
    rp_put_le32(buf + 20, 7);
    rp_put_le32(buf, 2);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_EINVAL);         /* version 2 */
    /* a control packet without its command; data for a port nobody serves */
    n = pkt(buf, RP_QRTR_TYPE_HELLO, 1, RP_QRTR_PORT_CTRL, 0, RP_QRTR_PORT_CTRL, "ab", 2);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_OK);
    n = pkt(buf, RP_QRTR_TYPE_DATA, 1, 0x4000, 0, 99, "x", 1);
    ck_assert_int_eq(rp_qrtr_receive(&q, buf, n), RP_OK);
    ck_assert_int_eq(l.data_count, 0);
    ck_assert_uint_eq(q.errors, 5);
    ck_assert_uint_eq(rp_qrtr_build(buf, 40, &(struct rp_qrtr_hdr){ 0 }, "123456789", 9), 0);
    ck_assert_uint_eq(rp_qrtr_build(buf, 20, &(struct rp_qrtr_hdr){ 0 }, "", 0), 0);
    g_ptr_array_unref(l.sent);
}
END_TEST

/* The requests as Linux's qmi_encdec.c encodes sysmon's messages */
static const uint8_t shutdown_req[] = { 0x00, 0x05, 0x00, 0x21, 0x00, 0x00, 0x00 };
static const uint8_t event_req[] = {
    0x00, 0x06, 0x00, 0x23, 0x00, 0x16, 0x00,
    0x01, 0x05, 0x00, 0x04, 'a', 'd', 's', 'p',
    0x02, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x10, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00,
};

START_TEST(ssctl_answers_sysmon)
{
    static const uint8_t ok[] = { 0x02, 0x05, 0x00, 0x21, 0x00, 0x07, 0x00,
                                  0x02, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00 };
    struct rp_qmi_msg msg;
    struct rp_ssctl_event ev;
    uint8_t out[64];
    uint32_t n;

    ck_assert_int_eq(rp_ssctl_decode(shutdown_req, sizeof(shutdown_req), &msg, &ev),
                     RP_SSCTL_SHUTDOWN);
    n = rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_SHUTDOWN, 0);
    ck_assert_uint_eq(n, sizeof(ok));
    ck_assert_mem_eq(out, ok, n);
    ck_assert_uint_le(n, 20);           /* sysmon's receive buffer */
    n = rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_SHUTDOWN, 1);
    ck_assert_uint_eq(rp_le16(out + 10), RP_QMI_RESULT_FAILURE);

    ck_assert_int_eq(rp_ssctl_decode(event_req, sizeof(event_req), &msg, &ev), RP_SSCTL_EVENT);
    ck_assert_str_eq(ev.name, "adsp");
    ck_assert_uint_eq(ev.event, RP_SSCTL_AFTER_POWERUP);
    ck_assert_str_eq(rp_ssctl_event_name(ev.event), "after_powerup");
    ck_assert_uint_eq(ev.driven, RP_SSCTL_EVT_FORCED);
    n = rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_EVENT, 0);
    ck_assert_uint_eq(out[0], RP_QMI_RESPONSE);
    ck_assert_uint_eq(rp_le16(out + 1), 6);
    ck_assert_uint_eq(rp_le16(out + 3), 0x23);
    ck_assert_uint_eq(rp_le16(out + 10), RP_QMI_RESULT_SUCCESS);
    ck_assert_str_eq(rp_ssctl_event_name(9), "unknown");
    /* no room: nothing written */
    ck_assert_uint_eq(rp_ssctl_answer(out, 10, &msg, RP_SSCTL_EVENT, 0), 0);
}
END_TEST

START_TEST(ssctl_malformed_requests)
{
    struct rp_qmi_msg msg;
    struct rp_ssctl_event ev;
    uint8_t req[sizeof(event_req)], out[64];

    ck_assert_int_eq(rp_ssctl_decode(shutdown_req, 6, &msg, &ev), RP_SSCTL_GARBAGE);
    memcpy(req, shutdown_req, sizeof(shutdown_req));
    req[0] = RP_QMI_RESPONSE;
    ck_assert_int_eq(rp_ssctl_decode(req, 7, &msg, &ev), RP_SSCTL_GARBAGE);
    req[0] = RP_QMI_REQUEST;
    req[5] = 1;                                 /* msg_len past the buffer */
    ck_assert_int_eq(rp_ssctl_decode(req, 7, &msg, &ev), RP_SSCTL_GARBAGE);
    req[5] = 0;
    req[3] = 0x22;
    ck_assert_int_eq(rp_ssctl_decode(req, 7, &msg, &ev), RP_SSCTL_UNKNOWN);
    ck_assert_uint_gt(rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_UNKNOWN, 0), 0);
    ck_assert_uint_eq(rp_le16(out + 12), RP_QMI_ERR_INVALID_ID);

    memcpy(req, event_req, sizeof(req));
    req[10] = 16;                               /* name longer than 15 */
    ck_assert_int_eq(rp_ssctl_decode(req, sizeof(req), &msg, &ev), RP_SSCTL_MALFORMED);
    req[10] = 4;
    req[8] = 0x30;                              /* TLV runs past the message */
    ck_assert_int_eq(rp_ssctl_decode(req, sizeof(req), &msg, &ev), RP_SSCTL_MALFORMED);
    memcpy(req, event_req, sizeof(req));
    req[15] = 0x03;                             /* no event TLV */
    ck_assert_int_eq(rp_ssctl_decode(req, sizeof(req), &msg, &ev), RP_SSCTL_MALFORMED);
    memcpy(req, event_req, sizeof(req));
    req[23] = 2;                                /* forced/graceful of 2 bytes */
    ck_assert_int_eq(rp_ssctl_decode(req, sizeof(req), &msg, &ev), RP_SSCTL_MALFORMED);
    ck_assert_uint_gt(rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_MALFORMED, 0), 0);
    ck_assert_uint_eq(rp_le16(out + 12), RP_QMI_ERR_MALFORMED_MSG);
    ck_assert_uint_eq(rp_ssctl_answer(out, sizeof(out), &msg, RP_SSCTL_GARBAGE, 0), 0);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "qrtr", hello_then_new_server },
        { "qrtr", linux_says_hello_first },
        { "qrtr", silent_node_announces_nothing },
        { "qrtr", data_and_flow_control },
        { "qrtr", malformed_packets_refused },
        { "ssctl", ssctl_answers_sysmon },
        { "ssctl", ssctl_malformed_requests },
    };

    return rp_suite_new("qrtr", tests, G_N_ELEMENTS(tests), NULL);
}
