/*
 * rprocsim models: K3 secure proxy threads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "k3-sec-proxy.h"

#include <string.h>

#include "rprocsim/bytes.h"

#define LAST_REG (K3_SPROXY_DATA_REGS - 1)

void k3_sproxy_init(K3SproxyState *s)
{
    memset(s, 0, sizeof(*s));
}

static void thread_reset(K3SproxyThread *t)
{
    t->credits = t->rx ? 0 : t->depth;
    t->head = 0;
    t->count = 0;
    memset(t->fifo, 0, sizeof(t->fifo));
    memset(t->staging, 0, sizeof(t->staging));
}

K3SproxyThread *k3_sproxy_thread(K3SproxyState *s, uint32_t tid)
{
    for (unsigned i = 0; i < s->nthreads; i++) {
        if (s->thread[i].tid == tid) {
            return &s->thread[i];
        }
    }
    return NULL;
}

bool k3_sproxy_add_thread(K3SproxyState *s, uint32_t tid, bool rx, uint32_t depth)
{
    K3SproxyThread *t;

    if (tid >= K3_SPROXY_MAX_THREADS || depth == 0 || depth > K3_SPROXY_MAX_DEPTH ||
        s->nthreads >= K3_SPROXY_MODEL_THREADS || k3_sproxy_thread(s, tid)) {
        return false;
    }
    t = &s->thread[s->nthreads++];
    memset(t, 0, sizeof(*t));
    t->tid = tid;
    t->rx = rx;
    t->depth = depth;
    thread_reset(t);
    return true;
}

void k3_sproxy_reset(K3SproxyState *s)
{
    for (unsigned i = 0; i < s->nthreads; i++) {
        thread_reset(&s->thread[i]);
    }
}

uint32_t k3_sproxy_status(K3SproxyState *s, uint32_t tid)
{
    const K3SproxyThread *t = k3_sproxy_thread(s, tid);

    if (!t) {
        return 0;
    }
    return ((t->rx ? t->count : t->credits) & K3_SPROXY_RT_STATUS_COUNT_MASK)
           << K3_SPROXY_RT_STATUS_COUNT_SHIFT;
}

uint32_t k3_sproxy_ctrl(K3SproxyState *s, uint32_t tid)
{
    const K3SproxyThread *t = k3_sproxy_thread(s, tid);

    return t && t->rx ? K3_SPROXY_SCFG_CTRL_DIR : 0;
}

K3SproxyResult k3_sproxy_read(K3SproxyState *s, uint32_t tid, uint32_t reg,
                              uint32_t *val)
{
    K3SproxyThread *t = k3_sproxy_thread(s, tid);

    *val = 0;
    if (!t) {
        return K3_SPROXY_NO_THREAD;
    }
    if (reg > LAST_REG) {
        return K3_SPROXY_BAD_REG;
    }
    if (!t->rx) {
        return K3_SPROXY_WRONG_DIR;
    }
    if (!t->count) {
        return K3_SPROXY_EMPTY;
    }
    *val = t->fifo[t->head][reg];
    if (reg != LAST_REG) {
        return K3_SPROXY_OK;
    }
    memset(t->fifo[t->head], 0, sizeof(t->fifo[t->head]));
    t->head = (t->head + 1) % t->depth;
    t->count--;
    return K3_SPROXY_POPPED;
}

K3SproxyResult k3_sproxy_write(K3SproxyState *s, uint32_t tid, uint32_t reg,
                               uint32_t val, uint8_t msg[K3_SPROXY_MSG_SIZE])
{
    K3SproxyThread *t = k3_sproxy_thread(s, tid);

    if (!t) {
        return K3_SPROXY_NO_THREAD;
    }
    if (reg > LAST_REG) {
        return K3_SPROXY_BAD_REG;
    }
    if (t->rx) {
        return K3_SPROXY_WRONG_DIR;
    }
    t->staging[reg] = val;
    if (reg != LAST_REG) {
        return K3_SPROXY_OK;
    }
    if (!t->credits) {
        memset(t->staging, 0, sizeof(t->staging));
        return K3_SPROXY_NO_CREDITS;
    }
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        rp_put_le32(msg + 4 * i, t->staging[i]);
    }
    memset(t->staging, 0, sizeof(t->staging));
    t->credits--;
    return K3_SPROXY_COMMITTED;
}

bool k3_sproxy_push(K3SproxyState *s, uint32_t tid, const uint8_t *msg, size_t len)
{
    K3SproxyThread *t = k3_sproxy_thread(s, tid);
    uint8_t buf[K3_SPROXY_MSG_SIZE] = { 0 };
    uint32_t *slot;

    if (!t || !t->rx || t->count >= t->depth || len > sizeof(buf)) {
        return false;
    }
    memcpy(buf, msg, len);
    slot = t->fifo[(t->head + t->count) % t->depth];
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        slot[i] = rp_le32(buf + 4 * i);
    }
    t->count++;
    return true;
}

bool k3_sproxy_return_credit(K3SproxyState *s, uint32_t tid)
{
    K3SproxyThread *t = k3_sproxy_thread(s, tid);

    if (!t || t->rx || t->credits >= t->depth) {
        return false;
    }
    t->credits++;
    return true;
}

bool k3_sproxy_irq_level(K3SproxyState *s, uint32_t tid)
{
    const K3SproxyThread *t = k3_sproxy_thread(s, tid);

    return t && t->rx && t->count > 0;
}

bool k3_sproxy_valid(const K3SproxyState *s)
{
    if (s->nthreads > K3_SPROXY_MODEL_THREADS) {
        return false;
    }
    for (unsigned i = 0; i < s->nthreads; i++) {
        const K3SproxyThread *t = &s->thread[i];

        if (t->depth == 0 || t->depth > K3_SPROXY_MAX_DEPTH || t->head >= t->depth ||
            t->count > t->depth || t->credits > t->depth ||
            (t->rx && t->credits) || (!t->rx && t->count)) {
            return false;
        }
    }
    return true;
}

const char *k3_sproxy_result_name(K3SproxyResult r)
{
    static const char *const names[] = {
        [K3_SPROXY_OK] = "ok",
        [K3_SPROXY_COMMITTED] = "committed",
        [K3_SPROXY_POPPED] = "popped",
        [K3_SPROXY_EMPTY] = "read of an empty rx thread",
        [K3_SPROXY_NO_CREDITS] = "commit without credits, message dropped",
        [K3_SPROXY_WRONG_DIR] = "access against the thread's direction",
        [K3_SPROXY_NO_THREAD] = "thread not served",
        [K3_SPROXY_BAD_REG] = "not a data register",
    };

    return (unsigned)r < sizeof(names) / sizeof(names[0]) && names[r] ? names[r] : "?";
}
