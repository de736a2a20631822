/*
 * rprocsim models: build signed MBN images from linker output.
 *
 * Input: an ELF32 little-endian executable (e.g. a firmware stub). Output:
 * an MBN with the layout Qualcomm signing tools produce and Linux's
 * mdt_loader expects (docs/firmware-images.md):
 *
 *   phdr[0]  PT_NULL, ELF-header placeholder (type PHDR), p_filesz = header + phdrs
 *   phdr[1]  PT_NULL, hash segment at file offset 0x1000 (type HASH, access RO)
 *   phdr[2..] the input's PT_LOAD segments, 4 KiB-aligned in the file
 *
 * with e_phoff 52 and no section headers, signed with SIMSIG-1 (simsig.h),
 * and its split form (.mdt = header + hash segment; .bNN = segment NN).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_MBN_BUILD_H
#define RPROCSIM_MODELS_MBN_BUILD_H

#include <glib.h>
#include "mbn.h"

#define MBN_BUILD_ERROR (mbn_build_error_quark())
GQuark mbn_build_error_quark(void);

typedef struct MbnBuildOptions {
    uint32_t version;           /* hash segment version: 6 (default if 0), 5 or 3 */
    uint32_t sw_id;             /* software ID the image is for (per pas_id) */
    uint32_t hw_id;             /* SoC hardware ID, SIMSIG_HW_ID for the simulator */
    uint32_t key_id;            /* signing key, SIMSIG_KEY_ID to be trusted */
    uint32_t rollback;          /* anti-rollback version recorded in SIMM */
    bool relocatable;           /* set QCOM_MDT_RELOCATABLE on the loadable segments */
    /* Deliberate defects, for tests of the TrustZone checks */
    bool tamper_segment;        /* change a byte of the first hashed segment after hashing */
    bool truncate_hash_segment; /* hash segment p_filesz 16 bytes short of its contents */
} MbnBuildOptions;

typedef struct MbnImage {
    GByteArray *mbn;            /* the complete image */
    GByteArray *mdt;            /* split header: ehdr + phdrs || hash segment */
    unsigned phnum;
    MbnPhdr phdr[MBN_MAX_PHNUM];/* as written into the image */
} MbnImage;

/*
 * Build an image from the ELF32 file @elf (@len bytes). Returns FALSE with
 * @error set if the input is not a usable ELF32 little-endian executable
 * (bad header, phdrs or segments outside the file, no PT_LOAD segment,
 * more than MBN_MAX_PHNUM - 2 of them). On success @out owns its arrays:
 * release them with mbn_image_clear().
 */
gboolean mbn_build(const uint8_t *elf, size_t len, const MbnBuildOptions *o,
                   MbnImage *out, GError **error);

/*
 * The bytes of split file .bNN for phdr @i: a pointer into out->mbn and
 * the segment's p_filesz in *@len. NULL if phdr @i has no file data.
 */
const uint8_t *mbn_image_segment(const MbnImage *img, unsigned i, size_t *len);

void mbn_image_clear(MbnImage *img);

#endif /* RPROCSIM_MODELS_MBN_BUILD_H */
