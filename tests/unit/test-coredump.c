/*
 * Unit tests: devcoredump and firmware ELF reading, and the crash
 * inspector, on synthetic files built here (tools/rprocsim/coredump.c,
 * inspect.c). Every malformed input must give an error, never a crash.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "../tap-main.h"
#include "coredump.h"
#include "crash-report.h"
#include "elf-fixture.h"

#define CODE_ADDR   0x86100000u
#define DATA_ADDR   0x86101000u
#define RECORD_ADDR (DATA_ADDR + 0x20)
#define FUNC_ADDR   (CODE_ADDR + 0x10)
#define FAULT_PC    (FUNC_ADDR + 4)

static void put32(GByteArray *a, guint off, guint32 v)
{
    v = GUINT32_TO_LE(v);
    memcpy(a->data + off, &v, 4);
}

static void put16(GByteArray *a, guint off, guint16 v)
{
    a->data[off] = v & 0xff;
    a->data[off + 1] = v >> 8;
}

/* The crash record full_dump() puts in the data segment, or not */
typedef enum { NO_RECORD, WITH_RECORD } DumpRecord;

/* The symbol table firmware() gives the firmware ELF, or not */
typedef enum { NO_SYMBOLS, WITH_SYMBOLS } FwSymbols;

/*
 * The two PT_LOADs of the dump and the firmware, code then data, each
 * 0x100 bytes in memory and @filesz in the file (at 0x100 and 0x200)
 */
static void load_segments(Elf32Phdr ph[2], guint32 filesz)
{
    for (int i = 0; i < 2; i++) {
        ph[i] = (Elf32Phdr){
            .p_type = PT_LOAD, .p_vaddr = i ? DATA_ADDR : CODE_ADDR,
            .p_paddr = i ? DATA_ADDR : CODE_ADDR, .p_memsz = 0x100,
            .p_offset = filesz ? 0x100 * (i + 1) : 0, .p_filesz = filesz,
        };
    }
}

/*
 * A full coredump: PT_LOAD code (0x100 bytes at CODE_ADDR: nops, and at
 * FAULT_PC "ldr r0, [r0]") and PT_LOAD data (0x100 bytes at DATA_ADDR,
 * a BusFault crash record at RECORD_ADDR if @record).
 */
static GByteArray *full_dump(DumpRecord record)
{
    Elf32Phdr ph[2];
    GByteArray *a;

    load_segments(ph, 0x100);
    a = fx_elf_build(&(FxElfSpec){ .size = 0x300, .type = ET_CORE,
                                   .phoff = ELF32_EHDR_SIZE, .ph = ph, .phnum = 2 });
    for (guint off = 0x100; off < 0x200; off += 2) {
        put16(a, off, 0xbf00);                          /* nop */
    }
    put16(a, 0x100 + (FAULT_PC - CODE_ADDR), 0x6800);   /* ldr r0, [r0] */
    if (record == WITH_RECORD) {
        guint r = 0x200 + (RECORD_ADDR - DATA_ADDR);

        put32(a, r, 0x48535243);            /* magic */
        put32(a, r + 4, 1);                 /* version */
        put32(a, r + 8, 5);                 /* BusFault */
        put32(a, r + 12, 2);                /* boot */
        put32(a, r + 16, 0x30000000);       /* r0 */
        put32(a, r + 68, DATA_ADDR + 0x80); /* sp */
        put32(a, r + 72, FUNC_ADDR + 0x9);  /* lr */
        put32(a, r + 76, FAULT_PC);         /* pc */
        put32(a, r + 84, 0x8200);           /* cfsr: BFARVALID, PRECISERR */
        put32(a, r + 96, 0x30000000);       /* bfar */
        memcpy(a->data + r + 100, "synthetic BusFault", 18);
    }
    return a;
}

/* A firmware ELF with PT_LOADs as above and symbols "faulty" and "crash_record" */
static GByteArray *firmware(FwSymbols symbols)
{
    static const char strtab[] = "\0faulty\0crash_record\0";
    /* section 1: .symtab at 0x180 (3 entries), section 2: .strtab at 0x1c0 */
    static const Elf32Shdr sh[3] = {
        { 0 },
        { .sh_type = SHT_SYMTAB, .sh_offset = 0x180, .sh_size = 48, .sh_link = 2 },
        { .sh_type = SHT_STRTAB, .sh_offset = 0x1c0, .sh_size = sizeof(strtab) },
    };
    static const Elf32Sym sym[3] = {
        { 0 },
        { .st_name = 1, .st_value = FUNC_ADDR | 1, .st_size = 16, .st_info = STT_FUNC },
        { .st_name = 8, .st_value = RECORD_ADDR, .st_size = 196, .st_info = STT_OBJECT },
    };
    Elf32Phdr ph[2];

    load_segments(ph, 0);
    return fx_elf_build(&(FxElfSpec){
        .size = 0x200, .type = ET_EXEC, .phoff = ELF32_EHDR_SIZE, .ph = ph, .phnum = 2,
        .shoff = 0x100, .sh = sh, .shnum = symbols == WITH_SYMBOLS ? 3 : 0,
        .sym = sym, .nsym = 3, .strtab = strtab, .strtab_len = sizeof(strtab) });
}

START_TEST(full_dump_regions)
{
    g_autoptr(GByteArray) d = full_dump(NO_RECORD);
    g_autoptr(GError) err = NULL;
    RpDump dump;

    ck_assert_msg(rp_dump_parse(d->data, d->len, &dump, &err), "%s", err ? err->message : "");
    ck_assert(!dump.minidump);
    ck_assert_uint_eq(dump.regions->len, 2);
    ck_assert_ptr_eq(rp_dump_at(&dump, CODE_ADDR, 4), d->data + 0x100);
    ck_assert_ptr_nonnull(rp_dump_at(&dump, DATA_ADDR + 0xfc, 4));
    ck_assert_ptr_null(rp_dump_at(&dump, DATA_ADDR + 0xfd, 4));
    ck_assert_ptr_null(rp_dump_at(&dump, 0x1000, 4));
    rp_dump_clear(&dump);
}
END_TEST

