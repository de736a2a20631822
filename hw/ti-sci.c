/*
 * rprocsim TI-SCI: the DMSC's QEMU shell (hw/ti-sci.h) around
 * models/ti-sci.c: the effects on the R5F cores, the debug_messages
 * window, QOM views, VMState, trace events.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/qdev-properties.h"
#include "migration/vmstate.h"
#include "system/runstate.h"
#include "hw/rprocsim/hw/ti-sci.h"
#include "hw/rprocsim/trace.h"
#include "rprocsim/am64x-map.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimTiSciState, dmsc, RPROCSIM_TI_SCI, SYS_BUS_DEVICE)

/* The core whose TI-SCI device is @dev_id (@proc_id when @dev_id is 0), or NULL */
static RprocsimK3R5fState *dmsc_core(RprocsimTiSciState *s, uint32_t dev_id,
                                       uint8_t proc_id)
{
    for (unsigned i = 0; i < RPROCSIM_TI_SCI_CORES; i++) {
        RprocsimK3R5fState *c = s->core[i];

        if (c && (dev_id ? c->sci_dev_id == dev_id : c->sci_proc_id == proc_id)) {
            return c;
        }
    }
    return NULL;
}

static void dmsc_module(void *opaque, uint32_t dev_id, bool on)
{
    RprocsimK3R5fState *c = dmsc_core(opaque, dev_id, 0);

    trace_rprocsim_ti_sci_effect("module", dev_id, on);
    if (c) {
        rprocsim_k3_r5f_set_module(c, on);
    }
}

static void dmsc_local_reset(void *opaque, uint32_t dev_id, bool held)
{
    RprocsimK3R5fState *c = dmsc_core(opaque, dev_id, 0);

    trace_rprocsim_ti_sci_effect("local-reset", dev_id, held);
    if (c) {
        rprocsim_k3_r5f_set_local_reset(c, held);
    }
}

static void dmsc_halt(void *opaque, uint8_t proc_id, bool halt)
{
    RprocsimK3R5fState *c = dmsc_core(opaque, 0, proc_id);

    trace_rprocsim_ti_sci_effect("halt", proc_id, halt);
    if (c) {
        rprocsim_k3_r5f_set_halt(c, halt);
    }
}

static void dmsc_boot_vector(void *opaque, uint8_t proc_id, uint64_t addr)
{
    RprocsimK3R5fState *c = dmsc_core(opaque, 0, proc_id);

    trace_rprocsim_ti_sci_effect("boot-vector", proc_id, addr);
    if (c) {
        rprocsim_k3_r5f_set_boot_vector(c, (uint32_t)addr);
    }
}

static uint32_t dmsc_status(void *opaque, uint8_t proc_id)
{
    RprocsimK3R5fState *c = dmsc_core(opaque, 0, proc_id);

    return c ? rprocsim_k3_r5f_status(c) : 0;
}

static void dmsc_sys_reset(void *opaque)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
}

/*
 * The debug_messages text: appended at the end of the window's buffer,
 * the oldest lines dropped when full, always NUL-terminated.
 */
static void dmsc_debug_append(RprocsimTiSciState *s, const char *line)
{
    char *text = (char *)s->debug_text;
    size_t cap = sizeof(s->debug_text) - 1;
    size_t len = strnlen(text, cap);
    size_t n = MIN(strlen(line), cap);

    if (len + n > cap) {
        const char *keep = text + (len + n - cap);
        const char *nl = memchr(keep, '\n', text + len - keep);

        keep = nl ? nl + 1 : text + len;
        len = text + len - keep;
        memmove(text, keep, len);
    }
    memcpy(text + len, line, n);
    memset(text + len + n, 0, sizeof(s->debug_text) - len - n);
}

static void dmsc_log(void *opaque, const char *reason)
{
    RprocsimTiSciState *s = opaque;
    g_autofree char *line = g_strdup_printf("NACK: %s\n", reason);

    pstrcpy((char *)s->last_nack, sizeof(s->last_nack), reason);
    dmsc_debug_append(s, line);
    qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-ti-sci: NACK: %s\n", reason);
}

