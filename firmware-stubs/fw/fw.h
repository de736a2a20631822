/*
 * rprocsim firmware stubs: the common firmware every subsystem runs on its
 * stand-in core, parameterised per subsystem. Behaviour in
 * docs/subsystems.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_FW_H
#define RPROCSIM_FW_FW_H

#include <stdint.h>

/* What the Q6SS block does not tell: everything else is read from it */
struct fw_config {
    const char *name;           /* "adsp", "cdsp", "wpss": for its UART lines */
};

/* Run the firmware; never returns. */
void fw_main(const struct fw_config *cfg) __attribute__((noreturn));

/* Raise fatal with @reason (NUL-terminated) after recording it; never returns. */
void fw_fatal(const char *reason, uint32_t exception) __attribute__((noreturn));

/* Called from the fault vectors with the exception frame and EXC_RETURN */
void fw_fault(uint32_t *frame, uint32_t exc_return, uint32_t *callee_saved)
    __attribute__((noreturn));

/* Interrupt handlers (start.c wires them into the vector table) */
void fw_systick(void);
void fw_ipcc_irq(void);
void fw_fault_irq(void);
void fw_bark_irq(void);

#endif /* RPROCSIM_FW_FW_H */
