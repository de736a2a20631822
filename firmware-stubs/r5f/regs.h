/*
 * rprocsim R5F firmware: what a stand-in R5F core sees (docs/am64x.md).
 * The control block and mailbox maps and the addresses come from the
 * shared layout headers; only the cp15 fault registers are the firmware's
 * own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_R5F_REGS_H
#define RPROCSIM_R5F_REGS_H

#include <stdint.h>

#include "../lib/mmio.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/k3-mailbox-regs.h"
#include "rprocsim/k3-r5f-ctl-regs.h"

/* The core's view (am64x-map.h): its control block and the mailbox cluster */
#define CTL_BASE                ((uint32_t)AM64X_SIM_R5F_CTL_BASE)
#define MBOX_BASE               ((uint32_t)AM64X_SIM_MBOX_BASE)
#define UART_TX                 (CTL_BASE + K3_R5F_CTL_REG_UART_TX)

/*
 * Nothing answers here in the core's view (am64x-map.h: TCMs, control
 * block, mailbox and DDR only), so a load is a synchronous external abort
 */
#define UNMAPPED_ADDR           0x60000000u

static inline uint32_t ctl(uint32_t reg)
{
    return readl(CTL_BASE + reg);
}

static inline uint32_t mbox(uint32_t reg)
{
    return readl(MBOX_BASE + reg);
}

/* cp15 fault status and address (ARMv7-R Architecture Reference Manual, B4.1) */
static inline uint32_t cp15_dfsr(void)
{
    uint32_t v;

    __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
    return v;
}

static inline uint32_t cp15_dfar(void)
{
    uint32_t v;

    __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
    return v;
}

static inline uint32_t cp15_ifsr(void)
{
    uint32_t v;

    __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
    return v;
}

static inline uint32_t cp15_ifar(void)
{
    uint32_t v;

    __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v));
    return v;
}

#endif /* RPROCSIM_R5F_REGS_H */
