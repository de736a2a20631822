/*
 * Unit tests: the firmware library the R5F and Qualcomm stubs share
 * (firmware-stubs/lib): bounded text building (text.c), the trace buffer
 * ring (trace.c), the RP_MBOX decisions and the R5F faults that shape them
 * (rpmbox.c), and the resource table layout Linux reads
 * (include/rprocsim/rsc-table.h against include/linux/remoteproc.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stddef.h>
#include <string.h>

#include "../tap-main.h"
#include "rpmbox.h"
#include "text.h"
#include "trace.h"
#include "rprocsim/k3-r5f-ctl-regs.h"
#include "rprocsim/rp-mbox.h"
#include "rprocsim/rsc-table.h"

/* Strings and hex digits append in order and stop one short of the end */
START_TEST(text_appends_bounded)
{
    char buf[16];
    uint32_t at = 0;

    memset(buf, 'x', sizeof(buf));
    rp_text_put_str(buf, &at, sizeof(buf), "pc 0x");
    rp_text_put_hex(buf, &at, sizeof(buf), 0x0000beefu);
    ck_assert_str_eq(buf, "pc 0x0000beef");
    ck_assert_uint_eq(at, 13);
    rp_text_put_hex(buf, &at, sizeof(buf), 0xdeadbeefu);     /* only "de" fits */
    ck_assert_str_eq(buf, "pc 0x0000beefde");
    ck_assert_uint_eq(at, 15);
    rp_text_put_str(buf, &at, sizeof(buf), "more");
    ck_assert_uint_eq(at, 15);
    ck_assert_int_eq(buf[15], '\0');

    at = 0;
    rp_text_put_str(buf, &at, 1, "abc");                    /* room for the NUL only */
    ck_assert_uint_eq(at, 0);
    ck_assert_int_eq(buf[0], '\0');
}
END_TEST

START_TEST(text_decimal)
{
    static const struct { uint32_t v; const char *s; } cases[] = {
        { 0, "0" }, { 7, "7" }, { 10, "10" }, { 4096, "4096" }, { 0xffffffffu, "4294967295" },
    };
    char buf[16];

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint32_t at = 0;

        rp_text_put_dec(buf, &at, sizeof(buf), cases[i].v);
        ck_assert_str_eq(buf, cases[i].s);
    }

    /* cut from the right: the most significant digits stay */
    uint32_t at = 0;

    rp_text_put_dec(buf, &at, 4, 12345);
    ck_assert_str_eq(buf, "123");
}
END_TEST

/* A register window's words become text: little-endian bytes, cut to the buffer */
START_TEST(text_from_words)
{
    uint32_t words[16] = { 0 };
    char buf[64], small[6];

    memcpy(words, "wild pointer", 13);
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        uint8_t *b = (uint8_t *)&words[i];

        words[i] = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
    }
    rp_text_from_words(buf, sizeof(buf), words, sizeof(words));
    ck_assert_str_eq(buf, "wild pointer");
    rp_text_from_words(small, sizeof(small), words, sizeof(words));
    ck_assert_str_eq(small, "wild ");

    /* an unterminated window is terminated in the buffer */
    memset(words, 'a', sizeof(words));
    rp_text_from_words(buf, sizeof(buf), words, sizeof(words));
    ck_assert_uint_eq(strlen(buf), 63);
    rp_text_from_words(buf, sizeof(buf), words, 8);         /* a shorter window */
    ck_assert_str_eq(buf, "aaaaaaaa");
}
END_TEST

/* Lines end in '\n', the text stays NUL-terminated, a full buffer starts again */
START_TEST(trace_ring)
{
    char buf[32];
    struct rp_trace t;

    memset(buf, 'x', sizeof(buf));
    rp_trace_init(&t, buf, sizeof(buf));
    ck_assert_str_eq(buf, "");
    for (size_t i = 0; i < sizeof(buf); i++) {
        ck_assert_int_eq(buf[i], 0);
    }
    rp_trace_line(&t, "boot 1");
    rp_trace_line(&t, "rx kick");
    ck_assert_str_eq(buf, "boot 1\nrx kick\n");
    ck_assert_uint_eq(t.at, 15);
    rp_trace_line(&t, "0123456789abcdef");                 /* 17 + NUL > 32 - 15 */
    ck_assert_uint_eq(t.wraps, 1);
    ck_assert_str_eq(buf, "0123456789abcdef\n");
    rp_trace_line(&t, "0123456789abc");                     /* exactly fills: 17 + 14 + 1 */
    ck_assert_uint_eq(t.wraps, 1);
    ck_assert_uint_eq(t.at, 31);
    ck_assert_str_eq(buf, "0123456789abcdef\n0123456789abc\n");

    /* a line longer than the buffer is cut to size - 2 */
    rp_trace_line(&t, "this line is far longer than the buffer it goes into");
    ck_assert_uint_eq(strlen(buf), 31);
    ck_assert_int_eq(buf[30], '\n');
    ck_assert_int_eq(buf[31], '\0');
}
END_TEST

