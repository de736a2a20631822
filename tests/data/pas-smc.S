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

    .text
    .globl _start
_start:
    ldr     x20, =MAILBOX
1:  ldr     w0, [x20]
    cmp     w0, #1
    b.ne    1b

    ldr     x0, =0x42000201     /* PAS_INIT_IMAGE */
    mov     x1, #0x82
    mov     x2, #1
    ldr     x3, =META
    smc     #0
    str     x0, [x20, #8]
    str     x1, [x20, #16]
    ldr     x0, =0x42000205     /* PAS_AUTH_AND_RESET */
    mov     x1, #1
    mov     x2, #1
    smc     #0
    str     x0, [x20, #24]
    str     x1, [x20, #32]
    mov     w1, #2
    str     w1, [x20, #4]

2:  ldr     w0, [x20]
    cmp     w0, #2
    b.ne    2b
    ldr     x0, =0x42000206     /* PAS_SHUTDOWN */
    mov     x1, #1
    mov     x2, #1
    smc     #0
    str     x0, [x20, #40]
    mov     w1, #3
    str     w1, [x20, #4]
3:  wfe
    b       3b
    .ltorg
