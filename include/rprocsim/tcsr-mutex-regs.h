/*
 * rprocsim: the TCSR hardware mutex (qcom,tcsr-mutex) as every core sees
 * it: 32 locks, one register every 4 KiB. A lock is taken by writing a
 * non-zero owner id while it reads 0 (Qualcomm remotes write their SMEM
 * host id + 1), released by writing 0; reads return the owner
 * (drivers/hwspinlock/qcom_hwspinlock.c, Linux 6.12).
 *
 * Freestanding: no includes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TCSR_MUTEX_REGS_H
#define RPROCSIM_TCSR_MUTEX_REGS_H

#define TCSR_MUTEX_LOCKS        32
#define TCSR_MUTEX_STRIDE       0x1000
#define TCSR_MUTEX_SIZE         (TCSR_MUTEX_LOCKS * TCSR_MUTEX_STRIDE)

#endif /* RPROCSIM_TCSR_MUTEX_REGS_H */
