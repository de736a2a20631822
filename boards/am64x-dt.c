/*
 * rprocsim am64x-sim: the device-tree nodes of the SoC devices the stock
 * kernel drives for the R5F cores, named, addressed and wired as
 * k3-am64-main.dtsi and k3-am642-evm.dts (Linux 6.12) write them, each
 * following its binding (arm/keystone/ti,sci.yaml,
 * mailbox/ti,secure-proxy.yaml, mailbox/ti,omap-mailbox.yaml,
 * remoteproc/ti,k3-r5f-rproc.yaml). docs/am64x.md lists what differs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/arm/fdt.h"
#include "system/device_tree.h"

#include "hw/rprocsim/boards/am64x-sim.h"

/* include/dt-bindings/soc/ti,sci_pm_domain.h */
#define TI_SCI_PD_EXCLUSIVE     1

/* A TI-SCI provider @name under @parent: @compatible, @cells_name = 2 */
static void am64x_sim_fdt_provider(void *fdt, const char *parent, const char *name,
                                   const char *compatible, const char *cells_name,
                                   uint32_t phandle)
{
    g_autofree char *node = g_strdup_printf("%s/%s", parent, name);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", compatible);
    qemu_fdt_setprop_cell(fdt, node, cells_name, 2);
    qemu_fdt_setprop_cell(fdt, node, "phandle", phandle);
}

/*
 * dmsc: system-controller@44043000, the TI-SCI provider (ti_sci.c probe:
 * ti,host-id, "debug_messages", mboxes "rx" and "tx"), and its power
 * domain, clock and reset providers. Children are prepended: added in
 * reverse so they read as in k3-am64-main.dtsi.
 */
static void am64x_sim_fdt_dmsc(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    g_autofree char *node = g_strdup_printf(AM64X_SIM_FDT_BUS
                                            "/system-controller@%" PRIx64,
                                            (uint64_t)AM64X_SIM_DMSC_DEBUG_BASE);
    const char mbox_names[] = "rx\0tx";

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "ti,k2g-sci");
    qemu_fdt_setprop_cell(fdt, node, "ti,host-id", AM64X_SIM_TISCI_HOST_A53);
    qemu_fdt_setprop(fdt, node, "mbox-names", mbox_names, sizeof(mbox_names));
    qemu_fdt_setprop_cells(fdt, node, "mboxes",
                           s->sproxy_phandle, AM64X_SIM_SPROXY_RX_THREAD,
                           s->sproxy_phandle, AM64X_SIM_SPROXY_TX_THREAD);
    qemu_fdt_setprop_string(fdt, node, "reg-names", "debug_messages");
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, AM64X_SIM_DMSC_DEBUG_BASE,
                                 2, AM64X_SIM_DMSC_DEBUG_SIZE);
    qemu_fdt_setprop_cell(fdt, node, "phandle", s->dmsc_phandle);

    am64x_sim_fdt_provider(fdt, node, "reset-controller", "ti,sci-reset",
                           "#reset-cells", s->reset_phandle);
    am64x_sim_fdt_provider(fdt, node, "clock-controller", "ti,k2g-sci-clk",
                           "#clock-cells", s->clks_phandle);
    am64x_sim_fdt_provider(fdt, node, "power-controller", "ti,sci-pm-domain",
                           "#power-domain-cells", s->pds_phandle);
}

/*
 * dmss: bus@48000000 and secure_proxy_main: mailbox@4d000000 in it
 * (ti-msgmgr.c probe: the three regions by name, "rx_<thread>" for the
 * DMSC's rx thread).
 */
