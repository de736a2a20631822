/*
 * rprocsim: register map of the simulated Q6SS block, the control block
 * around each Qualcomm subsystem's stand-in core. One definition, read by
 * the QEMU model (hw/q6ss.c derives its registerfields.h map from it), the
 * firmware stubs, the host tools and the tests. The block is the
 * simulator's own: see docs/subsystems.md for what each register means.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_Q6SS_REGS_H
#define RPROCSIM_Q6SS_REGS_H

#include <stdint.h>

#define Q6SS_MMIO_SIZE              0x1000
#define Q6SS_ID_VALUE               0x51365353u     /* "SS6Q" */
#define Q6SS_SLEEP_CLK_HZ           32768           /* watchdog tick */
#define Q6SS_FAULT_MSG_LEN          64

/* Identity: which subsystem the firmware runs as */
#define Q6SS_REG_ID                 0x000
#define Q6SS_REG_STATUS             0x004
#define   Q6SS_STATUS_POWERED_SHIFT 0
#define   Q6SS_STATUS_RUNNING_SHIFT 1
#define   Q6SS_STATUS_WFI_SHIFT     2
#define   Q6SS_STATUS_BITTEN_SHIFT  3
#define Q6SS_REG_BOOT_COUNT         0x008
#define Q6SS_REG_HOST_ID            0x00c           /* SMEM host of the subsystem */
#define Q6SS_REG_IPCC_CLIENT        0x010
#define Q6SS_REG_SMEM_ITEMS         0x014           /* SMP2P items, named as Linux sees them: */
#define   Q6SS_SMEM_ITEMS_IN_SHIFT  0               /* inbound: the firmware writes it */
#define   Q6SS_SMEM_ITEMS_OUT_SHIFT 16              /* outbound: Linux writes it */
#define   Q6SS_SMEM_ITEMS_WIDTH     16
#define Q6SS_REG_CRASH_ITEM         0x018           /* SMEM item of the crash reason */
#define Q6SS_REG_MINIDUMP_ID        0x01c           /* minidump TOC slot, 0 for none */
#define Q6SS_REG_SSCTL_ID           0x020           /* SSCTL instance id, 0 for none */

/* Watchdog, in sleep-clock ticks (Q6SS_SLEEP_CLK_HZ) of virtual time */
#define Q6SS_REG_WDOG_PET           0x100
#define Q6SS_REG_WDOG_CTL           0x104
#define   Q6SS_WDOG_CTL_ENABLE_SHIFT 0
#define Q6SS_REG_WDOG_BARK_TIME     0x108
#define Q6SS_REG_WDOG_BITE_TIME     0x10c
#define Q6SS_REG_WDOG_STATUS        0x110
#define   Q6SS_WDOG_STATUS_BARKED_SHIFT 0
#define   Q6SS_WDOG_STATUS_BITTEN_SHIFT 1

/* Fault injection: what the host asked the firmware to do */
#define Q6SS_REG_FAULT_ACTION       0x200
#define Q6SS_REG_FAULT_ARG          0x204
#define Q6SS_REG_FAULT_ACK          0x208
#define Q6SS_REG_FAULT_MSG          0x240           /* Q6SS_FAULT_MSG_LEN bytes, NUL-terminated */

/*
 * SSR events the firmware heard about its peers (sysmon's SUBSYS_EVENT
 * requests): the peer's name in SSR_NAME (NUL-padded), then SSR_EVENT,
 * whose write logs the event (QOM "ssr-events").
 */
#define Q6SS_SSR_NAME_LEN           16
#define Q6SS_SSR_LOG_LEN            16              /* events the block keeps */
#define Q6SS_REG_SSR_NAME           0x280           /* Q6SS_SSR_NAME_LEN bytes */
#define Q6SS_REG_SSR_EVENT          0x290
#define   Q6SS_SSR_EVENT_TYPE_SHIFT 0               /* before_powerup 0 .. after_shutdown 3 */
#define   Q6SS_SSR_EVENT_TYPE_WIDTH 8
#define   Q6SS_SSR_EVENT_DRIVEN_SHIFT 8             /* forced 0, graceful 1, none 0xff */
#define   Q6SS_SSR_EVENT_DRIVEN_WIDTH 8

/* Debug UART: one byte per write */
#define Q6SS_REG_UART_TX            0x300

/* NVIC inputs of the stand-in core */
#define Q6SS_NVIC_IPCC              0
#define Q6SS_NVIC_FAULT             1
#define Q6SS_NVIC_WDOG_BARK         2

/*
 * Fault actions the firmware carries out (FAULT_ACTION), with the name the
 * QOM "fault" property, QMP and scenario files use. One-shot: the firmware
 * acknowledges (FAULT_ACK) the action it takes, which clears it; a fault
 * set while the core is off is taken at its next boot.
 */
#define Q6SS_FAULTS(X) \
    X(NONE, "none")                 /* no fault */ \
    X(NO_READY, "no-ready")         /* never raise ready */ \
    X(READY_DELAY, "ready-delay")   /* ready after FAULT_ARG ms */ \
    X(FATAL, "fatal")               /* fatal now, with FAULT_MSG */ \
    X(WILD_POINTER, "wild-pointer") /* access an unmapped address (a real fault) */ \
    X(HANG, "hang")                 /* stop petting the watchdog, spin */ \
    X(IGNORE_STOP, "ignore-stop")   /* never answer stop */ \
    X(WDOG_ON_STOP, "wdog-on-stop") /* on stop, get bitten instead of stop-ack */ \
    X(NO_MINIDUMP, "no-minidump")   /* at boot: publish no minidump table entry */ \
    X(SSCTL_NO_RESPONSE, "ssctl-no-response")  /* never answer sysmon's shutdown */ \
    X(SSCTL_REJECT, "ssctl-reject") /* refuse sysmon's shutdown request */ \
    X(GLINK_NO_INTENTS, "glink-no-intents")    /* at boot: no GLINK intents for Linux */ \
    X(QRTR_SILENT, "qrtr-silent")   /* at boot: announce no QRTR services */

#define Q6SS_FAULT_ENUM_(id, name) Q6SS_FAULT_##id,
typedef enum Q6ssFault {
    Q6SS_FAULTS(Q6SS_FAULT_ENUM_)
    Q6SS_FAULT_COUNT
} Q6ssFault;
#undef Q6SS_FAULT_ENUM_

#endif /* RPROCSIM_Q6SS_REGS_H */
