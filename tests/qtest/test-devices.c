/*
 * qtests: the TCSR mutex and IPCC models of qcs6490-sim driven through
 * QEMU's qtest protocol (-accel qtest: no guest code runs; registers are
 * read and written at their sc7280 addresses, interrupt outputs are
 * intercepted).
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "../tap-main.h"
#include "common.h"
#include "ipcc.h"
#include "qtest.h"

const bool rp_test_nofork = false;

#define MUTEX_BASE      0x01f40000ull
#define IPCC_BASE       0x00400000ull
#define FRAME(c)        (IPCC_BASE + (c) * 0x1000ull)
#define SEND_ID         0x0c
#define RECV_ID         0x10
#define ENABLE          0x14
#define DISABLE         0x18
#define CLEAR           0x1c
#define CLIENT_CLEAR    0x38

static RpVm *vm;
static RpQtest *qt;

static void start(void)
{
    RpOptions o = { .build = g_strdup(g_getenv("RPROCSIM_BUILD") ?: "build") };
    g_autofree char *qemu = g_build_filename(o.build, "qemu", "qemu-system-aarch64", NULL);
    RpVmConfig cfg = { .qemu = qemu, .machine = RP_SIM_MACHINE, .accel = "qtest",
                       .qtest = TRUE };
    g_autoptr(GError) err = NULL;

    vm = rp_vm_start(&cfg, &err);
    ck_assert_msg(vm, "%s", err ? err->message : "?");
    qt = rp_vm_qtest(vm, 30, &err);
    ck_assert_msg(qt, "%s", err ? err->message : "?");
    g_free(o.build);
}

static void stop(void)
{
    g_clear_pointer(&vm, rp_vm_free);
    qt = NULL;
}

static uint32_t rd(uint64_t addr)
{
    g_autoptr(GError) err = NULL;
    uint32_t v = 0;

    ck_assert_msg(rp_qtest_readl(qt, addr, &v, &err), "%s", err ? err->message : "?");
    return v;
}

static void wr(uint64_t addr, uint32_t v)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_qtest_writel(qt, addr, v, &err), "%s", err ? err->message : "?");
}

START_TEST(mutex_owner_and_contention)
{
    const uint64_t lock3 = MUTEX_BASE + 3 * 0x1000;

    start();
    ck_assert_uint_eq(rd(lock3), 0);
    wr(lock3, 3);                       /* aDSP (host 2) takes it */
    ck_assert_uint_eq(rd(lock3), 3);
    wr(lock3, 1);                       /* Linux tries: the owner stays */
    ck_assert_uint_eq(rd(lock3), 3);
    ck_assert_uint_eq(rd(MUTEX_BASE), 0);     /* other locks are independent */
    wr(lock3, 0);
    ck_assert_uint_eq(rd(lock3), 0);
    wr(lock3, 1);
    ck_assert_uint_eq(rd(lock3), 1);
    /* all 32 locks, 0x1000 apart */
    wr(MUTEX_BASE + 31 * 0x1000, 14);
    ck_assert_uint_eq(rd(MUTEX_BASE + 31 * 0x1000), 14);
    /* between lock registers: reads 0, writes ignored */
    wr(MUTEX_BASE + 0x1004, 5);
    ck_assert_uint_eq(rd(MUTEX_BASE + 0x1004), 0);
    ck_assert_uint_eq(rd(MUTEX_BASE + 0x1000), 0);
    stop();
}
END_TEST

START_TEST(ipcc_send_to_each_client)
{
    const unsigned clients[] = { IPCC_CLIENT_AOP, IPCC_CLIENT_LPASS, IPCC_CLIENT_CDSP,
                                 IPCC_CLIENT_WPSS };
    const uint32_t from_apss = IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P;

    start();
    ck_assert_uint_eq(rd(FRAME(IPCC_CLIENT_APSS)), 0x10200);
    for (size_t i = 0; i < G_N_ELEMENTS(clients); i++) {
        uint64_t f = FRAME(clients[i]);

        ck_assert_uint_eq(rd(f + RECV_ID), IPCC_NO_PENDING);
        wr(FRAME(IPCC_CLIENT_APSS) + SEND_ID, clients[i] << 16 | IPCC_SIGNAL_SMP2P);
        /* pending, but nothing is received until enabled */
        ck_assert_uint_eq(rd(f + RECV_ID), IPCC_NO_PENDING);
        wr(f + ENABLE, from_apss);
        ck_assert_uint_eq(rd(f + RECV_ID), from_apss);
        wr(f + CLEAR, from_apss);
        ck_assert_uint_eq(rd(f + RECV_ID), IPCC_NO_PENDING);
    }
    stop();
}
END_TEST

