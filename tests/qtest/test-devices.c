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
#include "ipcc.h"
#include "qtest-fixture.h"

#include "rprocsim/qcs6490-map.h"

/* The map's addresses and the IPCC frame registers (rprocsim/ipcc-regs.h) */
#define MUTEX_BASE      QCS6490_SIM_MUTEX_BASE
#define FRAME(c)        (QCS6490_SIM_IPCC_BASE + (c) * (uint64_t)IPCC_FRAME_SIZE)
#define CONFIG          IPCC_REG_CONFIG
#define SEND_ID         IPCC_REG_SEND_ID
#define RECV_ID         IPCC_REG_RECV_ID
#define ENABLE          IPCC_REG_ENABLE
#define DISABLE         IPCC_REG_DISABLE
#define CLEAR           IPCC_REG_CLEAR
#define CLIENT_CLEAR    IPCC_REG_CLIENT_CLEAR

/* Each test's QEMU (checked fixture): no guest code, registers through qtest */
static void start(void)
{
    qt_start("qtest", NULL);
}

START_TEST(mutex_owner_and_contention)
{
    const uint64_t lock3 = MUTEX_BASE + 3 * 0x1000;

    ck_assert_uint_eq(qt_rd(lock3), 0);
    qt_wr(lock3, 3);                       /* aDSP (host 2) takes it */
    ck_assert_uint_eq(qt_rd(lock3), 3);
    qt_wr(lock3, 1);                       /* Linux tries: the owner stays */
    ck_assert_uint_eq(qt_rd(lock3), 3);
    ck_assert_uint_eq(qt_rd(MUTEX_BASE), 0);     /* other locks are independent */
    qt_wr(lock3, 0);
    ck_assert_uint_eq(qt_rd(lock3), 0);
    qt_wr(lock3, 1);
    ck_assert_uint_eq(qt_rd(lock3), 1);
    /* all 32 locks, 0x1000 apart */
    qt_wr(MUTEX_BASE + 31 * 0x1000, 14);
    ck_assert_uint_eq(qt_rd(MUTEX_BASE + 31 * 0x1000), 14);
    /* between lock registers: reads 0, writes ignored */
    qt_wr(MUTEX_BASE + 0x1004, 5);
    ck_assert_uint_eq(qt_rd(MUTEX_BASE + 0x1004), 0);
    ck_assert_uint_eq(qt_rd(MUTEX_BASE + 0x1000), 0);
}
END_TEST

START_TEST(ipcc_send_to_each_client)
{
    const unsigned clients[] = { IPCC_CLIENT_AOP, IPCC_CLIENT_LPASS, IPCC_CLIENT_CDSP,
                                 IPCC_CLIENT_WPSS };
    const uint32_t from_apss = IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P;

    ck_assert_uint_eq(qt_rd(FRAME(IPCC_CLIENT_APSS)), 0x10200);
    for (size_t i = 0; i < G_N_ELEMENTS(clients); i++) {
        uint64_t f = FRAME(clients[i]);

        ck_assert_uint_eq(qt_rd(f + RECV_ID), IPCC_NO_PENDING);
        qt_wr(FRAME(IPCC_CLIENT_APSS) + SEND_ID, clients[i] << 16 | IPCC_SIGNAL_SMP2P);
        /* pending, but nothing is received until enabled */
        ck_assert_uint_eq(qt_rd(f + RECV_ID), IPCC_NO_PENDING);
        qt_wr(f + ENABLE, from_apss);
        ck_assert_uint_eq(qt_rd(f + RECV_ID), from_apss);
        qt_wr(f + CLEAR, from_apss);
        ck_assert_uint_eq(qt_rd(f + RECV_ID), IPCC_NO_PENDING);
    }
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

    ck_assert_msg(rp_qtest_irq_intercept_out(qt, "/machine/ipcc", "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
    qt_wr(FRAME(IPCC_CLIENT_WPSS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    qt_wr(FRAME(IPCC_CLIENT_WPSS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_GLINK_QMP);
    qt_wr(FRAME(IPCC_CLIENT_CDSP) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    qt_wr(FRAME(IPCC_CLIENT_LPASS) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);     /* all disabled */

    qt_wr(apss + ENABLE, wpss);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 1);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), wpss);
    qt_wr(apss + ENABLE, lpass);
    qt_wr(apss + ENABLE, cdsp);
    qt_wr(apss + ENABLE, wpss_glink);
    /* lowest client, then lowest signal first */
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), lpass);
    qt_wr(apss + CLEAR, lpass);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), cdsp);
    qt_wr(apss + DISABLE, cdsp);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), wpss_glink);
    qt_wr(apss + CLEAR, wpss_glink);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), wpss);
    qt_wr(apss + CLEAR, wpss);
    /* the disabled cdsp signal is still pending: no interrupt until enabled */
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), IPCC_NO_PENDING);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    qt_wr(apss + ENABLE, cdsp);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 1);
    qt_wr(apss + CLIENT_CLEAR, 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), IPCC_NO_PENDING);
    /* CONFIG reads 0 at reset; with CLEAR_ON_RECV_RD a RECV_ID read consumes */
    ck_assert_uint_eq(qt_rd(apss + CONFIG), 0);
    qt_wr(apss + CONFIG, IPCC_CONFIG_CLEAR_ON_RECV_RD);
    ck_assert_uint_eq(qt_rd(apss + CONFIG), IPCC_CONFIG_CLEAR_ON_RECV_RD);
    qt_wr(FRAME(IPCC_CLIENT_CDSP) + SEND_ID, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 1);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), cdsp);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    qt_wr(apss + CONFIG, 0);
    /* a subsystem's frame has its own line */
    qt_wr(FRAME(IPCC_CLIENT_LPASS) + ENABLE, IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P);
    qt_wr(apss + SEND_ID, IPCC_CLIENT_LPASS << 16 | IPCC_SIGNAL_SMP2P);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_LPASS), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, IPCC_CLIENT_APSS), 0);
    /* out-of-range values are ignored */
    qt_wr(apss + SEND_ID, 40u << 16 | 2);
    qt_wr(apss + ENABLE, 0xffffffff);
    ck_assert_uint_eq(qt_rd(apss + RECV_ID), IPCC_NO_PENDING);
}
END_TEST

