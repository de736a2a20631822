/*
 * Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/) from the
 * unit-test fixture images: valid images in each MBN version, a relocatable
 * one and deliberately broken ones; for the ELF32 reader, the fixture ELF
 * and a small one with a symbol table. Run by hand when the image format
 * changes: gen-corpus DIR.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stdio.h>

#include "../unit/elf-fixture.h"
#include "../unit/image-fixture.h"

static void put_len(GByteArray *a, size_t n)
{
    uint8_t b[2] = { n & 0xff, n >> 8 };

    g_byte_array_append(a, b, 2);
}

static void call(GByteArray *a, uint8_t sel, uint64_t x2, uint64_t x3, uint64_t x4)
{
    uint8_t r[25] = { sel };

    for (int i = 0; i < 8; i++) {
        r[1 + i] = x2 >> (8 * i);
        r[9 + i] = x3 >> (8 * i);
        r[17 + i] = x4 >> (8 * i);
    }
    g_byte_array_append(a, r, sizeof(r));
}

/*
 * A small firmware-like ELF for the elf32 seeds: one PT_LOAD and the
 * sections a symbol lookup walks (null, .symtab with two symbols, .strtab).
 */
static GByteArray *symbols_elf(void)
{
    static const char strtab[] = "\0main\0crash_record\0";
    enum { PHOFF = 52, CODE = 0x60, SHOFF = 0x80, SYMTAB = SHOFF + 3 * 40,
           STRTAB = SYMTAB + 3 * 16, SIZE = STRTAB + sizeof(strtab) };
    static const Elf32Phdr ph = {
        .p_type = PT_LOAD, .p_offset = CODE, .p_vaddr = 0x1000, .p_paddr = 0x86100000,
        .p_filesz = 0x20, .p_memsz = 0x100, .p_flags = PF_R | PF_X, .p_align = 4,
    };
    static const Elf32Shdr sh[3] = {
        { 0 },
        { .sh_type = SHT_SYMTAB, .sh_offset = SYMTAB, .sh_size = 3 * 16, .sh_link = 2,
          .sh_entsize = 16 },
        { .sh_type = SHT_STRTAB, .sh_offset = STRTAB, .sh_size = sizeof(strtab) },
    };
    static const Elf32Sym sym[3] = {
        { 0 },
        { .st_name = 1, .st_value = 0x1001, .st_size = 0x20, .st_info = STT_FUNC },
        { .st_name = 6, .st_value = 0x1080, .st_size = 196, .st_info = STT_OBJECT },
    };
    const FxElfSpec spec = {
        .size = SIZE, .type = ET_EXEC, .machine = EM_ARM, .entry = 0x1001,
        .phoff = PHOFF, .ph = &ph, .phnum = 1, .shoff = SHOFF, .sh = sh, .shnum = 3,
        .shstrndx = 2, .sym = sym, .nsym = 3, .strtab = strtab, .strtab_len = sizeof(strtab),
    };

    return fx_elf_build(&spec);
}

static void write_elf32_seeds(const char *dir)
{
    g_autoptr(GByteArray) fixture = fx_default_elf();
    g_autoptr(GByteArray) symbols = symbols_elf();
    g_autofree char *f1 = g_strdup_printf("%s/elf32/fixture.elf", dir);
    g_autofree char *f2 = g_strdup_printf("%s/elf32/symbols.elf", dir);

    g_assert(g_file_set_contents(f1, (char *)fixture->data, fixture->len, NULL));
    g_assert(g_file_set_contents(f2, (char *)symbols->data, symbols->len, NULL));
    printf("%s, %s\n", f1, f2);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        MbnBuildOptions o;
    } kinds[] = {
        { "v6", { .version = 6 } },
        { "v5", { .version = 5 } },
        { "v3", { .version = 3 } },
        { "relocatable", { .relocatable = true } },
        { "tampered", { .tamper_segment = true } },
        { "truncated", { .truncate_hash_segment = true } },
        { "wrong-key", { .key_id = 2 } },
    };
    const char *dir = argc > 1 ? argv[1] : "corpus";

    for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
        MbnImage img;
        FxMem mem;
        g_autofree char *mbn = g_strdup_printf("%s/mbn/%s.mdt", dir, kinds[k].name);
        g_autofree char *scm = g_strdup_printf("%s/scm/%s.bin", dir, kinds[k].name);
        g_autoptr(GByteArray) seed = g_byte_array_new();
        uint8_t carve[0x3000];

        fx_pack(&img, &kinds[k].o);
        fx_mem_init(&mem);
        fx_load(&mem, &img);
        g_assert(fx_mem_read(&mem, FX_CARVEOUT_BASE, carve, sizeof(carve)));
        g_assert(g_file_set_contents(mbn, (char *)img.mdt->data, img.mdt->len, NULL));

        put_len(seed, img.mdt->len);
        g_byte_array_append(seed, img.mdt->data, img.mdt->len);
        put_len(seed, sizeof(carve));
        g_byte_array_append(seed, carve, sizeof(carve));
        /* selectors index the fns[] table of fuzz-scm.c: 7 INIT, 8 MEM_SETUP, 9 AUTH, 10 SHUTDOWN */
        call(seed, 0, 0, 0, 0);
        call(seed, 7, 0, 0, 0);
        call(seed, 8, 0, 0, 0);
        call(seed, 9, 0, 0, 0);
        call(seed, 10, 0, 0, 0);
        g_assert(g_file_set_contents(scm, (char *)seed->data, seed->len, NULL));
        mbn_image_clear(&img);
        fx_mem_free(&mem);
        printf("%s, %s\n", mbn, scm);
    }
    write_elf32_seeds(dir);
    return 0;
}
