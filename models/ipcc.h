/*
 * rprocsim models: the Qualcomm IPCC (inter-processor communication
 * controller) signal router.
 *
 * Each client (APSS 8, LPASS 3, CDSP 6, WPSS 24, AOP 0, ...) has a frame.
 * A client sends signal S to client D by writing (D << 16) | S to its
 * SEND_ID; the signal is then pending in D's frame as (sender << 16) | S
 * until cleared. RECV_ID returns the lowest pending and enabled one, or
 * 0xFFFFFFFF; the frame's interrupt is high while any such signal exists.
 * Register use follows drivers/mailbox/qcom-ipcc.c (Linux 6.12); signal
 * numbers include/dt-bindings/mailbox/qcom-ipcc.h. See docs/ipc.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_IPCC_H
#define RPROCSIM_MODELS_IPCC_H

#include <stdbool.h>
#include <stdint.h>

#include "rprocsim/ipcc-regs.h"

typedef struct IpccState {
    /* per receiving client, per sending client: one bit per signal */
    uint32_t pending[IPCC_CLIENTS][IPCC_CLIENTS];
    uint32_t enabled[IPCC_CLIENTS][IPCC_CLIENTS];
    uint32_t config[IPCC_CLIENTS];          /* CONFIG of each frame */
} IpccState;

/* All signals cleared and disabled. */
void ipcc_reset(IpccState *s);

/*
 * Client @src writes @value = (dst << 16) | signal to SEND_ID. Returns false
 * (nothing changes) if @src, dst or signal is out of range.
 */
bool ipcc_send(IpccState *s, unsigned src, uint32_t value);

/* RECV_ID of client @dst's frame: lowest pending and enabled (src << 16) | signal. */
uint32_t ipcc_recv_id(const IpccState *s, unsigned dst);

/*
 * A read of RECV_ID by client @dst: ipcc_recv_id(), and with the frame's
 * CONFIG CLEAR_ON_RECV_RD set the signal returned is cleared as well (the
 * mode boot firmware may leave set; Linux 7.x clears it at probe,
 * drivers/mailbox/qcom-ipcc.c).
 */
uint32_t ipcc_read_recv_id(IpccState *s, unsigned dst);

/* CONFIG of client @dst's frame; writes keep only the defined bits. */
uint32_t ipcc_config(const IpccState *s, unsigned dst);
void ipcc_set_config(IpccState *s, unsigned dst, uint32_t value);

/*
 * RECV_SIGNAL_ENABLE / _DISABLE / _CLEAR of client @dst's frame with
 * @hwirq = (src << 16) | signal. False for an out-of-range @dst or @hwirq.
 */
bool ipcc_enable(IpccState *s, unsigned dst, uint32_t hwirq);
bool ipcc_disable(IpccState *s, unsigned dst, uint32_t hwirq);
bool ipcc_clear(IpccState *s, unsigned dst, uint32_t hwirq);

/* CLIENT_CLEAR: drop every pending signal of client @dst. */
void ipcc_clear_all(IpccState *s, unsigned dst);

/* Level of client @dst's interrupt: any pending and enabled signal. */
bool ipcc_irq_level(const IpccState *s, unsigned dst);

/* True if (@src, @signal) is pending in @dst's frame, enabled or not. */
bool ipcc_is_pending(const IpccState *s, unsigned dst, unsigned src, unsigned signal);

#endif /* RPROCSIM_MODELS_IPCC_H */
