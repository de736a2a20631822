/*
 * libFuzzer target: the bounded ELF32 reader (models/elf32.c) on arbitrary
 * bytes. Walks everything a caller would (header, both tables, segment
 * and section bytes, symbols and their names), touching each byte the
 * reader hands out so ASan sees any that lie outside the input. The table
 * accessors are also driven with a header taken straight from the fuzz
 * input, unchecked: they must be safe without elf32_check_*() too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elf32.h"

#define MAX_SYMS    4096    /* per table: enough to cover, bounded run time */

static volatile uint8_t sink;

/* Read the first and last byte of [off, off + size) if the reader says it is in */
static void touch(const uint8_t *data, size_t size, uint32_t off, uint32_t len)
{
    if (elf32_range_ok(size, off, len) && len) {
        sink ^= data[off] ^ data[off + len - 1];
    }
}

static void walk_symbols(const uint8_t *data, size_t size, const Elf32Header *eh,
                         const Elf32Shdr *symtab)
{
    Elf32Shdr strtab;
    bool have_str = elf32_shdr(data, size, eh, symtab->sh_link, &strtab);
    unsigned n = elf32_sym_count(symtab);

    for (unsigned k = 0; k < n && k < MAX_SYMS; k++) {
        Elf32Sym sym;
        const char *s;
        size_t len;

        if (!elf32_sym(data, size, symtab, k, &sym)) {
            break;
        }
        sink ^= elf32_st_type(sym.st_info);
        if (have_str && (s = elf32_str(data, size, &strtab, sym.st_name, &len))) {
            if ((const uint8_t *)s < data || (const uint8_t *)s + len > data + size) {
                abort();
            }
            for (size_t i = 0; i < len; i++) {
                sink ^= s[i];
            }
        }
    }
}

static void walk(const uint8_t *data, size_t size, const Elf32Header *eh)
{
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf32Phdr ph;

        if (elf32_phdr(data, size, eh, i, &ph)) {
            touch(data, size, ph.p_offset, ph.p_filesz);
        }
    }
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        Elf32Shdr sh;

        if (!elf32_shdr(data, size, eh, i, &sh)) {
            continue;
        }
        touch(data, size, sh.sh_offset, sh.sh_size);
        if (sh.sh_type == SHT_SYMTAB) {
            walk_symbols(data, size, eh, &sh);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Elf32Header eh;
    uint8_t out[ELF32_EHDR_SIZE];
    char err[160] = "";

    if (elf32_parse_header(data, size, &eh, err, sizeof(err))) {
        /* the writer must give back the bytes that were read */
        elf32_put_header(out, &eh);
        if (memcmp(out, data, ELF32_EHDR_SIZE) != 0) {
            abort();
        }
        if (elf32_check_phdrs(size, &eh, err, sizeof(err)) &&
            elf32_check_shdrs(size, &eh, err, sizeof(err))) {
            walk(data, size, &eh);
        }
    }
    if (strnlen(err, sizeof(err)) == sizeof(err)) {
        abort();            /* the error text must stay terminated */
    }

    /* a header straight from the input: no checks done */
    if (size >= sizeof(eh)) {
        memcpy(&eh, data, sizeof(eh));
        walk(data, size, &eh);
    }
    return 0;
}
