/*
 * rprocsim: the Arm SoC pieces every rprocsim machine builds the same way,
 * each with its device-tree node: the application cores (one CPU cluster,
 * PSCI through QEMU), a GICv3 without ITS wired to them, the arch timer
 * node, PL011 UARTs fed by host chardevs, and the boot hooks that hand
 * hw/arm/boot.c the machine's own DTB with the whole DRAM described.
 * Used by qcs6490-sim.c and am64x-sim.c; the addresses are the caller's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef RPROCSIM_BOARDS_ARM_SOC_H
#define RPROCSIM_BOARDS_ARM_SOC_H

#include "hw/boards.h"
#include "hw/arm/boot.h"
#include "hw/cpu/cluster.h"
#include "chardev/char.h"

/* A GICv3 distributor and its redistributors, one frame per core */
typedef struct RprocsimSocGic {
    const char *node;           /* its DT path, "/soc@0/interrupt-controller@17a00000" */
    hwaddr gicd_base;
    hwaddr gicd_size;
    hwaddr gicr_base;
    hwaddr gicr_stride;         /* bytes per core's redistributor */
    unsigned num_irq;           /* the GIC's "num-irq": SPIs + 32 */
} RprocsimSocGic;

/*
 * @n application cores of @cpu_type in @cluster (cluster id 0, a child of
 * @machine), with EL3 and EL2 off (PSCI is QEMU's, over SMC), on the
 * system memory; core i has MPIDR i << @aff_shift (ARM_AFF0_SHIFT or
 * ARM_AFF1_SHIFT). Adds /cpus with one cpu@<mpidr> node each, and
 * enable-method "psci" when there are several. Must run before any other
 * CPU exists: they take cpu_index 0 .. @n - 1.
 */
void rprocsim_soc_create_cpus(MachineState *machine, CPUClusterState *cluster,
                              unsigned n, unsigned aff_shift);

/*
 * The GIC @g for the first @n_cpu CPUs (timer, PMU and maintenance
 * interrupts to their PPIs, as QEMU's virt machine wires them), its DT
 * node, the root's interrupt-parent, and a /<timer_node> arch timer node.
 * Returns the GIC; its phandle goes to @phandle.
 */
DeviceState *rprocsim_soc_create_gic(MachineState *machine, const RprocsimSocGic *g,
                                     unsigned n_cpu, const char *timer_node,
                                     uint32_t *phandle);

/*
 * A PL011 at @base (@size bytes of DT reg) raising SPI @spi of @gic, fed
 * by host chardev @chr (may be NULL), described as @node ("arm,pl011",
 * "arm,primecell", both clocks @clk_phandle) and aliased as @alias.
 */
void rprocsim_soc_create_pl011(MachineState *machine, DeviceState *gic,
                               const char *node, hwaddr base, hwaddr size,
                               int spi, Chardev *chr, const char *alias,
                               uint32_t clk_phandle);

/*
 * A fixed-clock node @node of @hz with #clock-cells 0. Returns its phandle.
 */
uint32_t rprocsim_soc_fdt_fixed_clock(void *fdt, const char *node, uint32_t hz);

/*
 * Sets @binfo's DTB hooks: the DTB is the machine's fdt, and the memory
 * node hw/arm/boot.c writes from loader_start (which the boards keep above
 * their carveouts) is replaced by one memory@<base> node for the whole
 * DRAM, the machine's RAM region where it is mapped in system memory.
 */
void rprocsim_soc_set_dtb_hooks(struct arm_boot_info *binfo);

/*
 * What both machines' classes set alike: -smp counts the remote cores too
 * (@default_aps and @max_aps application cores plus @remote_cores), the
 * default core type is the descriptor's @ap_cpu ("cortex-a55"), RAM of
 * @ram bytes by default in region @ram_id, 4 KiB target pages (the remote
 * cores cope: patch 0004), no removable media or parallel port. The caller
 * sets desc, init and valid_cpu_types.
 */
void rprocsim_soc_machine_class(MachineClass *mc, const char *ap_cpu, int default_aps,
                                int max_aps, int remote_cores, uint64_t ram,
                                const char *ram_id);

#endif /* RPROCSIM_BOARDS_ARM_SOC_H */
