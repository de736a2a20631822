/*
 * Unit tests: the bounded ELF32 reader and writer (models/elf32.c).
 * Synthetic files built with the writer, then damaged one field at a
 * time; the reader must refuse each with a reason, and never read outside
 * the buffer (the fuzzer, tests/fuzz/fuzz-elf32.c, checks that under ASan
 * for arbitrary inputs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "elf-fixture.h"

/*
 * The test file, 0x200 bytes:
 *   0x000 ELF header, 0x034 two phdrs (PT_LOAD, PT_NULL)
 *   0x100 four section headers: null, .symtab, .strtab, .text (PROGBITS)
 *   0x1a0 .symtab: 3 symbols (undefined, "main" FUNC, "data" OBJECT)
 *   0x1d0 .strtab
 */
#define FILE_SIZE   0x200
#define SHOFF       0x100
#define SYMTAB_OFF  0x1a0
#define STRTAB_OFF  0x1d0

static const char strtab[] = "\0main\0data\0";

static GByteArray *test_file(void)
{
    static const Elf32Phdr ph[2] = {
        { .p_type = PT_LOAD, .p_offset = 0x80, .p_vaddr = 0x1000, .p_paddr = 0x86100000,
          .p_filesz = 0x20, .p_memsz = 0x40, .p_flags = PF_R | PF_X, .p_align = 4 },
        { .p_type = PT_NULL },
    };
    static const Elf32Shdr sh[4] = {
        { 0 },
        { .sh_type = SHT_SYMTAB, .sh_offset = SYMTAB_OFF, .sh_size = 3 * ELF32_SYM_SIZE,
          .sh_link = 2, .sh_entsize = ELF32_SYM_SIZE },
        { .sh_type = SHT_STRTAB, .sh_offset = STRTAB_OFF, .sh_size = sizeof(strtab) },
        { .sh_type = SHT_PROGBITS, .sh_addr = 0x1000, .sh_offset = 0x80, .sh_size = 0x20 },
    };
    static const Elf32Sym sym[3] = {
        { 0 },
        { .st_name = 1, .st_value = 0x1001, .st_size = 0x20, .st_info = STT_FUNC,
          .st_shndx = 3 },
        { .st_name = 6, .st_value = 0x2000, .st_size = 4, .st_info = 0x10 | STT_OBJECT,
          .st_other = 2, .st_shndx = 0xfff1 },
    };
    const FxElfSpec spec = {
        .size = FILE_SIZE, .type = ET_EXEC, .machine = EM_ARM, .entry = 0x1001,
        .flags = 0x5000200, .phoff = ELF32_EHDR_SIZE, .ph = ph, .phnum = 2,
        .shoff = SHOFF, .sh = sh, .shnum = 4, .shstrndx = 2, .sym = sym, .nsym = 3,
        .strtab = strtab, .strtab_len = sizeof(strtab),
    };

    return fx_elf_build(&spec);
}

/* Parse @a's header and both tables; the error text in @err */
static bool parse_all(const GByteArray *a, Elf32Header *eh, char *err, size_t errlen)
{
    return elf32_parse_header(a->data, a->len, eh, err, errlen) &&
           elf32_check_phdrs(a->len, eh, err, errlen) &&
           elf32_check_shdrs(a->len, eh, err, errlen);
}

/* Each test's copy of the test file and its header, parsed (checked fixture) */
static GByteArray *elf;
static Elf32Header eh;

static void elf_setup(void)
{
    elf = test_file();
    ck_assert(elf32_parse_header(elf->data, elf->len, &eh, NULL, 0));
}

static void elf_teardown(void)
{
    g_clear_pointer(&elf, g_byte_array_unref);
}

