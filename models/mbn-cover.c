/*
 * rprocsim models: which protection of a signed image covers a byte.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mbn-cover.h"

/* What covers byte @rel of phdr @i's file bytes. */
static MbnCover cover_in_segment(const MbnMeta *meta, unsigned i, uint64_t rel)
{
    if (rel >= meta->phdr[i].filesz) {
        return MBN_COVER_NONE;
    }
    if (i == 0) {
        return MBN_COVER_HEADER;
    }
    if (i == meta->hash_index) {
        uint64_t in_blob = meta->hashseg_off + rel;

        if (rel < meta->signed_len) {
            return MBN_COVER_SIGNED;
        }
        if (in_blob >= meta->sig_off && in_blob - meta->sig_off < meta->sig_len) {
            return MBN_COVER_SIGNATURE;
        }
        return MBN_COVER_NONE;
    }
    return mbn_segment_hashed(meta, i) ? MBN_COVER_SEGMENT : MBN_COVER_NONE;
}

MbnCover mbn_cover_of(const MbnMeta *meta, int segment, uint64_t offset)
{
    MbnCover best = MBN_COVER_NONE;

    if (segment >= 0) {
        return (unsigned)segment < meta->phnum
            ? cover_in_segment(meta, segment, offset) : MBN_COVER_NONE;
    }
    /* the ELF header and phdr table are hash[0]'s wherever phdr[0] says */
    if (offset < meta->blob_len - meta->hashseg_len) {
        return MBN_COVER_HEADER;
    }
    for (unsigned i = 0; i < meta->phnum; i++) {
        const MbnPhdr *p = &meta->phdr[i];
        MbnCover c;

        if (offset < p->offset || offset - p->offset >= p->filesz) {
            continue;
        }
        c = cover_in_segment(meta, i, offset - p->offset);
        if (c > best) {
            best = c;
        }
    }
    return best;
}

bool mbn_cover_protected(MbnCover c)
{
    return c != MBN_COVER_NONE;
}

const char *mbn_cover_name(MbnCover c)
{
    static const char *const names[] = {
        [MBN_COVER_NONE] = "none",
        [MBN_COVER_HEADER] = "header",
        [MBN_COVER_SEGMENT] = "segment",
        [MBN_COVER_SIGNED] = "signed",
        [MBN_COVER_SIGNATURE] = "signature",
    };

    return (unsigned)c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}
