/*
 * rprocsim K3 secure proxy register shell (hw/k3-sec-proxy.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/k3-sec-proxy.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"
#include "rprocsim/am64x-map.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimK3SecProxyState, k3_sec_proxy, RPROCSIM_K3_SEC_PROXY,
                          SYS_BUS_DEVICE)

/* Registers of one thread's frame, from rprocsim/k3-sec-proxy-regs.h */
REG32(DATA_FIRST, K3_SPROXY_DATA_FIRST)
REG32(DATA_LAST, K3_SPROXY_DATA_LAST)
REG32(RT_STATUS, K3_SPROXY_RT_STATUS)
    FIELD(RT_STATUS, COUNT, K3_SPROXY_RT_STATUS_COUNT_SHIFT, K3_SPROXY_RT_STATUS_COUNT_WIDTH)
REG32(SCFG_CTRL, K3_SPROXY_SCFG_CTRL)
    FIELD(SCFG_CTRL, DIR, K3_SPROXY_SCFG_CTRL_DIR_SHIFT, 1)

QEMU_BUILD_BUG_ON(R_RT_STATUS_COUNT_MASK != K3_SPROXY_RT_STATUS_COUNT_MASK);
QEMU_BUILD_BUG_ON(R_SCFG_CTRL_DIR_MASK != K3_SPROXY_SCFG_CTRL_DIR);
/* an answer of the DMSC always fits a secure proxy message */
QEMU_BUILD_BUG_ON(TI_SCI_VERSION_RESP_SIZE > K3_SPROXY_MSG_SIZE);

#define STRIDE  K3_SPROXY_THREAD_STRIDE

static const char *const region_names[] = { "target_data", "rt", "scfg" };

static void k3_sec_proxy_update_irq(RprocsimK3SecProxyState *s)
{
    bool level = k3_sproxy_irq_level(&s->state, s->rx_thread);

    if (level != s->irq_level) {
        trace_rprocsim_k3_sproxy_irq(s->rx_thread, level, k3_sproxy_status(&s->state,
                                                                           s->rx_thread));
    }
    s->irq_level = level;
    qemu_set_irq(s->irq, level);
}

static void k3_sec_proxy_misuse(const char *region, uint32_t tid, hwaddr off, bool write,
                             const char *what)
{
    trace_rprocsim_k3_sproxy_misuse(region, tid, off, write, what);
    qemu_log_mask(LOG_GUEST_ERROR, "rprocsim-k3-sec-proxy: %s %s of thread %u at frame "
                  "offset 0x%" HWADDR_PRIx ": %s; %s\n", region, write ? "write" : "read",
                  tid, off, what, write ? "ignored" : "reads 0");
}

/* A tx commit: to the DMSC, its answer onto the rx thread */
static void k3_sec_proxy_deliver(RprocsimK3SecProxyState *s, const uint8_t *msg)
{
    uint8_t resp[TI_SCI_MAX_MSG_SIZE];
    size_t n = 0;

    s->requests++;
    if (s->dmsc) {
        n = rprocsim_ti_sci_request(s->dmsc, msg, K3_SPROXY_MSG_SIZE, resp);
    } else {
        qemu_log_mask(LOG_UNIMP, "rprocsim-k3-sec-proxy: no DMSC behind thread %u: "
                      "message dropped\n", s->tx_thread);
    }
    if (n && k3_sproxy_push(&s->state, s->rx_thread, resp, n)) {
        trace_rprocsim_k3_sproxy_answer(s->rx_thread, n,
                                        k3_sproxy_status(&s->state, s->rx_thread));
        return;
    }
    /* nothing queued (or, impossible with these credits, no room): the credit is back */
    k3_sproxy_return_credit(&s->state, s->tx_thread);
}

static uint64_t k3_sec_proxy_data_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimK3SecProxyState *s = opaque;
    uint32_t tid = addr / STRIDE;
    hwaddr off = addr % STRIDE;
    K3SproxyResult r;
    uint32_t val = 0;

    if (off < A_DATA_FIRST || off > A_DATA_LAST) {
        k3_sec_proxy_misuse("target_data", tid, off, false, "not a data register");
        return 0;
    }
    r = k3_sproxy_read(&s->state, tid, (off - A_DATA_FIRST) / 4, &val);
    trace_rprocsim_k3_sproxy_read(region_names[0], tid, off, val);
    switch (r) {
    case K3_SPROXY_OK:
        break;
    case K3_SPROXY_POPPED:
        k3_sproxy_return_credit(&s->state, s->tx_thread);
        k3_sec_proxy_update_irq(s);
        break;
    default:
        k3_sec_proxy_misuse("target_data", tid, off, false, k3_sproxy_result_name(r));
        break;
    }
    return val;
}

