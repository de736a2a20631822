/*
 * qtests: the Q6SS block of the aDSP subsystem.
 *
 * - Release and halt through TrustZone: a bare-metal AArch64 program
 *   (tests/data/pas-smc.S) issues the PAS SMCs the kernel would, for a real
 *   Cortex-M image (tests/data/tiny-fw.c packed by 'rprocsim pack') that
 *   the test loads where Linux's mdt_loader would; the stand-in core runs
 *   it and idles in WFI, which STATUS and the "state" property show and
 *   state events report (running, then wfi); a watchdog bite then halts
 *   it, pulses the wdog interrupt and is reported too.
 * - Watchdog timing in virtual time (-accel qtest, clock_step).
 * - Fault registers: what the "fault" property sets, the firmware reads,
 *   and the fault interrupt.
 * - The carveout's XPU lock: from AUTH_AND_RESET to SHUTDOWN the same
 *   program's loads and stores to the carveout take an external abort and
 *   TrustZone counts them, while the stand-in core and QEMU's own accesses
 *   (qtest) go on; a failed AUTH_AND_RESET locks nothing; the lock and the
 *   count survive a migration (snapshot to a file and restore).
 * - The log of SSR events the firmware heard about its peers (SSR_NAME,
 *   SSR_EVENT): what QOM "ssr-events" and "ssr-event-count" show, the
 *   latest 16 kept, and the same after a migration.
 *
 * Needs RPROCSIM_BUILD, RPROCSIM_BIN, TINY_FW and PAS_SMC (the raw program).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "../unit/image-fixture.h"
#include "common.h"
#include "mbn.h"
#include "qtest-fixture.h"
#include "subsys.h"
#include "rprocsim/q6ss-regs.h"

/* The aDSP's block in the AP's view, and its registers (rprocsim/q6ss-regs.h) */
#define Q6SS            (rprocsim_subsys_find(&rprocsim_qcs6490_board, "adsp")->reg_base)
#define STATUS          (Q6SS + Q6SS_REG_STATUS)
#define BOOT_COUNT      (Q6SS + Q6SS_REG_BOOT_COUNT)
#define WDOG_PET        (Q6SS + Q6SS_REG_WDOG_PET)
#define WDOG_CTL        (Q6SS + Q6SS_REG_WDOG_CTL)
#define WDOG_BARK       (Q6SS + Q6SS_REG_WDOG_BARK_TIME)
#define WDOG_BITE       (Q6SS + Q6SS_REG_WDOG_BITE_TIME)
#define WDOG_STATUS     (Q6SS + Q6SS_REG_WDOG_STATUS)
#define FAULT_ACTION    (Q6SS + Q6SS_REG_FAULT_ACTION)
#define FAULT_ARG       (Q6SS + Q6SS_REG_FAULT_ARG)
#define FAULT_ACK       (Q6SS + Q6SS_REG_FAULT_ACK)
#define FAULT_MSG       (Q6SS + Q6SS_REG_FAULT_MSG)
#define SSR_NAME        (Q6SS + Q6SS_REG_SSR_NAME)
#define SSR_EVENT       (Q6SS + Q6SS_REG_SSR_EVENT)
#define ST_POWERED      (1u << Q6SS_STATUS_POWERED_SHIFT)
#define ST_RUNNING      (1u << Q6SS_STATUS_RUNNING_SHIFT)
#define ST_WFI          (1u << Q6SS_STATUS_WFI_SHIFT)
#define ST_BITTEN       (1u << Q6SS_STATUS_BITTEN_SHIFT)
/* the block's sysbus interrupt outputs, as the subsystem wires them */
#define IRQ_WDOG        0
#define IRQ_FAULT       1
#define IRQ_BARK        2
#define MAILBOX         0x9f000000ull
#define GO              MAILBOX
#define STAGE           (MAILBOX + 4)
#define PROBE           (MAILBOX + 48)      /* tests/data/pas-smc.S */
#define VALUE           (MAILBOX + 56)
#define ESR             (MAILBOX + 64)
#define META            0x90000000ull
#define TZ              "/machine/trustzone"
/* ESR_EL1 of a data abort at EL1 (EC 0x25) that is a synchronous external abort */
#define ESR_IS_SEA(e)   (((e) >> 26) == 0x25 && ((e) & 0x3f) == 0x10)
#define WAIT_S          30.0

