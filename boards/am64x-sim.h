/*
 * rprocsim am64x-sim machine: its state and the parts of the board, one
 * file each: am64x-sim.c (machine, CPUs, GIC, UARTs, DDR and reserved
 * memory, boot), am64x-dt.c (the device-tree nodes of the SoC devices:
 * DMSC, secure proxy, mailbox cluster, R5F cluster) and
 * am64x-sim-devices.c (those devices, created and wired). The memory map
 * is include/rprocsim/am64x-map.h, the R5F cores boards/am64x-subsys.c;
 * docs/am64x.md describes the machine.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef RPROCSIM_BOARDS_AM64X_SIM_H
#define RPROCSIM_BOARDS_AM64X_SIM_H

#include "hw/boards.h"
#include "hw/arm/boot.h"
#include "hw/cpu/cluster.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/subsys.h"

#define TYPE_AM64X_SIM_MACHINE MACHINE_TYPE_NAME("am64x-sim")
OBJECT_DECLARE_SIMPLE_TYPE(Am64xSimState, AM64X_SIM_MACHINE)

/* The SoC bus node every device node sits under (k3-am64.dtsi cbass_main) */
#define AM64X_SIM_FDT_BUS "/bus@f4000"

/* One R5F core: its descriptor, device and the nodes that refer to it */
typedef struct Am64xSimCore {
    const RprocsimSubsys *desc;
    DeviceState *dev;               /* TYPE_RPROCSIM_K3_R5F, /machine/<name> */
    uint32_t dma_pool_phandle;      /* memory-region[0] */
    uint32_t carveout_phandle;      /* memory-region[1] */
    uint32_t mbox_phandle;          /* its sub-mailbox node */
} Am64xSimCore;

struct Am64xSimState {
    MachineState parent_obj;

    const RprocsimBoard *board;
    CPUClusterState apss;           /* the A53 cores, cluster 0 */
    unsigned n_ap;
    DeviceState *gic;
    DeviceState *dmsc;
    DeviceState *sproxy;
    DeviceState *mbox;
    struct arm_boot_info bootinfo;
    uint32_t gic_phandle;
    uint32_t uart_clk_phandle;
    uint32_t dmsc_phandle;
    uint32_t pds_phandle;
    uint32_t clks_phandle;
    uint32_t reset_phandle;
    uint32_t sproxy_phandle;
    uint32_t mbox_phandle;
    Am64xSimCore core[AM64X_SIM_R5F_CORES];
};

/*
 * am64x-dt.c: the nodes of the DMSC (with its power-domain, clock and
 * reset providers), the secure proxy, mailbox cluster 2 (a sub-mailbox
 * per core) and the R5F cluster, under AM64X_SIM_FDT_BUS, as
 * k3-am64-main.dtsi and k3-am642-evm.dts write them. Needs the GIC and
 * the reserved-memory phandles.
 */
void am64x_sim_fdt_devices(Am64xSimState *s);

/*
 * am64x-sim-devices.c: the mailbox cluster, the two R5F cores (after
 * arm_load_kernel(), so hw/arm/boot.c does not take them for Linux
 * cores), the DMSC linked to them and the secure proxy in front of it.
 */
void am64x_sim_create_devices(Am64xSimState *s);

#endif /* RPROCSIM_BOARDS_AM64X_SIM_H */
