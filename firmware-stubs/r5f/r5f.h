/*
 * rprocsim R5F firmware: the interface between start-up (start.S), the
 * resource table (rsc.c) and the firmware (r5f.c). Behaviour in
 * docs/am64x.md, "R5F firmware".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_R5F_R5F_H
#define RPROCSIM_R5F_R5F_H

#include <stdint.h>

/* The trace buffer the resource table's trace entry names (rsc.c) */
#define R5F_TRACE_SIZE          0x1000
extern char r5f_trace_buf[R5F_TRACE_SIZE];

/* Run the firmware (from start.S, in SVC mode, IRQ and FIQ masked); never returns. */
void r5f_main(void) __attribute__((noreturn));

/*
 * Any exception but reset (start.S): @kind is the vector's index (1
 * undefined instruction, 2 SVC, 3 prefetch abort, 4 data abort, 6 IRQ,
 * 7 FIQ), @lr and @spsr the mode's banked values at entry. Writes the
 * fault status and address into the trace buffer, sends RP_MBOX_CRASH and
 * idles; never returns.
 */
void r5f_exception(uint32_t kind, uint32_t lr, uint32_t spsr) __attribute__((noreturn));

#endif /* RPROCSIM_R5F_R5F_H */
