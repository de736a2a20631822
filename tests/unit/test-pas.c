/*
 * Unit tests: the simulated TrustZone's PAS service and SCM dispatcher
 * (models/pas.c, models/scm.c) with images built by models/mbn-build.c:
 * a valid image in each MBN version, the relocatable path, and every
 * refusal cause I1..I13, A1..A3, M1..M2.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>

#include "../tap-main.h"
#include "image-fixture.h"
#include "scm.h"
#include "simsig.h"
#include "subsys.h"

typedef struct Env {
    FxMem mem;
    MbnImage img;
    PasService pas;
} Env;

static void env_setup(Env *e, const MbnBuildOptions *o)
{
    fx_mem_init(&e->mem);
    fx_pack(&e->img, o);
    fx_load(&e->mem, &e->img);
    pas_init(&e->pas, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
}

static void env_free(Env *e)
{
    pas_reset(&e->pas);
    mbn_image_clear(&e->img);
    fx_mem_free(&e->mem);
}

/*
 * Each test's image, loaded, and PAS service (checked fixture): the
 * default image unless the test rebuilds it with env_rebuild()
 */
static Env env;

static void env_default(void)
{
    env_setup(&env, &(MbnBuildOptions){ 0 });
}

static void env_teardown(void)
{
    env_free(&env);
}

/* Replace the fixture's image with one built with @o */
static void env_rebuild(const MbnBuildOptions *o)
{
    env_free(&env);
    env_setup(&env, o);
}

static PasResult init_image(void)
{
    return pas_init_image(&env.pas, PAS_ID_ADSP, FX_META_PHYS, fx_mem_read, &env.mem);
}

/* Write or read a word of the loaded metadata blob at offset @off */
static void poke32(uint64_t off, uint32_t v)
{
    uint8_t b[4];

    rp_put_le32(b, v);
    ck_assert(fx_mem_write(&env.mem, FX_META_PHYS + off, b, 4));
}

static uint32_t peek32(uint64_t off)
{
    uint8_t b[4];

    ck_assert(fx_mem_read(&env.mem, FX_META_PHYS + off, b, 4));
    return rp_le32(b);
}

/* offset of the hash segment in the metadata blob */
static size_t hashseg(void)
{
    return 52 + 32 * env.img.phnum;
}

#define ck_refused(r, want_cause, want_status) do { \
    PasResult r_ = (r); \
    ck_assert_msg(r_.cause == (want_cause), "cause '%s', want '%s' (%s)", \
                  pas_cause_name(r_.cause), pas_cause_name(want_cause), r_.detail); \
    ck_assert_int_eq(r_.status, (want_status)); \
} while (0)

#define ck_ok(r) do { \
    PasResult r_ = (r); \
    ck_assert_msg(r_.status == 0 && r_.cause == PAS_CAUSE_NONE, "refused: %s: %s", \
                  pas_cause_name(r_.cause), r_.detail); \
} while (0)

START_TEST(valid_image_boots_and_shuts_down)
{
    static const uint32_t versions[] = { 6, 5, 3 };
    MbnBuildOptions o = { .version = versions[_i] };
    uint8_t text[0x300];

    env_rebuild(&o);
    ck_ok(init_image());
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_INITED);
    ck_assert_uint_eq(env.pas.slot[0].meta.digest_len, versions[_i] == 6 ? 48 : 32);
    ck_ok(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem));
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_RUNNING);
    ck_assert_uint_eq(env.pas.slot[0].entry, FX_CARVEOUT_BASE);
    ck_assert_uint_eq(env.pas.slot[0].load_base, FX_CARVEOUT_BASE);
    ck_assert_uint_eq(env.pas.slot[0].boots, 1);

    /* a second INIT while running is refused, SHUTDOWN keeps memory */
    ck_refused(init_image(), PAS_I13_BUSY, SCM_EINVAL_ADDR);
    ck_ok(pas_shutdown(&env.pas, PAS_ID_ADSP));
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_IDLE);
    ck_assert(fx_mem_read(&env.mem, FX_CARVEOUT_BASE, text, sizeof(text)));
    ck_assert_mem_eq(text, env.img.mbn->data + env.img.phdr[2].offset, sizeof(text));

    /* and the subsystem boots again */
    ck_ok(init_image());
    ck_ok(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem));
    ck_assert_uint_eq(env.pas.slot[0].boots, 2);

    /* an injected SHUTDOWN failure is one-shot and leaves the slot running */
    env.pas.slot[0].fail_shutdown = true;
    ck_refused(pas_shutdown(&env.pas, PAS_ID_ADSP), PAS_F1_SHUTDOWN_INJECTED, SCM_ERROR);
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_RUNNING);
    ck_assert(!env.pas.slot[0].fail_shutdown);
    ck_ok(pas_shutdown(&env.pas, PAS_ID_ADSP));
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_IDLE);
    ck_assert_uint_eq(env.pas.slot[0].shutdowns, 3);
}
END_TEST

