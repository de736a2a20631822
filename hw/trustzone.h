/*
 * rprocsim TrustZone: the secure-world services the guest reaches with SMC,
 * answered by a QEMU device. SiP calls come through the per-CPU SMCCC hook
 * (qemu/patches/0002) and are decoded and served by models/scm.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_TRUSTZONE_H
#define RPROCSIM_HW_TRUSTZONE_H

#include "hw/sysbus.h"
#include "exec/memory.h"
#include "qom/object.h"
#include "hw/rprocsim/models/scm.h"
#include "hw/rprocsim/hw/q6ss.h"

#define TYPE_RPROCSIM_TZ "rprocsim-trustzone"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimTzState, RPROCSIM_TZ)

/*
 * What TrustZone keeps beside each PAS slot: the last refusal, and for
 * migration what VMState cannot take from the slot itself (its state, an
 * enum, and the metadata blob the parsed metadata is rebuilt from: filled
 * by pre_save, and by a load until its post_load).
 */
typedef struct RprocsimTzSlotVm {
    /* "CALL: CAUSE (segment N): detail" of the last refused PAS call (live) */
    uint8_t last_refusal[256];
    uint32_t state;
    uint32_t blob_len;
    uint8_t *blob;
} RprocsimTzSlotVm;

/*
 * The XPU lock of one subsystem's carveout: an I/O region over it in
 * system memory, above DRAM, enabled while the PAS slot is RUNNING (from a
 * successful AUTH_AND_RESET to SHUTDOWN). It refuses the application
 * processor's accesses (MEMTX_ERROR: an external abort) and passes QEMU's
 * own, which carry no bus attributes, through to DRAM.
 */
typedef struct RprocsimTzXpu {
    MemoryRegion mr;
    RprocsimTzState *tz;
    unsigned index;             /* the subsystem's, in the board's order */
} RprocsimTzXpu;

struct RprocsimTzState {
    SysBusDevice parent_obj;

    /* configuration (properties), set by the board before realize */
    char *board;                /* machine whose subsystem descriptors to use */
    uint64_t dram_base;         /* metadata must come from this DRAM range */
    uint64_t dram_size;
    MemoryRegion *dram;         /* link "dram": the DRAM region itself */
    RprocsimQ6ssState *q6ss[PAS_MAX_SUBSYS];    /* links "q6ss[N]", board order */
    const RprocsimSubsys *subsys;               /* the board's descriptors */
    unsigned subsys_count;
    MemoryRegion dram_root;     /* DRAM at "dram-base", past the XPU locks: */
    MemoryRegion dram_view;     /* an alias of @dram in @dram_root */
    AddressSpace dram_as;
    RprocsimTzXpu xpu[PAS_MAX_SUBSYS];

    /* state */
    ScmState scm;
    RprocsimTzSlotVm vm_slot[PAS_MAX_SUBSYS];
    uint32_t xpu_violations[PAS_MAX_SUBSYS];    /* refused AP accesses */
};

/*
 * Properties: "board" (a machine of models/subsys.c, e.g. "qcs6490-sim"),
 * "dram-base" and "dram-size" (bytes), the link "dram" (the DRAM
 * MemoryRegion, mapped at "dram-base"), and one link "q6ss[N]" per
 * subsystem of the board, in the board's order: the Q6SS block whose core
 * PAS AUTH_AND_RESET releases and SHUTDOWN halts.
 *
 * MMIO region N: subsystem N's XPU lock, as large as its carveout, for the
 * board to map over the carveout in system memory at a priority above
 * DRAM (sysbus_mmio_map_overlap()). The device enables and disables it.
 */

/*
 * Serve the SMC of CPU @cpu_index with registers @regs (x0..x7). Returns
 * false to decline (not a SiP call); otherwise @regs[0..3] hold x0..x3 to
 * return. Called from the vCPU thread with the BQL held.
 */
bool rprocsim_tz_smc(RprocsimTzState *s, int cpu_index, uint64_t regs[8]);

#endif /* RPROCSIM_HW_TRUSTZONE_H */
