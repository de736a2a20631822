/*
 * Unit tests: the K3 secure proxy threads (models/k3-sec-proxy.c) as
 * drivers/mailbox/ti-msgmgr.c (Linux 6.12) drives them: direction and
 * credits at start-up, a tx commit on the last data register, rx reads
 * popping on the last one, the status count and interrupt level; and the
 * misuse answers (wrong direction, empty reads, no credits, unknown
 * threads and registers).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "k3-sec-proxy.h"
#include "rprocsim/am64x-map.h"

#define RX      AM64X_SIM_SPROXY_RX_THREAD
#define TX      AM64X_SIM_SPROXY_TX_THREAD
#define LAST    (K3_SPROXY_DATA_REGS - 1)

static K3SproxyState sp;

static void setup(void)
{
    k3_sproxy_init(&sp);
    ck_assert(k3_sproxy_add_thread(&sp, RX, true, 4));
    ck_assert(k3_sproxy_add_thread(&sp, TX, false, 4));
}

/* Write a whole message as ti_msgmgr_send_data() does: words, then zeros */
static K3SproxyResult send_words(uint32_t tid, const uint32_t *w, unsigned n,
                                 uint8_t out[K3_SPROXY_MSG_SIZE])
{
    K3SproxyResult r = K3_SPROXY_OK;

    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        r = k3_sproxy_write(&sp, tid, i, i < n ? w[i] : 0, out);
        if (i < LAST) {
            ck_assert_int_eq(r, K3_SPROXY_OK);
        }
    }
    return r;
}

/* Read a whole message as ti_msgmgr_queue_rx_data() does */
static K3SproxyResult read_msg(uint32_t tid, uint32_t w[K3_SPROXY_DATA_REGS])
{
    K3SproxyResult r = K3_SPROXY_OK;

    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        r = k3_sproxy_read(&sp, tid, i, &w[i]);
        if (i < LAST && r != K3_SPROXY_OK) {
            return r;
        }
    }
    return r;
}

START_TEST(startup_view)
{
    /* ti_msgmgr_queue_startup(): DIR says rx, a tx thread has credits */
    ck_assert_uint_eq(k3_sproxy_ctrl(&sp, RX), K3_SPROXY_SCFG_CTRL_DIR);
    ck_assert_uint_eq(k3_sproxy_ctrl(&sp, TX), 0);
    ck_assert_uint_eq(k3_sproxy_status(&sp, TX) & K3_SPROXY_RT_STATUS_COUNT_MASK, 4);
    ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 0);
    ck_assert(!k3_sproxy_irq_level(&sp, RX));
    ck_assert(!k3_sproxy_irq_level(&sp, TX));
    ck_assert(k3_sproxy_valid(&sp));
    ck_assert_uint_eq(K3_SPROXY_MSG_SIZE, 60);
    ck_assert_uint_eq(K3_SPROXY_DATA_LAST, 0x3c);
    ck_assert_uint_eq(K3_SPROXY_DATA_OFFSET(13, 14), 0xd03c);
    ck_assert_uint_eq(K3_SPROXY_SCFG_CTRL_OFFSET(12), 0xd000);
}
END_TEST

START_TEST(tx_commit_on_last_register)
{
    const uint32_t w[5] = { 0x000c0002, 0x00000002, 1, 2, 0x00000003 };
    uint8_t out[K3_SPROXY_MSG_SIZE];

    memset(out, 0xee, sizeof(out));
    ck_assert_int_eq(send_words(TX, w, 5, out), K3_SPROXY_COMMITTED);
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        ck_assert_uint_eq(rp_le32(out + 4 * i), i < 5 ? w[i] : 0);
    }
    ck_assert_uint_eq(k3_sproxy_status(&sp, TX), 3);
    /* the staged words are gone: a commit alone sends zeros */
    ck_assert_int_eq(k3_sproxy_write(&sp, TX, LAST, 9, out), K3_SPROXY_COMMITTED);
    ck_assert_uint_eq(rp_le32(out), 0);
    ck_assert_uint_eq(rp_le32(out + 4 * LAST), 9);
    /* credits back, never above the thread's */
    ck_assert(k3_sproxy_return_credit(&sp, TX));
    ck_assert(k3_sproxy_return_credit(&sp, TX));
    ck_assert(!k3_sproxy_return_credit(&sp, TX));
    ck_assert(!k3_sproxy_return_credit(&sp, RX));
    ck_assert_uint_eq(k3_sproxy_status(&sp, TX), 4);
}
END_TEST