START_TEST(valid_file_reads_back)
{
    Elf32Phdr ph;
    Elf32Shdr sh, str;
    Elf32Sym sym;
    const char *s;
    size_t n;
    char err[160] = "";

    ck_assert_msg(parse_all(elf, &eh, err, sizeof(err)), "%s", err);
    ck_assert_mem_eq(eh.e_ident, "\177ELF\1\1\1", 7);
    ck_assert_uint_eq(eh.e_type, ET_EXEC);
    ck_assert_uint_eq(eh.e_machine, EM_ARM);
    ck_assert_uint_eq(eh.e_version, EV_CURRENT);
    ck_assert_uint_eq(eh.e_entry, 0x1001);
    ck_assert_uint_eq(eh.e_phoff, ELF32_EHDR_SIZE);
    ck_assert_uint_eq(eh.e_shoff, SHOFF);
    ck_assert_uint_eq(eh.e_flags, 0x5000200);
    ck_assert_uint_eq(eh.e_ehsize, ELF32_EHDR_SIZE);
    ck_assert_uint_eq(eh.e_phentsize, ELF32_PHDR_SIZE);
    ck_assert_uint_eq(eh.e_phnum, 2);
    ck_assert_uint_eq(eh.e_shentsize, ELF32_SHDR_SIZE);
    ck_assert_uint_eq(eh.e_shnum, 4);
    ck_assert_uint_eq(eh.e_shstrndx, 2);

    ck_assert(elf32_phdr(elf->data, elf->len, &eh, 0, &ph));
    ck_assert_uint_eq(ph.p_type, PT_LOAD);
    ck_assert_uint_eq(ph.p_offset, 0x80);
    ck_assert_uint_eq(ph.p_vaddr, 0x1000);
    ck_assert_uint_eq(ph.p_paddr, 0x86100000);
    ck_assert_uint_eq(ph.p_filesz, 0x20);
    ck_assert_uint_eq(ph.p_memsz, 0x40);
    ck_assert_uint_eq(ph.p_flags, PF_R | PF_X);
    ck_assert_uint_eq(ph.p_align, 4);
    ck_assert(elf32_range_ok(elf->len, ph.p_offset, ph.p_filesz));
    ck_assert(elf32_phdr(elf->data, elf->len, &eh, 1, &ph));
    ck_assert_uint_eq(ph.p_type, PT_NULL);

    ck_assert(elf32_shdr(elf->data, elf->len, &eh, 1, &sh));
    ck_assert_uint_eq(sh.sh_type, SHT_SYMTAB);
    ck_assert_uint_eq(sh.sh_link, 2);
    ck_assert_uint_eq(sh.sh_entsize, ELF32_SYM_SIZE);
    ck_assert_uint_eq(elf32_sym_count(&sh), 3);
    ck_assert(elf32_shdr(elf->data, elf->len, &eh, sh.sh_link, &str));
    ck_assert_uint_eq(str.sh_type, SHT_STRTAB);

    ck_assert(elf32_sym(elf->data, elf->len, &sh, 1, &sym));
    ck_assert_uint_eq(sym.st_value, 0x1001);
    ck_assert_uint_eq(sym.st_size, 0x20);
    ck_assert_uint_eq(elf32_st_type(sym.st_info), STT_FUNC);
    ck_assert_uint_eq(sym.st_shndx, 3);
    s = elf32_str(elf->data, elf->len, &str, sym.st_name, &n);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(n, 4);
    ck_assert_mem_eq(s, "main", 4);
    ck_assert(elf32_sym(elf->data, elf->len, &sh, 2, &sym));
    ck_assert_uint_eq(elf32_st_type(sym.st_info), STT_OBJECT);
    ck_assert_uint_eq(sym.st_info >> 4, 1);
    ck_assert_uint_eq(sym.st_other, 2);
    ck_assert_uint_eq(sym.st_shndx, 0xfff1);
}
END_TEST

START_TEST(writer_is_the_reader_inverse)
{
    uint8_t b[ELF32_EHDR_SIZE];
    Elf32Header w, back;

    elf32_header_init(&w, ET_CORE, EM_NONE);
    ck_assert_uint_eq(w.e_ehsize, ELF32_EHDR_SIZE);
    w.e_entry = 0xdeadbeef;
    w.e_shstrndx = 0xabcd;
    elf32_put_header(b, &w);
    ck_assert_uint_eq(rp_le32(b + 24), 0xdeadbeef);    /* e_entry, ELF spec offset */
    ck_assert_uint_eq(rp_le16(b + 50), 0xabcd);        /* e_shstrndx */
    ck_assert(elf32_parse_header(b, sizeof(b), &back, NULL, 0));
    ck_assert_mem_eq(&back, &w, sizeof(w));
}
END_TEST