/* qcs6490-sim with the aDSP Q6SS block's interrupt outputs intercepted */
static void start(const char *accel, const char *kernel)
{
    g_autoptr(GError) err = NULL;

    qt_start(accel, kernel);
    ck_assert_msg(rp_qtest_irq_intercept_out(qt, "/machine/adsp", "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
}

static char *state(void)
{
    return qt_qom_str("/machine/adsp", "state");
}

/* Wait (bounded, in wall time) until (readl(@addr) & @mask) == @want */
static uint32_t wait_for(uint64_t addr, uint32_t mask, uint32_t want)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(WAIT_S * G_USEC_PER_SEC);
    uint32_t v;

    while (((v = qt_rd(addr)) & mask) != want && g_get_monotonic_time() < deadline) {
        g_usleep(1000);
    }
    ck_assert_msg((v & mask) == want, "0x%llx reads 0x%x, want 0x%x under mask 0x%x",
                  (unsigned long long)addr, v, want, mask);
    return v;
}

static void write_file_to(const char *path, uint64_t addr)
{
    g_autofree char *data = NULL;
    gsize len;

    ck_assert_msg(g_file_get_contents(path, &data, &len, NULL), "cannot read %s", path);
    for (gsize off = 0; off < len; off += 0x8000) {
        ck_assert(rp_qtest_write(qt, addr + off, data + off, MIN(0x8000, len - off), NULL));
    }
}

/*
 * Pack tiny-fw and put it where mdt_loader would: .mdt at META, segments at
 * p_paddr. Returns the address of its writable segment, whose first word is
 * tiny-fw's boot_count (1 in the image, 2 once its reset handler ran).
 */
static uint64_t load_firmware(const char *dir)
{
    g_autofree char *mbn = g_build_filename(dir, "adsp.mbn", NULL);
    g_autofree char *mdt = g_build_filename(dir, "adsp.mdt", NULL);
    g_autofree char *cmd = g_strdup_printf("%s pack --subsystem adsp --split -o %s %s",
                                           g_getenv("RPROCSIM_BIN"), mbn, g_getenv("TINY_FW"));
    g_autofree char *out = NULL, *err_text = NULL, *blob = NULL;
    gsize blob_len;
    MbnMeta meta;
    MbnError err;
    uint64_t data = 0;
    int status = -1;

    ck_assert(g_spawn_command_line_sync(cmd, &out, &err_text, &status, NULL));
    ck_assert_msg(status == 0, "%s: %s", cmd, err_text);
    write_file_to(mdt, META);
    ck_assert(g_file_get_contents(mdt, &blob, &blob_len, NULL));
    ck_assert_msg(mbn_parse_blob((uint8_t *)blob, blob_len, &meta, &err), "%s", err.detail);
    for (unsigned i = 0; i < meta.phnum; i++) {
        g_autofree char *name = g_strdup_printf("adsp.b%02u", i);
        g_autofree char *seg = g_build_filename(dir, name, NULL);

        if (mbn_segment_loadable(&meta, i) && meta.phdr[i].filesz) {
            write_file_to(seg, meta.phdr[i].paddr);
            if (meta.phdr[i].flags & 2) {       /* PF_W */
                data = meta.phdr[i].paddr;
            }
        }
    }
    mbn_meta_clear(&meta);
    ck_assert_uint_ne(data, 0);
    return data;
}

START_TEST(release_wfi_bite_and_halt)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *st = NULL, *st2 = NULL, *st3 = NULL;
    uint64_t boot_count;
    guint from = 0;

    start("tcg", g_getenv("PAS_SMC"));
    ck_assert_uint_eq(qt_rd(STATUS), 0);           /* held off until released */
    boot_count = load_firmware(dir);
    ck_assert_uint_eq(qt_rd(boot_count), 1);
    qt_wr(MAILBOX, 1);                             /* the "kernel" issues INIT and AUTH */
    wait_for(MAILBOX + 4, 0xff, 2);
    ck_assert_uint_eq(qt_rd(MAILBOX + 8), 0);      /* INIT_IMAGE x0, x1 */
    ck_assert_uint_eq(qt_rd(MAILBOX + 16), 0);
    ck_assert_uint_eq(qt_rd(MAILBOX + 24), 0);     /* AUTH_AND_RESET x0 */
    ck_assert_uint_eq(qt_rd(BOOT_COUNT), 1);

    /* the firmware runs (its reset handler counts the boot), then idles in WFI */
    wait_for(boot_count, 0xffffffff, 2);
    wait_for(STATUS, ST_POWERED | ST_WFI, ST_POWERED | ST_WFI);
    st = state();
    ck_assert_str_eq(st, "wfi");
    qt_wait_state_event("adsp", "running", &from);
    qt_wait_state_event("adsp", "wfi", &from);

    /* it never pets: a short watchdog bites, halts it, pulses the interrupt */
    qt_wr(WDOG_BARK, 64);
    qt_wr(WDOG_BITE, 128);
    qt_wr(WDOG_CTL, 1);
    wait_for(STATUS, ST_POWERED | ST_BITTEN, ST_BITTEN);
    ck_assert_uint_eq(qt_rd(WDOG_STATUS) & 2, 2);
    ck_assert_uint_eq(rp_qtest_irq_raises(qt, IRQ_WDOG), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_WDOG), 0);
    st2 = state();
    ck_assert_str_eq(st2, "bitten");
    qt_wait_state_event("adsp", "bitten", &from);

    /* PAS_SHUTDOWN keeps it off */
    qt_wr(MAILBOX, 2);
    wait_for(MAILBOX + 4, 0xff, 3);
    ck_assert_uint_eq(qt_rd(MAILBOX + 40), 0);
    ck_assert_uint_eq(qt_rd(STATUS) & (ST_POWERED | ST_RUNNING), 0);
    st3 = state();
    ck_assert(g_str_equal(st3, "bitten") || g_str_equal(st3, "off"));
    fx_rm_dir(dir);
}
END_TEST

