/*
 * rprocsim Q6SS: subsystem control block around a stand-in core.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/core/cpu.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/arm/armv7m.h"
#include "target/arm/cpu.h"
#include "target/arm/arm-powerctl.h"
#include "hw/rprocsim/hw/core-state.h"
#include "hw/rprocsim/hw/debug-uart.h"
#include "hw/rprocsim/hw/q6ss.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"
#include "hw/rprocsim/models/fault-spec.h"
#include "rprocsim/ssctl.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimQ6ssState, q6ss, RPROCSIM_Q6SS, SYS_BUS_DEVICE)

/* The map of rprocsim/q6ss-regs.h, in registerfields.h terms */
REG32(ID, Q6SS_REG_ID)
REG32(STATUS, Q6SS_REG_STATUS)
    FIELD(STATUS, POWERED, Q6SS_STATUS_POWERED_SHIFT, 1)
    FIELD(STATUS, RUNNING, Q6SS_STATUS_RUNNING_SHIFT, 1)
    FIELD(STATUS, WFI, Q6SS_STATUS_WFI_SHIFT, 1)
    FIELD(STATUS, BITTEN, Q6SS_STATUS_BITTEN_SHIFT, 1)
REG32(BOOT_COUNT, Q6SS_REG_BOOT_COUNT)
REG32(HOST_ID, Q6SS_REG_HOST_ID)
REG32(IPCC_CLIENT, Q6SS_REG_IPCC_CLIENT)
REG32(SMEM_ITEMS, Q6SS_REG_SMEM_ITEMS)
    FIELD(SMEM_ITEMS, IN, Q6SS_SMEM_ITEMS_IN_SHIFT, Q6SS_SMEM_ITEMS_WIDTH)
    FIELD(SMEM_ITEMS, OUT, Q6SS_SMEM_ITEMS_OUT_SHIFT, Q6SS_SMEM_ITEMS_WIDTH)
REG32(CRASH_ITEM, Q6SS_REG_CRASH_ITEM)
REG32(MINIDUMP_ID, Q6SS_REG_MINIDUMP_ID)
REG32(SSCTL_ID, Q6SS_REG_SSCTL_ID)
REG32(WDOG_PET, Q6SS_REG_WDOG_PET)
REG32(WDOG_CTL, Q6SS_REG_WDOG_CTL)
    FIELD(WDOG_CTL, ENABLE, Q6SS_WDOG_CTL_ENABLE_SHIFT, 1)
REG32(WDOG_BARK_TIME, Q6SS_REG_WDOG_BARK_TIME)
REG32(WDOG_BITE_TIME, Q6SS_REG_WDOG_BITE_TIME)
REG32(WDOG_STATUS, Q6SS_REG_WDOG_STATUS)
    FIELD(WDOG_STATUS, BARKED, Q6SS_WDOG_STATUS_BARKED_SHIFT, 1)
    FIELD(WDOG_STATUS, BITTEN, Q6SS_WDOG_STATUS_BITTEN_SHIFT, 1)
REG32(FAULT_ACTION, Q6SS_REG_FAULT_ACTION)
REG32(FAULT_ARG, Q6SS_REG_FAULT_ARG)
REG32(FAULT_ACK, Q6SS_REG_FAULT_ACK)
REG32(FAULT_MSG, Q6SS_REG_FAULT_MSG)
REG32(SSR_NAME, Q6SS_REG_SSR_NAME)
REG32(SSR_EVENT, Q6SS_REG_SSR_EVENT)
    FIELD(SSR_EVENT, TYPE, Q6SS_SSR_EVENT_TYPE_SHIFT, Q6SS_SSR_EVENT_TYPE_WIDTH)
    FIELD(SSR_EVENT, DRIVEN, Q6SS_SSR_EVENT_DRIVEN_SHIFT, Q6SS_SSR_EVENT_DRIVEN_WIDTH)
REG32(UART_TX, Q6SS_REG_UART_TX)

static ARMCPU *q6ss_cpu(RprocsimQ6ssState *s)
{
    return ARMV7M(s->core)->cpu;
}

