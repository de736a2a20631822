/*
 * rprocsim models: Qualcomm MDT/MBN firmware images as TrustZone sees them.
 *
 * The PAS metadata blob (ELF32 header + program header table, followed by
 * the hash segment) is parsed and checked here, and the loaded segments are
 * hashed against its hash table. Layout facts: drivers/soc/qcom/mdt_loader.c
 * (Linux 6.12) and the MBN hash segment versions 3, 5 and 6 described in
 * docs/firmware-images.md. The simulator signature scheme is in simsig.h.
 *
 * Every length is bounded before use and every addition overflow-checked:
 * the blob comes from the guest.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_MBN_H
#define RPROCSIM_MODELS_MBN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rprocsim/bytes.h"
#include "elf32.h"
#include "error.h"

#define MBN_MAX_PHNUM           100     /* Qualcomm images use far fewer */
#define MBN_MAX_BLOB            (64 * 1024)
#define MBN_SHA256_LEN          32
#define MBN_SHA384_LEN          48
#define MBN_MAX_DIGEST          MBN_SHA384_LEN

/* p_flags bits (Qualcomm MI_PBT layout; QCOM_MDT_* in mdt_loader.h) */
#define MBN_FLAG_PAGED          (1u << 20)
#define MBN_FLAG_ACCESS_SHIFT   21
#define MBN_FLAG_ACCESS_MASK    (7u << MBN_FLAG_ACCESS_SHIFT)
#define MBN_ACCESS_RW           0
#define MBN_ACCESS_RO           1
#define MBN_ACCESS_ZI           2
#define MBN_ACCESS_NOTUSED      3
#define MBN_ACCESS_SHARED       4
#define MBN_FLAG_TYPE_MASK      (7u << 24)
#define MBN_TYPE_HASH           (2u << 24)
#define MBN_TYPE_PHDR           (7u << 24)
#define MBN_FLAG_RELOCATABLE    (1u << 27)

/* Hash segment header sizes per version */
#define MBN_HDR_V3_SIZE         40
#define MBN_HDR_V5_SIZE         40
#define MBN_HDR_V6_SIZE         48

/*
 * The simulator's metadata block ("SIMM"): at the start of the OEM
 * metadata (v6) or of the OEM certificate chain slot (v3, v5).
 */
#define MBN_SIMM_MAGIC          0x4d4d4953u     /* "SIMM" little-endian */
#define MBN_SIMM_SIZE           20
#define MBN_OEM_METADATA_SIZE   120

/*
 * A program header as the PAS model and its users see it: the fields of
 * Elf32Phdr (elf32.h, read there) without the p_ prefix, in the same
 * order. Kept as its own type because models/pas.c, tools/rprocsim/run.c
 * and the qtests use these names; mbn_phdr_from_elf() and
 * mbn_phdr_to_elf() convert.
 */
typedef struct MbnPhdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
} MbnPhdr;

static inline MbnPhdr mbn_phdr_from_elf(const Elf32Phdr *p)
{
    return (MbnPhdr){ p->p_type, p->p_offset, p->p_vaddr, p->p_paddr,
                      p->p_filesz, p->p_memsz, p->p_flags, p->p_align };
}

static inline Elf32Phdr mbn_phdr_to_elf(const MbnPhdr *p)
{
    return (Elf32Phdr){ p->type, p->offset, p->vaddr, p->paddr,
                        p->filesz, p->memsz, p->flags, p->align };
}

typedef struct MbnSimm {
    uint32_t sw_id;
    uint32_t hw_id;
    uint32_t rollback;
    uint32_t key_id;
} MbnSimm;

/* Why an image was refused; the I-numbers of docs/trustzone.md */
typedef enum MbnStatus {
    MBN_OK = 0,
    MBN_E_READ = 2,         /* I2: blob not readable (outside DRAM, too big) */
    MBN_E_ELF = 3,          /* I3: not ELF32 LE, bad e_phentsize/e_phnum/e_phoff */
    MBN_E_PHDR0 = 4,        /* I4: phdr[0] not the ELF-header placeholder */
    MBN_E_HASHSEG = 5,      /* I5: no/several hash segments, sizes inconsistent */
    MBN_E_VERSION = 6,      /* I6: unsupported hash segment version */
    MBN_E_HASHSIZE = 7,     /* I7: hash table size != e_phnum * digest */
    MBN_E_SIGNATURE = 8,    /* I8: signature does not verify */
    MBN_E_KEY = 9,          /* I9: not signed by the simulator root of trust */
    MBN_E_SWID = 10,        /* I10: sw_id is not the one for this pas_id */
    MBN_E_HDRHASH = 11,     /* I11: hash[0] does not match header + phdrs */
    MBN_E_LAYOUT = 12,      /* I12: segment layout unacceptable */
} MbnStatus;

