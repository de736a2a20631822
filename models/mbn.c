/*
 * rprocsim models: parsing and checking of MDT/MBN metadata.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mbn.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>


/*
 * Check the ELF header in the first ELF32_EHDR_SIZE bytes at @e (I3): an
 * ELF32 little-endian header (elf32.h) and the MBN layout on top of it:
 * phdr table right after the 52-byte header, 2..MBN_MAX_PHNUM entries.
 * On success *@eh is the decoded header.
 */
static bool check_ehdr(const uint8_t *e, Elf32Header *eh, MbnError *err)
{
    char why[120];

    if (!elf32_parse_header(e, ELF32_EHDR_SIZE, eh, why, sizeof(why))) {
        return rp_error_set(err, MBN_E_ELF, -1, "%s", why);
    }
    if (eh->e_phentsize != ELF32_PHDR_SIZE) {
        return rp_error_set(err, MBN_E_ELF, -1, "e_phentsize %u, want %d",
                             eh->e_phentsize, ELF32_PHDR_SIZE);
    }
    if (eh->e_phoff != ELF32_EHDR_SIZE) {
        return rp_error_set(err, MBN_E_ELF, -1, "e_phoff %u, want %d", eh->e_phoff,
                             ELF32_EHDR_SIZE);
    }
    if (eh->e_phnum < 2 || eh->e_phnum > MBN_MAX_PHNUM) {
        return rp_error_set(err, MBN_E_ELF, -1, "e_phnum %u outside 2..%d", eh->e_phnum,
                             MBN_MAX_PHNUM);
    }
    return true;
}

/* Bytes of the ELF header and phdr table of a header check_ehdr() accepted */
static size_t header_size(const Elf32Header *eh)
{
    return ELF32_EHDR_SIZE + (size_t)ELF32_PHDR_SIZE * eh->e_phnum;
}

/*
 * Parse the phdr table of the @len-byte @hdr (I4, I5 for the hash
 * segment's presence); @len covers the table (header_size()).
 * Sets meta->phdr, phnum, hash_index, e_entry.
 */
static bool parse_phdrs(const uint8_t *hdr, size_t len, const Elf32Header *eh,
                        MbnMeta *meta, MbnError *err)
{
    size_t hdr_size = header_size(eh);
    int hash = -1;

    meta->phnum = eh->e_phnum;
    meta->e_entry = eh->e_entry;
    for (unsigned i = 0; i < meta->phnum; i++) {
        Elf32Phdr ph;

        if (!elf32_phdr(hdr, len, eh, i, &ph)) {
            /* not reached: the callers hold the whole table */
            return rp_error_set(err, MBN_E_ELF, i, "phdr %u outside the %zu-byte header",
                                 i, len);
        }
        meta->phdr[i] = mbn_phdr_from_elf(&ph);
    }
    if (meta->phdr[0].type == PT_LOAD ||
        (meta->phdr[0].flags & MBN_FLAG_TYPE_MASK) != MBN_TYPE_PHDR) {
        return rp_error_set(err, MBN_E_PHDR0, 0,
                    "phdr[0] is not the ELF-header placeholder (type %u flags 0x%x)",
                    meta->phdr[0].type, meta->phdr[0].flags);
    }
    if (meta->phdr[0].filesz != hdr_size) {
        return rp_error_set(err, MBN_E_PHDR0, 0, "phdr[0] p_filesz %u, want %zu",
                    meta->phdr[0].filesz, hdr_size);
    }
    for (unsigned i = 1; i < meta->phnum; i++) {
        if ((meta->phdr[i].flags & MBN_FLAG_TYPE_MASK) == MBN_TYPE_HASH) {
            if (hash >= 0) {
                return rp_error_set(err, MBN_E_HASHSEG, i, "second hash segment at phdr %u "
                            "(first at %d)", i, hash);
            }
            hash = i;
        }
    }
    if (hash < 0) {
        return rp_error_set(err, MBN_E_HASHSEG, -1, "no hash segment");
    }
    meta->hash_index = hash;
    return true;
}

/* Add @b to *@acc unless the sum would pass @limit. */
static bool add_bounded(uint64_t *acc, uint64_t b, uint64_t limit)
{
    if (b > limit || *acc > limit - b) {
        return false;
    }
    *acc += b;
    return true;
}

