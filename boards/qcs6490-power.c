/*
 * rprocsim qcs6490-sim: power plumbing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/error-report.h"
#include "qapi/error.h"
#include "hw/arm/fdt.h"
#include "hw/loader.h"
#include "hw/misc/unimp.h"
#include "hw/sysbus.h"
#include "system/device_tree.h"

#include "hw/rprocsim/boards/qcs6490-sim.h"
#include "hw/rprocsim/hw/aoss-qmp.h"
#include "hw/rprocsim/hw/rpmh-rsc.h"
#include "hw/rprocsim/models/cmd-db.h"

/* OPP levels of the rpmhpd table (sc7280.dtsi rpmhpd_opp_table) */
static const uint32_t qcs6490_sim_rpmhpd_levels[] = {
    16, 64, 128, 192, 224, 256, 320, 384, 416,
};

/*
 * Power plumbing: cmd-db (written at reset), the RPMh RSC with the rpmhpd
 * and rpmhcc children the PAS nodes take their domains and xo clock from,
 * and AOSS QMP. Divergences from sc7280.dtsi (docs/machine.md): no
 * power-domains on apps_rsc (QEMU's PSCI has no OS-initiated mode), no
 * bcm-voter and no interconnect providers.
 */
void qcs6490_sim_create_power(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;
    const char *rsc = "/soc@0/rsc@18200000";
    const char *rpmhpd = "/soc@0/rsc@18200000/power-controller";
    const char *opps = "/soc@0/rsc@18200000/power-controller/opp-table";
    const char *rpmhcc = "/soc@0/rsc@18200000/clock-controller";
    const char *aoss = "/soc@0/power-management@c300000";
    const char rsc_names[] = "drv-0\0drv-1\0drv-2";
    const char aoss_compat[] = "qcom,sc7280-aoss-qmp\0qcom,aoss-qmp";
    hwaddr drv2 = QCS6490_SIM_RSC_BASE + QCS6490_SIM_RSC_DRV * RPMH_RSC_DRV_SIZE;
    const CmdDbEntry *db;
    unsigned db_count;
    g_autofree uint8_t *blob = g_malloc(QCS6490_SIM_CMD_DB_SIZE);
    char err[128];
    uint32_t opp_phandle;
    DeviceState *dev;

    /* cmd-db: the AOP's table of RPMh resources, in its carveout at reset */
    db = cmd_db_sc7280(&db_count);
    if (!cmd_db_build(blob, QCS6490_SIM_CMD_DB_SIZE, db, db_count, err, sizeof(err))) {
        error_report("qcs6490-sim: cmd-db: %s", err);
        exit(1);
    }
    rom_add_blob_fixed("qcs6490.cmd-db", blob, QCS6490_SIM_CMD_DB_SIZE,
                       QCS6490_SIM_CMD_DB_BASE);

    /* RSC: drv-2 modelled, drv-0/1 present but unused by Linux */
    dev = qdev_new(TYPE_RPROCSIM_RPMH_RSC);
    object_property_add_child(OBJECT(s), "rpmh-rsc", OBJECT(dev));
    rprocsim_rpmh_rsc_set_cmd_db(RPROCSIM_RPMH_RSC(dev), db, db_count);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, drv2);
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0,
                       qdev_get_gpio_in(s->gic, QCS6490_SIM_RSC_SPI_BASE +
                                        QCS6490_SIM_RSC_DRV));
    create_unimplemented_device("qcom.rsc-drv0-1", QCS6490_SIM_RSC_BASE,
                                QCS6490_SIM_RSC_DRV * RPMH_RSC_DRV_SIZE);

    qemu_fdt_add_subnode(fdt, rsc);
    qemu_fdt_setprop_string(fdt, rsc, "compatible", "qcom,rpmh-rsc");
    qemu_fdt_setprop_sized_cells(fdt, rsc, "reg",
                                 2, QCS6490_SIM_RSC_BASE, 2, RPMH_RSC_DRV_SIZE,
                                 2, QCS6490_SIM_RSC_BASE + RPMH_RSC_DRV_SIZE,
                                 2, RPMH_RSC_DRV_SIZE,
                                 2, drv2, 2, RPMH_RSC_DRV_SIZE);
    qemu_fdt_setprop(fdt, rsc, "reg-names", rsc_names, sizeof(rsc_names));
    qemu_fdt_setprop_cells(fdt, rsc, "interrupts",
                           GIC_FDT_IRQ_TYPE_SPI, QCS6490_SIM_RSC_SPI_BASE,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI,
                           GIC_FDT_IRQ_TYPE_SPI, QCS6490_SIM_RSC_SPI_BASE + 1,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI,
                           GIC_FDT_IRQ_TYPE_SPI, QCS6490_SIM_RSC_SPI_BASE + 2,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop_cell(fdt, rsc, "qcom,tcs-offset", RSC_TCS_BASE);
    qemu_fdt_setprop_cell(fdt, rsc, "qcom,drv-id", QCS6490_SIM_RSC_DRV);
    /* <ACTIVE 2>, <SLEEP 3>, <WAKE 3>, <CONTROL 1> (dt-bindings/soc/qcom,rpmh-rsc.h) */
    qemu_fdt_setprop_cells(fdt, rsc, "qcom,tcs-config", 2, RSC_NUM_ACTIVE,
                           0, RSC_NUM_SLEEP, 1, 3, 3, 1);
    qemu_fdt_setprop_string(fdt, rsc, "label", "apps_rsc");

    qemu_fdt_add_subnode(fdt, rpmhcc);
    qemu_fdt_setprop_string(fdt, rpmhcc, "compatible", "qcom,sc7280-rpmh-clk");
    qemu_fdt_setprop_cell(fdt, rpmhcc, "clocks", s->xo_phandle);
    qemu_fdt_setprop_string(fdt, rpmhcc, "clock-names", "xo");
    qemu_fdt_setprop_cell(fdt, rpmhcc, "#clock-cells", 1);
    s->rpmhcc_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, rpmhcc, "phandle", s->rpmhcc_phandle);

    qemu_fdt_add_subnode(fdt, rpmhpd);
    qemu_fdt_setprop_string(fdt, rpmhpd, "compatible", "qcom,sc7280-rpmhpd");
    qemu_fdt_setprop_cell(fdt, rpmhpd, "#power-domain-cells", 1);
    qemu_fdt_add_subnode(fdt, opps);
    qemu_fdt_setprop_string(fdt, opps, "compatible", "operating-points-v2");
    for (int i = ARRAY_SIZE(qcs6490_sim_rpmhpd_levels) - 1; i >= 0; i--) {
        g_autofree char *opp = g_strdup_printf("%s/opp%d", opps, i + 1);

        qemu_fdt_add_subnode(fdt, opp);
        qemu_fdt_setprop_cell(fdt, opp, "opp-level", qcs6490_sim_rpmhpd_levels[i]);
    }
    opp_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, opps, "phandle", opp_phandle);
    qemu_fdt_setprop_cell(fdt, rpmhpd, "operating-points-v2", opp_phandle);
    s->rpmhpd_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, rpmhpd, "phandle", s->rpmhpd_phandle);

    /* AOSS QMP, with the AOP answering through its IPCC frame */
    dev = qdev_new(TYPE_RPROCSIM_AOSS_QMP);
    object_property_add_child(OBJECT(s), "aoss-qmp", OBJECT(dev));
    object_property_set_link(OBJECT(dev), "ipcc", OBJECT(s->ipcc), &error_abort);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, QCS6490_SIM_AOSS_QMP_BASE);
    sysbus_connect_irq(SYS_BUS_DEVICE(s->ipcc), IPCC_CLIENT_AOP,
                       qdev_get_gpio_in_named(dev, "doorbell", 0));
    qemu_fdt_add_subnode(fdt, aoss);
    qemu_fdt_setprop(fdt, aoss, "compatible", aoss_compat, sizeof(aoss_compat));
    qemu_fdt_setprop_sized_cells(fdt, aoss, "reg", 2, QCS6490_SIM_AOSS_QMP_BASE,
                                 2, AOSS_MSGRAM_SIZE);
    qemu_fdt_setprop_cells(fdt, aoss, "interrupts-extended", s->ipcc_phandle,
                           IPCC_CLIENT_AOP, IPCC_SIGNAL_GLINK_QMP,
                           1 /* IRQ_TYPE_EDGE_RISING */);
    qemu_fdt_setprop_cells(fdt, aoss, "mboxes", s->ipcc_phandle, IPCC_CLIENT_AOP,
                           IPCC_SIGNAL_GLINK_QMP);
    qemu_fdt_setprop_cell(fdt, aoss, "#clock-cells", 0);
    s->aoss_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, aoss, "phandle", s->aoss_phandle);

    /*
     * The agent UART stands for a QUP serial engine, which on sc7280 sits in
     * the CX domain: it votes CX when its driver binds.
     */
    qemu_fdt_setprop_cells(fdt, "/soc@0/serial@998000", "power-domains",
                           s->rpmhpd_phandle, QCS6490_SIM_RPMHPD_CX);
}
