/*
 * rprocsim CLI: shared options, artefact paths and VM descriptions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common.h"
#include "subsys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef RPROCSIM_BUILD_DIR
#define RPROCSIM_BUILD_DIR "build"
#endif
#ifndef RPROCSIM_SOURCE_DIR
#define RPROCSIM_SOURCE_DIR "."
#endif

G_DEFINE_QUARK(rp-options-error-quark, rp_options_error)

/* The guest and QEMU options, filling @o: the one list of their names */
#define RP_GUEST_OPTIONS 14
static void guest_entries(RpOptions *o, GOptionEntry e[RP_GUEST_OPTIONS + 1])
{
    const GOptionEntry entries[] = {
        { "board", 0, 0, G_OPTION_ARG_STRING, &o->board, NULL, "MACHINE" },
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
          "application core type (default: the board's, cortex-a55 on qcs6490-sim, "
          "cortex-a53 on am64x-sim)", "TYPE" },
        { "smp", 0, 0, G_OPTION_ARG_INT, &o->smp,
          "number of application cores (default: 2; the board adds one core per "
          "remote processor: 3 on qcs6490-sim, 2 on am64x-sim)", "N" },
        { "mem", 0, 0, G_OPTION_ARG_INT, &o->mem_mib,
          "guest RAM in MiB (default: 1024)", "MIB" },
        { "append", 0, 0, G_OPTION_ARG_STRING, &o->append,
          "kernel command line (default: \"" RP_DEFAULT_APPEND "\")", "ARGS" },
        { "verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose,
          "copy the guest console to the terminal", NULL },
        { "time", 0, 0, G_OPTION_ARG_STRING, &o->time,
          "virtual time: 'warp' jumps to the next timer while every core idles (a kernel "
          "timeout costs no wall time; one host thread for all cores), 'real' follows "
          "the host clock, 'auto' warps on the Qualcomm boards only (default: auto for "
          "run, real for the others)", "warp|real|auto" },
        { "patch", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->patches,
          "kernel patch whose modules are rebuilt and replace the stock ones "
          "(repeatable, applied in order; default: $RPROCSIM_PATCHES; docs/patches.md)",
          "FILE" },
        { "kernel-source", 0, 0, G_OPTION_ARG_FILENAME, &o->kernel_source,
          "kernel source tree the patches apply to (default: Debian's linux-source "
          "of the suite)", "DIR" },
        { NULL }
    };

    G_STATIC_ASSERT(G_N_ELEMENTS(entries) == RP_GUEST_OPTIONS + 1);
    memcpy(e, entries, sizeof(entries));
}

GOptionGroup *rp_options_group(RpOptions *o)
{
    static char *board_help;    /* GOption keeps the pointer: made once */
    GOptionEntry entries[RP_GUEST_OPTIONS + 1];
    GOptionGroup *g = g_option_group_new("guest", "Guest and QEMU options:",
                                         "Show guest and QEMU options", o, NULL);

    guest_entries(o, entries);
    if (!board_help) {
        g_autofree char *names = rprocsim_board_names();

        board_help = g_strdup_printf("simulated board: %s (default: %s)", names,
                                     rprocsim_board_default()->machine);
    }
    entries[0].description = board_help;

    g_option_group_add_entries(g, entries);
    return g;
}

