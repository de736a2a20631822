/*
 * rprocsim TCSR hardware mutex (qcom,tcsr-mutex): 32 locks, one register
 * every 0x1000 bytes. A lock is taken by writing a non-zero owner id while
 * it reads 0, released by writing 0; reads return the owner. Shared by
 * every core (drivers/hwspinlock/qcom_hwspinlock.c, Linux 6.12).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_TCSR_MUTEX_H
#define RPROCSIM_HW_TCSR_MUTEX_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "rprocsim/tcsr-mutex-regs.h"

#define TYPE_RPROCSIM_TCSR_MUTEX "rprocsim-tcsr-mutex"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimTcsrMutexState, RPROCSIM_TCSR_MUTEX)


struct RprocsimTcsrMutexState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    uint32_t owner[TCSR_MUTEX_LOCKS];
};

#endif /* RPROCSIM_HW_TCSR_MUTEX_H */
