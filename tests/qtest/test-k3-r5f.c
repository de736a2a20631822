/*
 * qtests: an R5F core of am64x-sim (hw/k3-r5f.c) running real code
 * (-accel tcg), driven through the device's test-only inputs (x-module-on,
 * x-local-reset, x-halt, x-boot-vector: what TI-SCI asks, hw/k3-r5f.h):
 *
 * - it stays off until its module is on, its local reset released and
 *   HALT clear, then runs a small ARM program the test puts in the ATCM
 *   through the SoC view, from the boot vector: the program prints on the
 *   control block's UART, counts in the BTCM and waits in WFI, which the
 *   status reports;
 * - HALT set while it runs changes nothing; an injected fault wakes it
 *   (the program acknowledges it); local reset stops it, a new release
 *   boots it again;
 * - each change of its state (running, WFI, busy with an interrupt held
 *   high, off) comes as a RPROCSIM_SUBSYSTEM_STATE event, a short wake-up
 *   as none;
 * - the state survives a migration through a file.
 *
 * The application cores idle in WFI (a two-instruction -kernel). Needs
 * RPROCSIM_BUILD (the build folder with qemu/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "qtest-fixture.h"

#include "rprocsim/am64x-map.h"
#include "rprocsim/k3-r5f-ctl-regs.h"
#include "rprocsim/subsys.h"
#include "rprocsim/ti-sci-msg.h"

#define CORE            "/machine/r5f0_0"
#define BOOT_VECTOR     0x100u          /* R5 view: ATCM offset 0x100 */
#define WAIT_S          20.0

static const RprocsimSubsys *core0(void)
{
    return &rprocsim_am64x_board.subsys[0];
}

/*
 * The program (ARM state, at BOOT_VECTOR): "OK\n" on UART_TX, then
 * forever: BTCM[0] += 1; acknowledge a pending fault; dsb; wfi.
 */
static const uint32_t program[] = {
    0xe3000300, 0xe3430f00,         /* movw/movt r0, CTL_BASE + UART_TX */
    0xe3a0104f, 0xe5801000,         /* mov r1, 'O'; str r1, [r0] */
    0xe3a0104b, 0xe5801000,         /* 'K' */
    0xe3a0100a, 0xe5801000,         /* '\n' */
    0xe3002000, 0xe3442101,         /* movw/movt r2, BTCM (R5 view) */
    0xe3004208, 0xe3434f00,         /* movw/movt r4, CTL_BASE + FAULT_ACK */
    0xe5923000, 0xe2833001,         /* loop: ldr r3, [r2]; add r3, r3, #1 */
    0xe5823000, 0xe5145008,         /* str r3, [r2]; ldr r5, [r4, #-8] (FAULT_ACTION) */
    0xe3550000, 0x15845000,         /* cmp r5, #0; strne r5, [r4] */
    0xf57ff04f, 0xe320f003,         /* dsb; wfi */
    0xeafffff6,                     /* b loop */
};

/* What the application cores run: wfi; b . (AArch64) */
static const uint8_t ap_idle[] = { 0x7f, 0x20, 0x03, 0xd5, 0xff, 0xff, 0xff, 0x17 };

static char *dir, *ap_kernel, *uart_path;

static void start_extra(const char *const *more)
{
    g_autofree char *chardev = g_strdup_printf("file,id=%s-uart,path=%s",
                                               core0()->name, uart_path);
    const char *extra[8] = { "-chardev", chardev };
    size_t n = 2;

    for (; more && *more && n < G_N_ELEMENTS(extra) - 1; more++) {
        extra[n++] = *more;
    }
    qt_start_machine("am64x-sim", "tcg", ap_kernel, extra);
}

static void setup(void)
{
    dir = g_dir_make_tmp(NULL, NULL);
    ck_assert(dir);
    ap_kernel = g_build_filename(dir, "ap-idle.bin", NULL);
    uart_path = g_build_filename(dir, "uart.txt", NULL);
    ck_assert(g_file_set_contents(ap_kernel, (const char *)ap_idle, sizeof(ap_idle), NULL));
    start_extra(NULL);
}

static void teardown(void)
{
    qt_stop();
    g_unlink(ap_kernel);
    g_unlink(uart_path);
    g_rmdir(dir);
    g_clear_pointer(&dir, g_free);
    g_clear_pointer(&ap_kernel, g_free);
    g_clear_pointer(&uart_path, g_free);
}

