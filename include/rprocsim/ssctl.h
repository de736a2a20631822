/*
 * rprocsim: the SSCTL service (subsystem control over QMI) as Linux's
 * sysmon uses it (drivers/remoteproc/qcom_sysmon.c, Linux 6.12 and 7.x):
 * service, version, message ids and the SSR events. Included by the
 * firmware library (firmware-stubs/lib/ssctl.h), the Q6SS model's log of
 * the events a subsystem heard, and the host tools.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SSCTL_H
#define RPROCSIM_SSCTL_H

#include <stdint.h>

#define RP_SSCTL_SERVICE            43
#define RP_SSCTL_QMI_VERSION        2
#define RP_SSCTL_SHUTDOWN_REQ       0x21
#define RP_SSCTL_SHUTDOWN_READY_IND 0x21
#define RP_SSCTL_SUBSYS_EVENT_REQ   0x23
#define RP_SSCTL_NAME_LEN           15      /* SSCTL_SUBSYS_NAME_LENGTH */
#define RP_SSCTL_EVT_FORCED         0       /* ssctl_ssr_event_driven_enum_type */
#define RP_SSCTL_EVT_GRACEFUL       1

/* enum ssctl_ssr_event_enum_type, with the names rprocsim prints */
#define RP_SSCTL_EVENTS(X) \
    X(BEFORE_POWERUP, "before_powerup") \
    X(AFTER_POWERUP, "after_powerup") \
    X(BEFORE_SHUTDOWN, "before_shutdown") \
    X(AFTER_SHUTDOWN, "after_shutdown")
#define RP_SSCTL_EVENT_ENUM_(id, name) RP_SSCTL_##id,
enum rp_ssctl_event_type {
    RP_SSCTL_EVENTS(RP_SSCTL_EVENT_ENUM_)
    RP_SSCTL_EVENT_COUNT
};
#undef RP_SSCTL_EVENT_ENUM_

#endif /* RPROCSIM_SSCTL_H */
