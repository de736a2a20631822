/*
 * rprocsim models: loading an image as Linux's mdt_loader does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mdt-load.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#define PAGE_4K     0x1000ull

void mdt_mem_init(MdtMem *m)
{
    memset(m, 0, sizeof(*m));
}

bool mdt_mem_add(MdtMem *m, uint64_t base, size_t size)
{
    if (m->n >= MDT_MEM_REGIONS || base + size < base) {
        return false;
    }
    m->r[m->n].base = base;
    m->r[m->n].size = size;
    m->r[m->n].data = g_malloc0(size);
    m->n++;
    return true;
}

void mdt_mem_free(MdtMem *m)
{
    for (unsigned i = 0; i < m->n; i++) {
        g_free(m->r[i].data);
    }
    memset(m, 0, sizeof(*m));
}

static uint8_t *mem_at(MdtMem *m, uint64_t addr, size_t len)
{
    for (unsigned i = 0; i < m->n; i++) {
        if (addr >= m->r[i].base && addr - m->r[i].base <= m->r[i].size &&
            len <= m->r[i].size - (addr - m->r[i].base)) {
            return m->r[i].data + (addr - m->r[i].base);
        }
    }
    return NULL;
}

bool mdt_mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    uint8_t *p = mem_at(opaque, addr, len);

    if (!p) {
        return false;
    }
    memcpy(buf, p, len);
    return true;
}

bool mdt_mem_write(MdtMem *m, uint64_t addr, const void *data, size_t len)
{
    uint8_t *p = mem_at(m, addr, len);

    if (!p) {
        return false;
    }
    memcpy(p, data, len);
    return true;
}

static bool is_hash(const MbnPhdr *p)
{
    return (p->flags & MBN_FLAG_TYPE_MASK) == MBN_TYPE_HASH;
}

bool mdt_phdr_loadable(const MdtImage *img, unsigned i)
{
    const MbnPhdr *p;

    if (i >= img->phnum) {
        return false;
    }
    p = &img->phdr[i];
    return p->type == PT_LOAD && !is_hash(p) && p->memsz != 0;
}

bool mdt_parse(const uint8_t *fw, size_t len, MdtImage *img, MdtError *err)
{
    Elf32Header eh;
    char why[120];
    bool any = false;

    memset(img, 0, sizeof(*img));
    img->hash_index = -1;
    if (!elf32_parse_header(fw, len, &eh, why, sizeof(why))) {
        return rp_error_set(err, MDT_E_HEADER, -1, "%s", why);
    }
    if (eh.e_phentsize != ELF32_PHDR_SIZE) {
        return rp_error_set(err, MDT_E_HEADER, -1, "e_phentsize %u, want %d",
                             eh.e_phentsize, ELF32_PHDR_SIZE);
    }
    if (!elf32_check_phdrs(len, &eh, why, sizeof(why))) {
        return rp_error_set(err, MDT_E_HEADER, -1, "%s", why);
    }
    if ((eh.e_shentsize || eh.e_shnum) &&
        (eh.e_shentsize != ELF32_SHDR_SIZE ||
         !elf32_range_ok(len, eh.e_shoff, (uint64_t)eh.e_shnum * ELF32_SHDR_SIZE))) {
        return rp_error_set(err, MDT_E_HEADER, -1,
                             "section header table (%u x %u bytes at 0x%x) outside "
                             "the %zu-byte file", eh.e_shnum, eh.e_shentsize,
                             eh.e_shoff, len);
    }
    if (eh.e_phnum > MBN_MAX_PHNUM) {
        return rp_error_set(err, MDT_E_HEADER, -1, "%u program headers, at most %d",
                             eh.e_phnum, MBN_MAX_PHNUM);
    }
    img->e_entry = eh.e_entry;
    img->phnum = eh.e_phnum;
    for (unsigned i = 0; i < img->phnum; i++) {
        Elf32Phdr ph;

        if (!elf32_phdr(fw, len, &eh, i, &ph)) {
            return rp_error_set(err, MDT_E_HEADER, i, "phdr %u not readable", i);
        }
        img->phdr[i] = mbn_phdr_from_elf(&ph);
    }
    for (unsigned i = 0; i < img->phnum; i++) {
        const MbnPhdr *p = &img->phdr[i];
        uint64_t end = ((uint64_t)p->paddr + p->memsz + PAGE_4K - 1) & ~(PAGE_4K - 1);

        if (i >= 1 && img->hash_index < 0 && is_hash(p)) {
            img->hash_index = i;
        }
        /* is_split(): any segment with file data beyond the end of the file */
        if (p->filesz && !elf32_range_ok(len, p->offset, p->filesz)) {
            img->split = true;
        }
        if (!mdt_phdr_loadable(img, i)) {
            continue;
        }
        img->relocatable |= (p->flags & MBN_FLAG_RELOCATABLE) != 0;
        if (!any || p->paddr < img->min_addr) {
            img->min_addr = p->paddr;
        }
        img->max_addr = MAX(img->max_addr, end);
        any = true;
    }
    rp_error_clear(err);
    return true;
}

