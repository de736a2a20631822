/*
 * Unit tests: the K3 mailbox cluster model (models/k3-mailbox.c): every
 * register's behaviour, FIFO overflow and underflow, independent users,
 * and the sequences drivers/mailbox/omap-mailbox.c (Linux 6.12) runs for a
 * send with tx-done and for a receive.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "../tap-main.h"
#include "k3-mailbox.h"

#define NEWMSG(m)   K3_MBOX_IRQ_NEWMSG(m)
#define NOTFULL(m)  K3_MBOX_IRQ_NOTFULL(m)

/* Every NOTFULL bit of a 16-FIFO cluster: all FIFOs empty */
#define ALL_NOTFULL 0xaaaaaaaau

static K3MboxState fresh(void)
{
    K3MboxState s;

    ck_assert(k3_mbox_init(&s, 4, 16));
    return s;
}

START_TEST(layout_matches_omap_mailbox)
{
    /* omap-mailbox.c MAILBOX_* and OMAP4_MAILBOX_* for intr_type 2 */
    ck_assert_uint_eq(K3_MBOX_REG_MESSAGE(3), 0x4c);
    ck_assert_uint_eq(K3_MBOX_REG_FIFOSTATUS(15), 0xbc);
    ck_assert_uint_eq(K3_MBOX_REG_MSGSTATUS(1), 0xc4);
    ck_assert_uint_eq(K3_MBOX_REG_IRQSTATUS_RAW(2), 0x120);
    ck_assert_uint_eq(K3_MBOX_REG_IRQSTATUS_CLR(2), 0x124);
    ck_assert_uint_eq(K3_MBOX_REG_IRQENABLE_SET(3), 0x138);
    ck_assert_uint_eq(K3_MBOX_REG_IRQENABLE_CLR(3), 0x13c);
    ck_assert_uint_eq(K3_MBOX_REG_IRQ_EOI, 0x140);
    ck_assert_uint_eq(NEWMSG(5), 1u << 10);
    ck_assert_uint_eq(NOTFULL(15), 1u << 31);
    ck_assert_uint_lt(K3_MBOX_REG_IRQ_EOI, K3_MBOX_MMIO_SIZE);
}
END_TEST

START_TEST(init_refuses_bad_sizes)
{
    K3MboxState s = fresh();

    ck_assert(!k3_mbox_init(&s, 0, 16));
    ck_assert(!k3_mbox_init(&s, 5, 16));
    ck_assert(!k3_mbox_init(&s, 4, 0));
    ck_assert(!k3_mbox_init(&s, 4, 17));
    ck_assert_uint_eq(s.num_users, 4);      /* untouched */
    ck_assert_uint_eq(s.num_fifos, 16);
    ck_assert(k3_mbox_consistent(&s));
    ck_assert_uint_eq(k3_mbox_valid_bits(&s), 0xffffffffu);
    ck_assert(k3_mbox_init(&s, 2, 3));
    ck_assert_uint_eq(k3_mbox_valid_bits(&s), 0x3f);
}
END_TEST

START_TEST(fifo_order_status_and_overflow)
{
    K3MboxState s = fresh();
    uint32_t v = 1;

    ck_assert_uint_eq(k3_mbox_msg_status(&s, 7), 0);
    ck_assert_uint_eq(k3_mbox_fifo_status(&s, 7), 0);
    for (uint32_t i = 0; i < K3_MBOX_FIFO_DEPTH; i++) {
        ck_assert_int_eq(k3_mbox_push(&s, 7, 0x100 + i), K3_MBOX_OK);
        ck_assert_uint_eq(k3_mbox_msg_status(&s, 7), i + 1);
    }
    ck_assert_uint_eq(k3_mbox_fifo_status(&s, 7), K3_MBOX_FIFOSTATUS_FULL);
    /* a fifth message is lost and counted */
    ck_assert_int_eq(k3_mbox_push(&s, 7, 0xdead), K3_MBOX_FULL);
    ck_assert_uint_eq(s.overflows, 1);
    ck_assert_uint_eq(k3_mbox_msg_status(&s, 7), 4);
    /* oldest first */
    ck_assert_int_eq(k3_mbox_pop(&s, 7, &v), K3_MBOX_OK);
    ck_assert_uint_eq(v, 0x100);
    ck_assert_uint_eq(k3_mbox_fifo_status(&s, 7), 0);
    ck_assert_int_eq(k3_mbox_push(&s, 7, 0x104), K3_MBOX_OK);     /* wraps the ring */
    for (uint32_t i = 1; i <= 4; i++) {
        ck_assert_int_eq(k3_mbox_pop(&s, 7, &v), K3_MBOX_OK);
        ck_assert_uint_eq(v, 0x100 + i);
    }
    /* empty: 0, counted */
    v = 1;
    ck_assert_int_eq(k3_mbox_pop(&s, 7, &v), K3_MBOX_EMPTY);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(s.underflows, 1);
    /* other FIFOs saw nothing */
    for (uint32_t m = 0; m < 16; m++) {
        ck_assert_uint_eq(k3_mbox_msg_status(&s, m), 0);
    }
    ck_assert(k3_mbox_consistent(&s));
}
END_TEST

