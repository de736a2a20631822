/*
 * rprocsim TrustZone: SiP SMC service of the simulated secure world.
 *
 * Thin QEMU shell around models/scm.c and models/pas.c: guest memory
 * access, trace events, QOM properties, VMState. The behaviour follows
 * drivers/firmware/qcom/qcom_scm.c (Linux 6.12) and docs/trustzone.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "exec/address-spaces.h"
#include "migration/vmstate.h"
#include "hw/qdev-properties.h"
#include "hw/rprocsim/hw/trustzone.h"
#include "hw/rprocsim/models/subsys.h"
#include "hw/rprocsim/models/simsig.h"
#include "hw/rprocsim/trace.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimTzState, rprocsim_tz, RPROCSIM_TZ, SYS_BUS_DEVICE)

/* Guest physical reads for the models; only RAM answers. */
static bool tz_read_phys(void *opaque, uint64_t addr, void *buf, size_t len)
{
    return address_space_read(&address_space_memory, addr,
                              MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

/*
 * XPU locks: each subsystem's carveout is locked while its PAS slot is
 * RUNNING. Called whenever a slot may have changed state (release, halt,
 * reset, migration).
 */
static void tz_xpu_sync(RprocsimTzState *s)
{
    for (unsigned i = 0; i < s->subsys_count; i++) {
        MemoryRegion *mr = &s->xpu[i].mr;
        bool locked = s->scm.pas.slot[i].state == PAS_STATE_RUNNING;

        if (mr->enabled != locked) {
            trace_rprocsim_tz_xpu_lock(s->subsys[i].name, s->subsys[i].carveout_base,
                                       s->subsys[i].carveout_size,
                                       locked ? "locked" : "unlocked");
            memory_region_set_enabled(mr, locked);
        }
    }
}

/* The guest physical address of @addr in lock @x */
static hwaddr tz_xpu_phys(RprocsimTzXpu *x, hwaddr addr)
{
    return x->tz->subsys[x->index].carveout_base + addr;
}

/* An AP access to a locked carveout: counted, traced and logged, then refused */
static MemTxResult tz_xpu_refuse(RprocsimTzXpu *x, hwaddr addr, unsigned size,
                                 bool is_write)
{
    RprocsimTzState *s = x->tz;
    const RprocsimSubsys *sub = &s->subsys[x->index];
    uint64_t pa = tz_xpu_phys(x, addr);
    const char *access = is_write ? "write" : "read";

    s->xpu_violations[x->index]++;
    trace_rprocsim_tz_xpu_refused(sub->name, access, pa, size,
                                  s->xpu_violations[x->index]);
    qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-trustzone: %s carveout is locked "
                  "(XPU): AP %s of %u bytes at 0x%" PRIx64 " refused\n",
                  sub->name, access, size, pa);
    return MEMTX_ERROR;
}

static MemTxResult tz_xpu_read(void *opaque, hwaddr addr, uint64_t *data,
                               unsigned size, MemTxAttrs attrs)
{
    RprocsimTzXpu *x = opaque;
    uint8_t buf[8] = { 0 };
    MemTxResult r;

    *data = 0;
    if (!attrs.unspecified) {
        return tz_xpu_refuse(x, addr, size, false);
    }
    /* QEMU's own access (QMP pmemsave, qtest, the monitor): DRAM as it is */
    r = address_space_read(&x->tz->dram_as, tz_xpu_phys(x, addr), attrs,
                           buf, size);
    *data = ldn_le_p(buf, size);
    return r;
}

static MemTxResult tz_xpu_write(void *opaque, hwaddr addr, uint64_t data,
                                unsigned size, MemTxAttrs attrs)
{
    RprocsimTzXpu *x = opaque;
    uint8_t buf[8];

    if (!attrs.unspecified) {
        return tz_xpu_refuse(x, addr, size, true);
    }
    stn_le_p(buf, size, data);
    return address_space_write(&x->tz->dram_as, tz_xpu_phys(x, addr), attrs,
                               buf, size);
}

static const MemoryRegionOps tz_xpu_ops = {
    .read_with_attrs = tz_xpu_read,
    .write_with_attrs = tz_xpu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    /* one access, one refusal: the memory core splits nothing */
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static void tz_release(void *opaque, unsigned index, const RprocsimSubsys *sub,
                       const PasSlot *slot)
{
    RprocsimTzState *s = opaque;

    trace_rprocsim_tz_release(sub->name, sub->pas_id, slot->entry,
                              slot->load_base, slot->boots);
    tz_xpu_sync(s);
    if (s->q6ss[index]) {
        rprocsim_q6ss_release(s->q6ss[index], slot->entry, slot->load_base);
    }
}

static void tz_halt(void *opaque, unsigned index, const RprocsimSubsys *sub)
{
    RprocsimTzState *s = opaque;

    trace_rprocsim_tz_halt(sub->name, sub->pas_id);
    if (s->q6ss[index]) {
        rprocsim_q6ss_halt(s->q6ss[index]);
    }
    tz_xpu_sync(s);
}

static const ScmOps tz_ops = {
    .read_phys = tz_read_phys,
    .release = tz_release,
    .halt = tz_halt,
};

bool rprocsim_tz_smc(RprocsimTzState *s, int cpu_index, uint64_t regs[8])
{
    uint64_t out[4];
    ScmReport rep;

    if (!scm_smc(&s->scm, &tz_ops, s, regs, out, &rep)) {
        trace_rprocsim_smc_declined(cpu_index, regs[0], regs[1], regs[2]);
        return false;
    }
    trace_rprocsim_tz_call(cpu_index, rep.name, regs[0], rep.args[0],
                           rep.args[1], rep.args[2], rep.status, rep.result);
    if (rep.cause != PAS_CAUSE_NONE) {
        int idx = pas_index(&s->scm.pas, (uint32_t)rep.args[0]);

        trace_rprocsim_tz_pas_refused(rep.name, (uint32_t)rep.args[0],
                                      pas_cause_name(rep.cause), rep.segment,
                                      rep.detail);
        if (idx >= 0) {
            snprintf((char *)s->vm_slot[idx].last_refusal,
                     sizeof(s->vm_slot[idx].last_refusal),
                     "%s: %s (segment %d): %s", rep.name,
                     pas_cause_name(rep.cause), rep.segment, rep.detail);
        }
    } else if (rep.status != SCM_OK) {
        trace_rprocsim_tz_unsupported(rep.name, regs[0], rep.status, rep.detail);
        if (g_str_equal(rep.name, "unknown")) {
            qemu_log_mask(LOG_UNIMP, "rprocsim-trustzone: SiP call 0x%" PRIx64
                          " not implemented, answered %" PRId64 "\n",
                          regs[0], rep.status);
        }
    }
    memcpy(regs, out, sizeof(out));
    return true;
}

/*
 * QOM: read-only views of each PAS slot, e.g. "adsp-state", "adsp-entry",
 * and of its XPU lock, "adsp-xpu-violations"
 */
static const PasSlot *prop_slot(Object *obj, const char *name)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);

    for (unsigned i = 0; i < s->subsys_count; i++) {
        size_t n = strlen(s->subsys[i].name);

        if (!strncmp(name, s->subsys[i].name, n) && name[n] == '-') {
            return &s->scm.pas.slot[i];
        }
    }
    return NULL;
}

