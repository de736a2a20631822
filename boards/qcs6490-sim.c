/*
 * rprocsim qcs6490-sim: a QEMU machine shaped like the Qualcomm QCS6490
 * (sc7280) of an RB3 Gen2 board, on which the stock Debian arm64 kernel
 * boots and drives simulated remote processors.
 *
 * This file wires and describes: CPUs, GICv3, timer, console, DRAM and the
 * reserved-memory carveouts, and the generated device tree. Protocol logic
 * lives in the device models under hw/ and models/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/error-report.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "hw/arm/boot.h"
#include "hw/arm/bsa.h"
#include "hw/arm/fdt.h"
#include "hw/char/pl011.h"
#include "hw/arm/armv7m.h"
#include "hw/clock.h"
#include "hw/cpu/cluster.h"
#include "hw/qdev-clock.h"
#include "chardev/char.h"
#include "hw/intc/arm_gicv3.h"
#include "hw/misc/unimp.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "qobject/qlist.h"
#include "exec/address-spaces.h"
#include "system/device_tree.h"
#include "system/system.h"
#include "target/arm/cpu.h"
#include <libfdt.h>

#include "hw/rprocsim/boards/qcs6490-sim.h"
#include "hw/rprocsim/hw/aoss-qmp.h"
#include "hw/rprocsim/hw/ipcc.h"
#include "hw/rprocsim/hw/q6ss.h"
#include "hw/rprocsim/hw/rpmh-rsc.h"
#include "hw/rprocsim/hw/tcsr-mutex.h"
#include "hw/rprocsim/hw/trustzone.h"
#include "hw/rprocsim/models/cmd-db.h"
#include "hw/rprocsim/models/smem-image.h"
#include "hw/loader.h"
#include "hw/rprocsim/trace.h"

OBJECT_DECLARE_SIMPLE_TYPE(Qcs6490SimState, QCS6490_SIM_MACHINE)

struct Qcs6490SimState {
    MachineState parent_obj;

    CPUClusterState apss;       /* application processor cores, cluster 0 */
    DeviceState *gic;
    RprocsimTzState *tz;
    struct arm_boot_info bootinfo;
    uint32_t gic_phandle;
    uint32_t xo_phandle;
    uint32_t ipcc_phandle;
    uint32_t mutex_phandle;
    uint32_t rpmhpd_phandle;
    uint32_t rpmhcc_phandle;
    uint32_t aoss_phandle;
    uint32_t smp2p_out_phandle[3];      /* per qcs6490_sim_smp2p entry */
    uint32_t smp2p_in_phandle[3];
    uint32_t carveout_phandle[5];
    RprocsimIpccState *ipcc;
    DeviceState *mutex;

    /* subsystems: stand-in core, its address space, its Q6SS block */
    unsigned n_ap;
    Clock *standin_clk;
    CPUClusterState ss_cluster[QCS6490_SIM_STANDIN_CORES];
    ARMv7MState ss_core[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_space[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_carveout[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_smem[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_ipcc[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_mutex[QCS6490_SIM_STANDIN_CORES];
    MemoryRegion ss_q6ss[QCS6490_SIM_STANDIN_CORES];
    RprocsimQ6ssState *q6ss[QCS6490_SIM_STANDIN_CORES];
};

static const Qcs6490SimCarveout qcs6490_sim_carveouts[] = {
    { "aop-cmd-db", QCS6490_SIM_CMD_DB_BASE, QCS6490_SIM_CMD_DB_SIZE, "qcom,cmd-db" },
    { "smem", QCS6490_SIM_SMEM_BASE, QCS6490_SIM_SMEM_SIZE },
    { "wpss", QCS6490_SIM_WPSS_MEM_BASE, QCS6490_SIM_WPSS_MEM_SIZE },
    { "adsp", QCS6490_SIM_ADSP_MEM_BASE, QCS6490_SIM_ADSP_MEM_SIZE },
    { "cdsp", QCS6490_SIM_CDSP_MEM_BASE, QCS6490_SIM_CDSP_MEM_SIZE },
};

/* SMEM partitions (offsets from the SMEM base) */
static const SmemPartSpec qcs6490_sim_smem_parts[] = {
    { SMEM_GLOBAL_HOST, SMEM_GLOBAL_HOST, 0x004000, 0x100000 },
    { 0, 2, 0x104000, 0x20000 },        /* adsp */
    { 0, 5, 0x124000, 0x20000 },        /* cdsp */
    { 0, 13, 0x144000, 0x20000 },       /* wpss */
};

/* One SMP2P edge per subsystem (sc7280.dtsi smp2p-adsp/-cdsp/-wpss) */
typedef struct Qcs6490SimSmp2p {
    const char *name;
    uint32_t in_item, out_item;     /* Linux's view: inbound is what the remote writes */
    uint32_t remote_pid;
    uint32_t ipcc_client;
    bool wlan;                      /* WPSS also carries the ath11k "wlan" entries */
} Qcs6490SimSmp2p;

static const Qcs6490SimSmp2p qcs6490_sim_smp2p[] = {
    { "adsp", 443, 429, 2, IPCC_CLIENT_LPASS, false },
    { "cdsp", 94, 432, 5, IPCC_CLIENT_CDSP, false },
    { "wpss", 617, 616, 13, IPCC_CLIENT_WPSS, true },
};

/*
 * The subsystems, in the order of qcs6490_sim_pas: where their Q6SS block
 * sits (the remoteproc nodes' addresses), their SMEM host, IPCC client,
 * SMP2P items, crash reason item and watchdog SPI (sc7280.dtsi; the aDSP's
 * goes straight to the GIC instead of through PDC pin 6).
 */
typedef struct Qcs6490SimSubsys {
    const char *name;
    hwaddr q6ss_base;
    uint32_t reg_size;              /* of the remoteproc node */
    uint32_t host_id, ipcc_client, out_item, in_item, crash_item;
    int wdog_spi;
    const char *compatible;         /* the PAS node */
    const char *pd_names[2];        /* and its power domains */
    uint32_t pds[2];                /* rpmhpd indices */
} Qcs6490SimSubsys;

/* rpmhpd indices (include/dt-bindings/power/qcom,rpmhpd.h) */
#define RPMHPD_CX   0
#define RPMHPD_MX   4
#define RPMHPD_LMX  6
#define RPMHPD_LCX  7

static const Qcs6490SimSubsys qcs6490_sim_subsys[QCS6490_SIM_STANDIN_CORES] = {
    { "adsp", 0x03700000, 0x100, 2, IPCC_CLIENT_LPASS, 443, 429, 423, 486,
      "qcom,sc7280-adsp-pas", { "lcx", "lmx" }, { RPMHPD_LCX, RPMHPD_LMX } },
    { "cdsp", 0x0a300000, 0x10000, 5, IPCC_CLIENT_CDSP, 94, 432, 601, 578,
      "qcom,sc7280-cdsp-pas", { "cx", "mx" }, { RPMHPD_CX, RPMHPD_MX } },
    { "wpss", 0x08a00000, 0x10000, 13, IPCC_CLIENT_WPSS, 617, 616, 626, 587,
      "qcom,sc7280-wpss-pas", { "cx", "mx" }, { RPMHPD_CX, RPMHPD_MX } },
};

/* What TrustZone authenticates: pas_id and sw_id per carveout (models/pas.h) */
static const PasSubsys qcs6490_sim_pas[] = {
    { PAS_ID_ADSP, "adsp", QCS6490_SIM_ADSP_MEM_BASE, QCS6490_SIM_ADSP_MEM_SIZE,
      PAS_SW_ID_ADSP },
    { PAS_ID_CDSP, "cdsp", QCS6490_SIM_CDSP_MEM_BASE, QCS6490_SIM_CDSP_MEM_SIZE,
      PAS_SW_ID_CDSP },
    { PAS_ID_WPSS, "wpss", QCS6490_SIM_WPSS_MEM_BASE, QCS6490_SIM_WPSS_MEM_SIZE,
      PAS_SW_ID_WPSS },
};

/*
 * QEMU's loader places the kernel, initrd and DTB from loader_start upwards
 * without looking at /reserved-memory (hw/arm/boot.c), so loader_start is
 * put 2 MiB-aligned above the highest carveout. Returns that address.
 */
static hwaddr qcs6490_sim_boot_base(void)
{
    hwaddr top = QCS6490_SIM_DRAM_BASE;

    for (size_t i = 0; i < ARRAY_SIZE(qcs6490_sim_carveouts); i++) {
        top = MAX(top, qcs6490_sim_carveouts[i].base +
                       qcs6490_sim_carveouts[i].size);
    }
    return ROUND_UP(top, 2 * MiB);
}

static void qcs6490_sim_fdt_root(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt;
    int size;

    fdt = create_device_tree(&size);
    if (!fdt) {
        error_report("qcs6490-sim: cannot create the device tree");
        exit(1);
    }
    ms->fdt = fdt;

    qemu_fdt_setprop_string(fdt, "/", "model",
                            "Qualcomm Technologies, Inc. QCS6490 (rprocsim qcs6490-sim)");
    qemu_fdt_setprop_string_array(fdt, "/", "compatible",
                                  (char *[]){ "rprocsim,qcs6490-sim",
                                              "qcom,qcm6490" }, 2);
    qemu_fdt_setprop_cell(fdt, "/", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/", "#size-cells", 2);
    qemu_fdt_add_subnode(fdt, "/chosen");
    qemu_fdt_add_subnode(fdt, "/aliases");

    /* Fixed board clocks, as in sc7280.dtsi /clocks */
    qemu_fdt_add_subnode(fdt, "/clocks");
    qemu_fdt_add_subnode(fdt, "/clocks/xo-board");
    qemu_fdt_setprop_string(fdt, "/clocks/xo-board", "compatible", "fixed-clock");
    qemu_fdt_setprop_cell(fdt, "/clocks/xo-board", "clock-frequency",
                          QCS6490_SIM_XO_BOARD_HZ);
    qemu_fdt_setprop_cell(fdt, "/clocks/xo-board", "#clock-cells", 0);
    s->xo_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, "/clocks/xo-board", "phandle", s->xo_phandle);
    qemu_fdt_add_subnode(fdt, "/clocks/sleep-clk");
    qemu_fdt_setprop_string(fdt, "/clocks/sleep-clk", "compatible", "fixed-clock");
    qemu_fdt_setprop_cell(fdt, "/clocks/sleep-clk", "clock-frequency",
                          QCS6490_SIM_SLEEP_CLK_HZ);
    qemu_fdt_setprop_cell(fdt, "/clocks/sleep-clk", "#clock-cells", 0);

    /* Devices sit under /soc@0 with a 1:1 mapping, as on sc7280 */
    qemu_fdt_add_subnode(fdt, "/soc@0");
    qemu_fdt_setprop_string(fdt, "/soc@0", "compatible", "simple-bus");
    qemu_fdt_setprop_cell(fdt, "/soc@0", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/soc@0", "#size-cells", 2);
    /* 1:1 over the 64 GiB below 0x10_0000_0000, as sc7280.dtsi soc@0 */
    qemu_fdt_setprop_sized_cells(fdt, "/soc@0", "ranges", 2, 0, 2, 0,
                                 2, 0x1000000000ULL);
}

static void qcs6490_sim_fdt_reserved_memory(Qcs6490SimState *s)
{
    void *fdt = MACHINE(s)->fdt;

    qemu_fdt_add_subnode(fdt, "/reserved-memory");
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#size-cells", 2);
    qemu_fdt_setprop(fdt, "/reserved-memory", "ranges", NULL, 0);

    /* Nodes are prepended: add them in reverse so they read in address order */
    for (int i = ARRAY_SIZE(qcs6490_sim_carveouts) - 1; i >= 0; i--) {
        const Qcs6490SimCarveout *c = &qcs6490_sim_carveouts[i];
        g_autofree char *node = g_strdup_printf("/reserved-memory/%s@%" PRIx64,
                                                c->name, c->base);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, c->base, 2, c->size);
        qemu_fdt_setprop(fdt, node, "no-map", NULL, 0);
        if (c->compatible) {
            qemu_fdt_setprop_string(fdt, node, "compatible", c->compatible);
        }
        s->carveout_phandle[i] = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, node, "phandle", s->carveout_phandle[i]);
    }
}

/* phandle of carveout @name ("smem", "adsp", ...) */
static uint32_t qcs6490_sim_carveout_phandle(Qcs6490SimState *s, const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(qcs6490_sim_carveouts); i++) {
        if (!strcmp(qcs6490_sim_carveouts[i].name, name)) {
            return s->carveout_phandle[i];
        }
    }
    g_assert_not_reached();
}

static void qcs6490_sim_create_cpus(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;

    object_initialize_child(OBJECT(s), "apss", &s->apss, TYPE_CPU_CLUSTER);
    qdev_prop_set_uint32(DEVICE(&s->apss), "cluster-id", 0);

    qemu_fdt_add_subnode(fdt, "/cpus");
    qemu_fdt_setprop_cell(fdt, "/cpus", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/cpus", "#size-cells", 0);

    for (unsigned i = 0; i < s->n_ap; i++) {
        Object *cpuobj = object_new(ms->cpu_type);
        /* MPIDR as on sc7280: one core per Aff1 (cpu@0, cpu@100, ...) */
        uint64_t mpidr = (uint64_t)i << ARM_AFF1_SHIFT;

        object_property_add_child(OBJECT(&s->apss), "cpu[*]", cpuobj);
        object_property_set_int(cpuobj, "mp-affinity", mpidr, &error_abort);
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
    qdev_realize(DEVICE(&s->apss), NULL, &error_fatal);

    for (int i = s->n_ap - 1; i >= 0; i--) {
        ARMCPU *cpu = ARM_CPU(qemu_get_cpu(i));
        uint64_t mpidr = arm_cpu_mp_affinity(cpu);
        g_autofree char *node = g_strdup_printf("/cpus/cpu@%" PRIx64, mpidr);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "device_type", "cpu");
        qemu_fdt_setprop_string(fdt, node, "compatible", cpu->dtb_compatible);
        qemu_fdt_setprop_u64(fdt, node, "reg", mpidr);
        if (s->n_ap > 1) {
            qemu_fdt_setprop_string(fdt, node, "enable-method", "psci");
        }
    }
}

static void qcs6490_sim_create_gic(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;
    unsigned n = s->n_ap;
    SysBusDevice *sbd;
    QList *redist = qlist_new();
    const char *node = "/soc@0/interrupt-controller@17a00000";
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

    s->gic = qdev_new(TYPE_ARM_GICV3);
    qdev_prop_set_uint32(s->gic, "revision", 3);
    qdev_prop_set_uint32(s->gic, "num-cpu", n);
    qdev_prop_set_uint32(s->gic, "num-irq", QCS6490_SIM_GIC_NUM_IRQ);
    qlist_append_int(redist, n);
    qdev_prop_set_array(s->gic, "redist-region-count", redist);
    sbd = SYS_BUS_DEVICE(s->gic);
    sysbus_realize_and_unref(sbd, &error_fatal);
    sysbus_mmio_map(sbd, 0, QCS6490_SIM_GICD_BASE);
    sysbus_mmio_map(sbd, 1, QCS6490_SIM_GICR_BASE);

    for (unsigned i = 0; i < n; i++) {
        DeviceState *cpudev = DEVICE(qemu_get_cpu(i));
        int ppibase = QCS6490_SIM_GIC_NUM_IRQ - GIC_INTERNAL + i * GIC_INTERNAL;

        for (unsigned t = 0; t < ARRAY_SIZE(timer_intid); t++) {
            qdev_connect_gpio_out(cpudev, t,
                                  qdev_get_gpio_in(s->gic,
                                                   ppibase + timer_intid[t]));
        }
        qdev_connect_gpio_out_named(cpudev, "gicv3-maintenance-interrupt", 0,
                                    qdev_get_gpio_in(s->gic,
                                                     ppibase + ARCH_GIC_MAINT_IRQ));
        qdev_connect_gpio_out_named(cpudev, "pmu-interrupt", 0,
                                    qdev_get_gpio_in(s->gic,
                                                     ppibase + VIRTUAL_PMU_IRQ));
        sysbus_connect_irq(sbd, i, qdev_get_gpio_in(cpudev, ARM_CPU_IRQ));
        sysbus_connect_irq(sbd, i + n, qdev_get_gpio_in(cpudev, ARM_CPU_FIQ));
        sysbus_connect_irq(sbd, i + 2 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VIRQ));
        sysbus_connect_irq(sbd, i + 3 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VFIQ));
        sysbus_connect_irq(sbd, i + 4 * n, qdev_get_gpio_in(cpudev, ARM_CPU_NMI));
        sysbus_connect_irq(sbd, i + 5 * n, qdev_get_gpio_in(cpudev, ARM_CPU_VINMI));
    }

    s->gic_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, "/", "interrupt-parent", s->gic_phandle);
    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "compatible", "arm,gic-v3");
    qemu_fdt_setprop_cell(fdt, node, "#interrupt-cells", 3);
    qemu_fdt_setprop(fdt, node, "interrupt-controller", NULL, 0);
    qemu_fdt_setprop_cell(fdt, node, "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, node, "#size-cells", 2);
    qemu_fdt_setprop(fdt, node, "ranges", NULL, 0);
    qemu_fdt_setprop_cell(fdt, node, "#redistributor-regions", 1);
    qemu_fdt_setprop_sized_cells(fdt, node, "reg",
                                 2, QCS6490_SIM_GICD_BASE,
                                 2, QCS6490_SIM_GICD_SIZE,
                                 2, QCS6490_SIM_GICR_BASE,
                                 2, QCS6490_SIM_GICR_STRIDE * n);
    qemu_fdt_setprop_cell(fdt, node, "phandle", s->gic_phandle);

    qemu_fdt_add_subnode(fdt, "/timer");
    qemu_fdt_setprop_string(fdt, "/timer", "compatible", "arm,armv8-timer");
    qemu_fdt_setprop_cells(fdt, "/timer", "interrupts",
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_S_EL1_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_NS_EL1_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_VIRT_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI,
        GIC_FDT_IRQ_TYPE_PPI, INTID_TO_PPI(ARCH_TIMER_NS_EL2_IRQ),
        GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop(fdt, "/timer", "always-on", NULL, 0);
}

/*
 * A PL011 at @base raising SPI @spi, fed by host chardev @chr, described in
 * the DT as /soc@0/serial@<base> and aliased as @alias.
 */
static void qcs6490_sim_create_uart(Qcs6490SimState *s, hwaddr base, int spi,
                                    Chardev *chr, const char *alias)
{
    void *fdt = MACHINE(s)->fdt;
    const char compat[] = "arm,pl011\0arm,primecell";
    const char clock_names[] = "uartclk\0apb_pclk";
    g_autofree char *node = g_strdup_printf("/soc@0/serial@%" PRIx64,
                                            (uint64_t)base);
    DeviceState *dev = qdev_new(TYPE_PL011);

    qdev_prop_set_chr(dev, "chardev", chr);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
    sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0, qdev_get_gpio_in(s->gic, spi));

    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop(fdt, node, "compatible", compat, sizeof(compat));
    qemu_fdt_setprop_sized_cells(fdt, node, "reg",
                                 2, base, 2, QCS6490_SIM_UART_SIZE);
    qemu_fdt_setprop_cells(fdt, node, "interrupts",
                           GIC_FDT_IRQ_TYPE_SPI, spi,
                           GIC_FDT_IRQ_FLAGS_LEVEL_HI);
    qemu_fdt_setprop_cells(fdt, node, "clocks", s->xo_phandle, s->xo_phandle);
    qemu_fdt_setprop(fdt, node, "clock-names", clock_names, sizeof(clock_names));
    qemu_fdt_setprop_string(fdt, "/aliases", alias, node);
}