/* A refusal: code is an MbnStatus (error.h) */
typedef RpError MbnError;

typedef struct MbnMeta {
    uint8_t *blob;          /* owned: ehdr + phdrs || hash segment */
    size_t blob_len;
    uint32_t e_entry;
    unsigned phnum;
    MbnPhdr phdr[MBN_MAX_PHNUM];
    unsigned hash_index;    /* index of the hash segment's phdr */
    size_t hashseg_off;     /* offset of the hash segment in blob */
    size_t hashseg_len;
    uint32_t version;       /* 3, 5 or 6 */
    size_t hdr_len;         /* hash segment header size */
    size_t digest_len;      /* 32 (SHA-256) or 48 (SHA-384) */
    size_t hashes_off;      /* offset of the hash table in blob */
    size_t signed_len;      /* hash segment bytes covered by the signature */
    size_t sig_off;         /* offset of the OEM signature in blob */
    uint32_t sig_len;
    bool has_simm;
    MbnSimm simm;
    bool relocatable;       /* a loadable segment has MBN_FLAG_RELOCATABLE */
    uint32_t min_paddr;     /* lowest p_paddr of the loadable segments */
    uint64_t max_end;       /* 4 KiB-aligned end of the loadable segments */
} MbnMeta;

/*
 * Reads @len bytes at @offset of the metadata blob into @buf. Returns false
 * if that part is not readable (the caller bounds it to guest DRAM).
 */
typedef bool (*MbnReadFn)(void *opaque, uint64_t offset, void *buf, size_t len);

/*
 * Read the metadata blob through @read in stages (ELF header, phdr table,
 * hash segment; each size taken from what was read, bounded by
 * MBN_MAX_BLOB) and parse it into @meta (checks I2..I7). On success
 * @meta->blob is owned by @meta: release it with mbn_meta_clear().
 * On failure @meta holds nothing to free and @err says why.
 */
bool mbn_read_metadata(MbnReadFn read, void *opaque, MbnMeta *meta, MbnError *err);

/*
 * Parse an already complete blob (copied; @blob stays the caller's).
 * Same checks and ownership as mbn_read_metadata(). @len must be the exact
 * blob size: ehdr + phdr table followed by the hash segment.
 */
bool mbn_parse_blob(const uint8_t *blob, size_t len, MbnMeta *meta, MbnError *err);

/* Free what @meta owns; @meta may then be reused. */
void mbn_meta_clear(MbnMeta *meta);

/*
 * Check hash[0] against the header and phdr table (I11) and the static
 * segment layout (I12): loadable segments must have p_filesz <= p_memsz,
 * not overlap, not be paged, and, for a non-relocatable image, lie inside
 * [carveout_base, carveout_base + carveout_size).
 */
bool mbn_check_image(const MbnMeta *meta, uint64_t carveout_base,
                     uint64_t carveout_size, MbnError *err);

/*
 * True if phdr @i is a segment TrustZone hashes after loading: loadable
 * (see below), p_filesz > 0, access type neither NOTUSED nor SHARED (as
 * Qualcomm's secure boot does).
 */
bool mbn_segment_hashed(const MbnMeta *meta, unsigned i);

/* True if phdr @i is loaded by Linux (PT_LOAD, not HASH type, p_memsz != 0). */
bool mbn_segment_loadable(const MbnMeta *meta, unsigned i);

/*
 * Compare the digest of @data (@len bytes, the segment's p_filesz) with
 * hash-table entry @i in constant time. Returns false on mismatch or if @i
 * or @len do not fit the image.
 */
bool mbn_segment_digest_ok(const MbnMeta *meta, unsigned i,
                           const uint8_t *data, size_t len);

/* Hash-table entry @i (digest_len bytes inside meta->blob); @i < phnum. */
const uint8_t *mbn_hash_entry(const MbnMeta *meta, unsigned i);

/* Digest of @data with the image's algorithm into @out (digest_len bytes). */
void mbn_digest(const MbnMeta *meta, const uint8_t *data, size_t len,
                uint8_t *out);

/* Constant-time comparison of @len bytes. */
bool mbn_ct_equal(const uint8_t *a, const uint8_t *b, size_t len);

#endif /* RPROCSIM_MODELS_MBN_H */