static void get_slot_u64(Object *obj, Visitor *v, const char *name,
                         void *opaque, Error **errp)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);
    const PasSlot *slot = prop_slot(obj, name);
    uint64_t val = 0;

    if (slot) {
        if (g_str_has_suffix(name, "-entry")) {
            val = slot->entry;
        } else if (g_str_has_suffix(name, "-load-base")) {
            val = slot->load_base;
        } else if (g_str_has_suffix(name, "-boots")) {
            val = slot->boots;
        } else if (g_str_has_suffix(name, "-shutdowns")) {
            val = slot->shutdowns;
        } else if (g_str_has_suffix(name, "-xpu-violations")) {
            val = s->xpu_violations[slot - s->scm.pas.slot];
        }
    }
    visit_type_uint64(v, name, &val, errp);
}

static void get_slot_state_str(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    const PasSlot *slot = prop_slot(obj, name);
    char *val = (char *)(slot ? pas_state_name(slot->state) : "none");

    visit_type_str(v, name, &val, errp);
}

static void get_last_refusal(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);
    const PasSlot *slot = prop_slot(obj, name);
    char *val = slot ? (char *)s->vm_slot[slot - s->scm.pas.slot].last_refusal
                     : (char *)"";

    visit_type_str(v, name, &val, errp);
}