START_TEST(tx_without_credits_drops)
{
    uint8_t out[K3_SPROXY_MSG_SIZE];
    const uint32_t w[1] = { 0x1234 };

    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(send_words(TX, w, 1, out), K3_SPROXY_COMMITTED);
    }
    ck_assert_uint_eq(k3_sproxy_status(&sp, TX), 0);
    memset(out, 0xee, sizeof(out));
    ck_assert_int_eq(send_words(TX, w, 1, out), K3_SPROXY_NO_CREDITS);
    ck_assert_uint_eq(out[0], 0xee);                 /* nothing handed out */
    ck_assert(k3_sproxy_return_credit(&sp, TX));
    /* the dropped message left nothing staged */
    ck_assert_int_eq(k3_sproxy_write(&sp, TX, LAST, 0, out), K3_SPROXY_COMMITTED);
    ck_assert_uint_eq(rp_le32(out), 0);
}
END_TEST

START_TEST(rx_fifo_pop_on_last_read)
{
    uint8_t m[K3_SPROXY_MSG_SIZE];
    uint32_t w[K3_SPROXY_DATA_REGS];

    for (int i = 0; i < 4; i++) {
        memset(m, 0, sizeof(m));
        rp_put_le32(m, 0x100 + i);
        rp_put_le32(m + 56, 0xabcd0000u + i);
        ck_assert(k3_sproxy_push(&sp, RX, m, i == 3 ? 4 : sizeof(m)));
        ck_assert_uint_eq(k3_sproxy_status(&sp, RX), i + 1);
        ck_assert(k3_sproxy_irq_level(&sp, RX));
    }
    ck_assert(!k3_sproxy_push(&sp, RX, m, sizeof(m)));       /* full */
    ck_assert(!k3_sproxy_push(&sp, TX, m, sizeof(m)));       /* not rx */
    ck_assert(!k3_sproxy_push(&sp, RX, m, sizeof(m) + 1));   /* too long */

    /* reading a word twice is fine; only the last register pops */
    ck_assert_int_eq(k3_sproxy_read(&sp, RX, 0, &w[0]), K3_SPROXY_OK);
    ck_assert_int_eq(k3_sproxy_read(&sp, RX, 0, &w[0]), K3_SPROXY_OK);
    ck_assert_uint_eq(w[0], 0x100);
    ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 4);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(read_msg(RX, w), K3_SPROXY_POPPED);
        ck_assert_uint_eq(w[0], 0x100 + i);
        ck_assert_uint_eq(w[LAST], i == 3 ? 0 : 0xabcd0000u + i);   /* short: padded */
        ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 3 - i);
    }
    ck_assert(!k3_sproxy_irq_level(&sp, RX));
    /* the ring wraps */
    for (int i = 0; i < 6; i++) {
        rp_put_le32(m, 0x200 + i);
        ck_assert(k3_sproxy_push(&sp, RX, m, sizeof(m)));
        ck_assert_int_eq(read_msg(RX, w), K3_SPROXY_POPPED);
        ck_assert_uint_eq(w[0], 0x200 + i);
    }
    ck_assert(k3_sproxy_valid(&sp));
}
END_TEST

