/*
 * rprocsim firmware library: QMI messages as Linux's QMI helpers encode
 * them (drivers/soc/qcom/qmi_interface.c, qmi_encdec.c, Linux 6.12 and
 * 7.x): a packed 7-byte header {u8 type, le16 txn_id, le16 msg_id, le16
 * msg_len} and msg_len bytes of TLVs {u8 type, le16 length, value}. A
 * response carries the standard result TLV 0x02 {le16 result, le16 error}.
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_QMI_H
#define RPROCSIM_FW_QMI_H

#include <stdint.h>

#define RP_QMI_HDR_LEN          7
#define RP_QMI_REQUEST          0
#define RP_QMI_RESPONSE         2
#define RP_QMI_INDICATION       4
#define RP_QMI_TLV_RESULT       0x02
#define RP_QMI_RESULT_SUCCESS   0
#define RP_QMI_RESULT_FAILURE   1
#define RP_QMI_ERR_NONE         0
#define RP_QMI_ERR_MALFORMED_MSG 0x0001
#define RP_QMI_ERR_INVALID_ID   0x0029
#define RP_QMI_ERR_NOT_SUPPORTED 0x005e

struct rp_qmi_msg {
    uint32_t type;
    uint32_t txn;
    uint32_t id;
    const uint8_t *tlv;     /* msg_len bytes of TLVs */
    uint32_t tlv_len;
};

/*
 * Parse @len bytes at @buf: the header, and msg_len within the buffer.
 * RP_OK or RP_EINVAL. The TLVs are checked by rp_qmi_tlv().
 */
int rp_qmi_parse(const uint8_t *buf, uint32_t len, struct rp_qmi_msg *msg);

/*
 * Find TLV @type in @msg: *@val and *@len give its value. RP_OK,
 * RP_ENOENT when absent, RP_EINVAL when the TLVs run past the message.
 */
int rp_qmi_tlv(const struct rp_qmi_msg *msg, uint32_t type, const uint8_t **val,
               uint32_t *len);

/*
 * Building a message in @buf of @cap bytes: rp_qmi_start() writes the
 * header and returns the offset after it (0 if @cap is too small),
 * rp_qmi_put_tlv() appends a TLV at *@at (RP_OK, or RP_ENOMEM and nothing
 * written), rp_qmi_finish() stores msg_len and returns the whole length.
 */
uint32_t rp_qmi_start(uint8_t *buf, uint32_t cap, uint32_t type, uint32_t txn, uint32_t id);
int rp_qmi_put_tlv(uint8_t *buf, uint32_t cap, uint32_t *at, uint32_t type, const void *val,
                   uint32_t len);
uint32_t rp_qmi_finish(uint8_t *buf, uint32_t at);

/* A response to @req with only the result TLV: its length in @buf, 0 if it does not fit */
uint32_t rp_qmi_response(uint8_t *buf, uint32_t cap, const struct rp_qmi_msg *req,
                         uint32_t result, uint32_t error);

#endif /* RPROCSIM_FW_QMI_H */
