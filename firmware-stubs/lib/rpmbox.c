/*
 * rprocsim firmware library: RP_MBOX decisions (rpmbox.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rpmbox.h"
#include "text.h"
#include "rprocsim/k3-r5f-ctl-regs.h"
#include "rprocsim/rp-mbox.h"

static void answer(struct rp_rpmbox_answer *a, const char *what, int send, uint32_t reply,
                   enum rp_rpmbox_next next)
{
    a->what = what;
    a->send = send;
    a->reply = reply;
    a->delay_ms = 0;
    a->next = next;
}

/* SHUTDOWN, as the faults in effect shape it (legacy is handled by the caller) */
static void shutdown(const struct rp_rpmbox *s, struct rp_rpmbox_answer *a)
{
    if (s->crashed) {
        answer(a, "shutdown, crashing (crashed)", 0, 0, RP_RPMBOX_ABORT);
        return;
    }
    if (s->ack_no_wfi) {
        answer(a, s->slow_ack_ms ? "shutdown (slow-ack, ack-no-wfi)" : "shutdown (ack-no-wfi)",
               1, RP_MBOX_SHUTDOWN_ACK, RP_RPMBOX_RUN_ON);
    } else {
        answer(a, s->slow_ack_ms ? "shutdown (slow-ack)" : "shutdown", 1,
               RP_MBOX_SHUTDOWN_ACK, RP_RPMBOX_STOP);
    }
    a->delay_ms = s->slow_ack_ms;
}

void rp_rpmbox_handle(struct rp_rpmbox *s, uint32_t msg, struct rp_rpmbox_answer *a)
{
    s->messages++;
    if (msg < RP_MBOX_READY) {
        s->kicks++;
        answer(a, "kick", 0, 0, RP_RPMBOX_IDLE);
        return;
    }
    switch (msg) {
    case RP_MBOX_ECHO_REQUEST:
        if (s->no_echo) {
            s->ignored++;
            answer(a, "echo request, unanswered (no-echo)", 0, 0, RP_RPMBOX_IDLE);
            return;
        }
        s->echoes++;
        answer(a, "echo request", 1, RP_MBOX_ECHO_REPLY, RP_RPMBOX_IDLE);
        return;
    case RP_MBOX_SHUTDOWN:
        if (!s->legacy) {
            shutdown(s, a);
            return;
        }
        /* firmware older than the handshake: an unknown value like any other */
        /* fall through */
    default:
        s->ignored++;
        answer(a, "ignored", 0, 0, RP_RPMBOX_IDLE);
        return;
    }
}

enum rp_rpmbox_fault_now rp_rpmbox_take_fault(struct rp_rpmbox *s, uint32_t fault,
                                              uint32_t arg)
{
    uint32_t ms = arg < RP_RPMBOX_MAX_DELAY_MS ? arg : RP_RPMBOX_MAX_DELAY_MS;

    switch (fault) {
    case K3_R5F_FAULT_HANG:
        return RP_RPMBOX_FAULT_HANG;
    case K3_R5F_FAULT_CRASH:
        return RP_RPMBOX_FAULT_CRASH;
    case K3_R5F_FAULT_WILD_POINTER:
        return RP_RPMBOX_FAULT_WILD;
    case K3_R5F_FAULT_NO_ECHO:
        s->no_echo = 1;
        break;
    case K3_R5F_FAULT_LEGACY:
        s->legacy = 1;
        break;
    case K3_R5F_FAULT_ACK_NO_WFI:
        s->ack_no_wfi = 1;
        break;
    case K3_R5F_FAULT_SLOW_ACK:
        s->slow_ack_ms = ms;
        break;
    case K3_R5F_FAULT_CRASHED:
        s->crashed = 1;
        break;
    case K3_R5F_FAULT_BUSY:
        s->busy_ms = ms;
        return RP_RPMBOX_FAULT_BUSY;
    default:
        break;
    }
    return RP_RPMBOX_FAULT_LATER;
}

void rp_rpmbox_describe(char *buf, uint32_t *at, uint32_t len, uint32_t msg,
                        const struct rp_rpmbox_answer *a)
{
    rp_text_put_str(buf, at, len, "rx 0x");
    rp_text_put_hex(buf, at, len, msg);
    rp_text_put_str(buf, at, len, " ");
    rp_text_put_str(buf, at, len, a->what);
    if (a->send) {
        rp_text_put_str(buf, at, len, ", tx 0x");
        rp_text_put_hex(buf, at, len, a->reply);
    }
}
