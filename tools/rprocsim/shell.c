/*
 * rprocsim shell: boot qcs6490-sim with the guest console (and the QEMU
 * monitor, behind Ctrl-A C) on this terminal, for labs and exploration.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int rp_cmd_shell(int argc, char **argv)
{
    RpOptions o = { 0 };
    const RpCommand cmd = {
        "shell", "- interactive console on qcs6490-sim", NULL, &o,
        "The guest console and the QEMU monitor share this terminal:\n"
        "  Ctrl-A C  switch between console and monitor (try 'info qtree')\n"
        "  Ctrl-A X  quit QEMU"
    };
    g_autoptr(GError) err = NULL;
    g_autofree char *smp = NULL, *mem = NULL;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim shell: %s\n", err->message);
        return 2;
    }
    smp = g_strdup_printf("%d", o.smp + rp_machine_extra_cores(RP_SIM_MACHINE));
    mem = g_strdup_printf("%dM", o.mem_mib);
    {
        const char *qargv[] = {
            o.qemu, "-M", RP_SIM_MACHINE, "-cpu", o.cpu, "-smp", smp,
            "-m", mem, "-accel", "tcg", "-nodefaults", "-display", "none",
            "-serial", "mon:stdio", "-kernel", o.kernel, "-initrd", o.initrd,
            "-append", o.append, NULL
        };

        fprintf(stderr, "rprocsim shell: booting %s; Ctrl-A X quits, "
                "Ctrl-A C toggles the QEMU monitor\n", RP_SIM_MACHINE);
        execv(o.qemu, (char **)qargv);
        fprintf(stderr, "rprocsim shell: cannot run %s: %s\n", o.qemu,
                g_strerror(errno));
    }
    return 1;
}
