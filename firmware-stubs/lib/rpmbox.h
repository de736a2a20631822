/*
 * rprocsim firmware library: the remote side of TI's RP_MBOX protocol
 * (include/rprocsim/rp-mbox.h) and the R5F faults that shape it
 * (include/rprocsim/k3-r5f-ctl-regs.h), as decisions: a message in, the
 * reply and what the core does next out. The R5F firmware
 * (firmware-stubs/r5f/) carries them out; docs/am64x.md describes them.
 *
 * Protocol: drivers/remoteproc/omap_remoteproc.h and ti_k3_r5_remoteproc.c
 * k3_r5_rproc_mbox_callback() (Linux 6.12): Linux sends ECHO_REQUEST when it
 * opens the mailbox and logs the ECHO_REPLY; values below RP_MBOX_READY are
 * virtqueue kicks. The graceful-shutdown series adds SHUTDOWN, answered
 * with SHUTDOWN_ACK, after which the core disables its interrupts and sits
 * in WFI; the faults legacy, ack-no-wfi, slow-ack, crashed and busy each
 * break one part of that (docs/am64x.md, "Graceful shutdown").
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_RPMBOX_H
#define RPROCSIM_FW_RPMBOX_H

#include <stdint.h>

/* What the core does after handling a message */
enum rp_rpmbox_next {
    RP_RPMBOX_IDLE,         /* back to the main loop */
    RP_RPMBOX_STOP,         /* shut down: interrupts off, WFI for good */
    RP_RPMBOX_RUN_ON,       /* acknowledged, yet carry on serving without WFI (ack-no-wfi) */
    RP_RPMBOX_ABORT,        /* take a data abort now (crashed): the handler reports it */
};

/* What a fault asks of the core at once (rp_rpmbox_take_fault()) */
enum rp_rpmbox_fault_now {
    RP_RPMBOX_FAULT_LATER,  /* nothing now: none, unknown, or it shapes later answers */
    RP_RPMBOX_FAULT_HANG,   /* interrupts off, spin, never WFI */
    RP_RPMBOX_FAULT_CRASH,  /* trace "crash: <message>", send RP_MBOX_CRASH, stop */
    RP_RPMBOX_FAULT_WILD,   /* read an unmapped address (the abort handler reports it) */
    RP_RPMBOX_FAULT_BUSY,   /* run a task of rp_rpmbox.busy_ms, the mailbox unserved */
};

/* The longest delay a fault may ask for: the 32-bit microsecond clock's range */
#define RP_RPMBOX_MAX_DELAY_MS  4000000u

/* The answer to one message */
struct rp_rpmbox_answer {
    int send;               /* 1: put @reply on the tx FIFO */
    uint32_t reply;
    uint32_t delay_ms;      /* wait this long before sending (slow-ack), else 0 */
    enum rp_rpmbox_next next;
    const char *what;       /* the message, for the trace: "echo request", "kick" */
};

/* One boot's protocol state (zeroed at boot): faults in effect and counts */
struct rp_rpmbox {
    uint8_t no_echo;        /* fault no-echo: ECHO_REQUEST unanswered */
    uint8_t legacy;         /* fault legacy: SHUTDOWN is an unknown message */
    uint8_t ack_no_wfi;     /* fault ack-no-wfi: SHUTDOWN acknowledged, then run on */
    uint8_t crashed;        /* fault crashed: SHUTDOWN runs into a data abort */
    uint32_t slow_ack_ms;   /* fault slow-ack: the ACK's delay, ms (0: at once) */
    uint32_t busy_ms;       /* fault busy: the task's length, ms */
    uint32_t messages;      /* every message handled */
    uint32_t kicks;         /* virtqueue ids (below RP_MBOX_READY) */
    uint32_t echoes;        /* ECHO_REQUESTs answered */
    uint32_t ignored;       /* control values with no answer (and unanswered ones) */
};

/* Decide what @msg gets; counts it in @s. @a is always filled. */
void rp_rpmbox_handle(struct rp_rpmbox *s, uint32_t msg, struct rp_rpmbox_answer *a);

/*
 * Take fault @fault (a K3R5fFault, FAULT_ACTION; values out of range are
 * ignored) with @arg (FAULT_ARG; ms for slow-ack and busy, cut to
 * RP_RPMBOX_MAX_DELAY_MS): the faults that shape later answers are
 * recorded in @s until it is zeroed (the next boot), and the return says
 * what the core must do now. Several shaping faults add up; legacy wins
 * over the other SHUTDOWN faults, crashed over ack-no-wfi and slow-ack.
 */
enum rp_rpmbox_fault_now rp_rpmbox_take_fault(struct rp_rpmbox *s, uint32_t fault,
                                              uint32_t arg);

/*
 * The trace line of @msg handled as @a, appended to @buf at *@at within
 * @len (text.h rules): "rx 0xffffff03 echo request, tx 0xffffff04".
 */
void rp_rpmbox_describe(char *buf, uint32_t *at, uint32_t len, uint32_t msg,
                        const struct rp_rpmbox_answer *a);

#endif /* RPROCSIM_FW_RPMBOX_H */