START_TEST(watchdog_times_in_virtual_time)
{
    start("qtest", NULL);
    qt_wr(WDOG_BARK, 32768);                       /* 1 s */
    qt_wr(WDOG_BITE, 65536);                       /* 2 s */
    qt_wr(WDOG_CTL, 1);
    ck_assert(rp_qtest_clock_step(qt, 999 * 1000 * 1000, NULL));
    ck_assert_uint_eq(qt_rd(WDOG_STATUS), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_BARK), 0);
    ck_assert(rp_qtest_clock_step(qt, 2 * 1000 * 1000, NULL));
    ck_assert_uint_eq(qt_rd(WDOG_STATUS), 1);      /* barked at 1 s */
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_BARK), 1);
    /* a pet restarts both */
    qt_wr(WDOG_PET, 1);
    ck_assert_uint_eq(qt_rd(WDOG_STATUS), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_BARK), 0);
    ck_assert(rp_qtest_clock_step(qt, 1999 * 1000 * 1000, NULL));
    ck_assert_uint_eq(rp_qtest_irq_raises(qt, IRQ_WDOG), 0);
    ck_assert(rp_qtest_clock_step(qt, 2 * 1000 * 1000, NULL));
    ck_assert_uint_eq(qt_rd(WDOG_STATUS) & 2, 2);  /* bitten at 2 s after the pet */
    ck_assert_uint_eq(rp_qtest_irq_raises(qt, IRQ_WDOG), 1);
    ck_assert_uint_eq(qt_rd(STATUS) & ST_BITTEN, ST_BITTEN);
    /* disabled: nothing happens */
    qt_wr(WDOG_CTL, 0);
    ck_assert(rp_qtest_clock_step(qt, 10ll * 1000 * 1000 * 1000, NULL));
    ck_assert_uint_eq(rp_qtest_irq_raises(qt, IRQ_WDOG), 1);
}
END_TEST

static gboolean set_fault(const char *value, GError **err)
{
    return rp_qmp_qom_set_str(qt_qmp, "/machine/adsp", "fault", value, err);
}

START_TEST(fault_registers_and_interrupt)
{
    g_autoptr(GError) err = NULL;
    char msg[64] = { 0 };

    start("qtest", NULL);
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 0);
    ck_assert_msg(set_fault("fatal::dsp fell over", &err), "%s", err ? err->message : "?");
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 3);
    ck_assert(rp_qtest_read(qt, FAULT_MSG, msg, sizeof(msg), NULL));
    ck_assert_str_eq(msg, "dsp fell over");
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_FAULT), 1);
    qt_wr(FAULT_ACK, 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IRQ_FAULT), 0);
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 0);     /* one-shot: taken, gone */
    ck_assert(rp_qtest_read(qt, FAULT_MSG, msg, sizeof(msg), NULL));
    ck_assert_str_eq(msg, "dsp fell over");     /* the message stays readable */

    ck_assert(set_fault("ready-delay:300", NULL));
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 2);
    ck_assert_uint_eq(qt_rd(FAULT_ARG), 300);
    /* bad values are refused and change nothing */
    ck_assert(!set_fault("explode", &err));
    g_clear_error(&err);
    ck_assert(!set_fault("ready-delay:soon", NULL));
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 2);
    ck_assert(set_fault("none", NULL));
    ck_assert_uint_eq(qt_rd(FAULT_ACTION), 0);
}
END_TEST

