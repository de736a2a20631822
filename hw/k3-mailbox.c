/*
 * rprocsim K3 mailbox register shell (hw/k3-mailbox.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/k3-mailbox.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"
#include "rprocsim/am64x-map.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimK3MailboxState, k3_mailbox, RPROCSIM_K3_MAILBOX,
                          SYS_BUS_DEVICE)

/* The board maps the block at its SoC address with the map's size */
QEMU_BUILD_BUG_ON(AM64X_SIM_MBOX_SIZE != K3_MBOX_MMIO_SIZE);

/*
 * The map of rprocsim/k3-mailbox-regs.h: the first register of each
 * per-FIFO array (FIFO m at + 4 m) and of each per-user group (user u at
 * + K3_MBOX_USER_STRIDE u).
 */
REG32(REVISION, K3_MBOX_REG_REVISION)
REG32(MESSAGE_0, K3_MBOX_REG_MESSAGE(0))
REG32(FIFOSTATUS_0, K3_MBOX_REG_FIFOSTATUS(0))
    FIELD(FIFOSTATUS_0, FULL, 0, 1)
REG32(MSGSTATUS_0, K3_MBOX_REG_MSGSTATUS(0))
REG32(IRQSTATUS_RAW_0, K3_MBOX_REG_IRQSTATUS_RAW(0))
REG32(IRQSTATUS_CLR_0, K3_MBOX_REG_IRQSTATUS_CLR(0))
REG32(IRQENABLE_SET_0, K3_MBOX_REG_IRQENABLE_SET(0))
REG32(IRQENABLE_CLR_0, K3_MBOX_REG_IRQENABLE_CLR(0))
REG32(IRQ_EOI, K3_MBOX_REG_IRQ_EOI)

QEMU_BUILD_BUG_ON(R_FIFOSTATUS_0_FULL_MASK != K3_MBOX_FIFOSTATUS_FULL);

#define FIFO_ARRAY_BYTES    (4 * K3_MBOX_MAX_FIFOS)
#define USER_BLOCK_END      (A_IRQSTATUS_RAW_0 + K3_MBOX_USER_STRIDE * K3_MBOX_MAX_USERS)

/* What an offset names: a per-FIFO register (base, FIFO) or per-user one */
typedef struct K3MboxReg {
    hwaddr reg;             /* the register of FIFO 0 / user 0, or the offset */
    uint32_t index;         /* FIFO or user */
} K3MboxReg;

static K3MboxReg k3_mbox_decode(hwaddr addr)
{
    K3MboxReg r = { addr, 0 };

    if (addr >= A_MESSAGE_0 && addr < A_MSGSTATUS_0 + FIFO_ARRAY_BYTES) {
        r.index = (addr - A_MESSAGE_0) % FIFO_ARRAY_BYTES / 4;
        r.reg = addr - 4 * r.index;
    } else if (addr >= A_IRQSTATUS_RAW_0 && addr < USER_BLOCK_END) {
        r.index = (addr - A_IRQSTATUS_RAW_0) / K3_MBOX_USER_STRIDE;
        r.reg = addr - K3_MBOX_USER_STRIDE * r.index;
    }
    return r;
}

static bool k3_mbox_is_fifo_reg(hwaddr reg)
{
    return reg == A_MESSAGE_0 || reg == A_FIFOSTATUS_0 || reg == A_MSGSTATUS_0;
}

static bool k3_mbox_is_user_reg(hwaddr reg)
{
    return reg == A_IRQSTATUS_RAW_0 || reg == A_IRQSTATUS_CLR_0 ||
           reg == A_IRQENABLE_SET_0 || reg == A_IRQENABLE_CLR_0;
}

/* FIFO or user beyond the configured ones: a guest error */
static bool k3_mbox_index_ok(RprocsimK3MailboxState *s, K3MboxReg r, hwaddr addr,
                             const char *access)
{
    if (k3_mbox_is_fifo_reg(r.reg) && r.index >= s->state.num_fifos) {
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: %s of 0x%" HWADDR_PRIx
                      ": FIFO %u, the cluster has %u\n", access, addr, r.index,
                      s->state.num_fifos);
        return false;
    }
    if (k3_mbox_is_user_reg(r.reg) && r.index >= s->state.num_users) {
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: %s of 0x%" HWADDR_PRIx
                      ": user %u, the cluster has %u\n", access, addr, r.index,
                      s->state.num_users);
        return false;
    }
    return true;
}

