/*
 * rprocsim models: bounded ELF32 little-endian reader and writer (see
 * elf32.h). Field offsets: System V ABI, "ELF Header", "Program Header",
 * "Sections", "Symbol Table" (Elf32_Ehdr, Elf32_Phdr, Elf32_Shdr,
 * Elf32_Sym in include/uapi/linux/elf.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "elf32.h"
#include "rprocsim/bytes.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool elf32_range_ok(size_t len, uint64_t off, uint64_t size)
{
    return off <= len && size <= len - off;
}

bool elf32_parse_header(const uint8_t *buf, size_t len, Elf32Header *eh,
                        char *err, size_t errlen)
{
    if (len < 4 || memcmp(buf, "\177ELF", 4) != 0) {
        return fail(err, errlen, "not an ELF file (no \\177ELF magic)");
    }
    if (len < ELF32_EHDR_SIZE) {
        return fail(err, errlen, "the %zu-byte file is shorter than the %d-byte ELF32 header",
                    len, ELF32_EHDR_SIZE);
    }
    if (buf[EI_CLASS] != ELFCLASS32) {
        return fail(err, errlen, "not a 32-bit ELF file (EI_CLASS %u, want ELFCLASS32 = 1)",
                    buf[EI_CLASS]);
    }
    if (buf[EI_DATA] != ELFDATA2LSB) {
        return fail(err, errlen, "not a little-endian ELF file (EI_DATA %u, want "
                    "ELFDATA2LSB = 1)", buf[EI_DATA]);
    }
    if (buf[EI_VERSION] != EV_CURRENT) {
        return fail(err, errlen, "unknown ELF version (EI_VERSION %u, want EV_CURRENT = 1)",
                    buf[EI_VERSION]);
    }
    memcpy(eh->e_ident, buf, EI_NIDENT);
    eh->e_type = rp_le16(buf + 16);
    eh->e_machine = rp_le16(buf + 18);
    eh->e_version = rp_le32(buf + 20);
    eh->e_entry = rp_le32(buf + 24);
    eh->e_phoff = rp_le32(buf + 28);
    eh->e_shoff = rp_le32(buf + 32);
    eh->e_flags = rp_le32(buf + 36);
    eh->e_ehsize = rp_le16(buf + 40);
    eh->e_phentsize = rp_le16(buf + 42);
    eh->e_phnum = rp_le16(buf + 44);
    eh->e_shentsize = rp_le16(buf + 46);
    eh->e_shnum = rp_le16(buf + 48);
    eh->e_shstrndx = rp_le16(buf + 50);
    if (eh->e_ehsize < ELF32_EHDR_SIZE || eh->e_ehsize > len) {
        return fail(err, errlen, "e_ehsize %u: the ELF32 header is %d bytes, the file %zu",
                    eh->e_ehsize, ELF32_EHDR_SIZE, len);
    }
    return true;
}

/* Shared by the program and section header table checks */
static bool check_table(size_t len, const char *what, uint32_t off, unsigned num,
                        unsigned entsize, unsigned want, const char *field,
                        char *err, size_t errlen)
{
    if (num == 0) {
        return true;
    }
    if (entsize != want) {
        return fail(err, errlen, "%s entries of %u bytes (%s), want %u", what, entsize,
                    field, want);
    }
    if (!elf32_range_ok(len, off, (uint64_t)num * want)) {
        return fail(err, errlen, "%s (offset 0x%x, %u entries of %u bytes) runs past the "
                    "end of the %zu-byte file", what, off, num, want, len);
    }
    return true;
}

bool elf32_check_phdrs(size_t len, const Elf32Header *eh, char *err, size_t errlen)
{
    return check_table(len, "program header table", eh->e_phoff, eh->e_phnum,
                       eh->e_phentsize, ELF32_PHDR_SIZE, "e_phentsize", err, errlen);
}

bool elf32_check_shdrs(size_t len, const Elf32Header *eh, char *err, size_t errlen)
{
    return check_table(len, "section header table", eh->e_shoff, eh->e_shnum,
                       eh->e_shentsize, ELF32_SHDR_SIZE, "e_shentsize", err, errlen);
}

/*
 * Start of entry @i of a table at @off, or NULL if it is not there. The
 * sum is 64-bit: 0xffffffff + 0xffff * 40 does not wrap.
 */
static const uint8_t *entry(const uint8_t *buf, size_t len, uint64_t off, unsigned i,
                            unsigned num, unsigned entsize)
{
    uint64_t at = off + (uint64_t)i * entsize;

    if (i >= num || !elf32_range_ok(len, at, entsize)) {
        return NULL;
    }
    return buf + at;
}

/* The @n little-endian 32-bit words at @p, in file order, into @fields */
static void get_words(const uint8_t *p, uint32_t *const fields[], unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        *fields[i] = rp_le32(p + 4 * i);
    }
}

/* @n 32-bit words to @p, little-endian, in file order */
static void put_words(uint8_t *p, const uint32_t words[], unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        rp_put_le32(p + 4 * i, words[i]);
    }
}

/*
 * Record @i of the table at @off (@num entries of @entsize bytes, which
 * must be @want) into @fields, its 32-bit words in file order. False if
 * the entry size is wrong or the record is not in the buffer.
 */
