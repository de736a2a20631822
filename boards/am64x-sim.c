/*
 * rprocsim am64x-sim: a QEMU machine shaped like the TI AM64x of an AM642
 * EVM, on which the stock Debian arm64 kernel boots and drives the two R5F
 * cores of main_r5fss0 through TI-SCI, the secure proxy and the K3
 * mailbox.
 *
 * This file wires and describes the machine: the A53 cores, GICv3, timer,
 * consoles, DDR and the reserved-memory regions, the root of the generated
 * device tree, and the boot; the other parts are listed in am64x-sim.h.
 * Protocol logic lives in the device models under hw/ and models/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/error-report.h"
#include "exec/address-spaces.h"
#include "system/device_tree.h"
#include "system/system.h"
#include "target/arm/cpu.h"

#include "hw/rprocsim/boards/am64x-sim.h"
#include "hw/rprocsim/boards/arm-soc.h"
#include "hw/rprocsim/models/subsys.h"
#include "hw/rprocsim/trace.h"

/* main_uart0/1 clock-frequency (k3-am64-main.dtsi), as a fixed clock */
#define AM64X_SIM_UART_CLK_HZ   48000000

static void am64x_sim_fdt_root(Am64xSimState *s)
{
    MachineState *ms = MACHINE(s);
    const char compat[] = "rprocsim,am64x-sim\0ti,am642";
    void *fdt;
    int size;

    fdt = create_device_tree(&size);
    if (!fdt) {
        error_report("am64x-sim: cannot create the device tree");
        exit(1);
    }
    ms->fdt = fdt;

    qemu_fdt_setprop_string(fdt, "/", "model",
                            "Texas Instruments AM642 (rprocsim am64x-sim)");
    qemu_fdt_setprop(fdt, "/", "compatible", compat, sizeof(compat));
    qemu_fdt_setprop_cell(fdt, "/", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/", "#size-cells", 2);
    qemu_fdt_add_subnode(fdt, "/chosen");
    qemu_fdt_add_subnode(fdt, "/aliases");
    s->uart_clk_phandle = rprocsim_soc_fdt_fixed_clock(fdt, "/clock-uart",
                                                       AM64X_SIM_UART_CLK_HZ);

    /*
     * cbass_main (k3-am64.dtsi bus@f4000), 1:1, with the windows of the
     * devices the board has: the first peripheral window (GIC, UARTs), the
     * third (mailboxes), TI-SCI debug, DMASS (secure proxy) and main R5FSS.
     */
    qemu_fdt_add_subnode(fdt, AM64X_SIM_FDT_BUS);
    qemu_fdt_setprop_string(fdt, AM64X_SIM_FDT_BUS, "compatible", "simple-bus");
    qemu_fdt_setprop_cell(fdt, AM64X_SIM_FDT_BUS, "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, AM64X_SIM_FDT_BUS, "#size-cells", 2);
    qemu_fdt_setprop_sized_cells(fdt, AM64X_SIM_FDT_BUS, "ranges",
                                 2, 0x01000000, 2, 0x01000000, 2, 0x02330400,
                                 2, 0x20000000, 2, 0x20000000, 2, 0x0a008000,
                                 2, AM64X_SIM_DMSC_DEBUG_BASE,
                                 2, AM64X_SIM_DMSC_DEBUG_BASE,
                                 2, AM64X_SIM_DMSC_DEBUG_SIZE,
                                 2, 0x48000000, 2, 0x48000000, 2, 0x06400000,
                                 2, 0x78000000, 2, 0x78000000, 2, 0x00800000);
}

/* A reserved-memory region of a core (k3-am642-evm.dts reserved-memory) */
static void am64x_sim_fdt_pool(void *fdt, const char *name, uint64_t base,
                               uint64_t size, uint32_t *phandle)
{
    g_autofree char *node = g_strdup_printf("/reserved-memory/%s@%" PRIx64,
                                            name, base);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "shared-dma-pool");
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, base, 2, size);
    qemu_fdt_setprop(fdt, node, "no-map", NULL, 0);
    *phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, node, "phandle", *phandle);
}

/* Each core's vring DMA pool and static carveout, in address order */
static void am64x_sim_fdt_reserved_memory(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;

    qemu_fdt_add_subnode(fdt, "/reserved-memory");
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#size-cells", 2);
    qemu_fdt_setprop(fdt, "/reserved-memory", "ranges", NULL, 0);

    /* nodes are prepended: add them in reverse so they read in address order */
    for (int i = s->board->count - 1; i >= 0; i--) {
        Am64xSimCore *c = &s->core[i];

        am64x_sim_fdt_pool(fdt, "r5f-memory", c->desc->carveout_base,
                           c->desc->carveout_size, &c->carveout_phandle);
        am64x_sim_fdt_pool(fdt, "r5f-dma-memory", c->desc->dma_pool_base,
                           c->desc->dma_pool_size, &c->dma_pool_phandle);
    }
}

/*
 * QEMU's loader places the kernel, initrd and DTB from loader_start upwards
 * without looking at /reserved-memory (hw/arm/boot.c), so loader_start is
 * put 2 MiB-aligned above the highest pool or carveout. Returns it.
 */
static hwaddr am64x_sim_boot_base(const RprocsimBoard *board)
{
    hwaddr top = AM64X_SIM_DRAM_BASE;

    for (unsigned i = 0; i < board->count; i++) {
        const RprocsimSubsys *d = &board->subsys[i];

        top = MAX(top, d->carveout_base + d->carveout_size);
        top = MAX(top, d->dma_pool_base + d->dma_pool_size);
    }
    return ROUND_UP(top, 2 * MiB);
}