static void k3_mbox_update_irqs(RprocsimK3MailboxState *s)
{
    for (uint32_t u = 0; u < K3_MBOX_MAX_USERS; u++) {
        bool level = k3_mbox_irq_level(&s->state, u);

        if (level != s->irq_level[u]) {
            trace_rprocsim_k3_mbox_irq(u, level, k3_mbox_status(&s->state, u));
            s->irq_level[u] = level;
        }
        qemu_set_irq(s->irq[u], level);
    }
}

static uint64_t k3_mbox_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimK3MailboxState *s = opaque;
    K3MboxReg r = k3_mbox_decode(addr);
    uint32_t v = 0;

    if (!k3_mbox_index_ok(s, r, addr, "read")) {
        return 0;
    }
    switch (r.reg) {
    case A_REVISION:
        v = K3_MBOX_REVISION_VALUE;
        break;
    case A_MESSAGE_0:
        if (k3_mbox_pop(&s->state, r.index, &v) == K3_MBOX_EMPTY) {
            qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: read of empty "
                          "FIFO %u returns 0\n", r.index);
        }
        trace_rprocsim_k3_mbox_pop(r.index, v, k3_mbox_msg_status(&s->state, r.index));
        k3_mbox_update_irqs(s);
        return v;
    case A_FIFOSTATUS_0:
        v = k3_mbox_fifo_status(&s->state, r.index);
        break;
    case A_MSGSTATUS_0:
        v = k3_mbox_msg_status(&s->state, r.index);
        break;
    case A_IRQSTATUS_RAW_0:
        v = k3_mbox_raw_status(&s->state, r.index);
        break;
    case A_IRQSTATUS_CLR_0:
        v = k3_mbox_status(&s->state, r.index);
        break;
    case A_IRQENABLE_SET_0:
    case A_IRQENABLE_CLR_0:
        v = k3_mbox_enabled(&s->state, r.index);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: read of 0x%" HWADDR_PRIx
                      ", not a readable register\n", addr);
        return 0;
    }
    trace_rprocsim_k3_mbox_read(addr, v);
    return v;
}

static void k3_mbox_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimK3MailboxState *s = opaque;
    K3MboxReg r = k3_mbox_decode(addr);
    uint32_t v = value;

    if (!k3_mbox_index_ok(s, r, addr, "write")) {
        return;
    }
    switch (r.reg) {
    case A_MESSAGE_0:
        if (k3_mbox_push(&s->state, r.index, v) == K3_MBOX_FULL) {
            qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: FIFO %u full, "
                          "message 0x%x lost\n", r.index, v);
            trace_rprocsim_k3_mbox_overflow(r.index, v, s->state.overflows);
            return;
        }
        trace_rprocsim_k3_mbox_push(r.index, v, k3_mbox_msg_status(&s->state, r.index));
        break;
    case A_IRQSTATUS_RAW_0:
        k3_mbox_set_status(&s->state, r.index, v);
        break;
    case A_IRQSTATUS_CLR_0:
        k3_mbox_clear_status(&s->state, r.index, v);
        break;
    case A_IRQENABLE_SET_0:
        k3_mbox_enable(&s->state, r.index, v);
        break;
    case A_IRQENABLE_CLR_0:
        k3_mbox_disable(&s->state, r.index, v);
        break;
    case A_IRQ_EOI:
        if (!k3_mbox_eoi(&s->state, v)) {
            qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: IRQ_EOI of user %u, "
                          "the cluster has %u\n", v, s->state.num_users);
        }
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-mailbox: write of 0x%x to 0x%"
                      HWADDR_PRIx ", not a writable register\n", v, addr);
        return;
    }
    trace_rprocsim_k3_mbox_write(addr, v);
    k3_mbox_update_irqs(s);
}

