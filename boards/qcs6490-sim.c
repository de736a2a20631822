/*
 * rprocsim qcs6490-sim: a QEMU machine shaped like the Qualcomm QCS6490
 * (sc7280) of an RB3 Gen2 board, on which the stock Debian arm64 kernel
 * boots and drives simulated remote processors.
 *
 * This file wires and describes the machine: CPUs, GICv3, timer, consoles,
 * DRAM and the reserved-memory carveouts, TrustZone, and the root of the
 * generated device tree; the other parts are listed in qcs6490-sim.h.
 * Protocol logic lives in the device models under hw/ and models/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/error-report.h"
#include "qapi/error.h"
#include "hw/misc/unimp.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "exec/address-spaces.h"
#include "system/device_tree.h"
#include "system/system.h"
#include "target/arm/cpu.h"

#include "hw/rprocsim/boards/arm-soc.h"
#include "hw/rprocsim/boards/qcs6490-sim.h"
#include "hw/rprocsim/models/subsys.h"
#include "hw/rprocsim/trace.h"

/* A reserved-memory region, all no-map (qcs6490-rb3gen2.dts reserved-memory) */
typedef struct Qcs6490SimCarveout {
    const char *name;           /* node name and label stem: "wpss" -> wpss@84800000 */
    uint64_t base;
    uint64_t size;
    const char *compatible;     /* for regions a driver binds to, else NULL */
    uint32_t *phandle;          /* where to keep its phandle */
} Qcs6490SimCarveout;

static gint qcs6490_sim_carveout_cmp(gconstpointer a, gconstpointer b)
{
    const Qcs6490SimCarveout *x = a, *y = b;

    return x->base < y->base ? -1 : x->base > y->base;
}

/*
 * The carveouts, in address order: the AOP's cmd-db, SMEM and one per
 * subsystem descriptor. Returns how many were written to @out.
 */
static unsigned qcs6490_sim_carveouts(Qcs6490SimState *s, Qcs6490SimCarveout *out)
{
    unsigned n = 0;

    out[n++] = (Qcs6490SimCarveout){ "aop-cmd-db", QCS6490_SIM_CMD_DB_BASE,
                                     QCS6490_SIM_CMD_DB_SIZE, "qcom,cmd-db",
                                     &s->cmd_db_phandle };
    out[n++] = (Qcs6490SimCarveout){ "smem", QCS6490_SIM_SMEM_BASE,
                                     QCS6490_SIM_SMEM_SIZE, NULL, &s->smem_phandle };
    for (unsigned i = 0; i < s->board->count; i++) {
        const RprocsimSubsys *d = &s->board->subsys[i];

        out[n++] = (Qcs6490SimCarveout){ d->name, d->carveout_base, d->carveout_size,
                                         NULL, &s->ss[i].carveout_phandle };
    }
    qsort(out, n, sizeof(*out), qcs6490_sim_carveout_cmp);
    return n;
}

#define QCS6490_SIM_MAX_CARVEOUTS (2 + QCS6490_SIM_STANDIN_CORES)

/*
 * QEMU's loader places the kernel, initrd and DTB from loader_start upwards
 * without looking at /reserved-memory (hw/arm/boot.c), so loader_start is
 * put 2 MiB-aligned above the highest carveout. Returns that address.
 */
static hwaddr qcs6490_sim_boot_base(Qcs6490SimState *s)
{
    Qcs6490SimCarveout c[QCS6490_SIM_MAX_CARVEOUTS];
    unsigned n = qcs6490_sim_carveouts(s, c);
    hwaddr top = QCS6490_SIM_DRAM_BASE;

    for (unsigned i = 0; i < n; i++) {
        top = MAX(top, c[i].base + c[i].size);
    }
    return ROUND_UP(top, 2 * MiB);
}

