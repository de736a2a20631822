/*
 * rprocsim qcs6490-sim: the remote processors, one per subsystem
 * descriptor (boards/qcs6490-subsys.c): a subsystem container
 * (hw/qcom-subsys.c: Cortex-M4 stand-in core in its own cluster and
 * address space, Q6SS block) wired into the SoC, and the remoteproc node.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/arm/fdt.h"
#include "hw/clock.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/sysbus.h"
#include "chardev/char.h"
#include "system/device_tree.h"
#include "target/arm/cpu.h"

#include "hw/rprocsim/boards/qcs6490-sim.h"

/*
 * Subsystem @i, as its descriptor describes it: the container of its
 * stand-in core and Q6SS block, at the remoteproc node's address, wired to
 * the GIC and IPCC, and linked as /machine/<name> and TrustZone's q6ss[i].
 */
static void qcs6490_sim_create_subsys(Qcs6490SimState *s, unsigned i,
                                      Qcs6490SimSubsys *ss)
{
    MachineState *ms = MACHINE(s);
    const RprocsimSubsys *d = ss->desc;
    MemoryRegion *ipcc_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->ipcc), 0);
    MemoryRegion *mutex_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->mutex), 0);
    g_autofree char *child = g_strdup_printf("%s-subsys", d->name);
    g_autofree char *chr_id = g_strdup_printf("%s-uart", d->name);
    g_autofree char *tz_link = g_strdup_printf("q6ss[%u]", i);
    DeviceState *dev;

    object_initialize_child(OBJECT(s), child, &ss->subsys, TYPE_RPROCSIM_QCOM_SUBSYS);
    dev = DEVICE(&ss->subsys);
    qdev_prop_set_string(dev, "name", d->name);
    qdev_prop_set_uint32(dev, "cluster-id", i + 1);
    /* an Aff2 no application core uses: PSCI CPU_ON cannot reach the core */
    qdev_prop_set_uint64(dev, "mp-affinity", (uint64_t)(0x80 + i) << ARM_AFF2_SHIFT);
    object_property_set_link(OBJECT(dev), "ram", OBJECT(ms->ram), &error_abort);
    qdev_prop_set_uint64(dev, "ram-base", QCS6490_SIM_DRAM_BASE);
    qdev_prop_set_uint64(dev, "carveout-base", d->carveout_base);
    qdev_prop_set_uint64(dev, "carveout-size", d->carveout_size);
    qdev_prop_set_uint64(dev, "smem-base", QCS6490_SIM_SMEM_BASE);
    qdev_prop_set_uint64(dev, "smem-size", QCS6490_SIM_SMEM_SIZE);
    object_property_set_link(OBJECT(dev), "ipcc", OBJECT(ipcc_mr), &error_abort);
    object_property_set_link(OBJECT(dev), "mutex", OBJECT(mutex_mr), &error_abort);
    qdev_prop_set_uint32(dev, "host-id", d->smem_host);
    qdev_prop_set_uint32(dev, "ipcc-client", d->ipcc_client);
    qdev_prop_set_uint32(dev, "smp2p-in-item", d->smp2p_in_item);
    qdev_prop_set_uint32(dev, "smp2p-out-item", d->smp2p_out_item);
    qdev_prop_set_uint32(dev, "crash-item", d->crash_item);
    qdev_prop_set_uint32(dev, "minidump-id", d->minidump_id);
    qdev_prop_set_uint32(dev, "ssctl-id", d->ssctl_id);
    qdev_prop_set_chr(dev, "chardev", qemu_chr_find(chr_id));
    qdev_connect_clock_in(dev, "cpuclk", s->standin_clk);
    sysbus_realize(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, d->reg_base);

    /* interrupts: wdog to the GIC, the subsystem's IPCC frame to its core */
    qdev_connect_gpio_out_named(dev, "wdog", 0, qdev_get_gpio_in(s->gic, d->wdog_spi));
    sysbus_connect_irq(SYS_BUS_DEVICE(s->ipcc), d->ipcc_client,
                       qdev_get_gpio_in(dev, Q6SS_NVIC_IPCC));

    /* the Q6SS block stays /machine/<name>, for faults and state */
    object_property_add_const_link(OBJECT(s), d->name, OBJECT(&ss->subsys.q6ss));
    object_property_set_link(OBJECT(s->tz), tz_link, OBJECT(&ss->subsys.q6ss),
                             &error_abort);
}

/*
 * One subsystem container per descriptor, after the application cores and
 * after arm_load_kernel(): hw/arm/boot.c gives every CPU that exists by
 * then the Linux boot set-up (its reset handler, boot info and PSCI
 * conduit), which the stand-in cores must not get. Each core is held off
 * until TrustZone releases it through its Q6SS block; TrustZone is
 * realized once it has its links to them, and its XPU lock of each
 * carveout goes over the carveout in system memory, above DRAM (the cores
 * see DRAM through their own aliases, past the locks).
 */
