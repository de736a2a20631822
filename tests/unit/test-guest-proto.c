/*
 * Unit tests: parsing of the guest's console markers and agent replies
 * (the guest side is guest/init and guest/agent).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>

#include "../tap-main.h"
#include "guest-proto.h"

START_TEST(ready_ok)
{
    RpReadyMark m = { 0 };

    ck_assert(rp_parse_ready("RPROCSIM-READY kernel=6.12.117+deb13-arm64 uptime=1.40", &m));
    ck_assert_str_eq(m.kernel, "6.12.117+deb13-arm64");
    ck_assert_double_eq_tol(m.uptime_s, 1.40, 1e-9);
    g_free(m.kernel);
}
END_TEST

START_TEST(ready_rejects)
{
    static const char *const bad[] = {
        "RPROCSIM-READY",
        "RPROCSIM-READY kernel= uptime=1.0",
        "RPROCSIM-READY kernel=x",
        "RPROCSIM-READY kernel=x uptime=",
        "RPROCSIM-READY kernel=x uptime=1.0s",
        "RPROCSIM-READY kernel=x uptime=-1",
        "[    1.3] RPROCSIM-READY kernel=x uptime=1",
        "",
    };
    RpReadyMark m = { .kernel = NULL, .uptime_s = 42 };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ck_assert_msg(!rp_parse_ready(bad[i], &m), "accepted '%s'", bad[i]);
    }
    ck_assert_ptr_null(m.kernel);
    ck_assert_double_eq(m.uptime_s, 42);
}
END_TEST

START_TEST(module_lines)
{
    char *name = NULL;
    gboolean loaded = FALSE;

    ck_assert(rp_parse_module("RPROCSIM-MODULE loaded qcom_q6v5_pas", &name, &loaded));
    ck_assert_str_eq(name, "qcom_q6v5_pas");
    ck_assert(loaded);
    g_free(name);
    ck_assert(rp_parse_module("RPROCSIM-MODULE failed smem", &name, &loaded));
    ck_assert(!loaded);
    g_free(name);
    ck_assert(!rp_parse_module("RPROCSIM-MODULE maybe smem", &name, &loaded));
    ck_assert(!rp_parse_module("RPROCSIM-MODULE loaded", &name, &loaded));
    ck_assert(!rp_parse_module("RPROCSIM-MODULE loaded a b", &name, &loaded));
    ck_assert(!rp_parse_module("RPROCSIM-MODULES-DONE", &name, &loaded));
}
END_TEST

START_TEST(agent_end)
{
    RpAgentEnd e = { 0 };

    ck_assert(rp_agent_parse_end("@@RPROCSIM-END 7 0", &e));
    ck_assert_uint_eq(e.seq, 7);
    ck_assert_int_eq(e.status, 0);
    ck_assert(rp_agent_parse_end("@@RPROCSIM-END 4294967295 255", &e));
    ck_assert_uint_eq(e.seq, 4294967295u);
    ck_assert_int_eq(e.status, 255);
}
END_TEST

START_TEST(agent_end_rejects)
{
    static const char *const bad[] = {
        "@@RPROCSIM-END 7",
        "@@RPROCSIM-END 7 256",
        "@@RPROCSIM-END 7 -1",
        "@@RPROCSIM-END x 0",
        "@@RPROCSIM-END 4294967296 0",
        "@@RPROCSIM-END 7 0 extra",
        "@@RPROCSIM-END  7 0",
        "output @@RPROCSIM-END 7 0",
    };
    RpAgentEnd e = { .seq = 99, .status = 99 };

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        ck_assert_msg(!rp_agent_parse_end(bad[i], &e), "accepted '%s'", bad[i]);
    }
    ck_assert_uint_eq(e.seq, 99);
}
END_TEST

START_TEST(agent_request)
{
    g_autofree char *r = rp_agent_format_request(12, "cat /proc/modules");

    ck_assert_str_eq(r, "12 cat /proc/modules\n");
}
END_TEST

START_TEST(kernel_time)
{
    double t = -1;

    ck_assert(rp_parse_kernel_time("[   12.503012] qcom_q6v5_pas 3700000.remoteproc: x", &t));
    ck_assert_double_eq_tol(t, 12.503012, 1e-9);
    ck_assert(rp_parse_kernel_time("[0.000000] Booting", &t));
    ck_assert_double_eq(t, 0);
    ck_assert(!rp_parse_kernel_time("RPROCSIM-READY", &t));
    ck_assert(!rp_parse_kernel_time("[ abc] x", &t));
    ck_assert(!rp_parse_kernel_time("[ 1.5 x", &t));
    ck_assert(!rp_parse_kernel_time("", &t));
    /* after the console's shell prompt and its terminal query */
    ck_assert(rp_parse_kernel_time("~ # \033[6n[   11.474226] remoteproc remoteproc1: x", &t));
    ck_assert_double_eq_tol(t, 11.474226, 1e-9);
    /* but not inside a message */
    ck_assert(!rp_parse_kernel_time("x [   1.5] y", &t));
    ck_assert(!rp_parse_kernel_time("\033[6", &t));
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "parse", ready_ok },
        { "parse", ready_rejects },
        { "parse", module_lines },
        { "parse", agent_end },
        { "parse", agent_end_rejects },
        { "parse", agent_request },
        { "parse", kernel_time },
    };

    return rp_suite_new("guest-proto", tests, G_N_ELEMENTS(tests), NULL);
}
