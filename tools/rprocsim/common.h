/*
 * rprocsim CLI: options shared by every command, where the built artefacts
 * are, and how a guest of the simulator (or of plain virt) is described.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_COMMON_H
#define RPROCSIM_COMMON_H

#include <glib.h>
#include "patched.h"
#include "vm.h"
#include "subsys.h"

/* The default board (the first of models/subsys.c); --board picks another */
#define RP_SIM_MACHINE      "qcs6490-sim"
#define RP_VIRT_MACHINE     "virt,gic-version=3"
#define RP_DEFAULT_SMP      2       /* application cores */
#define RP_DEFAULT_MEM_MIB  1024
/*
 * iomem=relaxed: /dev/mem may read ranges a driver claimed (7.2's PAS
 * driver claims its carveout), so a guest's devmem reaches the bus on every
 * kernel; without it CONFIG_IO_STRICT_DEVMEM refuses the mapping first
 */
#define RP_DEFAULT_APPEND   "console=ttyAMA0 panic=-1 iomem=relaxed"
/*
 * TCG with a 128 MiB translation cache instead of QEMU's 1 GiB default:
 * translated code is kept until the cache is full, so with the default a
 * long run's resident memory grows for hundreds of crash/recovery cycles
 * (every reload of a firmware image and every new guest process is
 * translated anew) towards 1 GiB more; with 128 MiB it is full and flat
 * after a few hundred cycles, and the boot is as fast (docs/benchmarks.md).
 */
#define RP_DEFAULT_ACCEL    "tcg,tb-size=128"
/* Bound on a cold boot to userspace under TCG (a few seconds normally). */
#define RP_BOOT_TIMEOUT_S   300.0

typedef struct RpOptions {
    char *board;        /* the simulated board's QEMU machine (--board), RP_SIM_MACHINE by default */
    char *build;        /* build folder (default: the one rprocsim was built for) */
    char *qemu;         /* qemu-system-aarch64 */
    char *kernel_suite; /* stable, backports or unstable: picks the guest folder */
    char *kernel;       /* arm64 Image */
    char *initrd;       /* initramfs */
    char *cpu;          /* default: the board's ap_cpu */
    char *append;
    int smp;            /* application cores; qcs6490-sim gets 3 more in -smp */
    int mem_mib;
    gboolean verbose;   /* copy the guest console to the terminal */
    char **patches;     /* --patch FILEs, in the order given; NULL: $RPROCSIM_PATCHES */
    char *kernel_source;    /* --kernel-source DIR for the patched build, or NULL */
    char *accel;        /* QEMU's -accel value, NULL for RP_DEFAULT_ACCEL (bench --tb-size) */
    char *time;         /* --time: RP_TIME_WARP, _REAL or _AUTO; NULL: real */
    /* filled in by rp_options_resolve() */
    char *guest_dir;        /* BUILD/guest, BUILD/guest-<suite>, or the patched one */
    char *kernel_release;   /* the guest image's kernel release, or NULL */
    RpPatched *patched;     /* GUEST/patched.txt, NULL for a stock guest */
    gboolean cpu_given;     /* --cpu was given: it holds for every board */
} RpOptions;

/*
 * Virtual time (--time, docs/scenarios.md "Idle time"): "real" follows the
 * host's clock; "warp" jumps it to the next timer whenever every core
 * idles (QEMU -icount shift=1,sleep=off; all cores then share one host
 * thread), so a kernel's 5 s timeout costs a fraction of a second of wall
 * time while the kernel's timestamps still read 5 s. "auto" warps on the
 * boards whose descriptor says auto_warp (subsys.h): qcs6490-sim, not
 * am64x-sim, whose R5F firmware's busy tasks (fault busy:MS) would run
 * instruction by instruction on the shared thread (docs/scenarios.md).
 * 'rprocsim run' takes auto by default; everything
 * that measures or is interactive runs in real time.
 */
#define RP_TIME_REAL    "real"
#define RP_TIME_WARP    "warp"
#define RP_TIME_AUTO    "auto"
#define RP_ICOUNT_WARP  "shift=1,sleep=off"