/* Bitten since the last release: the watchdog status says so until then */
static bool q6ss_bitten(RprocsimQ6ssState *s)
{
    return FIELD_EX32(s->wdog_status, WDOG_STATUS, BITTEN);
}

uint32_t rprocsim_q6ss_status(RprocsimQ6ssState *s)
{
    ARMCPU *cpu = q6ss_cpu(s);
    bool powered = qatomic_read(&cpu->power_state) == PSCI_ON;
    bool halted = qatomic_read(&CPU(cpu)->halted);
    uint32_t v = 0;

    v = FIELD_DP32(v, STATUS, POWERED, powered);
    v = FIELD_DP32(v, STATUS, RUNNING, powered && !halted);
    v = FIELD_DP32(v, STATUS, WFI, powered && halted);
    v = FIELD_DP32(v, STATUS, BITTEN, q6ss_bitten(s));
    return v;
}

static void q6ss_wdog_stop(RprocsimQ6ssState *s)
{
    timer_del(s->bark_timer);
    timer_del(s->bite_timer);
}

static int64_t ticks_to_ns(uint32_t ticks)
{
    return muldiv64(ticks, NANOSECONDS_PER_SECOND, Q6SS_SLEEP_CLK_HZ);
}

/* Arm bark and bite from now (a pet, or enabling) */
static void q6ss_wdog_pet(RprocsimQ6ssState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    q6ss_wdog_stop(s);
    s->wdog_status = 0;
    qemu_set_irq(s->bark_irq, 0);
    if (!FIELD_EX32(s->wdog_ctl, WDOG_CTL, ENABLE)) {
        return;
    }
    if (s->wdog_bark) {
        timer_mod(s->bark_timer, now + ticks_to_ns(s->wdog_bark));
    }
    if (s->wdog_bite) {
        timer_mod(s->bite_timer, now + ticks_to_ns(s->wdog_bite));
    }
}

/*
 * Power the core off (arm-powerctl), unless it is off already (a bitten
 * core is, when TrustZone shuts the subsystem down).
 */
static void q6ss_power_off(RprocsimQ6ssState *s)
{
    ARMCPU *cpu = q6ss_cpu(s);

    if (cpu->power_state != PSCI_OFF) {
        arm_set_cpu_off(arm_cpu_mp_affinity(cpu));
    }
}

/*
 * Runs on the core itself, after any power-off queued before it (the work
 * queue is in order): power it on from reset, at its vector table.
 */
static void q6ss_power_on_work(CPUState *cs, run_on_cpu_data data)
{
    int ret = arm_set_cpu_on_and_reset(arm_cpu_mp_affinity(ARM_CPU(cs)));

    if (ret != QEMU_ARM_POWERCTL_RET_SUCCESS) {
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-q6ss: stand-in core %d did not "
                      "power on (arm-powerctl %d)\n", cs->cpu_index, ret);
    }
}

void rprocsim_q6ss_release(RprocsimQ6ssState *s, uint64_t entry, uint64_t vector_base)
{
    ARMCPU *cpu = q6ss_cpu(s);
    uint32_t reset_vector = 0;

    s->entry = entry;
    s->vector_base = vector_base;
    s->boots++;
    s->wdog_ctl = 0;
    s->wdog_status = 0;
    q6ss_wdog_stop(s);
    address_space_read(CPU(cpu)->as, vector_base + 4, MEMTXATTRS_UNSPECIFIED,
                       &reset_vector, 4);
    reset_vector = le32_to_cpu(reset_vector);
    if (reset_vector != (uint32_t)entry) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s: reset vector 0x%x is not the image "
                      "entry 0x%" PRIx64 "\n", __func__, s->name, reset_vector, entry);
    }
    object_property_set_uint(OBJECT(cpu), "init-nsvtor", vector_base, &error_abort);
    /*
     * A subsystem restart resets the whole core: its interrupt controller
     * (active exceptions of a crash left behind) and its SysTick too.
     */
    resettable_reset(OBJECT(&ARMV7M(s->core)->nvic), RESET_TYPE_COLD);
    resettable_reset(OBJECT(&ARMV7M(s->core)->systick[M_REG_NS]), RESET_TYPE_COLD);
    trace_rprocsim_q6ss_release(s->name, vector_base, entry, s->boots);
    rprocsim_core_watch_report(&s->watch, RPROCSIM_CORE_RUNNING);
    async_run_on_cpu(CPU(cpu), q6ss_power_on_work, RUN_ON_CPU_NULL);
}

