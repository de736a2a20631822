/*
 * rprocsim K3 R5F core: a Cortex-R5F vCPU with its TCMs, address space and
 * control block (hw/k3-r5f.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/core/cpu.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "target/arm/arm-powerctl.h"
#include "hw/rprocsim/hw/core-state.h"
#include "hw/rprocsim/hw/debug-uart.h"
#include "hw/rprocsim/hw/k3-r5f.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"
#include "hw/rprocsim/models/fault-spec.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/ti-sci-msg.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimK3R5fState, k3_r5f, RPROCSIM_K3_R5F, SYS_BUS_DEVICE)

/* The map of rprocsim/k3-r5f-ctl-regs.h, in registerfields.h terms */
REG32(ID, K3_R5F_CTL_REG_ID)
REG32(CORE, K3_R5F_CTL_REG_CORE)
REG32(BOOT_COUNT, K3_R5F_CTL_REG_BOOT_COUNT)
REG32(MBOX, K3_R5F_CTL_REG_MBOX)
REG32(TIME_US, K3_R5F_CTL_REG_TIME_US)
REG32(FAULT_ACTION, K3_R5F_CTL_REG_FAULT_ACTION)
REG32(FAULT_ARG, K3_R5F_CTL_REG_FAULT_ARG)
REG32(FAULT_ACK, K3_R5F_CTL_REG_FAULT_ACK)
REG32(FAULT_MSG, K3_R5F_CTL_REG_FAULT_MSG)
REG32(UART_TX, K3_R5F_CTL_REG_UART_TX)

#define K3_R5F_FAULT_NAME_(id, name) [K3_R5F_FAULT_##id] = name,
static const char *const fault_names[K3_R5F_FAULT_COUNT] = {
    K3_R5F_FAULTS(K3_R5F_FAULT_NAME_)
};
#undef K3_R5F_FAULT_NAME_

static CPUState *k3_r5f_cs(RprocsimK3R5fState *s)
{
    return CPU(&s->cpu);
}

/* The vCPU's IRQ: the mailbox user's line, or a fault not yet taken */
static void k3_r5f_update_irq(RprocsimK3R5fState *s)
{
    qemu_set_irq(s->cpu_irq, s->irq_in || s->fault_action != K3_R5F_FAULT_NONE);
}

static void k3_r5f_irq_in(void *opaque, int n, int level)
{
    RprocsimK3R5fState *s = opaque;

    s->irq_in = level;
    k3_r5f_update_irq(s);
}

/*
 * Runs on the core's own vCPU thread (BQL held): bring the vCPU to what
 * the model asks, through arm-powerctl, whatever happened in between.
 * arm-powerctl works asynchronously (its power-off and power-on are work
 * items queued behind this one), so a change that needs two steps (off,
 * then on for a new boot) takes the first and queues this again; the
 * queue is in order, so the next run sees the result. Queued once more
 * after a power-on, it drives the IRQ input, which the vCPU's reset
 * forgot.
 */
static void k3_r5f_sync_work(CPUState *cs, run_on_cpu_data data)
{
    RprocsimK3R5fState *s = data.host_ptr;
    ARMCPU *cpu = ARM_CPU(cs);
    uint64_t mpidr = arm_cpu_mp_affinity(cpu);
    bool on = cpu->power_state == PSCI_ON;
    int ret;

    if (on && (!s->running || s->applied_boots != s->boots)) {
        arm_set_cpu_off(mpidr);
        if (s->running) {
            async_run_on_cpu(cs, k3_r5f_sync_work, data);
        }
    } else if (!on && s->running) {
        /* reset, then ARM state (TEINIT clear), SVC mode, at the boot vector */
        ret = arm_set_cpu_on(mpidr, s->boot_vector, 0, 1, false);
        if (ret != QEMU_ARM_POWERCTL_RET_SUCCESS) {
            qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-r5f: %s did not start "
                          "(arm-powerctl %d)\n", s->name, ret);
            return;
        }
        s->applied_boots = s->boots;
        async_run_on_cpu(cs, k3_r5f_sync_work, data);
    } else if (on) {
        k3_r5f_update_irq(s);
    }
}

static void k3_r5f_sync(RprocsimK3R5fState *s)
{
    async_run_on_cpu(k3_r5f_cs(s), k3_r5f_sync_work, RUN_ON_CPU_HOST_PTR(s));
}

/*
 * The rules of ti_k3_r5_remoteproc.c (Linux 6.12): the core starts when
 * its module is on, its local reset released and HALT clear; HALT has no
 * effect on a running core; local reset or module off stop it.
 */
