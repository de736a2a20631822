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

/* Bound on the auto-boot subsystems coming up and idling in a base, seconds */
#define RP_BASE_SETTLE_TIMEOUT_S 60.0

/*
 * A base to restore scenarios from: boot the guest of @o as
 * rp_guest_boot() does (console into @dir/console.log), wait until each
 * subsystem the driver boots at probe (descriptor auto_boot) reads
 * "running" in sysfs and its core idles in WFI, the agent answers, then
 * save the machine into @dir/machine.state and stop QEMU. Returns the
 * state file's path (caller frees), or NULL with @error.
 */
char *rp_guest_make_base(const RpOptions *o, const char *dir, GError **error);

/*
 * rp_guest_boot() for a machine restored from @state (a base of the same
 * options): QEMU with the same command line and -incoming defer, its
 * console (from the moment of the save on) copied to @console_log.
 */
RpVm *rp_guest_restore(const RpOptions *o, const char *state, const char *console_log,
                       RpQmp **qmp, GError **error);

#endif /* RPROCSIM_GUEST_BOOT_H */
