/*
 * rprocsim models: the TrustZone Peripheral Authentication Service (PAS).
 *
 * One state machine per pas_id (docs/trustzone.md):
 *
 *   IDLE --INIT_IMAGE--> INITED --AUTH_AND_RESET------------------> RUNNING
 *                        INITED --MEM_SETUP--> MEMSET --AUTH_AND_RESET--^
 *   any --SHUTDOWN--> IDLE (memory kept: Linux reads the coredump after it)
 *
 * Calls and their arguments follow drivers/firmware/qcom/qcom_scm.c
 * (qcom_scm_pas_*) of Linux 6.12; the checks and their I-numbers follow
 * docs/trustzone.md (the image format: docs/firmware-images.md). Guest memory is reached only through the
 * caller's read function, and only inside DRAM (metadata) or the pas_id's
 * carveout (segments); nothing here writes guest memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_PAS_H
#define RPROCSIM_MODELS_PAS_H

#include <stdbool.h>
#include <stdint.h>

#include "mbn.h"
#include "rprocsim/subsys.h"

#define PAS_MAX_SUBSYS  4

typedef enum PasState {
    PAS_STATE_IDLE = 0,
    PAS_STATE_INITED,
    PAS_STATE_MEMSET,
    PAS_STATE_RUNNING,
} PasState;

/* Why a PAS call was refused. I-numbers as in docs/trustzone.md. */
typedef enum PasCause {
    PAS_CAUSE_NONE = 0,
    PAS_I1_UNKNOWN_PAS_ID,
    PAS_I2_METADATA_UNREADABLE,
    PAS_I3_NOT_ELF32,
    PAS_I4_BAD_PHDR0,
    PAS_I5_BAD_HASH_SEGMENT,
    PAS_I6_UNSUPPORTED_VERSION,
    PAS_I7_HASH_TABLE_SIZE,
    PAS_I8_BAD_SIGNATURE,
    PAS_I9_UNTRUSTED_KEY,
    PAS_I10_WRONG_SW_ID,
    PAS_I11_HEADER_HASH,
    PAS_I12_BAD_LAYOUT,
    PAS_I13_BUSY,
    PAS_A1_AUTH_WRONG_STATE,    /* AUTH_AND_RESET without INIT_IMAGE (or MEM_SETUP) */
    PAS_A2_SEGMENT_HASH,        /* a loaded segment does not match its hash */
    PAS_A3_SEGMENT_UNREADABLE,  /* a segment lies outside the carveout */
    PAS_M1_MEMSETUP_WRONG_STATE,
    PAS_M2_MEMSETUP_RANGE,      /* region outside the carveout, unaligned or too small */
    PAS_F1_SHUTDOWN_INJECTED,   /* SHUTDOWN failed because a fault said so */
    PAS_CAUSE_COUNT
} PasCause;

/* Short name of @cause, e.g. "I8 signature invalid". */
const char *pas_cause_name(PasCause cause);

typedef struct PasSlot {
    PasState state;
    MbnMeta meta;               /* valid from INITED on */
    uint64_t mem_base;          /* MEM_SETUP region (relocatable images) */
    uint64_t mem_size;
    uint64_t load_base;         /* where the lowest segment sits, after AUTH */
    uint64_t entry;             /* e_entry as the image states it, never relocated */
    uint32_t boots;             /* successful AUTH_AND_RESETs */
    uint32_t shutdowns;         /* PAS_SHUTDOWN calls, failed ones included */
    bool fail_shutdown;         /* injected: the next SHUTDOWN fails (one-shot) */
} PasSlot;

/*
 * Reads @len bytes of guest physical memory at @addr into @buf; false if
 * any byte is not RAM.
 */
typedef bool (*PasReadFn)(void *opaque, uint64_t addr, void *buf, size_t len);

typedef struct PasService {
    const RprocsimSubsys *subsys;   /* borrowed, @count entries: pas_id, carveout, sw_id */
    unsigned count;
    uint64_t dram_base;         /* metadata must lie in [dram_base, dram_base + dram_size) */
    uint64_t dram_size;
    uint32_t hw_id;             /* SoC hardware ID images must be signed for */
    PasSlot slot[PAS_MAX_SUBSYS];
} PasService;

/* Result of one PAS call: the SCM status for x0 and, on failure, why. */
typedef struct PasResult {
    int64_t status;             /* SCM_OK or a negative SCM error */
    PasCause cause;
    int segment;                /* phdr index concerned, -1 if none */
    char detail[192];
} PasResult;

/*
 * Set up @s for the @count subsystems of @subsys (at most PAS_MAX_SUBSYS;
 * the table must outlive @s) with everything IDLE.
 */
void pas_init(PasService *s, const RprocsimSubsys *subsys, unsigned count,
              uint64_t dram_base, uint64_t dram_size, uint32_t hw_id);

/* Free the metadata every slot holds and return all to IDLE. */
void pas_reset(PasService *s);

/* The subsystem index of @pas_id, or -1. */
int pas_index(const PasService *s, uint32_t pas_id);

/*
 * PAS_INIT_IMAGE: read the metadata at guest physical @meta_phys and check
 * it (I1..I13). Allowed while IDLE or INITED (the kernel re-inits after a
 * failure); refused while RUNNING (I13).
 */
PasResult pas_init_image(PasService *s, uint32_t pas_id, uint64_t meta_phys,
                         PasReadFn read, void *opaque);

/*
 * PAS_MEM_SETUP: where a relocatable image was loaded. Requires INITED;
 * the region must be 4 KiB-aligned, inside the carveout and large enough.
 */
PasResult pas_mem_setup(PasService *s, uint32_t pas_id, uint64_t addr,
                        uint64_t size);

/*
 * PAS_AUTH_AND_RESET: hash every hashed segment where Linux loaded it and
 * compare with the hash table. On success the slot is RUNNING and
 * slot.entry / slot.load_base say where the subsystem starts.
 */
PasResult pas_auth_and_reset(PasService *s, uint32_t pas_id, PasReadFn read,
                             void *opaque);

/*
 * PAS_SHUTDOWN: back to IDLE from any state; memory is left as it is.
 * With slot.fail_shutdown set (fault injection) the call fails once with
 * SCM_ERROR (-EIO in Linux) and leaves the slot as it was.
 */
PasResult pas_shutdown(PasService *s, uint32_t pas_id);

/* True if @pas_id names a subsystem of @s (PAS_IS_SUPPORTED). */
bool pas_supported(const PasService *s, uint32_t pas_id);

const char *pas_state_name(PasState state);

#endif /* RPROCSIM_MODELS_PAS_H */