GPtrArray *rp_options_argv(const RpOptions *o)
{
    RpOptions copy = *o;    /* the entries point into it; only read */
    GOptionEntry e[RP_GUEST_OPTIONS + 1];
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);

    guest_entries(&copy, e);
    for (const GOptionEntry *x = e; x->long_name; x++) {
        switch (x->arg) {
        case G_OPTION_ARG_STRING:
        case G_OPTION_ARG_FILENAME:
            if (*(char **)x->arg_data) {
                g_ptr_array_add(argv, g_strdup_printf("--%s=%s", x->long_name,
                                                      *(char **)x->arg_data));
            }
            break;
        case G_OPTION_ARG_INT:
            if (*(int *)x->arg_data) {
                g_ptr_array_add(argv, g_strdup_printf("--%s=%d", x->long_name,
                                                      *(int *)x->arg_data));
            }
            break;
        case G_OPTION_ARG_NONE:
            if (*(gboolean *)x->arg_data) {
                g_ptr_array_add(argv, g_strdup_printf("--%s", x->long_name));
            }
            break;
        case G_OPTION_ARG_FILENAME_ARRAY:
            for (char **v = *(char ***)x->arg_data; v && *v; v++) {
                g_ptr_array_add(argv, g_strdup_printf("--%s=%s", x->long_name, *v));
            }
            break;
        default:
            break;      /* guest_entries() has no other kind */
        }
    }
    return argv;
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

int rp_options_exit_status(const GError *err)
{
    return g_error_matches(err, RP_OPTIONS_ERROR, RP_OPTIONS_ERROR_SETUP) ? 1 : 2;
}

/* The patches to build: --patch, else $RPROCSIM_PATCHES; NULL if none */
static GStrv patch_list(const RpOptions *o, const char **from)
{
    const char *env = g_getenv("RPROCSIM_PATCHES");
    g_autoptr(GStrvBuilder) b = g_strv_builder_new();
    g_auto(GStrv) words = NULL;
    guint n = 0;

    if (o->patches && *o->patches) {
        *from = "--patch";
        return g_strdupv(o->patches);
    }
    *from = "RPROCSIM_PATCHES";
    words = g_strsplit_set(env ? env : "", " \t\n", -1);
    for (char **w = words; *w; w++) {
        if (**w) {
            g_strv_builder_add(b, *w);
            n++;
        }
    }
    return n ? g_strv_builder_end(b) : NULL;
}

gboolean rp_options_with_patches(const RpOptions *given, char **extra, RpOptions *out,
                                 GError **error)
{
    const char *from;
    g_auto(GStrv) user = patch_list(given, &from);
    g_autoptr(GStrvBuilder) b = g_strv_builder_new();

    *out = *given;
    out->kernel_source = given->kernel_source;
    if (user) {
        g_strv_builder_addv(b, (const char **)user);
    }
    g_strv_builder_addv(b, (const char **)extra);
    out->patches = g_strv_builder_end(b);
    out->guest_dir = NULL;
    out->patched = NULL;
    out->kernel_release = NULL;
    return rp_options_resolve(out, error);
}

/* @patches as absolute paths of readable files, or FALSE naming the first that is not */
static gboolean absolute_patches(GStrv patches, const char *from, GError **error)
{
    for (char **p = patches; *p; p++) {
        char *abs = g_canonicalize_filename(*p, NULL);
        const char *why = NULL;

        if (!g_file_test(abs, G_FILE_TEST_EXISTS)) {
            why = "no such file";
        } else if (!g_file_test(abs, G_FILE_TEST_IS_REGULAR)) {
            why = "not a regular file";
        } else if (access(abs, R_OK) != 0) {
            why = g_strerror(errno);
        }
        if (why) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                        "patch %s (given with %s): %s", abs, from, why);
            g_free(abs);
            return FALSE;
        }
        g_free(*p);
        *p = abs;
    }
    return TRUE;
}

/* The patch build script: $RPROCSIM_PATCH_SCRIPT, else the source tree's */
static char *patch_script(void)
{
    const char *env = g_getenv("RPROCSIM_PATCH_SCRIPT");

    if (env && *env) {
        return g_canonicalize_filename(env, NULL);
    }
    return g_build_filename(RPROCSIM_SOURCE_DIR, RP_PATCH_SCRIPT, NULL);
}

/*
 * Hold BUILD/patch-modules.lock (the fd, or -1 if it cannot be had): patch
 * builds of one build folder, such as those of parallel tests, one at a time
 */