/* qom-get of an integer property */
/* Command @go of the program (tests/data/pas-smc.S); waits for its STAGE */
static void run_cmd(uint32_t go, uint32_t stage)
{
    qt_wr(STAGE, 0);
    qt_wr(GO, go);
    wait_for(STAGE, 0xff, stage);
}

/*
 * A 32-bit AP load (@write false) or store of @value at @addr by the
 * program. Returns TRUE if it went through (*@value then holds what was
 * loaded), FALSE if it took a synchronous external abort.
 */
static gboolean ap_access(uint64_t addr, gboolean write, uint32_t *value)
{
    uint32_t esr;

    qt_wr(ESR, 0);
    qt_wr(PROBE, (uint32_t)addr);
    qt_wr(PROBE + 4, (uint32_t)(addr >> 32));
    qt_wr(VALUE, write ? *value : 0);
    run_cmd(write ? 4 : 3, write ? 5 : 4);
    esr = qt_rd(ESR);
    ck_assert_msg(esr == 0 || ESR_IS_SEA(esr), "unexpected exception, ESR 0x%x", esr);
    if (!write) {
        *value = qt_rd(VALUE);
    }
    return esr == 0;
}

static gboolean ap_read(uint64_t addr, uint32_t *value)
{
    return ap_access(addr, FALSE, value);
}

static gboolean ap_write(uint64_t addr, uint32_t value)
{
    return ap_access(addr, TRUE, &value);
}

START_TEST(carveout_locked_while_running)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    const RprocsimSubsys *adsp = rprocsim_subsys_find(&rprocsim_qcs6490_board, "adsp");
    const RprocsimSubsys *cdsp = rprocsim_subsys_find(&rprocsim_qcs6490_board, "cdsp");
    uint64_t boot_count, last = adsp->carveout_base + adsp->carveout_size - 4;
    uint32_t v = 0, code;

    start("tcg", g_getenv("PAS_SMC"));
    boot_count = load_firmware(dir);
    code = qt_rd(adsp->carveout_base);

    /* loaded, not yet authenticated: the AP reads and writes the carveout */
    ck_assert(ap_read(boot_count, &v));
    ck_assert_uint_eq(v, 1);
    ck_assert(ap_write(last, 0x5a5a5a5a));
    ck_assert_uint_eq(qt_rd(last), 0x5a5a5a5a);
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 0);

    /* authenticated and released: the core runs from it and writes it */
    run_cmd(1, 2);
    ck_assert_uint_eq(qt_rd(MAILBOX + 24), 0);
    wait_for(boot_count, 0xffffffff, 2);

    /* the AP's loads and stores abort and are counted; nothing is written */
    ck_assert(!ap_read(boot_count, &v));
    ck_assert_uint_eq(v, 0);
    ck_assert(!ap_read(adsp->carveout_base, &v));
    ck_assert(!ap_write(boot_count, 0xdeadbeef));
    ck_assert(!ap_read(last, &v));
    ck_assert_uint_eq(qt_rd(boot_count), 2);
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 4);
    ck_assert_int_eq(qt_qom_int(TZ, "cdsp-xpu-violations"), 0);
    /* only the running subsystem's carveout: its neighbours' stay open */
    ck_assert(ap_read(cdsp->carveout_base, &v));
    ck_assert(ap_read(adsp->carveout_base - 4, &v));
    ck_assert_uint_eq(qt_rd(adsp->carveout_base), code);    /* QEMU's own access */

    /* shut down: open again, as the coredump needs it */
    run_cmd(2, 3);
    ck_assert_uint_eq(qt_rd(MAILBOX + 40), 0);
    ck_assert(ap_read(boot_count, &v));
    ck_assert_uint_eq(v, 2);
    ck_assert(ap_write(boot_count, 7));
    ck_assert_uint_eq(qt_rd(boot_count), 7);
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 4);

    /* a failed AUTH_AND_RESET (the code segment tampered with) locks nothing */
    qt_wr(adsp->carveout_base, code ^ 1);
    run_cmd(1, 2);
    ck_assert_uint_eq(qt_rd(MAILBOX + 8), 0);
    ck_assert_uint_eq(qt_rd(MAILBOX + 24), (uint32_t)-2);
    ck_assert(ap_read(boot_count, &v));
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 4);
    fx_rm_dir(dir);
}
END_TEST

