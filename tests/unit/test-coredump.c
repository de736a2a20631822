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

const bool rp_test_nofork = false;

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

static GByteArray *zeroes(guint n)
{
    GByteArray *a = g_byte_array_sized_new(n);

    g_byte_array_set_size(a, n);
    memset(a->data, 0, n);
    return a;
}

static void ehdr(GByteArray *a, guint phoff, guint phnum, guint shoff, guint shnum,
                 guint shstrndx)
{
    memcpy(a->data, "\x7f" "ELF\x01\x01\x01", 7);
    put16(a, 16, 4);            /* ET_CORE */
    put32(a, 28, phoff);
    put32(a, 32, shoff);
    put16(a, 40, 52);
    put16(a, 42, 32);
    put16(a, 44, phnum);
    put16(a, 46, 40);
    put16(a, 48, shnum);
    put16(a, 50, shstrndx);
}

/*
 * A full coredump: PT_LOAD code (0x100 bytes at CODE_ADDR: nops, and at
 * FAULT_PC "ldr r0, [r0]") and PT_LOAD data (0x100 bytes at DATA_ADDR,
 * a BusFault crash record at RECORD_ADDR if @record).
 */
static GByteArray *full_dump(gboolean record)
{
    GByteArray *a = zeroes(0x300);

    ehdr(a, 52, 2, 0, 0, 0);
    for (int i = 0; i < 2; i++) {
        guint ph = 52 + 32 * i;

        put32(a, ph, 1);
        put32(a, ph + 4, 0x100 + 0x100 * i);
        put32(a, ph + 8, i ? DATA_ADDR : CODE_ADDR);
        put32(a, ph + 12, i ? DATA_ADDR : CODE_ADDR);
        put32(a, ph + 16, 0x100);
        put32(a, ph + 20, 0x100);
    }
    for (guint off = 0x100; off < 0x200; off += 2) {
        put16(a, off, 0xbf00);                          /* nop */
    }
    put16(a, 0x100 + (FAULT_PC - CODE_ADDR), 0x6800);   /* ldr r0, [r0] */
    if (record) {
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
static GByteArray *firmware(gboolean with_symbols)
{
    static const char strtab[] = "\0faulty\0crash_record\0";
    GByteArray *a = zeroes(0x200);

    ehdr(a, 52, 2, 0x100, with_symbols ? 3 : 0, 0);
    put16(a, 16, 2);
    for (int i = 0; i < 2; i++) {
        guint ph = 52 + 32 * i;

        put32(a, ph, 1);
        put32(a, ph + 8, i ? DATA_ADDR : CODE_ADDR);
        put32(a, ph + 12, i ? DATA_ADDR : CODE_ADDR);
        put32(a, ph + 20, 0x100);
    }
    /* section 1: .symtab at 0x180 (3 entries), section 2: .strtab at 0x1c0 */
    put32(a, 0x100 + 40 + 4, 2);
    put32(a, 0x100 + 40 + 16, 0x180);
    put32(a, 0x100 + 40 + 20, 48);
    put32(a, 0x100 + 40 + 24, 2);
    put32(a, 0x100 + 80 + 4, 3);
    put32(a, 0x100 + 80 + 16, 0x1c0);
    put32(a, 0x100 + 80 + 20, sizeof(strtab));
    put32(a, 0x180 + 16, 1);                    /* faulty */
    put32(a, 0x180 + 20, FUNC_ADDR | 1);
    put32(a, 0x180 + 24, 16);
    a->data[0x180 + 28] = 0x02;                 /* STT_FUNC */
    put32(a, 0x180 + 32, 8);                    /* crash_record */
    put32(a, 0x180 + 36, RECORD_ADDR);
    put32(a, 0x180 + 40, 196);
    a->data[0x180 + 44] = 0x01;                 /* STT_OBJECT */
    memcpy(a->data + 0x1c0, strtab, sizeof(strtab));
    return a;
}

START_TEST(full_dump_regions)
{
    g_autoptr(GByteArray) d = full_dump(FALSE);
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
    g_autoptr(GByteArray) d = full_dump(TRUE);
    g_autoptr(GByteArray) fw = firmware(TRUE);
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

/* rp_inspect() on @d with @fw must fail; its error message (caller frees) */
static char *inspect_error(GByteArray *d, GByteArray *fw)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonBuilder) b = json_builder_new();
    GError *err = NULL;
    char *msg;

    ck_assert(!rp_inspect(d->data, d->len, fw->data, fw->len, out, b, &err));
    ck_assert(err != NULL);
    msg = g_strdup(err->message);
    g_error_free(err);
    return msg;
}

START_TEST(no_crash_record_is_an_error)
{
    g_autoptr(GByteArray) d = full_dump(FALSE);
    g_autoptr(GByteArray) fw = firmware(TRUE);
    g_autofree char *msg = inspect_error(d, fw);

    ck_assert_msg(strstr(msg, "no crash record"), "%s", msg);
}
END_TEST

START_TEST(firmware_without_symbols_is_an_error)
{
    g_autoptr(GByteArray) d = full_dump(TRUE);
    g_autoptr(GByteArray) fw = firmware(FALSE);
    g_autofree char *msg = inspect_error(d, fw);

    ck_assert_msg(strstr(msg, "no symbol table"), "%s", msg);
}
END_TEST

START_TEST(firmware_of_another_dump_is_refused)
{
    g_autoptr(GByteArray) d = full_dump(TRUE);
    g_autoptr(GByteArray) fw = firmware(TRUE);
    g_autofree char *msg = NULL;

    put32(fw, 52 + 32 + 12, 0x90000000);    /* its data segment lies elsewhere */
    msg = inspect_error(d, fw);
    ck_assert_msg(strstr(msg, "does not match"), "%s", msg);
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
    g_autoptr(GByteArray) d = full_dump(TRUE);
    g_autoptr(GError) err = NULL;
    RpDump dump;

    damage(d, _i);
    ck_assert_msg(!rp_dump_parse(d->data, d->len, &dump, &err), "damage %d accepted", _i);
    ck_assert(err && *err->message);
}
END_TEST

START_TEST(minidump_sections_are_regions)
{
    g_autoptr(GByteArray) a = zeroes(0x200);
    g_autoptr(GError) err = NULL;
    RpDump dump;

    /* sections: [0] null, [1] strtab "code", [2] PROGBITS code at 0x100 */
    ehdr(a, 0, 0, 0x40, 3, 1);
    put32(a, 0x40 + 40 + 4, 3);
    put32(a, 0x40 + 40 + 16, 0xc0);
    put32(a, 0x40 + 40 + 20, 6);
    memcpy(a->data + 0xc0, "\0code", 6);
    put32(a, 0x40 + 80, 1);
    put32(a, 0x40 + 80 + 4, 1);
    put32(a, 0x40 + 80 + 12, CODE_ADDR);
    put32(a, 0x40 + 80 + 16, 0x100);
    put32(a, 0x40 + 80 + 20, 0x100);
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
    Suite *s = suite_create("coredump");
    TCase *tc = tcase_create("inspect");

    tcase_add_test(tc, full_dump_regions);
    tcase_add_test(tc, inspector_marks_the_faulting_load);
    tcase_add_test(tc, no_crash_record_is_an_error);
    tcase_add_test(tc, firmware_without_symbols_is_an_error);
    tcase_add_test(tc, firmware_of_another_dump_is_refused);
    tcase_add_loop_test(tc, damaged_dumps_are_refused, 0, 10);
    tcase_add_test(tc, minidump_sections_are_regions);
    suite_add_tcase(s, tc);
    return s;
}
