/*
 * rprocsim: the TI-SCI wire format, as the DMSC model (models/ti-sci.c,
 * hw/ti-sci.c), the tests and the fuzzer see it. Every message is a packed
 * little-endian byte string: an 8-byte header, then the payload of its
 * type. Values and layouts from drivers/firmware/ti_sci.h of Linux 6.12
 * (QUERY_FW_CAPS from 7.3) and drivers/remoteproc/ti_k3_r5_remoteproc.c
 * (the R5F processor flags); docs/am64x.md describes the model.
 *
 * Offsets are from the start of the message (header included); a *_SIZE
 * is the whole message's length. Requests shorter than their *_SIZE are
 * refused (NACK); responses are at most TI_SCI_MAX_MSG_SIZE bytes.
 *
 * Freestanding: no includes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TI_SCI_MSG_H
#define RPROCSIM_TI_SCI_MSG_H

/* The ti,k2g-sci descriptor (ti_sci.c ti_sci_pmmc_k2g_desc) */
#define TI_SCI_MAX_MSG_SIZE             64
#define TI_SCI_MAX_MSGS                 20      /* hdr.seq is below this */
#define TI_SCI_TIMEOUT_MS               1000

/* Header: u16 type; u8 host; u8 seq; u32 flags */
#define TI_SCI_HDR_TYPE                 0
#define TI_SCI_HDR_HOST                 2
#define TI_SCI_HDR_SEQ                  3
#define TI_SCI_HDR_FLAGS                4
#define TI_SCI_HDR_SIZE                 8

/* hdr.flags of a request */
#define TI_SCI_FLAG_REQ_ACK_ON_RECEIVED  (1u << 0)
#define TI_SCI_FLAG_REQ_ACK_ON_PROCESSED (1u << 1)
/* hdr.flags of a response: ACK set, or clear for a NACK */
#define TI_SCI_FLAG_RESP_ACK            (1u << 1)
/* hdr.flags of SET_DEVICE_STATE */
#define TI_SCI_FLAG_DEVICE_WAKE_ENABLED (1u << 8)
#define TI_SCI_FLAG_DEVICE_RESET_ISO    (1u << 9)
#define TI_SCI_FLAG_DEVICE_EXCLUSIVE    (1u << 10)

/* Message types */
#define TI_SCI_MSG_VERSION              0x0002
#define TI_SCI_MSG_SYS_RESET            0x0005
#define TI_SCI_MSG_QUERY_FW_CAPS        0x0022
#define TI_SCI_MSG_SET_CLOCK_STATE      0x0100
#define TI_SCI_MSG_GET_CLOCK_STATE      0x0101
#define TI_SCI_MSG_SET_CLOCK_PARENT     0x0102
#define TI_SCI_MSG_GET_CLOCK_PARENT     0x0103
#define TI_SCI_MSG_GET_NUM_CLOCK_PARENTS 0x0104
#define TI_SCI_MSG_SET_CLOCK_FREQ       0x010c
#define TI_SCI_MSG_QUERY_CLOCK_FREQ     0x010d
#define TI_SCI_MSG_GET_CLOCK_FREQ       0x010e
#define TI_SCI_MSG_SET_DEVICE_STATE     0x0200
#define TI_SCI_MSG_GET_DEVICE_STATE     0x0201
#define TI_SCI_MSG_SET_DEVICE_RESETS    0x0202
#define TI_SCI_MSG_PROC_REQUEST         0xc000
#define TI_SCI_MSG_PROC_RELEASE         0xc001
#define TI_SCI_MSG_PROC_HANDOVER        0xc005
#define TI_SCI_MSG_SET_CONFIG           0xc100
#define TI_SCI_MSG_SET_CTRL             0xc101
#define TI_SCI_MSG_GET_STATUS           0xc400

/* A generic ACK/NACK: the header alone */
#define TI_SCI_GENERIC_RESP_SIZE        TI_SCI_HDR_SIZE

/* VERSION: request is the header; response */
#define TI_SCI_VERSION_DESC             8       /* char[32], NUL-terminated */
#define TI_SCI_VERSION_DESC_LEN         32
#define TI_SCI_VERSION_FW_REV           40      /* u16 */
#define TI_SCI_VERSION_ABI_MAJOR        42      /* u8 */
#define TI_SCI_VERSION_ABI_MINOR        43      /* u8 */
#define TI_SCI_VERSION_RESP_SIZE        44

