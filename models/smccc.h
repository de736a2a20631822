/*
 * rprocsim models: SMC Calling Convention function IDs and the Qualcomm SCM
 * argument encoding, as the guest's qcom_scm driver issues them.
 *
 * Sources: include/linux/arm-smccc.h (function ID fields),
 * drivers/firmware/qcom/qcom_scm.h (arginfo, status codes, service and
 * command numbers) and qcom_scm-smc.c (register use) of Linux 6.12.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_SMCCC_H
#define RPROCSIM_MODELS_SMCCC_H

#include <stdbool.h>
#include <stdint.h>

/* SMCCC owning entities (function ID bits [29:24]) */
#define SMCCC_OWNER_ARCH        0
#define SMCCC_OWNER_CPU         1
#define SMCCC_OWNER_SIP         2
#define SMCCC_OWNER_OEM         3
#define SMCCC_OWNER_STANDARD    4       /* PSCI: stays with QEMU */

typedef struct SmcccFn {
    bool fast;          /* bit 31: fast (atomic) call, else yielding (standard) */
    bool smc64;         /* bit 30 */
    uint8_t owner;      /* bits 29:24 */
    uint8_t svc;        /* SCM service: bits 15:8 */
    uint8_t cmd;        /* SCM command: bits 7:0 */
    uint16_t fnid;      /* (svc << 8) | cmd */
} SmcccFn;

/*
 * Split a function ID (x0) into its fields. Bits 23:16, reserved by SMCCC
 * for SiP calls, are returned through @reserved_bits so that callers can
 * refuse IDs that set them.
 */
SmcccFn smccc_decode(uint64_t x0, uint32_t *reserved_bits);

/* SCM status codes returned in x0 (qcom_scm.h) */
#define SCM_OK                   0
#define SCM_INTERRUPTED          1      /* never returned by the simulator */
#define SCM_WAITQ_SLEEP          2      /* never returned: sc7280 has no waitq IRQ */
#define SCM_ERROR               (-1)    /* Linux: -EIO */
#define SCM_EINVAL_ADDR         (-2)    /* Linux: -EINVAL */
#define SCM_EINVAL_ARG          (-3)    /* Linux: -EINVAL */
#define SCM_EOPNOTSUPP          (-4)    /* Linux: -EOPNOTSUPP */
#define SCM_ENOMEM              (-5)    /* Linux: -ENOMEM */
#define SCM_EBUSY               (-12)   /* never returned: the kernel retries it */

/* SCM services and commands (fnid = svc << 8 | cmd) */
#define SCM_SVC_BOOT            0x01
#define SCM_SVC_PIL             0x02
#define SCM_SVC_IO              0x05
#define SCM_SVC_INFO            0x06
#define SCM_SVC_WAITQ           0x24

#define SCM_FN(svc, cmd)        ((uint16_t)(((svc) << 8) | (cmd)))
#define SCM_BOOT_SDI_CONFIG     SCM_FN(SCM_SVC_BOOT, 0x09)
#define SCM_BOOT_SET_DLOAD_MODE SCM_FN(SCM_SVC_BOOT, 0x10)
#define SCM_PIL_INIT_IMAGE      SCM_FN(SCM_SVC_PIL, 0x01)
#define SCM_PIL_MEM_SETUP       SCM_FN(SCM_SVC_PIL, 0x02)
#define SCM_PIL_AUTH_AND_RESET  SCM_FN(SCM_SVC_PIL, 0x05)
#define SCM_PIL_SHUTDOWN        SCM_FN(SCM_SVC_PIL, 0x06)
#define SCM_PIL_IS_SUPPORTED    SCM_FN(SCM_SVC_PIL, 0x07)
#define SCM_IO_READ             SCM_FN(SCM_SVC_IO, 0x01)
#define SCM_IO_WRITE            SCM_FN(SCM_SVC_IO, 0x02)
#define SCM_INFO_IS_CALL_AVAIL  SCM_FN(SCM_SVC_INFO, 0x01)
#define SCM_INFO_QSEECOM_VERSION SCM_FN(SCM_SVC_INFO, 0x03)
#define SCM_WAITQ_GET_INFO      SCM_FN(SCM_SVC_WAITQ, 0x04)

/* arginfo (x1): bits 3:0 = number of arguments, 2 type bits each from bit 4 */
#define SCM_ARG_VAL             0
#define SCM_ARG_RO              1
#define SCM_ARG_RW              2
#define SCM_ARG_BUFVAL          3

static inline unsigned scm_arginfo_count(uint64_t arginfo)
{
    return arginfo & 0xf;
}

static inline unsigned scm_arginfo_type(uint64_t arginfo, unsigned i)
{
    return (arginfo >> (4 + 2 * i)) & 3;
}

#endif /* RPROCSIM_MODELS_SMCCC_H */