void rprocsim_q6ss_halt(RprocsimQ6ssState *s)
{
    q6ss_wdog_stop(s);
    qemu_set_irq(s->bark_irq, 0);
    qemu_set_irq(s->fault_irq, 0);
    trace_rprocsim_q6ss_halt(s->name);
    rprocsim_core_watch_report(&s->watch, RPROCSIM_CORE_OFF);
    q6ss_power_off(s);
}

static void q6ss_bark(void *opaque)
{
    RprocsimQ6ssState *s = opaque;

    s->wdog_status = FIELD_DP32(s->wdog_status, WDOG_STATUS, BARKED, 1);
    trace_rprocsim_q6ss_wdog_bark(s->name);
    qemu_set_irq(s->bark_irq, 1);
}

/* A bite: the core stops where it is, Linux gets the wdog interrupt */
static void q6ss_bite(void *opaque)
{
    RprocsimQ6ssState *s = opaque;

    s->wdog_status = FIELD_DP32(s->wdog_status, WDOG_STATUS, BITTEN, 1);
    trace_rprocsim_q6ss_wdog_bite(s->name);
    rprocsim_core_watch_report(&s->watch, RPROCSIM_CORE_BITTEN);
    timer_del(s->bark_timer);
    q6ss_power_off(s);
    qemu_irq_pulse(s->wdog_irq);
}

static uint64_t q6ss_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimQ6ssState *s = opaque;
    uint32_t v = 0;

    if (addr >= A_FAULT_MSG && addr < A_FAULT_MSG + Q6SS_FAULT_MSG_LEN) {
        memcpy(&v, s->fault_msg + (addr - A_FAULT_MSG), 4);
        return le32_to_cpu(v);
    }
    switch (addr) {
    case A_ID:
        return Q6SS_ID_VALUE;
    case A_STATUS:
        return rprocsim_q6ss_status(s);
    case A_BOOT_COUNT:
        return s->boots;
    case A_HOST_ID:
        return s->host_id;
    case A_IPCC_CLIENT:
        return s->ipcc_client;
    case A_SMEM_ITEMS:
        v = FIELD_DP32(v, SMEM_ITEMS, IN, s->smp2p_in_item);
        return FIELD_DP32(v, SMEM_ITEMS, OUT, s->smp2p_out_item);
    case A_CRASH_ITEM:
        return s->crash_item;
    case A_MINIDUMP_ID:
        return s->minidump_id;
    case A_SSCTL_ID:
        return s->ssctl_id;
    case A_WDOG_CTL:
        return s->wdog_ctl;
    case A_WDOG_BARK_TIME:
        return s->wdog_bark;
    case A_WDOG_BITE_TIME:
        return s->wdog_bite;
    case A_WDOG_STATUS:
        return s->wdog_status;
    case A_FAULT_ACTION:
        return s->fault_action;
    case A_FAULT_ARG:
        return s->fault_arg;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s: read of 0x%" HWADDR_PRIx
                      ", not a readable register\n", __func__, s->name, addr);
        return 0;
    }
}

static void q6ss_uart_byte(RprocsimQ6ssState *s, uint8_t c)
{
    if (rprocsim_uart_put(&s->uart, s->uart_line, c)) {
        trace_rprocsim_q6ss_uart(s->name, s->uart_line->str);
        g_string_truncate(s->uart_line, 0);
    }
}

/* SSR_EVENT written: log the event the firmware heard about a peer */
static void q6ss_ssr_event(RprocsimQ6ssState *s, uint32_t value)
{
    uint32_t slot = s->ssr_count % Q6SS_SSR_LOG_LEN;
    char name[Q6SS_SSR_NAME_LEN + 1];

    memcpy(s->ssr_log_name[slot], s->ssr_name, Q6SS_SSR_NAME_LEN);
    s->ssr_log_event[slot] = value;
    s->ssr_count++;
    memcpy(name, s->ssr_name, Q6SS_SSR_NAME_LEN);
    name[Q6SS_SSR_NAME_LEN] = '\0';
    trace_rprocsim_q6ss_ssr_event(s->name, name, FIELD_EX32(value, SSR_EVENT, TYPE),
                                  FIELD_EX32(value, SSR_EVENT, DRIVEN));
}