/* Parse the hash segment header and body layout (I5, I6, I7). */
static bool parse_hashseg(MbnMeta *meta, MbnError *err)
{
    const uint8_t *h = meta->blob + meta->hashseg_off;
    size_t len = meta->hashseg_len;
    uint64_t body = 0, limit;
    uint32_t hash_size, total, sig_qcom = 0, cert_qcom = 0, meta_qcom = 0;
    uint32_t meta_oem = 0, sig, cert;
    size_t simm_off = 0, simm_room = 0, hashes_rel;

    if (len < 8) {
        return rp_error_set(err, MBN_E_HASHSEG, meta->hash_index,
                    "hash segment of %zu bytes has no header", len);
    }
    meta->version = rp_le32(h + 4);
    switch (meta->version) {
    case 3:
        meta->hdr_len = MBN_HDR_V3_SIZE;
        meta->digest_len = MBN_SHA256_LEN;
        break;
    case 5:
        meta->hdr_len = MBN_HDR_V5_SIZE;
        meta->digest_len = MBN_SHA256_LEN;
        break;
    case 6:
        meta->hdr_len = MBN_HDR_V6_SIZE;
        meta->digest_len = MBN_SHA384_LEN;
        break;
    default:
        return rp_error_set(err, MBN_E_VERSION, meta->hash_index,
                    "hash segment version %u (supported: 3, 5, 6)", meta->version);
    }
    if (len < meta->hdr_len) {
        return rp_error_set(err, MBN_E_HASHSEG, meta->hash_index,
                    "hash segment of %zu bytes is shorter than its v%u header",
                    len, meta->version);
    }
    total = rp_le32(h + 0x10);
    hash_size = rp_le32(h + 0x14);
    sig = rp_le32(h + 0x1c);
    cert = rp_le32(h + 0x24);
    if (meta->version >= 5) {
        sig_qcom = rp_le32(h + 0x08);
        cert_qcom = rp_le32(h + 0x0c);
    }
    if (meta->version == 6) {
        meta_qcom = rp_le32(h + 0x28);
        meta_oem = rp_le32(h + 0x2c);
    }

    limit = len - meta->hdr_len;
    if (!add_bounded(&body, meta_qcom, limit) ||
        !add_bounded(&body, meta_oem, limit) ||
        !add_bounded(&body, hash_size, limit) ||
        !add_bounded(&body, sig_qcom, limit) ||
        !add_bounded(&body, cert_qcom, limit) ||
        !add_bounded(&body, sig, limit) ||
        !add_bounded(&body, cert, limit)) {
        return rp_error_set(err, MBN_E_HASHSEG, meta->hash_index,
                    "hash segment sizes (hashes %u, signature %u, certs %u, "
                    "metadata %u+%u) exceed its %zu bytes", hash_size, sig, cert,
                    meta_qcom, meta_oem, len);
    }
    if (total != body) {
        return rp_error_set(err, MBN_E_HASHSEG, meta->hash_index,
                    "total_size %u, but the parts add up to %" G_GUINT64_FORMAT,
                    total, body);
    }
    if (hash_size != meta->phnum * meta->digest_len) {
        return rp_error_set(err, MBN_E_HASHSIZE, meta->hash_index,
                    "hash table of %u bytes for %u phdrs of %zu-byte digests",
                    hash_size, meta->phnum, meta->digest_len);
    }

    hashes_rel = meta->hdr_len + meta_qcom + meta_oem;
    meta->hashes_off = meta->hashseg_off + hashes_rel;
    meta->signed_len = hashes_rel + hash_size;
    meta->sig_off = meta->hashseg_off + meta->signed_len + sig_qcom + cert_qcom;
    meta->sig_len = sig;
    if (meta->version == 6) {
        simm_off = meta->hashseg_off + meta->hdr_len + meta_qcom;
        simm_room = meta_oem;
    } else {
        simm_off = meta->sig_off + sig;
        simm_room = cert;
    }
    meta->has_simm = simm_room >= MBN_SIMM_SIZE &&
                     rp_le32(meta->blob + simm_off) == MBN_SIMM_MAGIC;
    if (meta->has_simm) {
        const uint8_t *s = meta->blob + simm_off;

        meta->simm.sw_id = rp_le32(s + 4);
        meta->simm.hw_id = rp_le32(s + 8);
        meta->simm.rollback = rp_le32(s + 12);
        meta->simm.key_id = rp_le32(s + 16);
    }
    return true;
}

