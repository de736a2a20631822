/*
 * rprocsim models: the K3 secure proxy threads as the host's
 * drivers/mailbox/ti-msgmgr.c (Linux 6.12, am654_desc) uses them.
 *
 * A thread either transmits (the host writes messages to it) or receives
 * (the host reads them). A message is 15 words (K3_SPROXY_MSG_SIZE bytes,
 * include/rprocsim/k3-sec-proxy-regs.h). On a tx thread the host writes the
 * data words; the write of the last one commits the message, using one of
 * the thread's credits. On an rx thread the host reads the head message's
 * words; the read of the last one pops it. The status word counts credits
 * (tx) or waiting messages (rx); the rx interrupt is high while messages
 * wait. The owner feeds rx threads (k3_sproxy_push()) and gives tx credits
 * back when it has consumed a message (k3_sproxy_return_credit()).
 *
 * Misuse gets a defined answer, never a write outside the state: a write
 * to an rx thread or a read of a tx thread is ignored (reads 0), a read of
 * an empty rx thread reads 0, a commit without credits drops the message,
 * an unknown thread reads 0. Each such access returns its K3SproxyResult
 * for the caller to log.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_K3_SEC_PROXY_H
#define RPROCSIM_MODELS_K3_SEC_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rprocsim/k3-sec-proxy-regs.h"

#define K3_SPROXY_MODEL_THREADS 4       /* threads one model serves */
#define K3_SPROXY_MAX_DEPTH     8       /* rx FIFO depth / tx credits, at most */

typedef enum K3SproxyResult {
    K3_SPROXY_OK,           /* a data word read or written */
    K3_SPROXY_COMMITTED,    /* the last word written: the message was sent */
    K3_SPROXY_POPPED,       /* the last word read: the message was taken */
    K3_SPROXY_EMPTY,        /* read of an rx thread with no message: 0 */
    K3_SPROXY_NO_CREDITS,   /* commit on a tx thread without credits: dropped */
    K3_SPROXY_WRONG_DIR,    /* write to an rx thread or read of a tx thread */
    K3_SPROXY_NO_THREAD,    /* a thread the model does not serve */
    K3_SPROXY_BAD_REG,      /* a data register index outside 0..14 */
} K3SproxyResult;

typedef struct K3SproxyThread {
    /* configuration (k3_sproxy_add_thread()) */
    uint32_t tid;
    bool rx;
    uint32_t depth;         /* rx: FIFO slots; tx: credits when idle */
    /* state */
    uint32_t credits;       /* tx: messages it may still take */
    uint32_t head;          /* rx: index of the oldest message */
    uint32_t count;         /* rx: messages waiting */
    uint32_t fifo[K3_SPROXY_MAX_DEPTH][K3_SPROXY_DATA_REGS];
    uint32_t staging[K3_SPROXY_DATA_REGS];  /* tx: words written so far */
} K3SproxyThread;

typedef struct K3SproxyState {
    unsigned nthreads;
    K3SproxyThread thread[K3_SPROXY_MODEL_THREADS];
} K3SproxyState;

/* No threads. */
void k3_sproxy_init(K3SproxyState *s);

/*
 * Serve thread @tid (below K3_SPROXY_MAX_THREADS) as an rx (@rx) or tx
 * thread of @depth (1..K3_SPROXY_MAX_DEPTH) FIFO slots or credits, reset.
 * False, nothing changed, for a bad @tid or @depth, a thread already served
 * or no room left.
 */
bool k3_sproxy_add_thread(K3SproxyState *s, uint32_t tid, bool rx, uint32_t depth);

/* Every thread back to its reset state: rx empty, tx with all its credits. */
void k3_sproxy_reset(K3SproxyState *s);

/* The thread served as @tid, or NULL. */
K3SproxyThread *k3_sproxy_thread(K3SproxyState *s, uint32_t tid);

/* The "rt" status word of @tid: its count (bits 7:0); 0 for an unknown thread. */
uint32_t k3_sproxy_status(K3SproxyState *s, uint32_t tid);

/* The "scfg" control word of @tid: K3_SPROXY_SCFG_CTRL_DIR for rx; 0 otherwise. */
uint32_t k3_sproxy_ctrl(K3SproxyState *s, uint32_t tid);

/*
 * Host read of data register @reg (0..14) of @tid into @val (0 unless
 * K3_SPROXY_OK or _POPPED). Reading the last register pops the message.
 */
K3SproxyResult k3_sproxy_read(K3SproxyState *s, uint32_t tid, uint32_t reg,
                              uint32_t *val);

/*
 * Host write of @val to data register @reg (0..14) of @tid. Writing the
 * last register commits: with K3_SPROXY_COMMITTED the K3_SPROXY_MSG_SIZE
 * bytes of the message (little-endian words) are in @msg and one credit is
 * used; with K3_SPROXY_NO_CREDITS the message is dropped. Either way the
 * staged words are cleared.
 */
K3SproxyResult k3_sproxy_write(K3SproxyState *s, uint32_t tid, uint32_t reg,
                               uint32_t val, uint8_t msg[K3_SPROXY_MSG_SIZE]);

/*
 * Queue the @len bytes of @msg (at most K3_SPROXY_MSG_SIZE; zero-padded)
 * on rx thread @tid. False, nothing queued, if @tid is not an rx thread,
 * its FIFO is full or @len too long.
 */
bool k3_sproxy_push(K3SproxyState *s, uint32_t tid, const uint8_t *msg, size_t len);

/* Give tx thread @tid one credit back; false if it is not tx or has all. */
bool k3_sproxy_return_credit(K3SproxyState *s, uint32_t tid);

/* Level of @tid's rx interrupt: an rx thread with a message waiting. */
bool k3_sproxy_irq_level(K3SproxyState *s, uint32_t tid);

/*
 * Whether @s holds values a migration stream may carry for the threads
 * configured: counts, heads and credits within their depths.
 */
bool k3_sproxy_valid(const K3SproxyState *s);

/* "ok", "committed", ... for logs and traces. */
const char *k3_sproxy_result_name(K3SproxyResult r);

#endif /* RPROCSIM_MODELS_K3_SEC_PROXY_H */
