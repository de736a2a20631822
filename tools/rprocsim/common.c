/*
 * rprocsim CLI: shared options, artefact paths and VM descriptions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common.h"
#include "subsys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RPROCSIM_BUILD_DIR
#define RPROCSIM_BUILD_DIR "build"
#endif

GOptionGroup *rp_options_group(RpOptions *o)
{
    GOptionEntry entries[] = {
        { "build", 0, 0, G_OPTION_ARG_FILENAME, &o->build,
          "Build folder holding qemu/ and guest/ (default: the one this rprocsim was built in)", "DIR" },
        { "qemu", 0, 0, G_OPTION_ARG_FILENAME, &o->qemu,
          "qemu-system-aarch64 to run (default: BUILD/qemu/qemu-system-aarch64)", "FILE" },
        { "kernel-suite", 0, 0, G_OPTION_ARG_STRING, &o->kernel_suite,
          "Debian kernel to boot: " RP_KERNEL_SUITES " (default: $RPROCSIM_KERNEL_SUITE, "
          "or " RP_DEFAULT_KERNEL_SUITE "); its guest image is BUILD/guest "
          "(stable) or BUILD/guest-SUITE", "SUITE" },
        { "kernel", 0, 0, G_OPTION_ARG_FILENAME, &o->kernel,
          "arm64 kernel Image (default: the suite's stock Debian kernel, GUEST/Image)", "FILE" },
        { "initrd", 0, 0, G_OPTION_ARG_FILENAME, &o->initrd,
          "initramfs (default: GUEST/initramfs.cpio)", "FILE" },
        { "cpu", 0, 0, G_OPTION_ARG_STRING, &o->cpu,
          "application core type (default: " RP_DEFAULT_CPU ")", "TYPE" },
        { "smp", 0, 0, G_OPTION_ARG_INT, &o->smp,
          "number of application cores (default: 2; qcs6490-sim adds its 3 "
          "subsystem cores)", "N" },
        { "mem", 0, 0, G_OPTION_ARG_INT, &o->mem_mib,
          "guest RAM in MiB (default: 1024)", "MIB" },
        { "append", 0, 0, G_OPTION_ARG_STRING, &o->append,
          "kernel command line (default: \"" RP_DEFAULT_APPEND "\")", "ARGS" },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
          "copy the guest console to the terminal", NULL },
        { NULL }
    };
    GOptionGroup *g = g_option_group_new("guest", "Guest and QEMU options:",
                                         "Show guest and QEMU options", o, NULL);

    g_option_group_add_entries(g, entries);
    return g;
}

gboolean rp_command_parse(const RpCommand *cmd, int *argc, char ***argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new(cmd->params);
    g_autoptr(GError) err = NULL;

    if (cmd->entries) {
        g_option_context_add_main_entries(ctx, cmd->entries, NULL);
    }
    if (cmd->shared) {
        g_option_context_add_group(ctx, rp_options_group(cmd->shared));
    }
    if (cmd->description) {
        g_option_context_set_description(ctx, cmd->description);
    }
    if (!g_option_context_parse(ctx, argc, argv, &err)) {
        fprintf(stderr, "rprocsim %s: %s\n", cmd->name, err->message);
        return FALSE;
    }
    return TRUE;
}

int rp_machine_extra_cores(const char *machine)
{
    g_auto(GStrv) parts = g_strsplit(machine, ",", 2);
    const RprocsimBoard *board = rprocsim_board_find(parts[0]);

    return board ? (int)board->count : 0;
}

/*
 * A build artefact at @path: a missing one says which make target builds it,
 * or, if the user named the file (@given), which option did.
 */
static gboolean need_file(const RpOptions *o, const char *what, const char *path,
                          const char *option, gboolean given, GError **error)
{
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        return TRUE;
    }
    if (given) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "no %s at %s (given with %s)", what, path, option);
    } else if (!strcmp(what, "QEMU") || !strcmp(o->kernel_suite, RP_DEFAULT_KERNEL_SUITE)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "no %s at %s: %s, or give one with %s",
                    what, path, RP_MAKE_HINT, option);
    } else {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "no %s of kernel suite %s at %s: build its guest image with "
                    "'make guest KERNEL=%s' (or run 'make demo KERNEL=%s'), or give "
                    "one with %s", what, o->kernel_suite, path, o->kernel_suite,
                    o->kernel_suite, option);
    }
    return FALSE;
}

static gboolean known_suite(const char *suite)
{
    g_auto(GStrv) names = g_strsplit(RP_KERNEL_SUITES, ", ", -1);

    return g_strv_contains((const char *const *)names, suite);
}