static void q6ss_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimQ6ssState *s = opaque;

    if (addr >= A_SSR_NAME && addr < A_SSR_NAME + Q6SS_SSR_NAME_LEN) {
        uint32_t v = cpu_to_le32(value);

        memcpy(s->ssr_name + (addr - A_SSR_NAME), &v, 4);
        return;
    }
    switch (addr) {
    case A_SSR_EVENT:
        q6ss_ssr_event(s, value);
        break;
    case A_WDOG_PET:
        q6ss_wdog_pet(s);
        break;
    case A_WDOG_CTL:
        s->wdog_ctl = value & R_WDOG_CTL_ENABLE_MASK;
        trace_rprocsim_q6ss_wdog_ctl(s->name, s->wdog_ctl, s->wdog_bark, s->wdog_bite);
        q6ss_wdog_pet(s);
        break;
    case A_WDOG_BARK_TIME:
        s->wdog_bark = value;
        break;
    case A_WDOG_BITE_TIME:
        s->wdog_bite = value;
        break;
    case A_FAULT_ACK:
        /* faults are one-shot: taken by the firmware, gone for the next boot */
        s->fault_action = Q6SS_FAULT_NONE;
        qemu_set_irq(s->fault_irq, 0);
        break;
    case A_UART_TX:
        q6ss_uart_byte(s, value);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: %s: write of 0x%" PRIx64 " to 0x%"
                      HWADDR_PRIx ", not a writable register\n", __func__, s->name,
                      value, addr);
        break;
    }
}

static const MemoryRegionOps q6ss_ops = RPROCSIM_REG32_OPS(q6ss_read, q6ss_write);

/*
 * QOM "fault": "ACTION[:ARG][:MESSAGE]" with ACTION one of the names
 * below, e.g. "fatal::dsp fell over", "ready-delay:300", "none". The
 * firmware sees it in FAULT_* and gets the fault interrupt if it runs.
 */
#define Q6SS_FAULT_NAME_(id, name) [Q6SS_FAULT_##id] = name,
static const char *const fault_names[Q6SS_FAULT_COUNT] = {
    Q6SS_FAULTS(Q6SS_FAULT_NAME_)
};
#undef Q6SS_FAULT_NAME_

static void set_fault(Object *obj, const char *value, Error **errp)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);
    RpError err;
    int action = rp_fault_spec_parse(value, fault_names, Q6SS_FAULT_COUNT, &s->fault_arg,
                                     (char *)s->fault_msg, sizeof(s->fault_msg), &err);

    if (action < 0) {
        error_setg(errp, "%s", err.detail);
        return;
    }
    s->fault_action = action;
    trace_rprocsim_q6ss_fault(s->name, fault_names[action], s->fault_arg,
                              (const char *)s->fault_msg);
    qemu_set_irq(s->fault_irq, action != Q6SS_FAULT_NONE);
}

static char *get_fault(Object *obj, Error **errp)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);

    return rp_fault_spec_format(fault_names, Q6SS_FAULT_COUNT, s->fault_action,
                                s->fault_arg, (const char *)s->fault_msg,
                                sizeof(s->fault_msg));
}

/* The core as the STATUS register has it, for the QOM "state" and its events */
static RprocsimCoreState q6ss_core_state(void *opaque)
{
    RprocsimQ6ssState *s = opaque;
    uint32_t st = rprocsim_q6ss_status(s);

    if (FIELD_EX32(st, STATUS, WFI)) {
        return RPROCSIM_CORE_WFI;
    }
    if (FIELD_EX32(st, STATUS, RUNNING)) {
        return RPROCSIM_CORE_RUNNING;
    }
    return q6ss_bitten(s) ? RPROCSIM_CORE_BITTEN : RPROCSIM_CORE_OFF;
}