static const TiSciOps dmsc_ops = {
    .module = dmsc_module,
    .local_reset = dmsc_local_reset,
    .halt = dmsc_halt,
    .boot_vector = dmsc_boot_vector,
    .status = dmsc_status,
    .sys_reset = dmsc_sys_reset,
    .log = dmsc_log,
};

size_t rprocsim_ti_sci_request(RprocsimTiSciState *s, const uint8_t *req, size_t len,
                               uint8_t resp[TI_SCI_MAX_MSG_SIZE])
{
    TiSciReport rep;
    size_t n;

    n = ti_sci_handle(&s->sci, &dmsc_ops, s, s->host_id, req, len, resp,
                      TI_SCI_MAX_MSG_SIZE, &rep);
    trace_rprocsim_ti_sci_request(rep.name, rep.type, rep.host, rep.seq, rep.flags, rep.id);
    if (!rep.ack) {
        trace_rprocsim_ti_sci_nack(rep.name, rep.seq, rep.reason);
    }
    trace_rprocsim_ti_sci_answer(rep.name, rep.seq, rep.ack, n);
    return n;
}

/* debug_messages: the text, then zeros; any access size up to 4 */
static uint64_t dmsc_debug_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimTiSciState *s = opaque;
    uint64_t val = 0;

    for (unsigned i = 0; i < size; i++) {
        if (addr + i < sizeof(s->debug_text)) {
            val |= (uint64_t)(uint8_t)s->debug_text[addr + i] << (8 * i);
        }
    }
    return val;
}

static void dmsc_debug_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-ti-sci: debug_messages is read-only: "
                  "0x%" PRIx64 " written at offset 0x%" HWADDR_PRIx " ignored\n",
                  value, addr);
}

static const MemoryRegionOps dmsc_debug_ops = {
    .read = dmsc_debug_read,
    .write = dmsc_debug_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* QOM views */

static void get_u32_total(Object *obj, Visitor *v, const char *name, void *opaque,
                          Error **errp)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);
    uint32_t val = 0;

    if (g_str_equal(name, "nacks")) {
        val = s->sci.nacks;
    } else {
        for (unsigned k = 0; k < TI_SCI_KINDS; k++) {
            val += s->sci.count[k];
        }
    }
    visit_type_uint32(v, name, &val, errp);
}

/*
 * "CORE-status", "CORE-owner", "CORE-state", CORE a descriptor name
 * ("r5f0_0"): @opaque is the core's index, that of its link
 */
static unsigned prop_core(void *opaque)
{
    return GPOINTER_TO_UINT(opaque);
}

static void get_core_u32(Object *obj, Visitor *v, const char *name, void *opaque,
                         Error **errp)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);
    const RprocsimSubsys *d = &rprocsim_am64x_board.subsys[prop_core(opaque)];
    RprocsimK3R5fState *c = s->core[prop_core(opaque)];
    TiSciProc *p = ti_sci_proc(&s->sci, d->sci_proc_id);
    uint32_t val = 0;

    if (g_str_has_suffix(name, "-status")) {
        val = c ? rprocsim_k3_r5f_status(c) : 0;
    } else if (p) {
        val = p->owner;
    }
    visit_type_uint32(v, name, &val, errp);
}

/* "CORE-state": programmed/current, e.g. "on/on", then " reset" if held */
static void get_core_state_str(Object *obj, Visitor *v, const char *name, void *opaque,
                               Error **errp)
{
    static const char *const sw[] = { "auto-off", "retention", "on" };
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);
    const RprocsimSubsys *d = &rprocsim_am64x_board.subsys[prop_core(opaque)];
    TiSciDevice *dev = ti_sci_device(&s->sci, d->sci_dev_id);
    g_autofree char *val = NULL;

    if (dev) {
        val = g_strdup_printf("%s/%s%s", sw[MIN(dev->programmed, 2)],
                              dev->powered ? "on" : "off",
                              dev->resets & TI_SCI_RESET_LOCAL ? " reset" : "");
    } else {
        val = g_strdup("none");
    }
    visit_type_str(v, name, &val, errp);
}

