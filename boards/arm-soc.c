/*
 * rprocsim: the Arm SoC pieces the machines share (boards/arm-soc.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/bsa.h"
#include "hw/arm/fdt.h"
#include "hw/char/pl011.h"
#include "hw/intc/arm_gicv3.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/sysbus.h"
#include "qobject/qlist.h"
#include "exec/address-spaces.h"
#include "system/device_tree.h"
#include "target/arm/cpu.h"
#include <libfdt.h>

#include "hw/rprocsim/boards/arm-soc.h"

void rprocsim_soc_create_cpus(MachineState *ms, CPUClusterState *cluster,
                              unsigned n, unsigned aff_shift)
{
    void *fdt = ms->fdt;

    object_initialize_child(OBJECT(ms), "apss", cluster, TYPE_CPU_CLUSTER);
    qdev_prop_set_uint32(DEVICE(cluster), "cluster-id", 0);

    qemu_fdt_add_subnode(fdt, "/cpus");
    qemu_fdt_setprop_cell(fdt, "/cpus", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/cpus", "#size-cells", 0);

    for (unsigned i = 0; i < n; i++) {
        Object *cpuobj = object_new(ms->cpu_type);

        object_property_add_child(OBJECT(cluster), "cpu[*]", cpuobj);
        object_property_set_int(cpuobj, "mp-affinity", (uint64_t)i << aff_shift,
                                &error_abort);
        if (object_property_find(cpuobj, "has_el3")) {
            object_property_set_bool(cpuobj, "has_el3", false, &error_abort);
        }
        if (object_property_find(cpuobj, "has_el2")) {
            object_property_set_bool(cpuobj, "has_el2", false, &error_abort);
        }
        object_property_set_link(cpuobj, "memory",
                                  OBJECT(get_system_memory()), &error_abort);
        qdev_realize(DEVICE(cpuobj), NULL, &error_fatal);
        object_unref(cpuobj);
    }
    qdev_realize(DEVICE(cluster), NULL, &error_fatal);

    /* nodes are prepended: add them in reverse so they read in order */
    for (int i = n - 1; i >= 0; i--) {
        ARMCPU *cpu = ARM_CPU(qemu_get_cpu(i));
        uint64_t mpidr = arm_cpu_mp_affinity(cpu);
        g_autofree char *node = g_strdup_printf("/cpus/cpu@%" PRIx64, mpidr);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "device_type", "cpu");
        qemu_fdt_setprop_string(fdt, node, "compatible", cpu->dtb_compatible);
        qemu_fdt_setprop_u64(fdt, node, "reg", mpidr);
        if (n > 1) {
            qemu_fdt_setprop_string(fdt, node, "enable-method", "psci");
        }
    }
}

/* Each core's timer, PMU and maintenance outputs to its PPIs, its inputs from the GIC */
static void rprocsim_soc_wire_gic(DeviceState *gic, const RprocsimSocGic *g,
                                  unsigned n)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(gic);
    /* CPU generic timer outputs to PPI INTIDs, as QEMU's virt wires them */
    static const int timer_intid[] = {
        [GTIMER_PHYS] = ARCH_TIMER_NS_EL1_IRQ,
        [GTIMER_VIRT] = ARCH_TIMER_VIRT_IRQ,
        [GTIMER_HYP]  = ARCH_TIMER_NS_EL2_IRQ,
        [GTIMER_SEC]  = ARCH_TIMER_S_EL1_IRQ,
        [GTIMER_HYPVIRT] = ARCH_TIMER_NS_EL2_VIRT_IRQ,
        [GTIMER_S_EL2_PHYS] = ARCH_TIMER_S_EL2_IRQ,
        [GTIMER_S_EL2_VIRT] = ARCH_TIMER_S_EL2_VIRT_IRQ,
    };

    for (unsigned i = 0; i < n; i++) {
        DeviceState *cpudev = DEVICE(qemu_get_cpu(i));
        int ppibase = g->num_irq - GIC_INTERNAL + i * GIC_INTERNAL;

        for (unsigned t = 0; t < ARRAY_SIZE(timer_intid); t++) {
            qdev_connect_gpio_out(cpudev, t,
                                  qdev_get_gpio_in(gic, ppibase + timer_intid[t]));
        }
        qdev_connect_gpio_out_named(cpudev, "gicv3-maintenance-interrupt", 0,
                                    qdev_get_gpio_in(gic,
                                                     ppibase + ARCH_GIC_MAINT_IRQ));
        qdev_connect_gpio_out_named(cpudev, "pmu-interrupt", 0,
                                    qdev_get_gpio_in(gic, ppibase + VIRTUAL_PMU_IRQ));
        sysbus_connect_irq(sbd, i, qdev_get_gpio_in(cpudev, ARM_CPU_IRQ));
        sysbus_connect_irq(sbd, i + n, qdev_get_gpio_in(cpudev, ARM_CPU_FIQ));
        sysbus_connect_irq(sbd, i + 2 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VIRQ));
        sysbus_connect_irq(sbd, i + 3 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VFIQ));
        sysbus_connect_irq(sbd, i + 4 * n, qdev_get_gpio_in(cpudev, ARM_CPU_NMI));
        sysbus_connect_irq(sbd, i + 5 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VINMI));
    }
}