uint8_t *mdt_read_metadata(const MdtImage *img, const uint8_t *fw, size_t len,
                           MdtSplitFn split, void *opaque, size_t *blob_len,
                           MdtError *err)
{
    const MbnPhdr *hash;
    size_t hdr_len;
    g_autofree uint8_t *blob = NULL;

    if (img->phnum < 2 || img->phdr[0].type == PT_LOAD) {
        rp_error_set(err, MDT_E_METADATA, 0, "%u program headers, phdr[0] %s",
                      img->phnum, img->phnum && img->phdr[0].type == PT_LOAD ?
                      "is PT_LOAD" : "present");
        return NULL;
    }
    if (img->hash_index < 0) {
        rp_error_set(err, MDT_E_METADATA, -1, "no hash segment found");
        return NULL;
    }
    hash = &img->phdr[img->hash_index];
    hdr_len = img->phdr[0].filesz;
    if (hdr_len > len) {
        rp_error_set(err, MDT_E_MISSING, 0, "phdr[0] p_filesz %zu beyond the %zu-byte "
                      "file", hdr_len, len);
        return NULL;
    }
    if (hash->filesz > MBN_MAX_BLOB || hdr_len > MBN_MAX_BLOB - hash->filesz) {
        rp_error_set(err, MDT_E_HEADER, img->hash_index, "metadata of %zu + %u bytes "
                      "exceeds %d", hdr_len, hash->filesz, MBN_MAX_BLOB);
        return NULL;
    }
    blob = g_malloc(hdr_len + hash->filesz);
    memcpy(blob, fw, hdr_len);
    if (hdr_len + hash->filesz == len) {
        memcpy(blob + hdr_len, fw + hdr_len, hash->filesz);
    } else if (elf32_range_ok(len, hash->offset, hash->filesz)) {
        memcpy(blob + hdr_len, fw + hash->offset, hash->filesz);
    } else if (!split) {
        rp_error_set(err, MDT_E_MISSING, img->hash_index, "hash segment (phdr %d, "
                      "%u bytes at 0x%x) beyond the %zu-byte file", img->hash_index,
                      hash->filesz, hash->offset, len);
        return NULL;
    } else if (!split(opaque, img->hash_index, blob + hdr_len, hash->filesz, err)) {
        return NULL;
    }
    *blob_len = hdr_len + hash->filesz;
    rp_error_clear(err);
    return g_steal_pointer(&blob);
}

bool mdt_load(const MdtImage *img, const uint8_t *fw, size_t len,
              MdtSplitFn split, void *opaque, MdtMem *mem,
              uint64_t mem_phys, uint64_t mem_size, uint64_t *reloc_base,
              MdtError *err)
{
    uint64_t mem_reloc = img->relocatable ? img->min_addr : mem_phys;

    for (unsigned i = 0; i < img->phnum; i++) {
        const MbnPhdr *p = &img->phdr[i];
        uint64_t offset = (uint64_t)p->paddr - mem_reloc;
        uint8_t *at;

        if (!mdt_phdr_loadable(img, i)) {
            continue;
        }
        /* the kernel's offset is signed: below mem_reloc wraps to huge here */
        if (p->paddr < mem_reloc || offset > mem_size || p->memsz > mem_size - offset) {
            return rp_error_set(err, MDT_E_RANGE, i, "segment %u (0x%x +0x%x) outside "
                                 "memory range [0x%" G_GINT64_MODIFIER "x +0x%"
                                 G_GINT64_MODIFIER "x)", i, p->paddr, p->memsz,
                                 mem_phys, mem_size);
        }
        if (p->filesz > p->memsz) {
            return rp_error_set(err, MDT_E_FILESZ, i, "segment %u: p_filesz 0x%x > "
                                 "p_memsz 0x%x", i, p->filesz, p->memsz);
        }
        at = mem_at(mem, mem_phys + offset, p->memsz);
        if (!at) {
            return rp_error_set(err, MDT_E_RANGE, i, "segment %u: memory at 0x%"
                                 G_GINT64_MODIFIER "x is not backed", i,
                                 mem_phys + offset);
        }
        if (!p->filesz) {
            /* nothing to read */
        } else if (!img->split) {
            memcpy(at, fw + p->offset, p->filesz);
        } else if (!split) {
            return rp_error_set(err, MDT_E_MISSING, i, "segment %u (%u bytes at 0x%x) "
                                 "beyond the %zu-byte file", i, p->filesz, p->offset,
                                 len);
        } else if (!split(opaque, i, at, p->filesz, err)) {
            return false;
        }
        memset(at + p->filesz, 0, p->memsz - p->filesz);
    }
    if (reloc_base) {
        *reloc_base = mem_reloc;
    }
    rp_error_clear(err);
    return true;
}