/* Kernel suites (guest/build.sh, docs/kernels.md); the first is the default */
#define RP_KERNEL_SUITES        "stable, backports, unstable"
#define RP_DEFAULT_KERNEL_SUITE "stable"

/* GOption group with the shared options, filling @o (which must outlive it). */
GOptionGroup *rp_options_group(RpOptions *o);

/*
 * The shared options set in @o as command-line arguments ("--NAME=VALUE",
 * "--verbose", one "--patch=FILE" each), for another rprocsim command of
 * the same guest; take them before rp_options_resolve() fills the
 * defaults in. Caller frees the array (it owns its strings).
 */
GPtrArray *rp_options_argv(const RpOptions *o);

/*
 * The patch build (docs/patches.md): guest/patch-modules.sh of the source
 * tree, or $RPROCSIM_PATCH_SCRIPT, called as
 *   SCRIPT BUILD_DIR SUITE FIRMWARE_DIR PATCH...
 * (RPROCSIM_KERNEL_SOURCE=DIR in its environment for --kernel-source). It
 * prints progress on stderr and, on success, the patched guest folder as the
 * last line of stdout; exit status 2 means the patches are unusable.
 */
#define RP_PATCH_SCRIPT     "guest/patch-modules.sh"

/* For the commands' --help: what --patch does */
#define RP_PATCH_HELP \
    "With --patch FILE (repeatable; default: $RPROCSIM_PATCHES, whitespace-separated),\n" \
    "the kernel modules the patches touch are rebuilt against the suite's stock\n" \
    "kernel and replace the stock ones in a guest image of their own (--kernel-source\n" \
    "DIR: that kernel tree instead of Debian's linux-source; docs/patches.md).\n"

/*
 * Error domain of rp_options_resolve() for failures that are not the
 * user's input: code RP_OPTIONS_ERROR_SETUP (the patch build failed to set
 * up, or broke its promise). Every other error there is unusable input.
 */
#define RP_OPTIONS_ERROR (rp_options_error_quark())
GQuark rp_options_error_quark(void);
enum { RP_OPTIONS_ERROR_SETUP = 1 };

/*
 * The exit status for an @err of rp_options_resolve(): 1 for a set-up
 * failure (RP_OPTIONS_ERROR_SETUP), 2 (unusable input) for anything else.
 */
int rp_options_exit_status(const GError *err);

/* The --json option of the commands that print a report: sets gboolean @var */
#define RP_OPTION_JSON(var) \
    { "json", 0, 0, G_OPTION_ARG_NONE, &(var), "print JSON instead of text", NULL }

/* How one rprocsim command reads its command line */
typedef struct RpCommand {
    const char *name;               /* "pack": messages read "rprocsim pack: ..." */
    const char *params;             /* after the command in --help: "ELF - sign ..." */
    const GOptionEntry *entries;    /* its own options, NULL-terminated; or NULL */
    RpOptions *shared;              /* where the shared guest options go, or NULL */
    const char *description;        /* --help text after the options, or NULL */
} RpCommand;

/*
 * Parse @argc/@argv (GOption removes what it takes) for @cmd. Returns FALSE
 * after printing "rprocsim NAME: reason" to stderr if an option is unknown
 * or malformed; the command then exits with status 2.
 */
gboolean rp_command_parse(const RpCommand *cmd, int *argc, char ***argv);

/* Number of stand-in cores @machine adds to -smp: one per subsystem, 0 for others. */
int rp_machine_extra_cores(const char *machine);

/* What builds QEMU, the firmware and the stable guest image, for messages */
#define RP_MAKE_HINT "run 'make' (builds QEMU, the firmware and the stable guest image)"