static void am64x_sim_fdt_sproxy(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    const char *bus = AM64X_SIM_FDT_BUS "/bus@48000000";
    g_autofree char *node = g_strdup_printf("%s/mailbox@%" PRIx64, bus,
                                            (uint64_t)AM64X_SIM_SPROXY_DATA_BASE);
    g_autofree char *irq_name = g_strdup_printf("rx_%03d", AM64X_SIM_SPROXY_RX_THREAD);
    const char reg_names[] = "target_data\0rt\0scfg";

    qemu_fdt_add_subnode(fdt, bus);
    qemu_fdt_setprop_string(fdt, bus, "compatible", "simple-bus");
    qemu_fdt_setprop_cell(fdt, bus, "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, bus, "#size-cells", 2);
    qemu_fdt_setprop(fdt, bus, "dma-ranges", NULL, 0);
    qemu_fdt_setprop_sized_cells(fdt, bus, "ranges", 2, 0x48000000, 2, 0x48000000,
                                 2, 0x06400000);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "ti,am654-secure-proxy");
    qemu_fdt_setprop_cell(fdt, node, "#mbox-cells", 1);
    qemu_fdt_setprop(fdt, node, "reg-names", reg_names, sizeof(reg_names));
    qemu_fdt_setprop_sized_cells(fdt, node, "reg",
                                 2, AM64X_SIM_SPROXY_DATA_BASE,
                                 2, AM64X_SIM_SPROXY_REGION_SIZE,
                                 2, AM64X_SIM_SPROXY_RT_BASE,
                                 2, AM64X_SIM_SPROXY_REGION_SIZE,
                                 2, AM64X_SIM_SPROXY_SCFG_BASE,
                                 2, AM64X_SIM_SPROXY_REGION_SIZE);
    qemu_fdt_setprop_string(fdt, node, "interrupt-names", irq_name);
    qemu_fdt_setprop_cells(fdt, node, "interrupts", GIC_FDT_IRQ_TYPE_SPI,
                           AM64X_SIM_SPROXY_RX_SPI, GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop_cell(fdt, node, "phandle", s->sproxy_phandle);
}

/*
 * mailbox0_cluster2: mailbox@29020000, with Linux's two users' interrupts
 * and one sub-mailbox per core (k3-am642-evm.dts): Linux's user receives
 * from the core's rx FIFO and sends on its tx FIFO, both signalled on the
 * node's first interrupt. omap-mailbox.c matches a channel to the mboxes
 * argument by the sub-mailbox node's name.
 */
static void am64x_sim_fdt_mailbox(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    g_autofree char *node = g_strdup_printf(AM64X_SIM_FDT_BUS "/mailbox@%" PRIx64,
                                            (uint64_t)AM64X_SIM_MBOX_BASE);

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "ti,am64-mailbox");
    qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, AM64X_SIM_MBOX_BASE,
                                 2, AM64X_SIM_MBOX_SIZE);
    qemu_fdt_setprop_cells(fdt, node, "interrupts",
                           GIC_FDT_IRQ_TYPE_SPI, AM64X_SIM_MBOX_SPI_BASE,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI,
                           GIC_FDT_IRQ_TYPE_SPI, AM64X_SIM_MBOX_SPI_BASE + 1,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop_cell(fdt, node, "#mbox-cells", 1);
    qemu_fdt_setprop_cell(fdt, node, "ti,mbox-num-users", AM64X_SIM_MBOX_USERS);
    qemu_fdt_setprop_cell(fdt, node, "ti,mbox-num-fifos", AM64X_SIM_MBOX_FIFOS);
    qemu_fdt_setprop_cell(fdt, node, "phandle", s->mbox_phandle);

    for (int i = s->board->count - 1; i >= 0; i--) {
        Am64xSimCore *c = &s->core[i];
        g_autofree char *child = g_strdup_printf("%s/mbox-main-r5fss0-core%d", node, i);

        qemu_fdt_add_subnode(fdt, child);
        qemu_fdt_setprop_cells(fdt, child, "ti,mbox-rx", c->desc->mbox_rx_fifo, 0,
                               AM64X_SIM_MBOX_LINUX_USER);
        qemu_fdt_setprop_cells(fdt, child, "ti,mbox-tx", c->desc->mbox_tx_fifo, 0,
                               AM64X_SIM_MBOX_LINUX_USER);
        qemu_fdt_setprop_cell(fdt, child, "phandle", c->mbox_phandle);
    }
}

