/*
 * rprocsim firmware library: a QRTR node on the remote side of a link
 * (net/qrtr/af_qrtr.c, ns.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qrtr.h"
#include "rprocsim/bytes.h"
#include "shmem.h"

static void say(struct rp_qrtr *q, const char *msg)
{
    if (q->log) {
        q->log(q->ctx, msg);
    }
}

int rp_qrtr_parse(const uint8_t *pkt, uint32_t len, struct rp_qrtr_hdr *h,
                  const uint8_t **payload)
{
    if (len < RP_QRTR_HDR_LEN || rp_le32(pkt) != RP_QRTR_VERSION_1) {
        return RP_EINVAL;
    }
    h->type = rp_le32(pkt + 4);
    h->src_node = rp_le32(pkt + 8);
    h->src_port = rp_le32(pkt + 12);
    h->confirm_rx = rp_le32(pkt + 16);
    h->size = rp_le32(pkt + 20);
    h->dst_node = rp_le32(pkt + 24);
    h->dst_port = rp_le32(pkt + 28);
    if (h->size > len - RP_QRTR_HDR_LEN ||
        ((h->size + 3) & ~3u) != len - RP_QRTR_HDR_LEN) {
        return RP_EINVAL;
    }
    *payload = pkt + RP_QRTR_HDR_LEN;
    return RP_OK;
}

uint32_t rp_qrtr_build(uint8_t *buf, uint32_t cap, const struct rp_qrtr_hdr *h,
                       const void *payload, uint32_t len)
{
    const uint8_t *bytes = payload;
    uint32_t total;

    if (cap < RP_QRTR_HDR_LEN || len > cap - RP_QRTR_HDR_LEN ||
        ((len + 3) & ~3u) > cap - RP_QRTR_HDR_LEN) {
        return 0;
    }
    total = RP_QRTR_HDR_LEN + ((len + 3) & ~3u);
    rp_put_le32(buf, RP_QRTR_VERSION_1);
    rp_put_le32(buf + 4, h->type);
    rp_put_le32(buf + 8, h->src_node);
    rp_put_le32(buf + 12, h->src_port);
    rp_put_le32(buf + 16, h->confirm_rx);
    rp_put_le32(buf + 20, len);
    rp_put_le32(buf + 24, h->dst_node);
    rp_put_le32(buf + 28, h->dst_port);
    for (uint32_t i = 0; i < total - RP_QRTR_HDR_LEN; i++) {
        buf[RP_QRTR_HDR_LEN + i] = i < len ? bytes[i] : 0;
    }
    return total;
}

void rp_qrtr_init(struct rp_qrtr *q, uint32_t node,
                  int (*send)(void *ctx, const uint8_t *pkt, uint32_t len),
                  void (*log)(void *ctx, const char *msg), void *ctx)
{
    q->node = node;
    q->send = send;
    q->log = log;
    q->ctx = ctx;
    q->announce = 1;
    q->said_hello = 0;
    q->peer_hello = 0;
    q->errors = 0;
    q->nservers = 0;
}

int rp_qrtr_add_server(struct rp_qrtr *q, const struct rp_qrtr_server *s)
{
    if (q->nservers >= RP_QRTR_MAX_SERVERS) {
        return RP_ENOMEM;
    }
    q->servers[q->nservers++] = *s;
    return RP_OK;
}

/*
 * A control packet (struct qrtr_ctrl_pkt: @type, then up to 4 @words) from
 * our @src_port to @dst_node/@dst_port
 */
static int send_ctrl_to(struct rp_qrtr *q, uint32_t type, uint32_t src_port, uint32_t dst_node,
                        uint32_t dst_port, const uint32_t *words, uint32_t nwords)
{
    struct rp_qrtr_hdr h = {
        .type = type,
        .src_node = q->node,
        .src_port = src_port,
        .dst_node = dst_node,
        .dst_port = dst_port,
    };
    uint8_t ctrl[RP_QRTR_CTRL_LEN] = { 0 };
    uint32_t len;

    rp_put_le32(ctrl, type);
    for (uint32_t i = 0; i < nwords && i < 4; i++) {
        rp_put_le32(ctrl + 4 + 4 * i, words[i]);
    }
    len = rp_qrtr_build(q->pkt, sizeof(q->pkt), &h, ctrl, sizeof(ctrl));
    return q->send(q->ctx, q->pkt, len);
}