static void k3_r5f_update(RprocsimK3R5fState *s)
{
    if (s->running && (!s->module_on || s->reset_held)) {
        s->running = false;
        trace_rprocsim_k3_r5f_stop(s->name, s->module_on, s->reset_held, s->boots);
        k3_r5f_sync(s);
        rprocsim_core_watch_report(&s->watch, RPROCSIM_CORE_OFF);
    } else if (!s->running && s->module_on && !s->reset_held && !s->halt) {
        s->running = true;
        s->boots++;
        trace_rprocsim_k3_r5f_start(s->name, s->boot_vector, s->boots);
        k3_r5f_sync(s);
        rprocsim_core_watch_report(&s->watch, RPROCSIM_CORE_RUNNING);
    }
}

void rprocsim_k3_r5f_set_module(RprocsimK3R5fState *s, bool on)
{
    trace_rprocsim_k3_r5f_module(s->name, on);
    s->module_on = on;
    k3_r5f_update(s);
}

void rprocsim_k3_r5f_set_local_reset(RprocsimK3R5fState *s, bool held)
{
    trace_rprocsim_k3_r5f_local_reset(s->name, held);
    s->reset_held = held;
    k3_r5f_update(s);
}

void rprocsim_k3_r5f_set_halt(RprocsimK3R5fState *s, bool halt)
{
    trace_rprocsim_k3_r5f_halt(s->name, halt, s->running);
    s->halt = halt;
    k3_r5f_update(s);
}

void rprocsim_k3_r5f_set_boot_vector(RprocsimK3R5fState *s, uint32_t addr)
{
    if (addr & 3) {
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-r5f: %s: boot vector 0x%x is not "
                      "word aligned (the core starts in ARM state); using 0x%x\n",
                      s->name, addr, addr & ~3u);
        addr &= ~3u;
    }
    trace_rprocsim_k3_r5f_boot_vector(s->name, addr);
    s->boot_vector = addr;
}

uint32_t rprocsim_k3_r5f_status(RprocsimK3R5fState *s)
{
    CPUState *cs = k3_r5f_cs(s);
    bool on = qatomic_read(&s->cpu.power_state) == PSCI_ON;

    return s->running && on && qatomic_read(&cs->halted) ? TI_SCI_R5_STATUS_WFI : 0;
}

bool rprocsim_k3_r5f_running(RprocsimK3R5fState *s)
{
    return s->running;
}

/* --- control block ------------------------------------------------------- */

static uint64_t k3_r5f_ctl_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimK3R5fState *s = opaque;
    uint32_t v = 0;

    if (addr >= A_FAULT_MSG && addr < A_FAULT_MSG + K3_R5F_CTL_FAULT_MSG_LEN) {
        memcpy(&v, s->fault_msg + (addr - A_FAULT_MSG), 4);
        return le32_to_cpu(v);
    }
    switch (addr) {
    case A_ID:
        return K3_R5F_CTL_ID_VALUE;
    case A_CORE:
        return s->core_index;
    case A_BOOT_COUNT:
        return s->boots;
    case A_MBOX:
        return s->mbox;
    case A_TIME_US:
        /* the virtual clock, cut to 32 bits: nothing of it is the model's state */
        return (uint32_t)qemu_clock_get_us(QEMU_CLOCK_VIRTUAL);
    case A_FAULT_ACTION:
        return s->fault_action;
    case A_FAULT_ARG:
        return s->fault_arg;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-r5f: %s: read of 0x%" HWADDR_PRIx
                      ", not a readable register\n", s->name, addr);
        return 0;
    }
}

static void k3_r5f_ctl_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimK3R5fState *s = opaque;

    switch (addr) {
    case A_FAULT_ACK:
        /* one-shot: taken by the firmware, gone for the next boot */
        trace_rprocsim_k3_r5f_fault_ack(s->name, fault_names[s->fault_action]);
        s->fault_action = K3_R5F_FAULT_NONE;
        k3_r5f_update_irq(s);
        break;
    case A_UART_TX:
        if (rprocsim_uart_put(&s->uart, s->uart_line, value)) {
            trace_rprocsim_k3_r5f_uart(s->name, s->uart_line->str);
            g_string_truncate(s->uart_line, 0);
        }
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-r5f: %s: write of 0x%" PRIx64
                      " to 0x%" HWADDR_PRIx ", not a writable register\n", s->name,
                      value, addr);
        break;
    }
}

static const MemoryRegionOps k3_r5f_ctl_ops =
    RPROCSIM_REG32_OPS(k3_r5f_ctl_read, k3_r5f_ctl_write);