void qcs6490_sim_create_subsystems(Qcs6490SimState *s)
{
    s->standin_clk = clock_new(OBJECT(s), "standin-clk");
    clock_set_hz(s->standin_clk, QCS6490_SIM_STANDIN_CPU_HZ);

    for (unsigned i = 0; i < s->board->count; i++) {
        qcs6490_sim_create_subsys(s, i, &s->ss[i]);
    }
    sysbus_realize_and_unref(SYS_BUS_DEVICE(s->tz), &error_fatal);
    for (unsigned i = 0; i < s->board->count; i++) {
        sysbus_mmio_map_overlap(SYS_BUS_DEVICE(s->tz), i,
                                s->board->subsys[i].carveout_base, 1);
    }
}

/*
 * The glink-edge of remoteproc @parent, as sc7280.dtsi has it: the label,
 * the subsystem's SMEM host as qcom,remote-pid, and its IPCC client's
 * GLINK signal for the interrupt and the mailbox. No children: the
 * channels the firmware opens (IPCRTR) need none (docs/machine.md).
 */
static void qcs6490_sim_fdt_glink_edge(Qcs6490SimState *s, const RprocsimSubsys *d,
                                       const char *parent)
{
    void *fdt = MACHINE(s)->fdt;
    g_autofree char *node = g_strdup_printf("%s/glink-edge", parent);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_cells(fdt, node, "interrupts-extended", s->ipcc_phandle,
                           d->ipcc_client, IPCC_SIGNAL_GLINK_QMP,
                           1 /* IRQ_TYPE_EDGE_RISING */);
    qemu_fdt_setprop_string(fdt, node, "label", d->glink_label);
    qemu_fdt_setprop_cell(fdt, node, "qcom,remote-pid", d->smem_host);
    qemu_fdt_setprop_cells(fdt, node, "mboxes", s->ipcc_phandle, d->ipcc_client,
                           IPCC_SIGNAL_GLINK_QMP);
}

/*
 * The remoteproc nodes the stock qcom_q6v5_pas driver binds to, named,
 * addressed and wired as in sc7280.dtsi and qcs6490-rb3gen2.dts (see
 * docs/machine.md for the differences: wdog straight to the GIC, no
 * glink-edge children, no interconnects).
 */
void qcs6490_sim_fdt_remoteprocs(Qcs6490SimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    const char irq_names[] = "wdog\0fatal\0ready\0handover\0stop-ack\0shutdown-ack";
    static const uint32_t smp2p_bits[] = { 0, 1, 2, 3, 7 };

    for (unsigned i = 0; i < s->board->count; i++) {
        const RprocsimSubsys *d = &s->board->subsys[i];
        const Qcs6490SimSubsys *ss = &s->ss[i];
        g_autofree char *node = g_strdup_printf("/soc@0/remoteproc@%" PRIx64,
                                                d->reg_base);
        g_autofree char *pd_names = g_strdup_printf("%s%c%s", d->pd_names[0], 0,
                                                    d->pd_names[1]);
        uint32_t irqs[4 + 3 * G_N_ELEMENTS(smp2p_bits)];
        unsigned n = 0;

        irqs[n++] = cpu_to_be32(s->gic_phandle);
        irqs[n++] = cpu_to_be32(GIC_FDT_IRQ_TYPE_SPI);
        irqs[n++] = cpu_to_be32(d->wdog_spi);
        irqs[n++] = cpu_to_be32(1 /* IRQ_TYPE_EDGE_RISING */);
        for (size_t b = 0; b < G_N_ELEMENTS(smp2p_bits); b++) {
            irqs[n++] = cpu_to_be32(ss->smp2p_in_phandle);
            irqs[n++] = cpu_to_be32(smp2p_bits[b]);
            irqs[n++] = cpu_to_be32(1 /* IRQ_TYPE_EDGE_RISING */);
        }

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "compatible", d->compatible);
        qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, d->reg_base, 2, d->reg_size);
        qemu_fdt_setprop(fdt, node, "interrupts-extended", irqs, n * sizeof(irqs[0]));
        qemu_fdt_setprop(fdt, node, "interrupt-names", irq_names, sizeof(irq_names));
        qemu_fdt_setprop_cells(fdt, node, "clocks", s->rpmhcc_phandle,
                               0 /* RPMH_CXO_CLK */);
        qemu_fdt_setprop_string(fdt, node, "clock-names", "xo");
        qemu_fdt_setprop_cells(fdt, node, "power-domains", s->rpmhpd_phandle, d->pds[0],
                               s->rpmhpd_phandle, d->pds[1]);
        qemu_fdt_setprop(fdt, node, "power-domain-names", pd_names,
                         strlen(d->pd_names[0]) + strlen(d->pd_names[1]) + 2);
        qemu_fdt_setprop_cell(fdt, node, "memory-region", ss->carveout_phandle);
        qemu_fdt_setprop_cell(fdt, node, "qcom,qmp", s->aoss_phandle);
        qemu_fdt_setprop_cells(fdt, node, "qcom,smem-states", ss->smp2p_out_phandle, 0);
        qemu_fdt_setprop_string(fdt, node, "qcom,smem-state-names", "stop");
        qemu_fdt_setprop_string(fdt, node, "firmware-name", d->firmware_name);
        qcs6490_sim_fdt_glink_edge(s, d, node);
    }
}
