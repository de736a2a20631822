/*
 * Packer end to end: a real Cortex-M ELF (tests/data/tiny-fw.c, built by
 * clang and lld) is signed by 'rprocsim pack --split', loaded from the
 * split .mdt/.bNN files the way Linux's mdt_loader does, and driven through
 * the simulated TrustZone with SMCs: INIT_IMAGE, AUTH_AND_RESET, SHUTDOWN.
 * Each --defect must be refused with its own cause.
 *
 * Needs RPROCSIM_BIN (the rprocsim command) and TINY_FW (the ELF).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "image-fixture.h"
#include "scm.h"
#include "simsig.h"

/* Run rprocsim pack on TINY_FW into @dir/adsp.mbn with @extra options */
static void pack(const char *dir, const char *extra)
{
    g_autofree char *out = g_build_filename(dir, "adsp.mbn", NULL);
    g_autofree char *cmd = g_strdup_printf("%s pack --subsystem adsp --split %s -o %s %s",
                                           g_getenv("RPROCSIM_BIN"), extra, out,
                                           g_getenv("TINY_FW"));
    g_autofree char *out_text = NULL, *err_text = NULL;
    int status = -1;

    ck_assert_msg(g_getenv("RPROCSIM_BIN") && g_getenv("TINY_FW"),
                  "RPROCSIM_BIN and TINY_FW must be set");
    ck_assert(g_spawn_command_line_sync(cmd, &out_text, &err_text, &status, NULL));
    ck_assert_msg(status == 0, "%s: %s", cmd, err_text);
    ck_assert_msg(g_str_has_prefix(out_text, out), "unexpected report: %s", out_text);
}

/* Split file @dir/adsp.bNN into @buf (an MdtSplitFn) */
static bool read_split(void *opaque, unsigned index, uint8_t *buf, size_t len,
                       MdtError *err)
{
    g_autofree char *name = g_strdup_printf("adsp.b%02u", index);
    g_autofree char *path = g_build_filename(opaque, name, NULL);
    g_autofree char *seg = NULL;
    gsize seg_len;

    if (!g_file_get_contents(path, &seg, &seg_len, NULL) || seg_len != len) {
        return rp_error_set(err, MDT_E_MISSING, index, "%s missing or short", name);
    }
    memcpy(buf, seg, len);
    return true;
}

/*
 * Load adsp.mdt and its adsp.bNN files as mdt_loader does for a split image
 * (models/mdt-load.h): the metadata blob at FX_META_PHYS, each loadable
 * segment's bytes from .bNN into the carveout. Segments are loaded even
 * when TrustZone will refuse the metadata.
 */
static void load_split(const char *dir, FxMem *mem)
{
    g_autofree char *mdt_path = g_build_filename(dir, "adsp.mdt", NULL);
    g_autofree char *mdt = NULL;
    g_autofree uint8_t *blob = NULL;
    gsize mdt_len;
    size_t blob_len;
    MdtImage img;
    MdtError err;

    ck_assert(g_file_get_contents(mdt_path, &mdt, &mdt_len, NULL));
    ck_assert(mdt_parse((uint8_t *)mdt, mdt_len, &img, &err));
    ck_assert(img.split);
    blob = mdt_read_metadata(&img, (uint8_t *)mdt, mdt_len, read_split, (void *)dir,
                             &blob_len, &err);
    ck_assert_msg(blob, "%s", err.detail);
    ck_assert(fx_mem_write(mem, FX_META_PHYS, blob, blob_len));
    ck_assert_msg(mdt_load(&img, (uint8_t *)mdt, mdt_len, read_split, (void *)dir, mem,
                           FX_CARVEOUT_BASE, FX_CARVEOUT_SIZE, NULL, &err),
                  "%s", err.detail);
}

static int64_t smc(ScmState *s, FxMem *mem, uint64_t x0, uint64_t x2, uint64_t x3,
                   ScmReport *rep)
{
    static const ScmOps ops = { .read_phys = fx_mem_read };
    uint64_t regs[8] = { x0, 0, x2, x3 }, out[4];

    ck_assert(scm_smc(s, &ops, mem, regs, out, rep));
    ck_assert_uint_eq(out[1], 0);
    return (int64_t)out[0];
}