/* --- QOM properties ------------------------------------------------------ */

static void set_fault(Object *obj, const char *value, Error **errp)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(obj);
    RpError err;
    int action = rp_fault_spec_parse(value, fault_names, K3_R5F_FAULT_COUNT, &s->fault_arg,
                                     (char *)s->fault_msg, sizeof(s->fault_msg), &err);

    if (action < 0) {
        error_setg(errp, "%s", err.detail);
        return;
    }
    s->fault_action = action;
    trace_rprocsim_k3_r5f_fault(s->name, fault_names[action], s->fault_arg,
                                (const char *)s->fault_msg);
    k3_r5f_update_irq(s);
}

static char *get_fault(Object *obj, Error **errp)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(obj);

    return rp_fault_spec_format(fault_names, K3_R5F_FAULT_COUNT, s->fault_action,
                                s->fault_arg, (const char *)s->fault_msg,
                                sizeof(s->fault_msg));
}

static bool get_running(Object *obj, Error **errp)
{
    return RPROCSIM_K3_R5F(obj)->running;
}

/* WFI (running, its vCPU halted in WFI), running or off, as the Q6SS says */
static RprocsimCoreState k3_r5f_core_state(void *opaque)
{
    RprocsimK3R5fState *s = opaque;

    if (rprocsim_k3_r5f_status(s) & TI_SCI_R5_STATUS_WFI) {
        return RPROCSIM_CORE_WFI;
    }
    return s->running ? RPROCSIM_CORE_RUNNING : RPROCSIM_CORE_OFF;
}

static char *get_state(Object *obj, Error **errp)
{
    return g_strdup(rprocsim_core_state_name(k3_r5f_core_state(RPROCSIM_K3_R5F(obj))));
}

static void get_status(Object *obj, Visitor *v, const char *name, void *opaque,
                       Error **errp)
{
    uint32_t status = rprocsim_k3_r5f_status(RPROCSIM_K3_R5F(obj));

    visit_type_uint32(v, name, &status, errp);
}

/* The test-only inputs (hw/k3-r5f.h): what TI-SCI would ask */
static void set_x_module_on(Object *obj, bool value, Error **errp)
{
    rprocsim_k3_r5f_set_module(RPROCSIM_K3_R5F(obj), value);
}

static void set_x_local_reset(Object *obj, bool value, Error **errp)
{
    rprocsim_k3_r5f_set_local_reset(RPROCSIM_K3_R5F(obj), value);
}

static void set_x_halt(Object *obj, bool value, Error **errp)
{
    rprocsim_k3_r5f_set_halt(RPROCSIM_K3_R5F(obj), value);
}

static void set_x_boot_vector(Object *obj, Visitor *v, const char *name, void *opaque,
                              Error **errp)
{
    uint32_t addr;

    if (visit_type_uint32(v, name, &addr, errp)) {
        rprocsim_k3_r5f_set_boot_vector(RPROCSIM_K3_R5F(obj), addr);
    }
}

/* --- device -------------------------------------------------------------- */

static void k3_r5f_init(Object *obj)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(obj);

    object_initialize_child(obj, "cluster", &s->cluster, TYPE_CPU_CLUSTER);
    object_initialize_child(OBJECT(&s->cluster), "cpu", &s->cpu,
                            ARM_CPU_TYPE_NAME("cortex-r5f"));
    memory_region_init_io(&s->ctl, obj, &k3_r5f_ctl_ops, s, "k3-r5f-ctl",
                          K3_R5F_CTL_MMIO_SIZE);
    qdev_init_gpio_in(DEVICE(obj), k3_r5f_irq_in, 1);
    s->uart_line = g_string_new(NULL);
    object_property_add_str(obj, "fault", get_fault, set_fault);
    object_property_add_bool(obj, "running", get_running, NULL);
    object_property_add_str(obj, "state", get_state, NULL);
    object_property_add(obj, "status", "uint32", get_status, NULL, NULL, NULL);
    object_property_add_uint32_ptr(obj, "boot-count", &s->boots, OBJ_PROP_FLAG_READ);
    object_property_add_bool(obj, "x-module-on", NULL, set_x_module_on);
    object_property_add_bool(obj, "x-local-reset", NULL, set_x_local_reset);
    object_property_add_bool(obj, "x-halt", NULL, set_x_halt);
    object_property_add(obj, "x-boot-vector", "uint32", NULL, set_x_boot_vector,
                        NULL, NULL);
}

static void k3_r5f_finalize(Object *obj)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(obj);

    g_string_free(s->uart_line, TRUE);
    rprocsim_core_watch_finalize(&s->watch, &s->cpu);
}

