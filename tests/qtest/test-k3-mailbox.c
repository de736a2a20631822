/*
 * qtests: the K3 mailbox cluster of am64x-sim (hw/k3-mailbox.c, mailbox
 * cluster 2 at its SoC address) through QEMU's qtest protocol (-accel
 * qtest: no guest code runs; the per-user interrupt outputs are
 * intercepted): the registers as drivers/mailbox/omap-mailbox.c (Linux
 * 6.12) uses them, the interrupt levels, a lost message, and a migration
 * through a file.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>

#include "../tap-main.h"
#include "qtest-fixture.h"

#include "rprocsim/am64x-map.h"
#include "rprocsim/k3-mailbox-regs.h"
#include "rprocsim/rp-mbox.h"

#define MBOX            "/machine/mailbox0-cluster2"
#define REG(r)          (AM64X_SIM_MBOX_BASE + (r))
#define LINUX           AM64X_SIM_MBOX_LINUX_USER
#define ALL_NOTFULL     0xaaaaaaaau

static void start(void)
{
    qt_start_machine("am64x-sim", "qtest", NULL, NULL);
}

static void intercept(void)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_qtest_irq_intercept_out(qt, MBOX, "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
}

START_TEST(registers_as_linux_uses_them)
{
    const uint32_t tx = 0, rx = 1;

    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_REVISION)), K3_MBOX_REVISION_VALUE);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_RAW(LINUX))), ALL_NOTFULL);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), 0);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX))), 0);

    /* omap_mbox_startup: enable rx NEWMSG (read, OR, write) */
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX)),
          qt_rd(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX))) | K3_MBOX_IRQ_NEWMSG(rx));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQENABLE_CLR(LINUX))), K3_MBOX_IRQ_NEWMSG(rx));

    /* omap_mbox_chan_send: not full, write, enable NOTFULL: status shows it */
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_FIFOSTATUS(tx))), 0);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(tx)), RP_MBOX_ECHO_REQUEST);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(tx))), 1);
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX)), K3_MBOX_IRQ_NOTFULL(tx));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), K3_MBOX_IRQ_NOTFULL(tx));
    /* tx interrupt: disable, then clear */
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_CLR(LINUX)), K3_MBOX_IRQ_NOTFULL(tx));
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX)), K3_MBOX_IRQ_NOTFULL(tx));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), 0);

    /* the remote side reads it and answers on the rx FIFO */
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(tx))), RP_MBOX_ECHO_REQUEST);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(tx))), 0);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(rx)), RP_MBOX_ECHO_REPLY);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(rx)), 1);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), K3_MBOX_IRQ_NEWMSG(rx));
    /* rx interrupt: drain by MSGSTATUS, then clear */
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(rx))), 2);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(rx))), RP_MBOX_ECHO_REPLY);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(rx))), 1);
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX)), K3_MBOX_IRQ_NEWMSG(rx));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), 0);
    /* an empty FIFO reads 0 */
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(rx))), 0);

    /* RAW write latches a bit until CLR; EOI is accepted */
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_RAW(3)), K3_MBOX_IRQ_NEWMSG(9));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_RAW(3))),
                      ALL_NOTFULL | K3_MBOX_IRQ_NEWMSG(9));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_RAW(1))), ALL_NOTFULL);
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_CLR(3)), K3_MBOX_IRQ_NEWMSG(9));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_RAW(3))), ALL_NOTFULL);
    qt_wr(REG(K3_MBOX_REG_IRQ_EOI), 3);

    /* no register: reads 0, writes ignored */
    qt_wr(REG(0x004), 5);
    ck_assert_uint_eq(qt_rd(REG(0x004)), 0);
    qt_wr(REG(K3_MBOX_REG_MSGSTATUS(4)), 3);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(4))), 0);
}
END_TEST

