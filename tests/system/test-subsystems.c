/*
 * System test: the subsystems with the stock kernel. qcom_q6v5_pas loads
 * the packed firmware stubs from /lib/firmware into the carveouts and
 * releases them through PAS; each stand-in core runs its firmware, whose
 * SMP2P ready makes the kernel report "is now up", and idles in WFI. WPSS
 * starts through sysfs; a stop is answered with stop-ack; a firmware that
 * stops petting gets bitten, the kernel sees the watchdog, and the bitten
 * core is reported as not running.
 *
 * Each test that starts, stops or crashes a subsystem has a guest of its
 * own. The remoteprocs are found as the tools find them (rproc.h).
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/ and guest/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "rprocsim/bytes.h"
#include "guest-fixture.h"
#include "qmp.h"
#include "rproc.h"

#define UP_TIMEOUT_S 60.0
#define STATE_WAIT_S 30.0

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RpRproc, rp_rproc_clear)

/* Wait until a console line, earlier or later, contains the formatted text */
static void G_GNUC_PRINTF(1, 2) wait_console(const char *fmt, ...)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *needle = NULL, *line = NULL;
    va_list ap;

    va_start(ap, fmt);
    needle = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    line = rp_vm_wait_console_contains(sys_vm, needle, UP_TIMEOUT_S, &err);
    ck_assert_msg(line, "%s", err ? err->message : "?");
}

static char *q6ss_state(const char *name)
{
    g_autofree char *path = g_strdup_printf("/machine/%s", name);

    return sys_qom_get(path, "state");
}

/* Wait (bounded) until the Q6SS of @name reports @want */
static void wait_q6ss(const char *name, const char *want)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(STATE_WAIT_S * G_USEC_PER_SEC);
    g_autofree char *st = q6ss_state(name);

    while (!g_str_equal(st, want) && g_get_monotonic_time() < deadline) {
        g_free(st);
        g_usleep(2000);
        st = q6ss_state(name);
    }
    ck_assert_msg(g_str_equal(st, want), "%s is '%s', want '%s'", name, st, want);
}

/* The guest's remoteproc of subsystem @name, through its device link */
static void find_rproc(const char *name, RpRproc *r)
{
    const RpSubsys *ss = rprocsim_subsys_find(rprocsim_board_default(), name);
    g_autoptr(GError) err = NULL;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    ck_assert_msg(ss, "no subsystem %s on the board", name);
    ck_assert_msg(rp_rproc_find(sys_vm, ss, UP_TIMEOUT_S, r, &err), "%s", err->message);
}

/* The kernel's "state" of @r (caller frees) */
static char *rproc_state(const RpRproc *r)
{
    g_autoptr(GError) err = NULL;
    char *st = rp_rproc_read(sys_vm, r, "state", &err);

    ck_assert_msg(st, "%s", err ? err->message : "?");
    return st;
}

/* Wait (bounded) until the kernel reports @r in @want */
static void wait_rproc(const RpRproc *r, const char *want)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_rproc_wait_state(sys_vm, r, want, STATE_WAIT_S, &err), "%s",
                  err ? err->message : "?");
}

static void rproc_write(const RpRproc *r, const char *attr, const char *value)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_rproc_write(sys_vm, r, attr, value, &err), "%s",
                  err ? err->message : "?");
}

/* The remoteproc of @name, a subsystem that boots by itself, once it is up and idle */
static void find_up(const char *name, RpRproc *r)
{
    find_rproc(name, r);
    wait_console("remote processor %s is now up", r->name);
    wait_rproc(r, "running");
    wait_q6ss(name, "wfi");
}

/* Start the WPSS (which does not boot by itself) through sysfs; it comes up */
static void start_wpss(const RpRproc *wpss)
{
    g_autofree char *st = rproc_state(wpss);

    ck_assert_str_eq(st, "offline");
    rproc_write(wpss, "state", "start");
    wait_console("remote processor %s is now up", wpss->name);
    wait_q6ss("wpss", "wfi");
}