static char *get_last_nack(Object *obj, Error **errp)
{
    return g_strdup((char *)RPROCSIM_TI_SCI(obj)->last_nack);
}

static void dmsc_add_properties(RprocsimTiSciState *s)
{
    Object *obj = OBJECT(s);

    object_property_add(obj, "requests", "uint32", get_u32_total, NULL, NULL, NULL);
    object_property_add(obj, "nacks", "uint32", get_u32_total, NULL, NULL, NULL);
    object_property_add_str(obj, "last-nack", get_last_nack, NULL);
    for (unsigned k = 0; k < TI_SCI_KINDS; k++) {
        g_autofree char *pn = g_strdup_printf("count-%s", ti_sci_kind_name(k));

        object_property_add_uint32_ptr(obj, pn, &s->sci.count[k], OBJ_PROP_FLAG_READ);
    }
    for (unsigned i = 0; i < RPROCSIM_TI_SCI_CORES; i++) {
        const char *core = rprocsim_am64x_board.subsys[i].name;
        g_autofree char *st = g_strdup_printf("%s-status", core);
        g_autofree char *own = g_strdup_printf("%s-owner", core);
        g_autofree char *state = g_strdup_printf("%s-state", core);

        object_property_add(obj, st, "uint32", get_core_u32, NULL, NULL, GUINT_TO_POINTER(i));
        object_property_add(obj, own, "uint32", get_core_u32, NULL, NULL, GUINT_TO_POINTER(i));
        object_property_add(obj, state, "string", get_core_state_str, NULL, NULL,
                            GUINT_TO_POINTER(i));
    }
}

static void dmsc_init(Object *obj)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);

    memory_region_init_io(&s->debug, obj, &dmsc_debug_ops, s, "rprocsim-ti-sci-debug",
                          AM64X_SIM_DMSC_DEBUG_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->debug);
    for (unsigned i = 0; i < RPROCSIM_TI_SCI_CORES; i++) {
        g_autofree char *name = g_strdup_printf("r5f0-%u", i);

        object_property_add_link(obj, name, TYPE_RPROCSIM_K3_R5F, (Object **)&s->core[i],
                                 qdev_prop_allow_set_link_before_realize,
                                 OBJ_PROP_LINK_STRONG);
    }
    dmsc_add_properties(s);
}

static void dmsc_finalize(Object *obj)
{
}

/*
 * The tables come from the board's descriptors (boards/am64x-subsys.c);
 * each linked core must be one of them, in descriptor order.
 */
static void dmsc_realize(DeviceState *dev, Error **errp)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(dev);
    const RprocsimBoard *board = &rprocsim_am64x_board;

    if (board->count > RPROCSIM_TI_SCI_CORES ||
        !ti_sci_init_board(&s->sci, s->host_id, board, s->cluster_dev_id)) {
        error_setg(errp, "rprocsim-ti-sci: the %s descriptors do not fit the DMSC's "
                   "tables", board->machine);
        return;
    }
    for (unsigned i = 0; i < RPROCSIM_TI_SCI_CORES; i++) {
        RprocsimK3R5fState *c = s->core[i];

        if (c && (i >= board->count || c->sci_dev_id != board->subsys[i].sci_dev_id ||
                  c->sci_proc_id != board->subsys[i].sci_proc_id)) {
            error_setg(errp, "rprocsim-ti-sci: link r5f0-%u is not the core of TI-SCI "
                       "device %u, processor %u", i,
                       i < board->count ? board->subsys[i].sci_dev_id : 0,
                       i < board->count ? board->subsys[i].sci_proc_id : 0);
            return;
        }
    }
}

static void dmsc_reset_hold(Object *obj, ResetType type)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);
    g_autofree char *banner = g_strdup_printf("%s rev 0x%04x, TI-SCI ABI %d.%d, host %u\n",
                                              TI_SCI_SIM_DESCRIPTION, TI_SCI_SIM_FW_REV,
                                              TI_SCI_SIM_ABI_MAJOR, TI_SCI_SIM_ABI_MINOR,
                                              s->host_id);

    ti_sci_reset(&s->sci);
    memset(s->last_nack, 0, sizeof(s->last_nack));
    memset(s->debug_text, 0, sizeof(s->debug_text));
    dmsc_debug_append(s, banner);
}

