/*
 * libFuzzer target: the K3 mailbox cluster model (models/k3-mailbox.c)
 * driven by a sequence of register operations, any FIFO or user index,
 * any value, against a plain reference queue. Aborts if a message is lost
 * or reordered without an overflow, a count or status leaves what the
 * hardware can show, or the interrupt level disagrees with the enabled
 * status.
 *
 * Input: byte 0 and 1 pick the number of users (1..4) and FIFOs (1..16);
 * then 6-byte operations: op, index, value (32-bit little-endian).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "k3-mailbox.h"

/* The reference: what each FIFO should hold, oldest first */
typedef struct Ref {
    uint32_t msg[K3_MBOX_MAX_FIFOS][K3_MBOX_FIFO_DEPTH];
    uint32_t count[K3_MBOX_MAX_FIFOS];
    uint32_t overflows;
} Ref;

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

static void ref_push(Ref *r, const K3MboxState *s, uint32_t m, uint32_t v, K3MboxResult res)
{
    if (m >= s->num_fifos) {
        check(res == K3_MBOX_BAD_INDEX);
    } else if (r->count[m] == K3_MBOX_FIFO_DEPTH) {
        check(res == K3_MBOX_FULL);
        r->overflows++;
    } else {
        check(res == K3_MBOX_OK);
        r->msg[m][r->count[m]++] = v;
    }
}

static void ref_pop(Ref *r, const K3MboxState *s, uint32_t m, uint32_t v, K3MboxResult res)
{
    if (m >= s->num_fifos) {
        check(res == K3_MBOX_BAD_INDEX && v == 0);
    } else if (r->count[m] == 0) {
        check(res == K3_MBOX_EMPTY && v == 0);
    } else {
        check(res == K3_MBOX_OK && v == r->msg[m][0]);
        memmove(r->msg[m], r->msg[m] + 1, --r->count[m] * sizeof(uint32_t));
    }
}

static void check_all(const K3MboxState *s, const Ref *r)
{
    uint32_t valid = k3_mbox_valid_bits(s);

    check(k3_mbox_consistent(s));
    check(s->overflows == r->overflows);
    for (uint32_t m = 0; m < K3_MBOX_MAX_FIFOS; m++) {
        uint32_t n = m < s->num_fifos ? r->count[m] : 0;

        check(k3_mbox_msg_status(s, m) == n);
        check(k3_mbox_fifo_status(s, m) == (n == K3_MBOX_FIFO_DEPTH));
    }
    for (uint32_t u = 0; u < K3_MBOX_MAX_USERS + 1; u++) {
        uint32_t raw = k3_mbox_raw_status(s, u), st = k3_mbox_status(s, u);

        check((raw & ~valid) == 0 && (st & ~raw) == 0);
        check(k3_mbox_irq_level(s, u) == (st != 0));
        if (u >= s->num_users) {
            check(raw == 0 && k3_mbox_enabled(s, u) == 0);
            continue;
        }
        for (uint32_t m = 0; m < s->num_fifos; m++) {
            /* level conditions are always visible */
            check(!r->count[m] || (raw & K3_MBOX_IRQ_NEWMSG(m)));
            check(r->count[m] == K3_MBOX_FIFO_DEPTH || (raw & K3_MBOX_IRQ_NOTFULL(m)));
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    K3MboxState s;
    Ref r;

    if (size < 2) {
        return 0;
    }
    memset(&r, 0, sizeof(r));
    check(k3_mbox_init(&s, 1 + data[0] % K3_MBOX_MAX_USERS,
                       1 + data[1] % K3_MBOX_MAX_FIFOS));
    check(!k3_mbox_init(&s, data[0] ? 0 : 5, 17));
    data += 2;
    size -= 2;
    check_all(&s, &r);
    for (; size >= 6; data += 6, size -= 6) {
        /* mostly valid indices, sometimes far out of range */
        uint32_t idx = data[1] & 0x80 ? data[1] : data[1] % 20;
        uint32_t v = (uint32_t)data[2] | (uint32_t)data[3] << 8 |
                     (uint32_t)data[4] << 16 | (uint32_t)data[5] << 24;
        uint32_t got;
        K3MboxResult res;

        switch (data[0] % 9) {
        case 0:
            res = k3_mbox_push(&s, idx, v);
            ref_push(&r, &s, idx, v, res);
            break;
        case 1:
            res = k3_mbox_pop(&s, idx, &got);
            ref_pop(&r, &s, idx, got, res);
            break;
        case 2:
            check(k3_mbox_set_status(&s, idx, v) == (idx < s.num_users));
            break;
        case 3:
            check(k3_mbox_clear_status(&s, idx, v) == (idx < s.num_users));
            break;
        case 4:
            check(k3_mbox_enable(&s, idx, v) == (idx < s.num_users));
            break;
        case 5:
            check(k3_mbox_disable(&s, idx, v) == (idx < s.num_users));
            break;
        case 6:
            check(k3_mbox_eoi(&s, v) == (v < s.num_users));
            break;
        case 7:
            /* Linux's receive: drain by MSGSTATUS, then clear NEWMSG */
            while (k3_mbox_msg_status(&s, idx)) {
                res = k3_mbox_pop(&s, idx, &got);
                ref_pop(&r, &s, idx, got, res);
            }
            k3_mbox_clear_status(&s, idx % K3_MBOX_MAX_USERS,
                                 idx < 16 ? K3_MBOX_IRQ_NEWMSG(idx) : 0);
            break;
        default:
            k3_mbox_reset(&s);
            memset(&r, 0, sizeof(r));
            break;
        }
        check_all(&s, &r);
    }
    return 0;
}
