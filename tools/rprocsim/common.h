/*
 * rprocsim CLI: options shared by every command, where the built artefacts
 * are, and how a guest of the simulator (or of plain virt) is described.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_COMMON_H
#define RPROCSIM_COMMON_H

#include <glib.h>
#include "vm.h"

#define RP_SIM_MACHINE      "qcs6490-sim"
#define RP_VIRT_MACHINE     "virt,gic-version=3"
#define RP_DEFAULT_CPU      "cortex-a55"
#define RP_DEFAULT_SMP      2       /* application cores */
#define RP_SIM_STANDIN_CORES 3      /* qcs6490-sim adds one core per subsystem to -smp */
#define RP_DEFAULT_MEM_MIB  1024
#define RP_DEFAULT_APPEND   "console=ttyAMA0 panic=-1"
/* Bound on a cold boot to userspace under TCG (a few seconds normally). */
#define RP_BOOT_TIMEOUT_S   300.0

typedef struct RpOptions {
    char *build;        /* build folder (default: the one rprocsim was built for) */
    char *qemu;         /* qemu-system-aarch64 */
    char *kernel;       /* arm64 Image */
    char *initrd;       /* initramfs */
    char *cpu;
    char *append;
    int smp;            /* application cores; qcs6490-sim gets 3 more in -smp */
    int mem_mib;
    gboolean verbose;   /* copy the guest console to the terminal */
} RpOptions;

/* GOption group with the shared options, filling @o (which must outlive it). */
GOptionGroup *rp_options_group(RpOptions *o);

/*
 * Fill in defaults for everything the user did not give and check that the
 * files exist. Returns FALSE with a message that says what to run when an
 * artefact is missing.
 */
gboolean rp_options_resolve(RpOptions *o, GError **error);

/* A VM description for @machine from @o (strings borrowed from @o). */
RpVmConfig rp_vm_config(const RpOptions *o, const char *machine);

/* Print a progress line "[step/total] message" to stdout. */
void rp_progress(int step, int total, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* sha256 of a file as lowercase hex (caller frees), NULL + @error on failure. */
char *rp_file_sha256(const char *path, GError **error);

/*
 * Read BUILD/packages.txt ("name version" lines, written by the set-up
 * scripts) into a name -> version table. Missing file: empty table.
 */
GHashTable *rp_read_packages(const char *build);

#endif /* RPROCSIM_COMMON_H */
