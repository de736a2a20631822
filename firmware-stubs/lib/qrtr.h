/*
 * rprocsim firmware library: a QRTR node on the remote side of a link
 * (Linux's side: net/qrtr/af_qrtr.c, ns.c, smd.c, Linux 6.12 and 7.x).
 *
 * Each packet is a version 1 header of eight le32 (version, type, source
 * node and port, confirm_rx, payload size, destination node and port) and
 * the payload padded to 4 bytes; over GLINK one packet is one message on
 * the "IPCRTR" channel. Control packets go to port 0xfffffffe and carry
 * struct qrtr_ctrl_pkt (le32 cmd, then a server {service, instance, node,
 * port} or a client {node, port}).
 *
 * The node says HELLO when its link comes up, announces its servers with
 * NEW_SERVER once Linux's name server answered HELLO, hands DATA for its
 * ports to the server's handler (answering confirm_rx with RESUME_TX), and
 * on a graceful stop withdraws its servers (DEL_SERVER) and says BYE.
 * Malformed packets are logged and dropped. See docs/ipc.md.
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_QRTR_H
#define RPROCSIM_FW_QRTR_H

#include <stdint.h>

#define RP_QRTR_VERSION_1       1
#define RP_QRTR_HDR_LEN         32
#define RP_QRTR_CTRL_LEN        20              /* struct qrtr_ctrl_pkt */
#define RP_QRTR_PORT_CTRL       0xfffffffeu
#define RP_QRTR_NODE_BCAST      0xffffffffu
#define RP_QRTR_NODE_AP         1               /* Linux's own node id (qrtr_local_nid) */
#define RP_QRTR_MAX_PACKET      1024            /* header and payload */
#define RP_QRTR_MAX_SERVERS     2

/* Packet types (include/uapi/linux/qrtr.h enum qrtr_pkt_type) */
#define RP_QRTR_TYPE_DATA       1
#define RP_QRTR_TYPE_HELLO      2
#define RP_QRTR_TYPE_BYE        3
#define RP_QRTR_TYPE_NEW_SERVER 4
#define RP_QRTR_TYPE_DEL_SERVER 5
#define RP_QRTR_TYPE_DEL_CLIENT 6
#define RP_QRTR_TYPE_RESUME_TX  7
#define RP_QRTR_TYPE_EXIT       8
#define RP_QRTR_TYPE_PING       9
#define RP_QRTR_TYPE_NEW_LOOKUP 10
#define RP_QRTR_TYPE_DEL_LOOKUP 11

struct rp_qrtr_hdr {
    uint32_t type;
    uint32_t src_node, src_port;
    uint32_t confirm_rx;
    uint32_t size;              /* of the payload, unpadded */
    uint32_t dst_node, dst_port;
};

struct rp_qrtr;

struct rp_qrtr_server {
    uint32_t service;
    uint32_t instance;          /* as announced: the QMI version in its low 8 bits */
    uint32_t port;
    /* DATA for @port from @h->src_node/@h->src_port */
    void (*rx)(struct rp_qrtr *q, const struct rp_qrtr_hdr *h, const uint8_t *data,
               uint32_t len, void *ctx);
    void *ctx;
};

struct rp_qrtr {
    uint32_t node;              /* ours */
    /* hand one packet to the link; RP_OK or an error (the packet is lost) */
    int (*send)(void *ctx, const uint8_t *pkt, uint32_t len);
    void (*log)(void *ctx, const char *msg);
    void *ctx;
    uint8_t announce;           /* announce the servers after HELLO (1 by default) */
    uint8_t said_hello;         /* we sent HELLO on this link */
    uint8_t peer_hello;         /* Linux's name server answered */
    uint32_t errors;            /* malformed packets, for the tests */
    struct rp_qrtr_server servers[RP_QRTR_MAX_SERVERS];
    uint32_t nservers;
    uint8_t pkt[RP_QRTR_MAX_PACKET];
};

/*
 * Parse the packet @pkt of @len bytes: a version 1 header, a payload size
 * that fits and the padding Linux's qrtr_endpoint_post() insists on (@len
 * = 32 + size rounded up to 4). *@payload points into @pkt.
 * RP_OK or RP_EINVAL.
 */
int rp_qrtr_parse(const uint8_t *pkt, uint32_t len, struct rp_qrtr_hdr *h,
                  const uint8_t **payload);

/*
 * Build a packet with header @h (its size is taken from @len) and @len
 * bytes of @payload into @buf of @cap bytes, padded to 4. Returns its
 * length, or 0 when it does not fit.
 */
uint32_t rp_qrtr_build(uint8_t *buf, uint32_t cap, const struct rp_qrtr_hdr *h,
                       const void *payload, uint32_t len);

/* Set up node @node with @send and @log (may be NULL), no servers, announcing */
void rp_qrtr_init(struct rp_qrtr *q, uint32_t node,
                  int (*send)(void *ctx, const uint8_t *pkt, uint32_t len),
                  void (*log)(void *ctx, const char *msg), void *ctx);

/* Add a server (copied). RP_OK or RP_ENOMEM. */
int rp_qrtr_add_server(struct rp_qrtr *q, const struct rp_qrtr_server *s);

/* The link came up: say HELLO to Linux's name server */
void rp_qrtr_link_up(struct rp_qrtr *q);

/* The link went away: forget the peer (its ports and our HELLO) */
void rp_qrtr_link_down(struct rp_qrtr *q);

/*
 * Take one packet from the link. Returns RP_OK, or RP_EINVAL for a
 * malformed packet (logged, dropped).
 */
int rp_qrtr_receive(struct rp_qrtr *q, const uint8_t *pkt, uint32_t len);

/* DATA from our @port to @dst_node/@dst_port. RP_OK, RP_EINVAL (too big) or the link's error. */
int rp_qrtr_send_data(struct rp_qrtr *q, uint32_t port, uint32_t dst_node, uint32_t dst_port,
                      const void *data, uint32_t len);

/* A graceful stop: DEL_SERVER for each announced server, then BYE */
void rp_qrtr_goodbye(struct rp_qrtr *q);

#endif /* RPROCSIM_FW_QRTR_H */
