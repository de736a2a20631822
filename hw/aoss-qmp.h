/*
 * rprocsim AOSS QMP: the message RAM Linux's qcom_aoss driver talks
 * through, and the AOP firmware behind it (models/aoss.c): it answers the
 * open handshake and acknowledges each message after the IPCC doorbell
 * (AOP client 0, signal 0), then rings back. Messages such as the PAS
 * driver's load_state on/off are traced and listed by the QOM property
 * "messages".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_AOSS_QMP_H
#define RPROCSIM_HW_AOSS_QMP_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/hw/ipcc.h"
#include "hw/rprocsim/models/aoss.h"

#define TYPE_RPROCSIM_AOSS_QMP "rprocsim-aoss-qmp"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimAossQmpState, RPROCSIM_AOSS_QMP)

#define AOSS_QMP_LOG_MAX        64      /* messages kept for "messages" */

struct RprocsimAossQmpState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    QEMUBH *bh;
    RprocsimIpccState *ipcc;    /* link: the AOP's IPCC frame */
    AossState state;
    GPtrArray *log;             /* char *, the last AOSS_QMP_LOG_MAX messages */
    uint32_t log_vm_len;        /* migrated: the log, NUL-separated */
    uint8_t *log_vm;
};

#endif /* RPROCSIM_HW_AOSS_QMP_H */
