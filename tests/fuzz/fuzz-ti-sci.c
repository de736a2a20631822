/*
 * libFuzzer target: the DMSC's TI-SCI service (models/ti-sci.c) fed
 * arbitrary requests, directly and through the secure proxy threads
 * (models/k3-sec-proxy.c) wired as hw/k3-sec-proxy.c wires them: a commit
 * on the tx thread is handled and its response queued on the rx thread,
 * whose pop gives the credit back. Aborts if a response is longer than a
 * message, does not echo its request's header, disagrees with the report,
 * if the power the owner was told of differs from the tables, or if either
 * model holds a state ti_sci_valid() / k3_sproxy_valid() refuses.
 *
 * Input: operations, each an op byte then: op 0, a length byte (0..64)
 * and that many request bytes, sent on the A53s' channel (op bit 7 clear)
 * or another host's; op 1, a secure proxy write (thread selector, register
 * index, 32-bit little-endian value); op 2, a read (thread, register).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rprocsim/bytes.h"
#include "k3-sec-proxy.h"
#include "ti-sci.h"
#include "rprocsim/am64x-map.h"

#define HOST    AM64X_SIM_TISCI_HOST_A53
#define RX      AM64X_SIM_SPROXY_RX_THREAD
#define TX      AM64X_SIM_SPROXY_TX_THREAD

typedef struct Shadow {
    TiSciState *s;
    bool on[TI_SCI_MAX_DEVICES];    /* what the module callbacks said */
} Shadow;

static void check(bool ok)
{
    if (!ok) {
        abort();
    }
}

static void on_module(void *opaque, uint32_t dev_id, bool on)
{
    Shadow *sh = opaque;
    TiSciDevice *d = ti_sci_device(sh->s, dev_id);

    check(d != NULL);
    check(sh->on[d - sh->s->dev] != on);        /* told of changes only */
    sh->on[d - sh->s->dev] = on;
}

static void on_reset(void *opaque, uint32_t dev_id, bool held)
{
    check(ti_sci_device(((Shadow *)opaque)->s, dev_id) != NULL);
}

static void on_proc(void *opaque, uint8_t proc_id, bool halt)
{
    check(ti_sci_proc(((Shadow *)opaque)->s, proc_id) != NULL);
}

static void on_bv(void *opaque, uint8_t proc_id, uint64_t addr)
{
    check(ti_sci_proc(((Shadow *)opaque)->s, proc_id) != NULL);
}

static uint32_t on_status(void *opaque, uint8_t proc_id)
{
    check(ti_sci_proc(((Shadow *)opaque)->s, proc_id) != NULL);
    return TI_SCI_R5_STATUS_WFI;
}

static void on_log(void *opaque, const char *reason)
{
    check(reason[0] != '\0');
}

static const TiSciOps ops = {
    .module = on_module, .local_reset = on_reset, .halt = on_proc,
    .boot_vector = on_bv, .status = on_status, .log = on_log,
};

/* One request through the service; returns the response length */
static size_t request(TiSciState *s, Shadow *sh, uint8_t chan, const uint8_t *req,
                      size_t len, uint8_t resp[TI_SCI_MAX_MSG_SIZE])
{
    TiSciReport rep;
    size_t n = ti_sci_handle(s, &ops, sh, chan, req, len, resp, TI_SCI_MAX_MSG_SIZE, &rep);

    check(n <= TI_SCI_MAX_MSG_SIZE && n <= K3_SPROXY_MSG_SIZE);
    check(n == rep.resp_len);
    check(rep.ack || rep.reason[0] != '\0');
    if (n) {
        check(n >= TI_SCI_HDR_SIZE);
        check(!memcmp(resp, req, 4));                        /* type, host, seq */
        check(rp_le32(resp + TI_SCI_HDR_FLAGS) == (rep.ack ? TI_SCI_FLAG_RESP_ACK : 0));
        check(rep.ack || n == TI_SCI_GENERIC_RESP_SIZE);
    }
    for (size_t i = n; i < TI_SCI_MAX_MSG_SIZE; i++) {
        check(resp[i] == 0);
    }
    return n;
}

static uint32_t pick_thread(uint8_t b)
{
    return b % 3 == 0 ? RX : b % 3 == 1 ? TX : b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static TiSciState s;
    static K3SproxyState sp;
    Shadow sh = { .s = &s };
    uint8_t resp[TI_SCI_MAX_MSG_SIZE];
    uint8_t msg[K3_SPROXY_MSG_SIZE];
    size_t pos = 0;

    check(ti_sci_init_board(&s, HOST, &rprocsim_am64x_board, AM64X_SIM_SCI_DEV_R5FSS0));
    k3_sproxy_init(&sp);
    check(k3_sproxy_add_thread(&sp, RX, true, K3_SPROXY_MAX_DEPTH));
    check(k3_sproxy_add_thread(&sp, TX, false, K3_SPROXY_MAX_DEPTH));

    while (pos < size) {
        uint8_t op = data[pos++];
        K3SproxyResult r;
        uint32_t val;

        switch (op & 3) {
        case 0: {
            size_t len;

            if (pos >= size) {
                return 0;
            }
            len = data[pos++] % (TI_SCI_MAX_MSG_SIZE + 1);
            len = len < size - pos ? len : size - pos;
            request(&s, &sh, op & 0x80 ? 35 : HOST, data + pos, len, resp);
            pos += len;
            break;
        }
        case 1:
            if (size - pos < 6) {
                return 0;
            }
            r = k3_sproxy_write(&sp, pick_thread(data[pos]), data[pos + 1],
                                rp_le32(data + pos + 2), msg);
            pos += 6;
            if (r == K3_SPROXY_COMMITTED) {
                size_t n = request(&s, &sh, HOST, msg, sizeof(msg), resp);

                /* credits never outnumber the free rx slots: a response always fits */
                if (n) {
                    check(k3_sproxy_push(&sp, RX, resp, n));
                } else {
                    check(k3_sproxy_return_credit(&sp, TX));
                }
            }
            break;
        case 2:
            if (size - pos < 2) {
                return 0;
            }
            r = k3_sproxy_read(&sp, pick_thread(data[pos]), data[pos + 1], &val);
            pos += 2;
            check(r == K3_SPROXY_OK || r == K3_SPROXY_POPPED || val == 0);
            if (r == K3_SPROXY_POPPED) {
                check(k3_sproxy_return_credit(&sp, TX));
            }
            break;
        default:
            break;
        }
        check(ti_sci_valid(&s));
        check(k3_sproxy_valid(&sp));
        check(k3_sproxy_status(&sp, RX) + k3_sproxy_status(&sp, TX) == K3_SPROXY_MAX_DEPTH);
        check(k3_sproxy_irq_level(&sp, RX) == (k3_sproxy_status(&sp, RX) > 0));
        for (unsigned i = 0; i < s.ndevices; i++) {
            check(sh.on[i] == s.dev[i].powered);
        }
    }
    return 0;
}
