/*
 * rprocsim: boot the simulated board's guest (guest-boot.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest-boot.h"
#include "guest-proto.h"
#include "rproc.h"
#include "snapshot.h"

#include <glib/gstdio.h>

RpVm *rp_guest_boot(const RpOptions *o, const char *console_log, RpQmp **qmp, GError **error)
{
    RpVmConfig cfg = rp_vm_config(o, o->board);
    g_autoptr(RpVm) vm = NULL;
    g_autofree char *ready = NULL, *done = NULL;

    cfg.console_log = console_log;
    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    cfg.echo = o->verbose;
    vm = rp_vm_start(&cfg, error);
    if (!vm || !(*qmp = rp_vm_qmp(vm, 30, error))) {
        return NULL;
    }
    ready = rp_vm_wait_console(vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S, NULL, error);
    done = ready ? rp_vm_wait_console(vm, RP_MARK_MODULES_DONE, RP_MODULES_TIMEOUT_S, NULL,
                                      error) : NULL;
    return done ? g_steal_pointer(&vm) : NULL;
}

/* Every auto-boot subsystem of the board running, its core in WFI */
static gboolean settle(RpVm *vm, RpQmp *qmp, const RpOptions *o, GError **error)
{
    gint64 deadline = g_get_monotonic_time() +
                      (gint64)(RP_BASE_SETTLE_TIMEOUT_S * G_USEC_PER_SEC);
    unsigned n;
    const RpSubsys *all = rp_subsystems(rp_options_board(o), &n);

    for (unsigned i = 0; i < n; i++) {
        g_autofree char *path = g_strdup_printf("/machine/%s", all[i].name);
        g_autofree char *core = NULL;
        RpRproc r = { 0 };
        gboolean ok;

        if (!all[i].auto_boot) {
            continue;
        }
        ok = rp_rproc_find(vm, &all[i], RP_BASE_SETTLE_TIMEOUT_S, &r, error) &&
             rp_rproc_wait_state(vm, &r, "running", RP_BASE_SETTLE_TIMEOUT_S, error);
        rp_rproc_clear(&r);
        if (!ok) {
            g_prefix_error(error, "%s did not come up by itself: ", all[i].name);
            return FALSE;
        }
        while (g_strcmp0(core, "wfi") && g_get_monotonic_time() < deadline) {
            g_free(core);
            core = rp_qmp_qom_get_text(qmp, path, "state", NULL);
            if (g_strcmp0(core, "wfi")) {
                g_usleep(10000);
            }
        }
        if (g_strcmp0(core, "wfi")) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT, "%s's core did not idle "
                        "in WFI within %.0f s (state '%s')", all[i].name,
                        RP_BASE_SETTLE_TIMEOUT_S, core ? core : "?");
            return FALSE;
        }
    }
    return TRUE;
}

char *rp_guest_make_base(const RpOptions *o, const char *dir, GError **error)
{
    g_autofree char *console_log = g_build_filename(dir, "console.log", NULL);
    g_autofree char *state = g_build_filename(dir, "machine.state", NULL);
    g_autofree char *out = NULL;
    g_autoptr(RpVm) vm = NULL;
    RpQmp *qmp = NULL;
    int status = -1;

    if (g_mkdir_with_parents(dir, 0755) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot make %s: %s", dir, g_strerror(errno));
        return NULL;
    }
    vm = rp_guest_boot(o, console_log, &qmp, error);
    if (!vm || !settle(vm, qmp, o, error)) {
        return NULL;
    }
    /* the agent idle in its read loop, the channel empty, when the machine is saved */
    if (!rp_vm_agent_run(vm, "true", 30, &out, &status, error)) {
        return NULL;
    }
    if (!rp_snapshot_save(qmp, state, RP_SNAPSHOT_TIMEOUT_S, error)) {
        rp_vm_explain_exit(vm, 0.5, "saving the machine", error);
        return NULL;
    }
    return g_steal_pointer(&state);
}

RpVm *rp_guest_restore(const RpOptions *o, const char *state, const char *console_log,
                       RpQmp **qmp, GError **error)
{
    RpVmConfig cfg = rp_vm_config(o, o->board);
    g_autoptr(RpVm) vm = NULL;

    cfg.console_log = console_log;
    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    cfg.echo = o->verbose;
    cfg.incoming = TRUE;
    vm = rp_vm_start(&cfg, error);
    if (!vm || !(*qmp = rp_vm_qmp(vm, 30, error))) {
        return NULL;
    }
    if (!rp_snapshot_load(*qmp, state, RP_SNAPSHOT_TIMEOUT_S, error)) {
        rp_vm_explain_exit(vm, 0.5, "restoring the machine", error);
        return NULL;
    }
    return g_steal_pointer(&vm);
}