/* Every control value and a kick, with no fault in effect */
START_TEST(rpmbox_answers)
{
    struct rp_rpmbox s = { 0 };
    struct rp_rpmbox_answer a;

    rp_rpmbox_handle(&s, RP_MBOX_ECHO_REQUEST, &a);
    ck_assert_int_eq(a.send, 1);
    ck_assert_uint_eq(a.reply, RP_MBOX_ECHO_REPLY);
    ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);
    ck_assert_uint_eq(s.echoes, 1);

    for (uint32_t vq = 0; vq < 3; vq++) {
        rp_rpmbox_handle(&s, vq, &a);
        ck_assert_int_eq(a.send, 0);
        ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);
        ck_assert_str_eq(a.what, "kick");
    }
    rp_rpmbox_handle(&s, RP_MBOX_READY - 1, &a);            /* the largest virtqueue id */
    ck_assert_str_eq(a.what, "kick");
    ck_assert_uint_eq(s.kicks, 4);

    static const uint32_t others[] = {
        RP_MBOX_READY, RP_MBOX_PENDING_MSG, RP_MBOX_CRASH, RP_MBOX_ECHO_REPLY,
        RP_MBOX_ABORT_REQUEST, RP_MBOX_SUSPEND_AUTO, RP_MBOX_SUSPEND_SYSTEM,
        RP_MBOX_SUSPEND_ACK, RP_MBOX_SUSPEND_CANCEL, RP_MBOX_SHUTDOWN_ACK, 0xffffffffu,
    };
    for (size_t i = 0; i < G_N_ELEMENTS(others); i++) {
        rp_rpmbox_handle(&s, others[i], &a);
        ck_assert_int_eq(a.send, 0);
        ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);
    }
    ck_assert_uint_eq(s.ignored, G_N_ELEMENTS(others));

    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 1);
    ck_assert_uint_eq(a.reply, RP_MBOX_SHUTDOWN_ACK);
    ck_assert_int_eq(a.next, RP_RPMBOX_STOP);
    ck_assert_uint_eq(s.messages, 1 + 4 + G_N_ELEMENTS(others) + 1);
}
END_TEST

/* Faults: which act now, which shape later answers, and until when */
START_TEST(rpmbox_faults)
{
    struct rp_rpmbox s = { 0 };
    struct rp_rpmbox_answer a;

    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_NONE, 0), RP_RPMBOX_FAULT_LATER);
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_HANG, 0), RP_RPMBOX_FAULT_HANG);
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_CRASH, 0), RP_RPMBOX_FAULT_CRASH);
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_WILD_POINTER, 0),
                     RP_RPMBOX_FAULT_WILD);
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_COUNT, 7), RP_RPMBOX_FAULT_LATER);
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, 0xffffffffu, 7), RP_RPMBOX_FAULT_LATER);
    ck_assert(!s.no_echo && !s.legacy && !s.ack_no_wfi && !s.crashed);
    ck_assert_uint_eq(s.slow_ack_ms, 0);
    ck_assert_uint_eq(s.busy_ms, 0);

    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_NO_ECHO, 0), RP_RPMBOX_FAULT_LATER);
    for (int i = 0; i < 2; i++) {                           /* for the rest of the boot */
        rp_rpmbox_handle(&s, RP_MBOX_ECHO_REQUEST, &a);
        ck_assert_int_eq(a.send, 0);
        ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);
    }
    ck_assert_uint_eq(s.echoes, 0);

    /* the next boot zeroes the state: answers are back */
    memset(&s, 0, sizeof(s));
    rp_rpmbox_handle(&s, RP_MBOX_ECHO_REQUEST, &a);
    ck_assert_int_eq(a.send, 1);
}
END_TEST

