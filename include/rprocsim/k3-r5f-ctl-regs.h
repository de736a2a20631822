/*
 * rprocsim: register map of the R5F control block, the simulator's own
 * block next to each stand-in R5F core (like the Q6SS block on the
 * Qualcomm board, q6ss-regs.h): the core's identity, injected faults and a
 * debug UART. Only the R5F sees it, at AM64X_SIM_R5F_CTL_BASE. One
 * definition, read by the QEMU model (hw/k3-r5f.c derives its
 * registerfields.h map from it), the firmware, the tools and the tests;
 * docs/am64x.md describes each register.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_K3_R5F_CTL_REGS_H
#define RPROCSIM_K3_R5F_CTL_REGS_H

#include <stdint.h>

#define K3_R5F_CTL_MMIO_SIZE        0x1000
#define K3_R5F_CTL_ID_VALUE         0x46355233u     /* "3R5F" */
#define K3_R5F_CTL_FAULT_MSG_LEN    64

/* Identity */
#define K3_R5F_CTL_REG_ID           0x000
#define K3_R5F_CTL_REG_CORE         0x004           /* core index in the cluster: 0, 1 */
#define K3_R5F_CTL_REG_BOOT_COUNT   0x008           /* releases from reset so far */
#define K3_R5F_CTL_REG_MBOX         0x00c           /* the core's mailbox user and FIFOs: */
#define   K3_R5F_CTL_MBOX_USER_SHIFT 0              /* its user (interrupt) */
#define   K3_R5F_CTL_MBOX_RX_SHIFT  8               /* FIFO it reads (Linux's tx) */
#define   K3_R5F_CTL_MBOX_TX_SHIFT  16              /* FIFO it writes (Linux's rx) */
#define   K3_R5F_CTL_MBOX_WIDTH     8

/*
 * Time: a free-running microsecond counter (the machine's virtual clock,
 * which stops with the VM and migrates with it), read-only, wrapping at
 * 2^32 us (71 minutes); the firmware measures the delays of its faults
 * with it (differences, modulo 2^32). The model keeps no state for it.
 */
#define K3_R5F_CTL_REG_TIME_US      0x010

/* Fault injection: what the host asked the firmware to do */
#define K3_R5F_CTL_REG_FAULT_ACTION 0x200
#define K3_R5F_CTL_REG_FAULT_ARG    0x204
#define K3_R5F_CTL_REG_FAULT_ACK    0x208
#define K3_R5F_CTL_REG_FAULT_MSG    0x240           /* K3_R5F_CTL_FAULT_MSG_LEN bytes, NUL-terminated */

/* Debug UART: one byte per write */
#define K3_R5F_CTL_REG_UART_TX      0x300

/*
 * Fault actions (FAULT_ACTION), with the name the QOM "fault" property and
 * scenario files use. One-shot like the Q6SS faults: the firmware
 * acknowledges (FAULT_ACK) the action it takes, which clears it; a fault
 * set while the core is off is taken at its next boot. Setting one raises
 * the core's IRQ so that an idle core wakes for it.
 */
#define K3_R5F_FAULTS(X) \
    X(NONE, "none")                         /* no fault */ \
    X(HANG, "hang")                         /* spin with interrupts off: no answer, no WFI */ \
    X(CRASH, "crash")                       /* message into the trace buffer, RP_MBOX_CRASH */ \
    X(WILD_POINTER, "wild-pointer")         /* access an unmapped address (a real abort) */ \
    X(NO_ECHO, "no-echo")                   /* leave RP_MBOX_ECHO_REQUEST unanswered */ \
    X(LEGACY, "legacy")                     /* firmware before the handshake: RP_MBOX_SHUTDOWN is \
                                               an unknown message, no ACK, runs on */ \
    X(ACK_NO_WFI, "ack-no-wfi")             /* ACK RP_MBOX_SHUTDOWN, then run on, never WFI */ \
    X(SLOW_ACK, "slow-ack")                 /* ACK RP_MBOX_SHUTDOWN FAULT_ARG ms after it came */ \
    X(CRASHED, "crashed")                   /* RP_MBOX_SHUTDOWN runs into a data abort: the \
                                               handler sends RP_MBOX_CRASH, no ACK, idles */ \
    X(BUSY, "busy")                         /* a task of FAULT_ARG ms with the mailbox unserved, \
                                               then back to work (a SHUTDOWN meanwhile waits) */

#define K3_R5F_FAULT_ENUM_(id, name) K3_R5F_FAULT_##id,
typedef enum K3R5fFault {
    K3_R5F_FAULTS(K3_R5F_FAULT_ENUM_)
    K3_R5F_FAULT_COUNT
} K3R5fFault;
#undef K3_R5F_FAULT_ENUM_

#endif /* RPROCSIM_K3_R5F_CTL_REGS_H */