START_TEST(relocatable_image_needs_mem_setup)
{
    MbnBuildOptions o = { .relocatable = true };

    env_rebuild(&o);
    ck_refused(pas_mem_setup(&env.pas, PAS_ID_ADSP, FX_CARVEOUT_BASE, 0x3000),
               PAS_M1_MEMSETUP_WRONG_STATE, SCM_EINVAL_ADDR);
    ck_ok(init_image());
    ck_assert(env.pas.slot[0].meta.relocatable);
    ck_refused(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem),
               PAS_A1_AUTH_WRONG_STATE, SCM_EINVAL_ADDR);
    ck_refused(pas_mem_setup(&env.pas, PAS_ID_ADSP, FX_CARVEOUT_BASE + 0x10, 0x3000),
               PAS_M2_MEMSETUP_RANGE, SCM_EINVAL_ARG);
    ck_refused(pas_mem_setup(&env.pas, PAS_ID_ADSP, FX_CARVEOUT_BASE, 0x1000),
               PAS_M2_MEMSETUP_RANGE, SCM_EINVAL_ARG);
    ck_refused(pas_mem_setup(&env.pas, PAS_ID_ADSP, FX_CARVEOUT_BASE + FX_CARVEOUT_SIZE - 0x1000,
                             0x3000), PAS_M2_MEMSETUP_RANGE, SCM_EINVAL_ARG);
    ck_refused(pas_mem_setup(&env.pas, PAS_ID_ADSP, G_MAXUINT64 - 0xfff, 0x3000),
               PAS_M2_MEMSETUP_RANGE, SCM_EINVAL_ARG);
    ck_ok(pas_mem_setup(&env.pas, PAS_ID_ADSP, FX_CARVEOUT_BASE, 0x3000));
    ck_ok(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem));
    ck_assert_uint_eq(env.pas.slot[0].load_base, FX_CARVEOUT_BASE);
}
END_TEST

/* The tests' pas_id and sw_id are the board's (boards/qcs6490-subsys.c) */
START_TEST(fixture_ids_are_the_boards)
{
    const RprocsimBoard *b = rprocsim_board_find("qcs6490-sim");
    const RprocsimSubsys *adsp = rprocsim_subsys_find(b, "adsp");
    const RprocsimSubsys *cdsp = rprocsim_subsys_find(b, "cdsp");
    g_autofree char *names = rprocsim_subsys_names(b);
    g_autofree char *dev = rprocsim_subsys_device(adsp);

    ck_assert_uint_eq(adsp->pas_id, PAS_ID_ADSP);
    ck_assert_uint_eq(adsp->sw_id, PAS_SW_ID_ADSP);
    ck_assert_uint_eq(cdsp->pas_id, PAS_ID_CDSP);
    ck_assert_uint_eq(cdsp->sw_id, PAS_SW_ID_CDSP);
    ck_assert_str_eq(names, "adsp, cdsp, wpss");
    ck_assert_str_eq(dev, "3700000.remoteproc");
    ck_assert_ptr_null(rprocsim_subsys_find(b, "mpss"));
    ck_assert_ptr_null(rprocsim_board_find("omap5-sim"));
    ck_assert_ptr_nonnull(rprocsim_board_find("am64x-sim"));
    ck_assert_ptr_eq(rprocsim_board_default(), b);
}
END_TEST

