/*
 * System test: power plumbing with the stock kernel. The built-in cmd-db,
 * rpmh-rsc, rpmhpd, clk-rpmh and qcom_aoss drivers probe without errors;
 * the power domains the PAS nodes name and the xo clock exist; the CX vote
 * of a consumer (the agent UART) reaches the RSC, and a message the guest
 * sends through AOSS QMP reaches the AOP.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/ and guest/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "guest-fixture.h"

#define AOSS_WAIT_S 30.0

START_TEST(power_drivers_probe_without_errors)
{
    g_autofree char *aoss = NULL;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    {
        static const char *const keywords[] = { "rpmh", "cmd-db", "cmd_db", "qmp", "aoss", "rsc", NULL };

        sys_assert_no_warnings(keywords);
    }
    aoss = sys_guest("ls /sys/bus/platform/drivers/qcom_aoss_qmp");
    ck_assert_msg(strstr(aoss, "c300000.power-management"), "AOSS not bound: %s", aoss);
}
END_TEST

/* The domains sc7280 PAS nodes name (lcx/lmx for aDSP, cx/mx otherwise) and xo */
START_TEST(domains_and_clocks_exist)
{
    static const char *const domains[] = { "cx", "mx", "lcx", "lmx" };
    static const char *const clocks[] = { "bi_tcxo", "bi_tcxo_ao", "ln_bb_clk2", "rf_clk1",
                                          "ipa", "pka", "hwkm" };
    g_autofree char *pds = sys_guest("ls /sys/kernel/debug/pm_genpd");
    g_autofree char *clks = sys_guest("ls /sys/kernel/debug/clk");
    g_auto(GStrv) pd_list = g_strsplit_set(pds, " \n", -1);
    g_auto(GStrv) clk_list = g_strsplit_set(clks, " \n", -1);

    for (size_t i = 0; i < G_N_ELEMENTS(domains); i++) {
        ck_assert_msg(g_strv_contains((const char *const *)pd_list, domains[i]),
                      "no power domain %s in %s", domains[i], pds);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(clocks); i++) {
        ck_assert_msg(g_strv_contains((const char *const *)clk_list, clocks[i]),
                      "no clock %s in %s", clocks[i], clks);
    }
}
END_TEST

/* The agent UART sits in CX: its binding voted a CX corner */
START_TEST(consumer_vote_recorded)
{
    g_autofree char *votes = sys_qom_get("/machine/rpmh-rsc", "votes");
    const char *cx = strstr(votes, "cx.lvl=0x");
    unsigned level = 0;

    ck_assert_msg(cx, "no CX vote recorded: '%s'", votes);
    ck_assert(sscanf(cx, "cx.lvl=0x%x", &level) == 1);
    ck_assert_msg(level > 0, "CX voted off: %s", votes);
}
END_TEST

/* A message through the guest's AOSS QMP driver reaches the AOP */
START_TEST(aoss_message_reaches_aop)
{
    g_autofree char *out = sys_guest("echo Y > /sys/kernel/debug/qcom_aoss/prevent_aoss_sleep");
    gint64 deadline = g_get_monotonic_time() + (gint64)(AOSS_WAIT_S * G_USEC_PER_SEC);
    g_autofree char *messages = NULL;

    /* the write returns only after the AOP cleared the length word */
    messages = sys_qom_get("/machine/aoss-qmp", "messages");
    while (!strstr(messages, "aoss_slp") && g_get_monotonic_time() < deadline) {
        g_free(messages);
        messages = sys_qom_get("/machine/aoss-qmp", "messages");
    }
    ck_assert_msg(strstr(messages, "{class: aoss_slp, res: sleep: "),
                  "AOP got: '%s'", messages);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "qcs6490-sim", power_drivers_probe_without_errors },
        { "qcs6490-sim", domains_and_clocks_exist },
        { "qcs6490-sim", consumer_vote_recorded },
        { "aoss-message", aoss_message_reaches_aop },     /* changes the AOP's state */
    };

    return sys_suite("power", tests, G_N_ELEMENTS(tests),
                     &(SysBootOptions){ .qmp = true, .wait_modules = true });
}
