/*
 * rprocsim firmware library: the SSCTL service (drivers/remoteproc/
 * qcom_sysmon.c ssctl_* messages).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ssctl.h"
#include "rprocsim/bytes.h"
#include "shmem.h"

#define TLV_NAME        0x01
#define TLV_EVENT       0x02
#define TLV_DRIVEN      0x10

const char *rp_ssctl_event_name(uint32_t event)
{
#define RP_SSCTL_EVENT_NAME_(id, name) name,
    static const char *const names[] = { RP_SSCTL_EVENTS(RP_SSCTL_EVENT_NAME_) };
#undef RP_SSCTL_EVENT_NAME_

    return event < RP_SSCTL_EVENT_COUNT ? names[event] : "unknown";
}

static enum rp_ssctl_kind decode_event(const struct rp_qmi_msg *msg, struct rp_ssctl_event *ev)
{
    const uint8_t *v;
    uint32_t len, n;

    if (rp_qmi_tlv(msg, TLV_NAME, &v, &len) != RP_OK || len < 1) {
        return RP_SSCTL_MALFORMED;
    }
    n = v[0];
    if (n > RP_SSCTL_NAME_LEN || n + 1 > len) {
        return RP_SSCTL_MALFORMED;
    }
    for (uint32_t i = 0; i <= RP_SSCTL_NAME_LEN; i++) {
        ev->name[i] = i < n ? (char)v[1 + i] : 0;
    }
    if (rp_qmi_tlv(msg, TLV_EVENT, &v, &len) != RP_OK || len != 4) {
        return RP_SSCTL_MALFORMED;
    }
    ev->event = rp_le32(v);
    ev->driven = RP_SSCTL_EVT_NONE;
    switch (rp_qmi_tlv(msg, TLV_DRIVEN, &v, &len)) {
    case RP_OK:
        if (len != 4) {
            return RP_SSCTL_MALFORMED;
        }
        ev->driven = rp_le32(v);
        break;
    case RP_ENOENT:
        break;
    default:
        return RP_SSCTL_MALFORMED;
    }
    return RP_SSCTL_EVENT;
}

enum rp_ssctl_kind rp_ssctl_decode(const uint8_t *buf, uint32_t len, struct rp_qmi_msg *msg,
                                   struct rp_ssctl_event *ev)
{
    if (rp_qmi_parse(buf, len, msg) != RP_OK || msg->type != RP_QMI_REQUEST) {
        return RP_SSCTL_GARBAGE;
    }
    switch (msg->id) {
    case RP_SSCTL_SHUTDOWN_REQ:
        return RP_SSCTL_SHUTDOWN;
    case RP_SSCTL_SUBSYS_EVENT_REQ:
        return decode_event(msg, ev);
    default:
        return RP_SSCTL_UNKNOWN;
    }
}

uint32_t rp_ssctl_answer(uint8_t *buf, uint32_t cap, const struct rp_qmi_msg *msg,
                         enum rp_ssctl_kind kind, int reject)
{
    switch (kind) {
    case RP_SSCTL_SHUTDOWN:
    case RP_SSCTL_EVENT:
        return reject ? rp_qmi_response(buf, cap, msg, RP_QMI_RESULT_FAILURE,
                                        RP_QMI_ERR_NOT_SUPPORTED)
                      : rp_qmi_response(buf, cap, msg, RP_QMI_RESULT_SUCCESS, RP_QMI_ERR_NONE);
    case RP_SSCTL_UNKNOWN:
        return rp_qmi_response(buf, cap, msg, RP_QMI_RESULT_FAILURE, RP_QMI_ERR_INVALID_ID);
    case RP_SSCTL_MALFORMED:
        return rp_qmi_response(buf, cap, msg, RP_QMI_RESULT_FAILURE, RP_QMI_ERR_MALFORMED_MSG);
    default:
        return 0;
    }
}