static void segment_span(MbnMeta *meta)
{
    bool any = false;

    meta->relocatable = false;
    meta->min_paddr = 0;
    meta->max_end = 0;
    for (unsigned i = 0; i < meta->phnum; i++) {
        const MbnPhdr *p = &meta->phdr[i];
        uint64_t end = (uint64_t)p->paddr + p->memsz;

        if (!mbn_segment_loadable(meta, i)) {
            continue;
        }
        meta->relocatable |= (p->flags & MBN_FLAG_RELOCATABLE) != 0;
        if (!any || p->paddr < meta->min_paddr) {
            meta->min_paddr = p->paddr;
        }
        if (end > meta->max_end) {
            meta->max_end = end;
        }
        any = true;
    }
    meta->max_end = (meta->max_end + 0xfff) & ~(uint64_t)0xfff;
}

bool mbn_parse_blob(const uint8_t *blob, size_t len, MbnMeta *meta, MbnError *err)
{
    Elf32Header eh;
    size_t hdr_size;
    const MbnPhdr *hash;
    char why[120];

    memset(meta, 0, sizeof(*meta));
    if (len > MBN_MAX_BLOB) {
        return rp_error_set(err, MBN_E_READ, -1, "metadata of %zu bytes exceeds %d",
                    len, MBN_MAX_BLOB);
    }
    if (len < ELF32_EHDR_SIZE) {
        return rp_error_set(err, MBN_E_ELF, -1, "metadata of %zu bytes has no ELF header", len);
    }
    if (!check_ehdr(blob, &eh, err)) {
        return false;
    }
    hdr_size = header_size(&eh);
    if (!elf32_check_phdrs(len, &eh, why, sizeof(why))) {
        return rp_error_set(err, MBN_E_ELF, -1, "metadata: %s", why);
    }
    if (!parse_phdrs(blob, len, &eh, meta, err)) {
        return false;
    }
    hash = &meta->phdr[meta->hash_index];
    if (hash->filesz != len - hdr_size) {
        return rp_error_set(err, MBN_E_HASHSEG, meta->hash_index,
                    "hash segment p_filesz %u, but %zu bytes follow the header",
                    hash->filesz, len - hdr_size);
    }
    meta->blob = g_memdup2(blob, len);
    meta->blob_len = len;
    meta->hashseg_off = hdr_size;
    meta->hashseg_len = len - hdr_size;
    if (!parse_hashseg(meta, err)) {
        mbn_meta_clear(meta);
        return false;
    }
    segment_span(meta);
    rp_error_clear(err);
    return true;
}

bool mbn_read_metadata(MbnReadFn read, void *opaque, MbnMeta *meta, MbnError *err)
{
    uint8_t ehdr[ELF32_EHDR_SIZE];
    g_autofree uint8_t *blob = NULL;
    MbnMeta probe;
    Elf32Header eh;
    size_t hdr_size;
    uint32_t hash_len;
    bool ret;

    memset(meta, 0, sizeof(*meta));
    if (!read(opaque, 0, ehdr, sizeof(ehdr))) {
        return rp_error_set(err, MBN_E_READ, -1, "ELF header not readable");
    }
    if (!check_ehdr(ehdr, &eh, err)) {
        return false;
    }
    hdr_size = header_size(&eh);
    blob = g_malloc(hdr_size);
    if (!read(opaque, 0, blob, hdr_size)) {
        return rp_error_set(err, MBN_E_READ, -1, "phdr table (%zu bytes) not readable", hdr_size);
    }
    memset(&probe, 0, sizeof(probe));
    if (!parse_phdrs(blob, hdr_size, &eh, &probe, err)) {
        return false;
    }
    hash_len = probe.phdr[probe.hash_index].filesz;
    if (hash_len > MBN_MAX_BLOB - hdr_size) {
        return rp_error_set(err, MBN_E_READ, probe.hash_index,
                    "hash segment of %u bytes makes the metadata exceed %d bytes",
                    hash_len, MBN_MAX_BLOB);
    }
    blob = g_realloc(blob, hdr_size + hash_len);
    if (hash_len && !read(opaque, hdr_size, blob + hdr_size, hash_len)) {
        return rp_error_set(err, MBN_E_READ, probe.hash_index,
                    "hash segment (%u bytes) not readable", hash_len);
    }
    ret = mbn_parse_blob(blob, hdr_size + hash_len, meta, err);
    return ret;
}

void mbn_meta_clear(MbnMeta *meta)
{
    g_free(meta->blob);
    memset(meta, 0, sizeof(*meta));
}

bool mbn_segment_loadable(const MbnMeta *meta, unsigned i)
{
    const MbnPhdr *p;

    if (i >= meta->phnum) {
        return false;
    }
    p = &meta->phdr[i];
    return p->type == PT_LOAD &&
           (p->flags & MBN_FLAG_TYPE_MASK) != MBN_TYPE_HASH && p->memsz != 0;
}