/* main_r5fss0_coreN: r5f@<atcm> (ti_k3_r5_remoteproc.c k3_r5_core_of_init()) */
static void am64x_sim_fdt_r5f(Am64xSimState *s, const char *cluster,
                              const Am64xSimCore *c)
{
    void *fdt = MACHINE(s)->fdt;
    const RprocsimSubsys *d = c->desc;
    g_autofree char *node = g_strdup_printf("%s/%s@%" PRIx64, cluster,
                                            d->node_name, d->reg_base);
    const char reg_names[] = "atcm\0btcm";

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", d->compatible);
    qemu_fdt_setprop_cells(fdt, node, "reg", d->reg_base, d->reg_size,
                           d->btcm_base, d->btcm_size);
    qemu_fdt_setprop(fdt, node, "reg-names", reg_names, sizeof(reg_names));
    qemu_fdt_setprop_cell(fdt, node, "ti,sci", s->dmsc_phandle);
    qemu_fdt_setprop_cell(fdt, node, "ti,sci-dev-id", d->sci_dev_id);
    qemu_fdt_setprop_cells(fdt, node, "ti,sci-proc-ids", d->sci_proc_id, 0xff);
    qemu_fdt_setprop_cells(fdt, node, "resets", s->reset_phandle, d->sci_dev_id, 1);
    qemu_fdt_setprop_string(fdt, node, "firmware-name", d->firmware_name);
    qemu_fdt_setprop_cell(fdt, node, "ti,atcm-enable", 1);
    qemu_fdt_setprop_cell(fdt, node, "ti,btcm-enable", 1);
    qemu_fdt_setprop_cell(fdt, node, "ti,loczrama", 1);
    qemu_fdt_setprop_cells(fdt, node, "mboxes", s->mbox_phandle, c->mbox_phandle);
    qemu_fdt_setprop_cells(fdt, node, "memory-region", c->dma_pool_phandle,
                           c->carveout_phandle);
}

/*
 * main_r5fss0: r5fss@78000000 in split mode, its one-cell children
 * translated through ranges (one per TCM) into cbass_main's two cells.
 */
static void am64x_sim_fdt_r5fss(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    g_autofree char *node = g_strdup_printf(AM64X_SIM_FDT_BUS "/r5fss@%" PRIx64,
                                            s->core[0].desc->reg_base);
    uint32_t ranges[4 * 4 * AM64X_SIM_R5F_CORES];
    unsigned n = 0;

    for (unsigned i = 0; i < s->board->count; i++) {
        const RprocsimSubsys *d = s->core[i].desc;
        const uint64_t tcm[2][2] = { { d->reg_base, d->reg_size },
                                     { d->btcm_base, d->btcm_size } };

        for (unsigned t = 0; t < 2; t++) {
            ranges[n++] = cpu_to_be32(tcm[t][0]);
            ranges[n++] = cpu_to_be32(tcm[t][0] >> 32);
            ranges[n++] = cpu_to_be32(tcm[t][0]);
            ranges[n++] = cpu_to_be32(tcm[t][1]);
        }
    }

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "ti,am64-r5fss");
    qemu_fdt_setprop_cell(fdt, node, "ti,cluster-mode", 0);
    qemu_fdt_setprop_cell(fdt, node, "#address-cells", 1);
    qemu_fdt_setprop_cell(fdt, node, "#size-cells", 1);
    qemu_fdt_setprop(fdt, node, "ranges", ranges, n * sizeof(ranges[0]));
    qemu_fdt_setprop_cells(fdt, node, "power-domains", s->pds_phandle,
                           AM64X_SIM_SCI_DEV_R5FSS0, TI_SCI_PD_EXCLUSIVE);
    for (int i = s->board->count - 1; i >= 0; i--) {
        am64x_sim_fdt_r5f(s, node, &s->core[i]);
    }
}

void am64x_sim_fdt_devices(Am64xSimState *s)
{
    void *fdt = MACHINE(s)->fdt;

    /* the nodes refer to each other: their phandles first */
    s->dmsc_phandle = qemu_fdt_alloc_phandle(fdt);
    s->sproxy_phandle = qemu_fdt_alloc_phandle(fdt);
    s->mbox_phandle = qemu_fdt_alloc_phandle(fdt);
    s->pds_phandle = qemu_fdt_alloc_phandle(fdt);
    s->clks_phandle = qemu_fdt_alloc_phandle(fdt);
    s->reset_phandle = qemu_fdt_alloc_phandle(fdt);
    for (unsigned i = 0; i < s->board->count; i++) {
        s->core[i].mbox_phandle = qemu_fdt_alloc_phandle(fdt);
    }

    /* prepended: the reverse of k3-am64-main.dtsi's order */
    am64x_sim_fdt_r5fss(s);
    am64x_sim_fdt_mailbox(s);
    am64x_sim_fdt_dmsc(s);
    am64x_sim_fdt_sproxy(s);
}
