/*
 * rprocsim models: build signed MBN images from linker output.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mbn-build.h"
#include "elf32.h"
#include "simsig.h"

#include <string.h>

#define HASHSEG_FILE_OFFSET     0x1000u
#define PAGE                    0x1000u
#define ALIGN_PAGE(x)           (((uint64_t)(x) + PAGE - 1) & ~(uint64_t)(PAGE - 1))
#define TRUNCATE_BY             16

G_DEFINE_QUARK(mbn-build-error-quark, mbn_build_error)

static gboolean bad_input(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean bad_input(GError **error, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(error, MBN_BUILD_ERROR, 0, msg);
    return FALSE;
}

/*
 * Check the input ELF (header and phdr table, elf32.h) into *@eh and read
 * its PT_LOAD phdrs into @loads; returns their number or -1.
 */
static int input_loads(const uint8_t *elf, size_t len, Elf32Header *eh, MbnPhdr *loads,
                       GError **error)
{
    char why[160];
    unsigned n = 0;

    if (!elf32_parse_header(elf, len, eh, why, sizeof(why)) ||
        !elf32_check_phdrs(len, eh, why, sizeof(why))) {
        return bad_input(error, "%s", why), -1;
    }
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf32Phdr ph;

        if (!elf32_phdr(elf, len, eh, i, &ph)) {
            return bad_input(error, "program header %u lies outside the file", i), -1;
        }
        if (ph.p_type != PT_LOAD) {
            continue;       /* PT_ARM_EXIDX, GNU_STACK, ...: not loaded by PIL */
        }
        if (!elf32_range_ok(len, ph.p_offset, ph.p_filesz)) {
            return bad_input(error, "segment %u (%u bytes at offset 0x%x) lies outside the "
                             "%zu-byte file", i, ph.p_filesz, ph.p_offset, len), -1;
        }
        if (ph.p_filesz > ph.p_memsz) {
            return bad_input(error, "segment %u has p_filesz > p_memsz", i), -1;
        }
        if (n == MBN_MAX_PHNUM - 2) {
            return bad_input(error, "more than %d loadable segments", MBN_MAX_PHNUM - 2), -1;
        }
        ph.p_flags &= PF_R | PF_W | PF_X;   /* the Qualcomm bits are ours to set */
        loads[n++] = mbn_phdr_from_elf(&ph);
    }
    if (n == 0) {
        return bad_input(error, "no loadable (PT_LOAD) segment"), -1;
    }
    return n;
}

/* Hash segment header and body for @o; returns its length, fills @seg. */
static size_t hashseg_layout(const MbnBuildOptions *o, unsigned phnum,
                             uint32_t load_addr, uint8_t **seg,
                             size_t *hashes_at, size_t *signed_len, size_t *sig_at)
{
    size_t digest = o->version == 6 ? MBN_SHA384_LEN : MBN_SHA256_LEN;
    size_t hdr = o->version == 6 ? MBN_HDR_V6_SIZE : MBN_HDR_V5_SIZE;
    size_t hash_size = phnum * digest;
    size_t meta_oem = o->version == 6 ? MBN_OEM_METADATA_SIZE : 0;
    size_t cert = o->version == 6 ? 0 : MBN_SIMM_SIZE;
    size_t body = meta_oem + hash_size + SIMSIG_MAC_LEN + cert;
    uint8_t *h = g_malloc0(hdr + body);
    uint8_t *simm;

    rp_put_le32(h + 0x04, o->version);
    rp_put_le32(h + 0x10, body);
    rp_put_le32(h + 0x14, hash_size);
    rp_put_le32(h + 0x1c, SIMSIG_MAC_LEN);
    rp_put_le32(h + 0x24, cert);
    if (o->version == 3) {
        uint32_t dest = load_addr + hdr;

        rp_put_le32(h + 0x0c, dest);
        rp_put_le32(h + 0x18, dest + hash_size);
        rp_put_le32(h + 0x20, dest + hash_size + SIMSIG_MAC_LEN);
    } else {
        rp_put_le32(h + 0x18, 0xffffffff);
        rp_put_le32(h + 0x20, 0xffffffff);
    }
    if (o->version == 6) {
        rp_put_le32(h + 0x2c, meta_oem);
        simm = h + hdr;
    } else {
        simm = h + hdr + hash_size + SIMSIG_MAC_LEN;
    }
    rp_put_le32(simm, MBN_SIMM_MAGIC);
    rp_put_le32(simm + 4, o->sw_id);
    rp_put_le32(simm + 8, o->hw_id);
    rp_put_le32(simm + 12, o->rollback);
    rp_put_le32(simm + 16, o->key_id);

    *hashes_at = hdr + meta_oem;
    *signed_len = hdr + meta_oem + hash_size;
    *sig_at = *signed_len;
    *seg = h;
    return hdr + body;
}