/*
 * Non-PSCI SMCs reach this hook (qemu/patches/0002); the TrustZone model
 * answers SiP calls and declines the rest, which QEMU then answers with
 * SMCCC NOT_SUPPORTED (-1).
 */
static bool qcs6490_sim_smccc(ARMCPU *cpu, uint64_t regs[8], void *opaque)
{
    Qcs6490SimState *s = opaque;

    return rprocsim_tz_smc(s->tz, CPU(cpu)->cpu_index, regs);
}

/*
 * The simulated secure world, and what the guest's qcom_scm needs in the DT:
 * /firmware/scm (sc7280.dtsi: no clocks, interconnects or interrupts) whose
 * qcom,dload-mode points into the TCSR syscon.
 */
static void qcs6490_sim_create_trustzone(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;
    const char *tcsr = "/soc@0/syscon@1fc0000";
    const char tcsr_compat[] = "qcom,sc7280-tcsr\0syscon";
    const char scm_compat[] = "qcom,scm-sc7280\0qcom,scm";
    uint32_t tcsr_phandle;

    s->tz = RPROCSIM_TZ(qdev_new(TYPE_RPROCSIM_TZ));
    object_property_add_child(OBJECT(s), "trustzone", OBJECT(s->tz));
    rprocsim_tz_configure(s->tz, qcs6490_sim_pas, ARRAY_SIZE(qcs6490_sim_pas),
                          QCS6490_SIM_DRAM_BASE, ms->ram_size);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(s->tz), &error_fatal);

    /* Linux reaches TCSR only through SCM; stray accesses get logged */
    create_unimplemented_device("qcom.tcsr2", QCS6490_SIM_TCSR2_BASE,
                                QCS6490_SIM_TCSR2_SIZE);
    qemu_fdt_add_subnode(fdt, tcsr);
    qemu_fdt_setprop(fdt, tcsr, "compatible", tcsr_compat, sizeof(tcsr_compat));
    qemu_fdt_setprop_sized_cells(fdt, tcsr, "reg", 2, QCS6490_SIM_TCSR2_BASE,
                                 2, QCS6490_SIM_TCSR2_SIZE);
    tcsr_phandle = qemu_fdt_alloc_phandle(fdt);
    qemu_fdt_setprop_cell(fdt, tcsr, "phandle", tcsr_phandle);

    qemu_fdt_add_subnode(fdt, "/firmware");
    qemu_fdt_add_subnode(fdt, "/firmware/scm");
    qemu_fdt_setprop(fdt, "/firmware/scm", "compatible", scm_compat,
                     sizeof(scm_compat));
    qemu_fdt_setprop_cells(fdt, "/firmware/scm", "qcom,dload-mode",
                           tcsr_phandle, QCS6490_SIM_DLOAD_MODE_OFFSET);
}