START_TEST(real_elf_boots_through_smcs)
{
    g_autofree char *dir = g_dir_make_tmp("rp-pack-XXXXXX", NULL);
    ScmState s;
    FxMem mem;
    ScmReport rep;

    pack(dir, "");
    fx_mem_init(&mem);
    load_split(dir, &mem);
    scm_init(&s, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    ck_assert_int_eq(smc(&s, &mem, 0x42000201, PAS_ID_ADSP, FX_META_PHYS, &rep), 0);
    ck_assert_int_eq(smc(&s, &mem, 0x42000205, PAS_ID_ADSP, 0, &rep), 0);
    ck_assert_int_eq(s.pas.slot[0].state, PAS_STATE_RUNNING);
    /* the Thumb reset handler inside the carveout */
    ck_assert_uint_eq(s.pas.slot[0].entry & ~0xfffull, FX_CARVEOUT_BASE);
    ck_assert_uint_eq(s.pas.slot[0].entry & 1, 1);
    ck_assert_int_eq(smc(&s, &mem, 0x42000206, PAS_ID_ADSP, 0, &rep), 0);
    ck_assert_int_eq(s.pas.slot[0].state, PAS_STATE_IDLE);
    pas_reset(&s.pas);
    fx_mem_free(&mem);
    fx_rm_dir(dir);
}
END_TEST

START_TEST(each_defect_has_its_cause)
{
    static const struct {
        const char *option;
        bool at_auth;
        PasCause cause;
    } cases[] = {
        { "--defect tampered-segment", true, PAS_A2_SEGMENT_HASH },
        { "--defect wrong-key", false, PAS_I9_UNTRUSTED_KEY },
        { "--defect wrong-sw-id", false, PAS_I10_WRONG_SW_ID },
        { "--defect truncated-hash-segment", false, PAS_I5_BAD_HASH_SEGMENT },
    };
    g_autofree char *dir = g_dir_make_tmp("rp-pack-XXXXXX", NULL);
    ScmState s;
    FxMem mem;
    ScmReport rep;
    int64_t st;

    pack(dir, cases[_i].option);
    fx_mem_init(&mem);
    load_split(dir, &mem);
    scm_init(&s, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    st = smc(&s, &mem, 0x42000201, PAS_ID_ADSP, FX_META_PHYS, &rep);
    if (cases[_i].at_auth) {
        ck_assert_int_eq(st, 0);
        st = smc(&s, &mem, 0x42000205, PAS_ID_ADSP, 0, &rep);
    }
    ck_assert_int_ne(st, 0);
    ck_assert_msg(rep.cause == cases[_i].cause, "%s: cause '%s' (%s)", cases[_i].option,
                  pas_cause_name(rep.cause), rep.detail);
    pas_reset(&s.pas);
    fx_mem_free(&mem);
    fx_rm_dir(dir);
}
END_TEST

START_TEST(bad_input_is_refused)
{
    g_autofree char *dir = g_dir_make_tmp("rp-pack-XXXXXX", NULL);
    g_autofree char *junk = g_build_filename(dir, "junk.elf", NULL);
    g_autofree char *out = g_build_filename(dir, "x.mbn", NULL);
    static const char *const args[] = {
        "--subsystem adsp -o %s %s",            /* not an ELF */
        "--subsystem nope -o %s %s",            /* unknown subsystem */
        "-o %s %s",                              /* no subsystem */
        "--subsystem adsp --defect odd -o %s %s",
    };

    ck_assert(g_file_set_contents(junk, "not an elf at all", -1, NULL));
    for (size_t i = 0; i < G_N_ELEMENTS(args); i++) {
        g_autofree char *opts = g_strdup_printf(args[i], out, junk);
        g_autofree char *cmd = g_strdup_printf("%s pack %s", g_getenv("RPROCSIM_BIN"), opts);
        g_autofree char *out_text = NULL, *err_text = NULL;
        int status = 0;

        ck_assert(g_spawn_command_line_sync(cmd, &out_text, &err_text, &status, NULL));
        ck_assert_msg(status != 0, "accepted: %s", cmd);
        ck_assert_msg(g_str_has_prefix(err_text, "rprocsim pack: "), "%s", err_text);
        ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
    }
    fx_rm_dir(dir);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "tiny-fw", real_elf_boots_through_smcs },
        { "tiny-fw", each_defect_has_its_cause, 4 },
        { "tiny-fw", bad_input_is_refused },
    };

    return rp_suite_new("pack", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60 });
}
