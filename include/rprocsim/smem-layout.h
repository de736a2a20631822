/*
 * rprocsim: the SMEM v12 (partitioned) format and the items every side
 * agrees on. Facts: drivers/soc/qcom/smem.c, drivers/remoteproc/
 * qcom_common.c (minidump) of Linux 6.12. Included by the SMEM image
 * builder (models/smem-image.c), the firmware library
 * (firmware-stubs/lib/smem.c), the firmware and the tests.
 *
 * Freestanding: only <stdint.h>.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SMEM_LAYOUT_H
#define RPROCSIM_SMEM_LAYOUT_H

#include <stdint.h>

/* Hosts: the application processor, and "any" for the global partition */
#define SMEM_HOST_APPS              0
#define SMEM_GLOBAL_HOST            0xfffe

/* Linux maps the first 4 KiB (header) and the last 4 KiB (partition table) */
#define SMEM_HEADER_SIZE            0x1000
#define SMEM_PTABLE_SIZE            0x1000
#define SMEM_VERSION_OFFSET         0x5c    /* header: version[7] */
#define SMEM_GLOBAL_PART_VERSION    12

/* The partition table ("$TOC") at the end, one 48-byte entry per partition */
#define SMEM_PTABLE_MAGIC           0x434f5424u     /* "$TOC" */
#define SMEM_PTABLE_HDR_SIZE        0x20
#define SMEM_PTABLE_ENTRY_SIZE      48
#define SMEM_INFO_MAGIC             0x49494953u     /* "SIII", after the entries */
#define SMEM_INFO_SIZE              24
#define SMEM_MAX_PARTITIONS \
    ((SMEM_PTABLE_SIZE - SMEM_PTABLE_HDR_SIZE - SMEM_INFO_SIZE) / SMEM_PTABLE_ENTRY_SIZE)

/* A partition ("$PRT") and its uncached items, each behind a 16-byte header */
#define SMEM_PART_MAGIC             0x54525024u     /* "$PRT" */
#define SMEM_PART_HDR_SIZE          0x20
#define SMEM_ITEM_CANARY            0xa5a5
#define SMEM_ITEM_HDR_SIZE          16

/*
 * Minidump (qcom_common.c qcom_minidump): global item 602 is a table of
 * contents with a slot per subsystem; each slot points at the subsystem's
 * array of regions, which Linux maps by physical address and dumps.
 */
#define SMEM_MINIDUMP_TOC_ITEM      602
#define MINIDUMP_TOC_SLOTS          10
#define MINIDUMP_TOC_HDR_SIZE       16
#define MINIDUMP_TOC_SLOT_SIZE      32
#define MINIDUMP_TOC_SIZE \
    (MINIDUMP_TOC_HDR_SIZE + MINIDUMP_TOC_SLOTS * MINIDUMP_TOC_SLOT_SIZE)
/* Offsets in the table of contents and in a subsystem's slot */
#define MINIDUMP_TOC_STATUS         0
#define MINIDUMP_TOC_ENABLED        8
#define MINIDUMP_SLOT_STATUS        0
#define MINIDUMP_SLOT_ENABLED       4
#define MINIDUMP_SLOT_ENCRYPTION_STATUS 8
#define MINIDUMP_SLOT_ENCRYPTION_REQUIRED 12
#define MINIDUMP_SLOT_REGION_COUNT  16
#define MINIDUMP_SLOT_REGIONS_BASE  24      /* __le64 */
#define MINIDUMP_ENABLED            0x454e424cu     /* "ENBL" */
#define MINIDUMP_ENCRYPTION_DONE    0x444f4e45u     /* "DONE" */
#define MINIDUMP_REGION_VALID       0x56414c49u     /* "VALI" */
#define MINIDUMP_REGION_NAME_LEN    16

/* One region of a subsystem's minidump (qcom_common.c struct minidump_region) */
struct minidump_region {
    char name[MINIDUMP_REGION_NAME_LEN];
    uint32_t seq_num;
    uint32_t valid;
    uint64_t address;
    uint64_t size;
};

#endif /* RPROCSIM_SMEM_LAYOUT_H */