START_TEST(out_of_range_indices)
{
    K3MboxState s;
    uint32_t v = 5;

    ck_assert(k3_mbox_init(&s, 2, 4));
    ck_assert_int_eq(k3_mbox_push(&s, 4, 1), K3_MBOX_BAD_INDEX);
    ck_assert_int_eq(k3_mbox_push(&s, 0xffffffffu, 1), K3_MBOX_BAD_INDEX);
    ck_assert_int_eq(k3_mbox_pop(&s, 4, &v), K3_MBOX_BAD_INDEX);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(k3_mbox_msg_status(&s, 4), 0);
    ck_assert_uint_eq(k3_mbox_fifo_status(&s, 4), 0);
    ck_assert(!k3_mbox_enable(&s, 2, 1));
    ck_assert(!k3_mbox_disable(&s, 2, 1));
    ck_assert(!k3_mbox_set_status(&s, 2, 1));
    ck_assert(!k3_mbox_clear_status(&s, 2, 1));
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 2), 0);
    ck_assert_uint_eq(k3_mbox_status(&s, 9), 0);
    ck_assert(!k3_mbox_irq_level(&s, 9));
    ck_assert(k3_mbox_eoi(&s, 1));
    ck_assert(!k3_mbox_eoi(&s, 2));
    /* bits of FIFOs that do not exist are not kept */
    ck_assert(k3_mbox_enable(&s, 0, 0xffffffffu));
    ck_assert_uint_eq(k3_mbox_enabled(&s, 0), 0xff);
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 0), 0xaa);
    ck_assert_uint_eq(s.overflows + s.underflows, 0);
    ck_assert(k3_mbox_consistent(&s));
}
END_TEST

START_TEST(status_is_level_from_the_fifos)
{
    K3MboxState s = fresh();
    uint32_t v;

    ck_assert_uint_eq(k3_mbox_raw_status(&s, 0), ALL_NOTFULL);
    ck_assert_uint_eq(k3_mbox_status(&s, 0), 0);              /* nothing enabled */
    ck_assert(!k3_mbox_irq_level(&s, 0));
    k3_mbox_push(&s, 2, 42);
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), ALL_NOTFULL | NEWMSG(2));
    /* clearing NEWMSG while the message waits changes nothing */
    ck_assert(k3_mbox_clear_status(&s, 1, NEWMSG(2)));
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), ALL_NOTFULL | NEWMSG(2));
    for (int i = 0; i < 3; i++) {
        k3_mbox_push(&s, 2, 43 + i);
    }
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), (ALL_NOTFULL & ~NOTFULL(2)) | NEWMSG(2));
    k3_mbox_pop(&s, 2, &v);
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), ALL_NOTFULL | NEWMSG(2));
    for (int i = 0; i < 3; i++) {
        k3_mbox_pop(&s, 2, &v);
    }
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), ALL_NOTFULL);
}
END_TEST

