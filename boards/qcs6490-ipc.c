/*
 * rprocsim qcs6490-sim: shared memory and its plumbing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qapi/error.h"
#include "hw/arm/fdt.h"
#include "hw/loader.h"
#include "hw/sysbus.h"
#include "system/device_tree.h"

#include "hw/rprocsim/boards/qcs6490-sim.h"
#include "hw/rprocsim/hw/tcsr-mutex.h"
#include "hw/rprocsim/models/smem-image.h"

/*
 * Shared memory and its plumbing: the TCSR mutex, SMEM (written at every
 * reset, as a bootloader would, with the global partition and one per
 * subsystem), IPCC and one SMP2P edge per subsystem (sc7280.dtsi
 * smp2p-adsp/-cdsp/-wpss).
 */
void qcs6490_sim_create_ipc(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;
    const char *mutex = "/soc@0/hwlock@1f40000";
    const char *ipcc = "/soc@0/mailbox@408000";
    const char ipcc_compat[] = "qcom,sc7280-ipcc\0qcom,ipcc";
    SmemPartSpec parts[1 + QCS6490_SIM_STANDIN_CORES] = {
        { SMEM_GLOBAL_HOST, SMEM_GLOBAL_HOST, QCS6490_SIM_SMEM_GLOBAL_OFFSET,
          QCS6490_SIM_SMEM_GLOBAL_SIZE },
    };
    SmemLayout layout = {
        .base = QCS6490_SIM_SMEM_BASE,
        .size = QCS6490_SIM_SMEM_SIZE,
        .num_items = QCS6490_SIM_SMEM_ITEMS,
        .parts = parts,
        .nparts = 1 + s->board->count,
    };
    g_autofree uint8_t *smem = g_malloc(QCS6490_SIM_SMEM_SIZE);
    char err[128];
    DeviceState *dev;

    /* TCSR mutex */
    dev = qdev_new(TYPE_RPROCSIM_TCSR_MUTEX);
    s->mutex = dev;
    object_property_add_child(OBJECT(s), "tcsr-mutex", OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, QCS6490_SIM_MUTEX_BASE);
    qemu_fdt_add_subnode(fdt, mutex);
    qemu_fdt_setprop_string(fdt, mutex, "compatible", "qcom,tcsr-mutex");
    qemu_fdt_setprop_sized_cells(fdt, mutex, "reg", 2, QCS6490_SIM_MUTEX_BASE,
                                 2, TCSR_MUTEX_SIZE);
    qemu_fdt_setprop_cell(fdt, mutex, "#hwlock-cells", 1);
    s->mutex_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, mutex, "phandle", s->mutex_phandle);

    /* SMEM: the image goes back into its carveout on every reset */
    for (unsigned i = 0; i < s->board->count; i++) {
        const RprocsimSubsys *d = &s->board->subsys[i];

        parts[1 + i] = (SmemPartSpec){ SMEM_HOST_APPS, d->smem_host,
                                       d->smem_part_offset, d->smem_part_size };
    }
    if (!smem_image_build(smem, &layout, err, sizeof(err))) {
        error_report("qcs6490-sim: SMEM layout: %s", err);
        exit(1);
    }
    rom_add_blob_fixed("qcs6490.smem", smem, QCS6490_SIM_SMEM_SIZE,
                       QCS6490_SIM_SMEM_BASE);
    qemu_fdt_add_subnode(fdt, "/smem");
    qemu_fdt_setprop_string(fdt, "/smem", "compatible", "qcom,smem");
    qemu_fdt_setprop_cell(fdt, "/smem", "memory-region",
                          s->smem_phandle);
    qemu_fdt_setprop_cells(fdt, "/smem", "hwlocks", s->mutex_phandle,
                           QCS6490_SIM_SMEM_HWLOCK);

    /* IPCC: Linux's frame in the DT, every client's frame in the model */
    dev = qdev_new(TYPE_RPROCSIM_IPCC);
    s->ipcc = RPROCSIM_IPCC(dev);
    object_property_add_child(OBJECT(s), "ipcc", OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, QCS6490_SIM_IPCC_BASE);
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), IPCC_CLIENT_APSS,
                       qdev_get_gpio_in(s->gic, QCS6490_SIM_IPCC_SPI));
    qemu_fdt_add_subnode(fdt, ipcc);
    qemu_fdt_setprop(fdt, ipcc, "compatible", ipcc_compat, sizeof(ipcc_compat));
    qemu_fdt_setprop_sized_cells(fdt, ipcc, "reg", 2, QCS6490_SIM_IPCC_APSS_FRAME,
                                 2, IPCC_FRAME_SIZE);
    qemu_fdt_setprop_cells(fdt, ipcc, "interrupts", GIC_FDT_IRQ_TYPE_SPI,
                           QCS6490_SIM_IPCC_SPI, GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop(fdt, ipcc, "interrupt-controller", NULL, 0);
    qemu_fdt_setprop_cell(fdt, ipcc, "#interrupt-cells", 3);
    qemu_fdt_setprop_cell(fdt, ipcc, "#mbox-cells", 2);
    s->ipcc_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, ipcc, "phandle", s->ipcc_phandle);

    /* SMP2P edges */
    for (unsigned i = 0; i < s->board->count; i++) {
        const RprocsimSubsys *e = &s->board->subsys[i];
        g_autofree char *node = g_strdup_printf("/smp2p-%s", e->name);
        g_autofree char *out = g_strdup_printf("%s/master-kernel", node);
        g_autofree char *in = g_strdup_printf("%s/slave-kernel", node);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "compatible", "qcom,smp2p");
        qemu_fdt_setprop_cells(fdt, node, "qcom,smem", e->smp2p_in_item,
                               e->smp2p_out_item);
        qemu_fdt_setprop_cells(fdt, node, "interrupts-extended", s->ipcc_phandle,
                               e->ipcc_client, IPCC_SIGNAL_SMP2P,
                               1 /* IRQ_TYPE_EDGE_RISING */);
        qemu_fdt_setprop_cells(fdt, node, "mboxes", s->ipcc_phandle,
                               e->ipcc_client, IPCC_SIGNAL_SMP2P);
        qemu_fdt_setprop_cell(fdt, node, "qcom,local-pid", 0);
        qemu_fdt_setprop_cell(fdt, node, "qcom,remote-pid", e->smem_host);

        qemu_fdt_add_subnode(fdt, out);
        qemu_fdt_setprop_string(fdt, out, "qcom,entry-name", "master-kernel");
        qemu_fdt_setprop_cell(fdt, out, "#qcom,smem-state-cells", 1);
        s->ss[i].smp2p_out_phandle = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, out, "phandle", s->ss[i].smp2p_out_phandle);
        qemu_fdt_add_subnode(fdt, in);
        qemu_fdt_setprop_string(fdt, in, "qcom,entry-name", "slave-kernel");
        qemu_fdt_setprop(fdt, in, "interrupt-controller", NULL, 0);
        qemu_fdt_setprop_cell(fdt, in, "#interrupt-cells", 2);
        s->ss[i].smp2p_in_phandle = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, in, "phandle", s->ss[i].smp2p_in_phandle);
        if (e->smp2p_wlan) {
            g_autofree char *wout = g_strdup_printf("%s/wlan-ap-to-wpss", node);
            g_autofree char *win = g_strdup_printf("%s/wlan-wpss-to-ap", node);

            qemu_fdt_add_subnode(fdt, wout);
            qemu_fdt_setprop_string(fdt, wout, "qcom,entry-name", "wlan");
            qemu_fdt_setprop_cell(fdt, wout, "#qcom,smem-state-cells", 1);
            qemu_fdt_add_subnode(fdt, win);
            qemu_fdt_setprop_string(fdt, win, "qcom,entry-name", "wlan");
            qemu_fdt_setprop(fdt, win, "interrupt-controller", NULL, 0);
            qemu_fdt_setprop_cell(fdt, win, "#interrupt-cells", 2);
        }
    }
}
