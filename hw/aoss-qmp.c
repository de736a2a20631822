/*
 * rprocsim AOSS QMP message RAM and AOP side.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/aoss-qmp.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimAossQmpState, aoss_qmp, RPROCSIM_AOSS_QMP, SYS_BUS_DEVICE)

/* Message RAM descriptor (drivers/soc/qcom/qcom_aoss.c) */
REG32(MAGIC, AOSS_DESC_MAGIC)
REG32(VERSION, AOSS_DESC_VERSION)
REG32(UCORE_LINK, AOSS_UCORE_LINK)
REG32(UCORE_CH, AOSS_UCORE_CH)
REG32(MCORE_LINK, AOSS_MCORE_LINK)
REG32(MCORE_LINK_ACK, AOSS_MCORE_LINK_ACK)
REG32(MCORE_CH, AOSS_MCORE_CH)
REG32(MCORE_CH_ACK, AOSS_MCORE_CH_ACK)
REG32(MCORE_MBOX_SIZE, AOSS_MCORE_MBOX_SIZE)
REG32(MCORE_MBOX_OFFSET, AOSS_MCORE_MBOX_OFFSET)
REG32(MCORE_MBOX_LEN, AOSS_MCORE_MBOX)

#define AOP_DOORBELL (IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_GLINK_QMP)

static uint64_t aoss_qmp_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimAossQmpState *s = opaque;
    uint32_t val = 0;

    if (!aoss_read(&s->state, addr, &val)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: bad read at 0x%" HWADDR_PRIx "\n",
                      __func__, addr);
    }
    return val;
}

static void aoss_qmp_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimAossQmpState *s = opaque;

    if (!aoss_write(&s->state, addr, value)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: bad write of 0x%" PRIx64 " at 0x%"
                      HWADDR_PRIx "\n", __func__, value, addr);
    }
}

static const MemoryRegionOps aoss_qmp_ops = RPROCSIM_REG32_OPS(aoss_qmp_read, aoss_qmp_write);

/* The AOP firmware: take the doorbell, answer, ring back. */
static void aoss_qmp_aop_run(void *opaque)
{
    RprocsimAossQmpState *s = opaque;
    char msg[AOSS_MAX_MESSAGE + 1];
    bool rang = false;

    while (rprocsim_ipcc_client_read(s->ipcc, IPCC_CLIENT_AOP, IPCC_REG_RECV_ID) ==
           AOP_DOORBELL) {
        rprocsim_ipcc_client_write(s->ipcc, IPCC_CLIENT_AOP, IPCC_REG_CLEAR, AOP_DOORBELL);
        rang = true;
    }
    if (!rang) {
        return;
    }
    if (aoss_doorbell(&s->state, msg, sizeof(msg))) {
        trace_rprocsim_aoss_message(msg);
        g_ptr_array_add(s->log, g_strdup(msg));
        if (s->log->len > AOSS_QMP_LOG_MAX) {
            g_ptr_array_remove_index(s->log, 0);
        }
    }
    trace_rprocsim_aoss_state(s->state.ram[R_MCORE_LINK], s->state.ram[R_MCORE_CH]);
    rprocsim_ipcc_client_write(s->ipcc, IPCC_CLIENT_AOP, IPCC_REG_SEND_ID,
                               IPCC_CLIENT_APSS << IPCC_CLIENT_SHIFT | IPCC_SIGNAL_GLINK_QMP);
}

/* Level of the AOP's IPCC frame interrupt: run the AOP when it rises */
static void aoss_qmp_doorbell(void *opaque, int n, int level)
{
    RprocsimAossQmpState *s = opaque;

    if (level) {
        qemu_bh_schedule(s->bh);
    }
}

/* "messages": the messages received, newest last, one per line */
static char *get_messages(Object *obj, Error **errp)
{
    RprocsimAossQmpState *s = RPROCSIM_AOSS_QMP(obj);
    GString *out = g_string_new(NULL);

    for (guint i = 0; i < s->log->len; i++) {
        g_string_append_printf(out, "%s\n", (char *)g_ptr_array_index(s->log, i));
    }
    return g_string_free(out, FALSE);
}

