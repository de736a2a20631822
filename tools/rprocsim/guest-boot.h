/*
 * rprocsim: boot the simulated board's guest for a command that drives it
 * (run, fuzz-images): QEMU with the agent and QMP, up to the point where
 * /init has loaded the kernel modules of guest/modules.list.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_GUEST_BOOT_H
#define RPROCSIM_GUEST_BOOT_H

#include "common.h"
#include "qmp.h"
#include "vm.h"

/* Bound on /init's module loading after its ready mark, seconds */
#define RP_MODULES_TIMEOUT_S 120.0

/*
 * Start the guest of @o (resolved options) on qcs6490-sim, its console
 * copied to @console_log (may be NULL), and wait for RP_MARK_READY and
 * RP_MARK_MODULES_DONE. Returns the VM (free with rp_vm_free()) with its
 * QMP monitor in *@qmp (owned by the VM), or NULL with @error.
 */
RpVm *rp_guest_boot(const RpOptions *o, const char *console_log, RpQmp **qmp, GError **error);

#endif /* RPROCSIM_GUEST_BOOT_H */