static void *qcs6490_sim_get_dtb(const struct arm_boot_info *binfo, int *size)
{
    const Qcs6490SimState *s = container_of(binfo, Qcs6490SimState, bootinfo);
    void *fdt = MACHINE(s)->fdt;

    *size = fdt_totalsize(fdt);
    return fdt;
}

/*
 * hw/arm/boot.c describes memory from loader_start, which this board keeps
 * above the carveouts; describe the whole DRAM instead.
 */
static void qcs6490_sim_modify_dtb(const struct arm_boot_info *binfo, void *fdt)
{
    g_autofree char *boot_node = g_strdup_printf("/memory@%" PRIx64,
                                                 (uint64_t)binfo->loader_start);
    g_autofree char *node = g_strdup_printf("/memory@%" PRIx64,
                                            (uint64_t)QCS6490_SIM_DRAM_BASE);
    MachineState *ms = MACHINE(qdev_get_machine());

    qemu_fdt_nop_node(fdt, boot_node);
    qemu_fdt_add_subnode(fdt, node);
    qemu_fdt_setprop_string(fdt, node, "device_type", "memory");
    qemu_fdt_setprop_sized_cells(fdt, node, "reg",
                                 2, QCS6490_SIM_DRAM_BASE, 2, ms->ram_size);
}

