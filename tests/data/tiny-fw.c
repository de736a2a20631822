/*
 * A minimal Cortex-M firmware used as packer test input: a vector table, a
 * little data and bss, and a reset handler that idles in WFI. Built with
 * clang for thumbv7em and linked by lld with tiny-fw.ld into the aDSP
 * carveout, as the real firmware stubs are.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

extern uint32_t __stack_top;

volatile uint32_t boot_count = 1;   /* .data */
volatile uint32_t scratch[64];      /* .bss */

void reset_handler(void);

__attribute__((section(".vectors"), used))
const void *const vectors[2] = { &__stack_top, (void *)reset_handler };

void reset_handler(void)
{
    boot_count++;
    for (;;) {
        scratch[0] = boot_count;
        __asm__ volatile("wfi");
    }
}