START_TEST(ipcc_receive_order_enable_and_irq)
{
    const uint64_t apss = FRAME(IPCC_CLIENT_APSS);
    const uint32_t lpass = IPCC_CLIENT_LPASS << 16 | IPCC_SIGNAL_SMP2P;
    const uint32_t cdsp = IPCC_CLIENT_CDSP << 16 | IPCC_SIGNAL_SMP2P;
    const uint32_t wpss = IPCC_CLIENT_WPSS << 16 | IPCC_SIGNAL_SMP2P;
    const uint32_t wpss_glink = IPCC_CLIENT_WPSS << 16 | IPCC_SIGNAL_GLINK_QMP;
    g_autoptr(GError) err = NULL;

    start();
    ck_assert_msg(rp_qtest_irq_intercept_out(qt, "/machine/ipcc", "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
    wr(FRAME(IPCC_CLIENT_WPSS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    wr(FRAME(IPCC_CLIENT_WPSS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_GLINK_QMP);
    wr(FRAME(IPCC_CLIENT_CDSP) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    wr(FRAME(IPCC_CLIENT_LPASS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);     /* all disabled */

    wr(apss + ENABLE, wpss);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 1);
    ck_assert_uint_eq(rd(apss + RECV_ID), wpss);
    wr(apss + ENABLE, lpass);
    wr(apss + ENABLE, cdsp);
    wr(apss + ENABLE, wpss_glink);
    /* lowest client, then lowest signal first */
    ck_assert_uint_eq(rd(apss + RECV_ID), lpass);
    wr(apss + CLEAR, lpass);
    ck_assert_uint_eq(rd(apss + RECV_ID), cdsp);
    wr(apss + DISABLE, cdsp);
    ck_assert_uint_eq(rd(apss + RECV_ID), wpss_glink);
    wr(apss + CLEAR, wpss_glink);
    ck_assert_uint_eq(rd(apss + RECV_ID), wpss);
    wr(apss + CLEAR, wpss);
    /* the disabled cdsp signal is still pending: no interrupt until enabled */
    ck_assert_uint_eq(rd(apss + RECV_ID), IPCC_NO_PENDING);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    wr(apss + ENABLE, cdsp);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 1);
    wr(apss + CLIENT_CLEAR, 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    ck_assert_uint_eq(rd(apss + RECV_ID), IPCC_NO_PENDING);
    /* a subsystem's frame has its own line */
    wr(FRAME(IPCC_CLIENT_LPASS) + ENABLE, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    wr(apss + SEND_ID, IPCC_CLIENT_LPASS << 16 | IPCC_SIGNAL_SMP2P);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_LPASS), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    /* out-of-range values are ignored */
    wr(apss + SEND_ID, 40u << 16 | 2);
    wr(apss + ENABLE, 0xffffffff);
    ck_assert_uint_eq(rd(apss + RECV_ID), IPCC_NO_PENDING);
    stop();
}
END_TEST

Suite *rp_test_suite(void)
{
    Suite *s = suite_create("devices");
    TCase *mutex = tcase_create("tcsr-mutex");
    TCase *ipcc = tcase_create("ipcc");

    tcase_set_timeout(mutex, 60);
    tcase_set_timeout(ipcc, 60);
    tcase_add_test(mutex, mutex_owner_and_contention);
    tcase_add_test(ipcc, ipcc_send_to_each_client);
    tcase_add_test(ipcc, ipcc_receive_order_enable_and_irq);
    suite_add_tcase(s, mutex);
    suite_add_tcase(s, ipcc);
    return s;
}
