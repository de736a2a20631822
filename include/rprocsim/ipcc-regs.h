/*
 * rprocsim: the Qualcomm IPCC, protocol 0 (MPROC), as every side sees it:
 * one 4 KiB frame per client, its registers, the client and signal numbers.
 * Register use follows drivers/mailbox/qcom-ipcc.c (Linux 6.12); client and
 * signal numbers include/dt-bindings/mailbox/qcom-ipcc.h. Included by the
 * model (models/ipcc.c, hw/ipcc.c), the board, the firmware and the tests.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_IPCC_REGS_H
#define RPROCSIM_IPCC_REGS_H

#include <stdint.h>

#define IPCC_FRAME_SIZE             0x1000
#define IPCC_CLIENTS                32      /* clients modelled, 0..31 */
#define IPCC_SIGNALS                32      /* signals per client, 0..31 */
#define IPCC_BLOCK_SIZE             (IPCC_CLIENTS * IPCC_FRAME_SIZE)
#define IPCC_VERSION_VALUE          0x10200
#define IPCC_NO_PENDING             0xffffffffu

/* Frame registers (qcom-ipcc.c IPCC_REG_*) */
#define IPCC_REG_VERSION            0x00
#define IPCC_REG_CONFIG             0x08
#define   IPCC_CONFIG_CLEAR_ON_RECV_RD 0x1  /* reading RECV_ID clears what it returns */
#define IPCC_REG_SEND_ID            0x0c
#define IPCC_REG_RECV_ID            0x10
#define IPCC_REG_ENABLE             0x14    /* RECV_SIGNAL_ENABLE */
#define IPCC_REG_DISABLE            0x18    /* RECV_SIGNAL_DISABLE */
#define IPCC_REG_CLEAR              0x1c    /* RECV_SIGNAL_CLEAR */
#define IPCC_REG_CLIENT_CLEAR       0x38

/* SEND_ID / RECV_ID / the hwirq: (client << 16) | signal */
#define IPCC_CLIENT_SHIFT           16
#define IPCC_SIGNAL_MASK            0xffffu

/* Client IDs (dt-bindings/mailbox/qcom-ipcc.h) */
#define IPCC_CLIENT_AOP             0
#define IPCC_CLIENT_MPSS            2
#define IPCC_CLIENT_LPASS           3
#define IPCC_CLIENT_CDSP            6
#define IPCC_CLIENT_APSS            8
#define IPCC_CLIENT_WPSS            24

/* Signals of protocol 0 (dt-bindings/mailbox/qcom-ipcc.h IPCC_MPROC_SIGNAL_*) */
#define IPCC_SIGNAL_GLINK_QMP       0
#define IPCC_SIGNAL_TZ              1
#define IPCC_SIGNAL_SMP2P           2
#define IPCC_SIGNAL_PING            3

#endif /* RPROCSIM_IPCC_REGS_H */