static void aoss_qmp_init(Object *obj)
{
    RprocsimAossQmpState *s = RPROCSIM_AOSS_QMP(obj);

    memory_region_init_io(&s->iomem, obj, &aoss_qmp_ops, s, TYPE_RPROCSIM_AOSS_QMP,
                          AOSS_MSGRAM_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    qdev_init_gpio_in_named(DEVICE(obj), aoss_qmp_doorbell, "doorbell", 1);
    s->log = g_ptr_array_new_with_free_func(g_free);
    object_property_add_str(obj, "messages", get_messages, NULL);
}

static void aoss_qmp_realize(DeviceState *dev, Error **errp)
{
    RprocsimAossQmpState *s = RPROCSIM_AOSS_QMP(dev);

    if (!s->ipcc) {
        error_setg(errp, "rprocsim-aoss-qmp: the 'ipcc' link is not set");
        return;
    }
    s->bh = qemu_bh_new(aoss_qmp_aop_run, s);
}

static void aoss_qmp_finalize(Object *obj)
{
    RprocsimAossQmpState *s = RPROCSIM_AOSS_QMP(obj);

    if (s->bh) {
        qemu_bh_delete(s->bh);
    }
    g_ptr_array_unref(s->log);
    g_free(s->log_vm);
}

static void aoss_qmp_reset_hold(Object *obj, ResetType type)
{
    aoss_reset(&RPROCSIM_AOSS_QMP(obj)->state);
}

/* After every device's reset: the AOP listens to Linux's doorbell again */
static void aoss_qmp_reset_exit(Object *obj, ResetType type)
{
    RprocsimAossQmpState *s = RPROCSIM_AOSS_QMP(obj);

    rprocsim_ipcc_client_write(s->ipcc, IPCC_CLIENT_AOP, IPCC_REG_ENABLE, AOP_DOORBELL);
}

/* The message log goes along as one buffer of NUL-terminated messages */
static int aoss_qmp_pre_save(void *opaque)
{
    RprocsimAossQmpState *s = opaque;
    GByteArray *buf = g_byte_array_new();

    for (guint i = 0; i < s->log->len; i++) {
        const char *msg = g_ptr_array_index(s->log, i);

        g_byte_array_append(buf, (const guint8 *)msg, strlen(msg) + 1);
    }
    g_free(s->log_vm);
    s->log_vm_len = buf->len;
    s->log_vm = g_byte_array_free(buf, FALSE);
    return 0;
}

static int aoss_qmp_post_load(void *opaque, int version_id)
{
    RprocsimAossQmpState *s = opaque;
    uint32_t at = 0;

    g_ptr_array_set_size(s->log, 0);
    while (at < s->log_vm_len && s->log->len < AOSS_QMP_LOG_MAX) {
        size_t n = strnlen((const char *)s->log_vm + at, s->log_vm_len - at);

        g_ptr_array_add(s->log, g_strndup((const char *)s->log_vm + at, n));
        at += n + 1;
    }
    /* a doorbell rung just before the save is still pending in IPCC */
    qemu_bh_schedule(s->bh);
    return 0;
}

static const VMStateDescription vmstate_aoss_qmp = {
    .name = TYPE_RPROCSIM_AOSS_QMP,
    .version_id = 2,
    .minimum_version_id = 2,
    .pre_save = aoss_qmp_pre_save,
    .post_load = aoss_qmp_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(state.ram, RprocsimAossQmpState, AOSS_MSGRAM_SIZE / 4),
        VMSTATE_UINT32(state.messages, RprocsimAossQmpState),
        VMSTATE_UINT32(log_vm_len, RprocsimAossQmpState),
        VMSTATE_VBUFFER_ALLOC_UINT32(log_vm, RprocsimAossQmpState, 0, NULL, log_vm_len),
        VMSTATE_END_OF_LIST()
    },
};

static const Property aoss_qmp_properties[] = {
    DEFINE_PROP_LINK("ipcc", RprocsimAossQmpState, ipcc, TYPE_RPROCSIM_IPCC,
                     RprocsimIpccState *),
};

static void aoss_qmp_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Qualcomm AOSS QMP message RAM and AOP (rprocsim)";
    dc->realize = aoss_qmp_realize;
    dc->vmsd = &vmstate_aoss_qmp;
    dc->user_creatable = false;
    device_class_set_props(dc, aoss_qmp_properties);
    rc->phases.hold = aoss_qmp_reset_hold;
    rc->phases.exit = aoss_qmp_reset_exit;
}
