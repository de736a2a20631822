/*
 * rprocsim: the state of a remote core as the host sees it (off, running,
 * in WFI, bitten by its watchdog), shared by the Q6SS block (qcs6490-sim)
 * and the R5F control block (am64x-sim). The block reads it for its QOM
 * "state" and reports each change in a RPROCSIM_SUBSYSTEM_STATE QMP event:
 * power changes at once; for WFI, the state is read a settle time after
 * the core's halt hook (qemu/patches/0006) says it halted or woke, and
 * sent if it differs from what was sent last.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_CORE_STATE_H
#define RPROCSIM_HW_CORE_STATE_H

#include "qemu/timer.h"
#include "migration/vmstate.h"
#include "target/arm/cpu.h"

typedef enum RprocsimCoreState {
    RPROCSIM_CORE_OFF,
    RPROCSIM_CORE_RUNNING,
    RPROCSIM_CORE_WFI,
    RPROCSIM_CORE_BITTEN,
    RPROCSIM_CORE_STATE_COUNT,
} RprocsimCoreState;

/*
 * How long after a WFI entry or exit the state is read (virtual time). A
 * firmware tick that wakes the core for a few microseconds is no change; a
 * core that stays busy or idle is. The Qualcomm stand-ins tick every 10 ms
 * (firmware-stubs/fw/fw.c).
 */
#define RPROCSIM_CORE_SETTLE_NS  (5 * SCALE_MS)

/* The block's reading of its core now (BQL held) */
typedef RprocsimCoreState RprocsimCoreStateFn(void *opaque);

typedef struct RprocsimCoreWatch {
    /* set by rprocsim_core_watch_init() */
    const char *name;           /* the subsystem, the block's own string */
    const uint32_t *boots;      /* the block's boot count, for the event */
    RprocsimCoreStateFn *read;
    void *opaque;
    QEMUTimer *settle;

    /* state */
    uint8_t reported;           /* RprocsimCoreState last sent */
} RprocsimCoreWatch;

/* "off", "running", "wfi", "bitten": the QOM "state" and event strings */
const char *rprocsim_core_state_name(RprocsimCoreState st);

/*
 * Watch @cpu for its block: installs the CPU's halt hook, which may run
 * on the vCPU thread at any time from now; @name and @boots must outlive
 * @w; @read is called with the BQL held. Call once, from realize.
 */
void rprocsim_core_watch_init(RprocsimCoreWatch *w, ARMCPU *cpu, const char *name,
                              const uint32_t *boots, RprocsimCoreStateFn *read,
                              void *opaque);

/*
 * The block changed its core's power (release, stop, bite): send @st now
 * unless it is what was sent last. BQL held.
 */
void rprocsim_core_watch_report(RprocsimCoreWatch *w, RprocsimCoreState st);

/* Machine reset: nothing pending, the core reported off */
void rprocsim_core_watch_reset(RprocsimCoreWatch *w);

/* Removes the halt hook of @cpu and frees the timer; safe on an unused @w */
void rprocsim_core_watch_finalize(RprocsimCoreWatch *w, ARMCPU *cpu);

/* What to migrate of a watch: VMSTATE_STRUCT(field, Type, 0, this, RprocsimCoreWatch) */
extern const VMStateDescription vmstate_rprocsim_core_watch;

#endif /* RPROCSIM_HW_CORE_STATE_H */