static void k3_sec_proxy_data_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    RprocsimK3SecProxyState *s = opaque;
    uint32_t tid = addr / STRIDE;
    hwaddr off = addr % STRIDE;
    uint8_t msg[K3_SPROXY_MSG_SIZE];
    K3SproxyResult r;

    trace_rprocsim_k3_sproxy_write(tid, off, value);
    if (off < A_DATA_FIRST || off > A_DATA_LAST) {
        k3_sec_proxy_misuse("target_data", tid, off, true, "not a data register");
        return;
    }
    r = k3_sproxy_write(&s->state, tid, (off - A_DATA_FIRST) / 4, value, msg);
    switch (r) {
    case K3_SPROXY_OK:
        break;
    case K3_SPROXY_COMMITTED:
        trace_rprocsim_k3_sproxy_commit(tid, k3_sproxy_status(&s->state, tid));
        k3_sec_proxy_deliver(s, msg);
        k3_sec_proxy_update_irq(s);
        break;
    case K3_SPROXY_NO_CREDITS:
        s->dropped++;
        /* fall through */
    default:
        k3_sec_proxy_misuse("target_data", tid, off, true, k3_sproxy_result_name(r));
        break;
    }
}

static uint64_t k3_sec_proxy_rt_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimK3SecProxyState *s = opaque;
    uint32_t tid = addr / STRIDE;
    hwaddr off = addr % STRIDE;
    uint32_t val = 0;

    if (off != A_RT_STATUS || !k3_sproxy_thread(&s->state, tid)) {
        k3_sec_proxy_misuse("rt", tid, off, false, off != A_RT_STATUS ? "not the status word"
                                                                 : "thread not served");
        return 0;
    }
    val = FIELD_DP32(0, RT_STATUS, COUNT, k3_sproxy_status(&s->state, tid));
    trace_rprocsim_k3_sproxy_read(region_names[1], tid, off, val);
    return val;
}

static void k3_sec_proxy_rt_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    k3_sec_proxy_misuse("rt", addr / STRIDE, addr % STRIDE, true, "read-only");
}

static uint64_t k3_sec_proxy_scfg_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimK3SecProxyState *s = opaque;
    uint32_t tid;
    hwaddr off;
    uint32_t val;

    if (addr < K3_SPROXY_SCFG_CTRL_BASE) {
        k3_sec_proxy_misuse("scfg", 0, addr, false, "below the thread frames");
        return 0;
    }
    tid = (addr - K3_SPROXY_SCFG_CTRL_BASE) / STRIDE;
    off = (addr - K3_SPROXY_SCFG_CTRL_BASE) % STRIDE;
    if (off != A_SCFG_CTRL || !k3_sproxy_thread(&s->state, tid)) {
        k3_sec_proxy_misuse("scfg", tid, off, false, off != A_SCFG_CTRL ? "not the control word"
                                                                   : "thread not served");
        return 0;
    }
    val = FIELD_DP32(0, SCFG_CTRL, DIR,
                     !!(k3_sproxy_ctrl(&s->state, tid) & K3_SPROXY_SCFG_CTRL_DIR));
    trace_rprocsim_k3_sproxy_read(region_names[2], tid, off, val);
    return val;
}

static void k3_sec_proxy_scfg_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    k3_sec_proxy_misuse("scfg", addr / STRIDE, addr % STRIDE, true,
                     "thread configuration belongs to the DMSC");
}

static const MemoryRegionOps k3_sec_proxy_data_ops =
    RPROCSIM_REG32_OPS(k3_sec_proxy_data_read, k3_sec_proxy_data_write);
static const MemoryRegionOps k3_sec_proxy_rt_ops =
    RPROCSIM_REG32_OPS(k3_sec_proxy_rt_read, k3_sec_proxy_rt_write);
static const MemoryRegionOps k3_sec_proxy_scfg_ops =
    RPROCSIM_REG32_OPS(k3_sec_proxy_scfg_read, k3_sec_proxy_scfg_write);

static void k3_sec_proxy_init(Object *obj)
{
    RprocsimK3SecProxyState *s = RPROCSIM_K3_SEC_PROXY(obj);
    SysBusDevice *sbd = SYS_BUS_DEVICE(obj);

    memory_region_init_io(&s->data, obj, &k3_sec_proxy_data_ops, s,
                          "rprocsim-k3-sec-proxy-target-data", AM64X_SIM_SPROXY_REGION_SIZE);
    memory_region_init_io(&s->rt, obj, &k3_sec_proxy_rt_ops, s, "rprocsim-k3-sec-proxy-rt",
                          AM64X_SIM_SPROXY_REGION_SIZE);
    memory_region_init_io(&s->scfg, obj, &k3_sec_proxy_scfg_ops, s,
                          "rprocsim-k3-sec-proxy-scfg", AM64X_SIM_SPROXY_REGION_SIZE);
    sysbus_init_mmio(sbd, &s->data);
    sysbus_init_mmio(sbd, &s->rt);
    sysbus_init_mmio(sbd, &s->scfg);
    sysbus_init_irq(sbd, &s->irq);
    object_property_add_link(obj, "dmsc", TYPE_RPROCSIM_TI_SCI, (Object **)&s->dmsc,
                             qdev_prop_allow_set_link_before_realize,
                             OBJ_PROP_LINK_STRONG);
    object_property_add_uint32_ptr(obj, "requests", &s->requests, OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "dropped", &s->dropped, OBJ_PROP_FLAG_READ);
}

