/*
 * Unit tests: the text form of injected faults (models/fault-spec.c), as
 * the Q6SS and R5F control blocks' QOM "fault" properties take it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "fault-spec.h"

static const char *const names[] = { "none", "hang", "crash", "wild-pointer" };

START_TEST(parses_name_arg_and_message)
{
    char msg[16];
    uint32_t arg = 7;
    RpError err;

    ck_assert_int_eq(rp_fault_spec_parse("hang", names, 4, &arg, msg, sizeof(msg), &err), 1);
    ck_assert_uint_eq(arg, 0);
    ck_assert_str_eq(msg, "");
    ck_assert_int_eq(err.code, RP_FAULT_SPEC_OK);
    ck_assert_int_eq(rp_fault_spec_parse("crash:300", names, 4, &arg, msg, sizeof(msg), NULL), 2);
    ck_assert_uint_eq(arg, 300);
    ck_assert_int_eq(rp_fault_spec_parse("crash::it: fell over", names, 4, &arg, msg,
                                         sizeof(msg), NULL), 2);
    ck_assert_uint_eq(arg, 0);
    ck_assert_str_eq(msg, "it: fell over");
    /* cut to fit, NUL kept, the rest of the buffer zero */
    ck_assert_int_eq(rp_fault_spec_parse("none:4294967295:0123456789abcdefXYZ", names, 4,
                                         &arg, msg, sizeof(msg), NULL), 0);
    ck_assert_uint_eq(arg, 0xffffffffu);
    ck_assert_str_eq(msg, "0123456789abcde");
}
END_TEST

START_TEST(refuses_unknown_names_and_bad_args)
{
    char msg[8] = "keep";
    uint32_t arg = 7;
    RpError err;

    ck_assert_int_eq(rp_fault_spec_parse("explode", names, 4, &arg, msg, sizeof(msg), &err), -1);
    ck_assert_int_eq(err.code, RP_FAULT_SPEC_UNKNOWN);
    ck_assert_ptr_nonnull(strstr(err.detail, "unknown fault 'explode'"));
    ck_assert_ptr_nonnull(strstr(err.detail, "none, hang, crash, wild-pointer"));
    ck_assert_int_eq(rp_fault_spec_parse("", names, 4, &arg, msg, sizeof(msg), &err), -1);
    ck_assert_int_eq(rp_fault_spec_parse("hang:12x", names, 4, &arg, msg, sizeof(msg), &err), -1);
    ck_assert_int_eq(err.code, RP_FAULT_SPEC_BAD_ARG);
    ck_assert_int_eq(rp_fault_spec_parse("hang:4294967296", names, 4, &arg, msg, sizeof(msg),
                                         &err), -1);
    ck_assert_int_eq(rp_fault_spec_parse("hang:-1", names, 4, &arg, msg, sizeof(msg), NULL), -1);
    /* untouched on failure */
    ck_assert_uint_eq(arg, 7);
    ck_assert_str_eq(msg, "keep");
}
END_TEST

START_TEST(formats_what_it_parses)
{
    char msg[8] = { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };    /* no NUL: cut at 8 */
    g_autofree char *a = rp_fault_spec_format(names, 4, 2, 5, "boom", 8);
    g_autofree char *b = rp_fault_spec_format(names, 4, 99, 0, "", 8);
    g_autofree char *c = rp_fault_spec_format(names, 4, 3, 1, msg, sizeof(msg));

    ck_assert_str_eq(a, "crash:5:boom");
    ck_assert_str_eq(b, "none:0:");
    ck_assert_str_eq(c, "wild-pointer:1:abcdefgh");
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "fault-spec", parses_name_arg_and_message },
        { "fault-spec", refuses_unknown_names_and_bad_args },
        { "fault-spec", formats_what_it_parses },
    };

    return rp_suite_new("fault-spec", tests, G_N_ELEMENTS(tests), NULL);
}
