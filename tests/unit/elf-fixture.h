/*
 * Test fixture: ELF32 files laid out by hand, written with the writer of
 * models/elf32.h. The one ELF builder of the tests: the elf32 and coredump
 * unit tests, the PAS image fixture and the fuzz seed corpus use it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TESTS_ELF_FIXTURE_H
#define RPROCSIM_TESTS_ELF_FIXTURE_H

#include <glib.h>

#include "elf32.h"

/*
 * What goes where. The header gets elf32_header_init()'s identification
 * and the table fields from here (the entry size of a non-empty table is
 * the standard one, of an empty table 0); the program headers are written at
 * @phoff, the section headers at @shoff; @sym at the offset of the first
 * SHT_SYMTAB section and @strtab at the offset of that section's sh_link
 * section. Everything else is zero, up to @size bytes.
 */
typedef struct FxElfSpec {
    size_t size;
    uint16_t type;              /* ET_EXEC, ET_CORE */
    uint16_t machine;
    uint32_t entry, flags;
    uint32_t phoff;
    const Elf32Phdr *ph;
    unsigned phnum;
    uint32_t shoff;
    const Elf32Shdr *sh;
    unsigned shnum, shstrndx;
    const Elf32Sym *sym;
    unsigned nsym;
    const char *strtab;         /* with its NULs: @strtab_len bytes */
    size_t strtab_len;
} FxElfSpec;

/*
 * The file @spec describes (caller frees). Aborts the test program if a
 * table does not fit in @size bytes: a fixture bug, not a test result.
 */
GByteArray *fx_elf_build(const FxElfSpec *spec);

#endif /* RPROCSIM_TESTS_ELF_FIXTURE_H */