/*
 * QOM "fault": "shutdown-fail:SUBSYS" makes the next PAS_SHUTDOWN of
 * SUBSYS fail (one-shot, see pas_shutdown()); "none" clears all.
 */
static void set_fault(Object *obj, const char *value, Error **errp)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);
    const char *sub;

    if (g_str_equal(value, "none")) {
        for (unsigned i = 0; i < s->subsys_count; i++) {
            s->scm.pas.slot[i].fail_shutdown = false;
        }
        trace_rprocsim_tz_fault("none", "all");
        return;
    }
    sub = g_str_has_prefix(value, "shutdown-fail:") ? strchr(value, ':') + 1 : NULL;
    for (unsigned i = 0; sub && i < s->subsys_count; i++) {
        if (g_str_equal(sub, s->subsys[i].name)) {
            s->scm.pas.slot[i].fail_shutdown = true;
            trace_rprocsim_tz_fault("shutdown-fail", sub);
            return;
        }
    }
    error_setg(errp, "unknown TrustZone fault '%s' (none, shutdown-fail:SUBSYS)",
               value);
}

/* The pending faults, space-separated ("shutdown-fail:adsp ..."), or "none" */
static char *get_fault(Object *obj, Error **errp)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);
    GString *out = g_string_new(NULL);

    for (unsigned i = 0; i < s->subsys_count; i++) {
        if (s->scm.pas.slot[i].fail_shutdown) {
            g_string_append_printf(out, "%sshutdown-fail:%s", out->len ? " " : "",
                                   s->subsys[i].name);
        }
    }
    return g_string_free(out->len ? out : g_string_assign(out, "none"), FALSE);
}

static void rprocsim_tz_add_properties(RprocsimTzState *s)
{
    static const char *const u64_props[] = {
        "entry", "load-base", "boots", "shutdowns", "xpu-violations"
    };

    object_property_add_str(OBJECT(s), "fault", get_fault, set_fault);
    for (unsigned i = 0; i < s->subsys_count; i++) {
        g_autofree char *state = g_strdup_printf("%s-state", s->subsys[i].name);
        g_autofree char *refusal = g_strdup_printf("%s-last-refusal",
                                                   s->subsys[i].name);

        object_property_add(OBJECT(s), state, "string", get_slot_state_str,
                            NULL, NULL, NULL);
        object_property_add(OBJECT(s), refusal, "string", get_last_refusal,
                            NULL, NULL, NULL);
        for (size_t p = 0; p < G_N_ELEMENTS(u64_props); p++) {
            g_autofree char *pn = g_strdup_printf("%s-%s", s->subsys[i].name,
                                                  u64_props[p]);

            object_property_add(OBJECT(s), pn, "uint64", get_slot_u64,
                                NULL, NULL, NULL);
        }
    }
}

static void rprocsim_tz_init(Object *obj)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);

    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        g_autofree char *name = g_strdup_printf("q6ss[%u]", i);

        object_property_add_link(obj, name, TYPE_RPROCSIM_Q6SS,
                                 (Object **)&s->q6ss[i],
                                 qdev_prop_allow_set_link_before_realize,
                                 OBJ_PROP_LINK_STRONG);
    }
}

