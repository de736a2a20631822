/*
 * rprocsim: command-line front end of the Qualcomm remoteproc simulator.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
} commands[] = {
    { "demo",  rp_cmd_demo,  "boot the stock kernel on qcs6490-sim and report (the main job)" },
    { "shell", rp_cmd_shell, "interactive guest console, QEMU monitor behind Ctrl-A C" },
    { "bench", rp_cmd_bench, "speed figures: 'bench boot' compares qcs6490-sim with plain virt" },
    { "run",   rp_cmd_run,   "run scenario files (scenarios/*.scenario): TAP on stdout, --junit FILE" },
    { "junit-merge", rp_cmd_junit_merge, "merge the JUnit files of a sharded run (run --shard K/N) into one" },
    { "inspect", rp_cmd_inspect, "read a devcoredump: crash reason, fault status, faulting instruction" },
    { "pack",  rp_cmd_pack,  "sign a firmware ELF as an MBN image (and .mdt/.bNN) for the simulated TrustZone" },
    { "subsystems", rp_cmd_subsystems, "the board's remote processors: pas_id, carveout, firmware (--json)" },
    { "verify", rp_cmd_verify, "check an image (.mbn or .mdt + .bNN) as TrustZone would at boot, offline" },
    { "fuzz-images", rp_cmd_fuzz_images, "mutate a signed image, feed each through the kernel's start, classify" },
};

static void usage(FILE *f)
{
    fprintf(f, "Usage: rprocsim COMMAND [OPTION...]\n\n"
               "Simulates the remote processors of a Qualcomm QCS6490 for the "
               "stock Linux kernel.\n\nCommands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    }
    fprintf(f, "\n'rprocsim COMMAND --help' and '--help-guest' show a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            g_set_prgname(g_strdup_printf("rprocsim %s", commands[i].name));
            return commands[i].fn(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "rprocsim: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
