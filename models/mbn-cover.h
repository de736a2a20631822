/*
 * rprocsim models: which protection of a signed image covers one of its
 * bytes. TrustZone (pas.c) checks hash[0] against the ELF header and the
 * program header table, the other hash-table entries against the hashed
 * segments (mbn_segment_hashed()), and the signature over the signed part
 * of the hash segment (docs/firmware-images.md). A byte changed in any of
 * those must make authentication fail; a byte outside them may not.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_MBN_COVER_H
#define RPROCSIM_MODELS_MBN_COVER_H

#include <stdint.h>

#include "mbn.h"

typedef enum MbnCover {
    MBN_COVER_NONE,         /* no hash or signature covers the byte */
    MBN_COVER_HEADER,       /* ELF header or program headers: hash[0] */
    MBN_COVER_SEGMENT,      /* a hashed segment's file bytes: its hash entry */
    MBN_COVER_SIGNED,       /* the signed part of the hash segment (its header and table) */
    MBN_COVER_SIGNATURE,    /* the signature itself */
} MbnCover;

/*
 * What covers byte @offset of the file whose metadata is @meta: a whole
 * image (.mbn, segments at their p_offset) when @segment is -1, else split
 * file .bNN with NN = @segment (the segment's bytes from its start).
 * Bytes outside every segment, and beyond a segment's p_filesz, are
 * MBN_COVER_NONE.
 */
MbnCover mbn_cover_of(const MbnMeta *meta, int segment, uint64_t offset);

/* True for every cover but MBN_COVER_NONE. */
bool mbn_cover_protected(MbnCover c);

/* "none", "header", "segment", "signed", "signature". */
const char *mbn_cover_name(MbnCover c);

#endif /* RPROCSIM_MODELS_MBN_COVER_H */