/* SYS_RESET: request is the header; generic response */

/* QUERY_FW_CAPS: request is the header; response u64 fw_caps */
#define TI_SCI_FW_CAPS                  8
#define TI_SCI_FW_CAPS_RESP_SIZE        16
#define TI_SCI_FW_CAPS_GENERIC          (1u << 0)   /* no low-power modes */

/* SET_DEVICE_STATE: u32 id; u32 reserved; u8 state */
#define TI_SCI_SET_DEV_ID               8
#define TI_SCI_SET_DEV_RESERVED         12
#define TI_SCI_SET_DEV_STATE            16
#define TI_SCI_SET_DEV_SIZE             17

/* device software states (SET_DEVICE_STATE state, programmed_state) */
#define TI_SCI_DEV_SW_STATE_AUTO_OFF    0
#define TI_SCI_DEV_SW_STATE_RETENTION   1
#define TI_SCI_DEV_SW_STATE_ON          2
/* device hardware states (current_state) */
#define TI_SCI_DEV_HW_STATE_OFF         0
#define TI_SCI_DEV_HW_STATE_ON          1
#define TI_SCI_DEV_HW_STATE_TRANS       2

/* GET_DEVICE_STATE: u32 id */
#define TI_SCI_GET_DEV_ID               8
#define TI_SCI_GET_DEV_SIZE             12
/* its response: u32 context_loss_count; u32 resets; u8 programmed; u8 current */
#define TI_SCI_GET_DEV_CONTEXT_LOSS     8
#define TI_SCI_GET_DEV_RESETS           12
#define TI_SCI_GET_DEV_PROGRAMMED       16
#define TI_SCI_GET_DEV_CURRENT          17
#define TI_SCI_GET_DEV_RESP_SIZE        18

/* SET_DEVICE_RESETS: u32 id; u32 resets (a set bit holds that reset) */
#define TI_SCI_SET_RESETS_ID            8
#define TI_SCI_SET_RESETS_RESETS        12
#define TI_SCI_SET_RESETS_SIZE          16
#define TI_SCI_RESET_LOCAL              (1u << 0)   /* the R5F's local reset (resets = <.. 1>) */

/*
 * Clock messages: u32 dev_id; u8 clk_id (255: clk_id_32 holds it), then
 * per type. The model answers them generically (models/ti-sci.h).
 */
#define TI_SCI_CLK_DEV_ID               8
#define TI_SCI_CLK_ID                   12
#define TI_SCI_CLK_ID_EXTENDED          255
/* SET_CLOCK_STATE: u8 request_state; u32 clk_id_32 */
#define TI_SCI_SET_CLK_STATE_REQ        13
#define TI_SCI_SET_CLK_STATE_ID32       14
#define TI_SCI_SET_CLK_STATE_SIZE       18
/* GET_CLOCK_STATE, GET_CLOCK_PARENT, GET_NUM_CLOCK_PARENTS, GET_CLOCK_FREQ: u32 clk_id_32 */
#define TI_SCI_GET_CLK_ID32             13
#define TI_SCI_GET_CLK_SIZE             17
/* GET_CLOCK_STATE response: u8 programmed_state; u8 current_state */
#define TI_SCI_CLK_STATE_PROGRAMMED     8
#define TI_SCI_CLK_STATE_CURRENT        9
#define TI_SCI_CLK_STATE_RESP_SIZE      10
#define TI_SCI_CLK_SW_STATE_AUTO        1
#define TI_SCI_CLK_HW_STATE_READY       1
/* SET_CLOCK_PARENT: u8 parent_id; u32 clk_id_32; u32 parent_id_32 */
#define TI_SCI_SET_CLK_PARENT_ID        13
#define TI_SCI_SET_CLK_PARENT_CLK32     14
#define TI_SCI_SET_CLK_PARENT_ID32      18
#define TI_SCI_SET_CLK_PARENT_SIZE      22
/* GET_CLOCK_PARENT response: u8 parent_id; u32 parent_id_32 (GET_NUM_CLOCK_PARENTS alike) */
#define TI_SCI_CLK_PARENT_RESP          8
#define TI_SCI_CLK_PARENT_RESP_ID32     9
#define TI_SCI_CLK_PARENT_RESP_SIZE     13
/* SET_CLOCK_FREQ, QUERY_CLOCK_FREQ: u64 min, target, max (Hz); u8 clk_id; u32 clk_id_32 */
#define TI_SCI_CLK_FREQ_MIN             12
#define TI_SCI_CLK_FREQ_TARGET          20
#define TI_SCI_CLK_FREQ_MAX             28
#define TI_SCI_CLK_FREQ_CLK_ID          36
#define TI_SCI_CLK_FREQ_CLK_ID32        37
#define TI_SCI_CLK_FREQ_SIZE            41
/* QUERY_CLOCK_FREQ and GET_CLOCK_FREQ response: u64 freq_hz */
#define TI_SCI_CLK_FREQ_RESP            8
#define TI_SCI_CLK_FREQ_RESP_SIZE       16

