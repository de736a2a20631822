/*
 * rprocsim Qualcomm subsystem: the container of one simulated remote
 * processor (aDSP, cDSP or WPSS). It holds the Cortex-M4 stand-in core in
 * a CPU cluster of its own, the core's address space and the subsystem's
 * Q6SS block (hw/q6ss.h), and wires the Q6SS block's fault and bark lines
 * to the core. The board makes one per subsystem descriptor
 * (include/rprocsim/subsys.h); docs/subsystems.md describes what the core
 * sees.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_QCOM_SUBSYS_H
#define RPROCSIM_HW_QCOM_SUBSYS_H

#include "hw/sysbus.h"
#include "hw/irq.h"
#include "hw/arm/armv7m.h"
#include "hw/cpu/cluster.h"
#include "qom/object.h"
#include "hw/rprocsim/hw/q6ss.h"

#define TYPE_RPROCSIM_QCOM_SUBSYS "rprocsim-qcom-subsys"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimQcomSubsysState, RPROCSIM_QCOM_SUBSYS)

/* NVIC inputs of the stand-in core, exposed as the container's GPIO inputs */
#define QCOM_SUBSYS_NUM_IRQ     32

struct RprocsimQcomSubsysState {
    SysBusDevice parent_obj;

    CPUClusterState cluster;
    ARMv7MState core;           /* a child of the cluster */
    RprocsimQ6ssState q6ss;
    MemoryRegion space;         /* what the core sees */
    MemoryRegion carveout;
    MemoryRegion smem;
    MemoryRegion ipcc_frame;
    MemoryRegion mutex;
    MemoryRegion q6ss_alias;
    IRQState wdog_in;           /* the Q6SS block's wdog line, passed on */
    qemu_irq wdog_irq;

    /* configuration (properties) */
    uint32_t cluster_id;
    uint64_t mp_affinity;
    uint64_t carveout_base;     /* guest physical, inside @ram */
    uint64_t carveout_size;
    uint64_t smem_base;         /* guest physical, inside @ram */
    uint64_t smem_size;
    MemoryRegion *ram;          /* link: DRAM, at guest physical @ram_base */
    uint64_t ram_base;
    MemoryRegion *ipcc;         /* link: the IPCC block, every client's frame */
    MemoryRegion *mutex_mr;     /* link: the TCSR mutex block */
};

/*
 * Properties, all to be set before realize:
 *  - "name", "host-id", "ipcc-client", "smp2p-in-item", "smp2p-out-item",
 *    "crash-item", "minidump-id", "ssctl-id", "chardev": those of the Q6SS block
 *    (aliases); "ipcc-client" also picks the core's IPCC frame;
 *  - "cluster-id": the CPU cluster's id (0 is the application cores');
 *  - "mp-affinity": the core's MPIDR, an affinity no PSCI call reaches;
 *  - "carveout-base", "carveout-size", "smem-base", "smem-size": bytes,
 *    guest physical, both inside the "ram" link, which starts at
 *    "ram-base";
 *  - "ipcc", "mutex": links to the IPCC and TCSR mutex MemoryRegions.
 * Clock input "cpuclk" (the core's). GPIO inputs 0..QCOM_SUBSYS_NUM_IRQ-1:
 * the core's NVIC inputs (Q6SS_NVIC_IPCC for its IPCC frame's interrupt;
 * Q6SS_NVIC_FAULT and Q6SS_NVIC_WDOG_BARK are wired inside). Named GPIO
 * output "wdog": the Q6SS block's watchdog bite, for the SoC's interrupt
 * controller. MMIO region 0: the Q6SS block's registers.
 *
 * The container keeps no state of its own (no VMState): its children
 * migrate and reset themselves.
 */

#endif /* RPROCSIM_HW_QCOM_SUBSYS_H */