DeviceState *rprocsim_soc_create_gic(MachineState *ms, const RprocsimSocGic *g,
                                     unsigned n, const char *timer_node,
                                     uint32_t *phandle)
{
    void *fdt = ms->fdt;
    DeviceState *gic = qdev_new(TYPE_ARM_GICV3);
    SysBusDevice *sbd = SYS_BUS_DEVICE(gic);
    QList *redist = qlist_new();

    qdev_prop_set_uint32(gic, "revision", 3);
    qdev_prop_set_uint32(gic, "num-cpu", n);
    qdev_prop_set_uint32(gic, "num-irq", g->num_irq);
    qlist_append_int(redist, n);
    qdev_prop_set_array(gic, "redist-region-count", redist);
    sysbus_realize_and_unref(sbd, &error_fatal);
    sysbus_mmio_map(sbd, 0, g->gicd_base);
    sysbus_mmio_map(sbd, 1, g->gicr_base);
    rprocsim_soc_wire_gic(gic, g, n);

    *phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, "/", "interrupt-parent", *phandle);
    qemu_fdt_add_subnode(fdt, g->node);
    qemu_fdt_setprop_string(fdt, g->node, "compatible", "arm,gic-v3");
    qemu_fdt_setprop_cell(fdt, g->node, "#interrupt-cells", 3);
    qemu_fdt_setprop(fdt, g->node, "interrupt-controller", NULL, 0);
    qemu_fdt_setprop_cell(fdt, g->node, "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, g->node, "#size-cells", 2);
    qemu_fdt_setprop(fdt, g->node, "ranges", NULL, 0);
    qemu_fdt_setprop_cell(fdt, g->node, "#redistributor-regions", 1);
    qemu_fdt_setprop_sized_cells(fdt, g->node, "reg",
                                 2, g->gicd_base, 2, g->gicd_size,
                                 2, g->gicr_base, 2, g->gicr_stride * n);
    qemu_fdt_setprop_cell(fdt, g->node, "phandle", *phandle);

    qemu_fdt_add_subnode(fdt, timer_node);
    qemu_fdt_setprop_string(fdt, timer_node, "compatible", "arm,armv8-timer");
    qemu_fdt_setprop_cells(fdt, timer_node, "interrupts",
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_S_EL1_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_NS_EL1_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_VIRT_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_NS_EL2_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop(fdt, timer_node, "always-on", NULL, 0);
    return gic;
}

void rprocsim_soc_create_pl011(MachineState *ms, DeviceState *gic,
                               const char *node, hwaddr base, hwaddr size,
                               int spi, Chardev *chr, const char *alias,
                               uint32_t clk_phandle)
{
    void *fdt = ms->fdt;
    const char compat[] = "arm,pl011\0arm,primecell";
    const char clock_names[] = "uartclk\0apb_pclk";
    DeviceState *dev = qdev_new(TYPE_PL011);

    qdev_prop_set_chr(dev, "chardev", chr);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, qdev_get_gpio_in(gic, spi));

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, base, 2, size);
    qemu_fdt_setprop_cells(fdt, node, "interrupts",
                           GIC_FDT_IRQ_TYPE_SPI, spi, GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop_cells(fdt, node, "clocks", clk_phandle, clk_phandle);
    qemu_fdt_setprop(fdt, node, "clock-names", clock_names, sizeof(clock_names));
    qemu_fdt_setprop_string(fdt, "/aliases", alias, node);
}

uint32_t rprocsim_soc_fdt_fixed_clock(void *fdt, const char *node, uint32_t hz)
{
    uint32_t phandle = qemu_fdt_alloc_phandle(fdt);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "fixed-clock");
    qemu_fdt_setprop_cell(fdt, node, "clock-frequency", hz);
    qemu_fdt_setprop_cell(fdt, node, "#clock-cells", 0);
    qemu_fdt_setprop_cell(fdt, node, "phandle", phandle);
    return phandle;
}

static void *rprocsim_soc_get_dtb(const struct arm_boot_info *binfo, int *size)
{
    void *fdt = MACHINE(qdev_get_machine())->fdt;

    *size = fdt_totalsize(fdt);
    return fdt;
}

static void rprocsim_soc_modify_dtb(const struct arm_boot_info *binfo, void *fdt)
{
    MachineState *ms = MACHINE(qdev_get_machine());
    hwaddr base = ms->ram->addr;
    g_autofree char *boot_node = g_strdup_printf("/memory@%" PRIx64,
                                                 (uint64_t)binfo->loader_start);
    g_autofree char *node = g_strdup_printf("/memory@%" PRIx64, (uint64_t)base);

    if (strcmp(boot_node, node)) {
        qemu_fdt_nop_node(fdt, boot_node);
        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "device_type", "memory");
    }
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, base, 2, ms->ram_size);
}

void rprocsim_soc_machine_class(MachineClass *mc, const char *ap_cpu, int default_aps,
                                int max_aps, int remote_cores, uint64_t ram,
                                const char *ram_id)
{
    mc->default_cpus = default_aps + remote_cores;
    mc->min_cpus = 1 + remote_cores;
    mc->max_cpus = max_aps + remote_cores;
    /* the class lives as long as QEMU */
    mc->default_cpu_type = g_strdup_printf("%s-" TYPE_ARM_CPU, ap_cpu);
    mc->default_ram_size = ram;
    mc->default_ram_id = ram_id;
    mc->minimum_page_bits = 12;
    mc->no_cdrom = 1;
    mc->no_floppy = 1;
    mc->no_parallel = 1;
}

void rprocsim_soc_set_dtb_hooks(struct arm_boot_info *binfo)
{
    binfo->get_dtb = rprocsim_soc_get_dtb;
    binfo->modify_dtb = rprocsim_soc_modify_dtb;
}