/* PROC_REQUEST, PROC_RELEASE, GET_STATUS: u8 processor_id */
#define TI_SCI_PROC_ID                  8
#define TI_SCI_PROC_SIZE                9
/* PROC_HANDOVER: u8 processor_id; u8 host_id */
#define TI_SCI_PROC_HANDOVER_HOST       9
#define TI_SCI_PROC_HANDOVER_SIZE       10

/* SET_CONFIG: u8 proc; u32 bootvector_low, _high; u32 config_flags_set, _clear */
#define TI_SCI_SET_CONFIG_BV_LO         9
#define TI_SCI_SET_CONFIG_BV_HI         13
#define TI_SCI_SET_CONFIG_SET           17
#define TI_SCI_SET_CONFIG_CLR           21
#define TI_SCI_SET_CONFIG_SIZE          25

/* SET_CTRL: u8 proc; u32 control_flags_set, _clear */
#define TI_SCI_SET_CTRL_SET             9
#define TI_SCI_SET_CTRL_CLR             13
#define TI_SCI_SET_CTRL_SIZE            17

/* GET_STATUS response: u8 proc; u32 bv_lo, bv_hi, config, control, status */
#define TI_SCI_STATUS_PROC              8
#define TI_SCI_STATUS_BV_LO             9
#define TI_SCI_STATUS_BV_HI             13
#define TI_SCI_STATUS_CFG               17
#define TI_SCI_STATUS_CTRL              21
#define TI_SCI_STATUS_STATUS            25
#define TI_SCI_STATUS_RESP_SIZE         29

/* R5F processor flags (ti_k3_r5_remoteproc.c PROC_BOOT_*_FLAG_R5_*) */
#define TI_SCI_R5_CFG_DBG_EN            0x00000001u
#define TI_SCI_R5_CFG_DBG_NIDEN         0x00000002u
#define TI_SCI_R5_CFG_LOCKSTEP          0x00000100u
#define TI_SCI_R5_CFG_TEINIT            0x00000200u
#define TI_SCI_R5_CFG_NMFI_EN           0x00000400u
#define TI_SCI_R5_CFG_TCM_RSTBASE       0x00000800u
#define TI_SCI_R5_CFG_BTCM_EN           0x00001000u
#define TI_SCI_R5_CFG_ATCM_EN           0x00002000u
#define TI_SCI_R5_CFG_MEM_INIT_DIS      0x00004000u
#define TI_SCI_R5_CFG_SINGLE_CORE       0x00008000u
#define TI_SCI_R5_CFG_ALL               0x0000ff03u

#define TI_SCI_R5_CTRL_CORE_HALT        0x00000001u
#define TI_SCI_R5_CTRL_ALL              0x00000001u

#define TI_SCI_R5_STATUS_WFE            0x00000001u
#define TI_SCI_R5_STATUS_WFI            0x00000002u
#define TI_SCI_R5_STATUS_CLK_GATED      0x00000004u
#define TI_SCI_R5_STATUS_LOCKSTEP_PERMITTED 0x00000100u
#define TI_SCI_R5_STATUS_SINGLECORE_ONLY 0x00000200u

#endif /* RPROCSIM_TI_SCI_MSG_H */