static void am64x_sim_init(MachineState *ms)
{
    Am64xSimState *s = AM64X_SIM_MACHINE(ms);
    const RprocsimSocGic gic = {
        .node = AM64X_SIM_FDT_BUS "/interrupt-controller@1800000",
        .gicd_base = AM64X_SIM_GICD_BASE,
        .gicd_size = AM64X_SIM_GICD_SIZE,
        .gicr_base = AM64X_SIM_GICR_BASE,
        .gicr_stride = AM64X_SIM_GICR_STRIDE,
        .num_irq = AM64X_SIM_GIC_NUM_IRQ,
    };
    g_autofree char *console = g_strdup_printf(AM64X_SIM_FDT_BUS "/serial@%" PRIx64,
                                               (uint64_t)AM64X_SIM_UART_BASE);
    g_autofree char *agent = g_strdup_printf(AM64X_SIM_FDT_BUS "/serial@%" PRIx64,
                                             (uint64_t)AM64X_SIM_AGENT_UART_BASE);
    hwaddr boot_base;

    s->board = rprocsim_board_find("am64x-sim");
    if (!s->board || s->board->count != AM64X_SIM_R5F_CORES) {
        error_report("am64x-sim: its R5F table does not fit the board");
        exit(1);
    }
    for (unsigned i = 0; i < s->board->count; i++) {
        s->core[i].desc = &s->board->subsys[i];
    }
    boot_base = am64x_sim_boot_base(s->board);
    if (ms->ram_size < AM64X_SIM_MIN_RAM || ms->ram_size > AM64X_SIM_MAX_RAM) {
        error_report("am64x-sim: -m %" PRIu64 "M is outside the supported "
                     "range %" PRIu64 "M..%" PRIu64 "M (the kernel, initrd "
                     "and DTB go above the R5F carveouts, from 0x%" HWADDR_PRIx ")",
                     (uint64_t)(ms->ram_size / MiB),
                     (uint64_t)(AM64X_SIM_MIN_RAM / MiB),
                     (uint64_t)(AM64X_SIM_MAX_RAM / MiB), boot_base);
        exit(1);
    }
    s->n_ap = ms->smp.cpus - AM64X_SIM_R5F_CORES;

    memory_region_add_subregion(get_system_memory(), AM64X_SIM_DRAM_BASE, ms->ram);

    am64x_sim_fdt_root(s);
    am64x_sim_fdt_reserved_memory(s);
    rprocsim_soc_create_cpus(ms, &s->apss, s->n_ap, ARM_AFF0_SHIFT);
    s->gic = rprocsim_soc_create_gic(ms, &gic, s->n_ap, "/timer-cl0-cpu0",
                                     &s->gic_phandle);
    rprocsim_soc_create_pl011(ms, s->gic, console, AM64X_SIM_UART_BASE,
                              AM64X_SIM_UART_SIZE, AM64X_SIM_UART_SPI,
                              serial_hd(0), "serial0", s->uart_clk_phandle);
    qemu_fdt_setprop_string(ms->fdt, "/chosen", "stdout-path", console);
    rprocsim_soc_create_pl011(ms, s->gic, agent, AM64X_SIM_AGENT_UART_BASE,
                              AM64X_SIM_UART_SIZE, AM64X_SIM_AGENT_UART_SPI,
                              serial_hd(1), "serial1", s->uart_clk_phandle);
    am64x_sim_fdt_devices(s);

    trace_rprocsim_am64x_boot_layout(AM64X_SIM_DRAM_BASE, ms->ram_size, boot_base);
    s->bootinfo.loader_start = boot_base;
    s->bootinfo.ram_size = AM64X_SIM_DRAM_BASE + ms->ram_size - boot_base;
    s->bootinfo.board_id = -1;
    s->bootinfo.psci_conduit = QEMU_PSCI_CONDUIT_SMC;
    rprocsim_soc_set_dtb_hooks(&s->bootinfo);
    arm_load_kernel(ARM_CPU(first_cpu), ms, &s->bootinfo);

    am64x_sim_create_devices(s);
}

static void am64x_sim_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    static const char * const valid_cpu_types[] = {
        ARM_CPU_TYPE_NAME("cortex-a53"),
        ARM_CPU_TYPE_NAME("max"),
        NULL
    };

    mc->desc = "TI AM64x (AM642) remoteproc simulator (rprocsim)";
    mc->init = am64x_sim_init;
    mc->valid_cpu_types = valid_cpu_types;
    /* -smp counts the R5F cores: -smp 4 is two A53s and the two R5Fs */
    rprocsim_soc_machine_class(mc, rprocsim_am64x_board.ap_cpu, AM64X_SIM_DEFAULT_AP_CPUS,
                               AM64X_SIM_MAX_AP_CPUS, AM64X_SIM_R5F_CORES,
                               AM64X_SIM_DEFAULT_RAM, "am64x.ddr");
}

static const TypeInfo am64x_sim_types[] = {
    {
        .name = TYPE_AM64X_SIM_MACHINE,
        .parent = TYPE_MACHINE,
        .instance_size = sizeof(Am64xSimState),
        .class_init = am64x_sim_class_init,
    },
};

DEFINE_TYPES(am64x_sim_types)