/*
 * Shared memory and its plumbing: the TCSR mutex, SMEM (written at every
 * reset, as a bootloader would), IPCC and the three SMP2P edges.
 */
static void qcs6490_sim_create_ipc(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    void *fdt = ms->fdt;
    const char *mutex = "/soc@0/hwlock@1f40000";
    const char *ipcc = "/soc@0/mailbox@408000";
    const char ipcc_compat[] = "qcom,sc7280-ipcc\0qcom,ipcc";
    SmemLayout layout = {
        .base = QCS6490_SIM_SMEM_BASE,
        .size = QCS6490_SIM_SMEM_SIZE,
        .num_items = QCS6490_SIM_SMEM_ITEMS,
        .parts = qcs6490_sim_smem_parts,
        .nparts = ARRAY_SIZE(qcs6490_sim_smem_parts),
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
    if (!smem_image_build(smem, &layout, err, sizeof(err))) {
        error_report("qcs6490-sim: SMEM layout: %s", err);
        exit(1);
    }
    rom_add_blob_fixed("qcs6490.smem", smem, QCS6490_SIM_SMEM_SIZE,
                       QCS6490_SIM_SMEM_BASE);
    qemu_fdt_add_subnode(fdt, "/smem");
    qemu_fdt_setprop_string(fdt, "/smem", "compatible", "qcom,smem");
    qemu_fdt_setprop_cell(fdt, "/smem", "memory-region",
                          qcs6490_sim_carveout_phandle(s, "smem"));
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
    for (size_t i = 0; i < ARRAY_SIZE(qcs6490_sim_smp2p); i++) {
        const Qcs6490SimSmp2p *e = &qcs6490_sim_smp2p[i];
        g_autofree char *node = g_strdup_printf("/smp2p-%s", e->name);
        g_autofree char *out = g_strdup_printf("%s/master-kernel", node);
        g_autofree char *in = g_strdup_printf("%s/slave-kernel", node);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "compatible", "qcom,smp2p");
        qemu_fdt_setprop_cells(fdt, node, "qcom,smem", e->in_item, e->out_item);
        qemu_fdt_setprop_cells(fdt, node, "interrupts-extended", s->ipcc_phandle,
                               e->ipcc_client, IPCC_SIGNAL_SMP2P,
                               1 /* IRQ_TYPE_EDGE_RISING */);
        qemu_fdt_setprop_cells(fdt, node, "mboxes", s->ipcc_phandle,
                               e->ipcc_client, IPCC_SIGNAL_SMP2P);
        qemu_fdt_setprop_cell(fdt, node, "qcom,local-pid", 0);
        qemu_fdt_setprop_cell(fdt, node, "qcom,remote-pid", e->remote_pid);

        qemu_fdt_add_subnode(fdt, out);
        qemu_fdt_setprop_string(fdt, out, "qcom,entry-name", "master-kernel");
        qemu_fdt_setprop_cell(fdt, out, "#qcom,smem-state-cells", 1);
        s->smp2p_out_phandle[i] = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, out, "phandle", s->smp2p_out_phandle[i]);
        qemu_fdt_add_subnode(fdt, in);
        qemu_fdt_setprop_string(fdt, in, "qcom,entry-name", "slave-kernel");
        qemu_fdt_setprop(fdt, in, "interrupt-controller", NULL, 0);
        qemu_fdt_setprop_cell(fdt, in, "#interrupt-cells", 2);
        s->smp2p_in_phandle[i] = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, in, "phandle", s->smp2p_in_phandle[i]);
        if (e->wlan) {
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
static void qcs6490_sim_create_power(Qcs6490SimState *s)
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

static void qcs6490_sim_tz_release(void *opaque, unsigned index, uint64_t entry,
                                   uint64_t load_base)
{
    Qcs6490SimState *s = opaque;

    rprocsim_q6ss_release(s->q6ss[index], entry, load_base);
}

static void qcs6490_sim_tz_halt(void *opaque, unsigned index)
{
    Qcs6490SimState *s = opaque;

    rprocsim_q6ss_halt(s->q6ss[index]);
}

/*
 * One stand-in core per subsystem, after the application cores and after
 * arm_load_kernel() (qemu-integration notes: boot.c would otherwise take
 * them for boot CPUs). Each is a Cortex-M4 in its own cluster and address
 * space, held off until TrustZone releases it through its Q6SS block.
 */
static void qcs6490_sim_create_subsystems(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    MemoryRegion *ipcc_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->ipcc), 0);
    MemoryRegion *mutex_mr = sysbus_mmio_get_region(SYS_BUS_DEVICE(s->mutex), 0);
    RprocsimTzHooks hooks = {
        .release = qcs6490_sim_tz_release,
        .halt = qcs6490_sim_tz_halt,
        .opaque = s,
    };

    s->standin_clk = clock_new(OBJECT(s), "standin-clk");
    clock_set_hz(s->standin_clk, QCS6490_SIM_STANDIN_CPU_HZ);

    for (unsigned i = 0; i < QCS6490_SIM_STANDIN_CORES; i++) {
        const Qcs6490SimSubsys *ss = &qcs6490_sim_subsys[i];
        const PasSubsys *pas = &qcs6490_sim_pas[i];
        g_autofree char *cl_name = g_strdup_printf("%s-cluster", ss->name);
        g_autofree char *chr_id = g_strdup_printf("%s-uart", ss->name);
        DeviceState *core, *q6ss;
        ARMCPU *cpu;

        /* address space: carveout and SMEM where they are, blocks in peripheral space */
        memory_region_init(&s->ss_space[i], OBJECT(s), ss->name, 4 * GiB);
        memory_region_init_alias(&s->ss_carveout[i], OBJECT(s), "carveout", ms->ram,
                                 pas->carveout_base - QCS6490_SIM_DRAM_BASE,
                                 pas->carveout_size);
        memory_region_add_subregion(&s->ss_space[i], pas->carveout_base,
                                    &s->ss_carveout[i]);
        memory_region_init_alias(&s->ss_smem[i], OBJECT(s), "smem", ms->ram,
                                 QCS6490_SIM_SMEM_BASE - QCS6490_SIM_DRAM_BASE,
                                 QCS6490_SIM_SMEM_SIZE);
        memory_region_add_subregion(&s->ss_space[i], QCS6490_SIM_SMEM_BASE, &s->ss_smem[i]);
        memory_region_init_alias(&s->ss_ipcc[i], OBJECT(s), "ipcc-frame", ipcc_mr,
                                 ss->ipcc_client * IPCC_FRAME_SIZE, IPCC_FRAME_SIZE);
        memory_region_add_subregion(&s->ss_space[i], QCS6490_SIM_CORE_IPCC_FRAME,
                                    &s->ss_ipcc[i]);
        memory_region_init_alias(&s->ss_mutex[i], OBJECT(s), "tcsr-mutex", mutex_mr, 0,
                                 TCSR_MUTEX_SIZE);
        memory_region_add_subregion(&s->ss_space[i], QCS6490_SIM_CORE_MUTEX,
                                    &s->ss_mutex[i]);

        object_initialize_child(OBJECT(s), cl_name, &s->ss_cluster[i], TYPE_CPU_CLUSTER);
        qdev_prop_set_uint32(DEVICE(&s->ss_cluster[i]), "cluster-id", i + 1);
        object_initialize_child(OBJECT(&s->ss_cluster[i]), "armv7m", &s->ss_core[i],
                                TYPE_ARMV7M);
        core = DEVICE(&s->ss_core[i]);
        qdev_prop_set_string(core, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m4"));
        qdev_prop_set_uint32(core, "num-irq", 32);
        qdev_prop_set_bit(core, "start-powered-off", true);
        qdev_connect_clock_in(core, "cpuclk", s->standin_clk);
        object_property_set_link(OBJECT(core), "memory", OBJECT(&s->ss_space[i]),
                                 &error_abort);
        sysbus_realize(SYS_BUS_DEVICE(core), &error_fatal);
        cpu = s->ss_core[i].cpu;
        /* an Aff2 no application core uses: PSCI CPU_ON cannot reach it */
        cpu->mp_affinity = (uint64_t)(0x80 + i) << ARM_AFF2_SHIFT;
        qdev_realize(DEVICE(&s->ss_cluster[i]), NULL, &error_fatal);
        armv7m_load_kernel(cpu, NULL, 0, 0);

        /* the Q6SS block: at the remoteproc node's address and in the core's space */
        q6ss = qdev_new(TYPE_RPROCSIM_Q6SS);
        s->q6ss[i] = RPROCSIM_Q6SS(q6ss);
        object_property_add_child(OBJECT(s), ss->name, OBJECT(q6ss));
        qdev_prop_set_string(q6ss, "name", ss->name);
        object_property_set_link(OBJECT(q6ss), "core", OBJECT(core), &error_abort);
        qdev_prop_set_uint32(q6ss, "host-id", ss->host_id);
        qdev_prop_set_uint32(q6ss, "ipcc-client", ss->ipcc_client);
        qdev_prop_set_uint32(q6ss, "smem-out-item", ss->out_item);
        qdev_prop_set_uint32(q6ss, "smem-in-item", ss->in_item);
        qdev_prop_set_uint32(q6ss, "crash-item", ss->crash_item);
        qdev_prop_set_chr(q6ss, "chardev", qemu_chr_find(chr_id));
        sysbus_realize_and_unref(SYS_BUS_DEVICE(q6ss), &error_fatal);
        sysbus_mmio_map(SYS_BUS_DEVICE(q6ss), 0, ss->q6ss_base);
        memory_region_init_alias(&s->ss_q6ss[i], OBJECT(s), "q6ss",
                                 sysbus_mmio_get_region(SYS_BUS_DEVICE(q6ss), 0), 0,
                                 Q6SS_MMIO_SIZE);
        memory_region_add_subregion(&s->ss_space[i], QCS6490_SIM_CORE_Q6SS, &s->ss_q6ss[i]);

        /* interrupts: wdog to the GIC; IPCC frame, fault and bark to the core */
        sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 0,
                           qdev_get_gpio_in(s->gic, ss->wdog_spi));
        sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 1,
                           qdev_get_gpio_in(core, Q6SS_NVIC_FAULT));
        sysbus_connect_irq(SYS_BUS_DEVICE(q6ss), 2,
                           qdev_get_gpio_in(core, Q6SS_NVIC_WDOG_BARK));
        sysbus_connect_irq(SYS_BUS_DEVICE(s->ipcc), ss->ipcc_client,
                           qdev_get_gpio_in(core, Q6SS_NVIC_IPCC));
    }
    rprocsim_tz_set_hooks(s->tz, &hooks);
}

