/*
 * Unit tests: the built R5F firmware images (firmware-stubs/r5f), one per
 * core of the am64x-sim board, checked as Linux's remoteproc ELF loader
 * and ti_k3_r5_remoteproc.c take them (Linux 6.12): a little-endian ELF32
 * for ARM with its section headers, every PT_LOAD segment inside one
 * memory the driver's da_to_va translates (the ATCM at 0 or the BTCM at
 * its R5 address, sizes from the core's descriptor, or its DDR carveout),
 * a version 1 ".resource_table" whose trace entry lies in the carveout,
 * and the entry at 0 (the boot vector) in ARM state, where the eight
 * exception vectors are ARM branches.
 *
 * Needs RPROCSIM_TI_FIRMWARE: the folder of the built images (their
 * descriptors' firmware names).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "elf32.h"
#include "subsys.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/rsc-table.h"

typedef struct Image {
    const RprocsimSubsys *ss;
    gchar *data;
    gsize len;
    Elf32Header eh;
} Image;

/* Image of core @i of the board, loaded and its header checked */
static void image_load(Image *im, unsigned i)
{
    const RprocsimBoard *b = rprocsim_board_find("am64x-sim");
    const char *dir = g_getenv("RPROCSIM_TI_FIRMWARE");
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    char why[128] = "";

    ck_assert_msg(dir, "RPROCSIM_TI_FIRMWARE must be set");
    ck_assert(b && i < b->count);
    im->ss = &b->subsys[i];
    path = g_build_filename(dir, im->ss->firmware_name, NULL);
    ck_assert_msg(g_file_get_contents(path, &im->data, &im->len, &err), "%s",
                  err ? err->message : path);
    ck_assert_msg(elf32_parse_header((const uint8_t *)im->data, im->len, &im->eh, why,
                                     sizeof(why)), "%s: %s", path, why);
    ck_assert_msg(elf32_check_phdrs(im->len, &im->eh, why, sizeof(why)), "%s", why);
    ck_assert_msg(elf32_check_shdrs(im->len, &im->eh, why, sizeof(why)), "%s", why);
}

static void image_free(Image *im)
{
    g_free(im->data);
}

/* True if [@da, @da + @len) lies inside [@base, @base + @size) */
static bool inside(uint64_t da, uint64_t len, uint64_t base, uint64_t size)
{
    return da >= base && da + len <= base + size;
}

/* Which of the core's memories holds [@da, @da + @len): "atcm", "btcm", "ddr" or NULL */
static const char *memory_of(const RprocsimSubsys *ss, uint64_t da, uint64_t len)
{
    if (inside(da, len, AM64X_SIM_R5F_ATCM_LOCAL, ss->reg_size)) {
        return "atcm";
    }
    if (inside(da, len, AM64X_SIM_R5F_BTCM_LOCAL, ss->btcm_size)) {
        return "btcm";
    }
    if (inside(da, len, ss->carveout_base, ss->carveout_size)) {
        return "ddr";
    }
    return NULL;
}

/* Section @name of @im into *@sh */
static bool section(const Image *im, const char *name, Elf32Shdr *sh)
{
    const uint8_t *buf = (const uint8_t *)im->data;
    Elf32Shdr strtab;

    if (!elf32_shdr(buf, im->len, &im->eh, im->eh.e_shstrndx, &strtab)) {
        return false;
    }
    for (unsigned i = 0; i < im->eh.e_shnum; i++) {
        const char *n;
        size_t nlen;

        if (elf32_shdr(buf, im->len, &im->eh, i, sh) &&
            (n = elf32_str(buf, im->len, &strtab, sh->sh_name, &nlen)) &&
            nlen == strlen(name) && !memcmp(n, name, nlen)) {
            return true;
        }
    }
    return false;
}

START_TEST(image_is_an_arm_elf32_entered_at_0)
{
    Image im = { 0 };

    image_load(&im, _i);
    ck_assert_uint_eq(im.eh.e_type, ET_EXEC);
    ck_assert_uint_eq(im.eh.e_machine, EM_ARM);
    ck_assert_uint_eq(im.eh.e_entry, 0);            /* ARM state: no Thumb bit */
    ck_assert_uint_gt(im.eh.e_shnum, 0);            /* section headers kept */
    image_free(&im);
}
END_TEST