START_TEST(inspector_marks_the_faulting_load)
{
    g_autoptr(GByteArray) d = full_dump(WITH_RECORD);
    g_autoptr(GByteArray) fw = firmware(WITH_SYMBOLS);
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_inspect(d->data, d->len, fw->data, fw->len, out, b, &err), "%s",
                  err ? err->message : "");
    ck_assert_msg(strstr(out->str, "reason: synthetic BusFault"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "exception: BusFault"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "PRECISERR"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "fault address 0x30000000 (BFAR)"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "pc 0x86100014 faulty+0x4"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "faulting instruction: ldr r0, [r0]"), "%s", out->str);
    ck_assert_msg(strstr(out->str, "=> 86100014: ldr r0, [r0]"), "%s", out->str);
}
END_TEST

/* A dump and firmware rp_inspect() must refuse together, and its error */
static const struct {
    DumpRecord record;
    FwSymbols symbols;
    guint32 fw_data_addr;       /* moves the firmware's data segment if not 0 */
    const char *error;
} refused_pairs[] = {
    { NO_RECORD, WITH_SYMBOLS, 0, "no crash record" },
    { WITH_RECORD, NO_SYMBOLS, 0, "no symbol table" },
    { WITH_RECORD, WITH_SYMBOLS, 0x90000000, "does not match" },   /* another dump's */
};

START_TEST(inspector_refuses_what_does_not_fit)
{
    g_autoptr(GByteArray) d = full_dump(refused_pairs[_i].record);
    g_autoptr(GByteArray) fw = firmware(refused_pairs[_i].symbols);
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GError) err = NULL;

    if (refused_pairs[_i].fw_data_addr) {
        put32(fw, ELF32_EHDR_SIZE + ELF32_PHDR_SIZE + 12, refused_pairs[_i].fw_data_addr);
    }
    ck_assert(!rp_inspect(d->data, d->len, fw->data, fw->len, out, b, &err));
    ck_assert(err != NULL);
    ck_assert_msg(strstr(err->message, refused_pairs[_i].error), "%s", err->message);
}
END_TEST

/* Each damages a good dump in one way; all must be refused */
static void damage(GByteArray *a, int how)
{
    switch (how) {
    case 0: a->data[0] = 'X'; break;                                /* not an ELF */
    case 1: g_byte_array_set_size(a, 40); break;                    /* cut in the header */
    case 2: a->data[4] = 2; break;                                  /* ELF64 */
    case 3: a->data[5] = 2; break;                                  /* big-endian */
    case 4: put32(a, 28, 0x2f0); break;                             /* phdrs past the end */
    case 5: put32(a, 52 + 4, 0x280); break;                         /* segment past the end */
    case 6: put32(a, 52 + 16, 0xffffffff); break;                   /* huge segment */
    case 7: put16(a, 42, 16); break;                                /* wrong e_phentsize */
    case 8: put32(a, 52, 4); put32(a, 84, 4); break;                /* no PT_LOAD */
    case 9: g_byte_array_set_size(a, 0x180); break;                 /* truncated data */
    }
}

START_TEST(damaged_dumps_are_refused)
{
    g_autoptr(GByteArray) d = full_dump(WITH_RECORD);
    g_autoptr(GError) err = NULL;
    RpDump dump;

    damage(d, _i);
    ck_assert_msg(!rp_dump_parse(d->data, d->len, &dump, &err), "damage %d accepted", _i);
    ck_assert(err && *err->message);
}
END_TEST

START_TEST(minidump_sections_are_regions)
{
    /* sections: [0] null, [1] strtab "code", [2] PROGBITS code at 0x100 */
    static const Elf32Shdr sh[3] = {
        { 0 },
        { .sh_type = SHT_STRTAB, .sh_offset = 0xc0, .sh_size = 6 },
        { .sh_name = 1, .sh_type = SHT_PROGBITS, .sh_addr = CODE_ADDR, .sh_offset = 0x100,
          .sh_size = 0x100 },
    };
    g_autoptr(GByteArray) a = fx_elf_build(&(FxElfSpec){
        .size = 0x200, .type = ET_CORE, .shoff = 0x40, .sh = sh, .shnum = 3, .shstrndx = 1 });
    g_autoptr(GError) err = NULL;
    RpDump dump;

    memcpy(a->data + 0xc0, "\0code", 6);
    ck_assert_msg(rp_dump_parse(a->data, a->len, &dump, &err), "%s", err ? err->message : "");
    ck_assert(dump.minidump);
    ck_assert_uint_eq(dump.regions->len, 1);
    ck_assert_str_eq(g_array_index(dump.regions, RpDumpRegion, 0).name, "code");
    rp_dump_clear(&dump);

    put32(a, 0x40 + 80 + 20, 0x101);        /* the section runs past the end */
    ck_assert(!rp_dump_parse(a->data, a->len, &dump, &err));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "inspect", full_dump_regions },
        { "inspect", inspector_marks_the_faulting_load },
        { "inspect", inspector_refuses_what_does_not_fit, G_N_ELEMENTS(refused_pairs) },
        { "inspect", damaged_dumps_are_refused, 10 },
        { "inspect", minidump_sections_are_regions },
    };

    return rp_suite_new("coredump", tests, G_N_ELEMENTS(tests), NULL);
}
