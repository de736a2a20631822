/*
 * rprocsim TCSR hardware mutex.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/registerfields.h"
#include "migration/vmstate.h"
#include "hw/rprocsim/hw/tcsr-mutex.h"
#include "hw/rprocsim/hw/reg32.h"
#include "hw/rprocsim/trace.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimTcsrMutexState, tcsr_mutex, RPROCSIM_TCSR_MUTEX, SYS_BUS_DEVICE)

/* One register at the start of each lock's 4 KiB stride */
REG32(MUTEX, 0x0)
    FIELD(MUTEX, OWNER, 0, 32)

static bool mutex_decode(hwaddr addr, unsigned *lock)
{
    *lock = addr / TCSR_MUTEX_STRIDE;
    return (addr % TCSR_MUTEX_STRIDE) == A_MUTEX && *lock < TCSR_MUTEX_LOCKS;
}

static uint64_t tcsr_mutex_read(void *opaque, hwaddr addr, unsigned size)
{
    RprocsimTcsrMutexState *s = opaque;
    unsigned lock;

    if (!mutex_decode(addr, &lock)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: read of 0x%" HWADDR_PRIx
                      ", not a lock register\n", __func__, addr);
        return 0;
    }
    trace_rprocsim_mutex_read(lock, s->owner[lock]);
    return s->owner[lock];
}

static void tcsr_mutex_write(void *opaque, hwaddr addr, uint64_t value,
                             unsigned size)
{
    RprocsimTcsrMutexState *s = opaque;
    uint32_t owner = FIELD_EX32(value, MUTEX, OWNER);
    unsigned lock;

    if (!mutex_decode(addr, &lock)) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write of 0x%" PRIx64 " to 0x%"
                      HWADDR_PRIx ", not a lock register\n", __func__, value, addr);
        return;
    }
    if (owner == 0) {
        trace_rprocsim_mutex_unlock(lock, s->owner[lock]);
        s->owner[lock] = 0;
    } else if (s->owner[lock] == 0) {
        trace_rprocsim_mutex_lock(lock, owner);
        s->owner[lock] = owner;
    } else {
        /* contention: the other owner keeps it; the writer reads it back */
        trace_rprocsim_mutex_busy(lock, s->owner[lock], owner);
    }
}

static const MemoryRegionOps tcsr_mutex_ops = RPROCSIM_REG32_OPS(tcsr_mutex_read, tcsr_mutex_write);

static void tcsr_mutex_init(Object *obj)
{
    RprocsimTcsrMutexState *s = RPROCSIM_TCSR_MUTEX(obj);

    memory_region_init_io(&s->iomem, obj, &tcsr_mutex_ops, s,
                          TYPE_RPROCSIM_TCSR_MUTEX, TCSR_MUTEX_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->iomem);
}

static void tcsr_mutex_finalize(Object *obj)
{
}

static void tcsr_mutex_reset_hold(Object *obj, ResetType type)
{
    RprocsimTcsrMutexState *s = RPROCSIM_TCSR_MUTEX(obj);

    memset(s->owner, 0, sizeof(s->owner));
}

static const VMStateDescription vmstate_tcsr_mutex = {
    .name = TYPE_RPROCSIM_TCSR_MUTEX,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (const VMStateField[]) {
        VMSTATE_UINT32_ARRAY(owner, RprocsimTcsrMutexState, TCSR_MUTEX_LOCKS),
        VMSTATE_END_OF_LIST()
    },
};

static void tcsr_mutex_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    ResettableClass *rc = RESETTABLE_CLASS(klass);

    dc->desc = "Qualcomm TCSR hardware mutex (rprocsim)";
    dc->vmsd = &vmstate_tcsr_mutex;
    rc->phases.hold = tcsr_mutex_reset_hold;
}
