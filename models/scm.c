/*
 * rprocsim models: TrustZone SCM call dispatch.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scm.h"

#include <glib.h>
#include <string.h>

/* SiP calls the simulator implements: what IS_CALL_AVAIL answers 1 for */
static const struct {
    uint16_t fnid;
    const char *name;
} calls[] = {
    { SCM_INFO_IS_CALL_AVAIL, "INFO_IS_CALL_AVAIL" },
    { SCM_IO_READ, "IO_READ" },
    { SCM_IO_WRITE, "IO_WRITE" },
    { SCM_BOOT_SDI_CONFIG, "BOOT_SDI_CONFIG" },
    { SCM_PIL_INIT_IMAGE, "PAS_INIT_IMAGE" },
    { SCM_PIL_MEM_SETUP, "PAS_MEM_SETUP" },
    { SCM_PIL_AUTH_AND_RESET, "PAS_AUTH_AND_RESET" },
    { SCM_PIL_SHUTDOWN, "PAS_SHUTDOWN" },
    { SCM_PIL_IS_SUPPORTED, "PAS_IS_SUPPORTED" },
    { SCM_INFO_QSEECOM_VERSION, "QSEECOM_GET_VERSION" },
};

static const char *call_name(uint16_t fnid)
{
    for (size_t i = 0; i < G_N_ELEMENTS(calls); i++) {
        if (calls[i].fnid == fnid) {
            return calls[i].name;
        }
    }
    switch (fnid) {
    case SCM_WAITQ_GET_INFO:
        return "WAITQ_GET_INFO";
    case SCM_BOOT_SET_DLOAD_MODE:
        return "BOOT_SET_DLOAD_MODE";
    }
    return "unknown";
}

static bool implemented(uint16_t fnid)
{
    for (size_t i = 0; i < G_N_ELEMENTS(calls); i++) {
        if (calls[i].fnid == fnid) {
            return true;
        }
    }
    return false;
}

void scm_init(ScmState *s, const RprocsimSubsys *subsys, unsigned count,
              uint64_t dram_base, uint64_t dram_size, uint32_t hw_id)
{
    s->dload_mode = 0;
    pas_init(&s->pas, subsys, count, dram_base, dram_size, hw_id);
}

static void take(ScmReport *rep, PasResult r)
{
    rep->status = r.status;
    rep->cause = r.cause;
    rep->segment = r.segment;
    memcpy(rep->detail, r.detail, sizeof(rep->detail));
}

static void pas_call(ScmState *s, const ScmOps *ops, void *opaque,
                     uint16_t fnid, const uint64_t *a, ScmReport *rep)
{
    PasService *pas = &s->pas;
    uint32_t pas_id = (uint32_t)a[0];
    int idx;

    if (a[0] > G_MAXUINT32) {
        take(rep, (PasResult){ .status = SCM_EOPNOTSUPP, .cause = PAS_I1_UNKNOWN_PAS_ID,
                               .segment = -1, .detail = "pas_id above 32 bits" });
        return;
    }
    switch (fnid) {
    case SCM_PIL_INIT_IMAGE:
        take(rep, pas_init_image(pas, pas_id, a[1], ops->read_phys, opaque));
        break;
    case SCM_PIL_MEM_SETUP:
        take(rep, pas_mem_setup(pas, pas_id, a[1], a[2]));
        break;
    case SCM_PIL_AUTH_AND_RESET:
        take(rep, pas_auth_and_reset(pas, pas_id, ops->read_phys, opaque));
        idx = pas_index(pas, pas_id);
        if (rep->status == SCM_OK && ops->release) {
            ops->release(opaque, idx, &pas->subsys[idx], &pas->slot[idx]);
        }
        break;
    case SCM_PIL_SHUTDOWN:
        take(rep, pas_shutdown(pas, pas_id));
        idx = pas_index(pas, pas_id);
        if (rep->status == SCM_OK && ops->halt) {
            ops->halt(opaque, idx, &pas->subsys[idx]);
        }
        break;
    case SCM_PIL_IS_SUPPORTED:
        rep->status = SCM_OK;
        rep->result = pas_supported(pas, pas_id);
        break;
    }
}

bool scm_smc(ScmState *s, const ScmOps *ops, void *opaque,
             const uint64_t regs[8], uint64_t out[4], ScmReport *rep)
{
    uint32_t reserved;
    SmcccFn fn = smccc_decode(regs[0], &reserved);
    uint64_t mask = fn.smc64 ? G_MAXUINT64 : G_MAXUINT32;

    if (fn.owner != SMCCC_OWNER_SIP) {
        return false;
    }
    memset(rep, 0, sizeof(*rep));
    rep->fn = fn;
    rep->segment = -1;
    rep->name = reserved ? "unknown" : call_name(fn.fnid);
    for (int i = 0; i < 4; i++) {
        rep->args[i] = regs[2 + i] & mask;
    }
    rep->status = SCM_EOPNOTSUPP;

    if (reserved) {
        g_strlcpy(rep->detail, "reserved function ID bits set", sizeof(rep->detail));
    } else {
        switch (fn.fnid) {
        case SCM_INFO_IS_CALL_AVAIL: {
            uint64_t q = rep->args[0];

            rep->status = SCM_OK;
            rep->result = ((q >> 24) & 0x3f) == SMCCC_OWNER_SIP && (q >> 30) == 0 &&
                          ((q >> 16) & 0xff) == 0 && implemented(q & 0xffff);
            break;
        }
        case SCM_IO_READ:
        case SCM_IO_WRITE:
            if (rep->args[0] != SCM_DLOAD_MODE_ADDR) {
                rep->status = SCM_EINVAL_ADDR;
                g_snprintf(rep->detail, sizeof(rep->detail),
                           "address 0x%" G_GINT64_MODIFIER "x is not accessible "
                           "through SCM", rep->args[0]);
            } else if (fn.fnid == SCM_IO_READ) {
                rep->status = SCM_OK;
                rep->result = s->dload_mode;
            } else {
                rep->status = SCM_OK;
                s->dload_mode = (uint32_t)rep->args[1];
            }
            break;
        case SCM_BOOT_SDI_CONFIG:
            rep->status = SCM_OK;
            break;
        case SCM_INFO_QSEECOM_VERSION:
            /* as QTEE answers: a version, never 1 or 2 (the kernel's WARN_ON) */
            rep->status = SCM_OK;
            rep->result = SCM_QSEECOM_VERSION;
            break;
        case SCM_PIL_INIT_IMAGE:
        case SCM_PIL_MEM_SETUP:
        case SCM_PIL_AUTH_AND_RESET:
        case SCM_PIL_SHUTDOWN:
        case SCM_PIL_IS_SUPPORTED:
            pas_call(s, ops, opaque, fn.fnid, rep->args, rep);
            break;
        default:
            g_strlcpy(rep->detail, "not supported by the simulated TrustZone",
                      sizeof(rep->detail));
            break;
        }
    }
    out[0] = (uint64_t)rep->status & mask;
    out[1] = rep->result;
    out[2] = 0;
    out[3] = 0;
    return true;
}
