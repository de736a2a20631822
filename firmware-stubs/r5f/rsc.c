/*
 * rprocsim R5F firmware: the resource table Linux requires of an R5F
 * image (ti_k3_r5_remoteproc.c uses the default ELF loader, which refuses
 * an image without one) and the trace buffer its one entry names. Both are
 * linked into the core's DDR carveout (r5f.ld.in), whose device address is
 * its physical address, so the trace is where the driver's da_to_va finds
 * it. Layout: include/rprocsim/rsc-table.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>

#include "r5f.h"
#include "rprocsim/rsc-table.h"

#ifndef RP_FW_NAME
#error "build with -DRP_FW_NAME=\"<core>\""
#endif

/* Zeroed by the kernel's loader (a NOLOAD section) and again at boot */
char r5f_trace_buf[R5F_TRACE_SIZE] __attribute__((section(".trace"), aligned(4)));

struct r5f_rsc_table {
    struct rp_rsc_table_hdr hdr;
    uint32_t offset[1];
    struct rp_rsc_trace trace;
};

_Static_assert(sizeof(struct rp_rsc_table_hdr) == RP_RSC_TABLE_HDR_SIZE, "resource table header");
_Static_assert(sizeof(struct rp_rsc_trace) == RP_RSC_TRACE_SIZE, "trace entry");

__attribute__((section(".resource_table"), used, aligned(8)))
const struct r5f_rsc_table r5f_rsc_table = {
    .hdr = { .ver = RP_RSC_TABLE_VERSION, .num = 1 },
    .offset = { offsetof(struct r5f_rsc_table, trace) },
    .trace = {
        .type = RP_RSC_TRACE,
        .da = (uint32_t)r5f_trace_buf,
        .len = R5F_TRACE_SIZE,
        .name = RP_FW_NAME " trace",
    },
};