/* A control packet from our control port to Linux's name server on @dst_node */
static int send_ctrl(struct rp_qrtr *q, uint32_t type, uint32_t dst_node, const uint32_t *words,
                     uint32_t nwords)
{
    return send_ctrl_to(q, type, RP_QRTR_PORT_CTRL, dst_node, RP_QRTR_PORT_CTRL, words, nwords);
}

static void announce(struct rp_qrtr *q, uint32_t type)
{
    for (uint32_t i = 0; i < q->nservers; i++) {
        const struct rp_qrtr_server *s = &q->servers[i];
        uint32_t w[4] = { s->service, s->instance, q->node, s->port };

        send_ctrl(q, type, RP_QRTR_NODE_AP, w, 4);
    }
}

void rp_qrtr_link_up(struct rp_qrtr *q)
{
    q->peer_hello = 0;
    q->said_hello = send_ctrl(q, RP_QRTR_TYPE_HELLO, RP_QRTR_NODE_AP, 0, 0) == RP_OK;
}

void rp_qrtr_link_down(struct rp_qrtr *q)
{
    q->said_hello = 0;
    q->peer_hello = 0;
}

static void receive_ctrl(struct rp_qrtr *q, const struct rp_qrtr_hdr *h, const uint8_t *data)
{
    if (h->size < 4) {
        q->errors++;
        say(q, "qrtr: a control packet without a command, dropped");
        return;
    }
    switch (rp_le32(data)) {
    case RP_QRTR_TYPE_HELLO:
        /* the name server's answer to ours, or its own first word */
        if (!q->said_hello) {
            q->said_hello = send_ctrl(q, RP_QRTR_TYPE_HELLO, h->src_node, 0, 0) == RP_OK;
        }
        if (!q->peer_hello) {
            q->peer_hello = 1;
            if (q->announce) {
                announce(q, RP_QRTR_TYPE_NEW_SERVER);
            }
        }
        break;
    case RP_QRTR_TYPE_BYE:
        q->peer_hello = 0;
        break;
    default:
        /* NEW_SERVER, DEL_SERVER, DEL_CLIENT, RESUME_TX...: nothing we track */
        break;
    }
}

int rp_qrtr_receive(struct rp_qrtr *q, const uint8_t *pkt, uint32_t len)
{
    struct rp_qrtr_hdr h;
    const uint8_t *data;

    if (rp_qrtr_parse(pkt, len, &h, &data) != RP_OK) {
        q->errors++;
        say(q, "qrtr: a malformed packet, dropped");
        return RP_EINVAL;
    }
    if (h.type != RP_QRTR_TYPE_DATA) {
        receive_ctrl(q, &h, data);
        return RP_OK;
    }
    if (h.confirm_rx) {
        /* the sender waits for this before it sends more (qrtr_tx_wait), keyed by our node and port */
        uint32_t client[2] = { q->node, h.dst_port };

        send_ctrl_to(q, RP_QRTR_TYPE_RESUME_TX, h.dst_port, h.src_node, h.src_port, client, 2);
    }
    for (uint32_t i = 0; i < q->nservers; i++) {
        if (q->servers[i].port == h.dst_port && q->servers[i].rx) {
            q->servers[i].rx(q, &h, data, h.size, q->servers[i].ctx);
            return RP_OK;
        }
    }
    say(q, "qrtr: data for a port nobody serves, dropped");
    return RP_OK;
}

int rp_qrtr_send_data(struct rp_qrtr *q, uint32_t port, uint32_t dst_node, uint32_t dst_port,
                      const void *data, uint32_t len)
{
    struct rp_qrtr_hdr h = {
        .type = RP_QRTR_TYPE_DATA,
        .src_node = q->node,
        .src_port = port,
        .dst_node = dst_node,
        .dst_port = dst_port,
    };
    uint32_t total = rp_qrtr_build(q->pkt, sizeof(q->pkt), &h, data, len);

    if (!total) {
        return RP_EINVAL;
    }
    return q->send(q->ctx, q->pkt, total);
}

void rp_qrtr_goodbye(struct rp_qrtr *q)
{
    if (!q->said_hello) {
        return;
    }
    if (q->peer_hello && q->announce) {
        announce(q, RP_QRTR_TYPE_DEL_SERVER);
    }
    send_ctrl(q, RP_QRTR_TYPE_BYE, RP_QRTR_NODE_AP, 0, 0);
    q->said_hello = 0;
    q->peer_hello = 0;
}
