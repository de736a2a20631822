/*
 * rprocsim models: putting a firmware image where Linux puts it before it
 * asks TrustZone to authenticate it, for the host tools and tests that
 * drive the PAS model (pas.h) without a guest.
 *
 * What Linux does is drivers/soc/qcom/mdt_loader.c of Linux 6.12:
 * mdt_header_valid() and mdt_phdr_valid() (which headers it accepts and
 * which segments it loads), qcom_mdt_read_metadata() (the metadata blob of
 * PAS_INIT_IMAGE: ELF header and program headers, then the hash segment),
 * qcom_mdt_pas_init() (relocatable, min_addr, max_addr for PAS_MEM_SETUP)
 * and __qcom_mdt_load() (each segment at mem_phys + p_paddr - mem_reloc,
 * zero-filled to p_memsz; from the file itself or, for a split image, from
 * the .bNN files). See ../shared/reference/linux-pas-contract.md §5.
 *
 * The memory is a small sparse host memory (MdtMem) standing for the DRAM
 * buffer of the metadata and the carveouts; mdt_mem_read() is a PasReadFn.
 *
 * No I/O: the caller hands over the .mdt or .mbn bytes and, for split
 * images, a function that reads one .bNN file. Every length is bounded by
 * the file and by the memory range before use.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_MDT_LOAD_H
#define RPROCSIM_MODELS_MDT_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mbn.h"

#define MDT_MEM_REGIONS     4

/* Host memory standing for guest physical ranges (at most MDT_MEM_REGIONS) */
typedef struct MdtMem {
    struct {
        uint64_t base;
        size_t size;
        uint8_t *data;          /* owned, zero-filled at first */
    } r[MDT_MEM_REGIONS];
    unsigned n;
} MdtMem;

/* An empty memory. */
void mdt_mem_init(MdtMem *m);

/*
 * Back [@base, @base + @size) with zeroed host memory. False if all
 * MDT_MEM_REGIONS are taken or the range wraps around.
 */
bool mdt_mem_add(MdtMem *m, uint64_t base, size_t size);

/* Free every region; @m is then empty. */
void mdt_mem_free(MdtMem *m);

/*
 * Copy @len bytes at @addr out of the memory @opaque (an MdtMem); false,
 * copying nothing, unless the whole range lies in one region. A PasReadFn.
 */
bool mdt_mem_read(void *opaque, uint64_t addr, void *buf, size_t len);

/* Copy @data into the memory at @addr; false as for mdt_mem_read(). */
bool mdt_mem_write(MdtMem *m, uint64_t addr, const void *data, size_t len);

/* Why the loader refused an image, before or after TrustZone saw it */
typedef enum MdtStatus {
    MDT_OK = 0,
    MDT_E_HEADER,       /* mdt_header_valid(): not ELF32, e_phentsize, tables outside the file */
    MDT_E_METADATA,     /* qcom_mdt_read_metadata(): e_phnum < 2, phdr[0] PT_LOAD, no hash segment */
    MDT_E_RANGE,        /* "segment outside memory range" */
    MDT_E_FILESZ,       /* "refusing to load segment %d with p_filesz > p_memsz" */
    MDT_E_MISSING,      /* bytes not in the file and not in the split .bNN (or short .bNN) */
} MdtStatus;

/* A refusal: code is an MdtStatus (error.h) */
typedef RpError MdtError;

/* The program headers of an image, as mdt_loader reads them */
typedef struct MdtImage {
    uint32_t e_entry;
    unsigned phnum;
    MbnPhdr phdr[MBN_MAX_PHNUM];
    int hash_index;         /* first phdr >= 1 of hash type, -1: none */
    bool split;             /* some segment lies beyond the file: read the .bNN (is_split) */
    bool relocatable;       /* a loadable phdr has MBN_FLAG_RELOCATABLE */
    uint64_t min_addr;      /* lowest p_paddr of the loadable phdrs */
    uint64_t max_addr;      /* highest 4 KiB-aligned p_paddr + p_memsz of them */
} MdtImage;

/*
 * Read @len bytes of split file .bNN (NN = @index) into @buf. Returns false,
 * with @err filled in (MDT_E_MISSING), if the file is missing, unreadable
 * or not exactly @len bytes long. Only called for split images.
 */
typedef bool (*MdtSplitFn)(void *opaque, unsigned index, uint8_t *buf, size_t len,
                           MdtError *err);

/* True if phdr @i of @img is one mdt_loader loads (mdt_phdr_valid()). */
bool mdt_phdr_loadable(const MdtImage *img, unsigned i);

/*
 * Read the ELF header and program headers at the start of @fw (@len bytes:
 * a .mdt or a whole .mbn) into @img, with the checks of mdt_header_valid()
 * (MDT_E_HEADER; also more than MBN_MAX_PHNUM program headers, and
 * EI_CLASS / EI_DATA other than ELF32 little-endian) and the span of the
 * loadable segments.
 */
bool mdt_parse(const uint8_t *fw, size_t len, MdtImage *img, MdtError *err);

/*
 * The PAS metadata blob, as qcom_mdt_read_metadata() builds it: the first
 * phdr[0].p_filesz bytes of @fw, then the hash segment's p_filesz bytes:
 * right after them if that is the whole file (a .mdt), else from p_offset
 * if inside @fw, else from split file .bNN through @split (may be NULL:
 * then MDT_E_MISSING). Refuses e_phnum < 2, a PT_LOAD phdr[0], no hash
 * segment (MDT_E_METADATA) and a blob over MBN_MAX_BLOB (MDT_E_HEADER).
 * Returns the blob (free with g_free()) and its size in *@blob_len, or NULL.
 */
uint8_t *mdt_read_metadata(const MdtImage *img, const uint8_t *fw, size_t len,
                           MdtSplitFn split, void *opaque, size_t *blob_len,
                           MdtError *err);

/*
 * Load the segments into @mem as __qcom_mdt_load() does into the carveout
 * [@mem_phys, @mem_phys + @mem_size): mem_reloc is min_addr for a
 * relocatable image, else @mem_phys; each loadable phdr goes to
 * @mem_phys + (p_paddr - mem_reloc), its p_filesz bytes from @fw (p_offset)
 * or, if img->split, from .bNN through @split, the rest of p_memsz zeroed.
 * The carveout must be backed by @mem. Stops at the first refusal
 * (MDT_E_RANGE, MDT_E_FILESZ, MDT_E_MISSING). *@reloc_base (may be NULL)
 * gets mem_reloc.
 */
bool mdt_load(const MdtImage *img, const uint8_t *fw, size_t len,
              MdtSplitFn split, void *opaque, MdtMem *mem,
              uint64_t mem_phys, uint64_t mem_size, uint64_t *reloc_base,
              MdtError *err);

#endif /* RPROCSIM_MODELS_MDT_LOAD_H */