/* The devcoredump the kernel made for @r, waited for (bounded) and released */
static GBytes *take_dump(const RpRproc *r)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(STATE_WAIT_S * G_USEC_PER_SEC);
    g_autoptr(GError) err = NULL;
    GBytes *dump;

    while (!(dump = rp_rproc_take_dump(sys_vm, r, &err)) &&
           g_get_monotonic_time() < deadline) {
        g_clear_error(&err);
        g_usleep(20000);
    }
    ck_assert_msg(dump, "%s", err ? err->message : "?");
    return dump;
}

START_TEST(adsp_and_cdsp_boot_by_themselves)
{
    g_auto(RpRproc) adsp = { 0 }, cdsp = { 0 }, wpss = { 0 };
    g_autofree char *adsp_st = NULL, *cdsp_st = NULL, *wpss_st = NULL;

    find_rproc("adsp", &adsp);
    find_rproc("cdsp", &cdsp);
    find_rproc("wpss", &wpss);
    wait_console("remote processor %s is now up", adsp.name);
    wait_console("remote processor %s is now up", cdsp.name);
    adsp_st = rproc_state(&adsp);
    cdsp_st = rproc_state(&cdsp);
    wpss_st = rproc_state(&wpss);
    ck_assert_str_eq(adsp_st, "running");
    ck_assert_str_eq(cdsp_st, "running");
    ck_assert_str_eq(wpss_st, "offline");
    /* idle firmware waits for interrupts */
    wait_q6ss("adsp", "wfi");
    wait_q6ss("cdsp", "wfi");
}
END_TEST

/* A RPROCSIM_SUBSYSTEM_STATE event for @name in @state has come over QMP */
static void assert_state_event(const char *name, const char *state)
{
    g_autoptr(GPtrArray) states = rp_qmp_state_events(sys_qmp, name);

    for (guint i = 0; i < states->len; i++) {
        if (g_str_equal(g_ptr_array_index(states, i), state)) {
            return;
        }
    }
    ck_abort_msg("no RPROCSIM_SUBSYSTEM_STATE event %s %s among its %u", name, state,
                 states->len);
}

/* x-rprocsim-inject; NULL on success, else QEMU's error (caller frees) */
static char *inject(const char *subsystem, const char *fault)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(sys_qmp, "no QMP monitor: %s", sys_boot_error);
    return rp_qmp_inject(sys_qmp, subsystem, fault, &err) ? NULL : g_strdup(err->message);
}

START_TEST(inject_command_refuses_bad_input)
{
    g_autofree char *e1 = inject("ipcc", "hang");
    g_autofree char *e2 = inject("adsp/../ipcc", "hang");
    g_autofree char *e3 = inject("adsp", "explode");
    g_autofree char *e4 = inject("trustzone", "shutdown-fail:modem");

    ck_assert_msg(e1 && strstr(e1, "not a subsystem"), "%s", e1 ? e1 : "accepted");
    ck_assert_msg(e2 && strstr(e2, "not a subsystem"), "%s", e2 ? e2 : "accepted");
    ck_assert_msg(e3 && strstr(e3, "unknown fault"), "%s", e3 ? e3 : "accepted");
    ck_assert_msg(e4 && strstr(e4, "unknown TrustZone fault"), "%s", e4 ? e4 : "accepted");
}
END_TEST

START_TEST(wpss_starts_through_sysfs)
{
    g_auto(RpRproc) wpss = { 0 };
    g_autofree char *st = NULL;

    find_rproc("wpss", &wpss);
    start_wpss(&wpss);
    st = rproc_state(&wpss);
    ck_assert_str_eq(st, "running");
    assert_state_event("wpss", "running");
}
END_TEST

START_TEST(stop_is_acknowledged)
{
    g_auto(RpRproc) adsp = { 0 };
    g_autofree char *st = NULL, *dmesg = NULL;

    find_up("adsp", &adsp);
    rproc_write(&adsp, "state", "stop");
    wait_console("stopped remote processor %s", adsp.name);
    st = rproc_state(&adsp);
    ck_assert_str_eq(st, "offline");
    wait_q6ss("adsp", "off");
    assert_state_event("adsp", "off");
    /* stop-ack came: no stop timeout */
    dmesg = sys_guest("dmesg");
    ck_assert_msg(!strstr(dmesg, "timed out"), "a stop timed out:\n%s", dmesg);
}
END_TEST