/* The cores follow the DMSC's power-on state: module off, reset released, no HALT */
static void dmsc_reset_exit(Object *obj, ResetType type)
{
    RprocsimTiSciState *s = RPROCSIM_TI_SCI(obj);

    for (unsigned i = 0; i < RPROCSIM_TI_SCI_CORES; i++) {
        if (s->core[i]) {
            rprocsim_k3_r5f_set_module(s->core[i], false);
            rprocsim_k3_r5f_set_local_reset(s->core[i], false);
            rprocsim_k3_r5f_set_halt(s->core[i], false);
            rprocsim_k3_r5f_set_boot_vector(s->core[i], 0);
        }
    }
}

static int dmsc_post_load(void *opaque, int version_id)
{
    RprocsimTiSciState *s = opaque;

    s->last_nack[sizeof(s->last_nack) - 1] = '\0';
    s->debug_text[sizeof(s->debug_text) - 1] = '\0';
    return ti_sci_valid(&s->sci) ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_dmsc_device = {
    .name = "rprocsim-ti-sci/device",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(programmed, TiSciDevice),
        VMSTATE_BOOL(powered, TiSciDevice),
        VMSTATE_BOOL(exclusive, TiSciDevice),
        VMSTATE_UINT8(owner, TiSciDevice),
        VMSTATE_UINT32(resets, TiSciDevice),
        VMSTATE_UINT32(context_loss, TiSciDevice),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_dmsc_proc = {
    .name = "rprocsim-ti-sci/proc",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT8(owner, TiSciProc),
        VMSTATE_UINT64(boot_vector, TiSciProc),
        VMSTATE_UINT32(cfg, TiSciProc),
        VMSTATE_UINT32(ctrl, TiSciProc),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_dmsc_clock = {
    .name = "rprocsim-ti-sci/clock",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(dev_id, TiSciClock),
        VMSTATE_UINT32(clk_id, TiSciClock),
        VMSTATE_UINT64(hz, TiSciClock),
        VMSTATE_END_OF_LIST()
    },
};

/* The tables' shape (ids, parents) comes from the descriptors at realize */
static const VMStateDescription vmstate_dmsc = {
    .name = TYPE_RPROCSIM_TI_SCI,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = dmsc_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(sci.dev, RprocsimTiSciState, TI_SCI_MAX_DEVICES, 1,
                             vmstate_dmsc_device, TiSciDevice),
        VMSTATE_STRUCT_ARRAY(sci.proc, RprocsimTiSciState, TI_SCI_MAX_PROCS, 1,
                             vmstate_dmsc_proc, TiSciProc),
        VMSTATE_STRUCT_ARRAY(sci.clock, RprocsimTiSciState, TI_SCI_CLOCK_SLOTS, 1,
                             vmstate_dmsc_clock, TiSciClock),
        VMSTATE_UINT32(sci.clock_next, RprocsimTiSciState),
        VMSTATE_UINT32_ARRAY(sci.count, RprocsimTiSciState, TI_SCI_KINDS),
        VMSTATE_UINT32(sci.nacks, RprocsimTiSciState),
        VMSTATE_BUFFER(last_nack, RprocsimTiSciState),
        VMSTATE_BUFFER(debug_text, RprocsimTiSciState),
        VMSTATE_END_OF_LIST()
    },
};

static const Property dmsc_properties[] = {
    DEFINE_PROP_UINT8("host-id", RprocsimTiSciState, host_id, AM64X_SIM_TISCI_HOST_A53),
    DEFINE_PROP_UINT32("cluster-dev-id", RprocsimTiSciState, cluster_dev_id,
                       AM64X_SIM_SCI_DEV_R5FSS0),
};

static void dmsc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "TI K3 DMSC answering TI-SCI (rprocsim)";
    dc->realize = dmsc_realize;
    dc->vmsd = &vmstate_dmsc;
    dc->user_creatable = false;
    device_class_set_props(dc, dmsc_properties);
    rc->phases.hold = dmsc_reset_hold;
    rc->phases.exit = dmsc_reset_exit;
}