gboolean mbn_build(const uint8_t *elf, size_t len, const MbnBuildOptions *opts,
                   MbnImage *out, GError **error)
{
    MbnBuildOptions o = *opts;
    MbnPhdr loads[MBN_MAX_PHNUM];
    g_autofree uint8_t *hs = NULL;
    size_t hs_len, hashes_at, signed_len, sig_at, hdr_size, digest;
    uint64_t file_end, top = 0;
    MbnMeta dig = { 0 };
    Elf32Header in, eh;
    int nload;
    unsigned phnum;
    uint8_t *img;

    memset(out, 0, sizeof(*out));
    if (o.version == 0) {
        o.version = 6;
    }
    if (o.version != 3 && o.version != 5 && o.version != 6) {
        return bad_input(error, "hash segment version %u (supported: 3, 5, 6)", o.version);
    }
    nload = input_loads(elf, len, &in, loads, error);
    if (nload < 0) {
        return FALSE;
    }
    phnum = nload + 2;
    hdr_size = ELF32_EHDR_SIZE + (size_t)ELF32_PHDR_SIZE * phnum;
    for (int i = 0; i < nload; i++) {
        top = MAX(top, (uint64_t)loads[i].paddr + loads[i].memsz);
    }
    if (ALIGN_PAGE(top) > G_MAXUINT32) {
        return bad_input(error, "segments reach past 4 GiB");
    }
    hs_len = hashseg_layout(&o, phnum, ALIGN_PAGE(top), &hs, &hashes_at,
                            &signed_len, &sig_at);

    /* program header table */
    out->phnum = phnum;
    out->phdr[0] = (MbnPhdr){ .type = PT_NULL, .filesz = hdr_size,
                              .flags = MBN_TYPE_PHDR };
    out->phdr[1] = (MbnPhdr){
        .type = PT_NULL, .offset = HASHSEG_FILE_OFFSET,
        .vaddr = ALIGN_PAGE(top), .paddr = ALIGN_PAGE(top),
        .filesz = hs_len - (o.truncate_hash_segment ? TRUNCATE_BY : 0),
        .memsz = ALIGN_PAGE(hs_len), .align = PAGE,
        .flags = MBN_TYPE_HASH | (MBN_ACCESS_RO << MBN_FLAG_ACCESS_SHIFT),
    };
    file_end = ALIGN_PAGE(HASHSEG_FILE_OFFSET + hs_len);
    for (int i = 0; i < nload; i++) {
        MbnPhdr *p = &out->phdr[2 + i];

        *p = loads[i];
        /* keep p_offset congruent to p_vaddr modulo the (at most 4 KiB) alignment */
        p->align = MIN(MAX(p->align, 1), PAGE);
        p->offset = loads[i].filesz ? file_end + (p->vaddr & (PAGE - 1)) : 0;
        if (o.relocatable) {
            p->flags |= MBN_FLAG_RELOCATABLE;
        }
        file_end = ALIGN_PAGE(file_end + (p->vaddr & (PAGE - 1)) + loads[i].filesz);
        if (file_end > G_MAXUINT32) {
            return bad_input(error, "image larger than 4 GiB");
        }
    }

    out->mbn = g_byte_array_sized_new(file_end);
    g_byte_array_set_size(out->mbn, file_end);
    img = out->mbn->data;
    memset(img, 0, file_end);

    /*
     * ELF header: identification, type, machine, version, entry and flags
     * from the input; the phdr table right after it; no section headers
     * (e_shoff, e_shentsize, e_shnum, e_shstrndx 0), as signing tools do.
     */
    eh = (Elf32Header){
        .e_type = in.e_type, .e_machine = in.e_machine, .e_version = in.e_version,
        .e_entry = in.e_entry, .e_phoff = ELF32_EHDR_SIZE, .e_flags = in.e_flags,
        .e_ehsize = ELF32_EHDR_SIZE, .e_phentsize = ELF32_PHDR_SIZE, .e_phnum = phnum,
    };
    memcpy(eh.e_ident, in.e_ident, EI_NIDENT);
    elf32_put_header(img, &eh);
    for (unsigned i = 0; i < phnum; i++) {
        Elf32Phdr ph = mbn_phdr_to_elf(&out->phdr[i]);

        elf32_put_phdr(img + ELF32_EHDR_SIZE + (size_t)ELF32_PHDR_SIZE * i, &ph);
    }
    for (int i = 0; i < nload; i++) {
        memcpy(img + out->phdr[2 + i].offset, elf + loads[i].offset, loads[i].filesz);
    }

    /* hash table: header, (hash segment: zeros), then each segment's file bytes */
    dig.digest_len = digest = o.version == 6 ? MBN_SHA384_LEN : MBN_SHA256_LEN;
    mbn_digest(&dig, img, hdr_size, hs + hashes_at);
    for (unsigned i = 2; i < phnum; i++) {
        if (out->phdr[i].filesz) {
            mbn_digest(&dig, img + out->phdr[i].offset, out->phdr[i].filesz,
                       hs + hashes_at + i * digest);
        }
    }
    simsig_mac(o.key_id, o.sw_id, o.hw_id, hs, signed_len, hs + sig_at);
    memcpy(img + HASHSEG_FILE_OFFSET, hs, hs_len);

    if (o.tamper_segment) {
        for (unsigned i = 2; i < phnum; i++) {
            if (out->phdr[i].filesz) {
                img[out->phdr[i].offset + out->phdr[i].filesz / 2] ^= 0x01;
                break;
            }
        }
    }

    out->mdt = g_byte_array_sized_new(hdr_size + out->phdr[1].filesz);
    g_byte_array_append(out->mdt, img, hdr_size);
    g_byte_array_append(out->mdt, img + HASHSEG_FILE_OFFSET, out->phdr[1].filesz);
    return TRUE;
}

const uint8_t *mbn_image_segment(const MbnImage *img, unsigned i, size_t *len)
{
    if (i >= img->phnum || img->phdr[i].filesz == 0) {
        return NULL;
    }
    *len = img->phdr[i].filesz;
    return img->mbn->data + img->phdr[i].offset;
}

void mbn_image_clear(MbnImage *img)
{
    if (img->mbn) {
        g_byte_array_unref(img->mbn);
    }
    if (img->mdt) {
        g_byte_array_unref(img->mdt);
    }
    memset(img, 0, sizeof(*img));
}