/* The core's view (am64x-map.h): TCMs at their R5 addresses, DDR, mailbox, control */
static void k3_r5f_init_space(RprocsimK3R5fState *s)
{
    Object *obj = OBJECT(s);

    memory_region_init(&s->space, obj, "k3-r5f-space", 4 * GiB);
    memory_region_init_alias(&s->atcm_alias, obj, "atcm-r5", &s->atcm, 0, s->atcm_size);
    memory_region_add_subregion(&s->space, AM64X_SIM_R5F_ATCM_LOCAL, &s->atcm_alias);
    memory_region_init_alias(&s->btcm_alias, obj, "btcm-r5", &s->btcm, 0, s->btcm_size);
    memory_region_add_subregion(&s->space, AM64X_SIM_R5F_BTCM_LOCAL, &s->btcm_alias);
    memory_region_init_alias(&s->ram_alias, obj, "ddr", s->ram, 0,
                             memory_region_size(s->ram));
    memory_region_add_subregion(&s->space, s->ram_base, &s->ram_alias);
    if (s->mailbox) {
        memory_region_init_alias(&s->mailbox_alias, obj, "mailbox", s->mailbox, 0,
                                 memory_region_size(s->mailbox));
        memory_region_add_subregion(&s->space, s->mailbox_base, &s->mailbox_alias);
    }
    memory_region_add_subregion(&s->space, AM64X_SIM_R5F_CTL_BASE, &s->ctl);
}

static void k3_r5f_realize(DeviceState *dev, Error **errp)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    Object *cpu = OBJECT(&s->cpu);
    g_autofree char *atcm_name = NULL;
    g_autofree char *btcm_name = NULL;

    if (!s->name || !s->ram) {
        error_setg(errp, "rprocsim-k3-r5f needs 'name' and the 'ram' link");
        return;
    }
    if (!s->atcm_size || !s->btcm_size ||
        s->atcm_size > AM64X_SIM_R5F_BTCM_LOCAL - AM64X_SIM_R5F_ATCM_LOCAL ||
        s->btcm_size > AM64X_SIM_R5F_CTL_BASE - AM64X_SIM_R5F_BTCM_LOCAL) {
        error_setg(errp, "rprocsim-k3-r5f %s: TCM sizes 0x%x/0x%x do not fit the "
                   "core's map", s->name, s->atcm_size, s->btcm_size);
        return;
    }
    /* RAMBlock names are global (migration matches them): the core's name in them */
    atcm_name = g_strdup_printf("%s.atcm", s->name);
    btcm_name = g_strdup_printf("%s.btcm", s->name);
    if (!memory_region_init_ram(&s->atcm, OBJECT(s), atcm_name, s->atcm_size, errp) ||
        !memory_region_init_ram(&s->btcm, OBJECT(s), btcm_name, s->btcm_size, errp)) {
        return;
    }
    sysbus_init_mmio(sbd, &s->atcm);
    sysbus_init_mmio(sbd, &s->btcm);
    k3_r5f_init_space(s);

    /* off until TI-SCI releases it; an MPIDR no PSCI call reaches */
    qdev_prop_set_uint32(DEVICE(&s->cluster), "cluster-id", s->cluster_id);
    object_property_set_bool(cpu, "start-powered-off", true, &error_abort);
    object_property_set_uint(cpu, "mp-affinity", s->mp_affinity, &error_abort);
    object_property_set_link(cpu, "memory", OBJECT(&s->space), &error_abort);
    if (!qdev_realize(DEVICE(cpu), NULL, errp) ||
        !qdev_realize(DEVICE(&s->cluster), NULL, errp)) {
        return;
    }
    s->cpu_irq = qdev_get_gpio_in(DEVICE(cpu), ARM_CPU_IRQ);
    rprocsim_core_watch_init(&s->watch, &s->cpu, s->name, &s->boots, k3_r5f_core_state, s);
    trace_rprocsim_k3_r5f_realize(s->name, s->cluster_id, s->mp_affinity,
                                  s->atcm_size, s->btcm_size);
}

/*
 * The core and its block as at power-on: the vCPU off (CPUs are on no bus,
 * so the block resets it), module off, local reset released, HALT clear,
 * boot vector 0 (the DMSC's device table at its reset, hw/ti-sci.c), no
 * fault.
 */