/* qom-set of a bool or integer property (the x- inputs) */
static void qom_set(const char *prop, JsonNode *value)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) r = NULL;

    json_object_set_string_member(args, "path", CORE);
    json_object_set_string_member(args, "property", prop);
    json_object_set_member(args, "value", value);
    r = rp_qmp_execute(qt_qmp, "qom-set", args, &err);
    ck_assert_msg(r, "qom-set %s: %s", prop, err ? err->message : "?");
}

static void set_bool(const char *prop, gboolean v)
{
    JsonNode *n = json_node_new(JSON_NODE_VALUE);

    json_node_set_boolean(n, v);
    qom_set(prop, n);
}

static void set_uint(const char *prop, gint64 v)
{
    JsonNode *n = json_node_new(JSON_NODE_VALUE);

    json_node_set_int(n, v);
    qom_set(prop, n);
}

static gboolean running(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) v = rp_qmp_qom_get(qt_qmp, CORE, "running", &err);

    ck_assert_msg(v, "%s", err ? err->message : "?");
    return json_node_get_boolean(v);
}

static uint32_t counter(void)
{
    return qt_rd(core0()->btcm_base);
}

/* Wait (bounded) until the BTCM counter is @n and the core is in WFI */
static void wait_wfi_at(uint32_t n)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(WAIT_S * G_USEC_PER_SEC);

    while (g_get_monotonic_time() < deadline &&
           !(counter() == n && qt_qom_int(CORE, "status") == TI_SCI_R5_STATUS_WFI)) {
        g_usleep(2000);
    }
    ck_assert_uint_eq(counter(), n);
    ck_assert_int_eq(qt_qom_int(CORE, "status"), TI_SCI_R5_STATUS_WFI);
    {
        g_autofree char *state = qt_qom_str(CORE, "state");

        ck_assert_str_eq(state, "wfi");
    }
}

/* The UART file holds @want (bounded wait: the chardev writes as it goes) */
static void wait_uart(const char *want)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(WAIT_S * G_USEC_PER_SEC);
    g_autofree char *text = NULL;

    do {
        g_clear_pointer(&text, g_free);
        g_file_get_contents(uart_path, &text, NULL, NULL);
        if (text && g_str_equal(text, want)) {
            break;
        }
        g_usleep(2000);
    } while (g_get_monotonic_time() < deadline);
    ck_assert_str_eq(text ? text : "", want);
}

static void load_program(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(program); i++) {
        qt_wr(core0()->reg_base + BOOT_VECTOR + 4 * i, program[i]);
    }
}

/* Module on, local reset released, HALT clear: each alone is not enough */
static void release(void)
{
    set_bool("x-halt", TRUE);
    set_bool("x-local-reset", TRUE);
    set_bool("x-module-on", TRUE);
    ck_assert(!running());
    set_bool("x-local-reset", FALSE);
    ck_assert(!running());
    set_uint("x-boot-vector", BOOT_VECTOR);
    set_bool("x-halt", FALSE);
    ck_assert(running());
}

START_TEST(off_until_released_then_runs_to_wfi)
{
    load_program();
    ck_assert(!running());
    ck_assert_int_eq(qt_qom_int(CORE, "boot-count"), 0);
    ck_assert_int_eq(qt_qom_int(CORE, "status"), 0);
    /* module on with HALT set (as Linux prepares it): still off */
    set_bool("x-halt", TRUE);
    set_bool("x-module-on", TRUE);
    ck_assert(!running());
    ck_assert_uint_eq(counter(), 0);
    set_bool("x-module-on", FALSE);
    release();
    ck_assert_int_eq(qt_qom_int(CORE, "boot-count"), 1);
    wait_wfi_at(1);
    wait_uart("OK\n");

    /* HALT while it runs: not effective */
    set_bool("x-halt", TRUE);
    ck_assert(running());
    ck_assert_int_eq(qt_qom_int(CORE, "status"), TI_SCI_R5_STATUS_WFI);

    /* a fault wakes it: one more round, the fault taken */
    ck_assert(rp_qmp_qom_set_str(qt_qmp, CORE, "fault", "crash:7:test", NULL));
    wait_wfi_at(2);
    {
        g_autofree char *f = qt_qom_str(CORE, "fault");

        ck_assert_str_eq(f, "none:7:test");
    }
    ck_assert(!rp_qmp_qom_set_str(qt_qmp, CORE, "fault", "explode", NULL));

    /* local reset stops it where it is */
    set_bool("x-local-reset", TRUE);
    ck_assert(!running());
    ck_assert_int_eq(qt_qom_int(CORE, "status"), 0);
    {
        g_autofree char *state = qt_qom_str(CORE, "state");

        ck_assert_str_eq(state, "off");
    }
    ck_assert_uint_eq(counter(), 2);
    /* released with HALT still set: stays off; HALT cleared: boot 2 */
    set_bool("x-local-reset", FALSE);
    ck_assert(!running());
    set_bool("x-halt", FALSE);
    ck_assert(running());
    ck_assert_int_eq(qt_qom_int(CORE, "boot-count"), 2);
    wait_wfi_at(3);
    wait_uart("OK\nOK\n");

    /* module off stops it too */
    set_bool("x-module-on", FALSE);
    ck_assert(!running());
    ck_assert_int_eq(qt_qom_int(CORE, "status"), 0);
}
END_TEST

