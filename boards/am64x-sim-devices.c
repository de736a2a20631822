/*
 * rprocsim am64x-sim: the SoC devices behind the R5F cores, created and
 * wired at the addresses and interrupts of include/rprocsim/am64x-map.h:
 * mailbox cluster 2 (hw/k3-mailbox.c), one R5F core per descriptor
 * (hw/k3-r5f.c), the DMSC answering TI-SCI (hw/ti-sci.c) and the secure
 * proxy carrying its messages (hw/k3-sec-proxy.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/sysbus.h"
#include "chardev/char.h"
#include "target/arm/cpu.h"

#include "hw/rprocsim/boards/am64x-sim.h"
#include "hw/rprocsim/hw/k3-mailbox.h"
#include "hw/rprocsim/hw/k3-r5f.h"
#include "hw/rprocsim/hw/k3-sec-proxy.h"
#include "hw/rprocsim/hw/ti-sci.h"
#include "hw/rprocsim/trace.h"

/*
 * R5F core @i from its descriptor: its own CPU cluster (i + 1) and an MPIDR
 * no PSCI call of the A53s reaches (as the qcs6490-sim stand-ins), DDR and
 * the mailbox @mbox_mr in its address space, its TCMs at their SoC
 * addresses, and its mailbox user's interrupt as its IRQ.
 * /machine/<name> (e.g. /machine/r5f0_0); chardev "<name>-uart", if the
 * user made one, is its debug UART.
 */
static void am64x_sim_create_core(Am64xSimState *s, unsigned i, MemoryRegion *mbox_mr)
{
    MachineState *ms = MACHINE(s);
    Am64xSimCore *c = &s->core[i];
    const RprocsimSubsys *d = c->desc;
    g_autofree char *chr_id = g_strdup_printf("%s-uart", d->name);
    uint64_t mpidr = (uint64_t)(0x80 + i) << ARM_AFF2_SHIFT;
    /* the core reads Linux's tx FIFO and writes Linux's rx FIFO */
    uint32_t mbox = d->mbox_core_user << K3_R5F_CTL_MBOX_USER_SHIFT |
                    d->mbox_tx_fifo << K3_R5F_CTL_MBOX_RX_SHIFT |
                    d->mbox_rx_fifo << K3_R5F_CTL_MBOX_TX_SHIFT;
    SysBusDevice *sbd;

    c->dev = qdev_new(TYPE_RPROCSIM_K3_R5F);
    object_property_add_child(OBJECT(s), d->name, OBJECT(c->dev));
    qdev_prop_set_string(c->dev, "name", d->name);
    qdev_prop_set_uint32(c->dev, "core-index", i);
    qdev_prop_set_uint32(c->dev, "cluster-id", i + 1);
    qdev_prop_set_uint64(c->dev, "mp-affinity", mpidr);
    qdev_prop_set_uint32(c->dev, "atcm-size", d->reg_size);
    qdev_prop_set_uint32(c->dev, "btcm-size", d->btcm_size);
    qdev_prop_set_uint32(c->dev, "sci-dev-id", d->sci_dev_id);
    qdev_prop_set_uint32(c->dev, "sci-proc-id", d->sci_proc_id);
    qdev_prop_set_uint32(c->dev, "mbox", mbox);
    object_property_set_link(OBJECT(c->dev), "ram", OBJECT(ms->ram), &error_abort);
    qdev_prop_set_uint64(c->dev, "ram-base", AM64X_SIM_DRAM_BASE);
    object_property_set_link(OBJECT(c->dev), "mailbox", OBJECT(mbox_mr), &error_abort);
    qdev_prop_set_uint64(c->dev, "mailbox-base", AM64X_SIM_MBOX_BASE);
    qdev_prop_set_chr(c->dev, "chardev", qemu_chr_find(chr_id));
    sbd = SYS_BUS_DEVICE(c->dev);
    sysbus_realize_and_unref(sbd, &error_fatal);
    sysbus_mmio_map(sbd, 0, d->reg_base);
    sysbus_mmio_map(sbd, 1, d->btcm_base);
    sysbus_connect_irq(SYS_BUS_DEVICE(s->mbox), d->mbox_core_user,
                       qdev_get_gpio_in(c->dev, 0));
    trace_rprocsim_am64x_core(d->name, i + 1, mpidr, d->reg_base, d->btcm_base);
}