/*
 * The remoteproc nodes the stock qcom_q6v5_pas driver binds to, named,
 * addressed and wired as in sc7280.dtsi and qcs6490-rb3gen2.dts (see
 * docs/machine.md for the differences: wdog straight to the GIC, no
 * glink-edge, no interconnects).
 */
static void qcs6490_sim_fdt_remoteprocs(Qcs6490SimState *s)
{
    void *fdt = MACHINE(s)->fdt;
    const char irq_names[] = "wdog\0fatal\0ready\0handover\0stop-ack\0shutdown-ack";
    static const uint32_t smp2p_bits[] = { 0, 1, 2, 3, 7 };

    for (unsigned i = 0; i < QCS6490_SIM_STANDIN_CORES; i++) {
        const Qcs6490SimSubsys *ss = &qcs6490_sim_subsys[i];
        g_autofree char *node = g_strdup_printf("/soc@0/remoteproc@%" PRIx64,
                                                (uint64_t)ss->q6ss_base);
        g_autofree char *fw = g_strdup_printf("qcom/qcs6490/%s.mbn", ss->name);
        g_autofree char *pd_names = g_strdup_printf("%s%c%s", ss->pd_names[0], 0,
                                                    ss->pd_names[1]);
        uint32_t irqs[4 + 3 * G_N_ELEMENTS(smp2p_bits)];
        unsigned n = 0;

        irqs[n++] = cpu_to_be32(s->gic_phandle);
        irqs[n++] = cpu_to_be32(GIC_FDT_IRQ_TYPE_SPI);
        irqs[n++] = cpu_to_be32(ss->wdog_spi);
        irqs[n++] = cpu_to_be32(1 /* IRQ_TYPE_EDGE_RISING */);
        for (size_t b = 0; b < G_N_ELEMENTS(smp2p_bits); b++) {
            irqs[n++] = cpu_to_be32(s->smp2p_in_phandle[i]);
            irqs[n++] = cpu_to_be32(smp2p_bits[b]);
            irqs[n++] = cpu_to_be32(1 /* IRQ_TYPE_EDGE_RISING */);
        }

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_string(fdt, node, "compatible", ss->compatible);
        qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, ss->q6ss_base, 2, ss->reg_size);
        qemu_fdt_setprop(fdt, node, "interrupts-extended", irqs, n * sizeof(irqs[0]));
        qemu_fdt_setprop(fdt, node, "interrupt-names", irq_names, sizeof(irq_names));
        qemu_fdt_setprop_cells(fdt, node, "clocks", s->rpmhcc_phandle, 0 /* RPMH_CXO_CLK */);
        qemu_fdt_setprop_string(fdt, node, "clock-names", "xo");
        qemu_fdt_setprop_cells(fdt, node, "power-domains", s->rpmhpd_phandle, ss->pds[0],
                               s->rpmhpd_phandle, ss->pds[1]);
        qemu_fdt_setprop(fdt, node, "power-domain-names", pd_names,
                         strlen(ss->pd_names[0]) + strlen(ss->pd_names[1]) + 2);
        qemu_fdt_setprop_cell(fdt, node, "memory-region",
                              qcs6490_sim_carveout_phandle(s, ss->name));
        qemu_fdt_setprop_cell(fdt, node, "qcom,qmp", s->aoss_phandle);
        qemu_fdt_setprop_cells(fdt, node, "qcom,smem-states", s->smp2p_out_phandle[i], 0);
        qemu_fdt_setprop_string(fdt, node, "qcom,smem-state-names", "stop");
        qemu_fdt_setprop_string(fdt, node, "firmware-name", fw);
    }
}

