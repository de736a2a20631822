/*
 * rprocsim qcs6490-sim: the remote processors, one per subsystem
 * descriptor (boards/qcs6490-subsys.c): a Cortex-M4 stand-in core in its
 * own cluster and address space, its Q6SS block, and the remoteproc node.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
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
#include "hw/rprocsim/hw/tcsr-mutex.h"

/* One subsystem's core, address space and Q6SS block, as @d describes it */
static void qcs6490_sim_create_subsys(Qcs6490SimState *s, unsigned i,
                                      Qcs6490SimSubsys *ss)
{
    MachineState *ms = MACHINE(s);
    const RprocsimSubsys *d = ss->desc;
    MemoryRegion *ipcc_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->ipcc), 0);
    MemoryRegion *mutex_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->mutex), 0);
    g_autofree char *cl_name = g_strdup_printf("%s-cluster", d->name);
    g_autofree char *chr_id = g_strdup_printf("%s-uart", d->name);
    g_autofree char *tz_link = g_strdup_printf("q6ss[%u]", i);
    DeviceState *core, *q6ss;
    ARMCPU *cpu;

    /* address space: carveout and SMEM where they are, blocks in peripheral space */
    memory_region_init(&ss->space, OBJECT(s), d->name, 4 * GiB);
    memory_region_init_alias(&ss->carveout, OBJECT(s), "carveout", ms->ram,
                             d->carveout_base - QCS6490_SIM_DRAM_BASE,
                             d->carveout_size);
    memory_region_add_subregion(&ss->space, d->carveout_base, &ss->carveout);
    memory_region_init_alias(&ss->smem, OBJECT(s), "smem", ms->ram,
                             QCS6490_SIM_SMEM_BASE - QCS6490_SIM_DRAM_BASE,
                             QCS6490_SIM_SMEM_SIZE);
    memory_region_add_subregion(&ss->space, QCS6490_SIM_SMEM_BASE, &ss->smem);
    memory_region_init_alias(&ss->ipcc, OBJECT(s), "ipcc-frame", ipcc_mr,
                             d->ipcc_client * IPCC_FRAME_SIZE, IPCC_FRAME_SIZE);
    memory_region_add_subregion(&ss->space, QCS6490_SIM_CORE_IPCC_FRAME, &ss->ipcc);
    memory_region_init_alias(&ss->mutex, OBJECT(s), "tcsr-mutex", mutex_mr, 0,
                             TCSR_MUTEX_SIZE);
    memory_region_add_subregion(&ss->space, QCS6490_SIM_CORE_MUTEX, &ss->mutex);

    object_initialize_child(OBJECT(s), cl_name, &ss->cluster, TYPE_CPU_CLUSTER);
    qdev_prop_set_uint32(DEVICE(&ss->cluster), "cluster-id", i + 1);
    object_initialize_child(OBJECT(&ss->cluster), "armv7m", &ss->core, TYPE_ARMV7M);
    core = DEVICE(&ss->core);
    qdev_prop_set_string(core, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m4"));
    qdev_prop_set_uint32(core, "num-irq", 32);
    qdev_prop_set_bit(core, "start-powered-off", true);
    qdev_connect_clock_in(core, "cpuclk", s->standin_clk);
    object_property_set_link(OBJECT(core), "memory", OBJECT(&ss->space), &error_abort);
    sysbus_realize(SYS_BUS_DEVICE(core), &error_fatal);
    cpu = ss->core.cpu;
    /*
     * An Aff2 no application core uses: PSCI CPU_ON cannot reach it, and
     * arm-powerctl finds the core by it when the Q6SS powers it on or off.
     */
    cpu->mp_affinity = (uint64_t)(0x80 + i) << ARM_AFF2_SHIFT;
    qdev_realize(DEVICE(&ss->cluster), NULL, &error_fatal);
    armv7m_load_kernel(cpu, NULL, 0, 0);

    /* the Q6SS block: at the remoteproc node's address and in the core's space */
    q6ss = qdev_new(TYPE_RPROCSIM_Q6SS);
    ss->q6ss = RPROCSIM_Q6SS(q6ss);
    object_property_add_child(OBJECT(s), d->name, OBJECT(q6ss));
    qdev_prop_set_string(q6ss, "name", d->name);
    object_property_set_link(OBJECT(q6ss), "core", OBJECT(core), &error_abort);
    qdev_prop_set_uint32(q6ss, "host-id", d->smem_host);
    qdev_prop_set_uint32(q6ss, "ipcc-client", d->ipcc_client);
    qdev_prop_set_uint32(q6ss, "smp2p-in-item", d->smp2p_in_item);
    qdev_prop_set_uint32(q6ss, "smp2p-out-item", d->smp2p_out_item);
    qdev_prop_set_uint32(q6ss, "crash-item", d->crash_item);
    qdev_prop_set_uint32(q6ss, "minidump-id", d->minidump_id);
    qdev_prop_set_chr(q6ss, "chardev", qemu_chr_find(chr_id));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(q6ss), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(q6ss), 0, d->reg_base);
    memory_region_init_alias(&ss->q6ss_alias, OBJECT(s), "q6ss",
                             sysbus_mmio_get_region(SYS_BUS_DEVICE(q6ss), 0), 0,
                             Q6SS_MMIO_SIZE);
    memory_region_add_subregion(&ss->space, QCS6490_SIM_CORE_Q6SS, &ss->q6ss_alias);
    object_property_set_link(OBJECT(s->tz), tz_link, OBJECT(q6ss), &error_abort);

    /* interrupts: wdog to the GIC; IPCC frame, fault and bark to the core */
    sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 0, qdev_get_gpio_in(s->gic, d->wdog_spi));
    sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 1, qdev_get_gpio_in(core, Q6SS_NVIC_FAULT));
    sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 2,
                       qdev_get_gpio_in(core, Q6SS_NVIC_WDOG_BARK));
    sysbus_connect_irq(SYS_BUS_DEVICE(s->ipcc), d->ipcc_client,
                       qdev_get_gpio_in(core, Q6SS_NVIC_IPCC));
}

/*
 * One stand-in core per subsystem, after the application cores and after
 * arm_load_kernel() (qemu-integration notes: boot.c would otherwise take
 * them for boot CPUs). Each is a Cortex-M4 in its own cluster and address
 * space, held off until TrustZone releases it through its Q6SS block;
 * TrustZone is realized once it has its links to them.
 */
void qcs6490_sim_create_subsystems(Qcs6490SimState *s)
{
    s->standin_clk = clock_new(OBJECT(s), "standin-clk");
    clock_set_hz(s->standin_clk, QCS6490_SIM_STANDIN_CPU_HZ);

    for (unsigned i = 0; i < s->board->count; i++) {
        qcs6490_sim_create_subsys(s, i, &s->ss[i]);
    }
    sysbus_realize_and_unref(SYS_BUS_DEVICE(s->tz), &error_fatal);
}

/*
 * The remoteproc nodes the stock qcom_q6v5_pas driver binds to, named,
 * addressed and wired as in sc7280.dtsi and qcs6490-rb3gen2.dts (see
 * docs/machine.md for the differences: wdog straight to the GIC, no
 * glink-edge, no interconnects).
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
        qemu_fdt_setprop_cells(fdt, node, "clocks", s->rpmhcc_phandle, 0 /* RPMH_CXO_CLK */);
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
    }
}