/* SHUTDOWN under each graceful-shutdown fault, and the ones that add up */
START_TEST(rpmbox_shutdown_faults)
{
    struct rp_rpmbox s = { 0 };
    struct rp_rpmbox_answer a;

    /* legacy: 0xffffff14 is just an unknown value, every time */
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_LEGACY, 0), RP_RPMBOX_FAULT_LATER);
    for (int i = 0; i < 2; i++) {
        rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
        ck_assert_int_eq(a.send, 0);
        ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);
        ck_assert_str_eq(a.what, "ignored");
    }
    ck_assert_uint_eq(s.ignored, 2);
    /* legacy wins over the faults that change the answer */
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_ACK_NO_WFI, 0);
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_CRASHED, 0);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 0);
    ck_assert_int_eq(a.next, RP_RPMBOX_IDLE);

    /* ack-no-wfi: the ACK at once, then carry on */
    memset(&s, 0, sizeof(s));
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_ACK_NO_WFI, 0);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 1);
    ck_assert_uint_eq(a.reply, RP_MBOX_SHUTDOWN_ACK);
    ck_assert_uint_eq(a.delay_ms, 0);
    ck_assert_int_eq(a.next, RP_RPMBOX_RUN_ON);
    rp_rpmbox_handle(&s, RP_MBOX_ECHO_REQUEST, &a);     /* and still answers */
    ck_assert_int_eq(a.send, 1);

    /* slow-ack: the ACK after FAULT_ARG ms, then WFI; with ack-no-wfi, then run on */
    memset(&s, 0, sizeof(s));
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_SLOW_ACK, 6000);
    ck_assert_uint_eq(s.slow_ack_ms, 6000);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 1);
    ck_assert_uint_eq(a.reply, RP_MBOX_SHUTDOWN_ACK);
    ck_assert_uint_eq(a.delay_ms, 6000);
    ck_assert_int_eq(a.next, RP_RPMBOX_STOP);
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_ACK_NO_WFI, 0);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_uint_eq(a.delay_ms, 6000);
    ck_assert_int_eq(a.next, RP_RPMBOX_RUN_ON);
    /* a delay beyond the microsecond clock's range is cut to it */
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_SLOW_ACK, 0xffffffffu);
    ck_assert_uint_eq(s.slow_ack_ms, RP_RPMBOX_MAX_DELAY_MS);
    ck_assert_uint_lt((uint64_t)RP_RPMBOX_MAX_DELAY_MS * 1000u, (uint64_t)1 << 32);

    /* crashed: no ACK, a data abort; it wins over the ACK faults */
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_CRASHED, 0);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 0);
    ck_assert_uint_eq(a.delay_ms, 0);
    ck_assert_int_eq(a.next, RP_RPMBOX_ABORT);

    /* busy: acts at once, for FAULT_ARG ms; the SHUTDOWN afterwards is the normal one */
    memset(&s, 0, sizeof(s));
    ck_assert_int_eq(rp_rpmbox_take_fault(&s, K3_R5F_FAULT_BUSY, 3000), RP_RPMBOX_FAULT_BUSY);
    ck_assert_uint_eq(s.busy_ms, 3000);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    ck_assert_int_eq(a.send, 1);
    ck_assert_uint_eq(a.delay_ms, 0);
    ck_assert_int_eq(a.next, RP_RPMBOX_STOP);
}
END_TEST

START_TEST(rpmbox_trace_lines)
{
    struct rp_rpmbox s = { 0 };
    struct rp_rpmbox_answer a;
    char line[96];
    uint32_t at = 0;

    rp_rpmbox_handle(&s, RP_MBOX_ECHO_REQUEST, &a);
    rp_rpmbox_describe(line, &at, sizeof(line), RP_MBOX_ECHO_REQUEST, &a);
    ck_assert_str_eq(line, "rx 0xffffff03 echo request, tx 0xffffff04");
    at = 0;
    rp_rpmbox_handle(&s, 1, &a);
    rp_rpmbox_describe(line, &at, sizeof(line), 1, &a);
    ck_assert_str_eq(line, "rx 0x00000001 kick");
    at = 0;
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    rp_rpmbox_describe(line, &at, sizeof(line), RP_MBOX_SHUTDOWN, &a);
    ck_assert_str_eq(line, "rx 0xffffff14 shutdown, tx 0xffffff15");
    at = 0;
    rp_rpmbox_take_fault(&s, K3_R5F_FAULT_LEGACY, 0);
    rp_rpmbox_handle(&s, RP_MBOX_SHUTDOWN, &a);
    rp_rpmbox_describe(line, &at, sizeof(line), RP_MBOX_SHUTDOWN, &a);
    ck_assert_str_eq(line, "rx 0xffffff14 ignored");
}
END_TEST

/* The layout of include/linux/remoteproc.h that rproc_elf_load_rsc_table() reads */
START_TEST(rsc_table_layout)
{
    ck_assert_uint_eq(sizeof(struct rp_rsc_table_hdr), RP_RSC_TABLE_HDR_SIZE);
    ck_assert_uint_eq(RP_RSC_TABLE_HDR_SIZE, 16);
    ck_assert_uint_eq(offsetof(struct rp_rsc_table_hdr, num), 4);
    ck_assert_uint_eq(sizeof(struct rp_rsc_trace), RP_RSC_TRACE_SIZE);
    ck_assert_uint_eq(offsetof(struct rp_rsc_trace, da), 4);
    ck_assert_uint_eq(offsetof(struct rp_rsc_trace, len), 8);
    ck_assert_uint_eq(offsetof(struct rp_rsc_trace, reserved), 12);
    ck_assert_uint_eq(offsetof(struct rp_rsc_trace, name), 16);
    ck_assert_uint_eq(RP_RSC_TRACE, 2);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "text", text_appends_bounded },
        { "text", text_decimal },
        { "text", text_from_words },
        { "trace", trace_ring },
        { "rpmbox", rpmbox_answers },
        { "rpmbox", rpmbox_faults },
        { "rpmbox", rpmbox_shutdown_faults },
        { "rpmbox", rpmbox_trace_lines },
        { "rsc", rsc_table_layout },
    };

    return rp_suite_new("fw-r5f", tests, G_N_ELEMENTS(tests), NULL);
}