static int lock_patch_build(const char *build)
{
    g_autofree char *path = g_build_filename(build, "patch-modules.lock", NULL);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0) {
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        fprintf(stderr, "rprocsim: waiting for another patched guest build (%s)\n", path);
        while (flock(fd, LOCK_EX) < 0 && errno == EINTR) {
            /* again */
        }
    }
    return fd;
}

static gboolean setup_error(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean setup_error(GError **error, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(error, RP_OPTIONS_ERROR, RP_OPTIONS_ERROR_SETUP, msg);
    g_free(msg);
    return FALSE;
}

/* The patched.txt of the script's folder names @patches, in order, with their sha256 */
static gboolean patches_match(const RpPatched *pt, GStrv patches, const char *dir,
                              GError **error)
{
    guint n = g_strv_length(patches);

    if (pt->patches->len != n) {
        return setup_error(error, "%s/%s lists %u patches, but %u were given",
                           dir, RP_PATCHED_FILE, pt->patches->len, n);
    }
    for (guint i = 0; i < n; i++) {
        const RpPatch *x = g_ptr_array_index(pt->patches, i);
        g_autofree char *base = g_path_get_basename(patches[i]);
        g_autofree char *sum = rp_file_sha256(patches[i], error);

        if (!sum) {
            return FALSE;
        }
        if (strcmp(x->name, base) || strcmp(x->sha256, sum)) {
            return setup_error(error, "%s/%s lists patch %u as %s %s, but it is %s %s "
                               "(the folder is not of these patches)", dir,
                               RP_PATCHED_FILE, i + 1, x->name, x->sha256, base, sum);
        }
    }
    return TRUE;
}

/* Run the patch build for @patches; on success the folder it printed is o->guest_dir */
static gboolean build_patched_guest(RpOptions *o, GStrv patches, GError **error)
{
    g_autofree char *script = patch_script();
    g_autofree char *build = g_canonicalize_filename(o->build, NULL);
    g_autofree char *images = rp_options_firmware_elf_dir(o);
    g_autofree char *firmware = g_canonicalize_filename(images, NULL);
    g_autofree char *out = NULL, *txt = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_auto(GStrv) envp = g_get_environ();
    g_auto(GStrv) lines = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(RpPatched) pt = NULL;
    const char *dir = NULL;
    int wait_status, lock;
    gboolean spawned;

    if (!g_file_test(script, G_FILE_TEST_IS_EXECUTABLE)) {
        return setup_error(error, "no patch build script at %s (set RPROCSIM_PATCH_SCRIPT "
                           "to use another)", script);
    }
    if (!g_file_test(firmware, G_FILE_TEST_IS_DIR)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "no firmware images at %s for the patched guest: %s", firmware,
                    RP_MAKE_HINT);
        return FALSE;
    }
    if (o->kernel_source) {
        g_autofree char *src = g_canonicalize_filename(o->kernel_source, NULL);

        if (!g_file_test(src, G_FILE_TEST_IS_DIR)) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                        "no kernel source tree at %s (given with --kernel-source)", src);
            return FALSE;
        }
        envp = g_environ_setenv(envp, "RPROCSIM_KERNEL_SOURCE", src, TRUE);
    }
    g_ptr_array_add(argv, script);
    g_ptr_array_add(argv, build);
    g_ptr_array_add(argv, o->kernel_suite);
    g_ptr_array_add(argv, firmware);
    for (char **p = patches; *p; p++) {
        g_ptr_array_add(argv, *p);
    }
    g_ptr_array_add(argv, NULL);
    fprintf(stderr, "rprocsim: rebuilding the modules %u patch(es) touch, against the "
            "stock %s kernel: %s\n", g_strv_length(patches), o->kernel_suite, script);
    lock = lock_patch_build(build);
    spawned = g_spawn_sync(NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                           &out, NULL, &wait_status, &err);
    if (lock >= 0) {
        close(lock);
    }
    if (!spawned) {
        return setup_error(error, "cannot run the patch build %s: %s", script,
                           err->message);
    }
    if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 2) {
        /* its reason, the last stdout line "refused: WHAT", if it gave one */
        const char *why = out ? g_strrstr(out, "refused: ") : NULL;
        g_autofree char *reason = why ? g_strndup(why + 9, strcspn(why + 9, "\n")) : NULL;

        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "the patches are not usable: %s", reason ? reason
                    : "the patch build exited with status 2 (its message is above)");
        return FALSE;
    }
    if (!WIFEXITED(wait_status) || WEXITSTATUS(wait_status) != 0) {
        return setup_error(error, "the patch build failed: %s %s %d (its messages are "
                           "above)", script,
                           WIFEXITED(wait_status) ? "exited with status"
                                                  : "was killed by signal",
                           WIFEXITED(wait_status) ? WEXITSTATUS(wait_status)
                                                  : WTERMSIG(wait_status));
    }
    /* the folder is its last line; anything before is passed on */
    lines = g_strsplit(out, "\n", -1);
    for (char **l = lines; *l; l++) {
        if (**l) {
            if (dir) {
                fprintf(stderr, "%s\n", dir);
            }
            dir = *l;
        }
    }
    if (!dir || !g_path_is_absolute(dir) || !g_file_test(dir, G_FILE_TEST_IS_DIR)) {
        return setup_error(error, "the patch build %s succeeded but its last line of "
                           "output, '%s', is not the absolute path of a folder", script,
                           dir ? dir : "");
    }
    txt = g_build_filename(dir, RP_PATCHED_FILE, NULL);
    pt = rp_patched_load(txt, &err);
    if (!pt) {
        return setup_error(error, "the patched guest of %s: %s", script, err->message);
    }
    if (!patches_match(pt, patches, dir, error)) {
        return FALSE;
    }
    g_free(o->guest_dir);
    o->guest_dir = g_strdup(dir);
    rp_patched_free(o->patched);
    o->patched = g_steal_pointer(&pt);
    return TRUE;
}

