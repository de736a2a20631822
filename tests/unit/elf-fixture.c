/*
 * Test fixture: ELF32 files laid out by hand.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "elf-fixture.h"

/* @n entries of @entsize bytes at @off must fit in the file */
static void check_fits(const FxElfSpec *spec, uint64_t off, uint64_t n, uint64_t entsize)
{
    g_assert(elf32_range_ok(spec->size, off, n * entsize));
}

GByteArray *fx_elf_build(const FxElfSpec *spec)
{
    GByteArray *a = g_byte_array_sized_new(spec->size);
    Elf32Header eh;
    const Elf32Shdr *symtab = NULL;

    g_byte_array_set_size(a, spec->size);
    memset(a->data, 0, spec->size);
    elf32_header_init(&eh, spec->type, spec->machine);
    eh.e_entry = spec->entry;
    eh.e_flags = spec->flags;
    eh.e_phoff = spec->phoff;
    eh.e_phentsize = spec->phnum ? ELF32_PHDR_SIZE : 0;
    eh.e_phnum = spec->phnum;
    eh.e_shoff = spec->shoff;
    eh.e_shentsize = spec->shnum ? ELF32_SHDR_SIZE : 0;
    eh.e_shnum = spec->shnum;
    eh.e_shstrndx = spec->shstrndx;
    check_fits(spec, 0, 1, ELF32_EHDR_SIZE);
    elf32_put_header(a->data, &eh);

    check_fits(spec, spec->phoff, spec->phnum, ELF32_PHDR_SIZE);
    for (unsigned i = 0; i < spec->phnum; i++) {
        elf32_put_phdr(a->data + spec->phoff + ELF32_PHDR_SIZE * i, &spec->ph[i]);
    }
    check_fits(spec, spec->shoff, spec->shnum, ELF32_SHDR_SIZE);
    for (unsigned i = 0; i < spec->shnum; i++) {
        elf32_put_shdr(a->data + spec->shoff + ELF32_SHDR_SIZE * i, &spec->sh[i]);
        if (!symtab && spec->sh[i].sh_type == SHT_SYMTAB) {
            symtab = &spec->sh[i];
        }
    }
    if (symtab && spec->nsym) {
        check_fits(spec, symtab->sh_offset, spec->nsym, ELF32_SYM_SIZE);
        for (unsigned i = 0; i < spec->nsym; i++) {
            elf32_put_sym(a->data + symtab->sh_offset + ELF32_SYM_SIZE * i, &spec->sym[i]);
        }
    }
    if (symtab && spec->strtab_len) {
        const Elf32Shdr *str = &spec->sh[symtab->sh_link];

        g_assert(symtab->sh_link < spec->shnum);
        check_fits(spec, str->sh_offset, 1, spec->strtab_len);
        memcpy(a->data + str->sh_offset, spec->strtab, spec->strtab_len);
    }
    return a;
}
