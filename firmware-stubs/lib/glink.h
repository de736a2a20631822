/*
 * rprocsim firmware library: the remote side of a GLINK edge over SMEM.
 *
 * Linux's side is drivers/rpmsg/qcom_glink_smem.c (the transport) and
 * qcom_glink_native.c (the protocol), Linux 6.12 and 7.x. The edge lives
 * in the SMEM partition the remote shares with the application processor:
 * item 478 is a 32-byte descriptor (word 0 Linux's TX tail, 1 its TX head,
 * 2 its RX tail, 3 its RX head), 479 is Linux's TX FIFO (16 KiB, Linux
 * allocates it) and 480 ours (allocated here, Linux looks it up and takes
 * its length from the item's size). Every command is an 8-byte header
 * {le16 cmd, le16 param1, le32 param2} and its payload, padded to 8 bytes;
 * the writer stores the data, then the head, then rings the other side.
 *
 * This side answers VERSION, opens its channels when Linux attaches (the
 * first VERSION after Linux registered the edge), acknowledges Linux's
 * OPENs, advertises receive intents, sends data into the intents Linux
 * advertised and answers RX_DONE, RX_INTENT_REQ and CLOSE. A malformed
 * command is logged and the rest of the FIFO dropped; nothing Linux writes
 * makes it read or write outside the two FIFOs. See docs/ipc.md.
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_GLINK_H
#define RPROCSIM_FW_GLINK_H

#include "smem.h"

/* SMEM items (qcom_glink_smem.c SMEM_GLINK_NATIVE_XPRT_*) */
#define RP_GLINK_ITEM_DESC          478
#define RP_GLINK_ITEM_FIFO_LINUX    479     /* Linux's TX, our RX */
#define RP_GLINK_ITEM_FIFO_REMOTE   480     /* our TX, Linux's RX */
#define RP_GLINK_DESC_SIZE          32
#define RP_GLINK_FIFO_SIZE          16384   /* of ours; Linux's is read from SMEM */
#define RP_GLINK_DESC_TX_TAIL       0       /* the descriptor's words, as Linux names them */
#define RP_GLINK_DESC_TX_HEAD       1
#define RP_GLINK_DESC_RX_TAIL       2
#define RP_GLINK_DESC_RX_HEAD       3

/* Commands (qcom_glink_native.c GLINK_CMD_*) */
#define RP_GLINK_CMD_VERSION        0
#define RP_GLINK_CMD_VERSION_ACK    1
#define RP_GLINK_CMD_OPEN           2
#define RP_GLINK_CMD_CLOSE          3
#define RP_GLINK_CMD_OPEN_ACK       4
#define RP_GLINK_CMD_INTENT         5
#define RP_GLINK_CMD_RX_DONE        6
#define RP_GLINK_CMD_RX_INTENT_REQ  7
#define RP_GLINK_CMD_RX_INTENT_REQ_ACK 8
#define RP_GLINK_CMD_TX_DATA        9
#define RP_GLINK_CMD_CLOSE_ACK      11
#define RP_GLINK_CMD_TX_DATA_CONT   12
#define RP_GLINK_CMD_READ_NOTIF     13
#define RP_GLINK_CMD_RX_DONE_W_REUSE 14
#define RP_GLINK_CMD_SIGNALS        15

#define RP_GLINK_VERSION_1          1
#define RP_GLINK_FEATURE_INTENT_REUSE 0x1
#define RP_GLINK_FEATURES           RP_GLINK_FEATURE_INTENT_REUSE

#define RP_GLINK_NAME_LEN           32      /* channel names, NUL included */
#define RP_GLINK_MAX_CHANNELS       4
#define RP_GLINK_MAX_INTENTS        8       /* Linux's intents we track per channel */
#define RP_GLINK_MTU                1024    /* the largest message we take or send */
#define RP_GLINK_RX_INTENTS         4       /* intents of RP_GLINK_MTU we advertise */
#define RP_GLINK_TX_QUEUE           4       /* messages waiting for one of Linux's intents */
#define RP_GLINK_CMD_MAX            (16 + RP_GLINK_MTU)     /* header, sizes, data */

struct rp_glink;

struct rp_glink_intent {
    uint32_t id;
    uint32_t size;
    uint8_t valid;
    uint8_t in_use;         /* we sent into it, no RX_DONE yet */
};

