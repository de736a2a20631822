/*
 * rprocsim R5F firmware: exception vectors and start-up, ARM state. The
 * vectors sit at address 0 (the ATCM, ti,loczrama = <1>; SCTLR.V clear),
 * which is also the ELF entry and so the boot vector Linux gives TI-SCI.
 * Start-up masks IRQ and FIQ, gives each mode a stack in the BTCM, zeroes
 * .bss and enters r5f_main(); .data comes loaded. Every exception other
 * than reset goes to r5f_exception(kind, lr, spsr), which never returns.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .syntax unified
    .arm

/* CPSR mode numbers (ARMv7-R Architecture Reference Manual, B1.3.1) */
    .equ MODE_FIQ, 0x11
    .equ MODE_IRQ, 0x12
    .equ MODE_SVC, 0x13
    .equ MODE_ABT, 0x17
    .equ MODE_UND, 0x1b

    .section .vectors, "ax", %progbits
    .global r5f_vectors
r5f_vectors:
    b       r5f_reset
    b       undef_entry
    b       svc_entry
    b       pabt_entry
    b       dabt_entry
    b       .                       /* reserved */
    b       irq_entry
    b       fiq_entry

    .text
    .type   r5f_reset, %function
r5f_reset:
    cpsid   if
    cps     #MODE_FIQ
    ldr     sp, =__fiq_stack_top
    cps     #MODE_IRQ
    ldr     sp, =__irq_stack_top
    cps     #MODE_ABT
    ldr     sp, =__abt_stack_top
    cps     #MODE_UND
    ldr     sp, =__und_stack_top
    cps     #MODE_SVC
    ldr     sp, =__svc_stack_top
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    b       r5f_main

/* r0: the vector's index (1 undefined ... 7 FIQ), r1: lr, r2: spsr */
    .macro  exception index
    mov     r0, #\index
    b       common_exception
    .endm

undef_entry:    exception 1
svc_entry:      exception 2
pabt_entry:     exception 3
dabt_entry:     exception 4
irq_entry:      exception 6
fiq_entry:      exception 7

common_exception:
    mov     r1, lr
    mrs     r2, spsr
    b       r5f_exception
