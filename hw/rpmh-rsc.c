/*
 * rprocsim RPMh RSC (DRV 2) register shell.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/visitor.h"
#include "hw/irq.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/rpmh-rsc.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimRpmhRscState, rpmh_rsc, RPROCSIM_RPMH_RSC, SYS_BUS_DEVICE)

/*
 * The DRV 2 register map (layout v2.7, drivers/soc/qcom/rpmh-rsc.c) is
 * decoded by models/rpmh-rsc.c (RSC_* offsets in models/rpmh-rsc.h); this
 * shell only forwards accesses and raises the completion interrupt.
 */

void rprocsim_rpmh_rsc_set_cmd_db(RprocsimRpmhRscState *s, const CmdDbEntry *entries,
                                  unsigned n)
{
    s->cmd_db = entries;
    s->cmd_db_count = n;
}

static const char *resource_name(RprocsimRpmhRscState *s, uint32_t addr)
{
    const CmdDbEntry *e = cmd_db_lookup_addr(s->cmd_db, s->cmd_db_count, addr);

    return e ? e->id : "unknown";
}

static uint64_t rpmh_rsc_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimRpmhRscState *s = opaque;
    bool ok;
    uint32_t val = rsc_read(&s->state, addr, &ok);

    if (!ok) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: read of 0x%" HWADDR_PRIx
                      ", not a register\n", __func__, addr);
    }
    return val;
}

static void rpmh_rsc_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimRpmhRscState *s = opaque;
    bool ok;
    int tcs = rsc_write(&s->state, addr, value, &ok);

    if (!ok) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of 0x%" PRIx64 " to 0x%"
                      HWADDR_PRIx ", not a writable register\n", __func__, value, addr);
        return;
    }
    if (tcs >= 0) {
        const RscTcs *t = &s->state.tcs[tcs];

        trace_rprocsim_rsc_trigger(tcs, t->cmd_enable);
        for (unsigned c = 0; c < RSC_CMDS_PER_TCS; c++) {
            if (t->cmd_enable & (1u << c)) {
                trace_rprocsim_rsc_vote(resource_name(s, t->addr[c]), t->addr[c],
                                        t->data[c]);
            }
        }
    }
    qemu_set_irq(s->irq, rsc_irq_level(&s->state));
}

static const MemoryRegionOps rpmh_rsc_ops = RPROCSIM_REG32_OPS(rpmh_rsc_read, rpmh_rsc_write);

/* "votes": one "name=0xdata" per voted resource, in first-vote order */
static char *get_votes(Object *obj, Error **errp)
{
    RprocsimRpmhRscState *s = RPROCSIM_RPMH_RSC(obj);
    GString *out = g_string_new(NULL);

    for (uint32_t i = 0; i < s->state.nvotes; i++) {
        const RscVote *v = &s->state.vote[i];

        g_string_append_printf(out, "%s%s=0x%x", i ? " " : "",
                               resource_name(s, v->addr), v->data);
    }
    return g_string_free(out, FALSE);
}

static void rpmh_rsc_init(Object *obj)
{
    RprocsimRpmhRscState *s = RPROCSIM_RPMH_RSC(obj);

    memory_region_init_io(&s->iomem, obj, &rpmh_rsc_ops, s, TYPE_RPROCSIM_RPMH_RSC,
                          RPMH_RSC_DRV_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    object_property_add_str(obj, "votes", get_votes, NULL);
}

static void rpmh_rsc_finalize(Object *obj)
{
}

static void rpmh_rsc_reset_hold(Object *obj, ResetType type)
{
    rsc_reset(&RPROCSIM_RPMH_RSC(obj)->state);
}

static void rpmh_rsc_reset_exit(Object *obj, ResetType type)
{
    RprocsimRpmhRscState *s = RPROCSIM_RPMH_RSC(obj);

    qemu_set_irq(s->irq, rsc_irq_level(&s->state));
}

static const VMStateDescription vmstate_rsc_tcs = {
    .name = "rprocsim-rpmh-rsc/tcs",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(control, RscTcs),
        VMSTATE_UINT32(cmd_enable, RscTcs),
        VMSTATE_UINT32_ARRAY(msgid, RscTcs, RSC_CMDS_PER_TCS),
        VMSTATE_UINT32_ARRAY(addr, RscTcs, RSC_CMDS_PER_TCS),
        VMSTATE_UINT32_ARRAY(data, RscTcs, RSC_CMDS_PER_TCS),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_rsc_vote = {
    .name = "rprocsim-rpmh-rsc/vote",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(addr, RscVote),
        VMSTATE_UINT32(data, RscVote),
        VMSTATE_UINT32(count, RscVote),
        VMSTATE_END_OF_LIST()
    },
};

static int rpmh_rsc_post_load(void *opaque, int version_id)
{
    RprocsimRpmhRscState *s = opaque;

    return s->state.nvotes <= RSC_MAX_RESOURCES ? 0 : -EINVAL;
}

static const VMStateDescription vmstate_rpmh_rsc = {
    .name = TYPE_RPROCSIM_RPMH_RSC,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = rpmh_rsc_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(state.irq_enable, RprocsimRpmhRscState),
        VMSTATE_UINT32(state.irq_status, RprocsimRpmhRscState),
        VMSTATE_UINT32_ARRAY(state.ctl, RprocsimRpmhRscState, 4),
        VMSTATE_STRUCT_ARRAY(state.tcs, RprocsimRpmhRscState, RSC_NUM_TCS, 1,
                             vmstate_rsc_tcs, RscTcs),
        VMSTATE_STRUCT_ARRAY(state.vote, RprocsimRpmhRscState, RSC_MAX_RESOURCES, 1,
                             vmstate_rsc_vote, RscVote),
        VMSTATE_UINT32(state.nvotes, RprocsimRpmhRscState),
        VMSTATE_UINT32(state.triggers, RprocsimRpmhRscState),
        VMSTATE_END_OF_LIST()
    },
};

static void rpmh_rsc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Qualcomm RPMh RSC, application processor DRV (rprocsim)";
    dc->vmsd = &vmstate_rpmh_rsc;
    rc->phases.hold = rpmh_rsc_reset_hold;
    rc->phases.exit = rpmh_rsc_reset_exit;
}