static void rprocsim_tz_realize(DeviceState *dev, Error **errp)
{
    RprocsimTzState *s = RPROCSIM_TZ(dev);
    const RprocsimBoard *board = rprocsim_board_find(s->board);

    if (!board || board->count > PAS_MAX_SUBSYS || !s->dram_size || !s->dram ||
        memory_region_size(s->dram) != s->dram_size) {
        error_setg(errp, "rprocsim-trustzone: 'board' must name a board with at "
                   "most %d subsystems, 'dram-size' be set and the 'dram' link "
                   "be a region of that size", PAS_MAX_SUBSYS);
        return;
    }
    for (unsigned i = 0; i < board->count; i++) {
        const RprocsimSubsys *sub = &board->subsys[i];

        if (sub->carveout_base < s->dram_base || !sub->carveout_size ||
            sub->carveout_base - s->dram_base > s->dram_size ||
            sub->carveout_size > s->dram_size - (sub->carveout_base - s->dram_base)) {
            error_setg(errp, "rprocsim-trustzone: the %s carveout lies outside "
                       "DRAM", sub->name);
            return;
        }
    }
    s->subsys = board->subsys;
    s->subsys_count = board->count;
    scm_init(&s->scm, s->subsys, s->subsys_count, s->dram_base, s->dram_size,
             SIMSIG_HW_ID);
    rprocsim_tz_add_properties(s);

    memory_region_init(&s->dram_root, OBJECT(s), "rprocsim-tz-dram", UINT64_MAX);
    memory_region_init_alias(&s->dram_view, OBJECT(s), "rprocsim-tz-dram-alias",
                             s->dram, 0, s->dram_size);
    memory_region_add_subregion(&s->dram_root, s->dram_base, &s->dram_view);
    address_space_init(&s->dram_as, &s->dram_root, "rprocsim-tz-dram");
    for (unsigned i = 0; i < s->subsys_count; i++) {
        g_autofree char *name = g_strdup_printf("%s-xpu", s->subsys[i].name);

        s->xpu[i].tz = s;
        s->xpu[i].index = i;
        memory_region_init_io(&s->xpu[i].mr, OBJECT(s), &tz_xpu_ops, &s->xpu[i],
                              name, s->subsys[i].carveout_size);
        memory_region_set_enabled(&s->xpu[i].mr, false);
        sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->xpu[i].mr);
    }
}

static void rprocsim_tz_reset_hold(Object *obj, ResetType type)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);

    pas_reset(&s->scm.pas);
    s->scm.dload_mode = 0;
    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        memset(s->vm_slot[i].last_refusal, 0, sizeof(s->vm_slot[i].last_refusal));
    }
    memset(s->xpu_violations, 0, sizeof(s->xpu_violations));
    tz_xpu_sync(s);
}

/*
 * Migration: the fixed-width fields of each PAS slot go as they are
 * (vmstate_pas_slot); its state, an enum, and its metadata blob, from which
 * the parsed metadata is rebuilt, go through vm_slot[].
 */
static int rprocsim_tz_pre_save(void *opaque)
{
    RprocsimTzState *s = opaque;

    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        const PasSlot *slot = &s->scm.pas.slot[i];
        RprocsimTzSlotVm *vm = &s->vm_slot[i];

        vm->state = slot->state;
        g_free(vm->blob);
        vm->blob_len = slot->meta.blob_len;
        vm->blob = vm->blob_len ? g_memdup2(slot->meta.blob, vm->blob_len) : NULL;
    }
    return 0;
}

/*
 * Before the slots are loaded into: no metadata, no blob left over, no
 * violations (a version 3 stream has none)
 */
static int rprocsim_tz_pre_load(void *opaque)
{
    RprocsimTzState *s = opaque;

    pas_reset(&s->scm.pas);
    memset(s->xpu_violations, 0, sizeof(s->xpu_violations));
    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        g_clear_pointer(&s->vm_slot[i].blob, g_free);
        s->vm_slot[i].blob_len = 0;
    }
    return 0;
}