/* The fault property's text; the control block is the core's alone */
START_TEST(fault_property_and_private_block)
{
    /* not reachable from the application cores: their view has nothing there */
    ck_assert_uint_eq(qt_rd(AM64X_SIM_R5F_CTL_BASE + K3_R5F_CTL_REG_ID), 0);
    ck_assert_int_eq(qt_qom_int(CORE, "boot-count"), 0);
    {
        g_autofree char *f = qt_qom_str(CORE, "fault");

        ck_assert_str_eq(f, "none:0:");
    }
    ck_assert(rp_qmp_qom_set_str(qt_qmp, CORE, "fault", "no-echo", NULL));
    {
        g_autofree char *f = qt_qom_str(CORE, "fault");

        ck_assert_str_eq(f, "no-echo:0:");
    }
}
END_TEST

/* The core's interrupt input (the mailbox user's line) at @level, through qtest */
static void core_irq(int level)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *r = rp_qtest_cmd(qt, &err, "set_irq_in %s unnamed-gpio-in 0 %d",
                                      CORE, level);

    ck_assert_msg(r, "set_irq_in: %s", err ? err->message : "?");
}

START_TEST(state_events_follow_wfi)
{
    const char *name = core0()->name;
    guint from = 0;
    uint32_t n;

    load_program();
    release();
    qt_wait_state_event(name, "running", &from);
    qt_wait_state_event(name, "wfi", &from);
    wait_wfi_at(1);

    /* a fault wakes it for one round (it acknowledges it): no event */
    ck_assert(rp_qmp_qom_set_str(qt_qmp, CORE, "fault", "hang", NULL));
    wait_wfi_at(2);
    /* the line held high: WFI returns at once, the core is busy */
    core_irq(1);
    qt_wait_state_event(name, "running", &from);
    n = counter();
    ck_assert_uint_gt(n, 2);
    ck_assert_int_eq(qt_qom_int(CORE, "status"), 0);
    core_irq(0);
    qt_wait_state_event(name, "wfi", &from);
    ck_assert_uint_ge(counter(), n);
    /* the short wake made no event of its own: one running, one wfi since */
    {
        g_autoptr(GPtrArray) states = rp_qmp_state_events(qt_qmp, name);

        ck_assert_uint_eq(states->len, from);
    }

    set_bool("x-local-reset", TRUE);
    qt_wait_state_event(name, "off", &from);
}
END_TEST

START_TEST(state_survives_migration)
{
    g_autofree char *uri = g_strdup_printf("file:%s/snapshot", dir);
    g_autofree char *snap = g_build_filename(dir, "snapshot", NULL);
    const char *const incoming[] = { "-incoming", "defer", NULL };

    load_program();
    release();
    wait_wfi_at(1);
    set_bool("x-halt", TRUE);
    qt_save(uri);

    start_extra(incoming);
    qt_restore(uri);
    qt_qmp_do("cont", NULL, NULL);
    ck_assert(running());
    ck_assert_int_eq(qt_qom_int(CORE, "boot-count"), 1);
    wait_wfi_at(1);
    /* the restored core still runs its program from the restored TCMs */
    ck_assert(rp_qmp_qom_set_str(qt_qmp, CORE, "fault", "hang", NULL));
    wait_wfi_at(2);
    /* and its HALT came along: a local reset cycle leaves it off */
    set_bool("x-local-reset", TRUE);
    set_bool("x-local-reset", FALSE);
    ck_assert(!running());
    g_unlink(snap);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "r5f", off_until_released_then_runs_to_wfi },
        { "r5f", fault_property_and_private_block },
        { "r5f", state_events_follow_wfi },
        { "r5f", state_survives_migration },
    };
    const RpSuiteOptions o = { .setup = setup, .teardown = teardown, .timeout_s = 120 };

    return rp_suite_new("k3-r5f", tests, G_N_ELEMENTS(tests), &o);
}