static void qcs6490_sim_init(MachineState *ms)
{
    Qcs6490SimState *s = QCS6490_SIM_MACHINE(ms);
    hwaddr boot_base = qcs6490_sim_boot_base();
    hwaddr dram_end = QCS6490_SIM_DRAM_BASE + ms->ram_size;

    if (ms->ram_size < QCS6490_SIM_MIN_RAM ||
        ms->ram_size > QCS6490_SIM_MAX_RAM) {
        error_report("qcs6490-sim: -m %" PRIu64 "M is outside the supported "
                     "range %" PRIu64 "M..%" PRIu64 "M (the kernel, initrd "
                     "and DTB go above the carveouts, from 0x%" HWADDR_PRIx ")",
                     (uint64_t)(ms->ram_size / MiB),
                     (uint64_t)(QCS6490_SIM_MIN_RAM / MiB),
                     (uint64_t)(QCS6490_SIM_MAX_RAM / MiB), boot_base);
        exit(1);
    }
    s->n_ap = ms->smp.cpus - QCS6490_SIM_STANDIN_CORES;

    memory_region_add_subregion(get_system_memory(), QCS6490_SIM_DRAM_BASE,
                                ms->ram);

    qcs6490_sim_fdt_root(s);
    qcs6490_sim_fdt_reserved_memory(s);
    qcs6490_sim_create_cpus(s);
    qcs6490_sim_create_gic(s);
    qcs6490_sim_create_uart(s, QCS6490_SIM_UART_BASE, QCS6490_SIM_UART_SPI,
                            serial_hd(0), "serial0");
    qemu_fdt_setprop_string(ms->fdt, "/chosen", "stdout-path",
                            "/soc@0/serial@994000");
    qcs6490_sim_create_uart(s, QCS6490_SIM_AGENT_UART_BASE,
                            QCS6490_SIM_AGENT_UART_SPI, serial_hd(1),
                            "serial1");
    qcs6490_sim_create_trustzone(s);
    qcs6490_sim_create_ipc(s);
    qcs6490_sim_create_power(s);
    qcs6490_sim_fdt_remoteprocs(s);

    trace_rprocsim_qcs6490_boot_layout(QCS6490_SIM_DRAM_BASE, ms->ram_size,
                                       boot_base);
    s->bootinfo.loader_start = boot_base;
    s->bootinfo.ram_size = dram_end - boot_base;
    s->bootinfo.board_id = -1;
    s->bootinfo.psci_conduit = QEMU_PSCI_CONDUIT_SMC;
    s->bootinfo.get_dtb = qcs6490_sim_get_dtb;
    s->bootinfo.modify_dtb = qcs6490_sim_modify_dtb;
    arm_load_kernel(ARM_CPU(first_cpu), ms, &s->bootinfo);

    for (unsigned i = 0; i < s->n_ap; i++) {
        ARMCPU *cpu = ARM_CPU(qemu_get_cpu(i));

        cpu->smccc_handler = qcs6490_sim_smccc;
        cpu->smccc_opaque = s;
    }
    qcs6490_sim_create_subsystems(s);
}

