/*
 * rprocsim: boot the simulated board's guest (guest-boot.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "guest-boot.h"
#include "guest-proto.h"

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