/*
 * Fill in defaults for everything the user did not give and check that the
 * files exist. Returns FALSE with a message that says what to run when an
 * artefact is missing ('make', or 'make guest KERNEL=SUITE' for another
 * kernel suite's image), or which option named a missing file.
 *
 * With patches (--patch, else $RPROCSIM_PATCHES) it runs the patch build
 * (RP_PATCH_SCRIPT, one at a time per build folder: BUILD/patch-modules.lock),
 * its stderr passed through, and boots the folder it printed; patches that
 * are not readable files, --kernel or --initrd with patches, a failure the
 * script calls unusable input (status 2): unusable input; any other
 * failure of the script, or a folder whose patched.txt does not list the
 * patches given: RP_OPTIONS_ERROR_SETUP. A guest folder with patched.txt
 * fills in o->patched (a malformed one is unusable input).
 */
gboolean rp_options_resolve(RpOptions *o, GError **error);

/*
 * BUILD/meson/firmware-stubs/qcom/qcs6490, the signed firmware images the
 * guest's /lib/firmware gets (caller frees)
 */
char *rp_options_firmware_images(const RpOptions *o);

/*
 * BUILD/meson/firmware-stubs, the folder of the unstripped firmware ELFs
 * and the guest's firmware (guest/build.sh FIRMWARE_DIR); caller frees
 */
char *rp_options_firmware_elf_dir(const RpOptions *o);

/*
 * Report lines ("patch NAME SHA256", "module NAME srcversion X (replaced)")
 * of @o's patched guest, none for a stock one: the run TAP header, demo's
 * summary and the JUnit properties say the same. Caller frees (a GPtrArray
 * of char *).
 */
GPtrArray *rp_options_patch_lines(const RpOptions *o);

/* BUILD/meson/firmware-stubs/SUBSYSTEM.elf, the unstripped firmware (caller frees) */
char *rp_options_firmware_elf(const RpOptions *o, const char *subsystem);

/* FALSE with "no firmware ELF at PATH: run 'make' (...)" if @path is missing */
gboolean rp_need_firmware_elf(const char *path, GError **error);

/* Read the firmware ELF at @path; a missing one fails as rp_need_firmware_elf() */
gboolean rp_read_firmware_elf(const char *path, char **data, gsize *len, GError **error);

/*
 * The kernel release of the guest image @o boots (its folder's
 * kernel-release), once rp_options_resolve() has run; NULL if unknown (a
 * --kernel outside the guest folder, or no kernel-release file).
 */
const char *rp_options_kernel_release(const RpOptions *o);

/*
 * *@out: the options @given (as parsed, before rp_options_resolve()) with
 * the kernel patches of @extra (NULL-terminated) after the user's own
 * (--patch or $RPROCSIM_PATCHES), resolved: the patch build runs (or finds
 * its cached guest). Returns what rp_options_resolve() does;
 * rp_options_exit_status() tells patches that cannot be used on this
 * kernel (2) from a set-up failure (1). @out borrows @given's strings and
 * owns its new ones (kept for the process's life).
 */
gboolean rp_options_with_patches(const RpOptions *given, char **extra, RpOptions *out,
                                 GError **error);

/* The descriptor of @o's board (o->board, or the default before rp_options_resolve()). */
const RprocsimBoard *rp_options_board(const RpOptions *o);

/*
 * A shallow copy of resolved options @o for board @machine (a known one):
 * the board's default core type unless --cpu was given. Strings stay
 * borrowed from @o (and @machine), so the copy is not freed.
 */
RpOptions rp_options_for_board(const RpOptions *o, const char *machine);

/* A VM description for @machine from @o (strings borrowed from @o). */
RpVmConfig rp_vm_config(const RpOptions *o, const char *machine);

/* Print a progress line "[step/total] message" to stdout. */
void rp_progress(int step, int total, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* @rel (e.g. "scenarios/soak") in the source tree rprocsim was built from (caller frees). */
char *rp_source_path(const char *rel);

/* sha256 of a file as lowercase hex (caller frees), NULL + @error on failure. */
char *rp_file_sha256(const char *path, GError **error);

/*
 * Read BUILD/packages.txt ("name version" lines, written by the set-up
 * scripts) into a name -> version table. Missing file: empty table.
 */
GHashTable *rp_read_packages(const char *build);

#endif /* RPROCSIM_COMMON_H */