static const MemoryRegionOps k3_mbox_ops = RPROCSIM_REG32_OPS(k3_mbox_read, k3_mbox_write);

static void k3_mailbox_init(Object *obj)
{
    RprocsimK3MailboxState *s = RPROCSIM_K3_MAILBOX(obj);
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

    memory_region_init_io(&s->iomem, obj, &k3_mbox_ops, s, TYPE_RPROCSIM_K3_MAILBOX,
                          K3_MBOX_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->iomem);
    for (unsigned u = 0; u < K3_MBOX_MAX_USERS; u++) {
        sysbus_init_irq(sbd, &s->irq[u]);
    }
    object_property_add_uint32_ptr(obj, "overflows", &s->state.overflows,
                                   OBJ_PROP_FLAG_READ);
}

static void k3_mailbox_finalize(Object *obj)
{
}

static void k3_mailbox_realize(DeviceState *dev, Error **errp)
{
    RprocsimK3MailboxState *s = RPROCSIM_K3_MAILBOX(dev);

    if (!k3_mbox_init(&s->state, s->num_users, s->num_fifos)) {
        error_setg(errp, "rprocsim-k3-mailbox: num-users %u (1..%u) or num-fifos %u "
                   "(1..%u) out of range", s->num_users, K3_MBOX_MAX_USERS,
                   s->num_fifos, K3_MBOX_MAX_FIFOS);
    }
}

static void k3_mailbox_reset_hold(Object *obj, ResetType type)
{
    RprocsimK3MailboxState *s = RPROCSIM_K3_MAILBOX(obj);

    k3_mbox_reset(&s->state);
}

static void k3_mailbox_reset_exit(Object *obj, ResetType type)
{
    k3_mbox_update_irqs(RPROCSIM_K3_MAILBOX(obj));
}

/* Refuse state the model could not have produced; the outputs' cache follows */
static int k3_mailbox_post_load(void *opaque, int version_id)
{
    RprocsimK3MailboxState *s = opaque;

    if (!k3_mbox_consistent(&s->state)) {
        return -EINVAL;
    }
    for (uint32_t u = 0; u < K3_MBOX_MAX_USERS; u++) {
        s->irq_level[u] = k3_mbox_irq_level(&s->state, u);
    }
    return 0;
}

static const VMStateDescription vmstate_k3_mailbox = {
    .name = TYPE_RPROCSIM_K3_MAILBOX,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = k3_mailbox_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_2DARRAY(state.msg, RprocsimK3MailboxState,
                               K3_MBOX_MAX_FIFOS, K3_MBOX_FIFO_DEPTH),
        VMSTATE_UINT32_ARRAY(state.head, RprocsimK3MailboxState, K3_MBOX_MAX_FIFOS),
        VMSTATE_UINT32_ARRAY(state.count, RprocsimK3MailboxState, K3_MBOX_MAX_FIFOS),
        VMSTATE_UINT32_ARRAY(state.enable, RprocsimK3MailboxState, K3_MBOX_MAX_USERS),
        VMSTATE_UINT32_ARRAY(state.forced, RprocsimK3MailboxState, K3_MBOX_MAX_USERS),
        VMSTATE_UINT32(state.overflows, RprocsimK3MailboxState),
        VMSTATE_UINT32(state.underflows, RprocsimK3MailboxState),
        VMSTATE_END_OF_LIST()
    },
};

static const Property k3_mailbox_properties[] = {
    DEFINE_PROP_UINT32("num-users", RprocsimK3MailboxState, num_users, K3_MBOX_MAX_USERS),
    DEFINE_PROP_UINT32("num-fifos", RprocsimK3MailboxState, num_fifos, K3_MBOX_MAX_FIFOS),
};

static void k3_mailbox_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "TI K3 mailbox cluster (rprocsim)";
    dc->realize = k3_mailbox_realize;
    dc->vmsd = &vmstate_k3_mailbox;
    device_class_set_props(dc, k3_mailbox_properties);
    rc->phases.hold = k3_mailbox_reset_hold;
    rc->phases.exit = k3_mailbox_reset_exit;
}