static char *get_state(Object *obj, Error **errp)
{
    return g_strdup(rprocsim_core_state_name(q6ss_core_state(RPROCSIM_Q6SS(obj))));
}

/*
 * QOM "ssr-events": the SSR events the firmware heard about its peers,
 * oldest first, comma-separated, each "PEER:EVENT" and ":graceful" or
 * ":forced" when sysmon said which ("cdsp:before_shutdown:graceful").
 * Empty when none. At most Q6SS_SSR_LOG_LEN, the latest.
 */
static char *get_ssr_events(Object *obj, Error **errp)
{
#define Q6SS_SSR_EVENT_NAME_(id, name) name,
    static const char *const events[] = { RP_SSCTL_EVENTS(Q6SS_SSR_EVENT_NAME_) };
#undef Q6SS_SSR_EVENT_NAME_
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);
    GString *out = g_string_new(NULL);
    uint32_t n = MIN(s->ssr_count, Q6SS_SSR_LOG_LEN);

    for (uint32_t i = s->ssr_count - n; i < s->ssr_count; i++) {
        uint32_t slot = i % Q6SS_SSR_LOG_LEN;
        uint32_t type = FIELD_EX32(s->ssr_log_event[slot], SSR_EVENT, TYPE);
        uint32_t driven = FIELD_EX32(s->ssr_log_event[slot], SSR_EVENT, DRIVEN);

        g_string_append_printf(out, "%s%.*s:%s", out->len ? "," : "", Q6SS_SSR_NAME_LEN,
                               (const char *)s->ssr_log_name[slot],
                               type < ARRAY_SIZE(events) ? events[type] : "unknown");
        if (driven == RP_SSCTL_EVT_GRACEFUL || driven == RP_SSCTL_EVT_FORCED) {
            g_string_append(out, driven == RP_SSCTL_EVT_GRACEFUL ? ":graceful" : ":forced");
        }
    }
    return g_string_free(out, FALSE);
}

static void q6ss_init(Object *obj)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

    memory_region_init_io(&s->iomem, obj, &q6ss_ops, s, TYPE_RPROCSIM_Q6SS,
                          Q6SS_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->iomem);
    sysbus_init_irq(sbd, &s->wdog_irq);
    sysbus_init_irq(sbd, &s->fault_irq);
    sysbus_init_irq(sbd, &s->bark_irq);
    s->uart_line = g_string_new(NULL);
    object_property_add_str(obj, "fault", get_fault, set_fault);
    object_property_add_str(obj, "state", get_state, NULL);
    object_property_add_str(obj, "ssr-events", get_ssr_events, NULL);
    object_property_add_uint32_ptr(obj, "ssr-event-count", &s->ssr_count, OBJ_PROP_FLAG_READ);
}

static void q6ss_realize(DeviceState *dev, Error **errp)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(dev);

    if (!s->name || !s->core) {
        error_setg(errp, "rprocsim-q6ss needs 'name' and the 'core' link");
        return;
    }
    s->bark_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, q6ss_bark, s);
    s->bite_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, q6ss_bite, s);
    rprocsim_core_watch_init(&s->watch, q6ss_cpu(s), s->name, &s->boots,
                             q6ss_core_state, s);
}

static void q6ss_finalize(Object *obj)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);

    g_string_free(s->uart_line, TRUE);
    if (s->bark_timer) {
        timer_free(s->bark_timer);
        timer_free(s->bite_timer);
        rprocsim_core_watch_finalize(&s->watch, q6ss_cpu(s));
    }
}

static void q6ss_reset_hold(Object *obj, ResetType type)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);

    q6ss_wdog_stop(s);
    rprocsim_core_watch_reset(&s->watch);
    s->boots = 0;
    s->entry = s->vector_base = 0;
    s->wdog_ctl = s->wdog_bark = s->wdog_bite = s->wdog_status = 0;
    s->fault_action = s->fault_arg = 0;
    memset(s->fault_msg, 0, sizeof(s->fault_msg));
    memset(s->ssr_name, 0, sizeof(s->ssr_name));
    memset(s->ssr_log_name, 0, sizeof(s->ssr_log_name));
    memset(s->ssr_log_event, 0, sizeof(s->ssr_log_event));
    s->ssr_count = 0;
}