bool mbn_segment_hashed(const MbnMeta *meta, unsigned i)
{
    unsigned access;

    if (i >= meta->phnum || i == meta->hash_index) {
        return false;
    }
    access = (meta->phdr[i].flags & MBN_FLAG_ACCESS_MASK) >> MBN_FLAG_ACCESS_SHIFT;
    return mbn_segment_loadable(meta, i) && meta->phdr[i].filesz > 0 &&
           access != MBN_ACCESS_NOTUSED && access != MBN_ACCESS_SHARED;
}

void mbn_digest(const MbnMeta *meta, const uint8_t *data, size_t len, uint8_t *out)
{
    g_autoptr(GChecksum) c = g_checksum_new(meta->digest_len == MBN_SHA384_LEN ?
                                            G_CHECKSUM_SHA384 : G_CHECKSUM_SHA256);
    gsize n = meta->digest_len;

    g_checksum_update(c, data, len);
    g_checksum_get_digest(c, out, &n);
}

bool mbn_ct_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
    volatile uint8_t acc = 0;

    for (size_t i = 0; i < len; i++) {
        acc |= a[i] ^ b[i];
    }
    return acc == 0;
}

const uint8_t *mbn_hash_entry(const MbnMeta *meta, unsigned i)
{
    return meta->blob + meta->hashes_off + (size_t)i * meta->digest_len;
}

bool mbn_segment_digest_ok(const MbnMeta *meta, unsigned i,
                           const uint8_t *data, size_t len)
{
    uint8_t d[MBN_MAX_DIGEST];

    if (i >= meta->phnum || len != meta->phdr[i].filesz) {
        return false;
    }
    mbn_digest(meta, data, len, d);
    return mbn_ct_equal(d, mbn_hash_entry(meta, i), meta->digest_len);
}

bool mbn_check_image(const MbnMeta *meta, uint64_t carveout_base,
                     uint64_t carveout_size, MbnError *err)
{
    uint8_t d[MBN_MAX_DIGEST];

    mbn_digest(meta, meta->blob, meta->phdr[0].filesz, d);
    if (!mbn_ct_equal(d, mbn_hash_entry(meta, 0), meta->digest_len)) {
        return rp_error_set(err, MBN_E_HDRHASH, 0,
                    "hash[0] does not match the ELF header and phdr table");
    }
    for (unsigned i = 0; i < meta->phnum; i++) {
        const MbnPhdr *p = &meta->phdr[i];
        uint64_t end = (uint64_t)p->paddr + p->memsz;

        if (!mbn_segment_loadable(meta, i)) {
            continue;
        }
        if (p->filesz > p->memsz) {
            return rp_error_set(err, MBN_E_LAYOUT, i, "segment %u: p_filesz %u > p_memsz %u",
                        i, p->filesz, p->memsz);
        }
        if (p->flags & MBN_FLAG_PAGED) {
            return rp_error_set(err, MBN_E_LAYOUT, i, "segment %u is paged (not used by PIL images)", i);
        }
        if (!meta->relocatable &&
            (p->paddr < carveout_base || end > carveout_base + carveout_size)) {
            return rp_error_set(err, MBN_E_LAYOUT, i, "segment %u [0x%x, 0x%" G_GINT64_MODIFIER
                        "x) outside the carveout [0x%" G_GINT64_MODIFIER "x, 0x%"
                        G_GINT64_MODIFIER "x)", i, p->paddr, end, carveout_base,
                        carveout_base + carveout_size);
        }
        for (unsigned j = i + 1; j < meta->phnum; j++) {
            const MbnPhdr *q = &meta->phdr[j];

            if (mbn_segment_loadable(meta, j) && p->paddr < (uint64_t)q->paddr + q->memsz &&
                q->paddr < end) {
                return rp_error_set(err, MBN_E_LAYOUT, i, "segments %u and %u overlap", i, j);
            }
        }
    }
    if (meta->relocatable && meta->max_end - meta->min_paddr > carveout_size) {
        return rp_error_set(err, MBN_E_LAYOUT, -1, "relocatable image spans 0x%" G_GINT64_MODIFIER
                    "x bytes, carveout holds 0x%" G_GINT64_MODIFIER "x",
                    meta->max_end - meta->min_paddr, carveout_size);
    }
    rp_error_clear(err);
    return true;
}