static bool record(const uint8_t *buf, size_t len, uint64_t off, unsigned i, unsigned num,
                   unsigned entsize, unsigned want, uint32_t *const fields[], unsigned n)
{
    const uint8_t *p = entsize == want ? entry(buf, len, off, i, num, entsize) : NULL;

    if (!p) {
        return false;
    }
    get_words(p, fields, n);
    return true;
}

bool elf32_phdr(const uint8_t *buf, size_t len, const Elf32Header *eh, unsigned i,
                Elf32Phdr *ph)
{
    return record(buf, len, eh->e_phoff, i, eh->e_phnum, eh->e_phentsize, ELF32_PHDR_SIZE,
                  (uint32_t *const[]){ &ph->p_type, &ph->p_offset, &ph->p_vaddr,
                                       &ph->p_paddr, &ph->p_filesz, &ph->p_memsz,
                                       &ph->p_flags, &ph->p_align }, 8);
}

bool elf32_shdr(const uint8_t *buf, size_t len, const Elf32Header *eh, unsigned i,
                Elf32Shdr *sh)
{
    return record(buf, len, eh->e_shoff, i, eh->e_shnum, eh->e_shentsize, ELF32_SHDR_SIZE,
                  (uint32_t *const[]){ &sh->sh_name, &sh->sh_type, &sh->sh_flags,
                                       &sh->sh_addr, &sh->sh_offset, &sh->sh_size,
                                       &sh->sh_link, &sh->sh_info, &sh->sh_addralign,
                                       &sh->sh_entsize }, 10);
}

unsigned elf32_sym_count(const Elf32Shdr *symtab)
{
    return symtab->sh_size / ELF32_SYM_SIZE;
}

bool elf32_sym(const uint8_t *buf, size_t len, const Elf32Shdr *symtab, unsigned i,
               Elf32Sym *sym)
{
    const uint8_t *p = entry(buf, len, symtab->sh_offset, i, elf32_sym_count(symtab),
                             ELF32_SYM_SIZE);

    if (!p) {
        return false;
    }
    sym->st_name = rp_le32(p);
    sym->st_value = rp_le32(p + 4);
    sym->st_size = rp_le32(p + 8);
    sym->st_info = p[12];
    sym->st_other = p[13];
    sym->st_shndx = rp_le16(p + 14);
    return true;
}

const char *elf32_str(const uint8_t *buf, size_t len, const Elf32Shdr *strtab,
                      uint32_t off, size_t *n)
{
    const uint8_t *s, *nul;
    size_t room;

    if (!elf32_range_ok(len, strtab->sh_offset, strtab->sh_size) ||
        off >= strtab->sh_size) {
        return NULL;
    }
    s = buf + strtab->sh_offset + off;
    room = strtab->sh_size - off;
    nul = memchr(s, '\0', room);
    *n = nul ? (size_t)(nul - s) : room;
    return (const char *)s;
}

void elf32_header_init(Elf32Header *eh, uint16_t type, uint16_t machine)
{
    memset(eh, 0, sizeof(*eh));
    memcpy(eh->e_ident, "\177ELF", 4);
    eh->e_ident[EI_CLASS] = ELFCLASS32;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = machine;
    eh->e_version = EV_CURRENT;
    eh->e_ehsize = ELF32_EHDR_SIZE;
}

void elf32_put_header(uint8_t *buf, const Elf32Header *eh)
{
    memcpy(buf, eh->e_ident, EI_NIDENT);
    rp_put_le16(buf + 16, eh->e_type);
    rp_put_le16(buf + 18, eh->e_machine);
    rp_put_le32(buf + 20, eh->e_version);
    rp_put_le32(buf + 24, eh->e_entry);
    rp_put_le32(buf + 28, eh->e_phoff);
    rp_put_le32(buf + 32, eh->e_shoff);
    rp_put_le32(buf + 36, eh->e_flags);
    rp_put_le16(buf + 40, eh->e_ehsize);
    rp_put_le16(buf + 42, eh->e_phentsize);
    rp_put_le16(buf + 44, eh->e_phnum);
    rp_put_le16(buf + 46, eh->e_shentsize);
    rp_put_le16(buf + 48, eh->e_shnum);
    rp_put_le16(buf + 50, eh->e_shstrndx);
}

void elf32_put_phdr(uint8_t *buf, const Elf32Phdr *ph)
{
    put_words(buf, (const uint32_t[]){ ph->p_type, ph->p_offset, ph->p_vaddr,
                                       ph->p_paddr, ph->p_filesz, ph->p_memsz,
                                       ph->p_flags, ph->p_align }, 8);
}

void elf32_put_shdr(uint8_t *buf, const Elf32Shdr *sh)
{
    put_words(buf, (const uint32_t[]){ sh->sh_name, sh->sh_type, sh->sh_flags,
                                       sh->sh_addr, sh->sh_offset, sh->sh_size,
                                       sh->sh_link, sh->sh_info, sh->sh_addralign,
                                       sh->sh_entsize }, 10);
}

void elf32_put_sym(uint8_t *buf, const Elf32Sym *sym)
{
    rp_put_le32(buf, sym->st_name);
    rp_put_le32(buf + 4, sym->st_value);
    rp_put_le32(buf + 8, sym->st_size);
    buf[12] = sym->st_info;
    buf[13] = sym->st_other;
    rp_put_le16(buf + 14, sym->st_shndx);
}