static void q6ss_reset_exit(Object *obj, ResetType type)
{
    RprocsimQ6ssState *s = RPROCSIM_Q6SS(obj);

    qemu_set_irq(s->fault_irq, 0);
    qemu_set_irq(s->bark_irq, 0);
}

/* Refuse state the model could not have produced */
static int q6ss_post_load(void *opaque, int version_id)
{
    RprocsimQ6ssState *s = opaque;

    if (s->fault_action >= Q6SS_FAULT_COUNT) {
        return -EINVAL;
    }
    s->fault_msg[Q6SS_FAULT_MSG_LEN - 1] = '\0';
    return 0;
}

static const VMStateDescription vmstate_q6ss = {
    .name = TYPE_RPROCSIM_Q6SS,
    .version_id = 4,
    .minimum_version_id = 4,
    .post_load = q6ss_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(boots, RprocsimQ6ssState),
        VMSTATE_UINT64(entry, RprocsimQ6ssState),
        VMSTATE_UINT64(vector_base, RprocsimQ6ssState),
        VMSTATE_UINT32(wdog_ctl, RprocsimQ6ssState),
        VMSTATE_UINT32(wdog_bark, RprocsimQ6ssState),
        VMSTATE_UINT32(wdog_bite, RprocsimQ6ssState),
        VMSTATE_UINT32(wdog_status, RprocsimQ6ssState),
        VMSTATE_TIMER_PTR(bark_timer, RprocsimQ6ssState),
        VMSTATE_TIMER_PTR(bite_timer, RprocsimQ6ssState),
        VMSTATE_UINT32(fault_action, RprocsimQ6ssState),
        VMSTATE_UINT32(fault_arg, RprocsimQ6ssState),
        VMSTATE_BUFFER(fault_msg, RprocsimQ6ssState),
        VMSTATE_BUFFER(ssr_name, RprocsimQ6ssState),
        VMSTATE_UINT8_2DARRAY(ssr_log_name, RprocsimQ6ssState, Q6SS_SSR_LOG_LEN,
                              Q6SS_SSR_NAME_LEN),
        VMSTATE_UINT32_ARRAY(ssr_log_event, RprocsimQ6ssState, Q6SS_SSR_LOG_LEN),
        VMSTATE_UINT32(ssr_count, RprocsimQ6ssState),
        VMSTATE_STRUCT(watch, RprocsimQ6ssState, 0, vmstate_rprocsim_core_watch,
                       RprocsimCoreWatch),
        VMSTATE_END_OF_LIST()
    },
};

static const Property q6ss_properties[] = {
    DEFINE_PROP_STRING("name", RprocsimQ6ssState, name),
    DEFINE_PROP_LINK("core", RprocsimQ6ssState, core, TYPE_ARMV7M, Object *),
    DEFINE_PROP_UINT32("host-id", RprocsimQ6ssState, host_id, 0),
    DEFINE_PROP_UINT32("ipcc-client", RprocsimQ6ssState, ipcc_client, 0),
    DEFINE_PROP_UINT32("smp2p-in-item", RprocsimQ6ssState, smp2p_in_item, 0),
    DEFINE_PROP_UINT32("smp2p-out-item", RprocsimQ6ssState, smp2p_out_item, 0),
    DEFINE_PROP_UINT32("crash-item", RprocsimQ6ssState, crash_item, 0),
    DEFINE_PROP_UINT32("minidump-id", RprocsimQ6ssState, minidump_id, 0),
    DEFINE_PROP_UINT32("ssctl-id", RprocsimQ6ssState, ssctl_id, 0),
    DEFINE_PROP_CHR("chardev", RprocsimQ6ssState, uart),
};

static void q6ss_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Qualcomm Q6SS subsystem control, simulated (rprocsim)";
    dc->realize = q6ss_realize;
    dc->vmsd = &vmstate_q6ss;
    dc->user_creatable = false;
    device_class_set_props(dc, q6ss_properties);
    rc->phases.hold = q6ss_reset_hold;
    rc->phases.exit = q6ss_reset_exit;
}