/* With patches, the patched guest becomes o->guest_dir; without, nothing happens */
static gboolean resolve_patches(RpOptions *o, GError **error)
{
    const char *from;
    g_auto(GStrv) patches = patch_list(o, &from);

    if (!patches) {
        if (o->kernel_source) {
            g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "--kernel-source is the tree --patch builds against: give the "
                        "patches with --patch FILE");
            return FALSE;
        }
        return TRUE;
    }
    if (o->kernel || o->initrd) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "patches (%s) make a guest image of their own, the suite's stock "
                    "kernel with the rebuilt modules: they do not go with %s", from,
                    o->kernel ? "--kernel" : "--initrd");
        return FALSE;
    }
    return absolute_patches(patches, from, error) &&
           build_patched_guest(o, patches, error);
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
    if (!o->time) {
        o->time = g_strdup(RP_TIME_REAL);
    }
    if (!g_str_equal(o->time, RP_TIME_REAL) && !g_str_equal(o->time, RP_TIME_WARP) &&
        !g_str_equal(o->time, RP_TIME_AUTO)) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--time must be '%s', '%s' or '%s', not '%s'", RP_TIME_WARP,
                    RP_TIME_REAL, RP_TIME_AUTO, o->time);
        return FALSE;
    }
    if (!o->board) {
        o->board = g_strdup(RP_SIM_MACHINE);
    }
    if (!rprocsim_board_find(o->board)) {
        g_autofree char *names = rprocsim_board_names();

        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "unknown board '%s'; use one of: %s", o->board, names);
        return FALSE;
    }
    o->cpu_given = o->cpu_given || o->cpu != NULL;
    qemu_given = o->qemu != NULL;
    kernel_given = o->kernel != NULL;
    initrd_given = o->initrd != NULL;
    if (!o->qemu) {
        o->qemu = g_build_filename(o->build, "qemu", "qemu-system-aarch64", NULL);
    }
    /* no QEMU: say so before a patch build of minutes */
    if (!need_file(o, "QEMU", o->qemu, "--qemu", qemu_given, error) ||
        !resolve_patches(o, error)) {
        return FALSE;
    }
    if (!o->guest_dir) {
        g_autofree char *name = strcmp(o->kernel_suite, RP_DEFAULT_KERNEL_SUITE)
            ? g_strdup_printf("guest-%s", o->kernel_suite) : g_strdup("guest");

        o->guest_dir = g_build_filename(o->build, name, NULL);
    }
    if (!o->kernel) {
        o->kernel = g_build_filename(o->guest_dir, "Image", NULL);
    }
    if (!o->initrd) {
        o->initrd = g_build_filename(o->guest_dir, "initramfs.cpio", NULL);
    }
    if (!o->cpu) {
        o->cpu = g_strdup(rp_options_board(o)->ap_cpu);
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
    if (!need_file(o, "guest kernel", o->kernel, "--kernel", kernel_given, error) ||
        !need_file(o, "guest initramfs", o->initrd, "--initrd", initrd_given, error)) {
        return FALSE;
    }
    g_free(o->kernel_release);
    o->kernel_release = guest_kernel_release(o);
    if (!o->patched) {
        g_autofree char *txt = g_build_filename(o->guest_dir, RP_PATCHED_FILE, NULL);

        if (g_file_test(txt, G_FILE_TEST_EXISTS) && !(o->patched = rp_patched_load(txt, error))) {
            return FALSE;
        }
    }
    return TRUE;
}