START_TEST(enable_set_clr_and_irq_level)
{
    K3MboxState s = fresh();

    ck_assert(k3_mbox_enable(&s, 3, NEWMSG(4)));
    ck_assert(k3_mbox_enable(&s, 3, NEWMSG(5)));              /* ORs in */
    ck_assert_uint_eq(k3_mbox_enabled(&s, 3), NEWMSG(4) | NEWMSG(5));
    ck_assert(!k3_mbox_irq_level(&s, 3));
    k3_mbox_push(&s, 5, 1);
    ck_assert(k3_mbox_irq_level(&s, 3));
    ck_assert_uint_eq(k3_mbox_status(&s, 3), NEWMSG(5));
    ck_assert(k3_mbox_disable(&s, 3, NEWMSG(5)));
    ck_assert(!k3_mbox_irq_level(&s, 3));
    ck_assert_uint_eq(k3_mbox_enabled(&s, 3), NEWMSG(4));
    /* NOTFULL enabled: high at once while the FIFO has room */
    ck_assert(k3_mbox_enable(&s, 3, NOTFULL(9)));
    ck_assert(k3_mbox_irq_level(&s, 3));
    ck_assert_uint_eq(k3_mbox_status(&s, 3), NOTFULL(9));
}
END_TEST

START_TEST(raw_write_latches_until_clr)
{
    K3MboxState s = fresh();

    ck_assert(k3_mbox_enable(&s, 0, NEWMSG(1)));
    ck_assert(k3_mbox_set_status(&s, 0, NEWMSG(1)));          /* debug "set event" */
    ck_assert_uint_eq(k3_mbox_status(&s, 0), NEWMSG(1));
    ck_assert(k3_mbox_irq_level(&s, 0));
    ck_assert_uint_eq(k3_mbox_msg_status(&s, 1), 0);          /* no message for it */
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 1), ALL_NOTFULL);  /* only user 0's */
    ck_assert(k3_mbox_clear_status(&s, 0, NEWMSG(1)));
    ck_assert(!k3_mbox_irq_level(&s, 0));
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 0), ALL_NOTFULL);
}
END_TEST

START_TEST(users_are_independent)
{
    K3MboxState s = fresh();

    ck_assert(k3_mbox_enable(&s, 0, NEWMSG(0)));              /* the R5F reads FIFO 0 */
    ck_assert(k3_mbox_enable(&s, 2, NEWMSG(1)));              /* Linux reads FIFO 1 */
    k3_mbox_push(&s, 0, 0xffffff03u);
    ck_assert(k3_mbox_irq_level(&s, 0));
    ck_assert(!k3_mbox_irq_level(&s, 1));
    ck_assert(!k3_mbox_irq_level(&s, 2));
    ck_assert(!k3_mbox_irq_level(&s, 3));
    k3_mbox_push(&s, 1, 0xffffff04u);
    ck_assert(k3_mbox_irq_level(&s, 2));
    ck_assert_uint_eq(k3_mbox_enabled(&s, 1), 0);
    ck_assert(k3_mbox_disable(&s, 0, NEWMSG(0)));
    ck_assert(!k3_mbox_irq_level(&s, 0));
    ck_assert(k3_mbox_irq_level(&s, 2));
}
END_TEST

/* omap_mbox_chan_send() then the tx half of mbox_interrupt() */
START_TEST(linux_send_gets_tx_done)
{
    K3MboxState s = fresh();
    const uint32_t tx = 0, user = 2;
    uint32_t v;

    for (int n = 0; n < 6; n++) {
        ck_assert_uint_eq(k3_mbox_fifo_status(&s, tx), 0);    /* !mbox_fifo_full */
        ck_assert_int_eq(k3_mbox_push(&s, tx, 0x1000 + n), K3_MBOX_OK);
        k3_mbox_enable(&s, user, k3_mbox_enabled(&s, user) | NOTFULL(tx));
        /* the interrupt fires: tx-done */
        ck_assert(k3_mbox_irq_level(&s, user));
        ck_assert(k3_mbox_enabled(&s, user) & k3_mbox_status(&s, user) & NOTFULL(tx));
        k3_mbox_disable(&s, user, NOTFULL(tx));
        k3_mbox_clear_status(&s, user, NOTFULL(tx));
        ck_assert(!k3_mbox_irq_level(&s, user));
        /* the remote side consumes one every other message */
        if (n % 2) {
            k3_mbox_pop(&s, tx, &v);
            k3_mbox_pop(&s, tx, &v);
        }
    }
    /* filled up: no tx-done until the remote reads */
    for (int n = 0; n < 4; n++) {
        k3_mbox_push(&s, tx, n);
    }
    ck_assert_uint_eq(k3_mbox_fifo_status(&s, tx), K3_MBOX_FIFOSTATUS_FULL);
    k3_mbox_enable(&s, user, NOTFULL(tx));
    ck_assert(!k3_mbox_irq_level(&s, user));
    k3_mbox_pop(&s, tx, &v);
    ck_assert(k3_mbox_irq_level(&s, user));
    ck_assert_uint_eq(s.overflows, 0);
}
END_TEST