START_TEST(misuse_answers)
{
    uint8_t out[K3_SPROXY_MSG_SIZE];
    uint32_t v = 0xdead;

    /* an empty rx thread reads 0, and its last read pops nothing */
    ck_assert_int_eq(k3_sproxy_read(&sp, RX, 0, &v), K3_SPROXY_EMPTY);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(k3_sproxy_read(&sp, RX, LAST, &v), K3_SPROXY_EMPTY);
    ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 0);
    /* against the direction */
    ck_assert_int_eq(k3_sproxy_write(&sp, RX, LAST, 1, out), K3_SPROXY_WRONG_DIR);
    ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 0);
    v = 7;
    ck_assert_int_eq(k3_sproxy_read(&sp, TX, 0, &v), K3_SPROXY_WRONG_DIR);
    ck_assert_uint_eq(v, 0);
    ck_assert_uint_eq(k3_sproxy_status(&sp, TX), 4);
    /* unknown threads, registers */
    ck_assert_int_eq(k3_sproxy_read(&sp, 14, 0, &v), K3_SPROXY_NO_THREAD);
    ck_assert_int_eq(k3_sproxy_write(&sp, 189, 0, 1, out), K3_SPROXY_NO_THREAD);
    ck_assert_int_eq(k3_sproxy_read(&sp, RX, 15, &v), K3_SPROXY_BAD_REG);
    ck_assert_int_eq(k3_sproxy_write(&sp, TX, 0xffffffffu, 1, out), K3_SPROXY_BAD_REG);
    ck_assert_uint_eq(k3_sproxy_status(&sp, 0xffffffffu), 0);
    ck_assert_uint_eq(k3_sproxy_ctrl(&sp, 0), 0);
    ck_assert(!k3_sproxy_irq_level(&sp, 99));
    ck_assert(!k3_sproxy_return_credit(&sp, 99));
    ck_assert_str_eq(k3_sproxy_result_name(K3_SPROXY_NO_CREDITS),
                     "commit without credits, message dropped");
    ck_assert_str_eq(k3_sproxy_result_name((K3SproxyResult)99), "?");
}
END_TEST

START_TEST(configuration_and_reset)
{
    uint8_t m[K3_SPROXY_MSG_SIZE] = { 1 };
    uint8_t out[K3_SPROXY_MSG_SIZE];

    /* refused threads */
    ck_assert(!k3_sproxy_add_thread(&sp, RX, false, 1));             /* served already */
    ck_assert(!k3_sproxy_add_thread(&sp, K3_SPROXY_MAX_THREADS, true, 1));
    ck_assert(!k3_sproxy_add_thread(&sp, 20, true, 0));
    ck_assert(!k3_sproxy_add_thread(&sp, 20, true, K3_SPROXY_MAX_DEPTH + 1));
    ck_assert(k3_sproxy_add_thread(&sp, 20, true, K3_SPROXY_MAX_DEPTH));
    ck_assert(k3_sproxy_add_thread(&sp, 21, false, 1));
    ck_assert(!k3_sproxy_add_thread(&sp, 22, false, 1));            /* no room */

    ck_assert(k3_sproxy_push(&sp, RX, m, sizeof(m)));
    ck_assert_int_eq(k3_sproxy_write(&sp, TX, 0, 5, out), K3_SPROXY_OK);
    ck_assert_int_eq(k3_sproxy_write(&sp, 21, LAST, 5, out), K3_SPROXY_COMMITTED);
    k3_sproxy_reset(&sp);
    ck_assert_uint_eq(k3_sproxy_status(&sp, RX), 0);
    ck_assert_uint_eq(k3_sproxy_status(&sp, 21), 1);
    ck_assert_int_eq(k3_sproxy_write(&sp, TX, LAST, 0, out), K3_SPROXY_COMMITTED);
    ck_assert_uint_eq(rp_le32(out), 0);              /* staging cleared by the reset */

    /* what a migration stream must not carry */
    ck_assert(k3_sproxy_valid(&sp));
    sp.thread[0].count = 5;
    ck_assert(!k3_sproxy_valid(&sp));
    sp.thread[0].count = 0;
    sp.thread[0].head = 4;
    ck_assert(!k3_sproxy_valid(&sp));
    sp.thread[0].head = 0;
    sp.thread[1].credits = 9;
    ck_assert(!k3_sproxy_valid(&sp));
    sp.thread[1].credits = 0;
    sp.thread[0].credits = 1;                        /* rx with credits */
    ck_assert(!k3_sproxy_valid(&sp));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "threads", startup_view },
        { "threads", tx_commit_on_last_register },
        { "threads", tx_without_credits_drops },
        { "threads", rx_fifo_pop_on_last_read },
        { "misuse", misuse_answers },
        { "misuse", configuration_and_reset },
    };

    return rp_suite_new("k3-sec-proxy", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = setup });
}