struct rp_glink_channel {
    char name[RP_GLINK_NAME_LEN];
    uint16_t lcid;          /* ours: Linux's rcid for it */
    uint16_t rcid;          /* Linux's, 0 until its OPEN */
    uint8_t open_sent;      /* our OPEN is in the FIFO */
    uint8_t open_acked;     /* Linux answered it with OPEN_ACK */
    uint8_t remote_open;    /* Linux opened its side (its OPEN, our OPEN_ACK) */
    uint8_t up;             /* both sides open: the owner was told */
    struct rp_glink_intent remote[RP_GLINK_MAX_INTENTS];    /* Linux's, to send into */
    uint32_t next_liid;     /* our next intent id */
    uint32_t rx_liid;       /* the intent a message in parts goes into */
    uint32_t rx_len;        /* bytes of it so far */
    uint8_t rx[RP_GLINK_MTU];
};

/* What the owner of the edge gives it: all may be NULL but kick */
struct rp_glink_ops {
    void (*kick)(void *ctx);                /* ring Linux (IPCC, signal GLINK_QMP) */
    void (*log)(void *ctx, const char *msg);    /* one line, no newline */
    /* both sides of @ch are open and Linux's intents are known (or not needed) */
    void (*up)(void *ctx, struct rp_glink_channel *ch);
    /* @ch closed by Linux, or the edge was reset by a new VERSION */
    void (*down)(void *ctx, struct rp_glink_channel *ch);
    /* a whole message on @ch; @data is valid until the callback returns */
    void (*rx)(void *ctx, struct rp_glink_channel *ch, const uint8_t *data, uint32_t len);
    void *ctx;
};

struct rp_glink {
    const struct rp_shmem *m;
    struct rp_smem_part part;
    const struct rp_glink_ops *ops;
    uint32_t desc;          /* data offset of item 478 */
    uint32_t rx_fifo;       /* Linux's FIFO (479), 0 until found */
    uint32_t rx_len;
    uint32_t tx_fifo;       /* ours (480) */
    uint32_t tx_len;
    uint32_t features;      /* negotiated with Linux */
    uint8_t attached;       /* Linux sent VERSION since our start */
    uint32_t rx_intents;    /* how many intents we advertise per channel */
    uint32_t errors;        /* malformed commands and failed sends, for the tests */
    uint8_t wrote;          /* a command went out since the last kick */
    struct rp_glink_channel ch[RP_GLINK_MAX_CHANNELS];
    uint32_t nch;
    struct {
        struct rp_glink_channel *ch;
        uint32_t len;
        uint8_t data[RP_GLINK_MTU];
    } queue[RP_GLINK_TX_QUEUE];         /* a ring: q_count from q_head, oldest first */
    uint32_t q_head;
    uint32_t q_count;
    uint8_t cmd[RP_GLINK_CMD_MAX];      /* a command being read or built */
};

/*
 * Start the edge at boot: allocate (or find) the descriptor and our FIFO in
 * @part under @lock, and reset the ring indices that are ours to own (our
 * RX tail and TX head), so that nothing of a previous boot is read or
 * resent. Linux's FIFO is looked up when Linux first writes. @ops is kept.
 * RP_OK or an rp_smem_alloc error (RP_ENOMEM, RP_EBUSY, RP_EIO).
 */
int rp_glink_init(struct rp_glink *g, const struct rp_shmem *m, const struct rp_hwlock *lock,
                  const struct rp_smem_part *part, const struct rp_glink_ops *ops);

/*
 * Declare a channel this side opens once Linux attaches (@name up to
 * RP_GLINK_NAME_LEN - 1 bytes). *@ch gets it. RP_OK, RP_ENOMEM (all
 * RP_GLINK_MAX_CHANNELS used), RP_EINVAL (name empty or too long).
 */
int rp_glink_add_channel(struct rp_glink *g, const char *name, struct rp_glink_channel **ch);

/*
 * Call on each GLINK interrupt from Linux: takes every whole command in
 * Linux's FIFO, answers what needs an answer, calls the owner's callbacks,
 * and rings Linux once if it wrote anything. Returns the number of
 * commands taken, or RP_EIO if the FIFO or a command was malformed (logged;
 * what was left in the FIFO is dropped).
 */
int rp_glink_poll(struct rp_glink *g);

/*
 * Send @len bytes (1 to RP_GLINK_MTU) on a channel that is up, in one
 * TX_DATA, into the smallest free intent Linux advertised that holds them;
 * with none, the message waits in a queue of RP_GLINK_TX_QUEUE and an
 * RX_INTENT_REQ asks Linux for one (sent when an INTENT or RX_DONE frees
 * one). Rings Linux when it wrote. RP_OK (sent or queued); RP_EBUSY when
 * the queue or our FIFO is full (logged, dropped); RP_EINVAL when the
 * channel is not up or @len is out of range.
 */
int rp_glink_send(struct rp_glink *g, struct rp_glink_channel *ch, const void *data,
                  uint32_t len);

#endif /* RPROCSIM_FW_GLINK_H */
