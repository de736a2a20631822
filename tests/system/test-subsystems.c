/*
 * System test: the subsystems with the stock kernel. qcom_q6v5_pas loads
 * the packed firmware stubs from /lib/firmware into the carveouts and
 * releases them through PAS; each stand-in core runs its firmware, whose
 * SMP2P ready makes the kernel report "is now up", and idles in WFI. WPSS
 * starts through sysfs; a stop is answered with stop-ack; a firmware that
 * stops petting gets bitten, the kernel sees the watchdog, and the bitten
 * core is reported as not running.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/ and guest/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "guest-fixture.h"
#include "qmp.h"

const bool rp_test_nofork = true;

#define UP_TIMEOUT_S 60.0
#define STATE_WAIT_S 30.0

static void boot(void)
{
    sys_boot(false, true, true);
}

static void wait_console(const char *needle)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = rp_vm_wait_console_contains(sys_vm, needle, UP_TIMEOUT_S, &err);

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

/* The sysfs folder of the remoteproc named @name */
static char *rproc_dir(const char *name)
{
    g_autofree char *cmd = g_strdup_printf(
        "for d in /sys/class/remoteproc/*; do [ \"$(cat $d/name)\" = %s ] && echo $d; done; true",
        name);
    char *dir = sys_guest(cmd);

    g_strstrip(dir);
    ck_assert_msg(*dir, "no remoteproc named %s", name);
    return dir;
}

static char *rproc_state(const char *name)
{
    g_autofree char *dir = rproc_dir(name);
    g_autofree char *cmd = g_strdup_printf("cat %s/state", dir);

    return g_strstrip(sys_guest(cmd));
}

/* Wait (bounded) until the kernel reports remoteproc @name in @want */
static void wait_rproc(const char *name, const char *want)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(STATE_WAIT_S * G_USEC_PER_SEC);
    g_autofree char *st = rproc_state(name);

    while (!g_str_equal(st, want) && g_get_monotonic_time() < deadline) {
        g_free(st);
        g_usleep(20000);
        st = rproc_state(name);
    }
    ck_assert_msg(g_str_equal(st, want), "%s is '%s', want '%s'", name, st, want);
}

static void rproc_write(const char *name, const char *file, const char *value)
{
    g_autofree char *dir = rproc_dir(name);
    g_autofree char *cmd = g_strdup_printf("echo %s > %s/%s", value, dir, file);
    g_autofree char *out = sys_guest(cmd);
}

START_TEST(adsp_and_cdsp_boot_by_themselves)
{
    g_autofree char *adsp = NULL, *cdsp = NULL, *wpss = NULL;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    wait_console("remote processor adsp is now up");
    wait_console("remote processor cdsp is now up");
    adsp = rproc_state("adsp");
    cdsp = rproc_state("cdsp");
    wpss = rproc_state("wpss");
    ck_assert_str_eq(adsp, "running");
    ck_assert_str_eq(cdsp, "running");
    ck_assert_str_eq(wpss, "offline");
    /* idle firmware waits for interrupts */
    wait_q6ss("adsp", "wfi");
    wait_q6ss("cdsp", "wfi");
}
END_TEST

/* A RPROCSIM_SUBSYSTEM_STATE event for @name in @state has come over QMP */
static void assert_state_event(const char *name, const char *state)
{
    GPtrArray *events = rp_qmp_events(sys_qmp);

    for (guint i = 0; i < events->len; i++) {
        JsonObject *ev = g_ptr_array_index(events, i);
        JsonObject *data = json_object_get_object_member(ev, "data");

        if (g_str_equal(json_object_get_string_member(ev, "event"),
                        "RPROCSIM_SUBSYSTEM_STATE") && data &&
            g_str_equal(json_object_get_string_member(data, "subsystem"), name) &&
            g_str_equal(json_object_get_string_member(data, "state"), state)) {
            return;
        }
    }
    ck_abort_msg("no RPROCSIM_SUBSYSTEM_STATE event %s %s among %u events", name, state,
                 events->len);
}

/* x-rprocsim-inject; NULL on success, else QEMU's error (caller frees) */
static char *inject(const char *subsystem, const char *fault)
{
    g_autoptr(GError) err = NULL;

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
    g_autofree char *st = NULL;

    rproc_write("wpss", "state", "start");
    wait_console("remote processor wpss is now up");
    st = rproc_state("wpss");
    ck_assert_str_eq(st, "running");
    wait_q6ss("wpss", "wfi");
    assert_state_event("wpss", "running");
}
END_TEST