/* Files shorter than the header, or without the magic */
START_TEST(truncated_file_is_refused)
{
    static const size_t lens[] = { 0, 3, 4, 51 };
    char err[160] = "";

    ck_assert(!elf32_parse_header(elf->data, lens[_i], &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, lens[_i] < 4 ? "not an ELF file" : "shorter than the 52-byte"),
                  "%s", err);
}
END_TEST

/* One identification or header-size defect per iteration */
START_TEST(bad_identification_is_refused)
{
    static const struct {
        unsigned off;
        uint8_t val;
        const char *why;
    } cases[] = {
        { 0, 0x7e, "not an ELF file" },
        { EI_CLASS, 2, "EI_CLASS 2" },                  /* ELFCLASS64 */
        { EI_CLASS, 0, "EI_CLASS 0" },
        { EI_DATA, 2, "EI_DATA 2" },                    /* big-endian */
        { EI_VERSION, 0, "EI_VERSION 0" },
        { 40, 51, "e_ehsize 51" },                      /* e_ehsize too small */
        { 41, 0x02, "e_ehsize 564" },                   /* e_ehsize past the end */
    };
    char err[160] = "";

    elf->data[cases[_i].off] = cases[_i].val;
    ck_assert(!elf32_parse_header(elf->data, elf->len, &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, cases[_i].why), "case %d: %s", _i, err);
}
END_TEST

START_TEST(tables_outside_the_file_are_refused)
{
    Elf32Phdr ph;
    Elf32Shdr sh;
    char err[200] = "";

    ck_assert(elf32_parse_header(elf->data, 100, &eh, NULL, 0));
    /* the example of the documentation: a 100-byte file holds 1 of 2 phdrs */
    ck_assert(!elf32_check_phdrs(100, &eh, err, sizeof(err)));
    ck_assert_str_eq(err, "program header table (offset 0x34, 2 entries of 32 bytes) "
                     "runs past the end of the 100-byte file");
    ck_assert(elf32_phdr(elf->data, 100, &eh, 0, &ph));
    ck_assert(!elf32_phdr(elf->data, 100, &eh, 1, &ph));

    ck_assert(elf32_parse_header(elf->data, elf->len, &eh, NULL, 0));
    eh.e_shoff = FILE_SIZE - 4 * ELF32_SHDR_SIZE + 1;
    ck_assert(!elf32_check_shdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, "section header table (offset 0x161, 4 entries of 40 bytes)"),
                  "%s", err);
    ck_assert(!elf32_shdr(elf->data, elf->len, &eh, 3, &sh));
    eh.e_shoff = FILE_SIZE - 4 * ELF32_SHDR_SIZE;              /* exactly at the end */
    ck_assert(elf32_check_shdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert(elf32_shdr(elf->data, elf->len, &eh, 3, &sh));
    ck_assert(!elf32_shdr(elf->data, elf->len, &eh, 4, &sh));     /* index past e_shnum */
}
END_TEST

/* e_phoff + e_phnum * e_phentsize must not wrap in 32 bits */
START_TEST(table_offset_overflow_is_refused)
{
    Elf32Phdr ph;
    Elf32Shdr sh;
    char err[200] = "";

    eh.e_phoff = 0xffffffe0;
    eh.e_phnum = 0xffff;
    ck_assert(!elf32_check_phdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, "offset 0xffffffe0, 65535 entries"), "%s", err);
    ck_assert(!elf32_phdr(elf->data, elf->len, &eh, 0, &ph));
    ck_assert(!elf32_phdr(elf->data, elf->len, &eh, 0xfffe, &ph));
    /* 0xffffffe0 + 1 * 32 is 0 in 32 bits: a wrapped sum would point at the header */
    ck_assert(!elf32_phdr(elf->data, elf->len, &eh, 1, &ph));

    eh.e_shoff = 0xffffffff;
    ck_assert(!elf32_check_shdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert(!elf32_shdr(elf->data, elf->len, &eh, 0, &sh));

    ck_assert(elf32_range_ok(10, 10, 0));
    ck_assert(elf32_range_ok(10, 0, 10));
    ck_assert(!elf32_range_ok(10, 11, 0));
    ck_assert(!elf32_range_ok(10, 1, 10));
    ck_assert(!elf32_range_ok(10, 0xffffffff, 0xffffffff));
    ck_assert(!elf32_range_ok(10, 2, UINT64_MAX));
    ck_assert(!elf32_range_ok(SIZE_MAX, 1, SIZE_MAX));
}
END_TEST

