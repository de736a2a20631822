/*
 * rprocsim Q6SS: the control block of one simulated subsystem (aDSP, cDSP
 * or WPSS) around its stand-in core. TrustZone releases and halts the core
 * through it; the firmware reads its identity and injected faults from it,
 * pets its watchdog and writes its debug UART. Register map in
 * include/rprocsim/q6ss-regs.h, described in docs/subsystems.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_Q6SS_H
#define RPROCSIM_HW_Q6SS_H

#include "hw/sysbus.h"
#include "chardev/char-fe.h"
#include "qemu/timer.h"
#include "qom/object.h"
#include "hw/rprocsim/hw/core-state.h"
#include "rprocsim/q6ss-regs.h"

#define TYPE_RPROCSIM_Q6SS "rprocsim-q6ss"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimQ6ssState, RPROCSIM_Q6SS)

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
    RprocsimCoreWatch watch;    /* the core's state changes, as QMP events */

    /* configuration (properties) */
    char *name;                 /* "adsp", "cdsp", "wpss" */
    Object *core;               /* link: the stand-in core's armv7m container */
    uint32_t host_id;           /* SMEM host (2, 5, 13) */
    uint32_t ipcc_client;       /* 3, 6, 24 */
    uint32_t smp2p_in_item;     /* Linux's inbound item, the firmware writes it */
    uint32_t smp2p_out_item;    /* Linux's outbound item, the firmware reads it */
    uint32_t crash_item;        /* crash reason item (423, 601, 626) */
    uint32_t minidump_id;       /* minidump TOC slot, 0 for none */
    uint32_t ssctl_id;          /* SSCTL instance id (0x14, 0x17, 0x19), 0 for none */

    /* state */
    uint32_t boots;
    uint64_t entry;
    uint64_t vector_base;
    uint32_t wdog_ctl;
    uint32_t wdog_bark;
    uint32_t wdog_bite;
    uint32_t wdog_status;
    uint32_t fault_action;
    uint32_t fault_arg;
    uint8_t fault_msg[Q6SS_FAULT_MSG_LEN];  /* NUL-terminated text */
    uint8_t ssr_name[Q6SS_SSR_NAME_LEN];    /* SSR_NAME as the firmware wrote it */
    /* the last Q6SS_SSR_LOG_LEN SSR events heard, oldest first from ssr_count */
    uint8_t ssr_log_name[Q6SS_SSR_LOG_LEN][Q6SS_SSR_NAME_LEN];
    uint32_t ssr_log_event[Q6SS_SSR_LOG_LEN];   /* SSR_EVENT as written */
    uint32_t ssr_count;         /* events logged since reset */
};

/*
 * TrustZone released the subsystem (PAS AUTH_AND_RESET): reset the core
 * with its vector table at @vector_base (the image's load base) and power
 * it on through arm-powerctl; @entry is the image's e_entry, checked
 * against the reset vector. Power-on is queued behind any halt still
 * pending on the core. BQL held.
 */
void rprocsim_q6ss_release(RprocsimQ6ssState *s, uint64_t entry, uint64_t vector_base);

/*
 * TrustZone shut the subsystem down (PAS SHUTDOWN): stop the watchdog and
 * power the core off through arm-powerctl; its memory is kept. BQL held.
 */
void rprocsim_q6ss_halt(RprocsimQ6ssState *s);

/* STATUS register value (Q6SS_STATUS_*). */
uint32_t rprocsim_q6ss_status(RprocsimQ6ssState *s);

#endif /* RPROCSIM_HW_Q6SS_H */
