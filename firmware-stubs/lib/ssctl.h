/*
 * rprocsim firmware library: the SSCTL service (subsystem control, QMI
 * service 43, version 2) a subsystem serves so that Linux's sysmon shuts
 * it down gracefully and tells it about its peers' restarts
 * (drivers/remoteproc/qcom_sysmon.c, Linux 6.12 and 7.x).
 *
 * Requests: SHUTDOWN (0x21, no TLV; answered with the result TLV) and
 * SUBSYS_EVENT (0x23: TLV 0x01 the peer's name, a length byte and at most
 * 15 characters; TLV 0x02 the event, le32; optional TLV 0x10 forced 0 or
 * graceful 1). The instance announced is (ssctl_id << 8) | 2: the QMI
 * version in the low byte, as qmi_interface.c splits it.
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_SSCTL_H
#define RPROCSIM_FW_SSCTL_H

#include "qmi.h"

#include "rprocsim/ssctl.h"

#define RP_SSCTL_EVT_NONE           0xffffffffu     /* TLV 0x10 absent */

/* What a request asks */
enum rp_ssctl_kind {
    RP_SSCTL_SHUTDOWN,
    RP_SSCTL_EVENT,
    RP_SSCTL_UNKNOWN,       /* another message id: answered with an error */
    RP_SSCTL_MALFORMED,     /* a QMI header, bad TLVs: answered with an error */
    RP_SSCTL_GARBAGE,       /* not even a QMI request header: dropped */
};

struct rp_ssctl_event {
    char name[RP_SSCTL_NAME_LEN + 1];   /* the peer, NUL-terminated */
    uint32_t event;                     /* enum rp_ssctl_event_type */
    uint32_t driven;                    /* RP_SSCTL_EVT_*, or RP_SSCTL_EVT_NONE */
};

/* The instance a subsystem with SSCTL id @ssctl_id announces */
static inline uint32_t rp_ssctl_instance(uint32_t ssctl_id)
{
    return ssctl_id << 8 | RP_SSCTL_QMI_VERSION;
}

/* "before_powerup" ... "after_shutdown", or "unknown" */
const char *rp_ssctl_event_name(uint32_t event);

/*
 * Decode the request of @len bytes at @buf into @msg (header) and, for
 * SUBSYS_EVENT, @ev. Returns what it asks (enum rp_ssctl_kind).
 */
enum rp_ssctl_kind rp_ssctl_decode(const uint8_t *buf, uint32_t len, struct rp_qmi_msg *msg,
                                   struct rp_ssctl_event *ev);

/*
 * The answer to a request of kind @kind (not RP_SSCTL_GARBAGE) into @buf:
 * success for SHUTDOWN and EVENT unless @reject, an error otherwise.
 * Returns its length, 0 if it does not fit.
 */
uint32_t rp_ssctl_answer(uint8_t *buf, uint32_t cap, const struct rp_qmi_msg *msg,
                         enum rp_ssctl_kind kind, int reject);

#endif /* RPROCSIM_FW_SSCTL_H */
