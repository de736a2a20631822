/*
 * rprocsim K3 secure proxy: the register shell (ti,am654-secure-proxy) of
 * the A53s' message channel to the DMSC, whose thread logic is
 * models/k3-sec-proxy.c and whose map is include/rprocsim/k3-sec-proxy-
 * regs.h. Two threads are served: the A53s' rx thread (the DMSC's answers)
 * and their tx thread (requests). A message committed on the tx thread goes
 * at once to the DMSC (hw/ti-sci.h rprocsim_ti_sci_request()), its answer
 * is queued on the rx thread; the tx thread has as many credits as the rx
 * thread has free slots, so no answer is ever lost. Any other thread reads
 * 0, its writes are ignored, both logged as guest errors. Described in
 * docs/am64x.md.
 *
 * Properties (before realize): "rx-thread" (default
 * AM64X_SIM_SPROXY_RX_THREAD), "tx-thread" (AM64X_SIM_SPROXY_TX_THREAD),
 * link "dmsc" (TYPE_RPROCSIM_TI_SCI; unset: requests are dropped, logged).
 * QOM, read-only: "rx-count" (answers waiting), "tx-credits",
 * "dropped" (commits refused for lack of credits), "requests" (committed).
 *
 * MMIO regions, each AM64X_SIM_SPROXY_REGION_SIZE bytes: 0 "target_data",
 * 1 "rt", 2 "scfg". IRQ output 0: the rx thread's "rx_NNN" interrupt,
 * high while an answer waits.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_K3_SEC_PROXY_H
#define RPROCSIM_HW_K3_SEC_PROXY_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/hw/ti-sci.h"
#include "hw/rprocsim/models/k3-sec-proxy.h"

#define TYPE_RPROCSIM_K3_SEC_PROXY "rprocsim-k3-sec-proxy"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimK3SecProxyState, RPROCSIM_K3_SEC_PROXY)

struct RprocsimK3SecProxyState {
    SysBusDevice parent_obj;

    MemoryRegion data;
    MemoryRegion rt;
    MemoryRegion scfg;
    qemu_irq irq;
    K3SproxyState state;
    bool irq_level;             /* last level driven, for the trace */
    uint32_t requests;
    uint32_t dropped;

    /* configuration (properties) */
    uint32_t rx_thread;
    uint32_t tx_thread;
    RprocsimTiSciState *dmsc;
};

#endif /* RPROCSIM_HW_K3_SEC_PROXY_H */