static void get_count(Object *obj, Visitor *v, const char *name, void *opaque,
                      Error **errp)
{
    RprocsimK3SecProxyState *s = RPROCSIM_K3_SEC_PROXY(obj);
    uint32_t tid = g_str_equal(name, "rx-count") ? s->rx_thread : s->tx_thread;
    uint32_t val = k3_sproxy_status(&s->state, tid);

    visit_type_uint32(v, name, &val, errp);
}

static void k3_sec_proxy_finalize(Object *obj)
{
}

static void k3_sec_proxy_realize(DeviceState *dev, Error **errp)
{
    RprocsimK3SecProxyState *s = RPROCSIM_K3_SEC_PROXY(dev);

    k3_sproxy_init(&s->state);
    if (s->rx_thread == s->tx_thread ||
        (uint64_t)(s->rx_thread + 1) * STRIDE > AM64X_SIM_SPROXY_REGION_SIZE ||
        (uint64_t)(s->tx_thread + 1) * STRIDE > AM64X_SIM_SPROXY_REGION_SIZE ||
        !k3_sproxy_add_thread(&s->state, s->rx_thread, true, K3_SPROXY_MAX_DEPTH) ||
        !k3_sproxy_add_thread(&s->state, s->tx_thread, false, K3_SPROXY_MAX_DEPTH)) {
        error_setg(errp, "rprocsim-k3-sec-proxy: rx-thread %u and tx-thread %u must "
                   "differ and lie within the regions", s->rx_thread, s->tx_thread);
        return;
    }
    object_property_add(OBJECT(s), "rx-count", "uint32", get_count, NULL, NULL, NULL);
    object_property_add(OBJECT(s), "tx-credits", "uint32", get_count, NULL, NULL, NULL);
}

static void k3_sec_proxy_reset_hold(Object *obj, ResetType type)
{
    RprocsimK3SecProxyState *s = RPROCSIM_K3_SEC_PROXY(obj);

    k3_sproxy_reset(&s->state);
    s->requests = 0;
    s->dropped = 0;
}

static void k3_sec_proxy_reset_exit(Object *obj, ResetType type)
{
    k3_sec_proxy_update_irq(RPROCSIM_K3_SEC_PROXY(obj));
}

static int k3_sec_proxy_post_load(void *opaque, int version_id)
{
    RprocsimK3SecProxyState *s = opaque;

    if (!k3_sproxy_valid(&s->state)) {
        return -EINVAL;
    }
    s->irq_level = k3_sproxy_irq_level(&s->state, s->rx_thread);
    return 0;
}

static const VMStateDescription vmstate_k3_sec_proxy_thread = {
    .name = "rprocsim-k3-sec-proxy/thread",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32(credits, K3SproxyThread),
        VMSTATE_UINT32(head, K3SproxyThread),
        VMSTATE_UINT32(count, K3SproxyThread),
        VMSTATE_UINT32_2DARRAY(fifo, K3SproxyThread, K3_SPROXY_MAX_DEPTH,
                               K3_SPROXY_DATA_REGS),
        VMSTATE_UINT32_ARRAY(staging, K3SproxyThread, K3_SPROXY_DATA_REGS),
        VMSTATE_END_OF_LIST()
    },
};

/* The threads' ids, directions and depths come from the properties */
static const VMStateDescription vmstate_k3_sec_proxy = {
    .name = TYPE_RPROCSIM_K3_SEC_PROXY,
    .version_id = 1,
    .minimum_version_id = 1,
    .post_load = k3_sec_proxy_post_load,
    .fields = (const VMStateField[]) {
        VMSTATE_STRUCT_ARRAY(state.thread, RprocsimK3SecProxyState,
                             K3_SPROXY_MODEL_THREADS, 1, vmstate_k3_sec_proxy_thread,
                             K3SproxyThread),
        VMSTATE_UINT32(requests, RprocsimK3SecProxyState),
        VMSTATE_UINT32(dropped, RprocsimK3SecProxyState),
        VMSTATE_END_OF_LIST()
    },
};

static const Property k3_sec_proxy_properties[] = {
    DEFINE_PROP_UINT32("rx-thread", RprocsimK3SecProxyState, rx_thread,
                       AM64X_SIM_SPROXY_RX_THREAD),
    DEFINE_PROP_UINT32("tx-thread", RprocsimK3SecProxyState, tx_thread,
                       AM64X_SIM_SPROXY_TX_THREAD),
};

static void k3_sec_proxy_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "TI K3 secure proxy (rprocsim)";
    dc->realize = k3_sec_proxy_realize;
    dc->vmsd = &vmstate_k3_sec_proxy;
    dc->user_creatable = false;
    device_class_set_props(dc, k3_sec_proxy_properties);
    rc->phases.hold = k3_sec_proxy_reset_hold;
    rc->phases.exit = k3_sec_proxy_reset_exit;
}
