/*
 * rprocsim firmware stubs: vector table and start-up for the Cortex-M4
 * stand-in core. The image's load base is the vector table (TrustZone
 * points VTOR there); .data comes loaded, .bss is cleared here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

#include "fw.h"

extern uint32_t __stack_top, __bss_start, __bss_end;
extern const struct fw_config fw_this;

void reset_handler(void) __attribute__((noreturn));
void fault_entry(void);
void default_handler(void);

/*
 * Faults: hand the stacked frame (MSP or PSP, from EXC_RETURN bit 2), the
 * EXC_RETURN value and r4-r11 (pushed here) to C.
 */
__attribute__((naked)) void fault_entry(void)
{
    __asm__ volatile(
        "push  {r4-r11}\n"
        "mov   r2, sp\n"
        "tst   lr, #4\n"
        "ite   eq\n"
        "addeq r0, sp, #32\n"
        "mrsne r0, psp\n"
        "mov   r1, lr\n"
        "b     fw_fault\n");
}

void default_handler(void)
{
    fw_fatal("unexpected exception", 0);
}

__attribute__((section(".vectors"), used))
const void *const vectors[16 + 3] = {
    &__stack_top,
    (void *)reset_handler,
    (void *)default_handler,    /* NMI */
    (void *)fault_entry,        /* HardFault */
    (void *)fault_entry,        /* MemManage */
    (void *)fault_entry,        /* BusFault */
    (void *)fault_entry,        /* UsageFault */
    0, 0, 0, 0,
    (void *)default_handler,    /* SVCall */
    (void *)default_handler,    /* DebugMonitor */
    0,
    (void *)default_handler,    /* PendSV */
    (void *)fw_systick,
    (void *)fw_ipcc_irq,        /* IRQ 0: IPCC frame */
    (void *)fw_fault_irq,       /* IRQ 1: fault injected */
    (void *)fw_bark_irq,        /* IRQ 2: watchdog bark */
};

void reset_handler(void)
{
    for (volatile uint32_t *p = &__bss_start; p < &__bss_end; p++) {
        *p = 0;
    }
    fw_main(&fw_this);
}
