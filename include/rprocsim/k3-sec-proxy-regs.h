/*
 * rprocsim: register map of the K3 secure proxy (ti,am654-secure-proxy),
 * the message channel between the A53s and the DMSC. Three regions, each a
 * row of per-thread frames (AM64X_SIM_SPROXY_REGION_SIZE each, am64x-map.h):
 * "target_data" (the message words), "rt" (status) and "scfg" (control).
 * Offsets from drivers/mailbox/ti-msgmgr.c of Linux 6.12 (SPROXY_THREAD_*
 * macros, am654_desc); read by hw/k3-sec-proxy.c, models/k3-sec-proxy.c
 * and the tests.
 *
 * Freestanding: no includes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_K3_SEC_PROXY_REGS_H
#define RPROCSIM_K3_SEC_PROXY_REGS_H

/* Every region: one 4 KiB frame per thread */
#define K3_SPROXY_THREAD_STRIDE         0x1000
#define K3_SPROXY_MAX_THREADS           190     /* am654_desc queue_count; the mbox cell */

/*
 * "target_data": 15 data words at frame offsets 0x04..0x3c, one 60-byte
 * message. Writing the last word commits a tx message, reading it pops an
 * rx message.
 */
#define K3_SPROXY_DATA_FIRST            0x04
#define K3_SPROXY_DATA_REGS             15
#define K3_SPROXY_DATA_LAST             (K3_SPROXY_DATA_FIRST + 4 * (K3_SPROXY_DATA_REGS - 1))
#define K3_SPROXY_MSG_SIZE              (4 * K3_SPROXY_DATA_REGS)   /* 60 */
#define K3_SPROXY_DATA_OFFSET(tid, reg) \
    ((tid) * K3_SPROXY_THREAD_STRIDE + K3_SPROXY_DATA_FIRST + 4 * (reg))

/*
 * "rt": the thread's status word at frame offset 0. Bits 7:0 count the
 * credits of a tx thread (messages it may still take) or the messages
 * waiting in an rx thread. No error bits (am654_desc status_err_mask 0).
 */
#define K3_SPROXY_RT_STATUS             0x00
#define K3_SPROXY_RT_STATUS_COUNT_SHIFT 0
#define K3_SPROXY_RT_STATUS_COUNT_WIDTH 8
#define K3_SPROXY_RT_STATUS_COUNT_MASK  0xffu
#define K3_SPROXY_RT_STATUS_OFFSET(tid) ((tid) * K3_SPROXY_THREAD_STRIDE + K3_SPROXY_RT_STATUS)

/*
 * "scfg": the thread's control word, one frame further than its index
 * (SPROXY_THREAD_CTRL_OFFSET: 0x1000 + 0x1000 * tid). Bit 31 DIR: 1 for a
 * thread that receives (the host reads), 0 for one that transmits.
 */
#define K3_SPROXY_SCFG_CTRL_BASE        0x1000
#define K3_SPROXY_SCFG_CTRL             0x00
#define K3_SPROXY_SCFG_CTRL_DIR_SHIFT   31
#define K3_SPROXY_SCFG_CTRL_DIR         (1u << 31)
#define K3_SPROXY_SCFG_CTRL_OFFSET(tid) \
    (K3_SPROXY_SCFG_CTRL_BASE + (tid) * K3_SPROXY_THREAD_STRIDE + K3_SPROXY_SCFG_CTRL)

#endif /* RPROCSIM_K3_SEC_PROXY_REGS_H */