START_TEST(lock_survives_migration)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *uri = g_strdup_printf("file:%s/snapshot", dir);
    const char *const incoming[] = { "-incoming", "defer", NULL };
    uint64_t boot_count;
    uint32_t v;

    start("tcg", g_getenv("PAS_SMC"));
    boot_count = load_firmware(dir);
    run_cmd(1, 2);
    ck_assert_uint_eq(qt_rd(MAILBOX + 24), 0);
    ck_assert(!ap_read(boot_count, &v));
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 1);
    qt_save(uri);

    /* a new QEMU restores it: locked, counted, and unlocked by SHUTDOWN */
    qt_start_extra("tcg", g_getenv("PAS_SMC"), incoming);
    qt_restore(uri);
    qt_qmp_do("cont", NULL, NULL);
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 1);
    ck_assert(!ap_read(boot_count, &v));
    ck_assert_int_eq(qt_qom_int(TZ, "adsp-xpu-violations"), 2);
    run_cmd(2, 3);
    ck_assert(ap_read(boot_count, &v));
    ck_assert_uint_eq(v, 2);
    fx_rm_dir(dir);
}
END_TEST

/* The firmware's writes when sysmon tells it @peer had @event (@driven: 0, 1 or 0xff) */
static void ssr_event(const char *peer, uint32_t event, uint32_t driven)
{
    uint8_t name[Q6SS_SSR_NAME_LEN] = { 0 };

    memcpy(name, peer, MIN(strlen(peer), sizeof(name)));
    for (unsigned i = 0; i < Q6SS_SSR_NAME_LEN; i += 4) {
        qt_wr(SSR_NAME + i, name[i] | name[i + 1] << 8 | name[i + 2] << 16 |
              (uint32_t)name[i + 3] << 24);
    }
    qt_wr(SSR_EVENT, event << Q6SS_SSR_EVENT_TYPE_SHIFT | driven << Q6SS_SSR_EVENT_DRIVEN_SHIFT);
}

START_TEST(ssr_log_and_its_migration)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *uri = g_strdup_printf("file:%s/snapshot", dir);
    const char *const incoming[] = { "-incoming", "defer", NULL };
    g_autofree char *events = NULL, *first = NULL, *after = NULL;
    g_auto(GStrv) kept = NULL;

    start("qtest", NULL);
    first = qt_qom_str("/machine/adsp", "ssr-events");
    ck_assert_str_eq(first, "");
    ssr_event("cdsp", 2, 0);
    ssr_event("wpss", 1, 1);
    ssr_event("a-name-of-16-chr", 3, 0xff);     /* no NUL: cut at 16 */
    ssr_event("cdsp", 9, 0);                    /* not an event sysmon sends */
    events = qt_qom_str("/machine/adsp", "ssr-events");
    ck_assert_str_eq(events, "cdsp:before_shutdown:forced,wpss:after_powerup:graceful,"
                     "a-name-of-16-chr:after_shutdown,cdsp:unknown:forced");
    for (int i = 0; i < 16; i++) {
        ssr_event("wpss", i % 4, 0);
    }
    ck_assert_int_eq(qt_qom_int("/machine/adsp", "ssr-event-count"), 20);
    g_free(events);
    events = qt_qom_str("/machine/adsp", "ssr-events");
    ck_assert(g_str_has_prefix(events, "wpss:before_powerup:forced,"));
    kept = g_strsplit(events, ",", -1);
    ck_assert_int_eq(g_strv_length(kept), 16);

    qt_save(uri);
    qt_start_extra("qtest", NULL, incoming);
    qt_restore(uri);
    after = qt_qom_str("/machine/adsp", "ssr-events");
    ck_assert_str_eq(after, events);
    ck_assert_int_eq(qt_qom_int("/machine/adsp", "ssr-event-count"), 20);
    ssr_event("cdsp", 1, 0);
    ck_assert_int_eq(qt_qom_int("/machine/adsp", "ssr-event-count"), 21);
    fx_rm_dir(dir);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "adsp", release_wfi_bite_and_halt },
        { "adsp", watchdog_times_in_virtual_time },
        { "adsp", fault_registers_and_interrupt },
        { "adsp", carveout_locked_while_running },
        { "adsp", lock_survives_migration },
        { "adsp", ssr_log_and_its_migration },
    };

    return rp_suite_new("q6ss", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 120, .teardown = qt_stop });
}