static void qcs6490_sim_fdt_root(Qcs6490SimState *s)
{
    MachineState *ms = MACHINE(s);
    const char compat[] = "rprocsim,qcs6490-sim\0qcom,qcm6490";
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
    qemu_fdt_setprop(fdt, "/", "compatible", compat, sizeof(compat));
    qemu_fdt_setprop_cell(fdt, "/", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/", "#size-cells", 2);
    qemu_fdt_add_subnode(fdt, "/chosen");
    qemu_fdt_add_subnode(fdt, "/aliases");

    /* Fixed board clocks, as in sc7280.dtsi /clocks */
    qemu_fdt_add_subnode(fdt, "/clocks");
    s->xo_phandle = rprocsim_soc_fdt_fixed_clock(fdt, "/clocks/xo-board",
                                                 QCS6490_SIM_XO_BOARD_HZ);
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
    Qcs6490SimCarveout carveouts[QCS6490_SIM_MAX_CARVEOUTS];
    unsigned n = qcs6490_sim_carveouts(s, carveouts);

    qemu_fdt_add_subnode(fdt, "/reserved-memory");
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#address-cells", 2);
    qemu_fdt_setprop_cell(fdt, "/reserved-memory", "#size-cells", 2);
    qemu_fdt_setprop(fdt, "/reserved-memory", "ranges", NULL, 0);

    /* Nodes are prepended: add them in reverse so they read in address order */
    for (int i = n - 1; i >= 0; i--) {
        const Qcs6490SimCarveout *c = &carveouts[i];
        g_autofree char *node = g_strdup_printf("/reserved-memory/%s@%" PRIx64,
                                                c->name, c->base);

        qemu_fdt_add_subnode(fdt, node);
        qemu_fdt_setprop_sized_cells(fdt, node, "reg", 2, c->base, 2, c->size);
        qemu_fdt_setprop(fdt, node, "no-map", NULL, 0);
        if (c->compatible) {
            qemu_fdt_setprop_string(fdt, node, "compatible", c->compatible);
        }
        *c->phandle = qemu_fdt_alloc_phandle(fdt);
        qemu_fdt_setprop_cell(fdt, node, "phandle", *c->phandle);
    }
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

    /* realized with its Q6SS links, in qcs6490_sim_create_subsystems() */
    s->tz = RPROCSIM_TZ(qdev_new(TYPE_RPROCSIM_TZ));
    object_property_add_child(OBJECT(s), "trustzone", OBJECT(s->tz));
    qdev_prop_set_string(DEVICE(s->tz), "board", s->board->machine);
    qdev_prop_set_uint64(DEVICE(s->tz), "dram-base", QCS6490_SIM_DRAM_BASE);
    qdev_prop_set_uint64(DEVICE(s->tz), "dram-size", ms->ram_size);
    object_property_set_link(OBJECT(s->tz), "dram", OBJECT(ms->ram), &error_abort);

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

static void qcs6490_sim_init(MachineState *ms)
{
    Qcs6490SimState *s = QCS6490_SIM_MACHINE(ms);
    hwaddr boot_base, dram_end = QCS6490_SIM_DRAM_BASE + ms->ram_size;
    const RprocsimSocGic gic = {
        .node = "/soc@0/interrupt-controller@17a00000",
        .gicd_base = QCS6490_SIM_GICD_BASE,
        .gicd_size = QCS6490_SIM_GICD_SIZE,
        .gicr_base = QCS6490_SIM_GICR_BASE,
        .gicr_stride = QCS6490_SIM_GICR_STRIDE,
        .num_irq = QCS6490_SIM_GIC_NUM_IRQ,
    };
    g_autofree char *console = g_strdup_printf("/soc@0/serial@%" PRIx64,
                                               (uint64_t)QCS6490_SIM_UART_BASE);
    g_autofree char *agent = g_strdup_printf("/soc@0/serial@%" PRIx64,
                                             (uint64_t)QCS6490_SIM_AGENT_UART_BASE);

    s->board = rprocsim_board_find("qcs6490-sim");
    if (!s->board || s->board->count > QCS6490_SIM_STANDIN_CORES) {
        error_report("qcs6490-sim: its subsystem table does not fit the board");
        exit(1);
    }
    for (unsigned i = 0; i < s->board->count; i++) {
        s->ss[i].desc = &s->board->subsys[i];
    }
    boot_base = qcs6490_sim_boot_base(s);

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
    /* MPIDR as on sc7280: one core per Aff1 (cpu@0, cpu@100, ...) */
    rprocsim_soc_create_cpus(ms, &s->apss, s->n_ap, ARM_AFF1_SHIFT);
    s->gic = rprocsim_soc_create_gic(ms, &gic, s->n_ap, "/timer", &s->gic_phandle);
    rprocsim_soc_create_pl011(ms, s->gic, console, QCS6490_SIM_UART_BASE,
                              QCS6490_SIM_UART_SIZE, QCS6490_SIM_UART_SPI,
                              serial_hd(0), "serial0", s->xo_phandle);
    qemu_fdt_setprop_string(ms->fdt, "/chosen", "stdout-path", console);
    rprocsim_soc_create_pl011(ms, s->gic, agent, QCS6490_SIM_AGENT_UART_BASE,
                              QCS6490_SIM_UART_SIZE, QCS6490_SIM_AGENT_UART_SPI,
                              serial_hd(1), "serial1", s->xo_phandle);
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
    rprocsim_soc_set_dtb_hooks(&s->bootinfo);
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
    mc->valid_cpu_types = valid_cpu_types;
    /* -smp counts the three stand-in cores */
    rprocsim_soc_machine_class(mc, rprocsim_qcs6490_board.ap_cpu, QCS6490_SIM_DEFAULT_AP_CPUS,
                               QCS6490_SIM_MAX_AP_CPUS, QCS6490_SIM_STANDIN_CORES,
                               QCS6490_SIM_DEFAULT_RAM, "qcs6490.ddr");
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