START_TEST(wrong_entry_size_is_refused)
{
    Elf32Phdr ph;
    Elf32Shdr sh;
    char err[200] = "";

    eh.e_phentsize = 56;                                /* an ELF64 phdr */
    ck_assert(!elf32_check_phdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, "entries of 56 bytes (e_phentsize), want 32"), "%s", err);
    ck_assert(!elf32_phdr(elf->data, elf->len, &eh, 0, &ph));
    eh.e_shentsize = 64;
    ck_assert(!elf32_check_shdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert_msg(strstr(err, "(e_shentsize), want 40"), "%s", err);
    ck_assert(!elf32_shdr(elf->data, elf->len, &eh, 0, &sh));

    /* without entries, neither the size nor the offset matters */
    eh.e_phnum = 0;
    eh.e_phoff = 0xffffffff;
    ck_assert(elf32_check_phdrs(elf->len, &eh, err, sizeof(err)));
    ck_assert(!elf32_phdr(elf->data, elf->len, &eh, 0, &ph));
}
END_TEST

START_TEST(symbol_reads_out_of_range_fail)
{
    Elf32Shdr sh, str;
    Elf32Sym sym = { .st_name = 0x5a5a };
    const char *s;
    size_t n;

    ck_assert(parse_all(elf, &eh, NULL, 0));
    ck_assert(elf32_shdr(elf->data, elf->len, &eh, 1, &sh));
    ck_assert(elf32_shdr(elf->data, elf->len, &eh, 2, &str));
    ck_assert(!elf32_sym(elf->data, elf->len, &sh, 3, &sym));      /* past sh_size */
    ck_assert(!elf32_sym(elf->data, elf->len, &sh, UINT32_MAX, &sym));
    ck_assert_uint_eq(sym.st_name, 0x5a5a);                    /* untouched */

    sh.sh_size = 0xfffffff0;                                    /* a huge table */
    ck_assert(elf32_sym(elf->data, elf->len, &sh, 2, &sym));
    ck_assert(!elf32_sym(elf->data, elf->len, &sh, (FILE_SIZE - SYMTAB_OFF) / ELF32_SYM_SIZE,
                         &sym));
    sh.sh_offset = 0xfffffff8;                                  /* offset + 16 wraps */
    ck_assert(!elf32_sym(elf->data, elf->len, &sh, 0, &sym));
    sh.sh_offset = FILE_SIZE - 8;                               /* half an entry */
    ck_assert(!elf32_sym(elf->data, elf->len, &sh, 0, &sym));

    /* strings: bounded by the section, terminated or not */
    ck_assert_ptr_null(elf32_str(elf->data, elf->len, &str, sizeof(strtab), &n));
    ck_assert_ptr_null(elf32_str(elf->data, elf->len, &str, UINT32_MAX, &n));
    str.sh_size = 3;                                            /* cuts "main" */
    s = elf32_str(elf->data, elf->len, &str, 1, &n);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(n, 2);
    str.sh_offset = FILE_SIZE - 2;
    ck_assert_ptr_null(elf32_str(elf->data, elf->len, &str, 0, &n));
    str.sh_offset = 0xffffffff;
    ck_assert_ptr_null(elf32_str(elf->data, elf->len, &str, 0, &n));
}
END_TEST

START_TEST(error_text_is_bounded)
{
    char err[8];

    memset(err, 'x', sizeof(err));
    elf->data[EI_DATA] = 2;
    ck_assert(!elf32_parse_header(elf->data, elf->len, &eh, err, sizeof(err)));
    ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
    ck_assert(!elf32_parse_header(elf->data, elf->len, &eh, NULL, 0));
    ck_assert(!elf32_parse_header(elf->data, elf->len, &eh, err, 0));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "reader", valid_file_reads_back },
        { "reader", writer_is_the_reader_inverse },
        { "reader", truncated_file_is_refused, 4 },
        { "reader", bad_identification_is_refused, 7 },
        { "reader", tables_outside_the_file_are_refused },
        { "reader", table_offset_overflow_is_refused },
        { "reader", wrong_entry_size_is_refused },
        { "reader", symbol_reads_out_of_range_fail },
        { "reader", error_text_is_bounded },
    };

    return rp_suite_new("elf32", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = elf_setup, .teardown = elf_teardown });
}
