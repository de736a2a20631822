/*
 * System tests: a shared booted guest.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "guest-fixture.h"
#include "qmp.h"

#define AGENT_TIMEOUT_S 60.0

RpOptions sys_opts;
RpVm *sys_vm;
RpQtest *sys_qt;
RpQmp *sys_qmp;
RpReadyMark sys_ready;
char *sys_boot_error;

void sys_boot(const SysBootOptions *o)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = NULL;
    RpVmConfig cfg;

    g_clear_pointer(&sys_boot_error, g_free);
    g_clear_pointer(&sys_ready.kernel, g_free);
    sys_ready.uptime_s = 0;
    if (!sys_opts.build) {
        sys_opts.build = g_strdup(g_getenv("RPROCSIM_BUILD") ?: "build");
        if (!rp_options_resolve(&sys_opts, &err)) {
            sys_boot_error = g_strdup(err->message);
            g_clear_pointer(&sys_opts.build, g_free);
            return;
        }
    }
    cfg = rp_vm_config(&sys_opts, RP_SIM_MACHINE);
    cfg.agent = TRUE;
    cfg.qtest = o->qtest;
    cfg.qmp = o->qmp;
    sys_vm = rp_vm_start(&cfg, &err);
    if (sys_vm && o->qtest) {
        sys_qt = rp_vm_qtest(sys_vm, 30, &err);
    }
    if (sys_vm && (!o->qtest || sys_qt)) {
        line = rp_vm_wait_console(sys_vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S, NULL, &err);
    }
    if (line && o->qmp) {
        sys_qmp = rp_vm_qmp(sys_vm, 30, &err);
        if (!sys_qmp) {
            g_clear_pointer(&line, g_free);
        }
    }
    if (!line || !rp_parse_ready(line, &sys_ready)) {
        sys_boot_error = g_strdup(err ? err->message : line);
        return;
    }
    if (o->wait_modules) {
        g_autofree char *done = rp_vm_wait_console(sys_vm, RP_MARK_MODULES_DONE,
                                                   RP_BOOT_TIMEOUT_S, NULL, &err);

        if (!done) {
            sys_boot_error = g_strdup(err->message);
        }
    }
}

void sys_shutdown(void)
{
    g_clear_pointer(&sys_vm, rp_vm_free);
    sys_qt = NULL;
    sys_qmp = NULL;
}

/* What sys_suite()'s tcases boot with */
static SysBootOptions suite_boot;

static void suite_boot_guest(void)
{
    sys_boot(&suite_boot);
}

Suite *sys_suite(const char *name, const RpTest *tests, size_t n,
                 const SysBootOptions *boot)
{
    suite_boot = *boot;
    return rp_suite_new(name, tests, n, &(RpSuiteOptions){
        .timeout_s = RP_NO_TIMEOUT, .nofork = true,
        .tcase_setup = suite_boot_guest, .tcase_teardown = sys_shutdown });
}

char *sys_guest(const char *cmd)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status = -1;

    ck_assert_msg(sys_vm && !sys_boot_error, "no booted guest: %s", sys_boot_error);
    ck_assert_msg(rp_vm_agent_run(sys_vm, cmd, AGENT_TIMEOUT_S, &out, &status, &err),
                  "agent: %s", err ? err->message : "?");
    ck_assert_msg(status == 0, "'%s' exited %d: %s", cmd, status, out);
    return out;
}

void sys_assert_no_warnings(const char *const *keywords)
{
    g_autofree char *dmesg = sys_guest("dmesg -r");
    g_auto(GStrv) lines = g_strsplit(dmesg, "\n", -1);

    for (char **l = lines; *l; l++) {
        g_autofree char *low = g_ascii_strdown(*l, -1);
        int level = 7;

        if (sscanf(*l, "<%d>", &level) != 1 || (level & 7) > 4) {
            continue;
        }
        for (const char *const *k = keywords; *k; k++) {
            ck_assert_msg(!strstr(low, *k), "warning or error in dmesg: %s", *l);
        }
    }
}

void sys_qom_set(const char *path, const char *property, const char *value)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(sys_qmp, "no QMP monitor: %s", sys_boot_error);
    ck_assert_msg(rp_qmp_qom_set_str(sys_qmp, path, property, value, &err),
                  "qom-set %s %s: %s", path, property, err ? err->message : "?");
}

char *sys_qom_get(const char *path, const char *property)
{
    g_autoptr(GError) err = NULL;
    char *v;

    ck_assert_msg(sys_qmp, "no QMP monitor: %s", sys_boot_error);
    v = rp_qmp_qom_get_str(sys_qmp, path, property, &err);
    ck_assert_msg(v, "qom-get %s %s: %s", path, property, err ? err->message : "?");
    return v;
}