START_TEST(unknown_pas_id_is_i1)
{
    ck_refused(pas_init_image(&env.pas, 99, FX_META_PHYS, fx_mem_read, &env.mem),
               PAS_I1_UNKNOWN_PAS_ID, SCM_EOPNOTSUPP);
    ck_refused(pas_auth_and_reset(&env.pas, 4, fx_mem_read, &env.mem),
               PAS_I1_UNKNOWN_PAS_ID, SCM_EOPNOTSUPP);
    ck_refused(pas_shutdown(&env.pas, 0), PAS_I1_UNKNOWN_PAS_ID, SCM_EOPNOTSUPP);
}
END_TEST

START_TEST(unreadable_metadata_is_i2)
{
    /* outside DRAM, at its very end, wrapping around, and unbacked */
    ck_refused(pas_init_image(&env.pas, PAS_ID_ADSP, 0x1000, fx_mem_read, &env.mem),
               PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG);
    ck_refused(pas_init_image(&env.pas, PAS_ID_ADSP, FX_DRAM_BASE + FX_DRAM_SIZE - 20,
                              fx_mem_read, &env.mem),
               PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG);
    ck_refused(pas_init_image(&env.pas, PAS_ID_ADSP, G_MAXUINT64 - 8, fx_mem_read, &env.mem),
               PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG);
    ck_refused(pas_init_image(&env.pas, PAS_ID_ADSP, FX_DRAM_BASE, fx_mem_read, &env.mem),
               PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG);
    /* a hash segment that would make the blob exceed 64 KiB */
    poke32(52 + 32 + 16, MBN_MAX_BLOB);
    ck_refused(init_image(), PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG);
}
END_TEST