#define RSC_DRV2        0x18220000ull
#define RSC_TCS(n, r)   (RSC_DRV2 + 0xd00 + (n) * 0x2a0 + (r))

START_TEST(rsc_trigger_completion_interrupt_vote)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *votes = NULL;

    ck_assert_msg(rp_qtest_irq_intercept_out(qt, "/machine/rpmh-rsc", "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
    ck_assert_uint_eq(qt_rd(RSC_DRV2), 0x00020700);
    ck_assert_uint_eq(qt_rd(RSC_DRV2 + 0xc), 0x80008000);
    qt_wr(RSC_DRV2 + 0xd00, 0x3);                          /* IRQ_ENABLE: active TCSes */
    /* cmd 0 of TCS 0: cx.lvl <- corner 3 */
    qt_wr(RSC_TCS(0, 0x30), 0x10108);
    qt_wr(RSC_TCS(0, 0x34), 0x30000);
    qt_wr(RSC_TCS(0, 0x38), 3);
    qt_wr(RSC_TCS(0, 0x1c), 1);
    qt_wr(RSC_TCS(0, 0x14), 1u << 16);
    ck_assert_uint_eq(qt_rd(RSC_TCS(0, 0x14)), 1u << 16);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    qt_wr(RSC_TCS(0, 0x14), 1u << 16 | 1u << 24);          /* trigger */
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    ck_assert_uint_eq(qt_rd(RSC_DRV2 + 0xd04), 0x1);       /* IRQ_STATUS */
    qt_wr(RSC_DRV2 + 0xd08, 0x1);                          /* IRQ_CLEAR */
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    votes = qt_qom_str("/machine/rpmh-rsc", "votes");
    ck_assert_str_eq(votes, "cx.lvl=0x3");
}
END_TEST

#define AOSS            0x0c300000ull

/* Ring the AOP from the APSS frame and wait for its answer (bounded) */
static void ring_aop(void)
{
    const uint32_t from_aop = IPCC_CLIENT_AOP << 16 | IPCC_SIGNAL_GLINK_QMP;
    uint32_t id = IPCC_NO_PENDING;

    qt_wr(FRAME(IPCC_CLIENT_APSS) + ENABLE, from_aop);
    qt_wr(FRAME(IPCC_CLIENT_APSS) + SEND_ID, IPCC_CLIENT_AOP << 16 | IPCC_SIGNAL_GLINK_QMP);
    for (int i = 0; i < 1000 && id != from_aop; i++) {
        id = qt_rd(FRAME(IPCC_CLIENT_APSS) + RECV_ID);
    }
    ck_assert_uint_eq(id, from_aop);
    qt_wr(FRAME(IPCC_CLIENT_APSS) + CLEAR, from_aop);
}

START_TEST(aoss_handshake_and_ack)
{
    const char text[64] = "{class: image, res: load_state, name: cdsp, val: on}";
    g_autofree char *messages = NULL;
    uint32_t mbox;

    ck_assert_uint_eq(qt_rd(AOSS), 0x4d41494c);
    ck_assert_uint_eq(qt_rd(AOSS + 0x04), 1);
    mbox = qt_rd(AOSS + 0x38);
    qt_wr(AOSS + 0x10, qt_rd(AOSS + 0x0c));
    qt_wr(AOSS + 0x24, 0xffff);                            /* mcore link up */
    ring_aop();
    ck_assert_uint_eq(qt_rd(AOSS + 0x28), 0xffff);
    qt_wr(AOSS + 0x2c, 0xffff);                            /* mcore channel up */
    ring_aop();
    ck_assert_uint_eq(qt_rd(AOSS + 0x14), 0xffff);
    qt_wr(AOSS + 0x18, 0xffff);
    ring_aop();
    ck_assert_uint_eq(qt_rd(AOSS + 0x30), 0xffff);

    ck_assert(rp_qtest_write(qt, AOSS + mbox + 4, text, sizeof(text), NULL));
    qt_wr(AOSS + mbox, sizeof(text));
    ring_aop();
    ck_assert_uint_eq(qt_rd(AOSS + mbox), 0);              /* acknowledged */
    messages = qt_qom_str("/machine/aoss-qmp", "messages");
    ck_assert_str_eq(messages, "{class: image, res: load_state, name: cdsp, val: on}\n");
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "power", rsc_trigger_completion_interrupt_vote },
        { "power", aoss_handshake_and_ack },
        { "tcsr-mutex", mutex_owner_and_contention },
        { "ipcc", ipcc_send_to_each_client },
        { "ipcc", ipcc_receive_order_enable_and_irq },
    };

    return rp_suite_new("devices", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60, .setup = start,
                                           .teardown = qt_stop });
}