START_TEST(segments_lie_in_one_memory_each)
{
    Image im = { 0 };
    unsigned loads = 0;
    bool ddr = false, atcm = false;

    image_load(&im, _i);
    for (unsigned i = 0; i < im.eh.e_phnum; i++) {
        Elf32Phdr ph;
        const char *mem;

        ck_assert(elf32_phdr((const uint8_t *)im.data, im.len, &im.eh, i, &ph));
        if (ph.p_type != PT_LOAD || !ph.p_memsz) {
            continue;
        }
        loads++;
        ck_assert_uint_le(ph.p_filesz, ph.p_memsz);
        ck_assert(elf32_range_ok(im.len, ph.p_offset, ph.p_filesz));
        ck_assert_uint_eq(ph.p_vaddr, ph.p_paddr);
        mem = memory_of(im.ss, ph.p_paddr, ph.p_memsz);
        ck_assert_msg(mem, "%s: segment %u at 0x%x+0x%x is in none of its memories",
                      im.ss->name, i, ph.p_paddr, ph.p_memsz);
        ddr |= !strcmp(mem, "ddr");
        atcm |= !strcmp(mem, "atcm") && ph.p_paddr == 0 && (ph.p_flags & PF_X);
    }
    ck_assert_uint_ge(loads, 3);
    ck_assert(atcm && ddr);
    image_free(&im);
}
END_TEST

/* What rproc_elf_load_rsc_table() and rproc_handle_trace() check */
START_TEST(resource_table_has_the_trace_entry)
{
    Image im = { 0 };
    Elf32Shdr sh;
    const uint8_t *t;
    uint32_t num, off, da, len;

    image_load(&im, _i);
    ck_assert(section(&im, RP_RSC_TABLE_SECTION, &sh));
    ck_assert_uint_eq(sh.sh_type, SHT_PROGBITS);
    ck_assert(elf32_range_ok(im.len, sh.sh_offset, sh.sh_size));
    ck_assert_uint_ge(sh.sh_size, RP_RSC_TABLE_HDR_SIZE + 4 + RP_RSC_TRACE_SIZE);
    ck_assert_str_eq(memory_of(im.ss, sh.sh_addr, sh.sh_size), "ddr");
    t = (const uint8_t *)im.data + sh.sh_offset;
    ck_assert_uint_eq(rp_le32(t), RP_RSC_TABLE_VERSION);
    num = rp_le32(t + 4);
    ck_assert_uint_eq(num, 1);
    ck_assert_uint_eq(rp_le32(t + 8) | rp_le32(t + 12), 0);
    off = rp_le32(t + RP_RSC_TABLE_HDR_SIZE);
    ck_assert_uint_le(off + RP_RSC_TRACE_SIZE, sh.sh_size);
    ck_assert_uint_eq(rp_le32(t + off), RP_RSC_TRACE);
    da = rp_le32(t + off + 4);
    len = rp_le32(t + off + 8);
    ck_assert_uint_eq(rp_le32(t + off + 12), 0);
    ck_assert_uint_ge(len, 256);
    ck_assert_str_eq(memory_of(im.ss, da, len), "ddr");
    ck_assert(!inside(da, 1, sh.sh_addr, sh.sh_size));   /* not on top of the table */
    ck_assert(memchr(t + off + 16, '\0', RP_RSC_NAME_LEN));
    image_free(&im);
}
END_TEST

/* The eight words at 0 are ARM "b" instructions (cond AL, 0b1010) */
START_TEST(vectors_are_arm_branches)
{
    Image im = { 0 };
    Elf32Shdr sh;

    image_load(&im, _i);
    ck_assert(section(&im, ".vectors", &sh));
    ck_assert_uint_eq(sh.sh_addr, 0);
    ck_assert_uint_eq(sh.sh_size, 32);
    ck_assert(elf32_range_ok(im.len, sh.sh_offset, sh.sh_size));
    for (unsigned v = 0; v < 8; v++) {
        uint32_t insn = rp_le32((const uint8_t *)im.data + sh.sh_offset + 4 * v);

        ck_assert_msg(insn >> 24 == 0xea, "vector %u: 0x%08x", v, insn);
    }
    image_free(&im);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "image", image_is_an_arm_elf32_entered_at_0, AM64X_SIM_R5F_CORES },
        { "image", segments_lie_in_one_memory_each, AM64X_SIM_R5F_CORES },
        { "image", resource_table_has_the_trace_entry, AM64X_SIM_R5F_CORES },
        { "image", vectors_are_arm_branches, AM64X_SIM_R5F_CORES },
    };

    return rp_suite_new("fw-r5f-image", tests, G_N_ELEMENTS(tests), NULL);
}
