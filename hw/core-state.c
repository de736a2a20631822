/*
 * rprocsim: a remote core's host-visible state and its QMP events
 * (hw/core-state.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/qapi-events-rprocsim.h"
#include "hw/rprocsim/hw/core-state.h"
#include "hw/rprocsim/trace.h"

static const char *const state_names[RPROCSIM_CORE_STATE_COUNT] = {
    [RPROCSIM_CORE_OFF] = "off",
    [RPROCSIM_CORE_RUNNING] = "running",
    [RPROCSIM_CORE_WFI] = "wfi",
    [RPROCSIM_CORE_BITTEN] = "bitten",
};

const char *rprocsim_core_state_name(RprocsimCoreState st)
{
    return st < RPROCSIM_CORE_STATE_COUNT ? state_names[st] : "unknown";
}

void rprocsim_core_watch_report(RprocsimCoreWatch *w, RprocsimCoreState st)
{
    if (st == w->reported) {
        return;
    }
    w->reported = st;
    trace_rprocsim_core_state(w->name, rprocsim_core_state_name(st), *w->boots);
    qapi_event_send_rprocsim_subsystem_state(w->name, rprocsim_core_state_name(st),
                                             *w->boots);
}

/* The settle time after a halt edge is over (main loop, BQL held) */
static void core_watch_settled(void *opaque)
{
    RprocsimCoreWatch *w = opaque;

    rprocsim_core_watch_report(w, w->read(w->opaque));
}

/*
 * The CPU's halt hook (qemu/patches/0006): vCPU thread, no BQL. Only arms
 * the timer (timer_mod is thread-safe); a pending one is left as it is,
 * so a core waking faster than the settle time is still read once per
 * settle time, not never.
 */
static void core_watch_halt(ARMCPU *cpu, bool halted, void *opaque)
{
    RprocsimCoreWatch *w = opaque;

    trace_rprocsim_core_halt(w->name, halted);
    if (!timer_pending(w->settle)) {
        timer_mod(w->settle, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                  RPROCSIM_CORE_SETTLE_NS);
    }
}

void rprocsim_core_watch_init(RprocsimCoreWatch *w, ARMCPU *cpu, const char *name,
                              const uint32_t *boots, RprocsimCoreStateFn *read,
                              void *opaque)
{
    w->name = name;
    w->boots = boots;
    w->read = read;
    w->opaque = opaque;
    w->reported = RPROCSIM_CORE_OFF;
    w->settle = timer_new_ns(QEMU_CLOCK_VIRTUAL, core_watch_settled, w);
    cpu->halt_opaque = w;
    qatomic_set(&cpu->halt_notify, core_watch_halt);
}

void rprocsim_core_watch_reset(RprocsimCoreWatch *w)
{
    if (w->settle) {
        timer_del(w->settle);
    }
    w->reported = RPROCSIM_CORE_OFF;
}

void rprocsim_core_watch_finalize(RprocsimCoreWatch *w, ARMCPU *cpu)
{
    if (!w->settle) {
        return;
    }
    qatomic_set(&cpu->halt_notify, NULL);
    timer_free(w->settle);
    w->settle = NULL;
}

static int core_watch_post_load(void *opaque, int version_id)
{
    RprocsimCoreWatch *w = opaque;

    return w->reported < RPROCSIM_CORE_STATE_COUNT ? 0 : -EINVAL;
}

const VMStateDescription vmstate_rprocsim_core_watch = {
    .name = "rprocsim-core-watch",
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = core_watch_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(reported, RprocsimCoreWatch),
        VMSTATE_TIMER_PTR(settle, RprocsimCoreWatch),
        VMSTATE_END_OF_LIST()
    },
};