START_TEST(bitten_core_is_not_running)
{
    g_auto(RpRproc) cdsp = { 0 };
    g_autofree char *dbg = NULL, *out = NULL;

    find_up("cdsp", &cdsp);
    /* keep the bitten core as it is: no recovery */
    dbg = g_strdup_printf("echo disabled > /sys/kernel/debug/remoteproc/%s/recovery",
                          strrchr(cdsp.dir, '/') + 1);
    out = sys_guest(dbg);
    ck_assert_ptr_null(inject("cdsp", "hang"));
    wait_console("crash detected in %s: type watchdog", cdsp.name);
    wait_q6ss("cdsp", "bitten");
    assert_state_event("cdsp", "bitten");
}
END_TEST

/* A requested fatal error: the reason reaches the kernel, WPSS leaves a minidump */
START_TEST(wpss_fatal_reason_and_minidump)
{
    g_auto(RpRproc) wpss = { 0 };
    g_autoptr(GBytes) dump = NULL;
    const uint8_t *d;
    gsize len;

    find_rproc("wpss", &wpss);
    start_wpss(&wpss);
    rproc_write(&wpss, "coredump", "enabled");     /* off by default */
    sys_qom_set("/machine/wpss", "fault", "fatal::wpss test crash");
    wait_console("fatal error received: wpss test crash");
    wait_console("crash detected in %s: type fatal error", wpss.name);
    /* the minidump becomes a devcoredump of the WPSS */
    dump = take_dump(&wpss);
    d = g_bytes_get_data(dump, &len);
    ck_assert_msg(len >= 52 && !memcmp(d, "\x7f" "ELF", 4), "no ELF devcoredump (%zu bytes)",
                  len);
    /* a minidump is section-based (rproc_coredump_using_sections): e_shnum > 0 */
    ck_assert_msg(rp_le16(d + 48) >= 1 && rp_le16(d + 48) <= 100,
                  "the dump has %u sections (e_shnum): not a minidump", rp_le16(d + 48));
}
END_TEST

/*
 * A real CPU fault: the aDSP firmware reads an unmapped address, its fault
 * handler records the crash and raises fatal with the reason; the coredump
 * holds the crash record.
 */
START_TEST(adsp_wild_pointer_crash_record)
{
    static const char reason[] = "adsp: BusFault";
    g_auto(RpRproc) adsp = { 0 };
    g_autoptr(GBytes) dump = NULL;
    const uint8_t *d;
    gsize len;

    find_up("adsp", &adsp);
    rproc_write(&adsp, "coredump", "enabled");
    sys_qom_set("/machine/adsp", "fault", "wild-pointer");
    wait_console("fatal error received: adsp: BusFault at pc 0x");
    wait_console("addr 0x30000000");
    /* the full coredump's writable segment holds the crash record and its reason */
    dump = take_dump(&adsp);
    d = g_bytes_get_data(dump, &len);
    ck_assert_msg(memmem(d, len, reason, strlen(reason)),
                  "the aDSP coredump (%zu bytes) does not hold the crash record", len);
    /* recovery brings it back */
    wait_rproc(&adsp, "running");
    wait_q6ss("adsp", "wfi");
}
END_TEST

Suite *rp_test_suite(void)
{
    /* one guest for the two that only look, one for each of the others */
    const RpTest tests[] = {
        { "qcs6490-sim", adsp_and_cdsp_boot_by_themselves },
        { "wpss-start", wpss_starts_through_sysfs },
        { "wpss-fatal", wpss_fatal_reason_and_minidump },
        { "adsp-wild-pointer", adsp_wild_pointer_crash_record },
        { "adsp-stop", stop_is_acknowledged },
        { "cdsp-bite", bitten_core_is_not_running },
        { "qcs6490-sim", inject_command_refuses_bad_input },
    };

    return sys_suite("subsystems", tests, G_N_ELEMENTS(tests),
                     &(SysBootOptions){ .qmp = true, .wait_modules = true });
}
