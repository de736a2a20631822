/*
 * A bare-metal AArch64 program for the Q6SS qtest: it plays the kernel's
 * PAS driver. When the test writes 1 to GO it issues PAS_INIT_IMAGE (aDSP,
 * metadata at META) and PAS_AUTH_AND_RESET, stores x0/x1 of each and sets
 * STAGE to 2; when GO becomes 2 it issues PAS_SHUTDOWN and sets STAGE to 3.
 * Loaded as a raw -kernel image; runs at EL1 with the MMU off.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .equ MAILBOX, 0x9f000000     /* GO +0, STAGE +4, results from +8 */
    .equ META,    0x90000000

    /* wait until GO reads \go */
    .macro wait_go go
1:  ldr     w0, [x20]
    cmp     w0, #\go
    b.ne    1b
    .endm

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
    wait_go 1
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

    wait_go 2
    pas_call 0x42000206, 1      /* PAS_SHUTDOWN */
    smc     #0
    str     x0, [x20, #40]
    set_stage 3
3:  wfe
    b       3b
    .ltorg