START_TEST(stop_is_acknowledged)
{
    g_autofree char *st = NULL, *dmesg = NULL;

    rproc_write("adsp", "state", "stop");
    wait_console("stopped remote processor adsp");
    st = rproc_state("adsp");
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
    g_autofree char *dir = rproc_dir("cdsp");
    g_autofree char *dbg = NULL, *out = NULL;

    /* keep the bitten core as it is: no recovery */
    dbg = g_strdup_printf("echo disabled > /sys/kernel/debug/remoteproc/%s/recovery",
                          strrchr(dir, '/') + 1);
    out = sys_guest(dbg);
    ck_assert_ptr_null(inject("cdsp", "hang"));
    wait_console("crash detected in cdsp: type watchdog");
    wait_q6ss("cdsp", "bitten");
    assert_state_event("cdsp", "bitten");
}
END_TEST

/* A requested fatal error: the reason reaches the kernel, WPSS leaves a minidump */
START_TEST(wpss_fatal_reason_and_minidump)
{
    g_autofree char *magic = NULL;
    gint64 deadline;

    rproc_write("wpss", "coredump", "enabled");     /* off by default */
    sys_qom_set("/machine/wpss", "fault", "fatal::wpss test crash");
    wait_console("fatal error received: wpss test crash");
    wait_console("crash detected in wpss: type fatal error");
    /* the minidump becomes a devcoredump */
    deadline = g_get_monotonic_time() + (gint64)(STATE_WAIT_S * G_USEC_PER_SEC);
    do {
        g_free(magic);
        magic = sys_guest("for d in /sys/class/devcoredump/devcd*; do "
                          "[ -e $d/data ] && head -c 4 $d/data | od -An -tx1; done; true");
        g_strstrip(magic);
    } while (!*magic && g_get_monotonic_time() < deadline && (g_usleep(20000), TRUE));
    ck_assert_msg(g_str_has_prefix(magic, "7f 45 4c 46"), "no ELF devcoredump: '%s'", magic);
    /* a minidump is section-based (rproc_coredump_using_sections): e_shnum > 0 */
    {
        g_autofree char *shnum = sys_guest("for d in /sys/class/devcoredump/devcd*; do "
                                           "od -An -tu2 -j48 -N2 $d/data; done");
        guint64 n = 0;

        g_strstrip(shnum);
        ck_assert_msg(g_ascii_string_to_unsigned(shnum, 10, 1, 100, &n, NULL),
                      "the dump has no sections (e_shnum '%s'): not a minidump", shnum);
    }
}
END_TEST

/*
 * A real CPU fault: the aDSP firmware reads an unmapped address, its fault
 * handler records the crash and raises fatal with the reason; the coredump
 * holds the crash record.
 */
START_TEST(adsp_wild_pointer_crash_record)
{
    g_autofree char *found = NULL;
    gint64 deadline;

    rproc_write("adsp", "coredump", "enabled");
    sys_qom_set("/machine/adsp", "fault", "wild-pointer");
    wait_console("fatal error received: adsp: BusFault at pc 0x");
    wait_console("addr 0x30000000");
    /* the full coredump's writable segment holds the crash record and its reason */
    deadline = g_get_monotonic_time() + (gint64)(STATE_WAIT_S * G_USEC_PER_SEC);
    do {
        g_free(found);
        found = sys_guest("for d in /sys/class/devcoredump/devcd*; do "
                          "grep -l 'adsp: BusFault' $d/data; done; true");
        g_strstrip(found);
    } while (!*found && g_get_monotonic_time() < deadline && (g_usleep(20000), TRUE));
    ck_assert_msg(*found, "no coredump holds the aDSP crash record");
    /* recovery brings it back */
    wait_rproc("adsp", "running");
    wait_q6ss("adsp", "wfi");
}
END_TEST

Suite *rp_test_suite(void)
{
    Suite *s = suite_create("subsystems");
    TCase *tc = tcase_create("qcs6490-sim");

    tcase_add_unchecked_fixture(tc, boot, sys_shutdown);
    tcase_set_timeout(tc, 0);   /* every wait inside has its own bound */
    tcase_add_test(tc, adsp_and_cdsp_boot_by_themselves);
    tcase_add_test(tc, wpss_starts_through_sysfs);
    tcase_add_test(tc, wpss_fatal_reason_and_minidump);
    tcase_add_test(tc, adsp_wild_pointer_crash_record);
    tcase_add_test(tc, stop_is_acknowledged);
    tcase_add_test(tc, bitten_core_is_not_running);
    tcase_add_test(tc, inject_command_refuses_bad_input);
    suite_add_tcase(s, tc);
    return s;
}
