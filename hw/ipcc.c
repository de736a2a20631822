/*
 * rprocsim IPCC register shell.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/irq.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/ipcc.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimIpccState, ipcc, RPROCSIM_IPCC, SYS_BUS_DEVICE)

/* Registers of one client frame, from rprocsim/ipcc-regs.h */
REG32(VERSION, IPCC_REG_VERSION)
REG32(CONFIG, IPCC_REG_CONFIG)
    FIELD(CONFIG, CLEAR_ON_RECV_RD, 0, 1)
REG32(SEND_ID, IPCC_REG_SEND_ID)
    FIELD(SEND_ID, SIGNAL, 0, IPCC_CLIENT_SHIFT)
    FIELD(SEND_ID, CLIENT, IPCC_CLIENT_SHIFT, 16)
REG32(RECV_ID, IPCC_REG_RECV_ID)
REG32(RECV_SIGNAL_ENABLE, IPCC_REG_ENABLE)
REG32(RECV_SIGNAL_DISABLE, IPCC_REG_DISABLE)
REG32(RECV_SIGNAL_CLEAR, IPCC_REG_CLEAR)
REG32(CLIENT_CLEAR, IPCC_REG_CLIENT_CLEAR)

static void ipcc_update_irqs(RprocsimIpccState *s)
{
    for (unsigned c = 0; c < IPCC_CLIENTS; c++) {
        qemu_set_irq(s->irq[c], ipcc_irq_level(&s->state, c));
    }
}

static uint64_t ipcc_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimIpccState *s = opaque;
    unsigned client = addr / IPCC_FRAME_SIZE;
    uint32_t val = 0;

    switch (addr % IPCC_FRAME_SIZE) {
    case A_VERSION:
        val = IPCC_VERSION_VALUE;
        break;
    case A_CONFIG:
        val = ipcc_config(&s->state, client);
        break;
    case A_RECV_ID:
        val = ipcc_read_recv_id(&s->state, client);
        ipcc_update_irqs(s);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: client %u reads offset 0x%" HWADDR_PRIx
                      " (not readable)\n", __func__, client, addr % IPCC_FRAME_SIZE);
        break;
    }
    trace_rprocsim_ipcc_read(client, addr % IPCC_FRAME_SIZE, val);
    return val;
}

static void ipcc_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimIpccState *s = opaque;
    unsigned client = addr / IPCC_FRAME_SIZE;
    hwaddr reg = addr % IPCC_FRAME_SIZE;
    bool ok = true;

    trace_rprocsim_ipcc_write(client, reg, value);
    switch (reg) {
    case A_CONFIG:
        ipcc_set_config(&s->state, client, value);
        break;
    case A_SEND_ID:
        ok = ipcc_send(&s->state, client, value);
        if (ok) {
            trace_rprocsim_ipcc_signal(client, FIELD_EX32(value, SEND_ID, CLIENT),
                                       FIELD_EX32(value, SEND_ID, SIGNAL));
        }
        break;
    case A_RECV_SIGNAL_ENABLE:
        ok = ipcc_enable(&s->state, client, value);
        break;
    case A_RECV_SIGNAL_DISABLE:
        ok = ipcc_disable(&s->state, client, value);
        break;
    case A_RECV_SIGNAL_CLEAR:
        ok = ipcc_clear(&s->state, client, value);
        break;
    case A_CLIENT_CLEAR:
        ipcc_clear_all(&s->state, client);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: client %u writes 0x%" PRIx64
                      " to offset 0x%" HWADDR_PRIx " (not writable)\n", __func__,
                      client, value, reg);
        return;
    }
    if (!ok) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: client %u: 0x%" PRIx64 " written to "
                      "offset 0x%" HWADDR_PRIx " names a client or signal beyond "
                      "%d/%d; ignored\n", __func__, client, value, reg,
                      IPCC_CLIENTS, IPCC_SIGNALS);
    }
    ipcc_update_irqs(s);
}

uint32_t rprocsim_ipcc_client_read(RprocsimIpccState *s, unsigned client, hwaddr reg)
{
    return ipcc_read(s, (hwaddr)client * IPCC_FRAME_SIZE + reg, 4);
}

void rprocsim_ipcc_client_write(RprocsimIpccState *s, unsigned client, hwaddr reg,
                                uint32_t value)
{
    ipcc_write(s, (hwaddr)client * IPCC_FRAME_SIZE + reg, value, 4);
}

static const MemoryRegionOps ipcc_ops = RPROCSIM_REG32_OPS(ipcc_read, ipcc_write);

static void ipcc_init(Object *obj)
{
    RprocsimIpccState *s = RPROCSIM_IPCC(obj);

    memory_region_init_io(&s->iomem, obj, &ipcc_ops, s, TYPE_RPROCSIM_IPCC,
                          IPCC_BLOCK_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
    for (unsigned c = 0; c < IPCC_CLIENTS; c++) {
        sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq[c]);
    }
}

static void ipcc_finalize(Object *obj)
{
}

static void ipcc_reset_hold(Object *obj, ResetType type)
{
    ipcc_reset(&RPROCSIM_IPCC(obj)->state);
}

static void ipcc_reset_exit(Object *obj, ResetType type)
{
    ipcc_update_irqs(RPROCSIM_IPCC(obj));
}

static const VMStateDescription vmstate_ipcc = {
    .name = TYPE_RPROCSIM_IPCC,
    .version_id = 2,
    .minimum_version_id = 2,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_2DARRAY(state.pending, RprocsimIpccState,
                               IPCC_CLIENTS, IPCC_CLIENTS),
        VMSTATE_UINT32_2DARRAY(state.enabled, RprocsimIpccState,
                               IPCC_CLIENTS, IPCC_CLIENTS),
        VMSTATE_UINT32_ARRAY(state.config, RprocsimIpccState, IPCC_CLIENTS),
        VMSTATE_END_OF_LIST()
    },
};

static void ipcc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Qualcomm IPCC mailbox (rprocsim)";
    dc->vmsd = &vmstate_ipcc;
    rc->phases.hold = ipcc_reset_hold;
    rc->phases.exit = ipcc_reset_exit;
}