/* The rx half of mbox_interrupt(): drain by MSGSTATUS, then clear NEWMSG */
START_TEST(linux_receive_drains_then_clears)
{
    K3MboxState s = fresh();
    const uint32_t rx = 1, user = 2;
    uint32_t v, got = 0;

    k3_mbox_enable(&s, user, NEWMSG(rx));
    k3_mbox_push(&s, rx, 7);
    k3_mbox_push(&s, rx, 8);
    ck_assert(k3_mbox_irq_level(&s, user));
    while (k3_mbox_msg_status(&s, rx) != 0) {
        ck_assert_int_eq(k3_mbox_pop(&s, rx, &v), K3_MBOX_OK);
        got = got * 10 + v;
    }
    ck_assert_uint_eq(got, 78);
    k3_mbox_clear_status(&s, user, NEWMSG(rx));
    ck_assert(!k3_mbox_irq_level(&s, user));
    /* the next message raises it again */
    k3_mbox_push(&s, rx, 9);
    ck_assert(k3_mbox_irq_level(&s, user));
}
END_TEST

START_TEST(reset_empties_and_disables)
{
    K3MboxState s = fresh();

    k3_mbox_push(&s, 3, 1);
    k3_mbox_enable(&s, 1, NEWMSG(3));
    k3_mbox_set_status(&s, 2, NOTFULL(0));
    for (int i = 0; i < 5; i++) {
        k3_mbox_push(&s, 4, i);
    }
    k3_mbox_reset(&s);
    ck_assert_uint_eq(k3_mbox_msg_status(&s, 3), 0);
    ck_assert_uint_eq(k3_mbox_enabled(&s, 1), 0);
    ck_assert_uint_eq(k3_mbox_raw_status(&s, 2), ALL_NOTFULL);
    ck_assert_uint_eq(s.overflows, 0);
    ck_assert_uint_eq(s.num_users, 4);
    ck_assert_uint_eq(s.num_fifos, 16);
}
END_TEST

START_TEST(consistency_check_refuses_impossible_state)
{
    K3MboxState s = fresh();

    s.count[3] = 5;
    ck_assert(!k3_mbox_consistent(&s));
    s = fresh();
    s.head[0] = 4;
    ck_assert(!k3_mbox_consistent(&s));
    ck_assert(k3_mbox_init(&s, 2, 2));
    s.count[2] = 1;                          /* a FIFO that does not exist */
    ck_assert(!k3_mbox_consistent(&s));
    ck_assert(k3_mbox_init(&s, 2, 2));
    s.enable[3] = 1;                         /* a user that does not exist */
    ck_assert(!k3_mbox_consistent(&s));
    ck_assert(k3_mbox_init(&s, 2, 2));
    s.forced[0] = 0x100;                     /* a bit beyond FIFO 1 */
    ck_assert(!k3_mbox_consistent(&s));
    s.num_fifos = 0;
    ck_assert(!k3_mbox_consistent(&s));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "regs", layout_matches_omap_mailbox },
        { "regs", init_refuses_bad_sizes },
        { "fifo", fifo_order_status_and_overflow },
        { "fifo", out_of_range_indices },
        { "irq", status_is_level_from_the_fifos },
        { "irq", enable_set_clr_and_irq_level },
        { "irq", raw_write_latches_until_clr },
        { "irq", users_are_independent },
        { "linux", linux_send_gets_tx_done },
        { "linux", linux_receive_drains_then_clears },
        { "state", reset_empties_and_disables },
        { "state", consistency_check_refuses_impossible_state },
    };

    return rp_suite_new("k3-mailbox", tests, G_N_ELEMENTS(tests), NULL);
}
