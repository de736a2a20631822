/*
 * rprocsim: the crash record a firmware stub leaves in its
 * writable segment when it faults, so that a coredump holds it (the dump
 * covers every loadable segment's p_memsz). Layout is fixed: the crash
 * inspector (tools/rprocsim/crash-report.c) reads it from dumps. All fields
 * little-endian, 4-byte aligned. Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_CRASH_RECORD_H
#define RPROCSIM_CRASH_RECORD_H

#include <stdint.h>

#define RP_CRASH_MAGIC          0x48535243u     /* "CRSH" */
#define RP_CRASH_VERSION        1
#define RP_CRASH_REASON_LEN     96

/*
 * The record's exception field is the IPSR exception number; names of
 * numbers 0..6 (ARMv7-M Architecture Reference Manual, B1.5.2), 0 standing
 * for a fatal error the firmware raised itself. An array initialiser.
 */
#define RP_CRASH_EXCEPTIONS     7
#define RP_CRASH_EXCEPTION_NAMES \
    { "none", "Reset", "NMI", "HardFault", "MemManage", "BusFault", "UsageFault" }

struct rp_crash_record {
    uint32_t magic;             /* RP_CRASH_MAGIC once written */
    uint32_t version;
    uint32_t exception;         /* IPSR: 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault; 0 fatal by request */
    uint32_t boot;              /* Q6SS boot count when it happened */
    uint32_t r[13];             /* r0-r3 and r12 from the exception frame; r4-r11 at entry */
    uint32_t sp;                /* stack pointer before the exception */
    uint32_t lr;
    uint32_t pc;                /* the faulting instruction */
    uint32_t xpsr;
    uint32_t cfsr;              /* SCB fault status and address registers */
    uint32_t hfsr;
    uint32_t mmfar;
    uint32_t bfar;
    char reason[RP_CRASH_REASON_LEN];   /* NUL-terminated, as put in SMEM */
};

/* Byte offsets, checked by the host tests */
#define RP_CRASH_OFF_PC         (4 * 4 + 13 * 4 + 2 * 4)
#define RP_CRASH_OFF_CFSR       (RP_CRASH_OFF_PC + 2 * 4)
#define RP_CRASH_OFF_REASON     (RP_CRASH_OFF_CFSR + 4 * 4)
#define RP_CRASH_SIZE           (RP_CRASH_OFF_REASON + RP_CRASH_REASON_LEN)

#endif /* RPROCSIM_CRASH_RECORD_H */