static void k3_r5f_reset_hold(Object *obj, ResetType type)
{
    RprocsimK3R5fState *s = RPROCSIM_K3_R5F(obj);

    cpu_reset(k3_r5f_cs(s));
    rprocsim_core_watch_reset(&s->watch);
    s->module_on = false;
    s->reset_held = false;
    s->halt = false;
    s->running = false;
    s->boot_vector = 0;
    s->boots = 0;
    s->applied_boots = 0;
    s->fault_action = K3_R5F_FAULT_NONE;
    s->fault_arg = 0;
    memset(s->fault_msg, 0, sizeof(s->fault_msg));
}

static void k3_r5f_reset_exit(Object *obj, ResetType type)
{
    k3_r5f_update_irq(RPROCSIM_K3_R5F(obj));
}

/* Refuse state the model could not have produced; bring the vCPU to it */
static int k3_r5f_post_load(void *opaque, int version_id)
{
    RprocsimK3R5fState *s = opaque;

    if (s->fault_action >= K3_R5F_FAULT_COUNT ||
        (s->running && !(s->module_on && !s->reset_held && s->boots > 0))) {
        return -EINVAL;
    }
    s->fault_msg[K3_R5F_CTL_FAULT_MSG_LEN - 1] = '\0';
    k3_r5f_sync(s);
    return 0;
}

static const VMStateDescription vmstate_k3_r5f = {
    .name = TYPE_RPROCSIM_K3_R5F,
    .version_id = 2,
    .minimum_version_id = 2,
    .post_load = k3_r5f_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_BOOL(module_on, RprocsimK3R5fState),
        VMSTATE_BOOL(reset_held, RprocsimK3R5fState),
        VMSTATE_BOOL(halt, RprocsimK3R5fState),
        VMSTATE_BOOL(running, RprocsimK3R5fState),
        VMSTATE_UINT32(boot_vector, RprocsimK3R5fState),
        VMSTATE_UINT32(boots, RprocsimK3R5fState),
        VMSTATE_UINT32(applied_boots, RprocsimK3R5fState),
        VMSTATE_BOOL(irq_in, RprocsimK3R5fState),
        VMSTATE_UINT32(fault_action, RprocsimK3R5fState),
        VMSTATE_UINT32(fault_arg, RprocsimK3R5fState),
        VMSTATE_BUFFER(fault_msg, RprocsimK3R5fState),
        VMSTATE_STRUCT(watch, RprocsimK3R5fState, 0, vmstate_rprocsim_core_watch,
                       RprocsimCoreWatch),
        VMSTATE_END_OF_LIST()
    },
};

static const Property k3_r5f_properties[] = {
    DEFINE_PROP_STRING("name", RprocsimK3R5fState, name),
    DEFINE_PROP_UINT32("core-index", RprocsimK3R5fState, core_index, 0),
    DEFINE_PROP_UINT32("cluster-id", RprocsimK3R5fState, cluster_id, 1),
    DEFINE_PROP_UINT64("mp-affinity", RprocsimK3R5fState, mp_affinity, 0x800000),
    DEFINE_PROP_UINT32("atcm-size", RprocsimK3R5fState, atcm_size, 0x10000),
    DEFINE_PROP_UINT32("btcm-size", RprocsimK3R5fState, btcm_size, 0x10000),
    DEFINE_PROP_UINT32("sci-dev-id", RprocsimK3R5fState, sci_dev_id, 0),
    DEFINE_PROP_UINT32("sci-proc-id", RprocsimK3R5fState, sci_proc_id, 0),
    DEFINE_PROP_UINT32("mbox", RprocsimK3R5fState, mbox, 0),
    DEFINE_PROP_LINK("ram", RprocsimK3R5fState, ram, TYPE_MEMORY_REGION, MemoryRegion *),
    DEFINE_PROP_UINT64("ram-base", RprocsimK3R5fState, ram_base, AM64X_SIM_DRAM_BASE),
    DEFINE_PROP_LINK("mailbox", RprocsimK3R5fState, mailbox, TYPE_MEMORY_REGION,
                     MemoryRegion *),
    DEFINE_PROP_UINT64("mailbox-base", RprocsimK3R5fState, mailbox_base,
                       AM64X_SIM_MBOX_BASE),
    DEFINE_PROP_CHR("chardev", RprocsimK3R5fState, uart),
};

static void k3_r5f_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "TI K3 R5F core: Cortex-R5F, TCMs and control block (rprocsim)";
    dc->realize = k3_r5f_realize;
    dc->vmsd = &vmstate_k3_r5f;
    dc->user_creatable = false;
    device_class_set_props(dc, k3_r5f_properties);
    rc->phases.hold = k3_r5f_reset_hold;
    rc->phases.exit = k3_r5f_reset_exit;
}