/* One header defect per iteration; each must be I3 */
START_TEST(not_elf32_is_i3)
{
    switch (_i) {
    case 0: poke32(0, 0x464c457e); break;                 /* magic */
    case 1: poke32(4, 0x00010102); break;                 /* ELFCLASS64 */
    case 2: poke32(4, 0x00010201); break;                 /* big-endian */
    case 3: poke32(28, 64); break;                        /* e_phoff */
    case 4: poke32(40, (peek32(40) & 0xffff) | (56u << 16)); break; /* e_phentsize */
    case 5: poke32(44, (peek32(44) & 0xffff0000) | 1); break;      /* e_phnum 1 */
    case 6: poke32(44, (peek32(44) & 0xffff0000) | 101); break;    /* e_phnum 101 */
    }
    ck_refused(init_image(), PAS_I3_NOT_ELF32, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(bad_phdr0_is_i4)
{
    if (_i == 0) {
        poke32(52 + 24, 0);                 /* not PHDR type */
    } else if (_i == 1) {
        poke32(52 + 16, 52);                /* wrong p_filesz */
    } else {
        poke32(52, PT_LOAD);
    }
    ck_refused(init_image(), PAS_I4_BAD_PHDR0, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(bad_hash_segment_is_i5)
{
    MbnBuildOptions o = { .truncate_hash_segment = _i == 0 };

    env_rebuild(&o);
    if (_i == 1) {
        poke32(52 + 64 + 24, MBN_TYPE_HASH);        /* a second hash segment */
    } else if (_i == 2) {
        poke32(hashseg() + 0x10, peek32(hashseg() + 0x10) + 4); /* total_size */
    } else if (_i == 3) {
        poke32(52 + 32 + 24, 0);                    /* no hash segment */
    }
    ck_refused(init_image(), PAS_I5_BAD_HASH_SEGMENT, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(unsupported_version_is_i6)
{
    poke32(hashseg() + 4, _i ? 7 : 4);
    ck_refused(init_image(), PAS_I6_UNSUPPORTED_VERSION, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(hash_table_size_is_i7)
{
    size_t h;

    h = hashseg();
    /* one digest fewer, the certificate slot taking up the slack */
    poke32(h + 0x14, peek32(h + 0x14) - 48);
    poke32(h + 0x24, peek32(h + 0x24) + 48);
    ck_refused(init_image(), PAS_I7_HASH_TABLE_SIZE, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(tampered_hash_table_is_i8)
{
    size_t entry;

    entry = hashseg() + MBN_HDR_V6_SIZE + MBN_OEM_METADATA_SIZE + 2 * 48;
    poke32(entry, peek32(entry) ^ 1);
    ck_refused(init_image(), PAS_I8_BAD_SIGNATURE, SCM_ERROR);
}
END_TEST

START_TEST(untrusted_key_is_i9)
{
    MbnBuildOptions o = { .key_id = SIMSIG_KEY_ID + 1 };

    env_rebuild(&o);
    if (_i == 1) {
        /* a trusted key id over a MAC made with the wrong key */
        poke32(hashseg() + MBN_HDR_V6_SIZE + 16, SIMSIG_KEY_ID);
        ck_refused(init_image(), PAS_I8_BAD_SIGNATURE, SCM_ERROR);
    } else {
        ck_refused(init_image(), PAS_I9_UNTRUSTED_KEY, SCM_ERROR);
        poke32(hashseg() + MBN_HDR_V6_SIZE, 0);      /* no SIMM block at all */
        ck_refused(init_image(), PAS_I9_UNTRUSTED_KEY, SCM_ERROR);
    }
}
END_TEST

START_TEST(wrong_sw_id_is_i10)
{
    MbnBuildOptions o = { .sw_id = _i ? PAS_SW_ID_ADSP : PAS_SW_ID_CDSP,
                          .hw_id = _i ? 0x1234 : 0 };

    env_rebuild(&o);
    ck_refused(init_image(), PAS_I10_WRONG_SW_ID, SCM_ERROR);
}
END_TEST

START_TEST(changed_header_is_i11)
{
    poke32(52 + 64 + 28, 0x40);     /* p_align of the first segment */
    ck_refused(init_image(), PAS_I11_HEADER_HASH, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(bad_layout_is_i12)
{
    const FxSeg outside[] = { { FX_CARVEOUT_BASE + FX_CARVEOUT_SIZE - 0x100, 0x200, 0x200, 5 } };
    const FxSeg overlap[] = { { FX_CARVEOUT_BASE, 0x200, 0x1000, 5 },
                              { FX_CARVEOUT_BASE + 0x800, 0x100, 0x100, 6 } };
    const FxSeg below[] = { { FX_CARVEOUT_BASE - 0x1000, 0x100, 0x100, 5 } };
    const FxSeg *cases[] = { outside, overlap, below };
    const unsigned counts[] = { 1, 2, 1 };
    g_autoptr(GByteArray) elf = fx_elf(cases[_i], counts[_i]);
    MbnBuildOptions o = { .sw_id = PAS_SW_ID_ADSP, .hw_id = SIMSIG_HW_ID,
                          .key_id = SIMSIG_KEY_ID };

    /* only the metadata is loaded: the segments lie where nothing backs them */
    env_free(&env);
    fx_mem_init(&env.mem);
    ck_assert(mbn_build(elf->data, elf->len, &o, &env.img, NULL));
    ck_assert(fx_mem_write(&env.mem, FX_META_PHYS, env.img.mdt->data, env.img.mdt->len));
    pas_init(&env.pas, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    ck_refused(init_image(), PAS_I12_BAD_LAYOUT, SCM_EINVAL_ADDR);
}
END_TEST

START_TEST(tampered_segment_is_a2)
{
    MbnBuildOptions o = { .tamper_segment = true };
    PasResult r;

    env_rebuild(&o);
    ck_ok(init_image());
    r = pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem);
    ck_refused(r, PAS_A2_SEGMENT_HASH, SCM_EINVAL_ADDR);
    ck_assert_int_eq(r.segment, 2);
    ck_assert_int_eq(env.pas.slot[0].state, PAS_STATE_INITED);
}
END_TEST

static bool read_no_carveout(void *opaque, uint64_t addr, void *buf, size_t len)
{
    return addr < FX_CARVEOUT_BASE && fx_mem_read(opaque, addr, buf, len);
}

START_TEST(unreadable_segment_is_a3)
{
    ck_ok(init_image());
    ck_refused(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, read_no_carveout, &env.mem),
               PAS_A3_SEGMENT_UNREADABLE, SCM_EINVAL_ADDR);
    /* and AUTH without INIT */
    ck_ok(pas_shutdown(&env.pas, PAS_ID_ADSP));
    ck_refused(pas_auth_and_reset(&env.pas, PAS_ID_ADSP, fx_mem_read, &env.mem),
               PAS_A1_AUTH_WRONG_STATE, SCM_EINVAL_ADDR);
}
END_TEST

/* SCM dispatch: the probe calls of qcom_scm and the PAS path */
typedef struct Calls {
    FxMem *mem;
    int released, halted;
    uint64_t entry;
} Calls;

static bool calls_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    return fx_mem_read(((Calls *)opaque)->mem, addr, buf, len);
}

static void calls_release(void *opaque, unsigned index, const RprocsimSubsys *sub,
                          const PasSlot *slot)
{
    ((Calls *)opaque)->released++;
    ((Calls *)opaque)->entry = slot->entry;
}

static void calls_halt(void *opaque, unsigned index, const RprocsimSubsys *sub)
{
    ((Calls *)opaque)->halted++;
}

static const ScmOps test_ops = { calls_read, calls_release, calls_halt };

static bool smc(ScmState *s, Calls *c, uint64_t x0, uint64_t x1, uint64_t x2,
                uint64_t x3, uint64_t out[4])
{
    uint64_t regs[8] = { x0, x1, x2, x3 };
    ScmReport rep;

    return scm_smc(s, &test_ops, c, regs, out, &rep);
}

START_TEST(scm_probe_calls)
{
    ScmState s;
    Calls c = { 0 };
    uint64_t out[4];

    scm_init(&s, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    /* convention probe, SMC64 and SMC32 */
    ck_assert(smc(&s, &c, 0xC2000601, 1, 0x02000601, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], 1);
    ck_assert(smc(&s, &c, 0x82000601, 1, 0x02000601, 0, out));
    ck_assert_uint_eq(out[1], 1);
    /* is-call-available: PAS yes, WAITQ no, a non-SiP owner no */
    ck_assert(smc(&s, &c, 0x42000601, 1, 0x02000205, 0, out));
    ck_assert_uint_eq(out[1], 1);
    ck_assert(smc(&s, &c, 0x42000601, 1, 0x02002404, 0, out));
    ck_assert_uint_eq(out[1], 0);
    ck_assert(smc(&s, &c, 0x42000601, 1, 0x03000205, 0, out));
    ck_assert_uint_eq(out[1], 0);
    /* download-mode register: read, write, read back; other addresses refused */
    ck_assert(smc(&s, &c, 0xC2000501, 1, SCM_DLOAD_MODE_ADDR, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], 0);
    ck_assert(smc(&s, &c, 0xC2000502, 2, SCM_DLOAD_MODE_ADDR, 0x10, out));
    ck_assert(smc(&s, &c, 0xC2000501, 1, SCM_DLOAD_MODE_ADDR, 0, out));
    ck_assert_uint_eq(out[1], 0x10);
    ck_assert(smc(&s, &c, 0xC2000501, 1, 0x80000000, 0, out));
    ck_assert_int_eq((int64_t)out[0], SCM_EINVAL_ADDR);
    /* SDI config accepted; QSEECOM answers a version (never 1 or 2); WAITQ not supported */
    ck_assert(smc(&s, &c, 0x42000109, 2, 1, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert(smc(&s, &c, 0x42000603, 1, 10, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], SCM_QSEECOM_VERSION);
    ck_assert_uint_gt(out[1], 2);
    ck_assert(smc(&s, &c, 0xC2002404, 0, 0, 0, out));
    ck_assert_int_eq((int64_t)out[0], SCM_EOPNOTSUPP);
    ck_assert(smc(&s, &c, 0xC2000999, 0, 0, 0, out));
    ck_assert_int_eq((int64_t)out[0], SCM_EOPNOTSUPP);
    ck_assert(smc(&s, &c, 0xC2010601, 1, 0x02000601, 0, out));   /* reserved bits */
    ck_assert_int_eq((int64_t)out[0], SCM_EOPNOTSUPP);
    /* SMC32 results are 32-bit */
    ck_assert(smc(&s, &c, 0x82000999, 0, 0, 0, out));
    ck_assert_uint_eq(out[0], 0xfffffffc);
    /* PSCI, OEM and standard-hypervisor calls are declined */
    ck_assert(!smc(&s, &c, 0x84000000, 0, 0, 0, out));
    ck_assert(!smc(&s, &c, 0xC3000001, 0, 0, 0, out));
    ck_assert(!smc(&s, &c, 0xC5000001, 0, 0, 0, out));
    pas_reset(&s.pas);
}
END_TEST

START_TEST(scm_pas_path)
{
    ScmState s;
    Calls c = { .mem = &env.mem };
    uint64_t out[4];

    scm_init(&s, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    ck_assert(smc(&s, &c, 0x42000207, 1, PAS_ID_ADSP, 0, out));
    ck_assert_uint_eq(out[1], 1);
    ck_assert(smc(&s, &c, 0x42000207, 1, PAS_ID_CDSP, 0, out));
    ck_assert_uint_eq(out[1], 0);
    ck_assert(smc(&s, &c, 0x42000201, 0x82, PAS_ID_ADSP, FX_META_PHYS, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], 0);
    ck_assert(smc(&s, &c, 0x42000205, 1, PAS_ID_ADSP, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_int_eq(c.released, 1);
    ck_assert_uint_eq(c.entry, FX_CARVEOUT_BASE);
    ck_assert(smc(&s, &c, 0x42000206, 1, PAS_ID_ADSP, 0, out));
    ck_assert_uint_eq(out[0], 0);
    ck_assert_int_eq(c.halted, 1);
    /* a pas_id above 32 bits is not truncated into a valid one */
    ck_assert(smc(&s, &c, 0x42000206, 1, (1ull << 32) | PAS_ID_ADSP, 0, out));
    ck_assert_int_eq((int64_t)out[0], SCM_EOPNOTSUPP);
    ck_assert_int_eq(c.halted, 1);
    pas_reset(&s.pas);
}
END_TEST

/* Whatever the registers, never INTERRUPTED, WAITQ_SLEEP or EBUSY */
START_TEST(scm_never_answers_retry_codes)
{
    ScmState s;
    FxMem mem;
    Calls c = { .mem = &mem };
    GRand *rand = g_rand_new_with_seed(6490);

    fx_mem_init(&mem);
    scm_init(&s, fx_subsys, 1, FX_DRAM_BASE, FX_DRAM_SIZE, SIMSIG_HW_ID);
    for (int i = 0; i < 20000; i++) {
        uint64_t regs[8], out[4];
        ScmReport rep;

        for (int r = 0; r < 8; r++) {
            regs[r] = ((uint64_t)g_rand_int(rand) << 32) | g_rand_int(rand);
        }
        /* mostly SiP calls with small function numbers */
        regs[0] = (regs[0] & 0xC00001FF) | 0x02000000 | ((regs[0] >> 8 & 7) << 8);
        regs[2] = i % 3 ? PAS_ID_ADSP : regs[2];
        if (scm_smc(&s, &test_ops, &c, regs, out, &rep)) {
            int64_t st = (int64_t)out[0];

            ck_assert(st != SCM_INTERRUPTED && st != SCM_WAITQ_SLEEP &&
                      st != SCM_EBUSY && (uint32_t)st != (uint32_t)SCM_EBUSY);
        }
    }
    g_rand_free(rand);
    pas_reset(&s.pas);
    fx_mem_free(&mem);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "accepted", valid_image_boots_and_shuts_down, 3 },
        { "accepted", relocatable_image_needs_mem_setup },
        { "accepted", fixture_ids_are_the_boards },
        { "refused", unknown_pas_id_is_i1 },
        { "refused", unreadable_metadata_is_i2 },
        { "refused", not_elf32_is_i3, 7 },
        { "refused", bad_phdr0_is_i4, 3 },
        { "refused", bad_hash_segment_is_i5, 4 },
        { "refused", unsupported_version_is_i6, 2 },
        { "refused", hash_table_size_is_i7 },
        { "refused", tampered_hash_table_is_i8 },
        { "refused", untrusted_key_is_i9, 2 },
        { "refused", wrong_sw_id_is_i10, 2 },
        { "refused", changed_header_is_i11 },
        { "refused", bad_layout_is_i12, 3 },
        { "refused", tampered_segment_is_a2 },
        { "refused", unreadable_segment_is_a3 },
        { "scm", scm_probe_calls },
        { "scm", scm_pas_path },
        { "scm", scm_never_answers_retry_codes },
    };

    return rp_suite_new("pas", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = env_default, .teardown = env_teardown });
}