/*
 * Mailbox cluster 2, Linux's users (2, 3) to their GIC SPIs; the cores'
 * users go to the cores, in am64x_sim_create_core().
 */
static void am64x_sim_create_mailbox(Am64xSimState *s)
{
    SysBusDevice *sbd;

    s->mbox = qdev_new(TYPE_RPROCSIM_K3_MAILBOX);
    object_property_add_child(OBJECT(s), "mailbox0-cluster2", OBJECT(s->mbox));
    qdev_prop_set_uint32(s->mbox, "num-users", AM64X_SIM_MBOX_USERS);
    qdev_prop_set_uint32(s->mbox, "num-fifos", AM64X_SIM_MBOX_FIFOS);
    sbd = SYS_BUS_DEVICE(s->mbox);
    sysbus_realize_and_unref(sbd, &error_fatal);
    sysbus_mmio_map(sbd, 0, AM64X_SIM_MBOX_BASE);
    for (unsigned u = AM64X_SIM_MBOX_LINUX_USER; u < AM64X_SIM_MBOX_USERS; u++) {
        sysbus_connect_irq(sbd, u, qdev_get_gpio_in(s->gic, AM64X_SIM_MBOX_SPI_BASE +
                                                    u - AM64X_SIM_MBOX_LINUX_USER));
    }
}

/* The DMSC, linked to the cores, its debug_messages window at its SoC address */
static void am64x_sim_create_dmsc(Am64xSimState *s)
{
    SysBusDevice *sbd;

    s->dmsc = qdev_new(TYPE_RPROCSIM_TI_SCI);
    object_property_add_child(OBJECT(s), "dmsc", OBJECT(s->dmsc));
    qdev_prop_set_uint8(s->dmsc, "host-id", AM64X_SIM_TISCI_HOST_A53);
    qdev_prop_set_uint32(s->dmsc, "cluster-dev-id", AM64X_SIM_SCI_DEV_R5FSS0);
    for (unsigned i = 0; i < s->board->count; i++) {
        g_autofree char *link = g_strdup_printf("r5f0-%u", i);

        object_property_set_link(OBJECT(s->dmsc), link, OBJECT(s->core[i].dev),
                                 &error_abort);
    }
    sbd = SYS_BUS_DEVICE(s->dmsc);
    sysbus_realize_and_unref(sbd, &error_fatal);
    sysbus_mmio_map(sbd, 0, AM64X_SIM_DMSC_DEBUG_BASE);
}

/* The secure proxy: its three regions, the rx thread's interrupt, the DMSC behind it */
static void am64x_sim_create_sproxy(Am64xSimState *s)
{
    static const hwaddr base[] = { AM64X_SIM_SPROXY_DATA_BASE, AM64X_SIM_SPROXY_RT_BASE,
                                   AM64X_SIM_SPROXY_SCFG_BASE };
    SysBusDevice *sbd;

    s->sproxy = qdev_new(TYPE_RPROCSIM_K3_SEC_PROXY);
    object_property_add_child(OBJECT(s), "secure-proxy", OBJECT(s->sproxy));
    qdev_prop_set_uint32(s->sproxy, "rx-thread", AM64X_SIM_SPROXY_RX_THREAD);
    qdev_prop_set_uint32(s->sproxy, "tx-thread", AM64X_SIM_SPROXY_TX_THREAD);
    object_property_set_link(OBJECT(s->sproxy), "dmsc", OBJECT(s->dmsc), &error_abort);
    sbd = SYS_BUS_DEVICE(s->sproxy);
    sysbus_realize_and_unref(sbd, &error_fatal);
    for (unsigned r = 0; r < ARRAY_SIZE(base); r++) {
        sysbus_mmio_map(sbd, r, base[r]);
    }
    sysbus_connect_irq(sbd, 0, qdev_get_gpio_in(s->gic, AM64X_SIM_SPROXY_RX_SPI));
}

/*
 * In this order: the mailbox (the cores map it), the cores (the DMSC links
 * them), the DMSC (the secure proxy links it), the secure proxy.
 */
void am64x_sim_create_devices(Am64xSimState *s)
{
    MemoryRegion *mbox_mr;

    am64x_sim_create_mailbox(s);
    mbox_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->mbox), 0);
    for (unsigned i = 0; i < s->board->count; i++) {
        am64x_sim_create_core(s, i, mbox_mr);
    }
    am64x_sim_create_dmsc(s);
    am64x_sim_create_sproxy(s);
}
