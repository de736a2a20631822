/*
 * rprocsim: the remoteproc resource table, the ".resource_table" section of
 * an ELF firmware that Linux's remoteproc core reads before it loads the
 * image and copies back into the loaded image before it starts the core
 * (remoteproc_elf_loader.c rproc_elf_load_rsc_table(),
 * rproc_elf_find_loaded_rsc_table(); remoteproc_core.c rproc_handle_trace();
 * layout of include/linux/remoteproc.h, Linux 6.12). Only what the R5F
 * firmware stubs use: the header and a trace entry. All fields little-endian.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_RSC_TABLE_H
#define RPROCSIM_RSC_TABLE_H

#include <stdint.h>

#define RP_RSC_TABLE_VERSION        1       /* the only version Linux accepts */
#define RP_RSC_TABLE_SECTION        ".resource_table"

/* Resource types (enum fw_resource_type) */
#define RP_RSC_CARVEOUT             0
#define RP_RSC_DEVMEM               1
#define RP_RSC_TRACE                2
#define RP_RSC_VDEV                 3

#define RP_RSC_NAME_LEN             32

/*
 * struct resource_table: followed by @num 32-bit offsets, from the start of
 * the table, of the entries (each a 32-bit type and the resource)
 */
struct rp_rsc_table_hdr {
    uint32_t ver;                   /* RP_RSC_TABLE_VERSION */
    uint32_t num;                   /* entries */
    uint32_t reserved[2];           /* zero, or Linux refuses the table */
};

/*
 * A trace entry: struct fw_rsc_hdr's type, then struct fw_rsc_trace. @da is
 * the buffer's device address (the core's view, translated by the driver's
 * da_to_va), @len its size; Linux shows the text up to the first NUL.
 */
struct rp_rsc_trace {
    uint32_t type;                  /* RP_RSC_TRACE */
    uint32_t da;
    uint32_t len;                   /* bytes */
    uint32_t reserved;              /* zero, or Linux refuses the entry */
    char name[RP_RSC_NAME_LEN];
};

#define RP_RSC_TABLE_HDR_SIZE       16
#define RP_RSC_TRACE_SIZE           48      /* type word included */

#endif /* RPROCSIM_RSC_TABLE_H */