static int rprocsim_tz_post_load(void *opaque, int version_id)
{
    RprocsimTzState *s = opaque;

    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        PasSlot *slot = &s->scm.pas.slot[i];
        RprocsimTzSlotVm *vm = &s->vm_slot[i];
        MbnError err;

        if (vm->state > PAS_STATE_RUNNING ||
            (i >= s->subsys_count && vm->state != PAS_STATE_IDLE)) {
            return -EINVAL;
        }
        if (vm->state != PAS_STATE_IDLE &&
            !mbn_parse_blob(vm->blob, vm->blob_len, &slot->meta, &err)) {
            return -EINVAL;
        }
        slot->state = vm->state;
        vm->last_refusal[sizeof(vm->last_refusal) - 1] = '\0';
        g_clear_pointer(&vm->blob, g_free);
        vm->blob_len = 0;
    }
    /* the locks follow the slots' states */
    tz_xpu_sync(s);
    return 0;
}

static const VMStateDescription vmstate_pas_slot = {
    .name = "rprocsim-trustzone/pas-slot",
    .version_id = 3,
    .minimum_version_id = 3,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT64(mem_base, PasSlot),
        VMSTATE_UINT64(mem_size, PasSlot),
        VMSTATE_UINT64(load_base, PasSlot),
        VMSTATE_UINT64(entry, PasSlot),
        VMSTATE_UINT32(boots, PasSlot),
        VMSTATE_UINT32(shutdowns, PasSlot),
        VMSTATE_BOOL(fail_shutdown, PasSlot),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_rprocsim_tz_slot = {
    .name = "rprocsim-trustzone/slot",
    .version_id = 3,
    .minimum_version_id = 3,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(state, RprocsimTzSlotVm),
        VMSTATE_BUFFER(last_refusal, RprocsimTzSlotVm),
        VMSTATE_UINT32(blob_len, RprocsimTzSlotVm),
        VMSTATE_VBUFFER_ALLOC_UINT32(blob, RprocsimTzSlotVm, 0, NULL, blob_len),
        VMSTATE_END_OF_LIST()
    },
};

/* Version 4: the XPU violation counts (the locks follow from the slots) */
static const VMStateDescription vmstate_rprocsim_tz = {
    .name = TYPE_RPROCSIM_TZ,
    .version_id = 4,
    .minimum_version_id = 3,
    .pre_save = rprocsim_tz_pre_save,
    .pre_load = rprocsim_tz_pre_load,
    .post_load = rprocsim_tz_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(scm.dload_mode, RprocsimTzState),
        VMSTATE_STRUCT_ARRAY(scm.pas.slot, RprocsimTzState, PAS_MAX_SUBSYS, 3,
                             vmstate_pas_slot, PasSlot),
        VMSTATE_STRUCT_ARRAY(vm_slot, RprocsimTzState, PAS_MAX_SUBSYS, 3,
                             vmstate_rprocsim_tz_slot, RprocsimTzSlotVm),
        VMSTATE_UINT32_ARRAY_V(xpu_violations, RprocsimTzState, PAS_MAX_SUBSYS, 4),
        VMSTATE_END_OF_LIST()
    },
};

static void rprocsim_tz_finalize(Object *obj)
{
    RprocsimTzState *s = RPROCSIM_TZ(obj);

    pas_reset(&s->scm.pas);
    for (unsigned i = 0; i < PAS_MAX_SUBSYS; i++) {
        g_free(s->vm_slot[i].blob);
    }
}

static const Property rprocsim_tz_properties[] = {
    DEFINE_PROP_STRING("board", RprocsimTzState, board),
    DEFINE_PROP_UINT64("dram-base", RprocsimTzState, dram_base, 0),
    DEFINE_PROP_UINT64("dram-size", RprocsimTzState, dram_size, 0),
    DEFINE_PROP_LINK("dram", RprocsimTzState, dram, TYPE_MEMORY_REGION,
                     MemoryRegion *),
};

static void rprocsim_tz_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "rprocsim simulated TrustZone (SCM and PAS services)";
    dc->realize = rprocsim_tz_realize;
    dc->vmsd = &vmstate_rprocsim_tz;
    dc->user_creatable = false;
    device_class_set_props(dc, rprocsim_tz_properties);
    rc->phases.hold = rprocsim_tz_reset_hold;
}
