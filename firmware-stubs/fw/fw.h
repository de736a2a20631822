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

/* The subsystem's name, for UART lines */
const char *fw_name(void);

/* A line (or part of one) on the debug UART */
void fw_puts(const char *s);

/* The fault the firmware holds now (Q6SS_FAULT_*: taken at boot or by the fault IRQ) */
uint32_t fw_fault_now(void);

/* Raise shutdown-ack (SMP2P bit 7) after a graceful SSCTL shutdown, and ring Linux */
void fw_shutdown_ack(void);

/*
 * comms.c: start the GLINK edge, its QRTR node and the SSCTL service in
 * @part (the partition shared with Linux) at boot, before ready, with the
 * boot's @fault; poll them on each GLINK interrupt from Linux.
 */
struct rp_shmem;
struct rp_hwlock;
struct rp_smem_part;
void fw_comms_start(const struct rp_shmem *smem, const struct rp_hwlock *lock,
                    const struct rp_smem_part *part, uint32_t fault);
void fw_comms_poll(void);

/* Interrupt handlers (start.c wires them into the vector table) */
void fw_systick(void);
void fw_ipcc_irq(void);
void fw_fault_irq(void);
void fw_bark_irq(void);

#endif /* RPROCSIM_FW_FW_H */