char *rp_options_firmware_images(const RpOptions *o)
{
    return g_build_filename(o->build, "meson", "firmware-stubs", "qcom", "qcs6490", NULL);
}

char *rp_options_firmware_elf_dir(const RpOptions *o)
{
    return g_build_filename(o->build, "meson", "firmware-stubs", NULL);
}

char *rp_options_firmware_elf(const RpOptions *o, const char *subsystem)
{
    g_autofree char *dir = rp_options_firmware_elf_dir(o);
    g_autofree char *name = g_strdup_printf("%s.elf", subsystem);

    return g_build_filename(dir, name, NULL);
}

GPtrArray *rp_options_patch_lines(const RpOptions *o)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

    for (guint i = 0; o->patched && i < o->patched->patches->len; i++) {
        const RpPatch *x = g_ptr_array_index(o->patched->patches, i);

        g_ptr_array_add(lines, g_strdup_printf("patch %s %s", x->name, x->sha256));
    }
    for (guint i = 0; o->patched && i < o->patched->modules->len; i++) {
        const RpPatchedModule *m = g_ptr_array_index(o->patched->modules, i);

        g_ptr_array_add(lines, g_strdup_printf("module %s srcversion %s (replaced)",
                                               m->name, m->srcversion));
    }
    return lines;
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

const RprocsimBoard *rp_options_board(const RpOptions *o)
{
    const RprocsimBoard *b = o->board ? rprocsim_board_find(o->board) : NULL;

    return b ? b : rprocsim_board_default();
}

RpOptions rp_options_for_board(const RpOptions *o, const char *machine)
{
    RpOptions c = *o;

    c.board = (char *)machine;
    if (!o->cpu_given) {
        c.cpu = (char *)rp_options_board(&c)->ap_cpu;
    }
    return c;
}

/* Whether @o's virtual time warps on @machine (RP_TIME_*) */
static gboolean time_warps(const RpOptions *o, const char *machine)
{
    const RprocsimBoard *b = rprocsim_board_find(machine);

    if (!o->time || g_str_equal(o->time, RP_TIME_REAL)) {
        return FALSE;
    }
    return g_str_equal(o->time, RP_TIME_WARP) || (b && b->auto_warp);
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
        .accel = o->accel ? o->accel : RP_DEFAULT_ACCEL,
        .icount = time_warps(o, machine) ? RP_ICOUNT_WARP : NULL,
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

char *rp_source_path(const char *rel)
{
    return g_build_filename(RPROCSIM_SOURCE_DIR, rel, NULL);
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