static void qcs6490_sim_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    static const char * const valid_cpu_types[] = {
        ARM_CPU_TYPE_NAME("cortex-a55"),
        ARM_CPU_TYPE_NAME("cortex-a76"),
        ARM_CPU_TYPE_NAME("cortex-a57"),
        ARM_CPU_TYPE_NAME("cortex-a53"),
        ARM_CPU_TYPE_NAME("max"),
        NULL
    };

    mc->desc = "Qualcomm QCS6490 (sc7280) remoteproc simulator (rprocsim)";
    mc->init = qcs6490_sim_init;
    mc->default_cpus = QCS6490_SIM_DEFAULT_AP_CPUS + QCS6490_SIM_STANDIN_CORES;
    mc->min_cpus = 1 + QCS6490_SIM_STANDIN_CORES;
    mc->max_cpus = QCS6490_SIM_MAX_AP_CPUS + QCS6490_SIM_STANDIN_CORES;
    mc->default_cpu_type = ARM_CPU_TYPE_NAME("cortex-a55");
    mc->valid_cpu_types = valid_cpu_types;
    mc->default_ram_size = QCS6490_SIM_DEFAULT_RAM;
    mc->default_ram_id = "qcs6490.ddr";
    /* 4 KiB pages for the application cores; the stand-ins cope (patch 0004) */
    mc->minimum_page_bits = 12;
    mc->no_cdrom = 1;
    mc->no_floppy = 1;
    mc->no_parallel = 1;
}

static const TypeInfo qcs6490_sim_types[] = {
    {
        .name = TYPE_QCS6490_SIM_MACHINE,
        .parent = TYPE_MACHINE,
        .instance_size = sizeof(Qcs6490SimState),
        .class_init = qcs6490_sim_class_init,
    },
};

DEFINE_TYPES(qcs6490_sim_types)
