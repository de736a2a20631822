/*
 * rprocsim Q6SS: the control block of one simulated subsystem (aDSP, cDSP
 * or WPSS) around its stand-in core. TrustZone releases and halts the core
 * through it; the firmware reads its identity and injected faults from it,
 * pets its watchdog and writes its debug UART. Register map in
 * docs/subsystems.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_Q6SS_H
#define RPROCSIM_HW_Q6SS_H

#include "hw/sysbus.h"
#include "chardev/char-fe.h"
#include "qemu/timer.h"
#include "qom/object.h"

#define TYPE_RPROCSIM_Q6SS "rprocsim-q6ss"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimQ6ssState, RPROCSIM_Q6SS)

#define Q6SS_MMIO_SIZE          0x1000
#define Q6SS_ID_VALUE           0x51365353u     /* "SS6Q" */
#define Q6SS_FAULT_MSG_LEN      64
#define Q6SS_SLEEP_CLK_HZ       32768           /* watchdog tick */

/* STATUS bits */
#define Q6SS_STATUS_POWERED     (1u << 0)
#define Q6SS_STATUS_RUNNING     (1u << 1)
#define Q6SS_STATUS_WFI         (1u << 2)
#define Q6SS_STATUS_BITTEN      (1u << 3)

/*
 * Fault actions the firmware carries out (FAULT_ACTION). One-shot: the
 * firmware acknowledges (FAULT_ACK) the action it takes, which clears it; a
 * fault set while the core is off is taken at its next boot.
 */
typedef enum Q6ssFault {
    Q6SS_FAULT_NONE = 0,
    Q6SS_FAULT_NO_READY,        /* never raise ready */
    Q6SS_FAULT_READY_DELAY,     /* ready after FAULT_ARG ms */
    Q6SS_FAULT_FATAL,           /* fatal now, with FAULT_MSG */
    Q6SS_FAULT_WILD_POINTER,    /* access an unmapped address (a real fault) */
    Q6SS_FAULT_HANG,            /* stop petting the watchdog, spin */
    Q6SS_FAULT_IGNORE_STOP,     /* never answer stop */
    Q6SS_FAULT_WDOG_ON_STOP,    /* on stop, get bitten instead of stop-ack */
    Q6SS_FAULT_NO_MINIDUMP,     /* at boot: publish no minidump table entry */
    Q6SS_FAULT_COUNT
} Q6ssFault;

/* NVIC inputs of the stand-in core */
#define Q6SS_NVIC_IPCC          0
#define Q6SS_NVIC_FAULT         1
#define Q6SS_NVIC_WDOG_BARK     2

struct RprocsimQ6ssState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq wdog_irq;          /* to the GIC: pulsed on a bite */
    qemu_irq fault_irq;         /* to the core: a fault was injected */
    qemu_irq bark_irq;          /* to the core: watchdog bark */
    CharBackend uart;
    QEMUTimer *bark_timer;
    QEMUTimer *bite_timer;
    GString *uart_line;         /* debug UART output not yet traced */

    /* configuration (properties) */
    char *name;                 /* "adsp", "cdsp", "wpss" */
    Object *core;               /* link: the stand-in core's armv7m container */
    uint32_t host_id;           /* SMEM host (2, 5, 13) */
    uint32_t ipcc_client;       /* 3, 6, 24 */
    uint32_t smem_out_item;     /* the item the firmware writes (443, 94, 617) */
    uint32_t smem_in_item;      /* Linux's item (429, 432, 616) */
    uint32_t crash_item;        /* crash reason item (423, 601, 626) */

    /* state */
    uint32_t boots;
    bool bitten;
    uint64_t entry;
    uint64_t vector_base;
    uint32_t wdog_ctl;
    uint32_t wdog_bark;
    uint32_t wdog_bite;
    uint32_t wdog_status;
    uint32_t fault_action;
    uint32_t fault_arg;
    uint32_t fault_pending;
    uint8_t fault_msg[Q6SS_FAULT_MSG_LEN];  /* NUL-terminated text */
};

/*
 * TrustZone released the subsystem: reset the core with its vector table
 * at @vector_base (the image's load base) and run it; @entry is the image's
 * e_entry, checked against the reset vector. BQL held.
 */
void rprocsim_q6ss_release(RprocsimQ6ssState *s, uint64_t entry, uint64_t vector_base);

/* TrustZone shut the subsystem down: halt the core, stop the watchdog. */
void rprocsim_q6ss_halt(RprocsimQ6ssState *s);

/* STATUS register value (Q6SS_STATUS_*). */
uint32_t rprocsim_q6ss_status(RprocsimQ6ssState *s);

#endif /* RPROCSIM_HW_Q6SS_H */
