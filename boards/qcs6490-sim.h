/*
 * rprocsim qcs6490-sim machine: its state and the parts of the board, one
 * file each: qcs6490-sim.c (machine, CPUs, GIC, UARTs, reserved memory,
 * TrustZone), qcs6490-ipc.c (TCSR mutex, SMEM, IPCC, SMP2P),
 * qcs6490-power.c (cmd-db, RPMh RSC, AOSS QMP) and qcs6490-remoteproc.c
 * (the subsystem containers of hw/qcom-subsys.c, remoteproc nodes). The memory map is
 * include/rprocsim/qcs6490-map.h, the subsystems boards/qcs6490-subsys.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef RPROCSIM_BOARDS_QCS6490_SIM_H
#define RPROCSIM_BOARDS_QCS6490_SIM_H

#include "hw/boards.h"
#include "hw/arm/boot.h"
#include "hw/cpu/cluster.h"
#include "hw/rprocsim/hw/ipcc.h"
#include "hw/rprocsim/hw/qcom-subsys.h"
#include "hw/rprocsim/hw/trustzone.h"
#include "rprocsim/qcs6490-map.h"
#include "rprocsim/subsys.h"

#define TYPE_QCS6490_SIM_MACHINE MACHINE_TYPE_NAME("qcs6490-sim")
OBJECT_DECLARE_SIMPLE_TYPE(Qcs6490SimState, QCS6490_SIM_MACHINE)

/* One subsystem: its container and the device-tree nodes that refer to it */
typedef struct Qcs6490SimSubsys {
    const RprocsimSubsys *desc;
    RprocsimQcomSubsysState subsys;     /* /machine/<name>-subsys */
    uint32_t carveout_phandle;
    uint32_t smp2p_out_phandle;     /* Linux's "master-kernel" entry */
    uint32_t smp2p_in_phandle;      /* the remote's "slave-kernel" entry */
} Qcs6490SimSubsys;

struct Qcs6490SimState {
    MachineState parent_obj;

    const RprocsimBoard *board;
    CPUClusterState apss;       /* application processor cores, cluster 0 */
    unsigned n_ap;
    DeviceState *gic;
    RprocsimTzState *tz;
    RprocsimIpccState *ipcc;
    DeviceState *mutex;
    struct arm_boot_info bootinfo;
    uint32_t gic_phandle;
    uint32_t xo_phandle;
    uint32_t ipcc_phandle;
    uint32_t mutex_phandle;
    uint32_t rpmhpd_phandle;
    uint32_t rpmhcc_phandle;
    uint32_t aoss_phandle;
    uint32_t cmd_db_phandle;
    uint32_t smem_phandle;
    Clock *standin_clk;
    Qcs6490SimSubsys ss[QCS6490_SIM_STANDIN_CORES];
};

/* qcs6490-ipc.c: TCSR mutex, SMEM image, IPCC, one SMP2P edge per subsystem */
void qcs6490_sim_create_ipc(Qcs6490SimState *s);

/* qcs6490-power.c: cmd-db, RPMh RSC with rpmhpd and rpmhcc, AOSS QMP */
void qcs6490_sim_create_power(Qcs6490SimState *s);

/*
 * qcs6490-remoteproc.c: one subsystem container (stand-in core, Q6SS
 * block) per descriptor, after the application cores and
 * arm_load_kernel(), linked to TrustZone; and the remoteproc nodes the
 * stock qcom_q6v5_pas binds to.
 */
void qcs6490_sim_create_subsystems(Qcs6490SimState *s);
void qcs6490_sim_fdt_remoteprocs(Qcs6490SimState *s);

#endif /* RPROCSIM_BOARDS_QCS6490_SIM_H */