START_TEST(irq_per_user_and_overflow)
{
    intercept();
    for (unsigned u = 0; u < AM64X_SIM_MBOX_USERS; u++) {
        ck_assert_int_eq(rp_qtest_irq(qt, u), 0);
    }
    /* user 0 (an R5F) watches FIFO 0, Linux FIFO 1 */
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(0)), K3_MBOX_IRQ_NEWMSG(0));
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX)), K3_MBOX_IRQ_NEWMSG(1));
    qt_wr(REG(K3_MBOX_REG_MESSAGE(0)), 0x10);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, 1), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, LINUX), 0);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(1)), 0x20);
    ck_assert_int_eq(rp_qtest_irq(qt, LINUX), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, 3), 0);
    /* clearing NEWMSG while the message waits: still high (level) */
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_CLR(0)), K3_MBOX_IRQ_NEWMSG(0));
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(0))), 0x10);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, LINUX), 1);
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_CLR(LINUX)), K3_MBOX_IRQ_NEWMSG(1));
    ck_assert_int_eq(rp_qtest_irq(qt, LINUX), 0);

    /* four fit; the fifth is lost and counted; NOTFULL drops while full */
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(3)), K3_MBOX_IRQ_NOTFULL(5));
    ck_assert_int_eq(rp_qtest_irq(qt, 3), 1);
    for (uint32_t i = 0; i < K3_MBOX_FIFO_DEPTH; i++) {
        qt_wr(REG(K3_MBOX_REG_MESSAGE(5)), 0x50 + i);
    }
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_FIFOSTATUS(5))), K3_MBOX_FIFOSTATUS_FULL);
    ck_assert_int_eq(rp_qtest_irq(qt, 3), 0);
    ck_assert_int_eq(qt_qom_int(MBOX, "overflows"), 0);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(5)), 0xdead);
    ck_assert_int_eq(qt_qom_int(MBOX, "overflows"), 1);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(5))), 4);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(5))), 0x50);
    ck_assert_int_eq(rp_qtest_irq(qt, 3), 1);
    for (uint32_t i = 1; i < K3_MBOX_FIFO_DEPTH; i++) {
        ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(5))), 0x50 + i);
    }
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(5))), 0);
}
END_TEST

START_TEST(state_survives_migration)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *uri = g_strdup_printf("file:%s/snapshot", dir);
    g_autofree char *snap = g_build_filename(dir, "snapshot", NULL);
    const char *const incoming[] = { "-incoming", "defer", NULL };

    qt_wr(REG(K3_MBOX_REG_MESSAGE(7)), 0x71);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(7)), 0x72);
    qt_wr(REG(K3_MBOX_REG_MESSAGE(7)), 0x73);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(7))), 0x71);  /* the ring has moved */
    for (uint32_t i = 0; i < 3; i++) {
        qt_wr(REG(K3_MBOX_REG_MESSAGE(7)), 0x74 + i);               /* 0x76 is lost */
    }
    qt_wr(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX)), K3_MBOX_IRQ_NEWMSG(7));
    qt_wr(REG(K3_MBOX_REG_IRQSTATUS_RAW(1)), K3_MBOX_IRQ_NEWMSG(2));    /* latched */
    qt_save(uri);

    qt_start_machine("am64x-sim", "qtest", NULL, incoming);
    qt_restore(uri);
    qt_qmp_do("cont", NULL, NULL);
    ck_assert_int_eq(qt_qom_int(MBOX, "overflows"), 1);
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQENABLE_SET(LINUX))), K3_MBOX_IRQ_NEWMSG(7));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_CLR(LINUX))), K3_MBOX_IRQ_NEWMSG(7));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_IRQSTATUS_RAW(1))),
                      (ALL_NOTFULL & ~K3_MBOX_IRQ_NOTFULL(7)) | K3_MBOX_IRQ_NEWMSG(7) |
                      K3_MBOX_IRQ_NEWMSG(2));
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_FIFOSTATUS(7))), K3_MBOX_FIFOSTATUS_FULL);
    for (uint32_t v = 0x72; v <= 0x75; v++) {
        ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MESSAGE(7))), v);
    }
    ck_assert_uint_eq(qt_rd(REG(K3_MBOX_REG_MSGSTATUS(7))), 0);
    g_unlink(snap);
    g_rmdir(dir);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "mailbox", registers_as_linux_uses_them },
        { "mailbox", irq_per_user_and_overflow },
        { "mailbox", state_survives_migration },
    };
    const RpSuiteOptions o = { .setup = start, .teardown = qt_stop };

    return rp_suite_new("k3-mailbox", tests, G_N_ELEMENTS(tests), &o);
}
