/*
 * rprocsim firmware library: QMI message encoding (drivers/soc/qcom/
 * qmi_interface.c, qmi_encdec.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qmi.h"
#include "rprocsim/bytes.h"
#include "shmem.h"

int rp_qmi_parse(const uint8_t *buf, uint32_t len, struct rp_qmi_msg *msg)
{
    if (len < RP_QMI_HDR_LEN) {
        return RP_EINVAL;
    }
    msg->type = buf[0];
    msg->txn = rp_le16(buf + 1);
    msg->id = rp_le16(buf + 3);
    msg->tlv_len = rp_le16(buf + 5);
    if (msg->tlv_len > len - RP_QMI_HDR_LEN) {
        return RP_EINVAL;
    }
    msg->tlv = buf + RP_QMI_HDR_LEN;
    return RP_OK;
}

int rp_qmi_tlv(const struct rp_qmi_msg *msg, uint32_t type, const uint8_t **val,
               uint32_t *len)
{
    uint32_t at = 0;

    while (at < msg->tlv_len) {
        uint32_t t, l;

        if (msg->tlv_len - at < 3) {
            return RP_EINVAL;
        }
        t = msg->tlv[at];
        l = rp_le16(msg->tlv + at + 1);
        if (l > msg->tlv_len - at - 3) {
            return RP_EINVAL;
        }
        if (t == type) {
            *val = msg->tlv + at + 3;
            *len = l;
            return RP_OK;
        }
        at += 3 + l;
    }
    return RP_ENOENT;
}

uint32_t rp_qmi_start(uint8_t *buf, uint32_t cap, uint32_t type, uint32_t txn, uint32_t id)
{
    if (cap < RP_QMI_HDR_LEN) {
        return 0;
    }
    buf[0] = (uint8_t)type;
    rp_put_le16(buf + 1, txn);
    rp_put_le16(buf + 3, id);
    rp_put_le16(buf + 5, 0);
    return RP_QMI_HDR_LEN;
}

int rp_qmi_put_tlv(uint8_t *buf, uint32_t cap, uint32_t *at, uint32_t type, const void *val,
                   uint32_t len)
{
    const uint8_t *bytes = val;

    if (*at > cap || cap - *at < 3 || len > cap - *at - 3 || len > 0xffff) {
        return RP_ENOMEM;
    }
    buf[*at] = (uint8_t)type;
    rp_put_le16(buf + *at + 1, len);
    for (uint32_t i = 0; i < len; i++) {
        buf[*at + 3 + i] = bytes[i];
    }
    *at += 3 + len;
    return RP_OK;
}

uint32_t rp_qmi_finish(uint8_t *buf, uint32_t at)
{
    rp_put_le16(buf + 5, at - RP_QMI_HDR_LEN);
    return at;
}

uint32_t rp_qmi_response(uint8_t *buf, uint32_t cap, const struct rp_qmi_msg *req,
                         uint32_t result, uint32_t error)
{
    uint8_t res[4];
    uint32_t at = rp_qmi_start(buf, cap, RP_QMI_RESPONSE, req->txn, req->id);

    rp_put_le16(res, result);
    rp_put_le16(res + 2, error);
    if (!at || rp_qmi_put_tlv(buf, cap, &at, RP_QMI_TLV_RESULT, res, sizeof(res)) != RP_OK) {
        return 0;
    }
    return rp_qmi_finish(buf, at);
}
