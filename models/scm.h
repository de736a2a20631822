/*
 * rprocsim models: the TrustZone SCM service as the guest's qcom_scm driver
 * sees it. Decodes a SiP-owned SMC (x0..x7), answers the calls qcom_scm
 * issues at probe (convention probe, download-mode register, SDI config,
 * QSEECOM version, answered as QTEE does) and routes PAS calls to pas.h. Facts: drivers/firmware/
 * qcom/qcom_scm.c, qcom_scm-smc.c and qcom_scm.h of Linux 6.12.
 *
 * Never answers INTERRUPTED, WAITQ_SLEEP or EBUSY: sc7280 has no waitq
 * interrupt, and the kernel would loop or sleep forever.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_SCM_H
#define RPROCSIM_MODELS_SCM_H

#include <stdbool.h>
#include <stdint.h>

#include "pas.h"
#include "smccc.h"
#include "rprocsim/qcs6490-map.h"

/* TCSR download-mode register (qcom,dload-mode = <&tcsr_2 0x13000>) */
#define SCM_DLOAD_MODE_ADDR \
    ((uint32_t)(QCS6490_SIM_TCSR2_BASE + QCS6490_SIM_DLOAD_MODE_OFFSET))

/*
 * QSEECOM_GET_VERSION's answer: QSEE 5.0.0 (major << 22 | minor << 12 |
 * patch), as the secure world of sc7280-class boards reports it. The
 * kernel logs "qseecom: found qseecom with version 0x1400000" and, the
 * machine not being on its allowlist, skips QSEECOM (qcom_scm.c).
 */
#define SCM_QSEECOM_VERSION     0x1400000u

typedef struct ScmOps {
    PasReadFn read_phys;    /* guest physical memory, false outside RAM */
    /* AUTH_AND_RESET succeeded: release @sub's core (slot says where) */
    void (*release)(void *opaque, unsigned index, const RprocsimSubsys *sub,
                    const PasSlot *slot);
    /* SHUTDOWN: halt @sub's core, keep its memory */
    void (*halt)(void *opaque, unsigned index, const RprocsimSubsys *sub);
} ScmOps;

typedef struct ScmState {
    uint32_t dload_mode;    /* value of the download-mode register */
    PasService pas;
} ScmState;

/* What one call did, for trace events and tests. */
typedef struct ScmReport {
    SmcccFn fn;
    const char *name;       /* e.g. "PAS_AUTH_AND_RESET", "unknown" */
    uint64_t args[4];       /* x2..x5 */
    int64_t status;         /* x0 returned */
    uint64_t result;        /* x1 returned */
    PasCause cause;         /* PAS refusals */
    int segment;
    char detail[192];
} ScmReport;

/* Set up @s: download mode 0 and the PAS service (see pas_init()). */
void scm_init(ScmState *s, const RprocsimSubsys *subsys, unsigned count,
              uint64_t dram_base, uint64_t dram_size, uint32_t hw_id);

/*
 * Handle the SMC with registers @regs (x0..x7). Returns false, touching
 * nothing, if the call is not SiP-owned (SMCCC owner 2): the caller then
 * declines it. Otherwise writes x0..x3 to @out, describes the call in
 * @rep and returns true; unknown SiP calls get SCM_EOPNOTSUPP.
 */
bool scm_smc(ScmState *s, const ScmOps *ops, void *opaque,
             const uint64_t regs[8], uint64_t out[4], ScmReport *rep);

#endif /* RPROCSIM_MODELS_SCM_H */