/* kernel-release of the guest folder, if @o->kernel is that folder's Image */
static char *guest_kernel_release(const RpOptions *o)
{
    g_autofree char *image = g_build_filename(o->guest_dir, "Image", NULL);
    g_autofree char *file = g_build_filename(o->guest_dir, "kernel-release", NULL);
    g_autofree char *a = realpath(image, NULL);
    g_autofree char *b = realpath(o->kernel, NULL);
    char *text = NULL;

    if (!a || !b || strcmp(a, b) || !g_file_get_contents(file, &text, NULL, NULL)) {
        return NULL;
    }
    g_strstrip(text);
    if (!*text) {
        g_free(text);
        return NULL;
    }
    return text;
}

gboolean rp_options_resolve(RpOptions *o, GError **error)
{
    gboolean qemu_given, kernel_given, initrd_given;

    if (!o->build) {
        o->build = g_strdup(g_getenv("RPROCSIM_BUILD") ?: RPROCSIM_BUILD_DIR);
    }
    if (!o->kernel_suite) {
        const char *env = g_getenv("RPROCSIM_KERNEL_SUITE");

        o->kernel_suite = g_strdup(env && *env ? env : RP_DEFAULT_KERNEL_SUITE);
    }
    if (!known_suite(o->kernel_suite)) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "unknown kernel suite '%s'; use one of: %s (docs/kernels.md)",
                    o->kernel_suite, RP_KERNEL_SUITES);
        return FALSE;
    }
    if (!o->guest_dir) {
        g_autofree char *name = strcmp(o->kernel_suite, RP_DEFAULT_KERNEL_SUITE)
            ? g_strdup_printf("guest-%s", o->kernel_suite) : g_strdup("guest");

        o->guest_dir = g_build_filename(o->build, name, NULL);
    }
    qemu_given = o->qemu != NULL;
    kernel_given = o->kernel != NULL;
    initrd_given = o->initrd != NULL;
    if (!o->qemu) {
        o->qemu = g_build_filename(o->build, "qemu", "qemu-system-aarch64", NULL);
    }
    if (!o->kernel) {
        o->kernel = g_build_filename(o->guest_dir, "Image", NULL);
    }
    if (!o->initrd) {
        o->initrd = g_build_filename(o->guest_dir, "initramfs.cpio", NULL);
    }
    if (!o->cpu) {
        o->cpu = g_strdup(RP_DEFAULT_CPU);
    }
    if (!o->append) {
        o->append = g_strdup(RP_DEFAULT_APPEND);
    }
    if (o->smp <= 0) {
        o->smp = RP_DEFAULT_SMP;
    }
    if (o->mem_mib <= 0) {
        o->mem_mib = RP_DEFAULT_MEM_MIB;
    }
    if (!need_file(o, "QEMU", o->qemu, "--qemu", qemu_given, error) ||
        !need_file(o, "guest kernel", o->kernel, "--kernel", kernel_given, error) ||
        !need_file(o, "guest initramfs", o->initrd, "--initrd", initrd_given, error)) {
        return FALSE;
    }
    g_free(o->kernel_release);
    o->kernel_release = guest_kernel_release(o);
    return TRUE;
}

char *rp_options_firmware_elf(const RpOptions *o, const char *subsystem)
{
    g_autofree char *name = g_strdup_printf("%s.elf", subsystem);

    return g_build_filename(o->build, "meson", "firmware-stubs", name, NULL);
}

gboolean rp_need_firmware_elf(const char *path, GError **error)
{
    if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        return TRUE;
    }
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                "no firmware ELF at %s: %s", path, RP_MAKE_HINT);
    return FALSE;
}

gboolean rp_read_firmware_elf(const char *path, char **data, gsize *len, GError **error)
{
    return rp_need_firmware_elf(path, error) && g_file_get_contents(path, data, len, error);
}

const char *rp_options_kernel_release(const RpOptions *o)
{
    return o->kernel_release;
}

RpVmConfig rp_vm_config(const RpOptions *o, const char *machine)
{
    return (RpVmConfig) {
        .qemu = o->qemu,
        .machine = machine,
        .cpu = o->cpu,
        .smp = o->smp + rp_machine_extra_cores(machine),
        .mem_mib = o->mem_mib,
        .kernel = o->kernel,
        .initrd = o->initrd,
        .append = o->append,
        .echo = o->verbose,
    };
}

void rp_progress(int step, int total, const char *fmt, ...)
{
    va_list ap;

    printf("[%d/%d] ", step, total);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

char *rp_file_sha256(const char *path, GError **error)
{
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_autoptr(GMappedFile) map = g_mapped_file_new(path, FALSE, error);

    if (!map) {
        return NULL;
    }
    g_checksum_update(sum, (const guchar *)g_mapped_file_get_contents(map),
                      g_mapped_file_get_length(map));
    return g_strdup(g_checksum_get_string(sum));
}

GHashTable *rp_read_packages(const char *build)
{
    GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *path = g_build_filename(build, "packages.txt", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return t;
    }
    lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l; l++) {
        g_auto(GStrv) w = g_strsplit(*l, " ", 2);

        if (g_strv_length(w) == 2) {
            g_hash_table_replace(t, g_strdup(w[0]), g_strdup(w[1]));
        }
    }
    return t;
}
