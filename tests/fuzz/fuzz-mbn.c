/*
 * libFuzzer target: the MBN metadata parser and image checks
 * (models/mbn.c, models/simsig.c) on arbitrary blobs, both as a complete
 * blob and through the staged reader TrustZone uses on guest memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mbn.h"
#include "pas.h"
#include "simsig.h"

typedef struct Blob {
    const uint8_t *data;
    size_t size;
} Blob;

static bool read_blob(void *opaque, uint64_t offset, void *buf, size_t len)
{
    Blob *b = opaque;

    if (offset > b->size || len > b->size - offset) {
        return false;
    }
    memcpy(buf, b->data + offset, len);
    return true;
}

static void exercise(const MbnMeta *meta)
{
    MbnError err;
    uint8_t digest[MBN_MAX_DIGEST];

    mbn_check_image(meta, 0x86100000, 0x2800000, &err);
    simsig_verify(meta, 0x04 /* adsp */, SIMSIG_HW_ID, &err);
    for (unsigned i = 0; i < meta->phnum; i++) {
        if (mbn_segment_hashed(meta, i)) {
            mbn_segment_digest_ok(meta, i, meta->blob, 0);
        }
    }
    mbn_digest(meta, meta->blob, meta->blob_len, digest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MbnMeta meta;
    MbnError err;
    Blob b = { data, size };

    if (mbn_parse_blob(data, size, &meta, &err)) {
        exercise(&meta);
        mbn_meta_clear(&meta);
    }
    if (mbn_read_metadata(read_blob, &b, &meta, &err)) {
        exercise(&meta);
        mbn_meta_clear(&meta);
    }
    return 0;
}
