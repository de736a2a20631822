/*
 * rprocsim firmware library: register access and a debug UART that takes
 * one byte per 32-bit write, as a stand-in core does it (the Q6SS block's
 * and the R5F control block's UART_TX). Addresses are the core's own
 * (32-bit) view.
 *
 * Freestanding only: the firmware includes it, the host tests do not.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_MMIO_H
#define RPROCSIM_FW_MMIO_H

#include <stdint.h>

static inline uint32_t readl(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void writel(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

/* Write @c to the UART transmit register at @tx */
static inline void rp_uart_putc(uint32_t tx, char c)
{
    writel(tx, (uint8_t)c);
}

/* Write the NUL-terminated @s to the UART transmit register at @tx */
static inline void rp_uart_puts(uint32_t tx, const char *s)
{
    while (*s) {
        rp_uart_putc(tx, *s++);
    }
}

#endif /* RPROCSIM_FW_MMIO_H */
