/*
 * rprocsim: reading remoteproc devcoredumps and firmware ELF files.
 *
 * A devcoredump (drivers/remoteproc/remoteproc_coredump.c, Linux 6.12) is
 * an ELF32 little-endian file, e_machine EM_NONE for qcom_q6v5_pas, with
 * either one PT_LOAD per dumped segment (rproc_coredump) or, for a
 * minidump, one SHT_PROGBITS section per region and no program headers
 * (rproc_coredump_using_sections). Both become a list of regions: guest
 * physical address, size and where the bytes are in the file.
 *
 * Pure functions on a buffer the caller owns; the ELF structures are read
 * with models/elf32.h, which bounds every read by the buffer length, and
 * every segment or section is checked to lie inside the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_COREDUMP_H
#define RPROCSIM_COREDUMP_H

#include <glib.h>

#define RP_DUMP_ERROR (rp_dump_error_quark())
GQuark rp_dump_error_quark(void);

typedef struct RpDumpRegion {
    guint32 addr;           /* physical address (p_paddr or sh_addr) */
    guint32 size;
    guint32 offset;         /* in the file */
    char name[32];          /* section name for minidumps, "" otherwise */
} RpDumpRegion;

typedef struct RpDump {
    const guchar *data;     /* borrowed */
    gsize len;
    gboolean minidump;
    GArray *regions;        /* RpDumpRegion */
} RpDump;

/*
 * Parse the devcoredump in @data (@len bytes, borrowed: must outlive the
 * result). FALSE with @error saying what is wrong: not an ELF, not 32-bit
 * little-endian, truncated, a segment or section outside the file, no
 * regions.
 */
gboolean rp_dump_parse(const guchar *data, gsize len, RpDump *dump, GError **error);
void rp_dump_clear(RpDump *dump);

/* @size bytes at physical @addr if one region holds them all, else NULL. */
const guchar *rp_dump_at(const RpDump *dump, guint32 addr, guint32 size);

typedef struct RpElfSymbol {
    char *name;
    guint32 value;          /* for Thumb functions without the low bit */
    guint32 size;
    gboolean func;
} RpElfSymbol;

typedef struct RpFwSegment {
    guint32 vaddr;          /* as the core sees it */
    guint32 paddr;          /* as the dump records it */
    guint32 memsz;
} RpFwSegment;

typedef struct RpFirmwareElf {
    GArray *symbols;        /* RpElfSymbol, sorted by value */
    GArray *segments;       /* RpFwSegment of each PT_LOAD */
} RpFirmwareElf;

/*
 * Read symbols (.symtab) and PT_LOAD segments of the unstripped firmware
 * ELF32 in @data. FALSE with @error for a file that is not one, is cut
 * short or has no symbol table.
 */
gboolean rp_fw_parse(const guchar *data, gsize len, RpFirmwareElf *fw, GError **error);
void rp_fw_clear(RpFirmwareElf *fw);

/* The symbol named @name, or NULL. */
const RpElfSymbol *rp_fw_symbol(const RpFirmwareElf *fw, const char *name);

/* The function containing @addr (Thumb bit ignored), or NULL. */
const RpElfSymbol *rp_fw_function_at(const RpFirmwareElf *fw, guint32 addr);

/* Physical address of core address @addr through the PT_LOAD that holds it. */
gboolean rp_fw_to_phys(const RpFirmwareElf *fw, guint32 addr, guint32 *phys);

#endif /* RPROCSIM_COREDUMP_H */
