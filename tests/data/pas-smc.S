/*
 * A bare-metal AArch64 program for the Q6SS qtests: it plays the kernel's
 * PAS driver, and an application core touching a carveout. It serves one
 * command at a time from GO, which it clears on taking it:
 *   1: PAS_INIT_IMAGE (aDSP, metadata at META) and PAS_AUTH_AND_RESET,
 *      x0/x1 of each stored, then STAGE = 2;
 *   2: PAS_SHUTDOWN, x0 stored, then STAGE = 3;
 *   3: a 32-bit load from the address at PROBE into VALUE, then STAGE = 4;
 *   4: a 32-bit store of VALUE to the address at PROBE, then STAGE = 5.
 * A synchronous exception (the external abort of a refused access) stores
 * ESR_EL1 in ESR and resumes after the faulting instruction.
 * Loaded as a raw -kernel image; runs at EL1 with the MMU off.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .equ MAILBOX, 0x9f000000     /* GO +0, STAGE +4, PAS results +8..+47 */
    .equ PROBE,   48             /* 64-bit address for commands 3 and 4 */
    .equ VALUE,   56             /* the word loaded or stored */
    .equ ESR,     64             /* ESR_EL1 of the last exception */
    .equ META,    0x90000000

    /* PAS call \fn for the aDSP (pas_id 1): x1 holds the argument count */
    .macro pas_call fn, nargs
    ldr     x0, =\fn
    mov     x1, #\nargs
    mov     x2, #1
    .endm

    /* STAGE = \stage */
    .macro set_stage stage
    mov     w1, #\stage
    str     w1, [x20, #4]
    .endm

    .text
    .globl _start
_start:
    ldr     x20, =MAILBOX
    adr     x9, vectors
    msr     vbar_el1, x9
    isb

next:
    ldr     w0, [x20]
    cbz     w0, next
    str     wzr, [x20]          /* taken: the test may write the next one */
    cmp     w0, #1
    b.eq    auth
    cmp     w0, #2
    b.eq    shutdown
    cmp     w0, #3
    b.eq    load
    cmp     w0, #4
    b.eq    store
    b       next

auth:
    pas_call 0x42000201, 0x82   /* PAS_INIT_IMAGE, metadata at META */
    ldr     x3, =META
    smc     #0
    str     x0, [x20, #8]
    str     x1, [x20, #16]
    pas_call 0x42000205, 1      /* PAS_AUTH_AND_RESET */
    smc     #0
    str     x0, [x20, #24]
    str     x1, [x20, #32]
    set_stage 2
    b       next

shutdown:
    pas_call 0x42000206, 1      /* PAS_SHUTDOWN */
    smc     #0
    str     x0, [x20, #40]
    set_stage 3
    b       next

load:
    ldr     x2, [x20, #PROBE]
    mov     w3, #0
    ldr     w3, [x2]
    str     w3, [x20, #VALUE]
    set_stage 4
    b       next

store:
    ldr     x2, [x20, #PROBE]
    ldr     w3, [x20, #VALUE]
    str     w3, [x2]
    dsb     sy
    set_stage 5
    b       next
    .ltorg

    /* EL1 vectors; only "current EL with SP_ELx, synchronous" is expected */
    .balign 2048
vectors:
    .rept 4
    b       .
    .balign 128
    .endr
    mrs     x9, esr_el1
    str     w9, [x20, #ESR]
    mrs     x9, elr_el1
    add     x9, x9, #4
    msr     elr_el1, x9
    eret
    .balign 128
    .rept 11
    b       .
    .balign 128
    .endr
