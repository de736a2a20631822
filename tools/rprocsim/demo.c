/*
 * rprocsim demo: the main job. Boots the stock kernel on qcs6490-sim, sees
 * aDSP and cDSP come up by themselves and starts WPSS through sysfs,
 * enables coredumps, injects a fatal error with a message into each
 * subsystem, waits for the kernel's recovery, copies each devcoredump to
 * the host, and reports. Everything it asserts is the kernel's own word
 * (messages, sysfs); the faults are injected where the hardware would see
 * them (the Q6SS fault registers the firmware reads).
 *
 * Artefacts: BUILD/demo/console.log, report.json, <subsystem>.core.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "guest-proto.h"
#include "json-out.h"
#include "guest-boot.h"
#include "oops.h"
#include "patched.h"
#include "qmp.h"
#include "rproc.h"
#include "crash-report.h"
#include "elf32.h"

#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STEPS 7
#define AGENT_TIMEOUT_S   60.0
#define UP_TIMEOUT_S      60.0
#define RECOVER_TIMEOUT_S 60.0
#define MAX_SUBSYS        3

typedef struct SubsysResult {
    RpRproc r;
    gboolean up;
    double up_kernel_s;         /* kernel time of "is now up" */
    char *crash_message;
    gboolean crashed;           /* the kernel reported the fatal error */
    gboolean recovered;
    double crash_kernel_s;      /* "fatal error received" */
    double recovered_kernel_s;  /* the next "is now up" */
    double recover_wall_s;      /* injection to running again, host clock */
    char *state;                /* final sysfs state */
    char *dump_path;
    gsize dump_size;
    unsigned dump_segments;     /* PT_LOAD program headers */
    unsigned dump_sections;     /* section headers (a minidump) */
    char *dump_reason;          /* the crash record's reason, by the crash inspector */
} SubsysResult;

typedef struct Demo {
    RpOptions o;
    char *out_dir;
    RpVm *vm;
    RpQmp *qmp;
    GPtrArray *problems;        /* char *: why the demo failed */
    RpReadyMark ready;
    double ready_wall_s;
    GPtrArray *modules_loaded;
    GPtrArray *modules_failed;
    char *proc_version;
    char *kernel_sha256;
    char *qemu_cmd;
    RpPatchedCheck patch_check; /* a patched guest: taint and loaded srcversions */
    gboolean patch_checked;
    unsigned nsubsys;
    SubsysResult ss[MAX_SUBSYS];
} Demo;

static void problem(Demo *d, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void problem(Demo *d, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "problem: %s\n", msg);
    g_ptr_array_add(d->problems, msg);
}

static char *agent(Demo *d, const char *cmd)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status;

    if (!rp_vm_agent_run(d->vm, cmd, AGENT_TIMEOUT_S, &out, &status, &err)) {
        problem(d, "agent command '%s' failed: %s", cmd, err->message);
        return NULL;
    }
    if (status != 0) {
        problem(d, "'%s' exited with status %d in the guest: %s", cmd, status, out);
        g_free(out);
        return NULL;
    }
    return out;
}

/*
 * Kernel time of the first dmesg line after the one containing @after
 * (NULL: from the start) that contains @needle. Polls dmesg until
 * @timeout_s. FALSE if it never appears.
 */
static gboolean kernel_time_of(Demo *d, const char *after, const char *needle,
                               double timeout_s, double *t)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    do {
        g_autofree char *dmesg = agent(d, "dmesg");
        g_auto(GStrv) lines = dmesg ? g_strsplit(dmesg, "\n", -1) : NULL;
        gboolean armed = after == NULL;

        for (char **l = lines; l && *l; l++) {
            if (!armed) {
                armed = strstr(*l, after) != NULL;
            } else if (strstr(*l, needle) && rp_parse_kernel_time(*l, t)) {
                return TRUE;
            }
        }
        g_usleep(50000);
    } while (g_get_monotonic_time() < deadline);
    return FALSE;
}

/* A patched guest: the loaded modules must be the patched ones (srcversion) */
static void check_patched(Demo *d)
{
    g_autoptr(GError) err = NULL;

    d->patch_checked = rp_patched_check_guest(d->vm, d->o.patched, AGENT_TIMEOUT_S,
                                              &d->patch_check, &err);
    if (!d->patch_checked) {
        problem(d, "--patch: %s", err->message);
        return;
    }
    for (guint i = 0; i < d->patch_check.problems->len; i++) {
        problem(d, "--patch: %s", (char *)g_ptr_array_index(d->patch_check.problems, i));
    }
}

static gboolean boot_guest(Demo *d)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = NULL, *done = NULL;
    g_autofree char *console_log = g_build_filename(d->out_dir, "console.log", NULL);
    RpVmConfig cfg = rp_vm_config(&d->o, d->o.board);
    const GPtrArray *lines;

    cfg.console_log = console_log;
    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    rp_progress(1, STEPS, "booting %s (%d x %s + %u subsystem cores, %d MiB): %s",
                d->o.board, d->o.smp, d->o.cpu, rp_options_board(&d->o)->count,
                d->o.mem_mib, d->o.kernel);
    d->vm = rp_vm_start(&cfg, &err);
    if (d->vm) {
        d->qemu_cmd = rp_vm_command_line(d->vm);
        d->qmp = rp_vm_qmp(d->vm, 30, &err);
    }
    if (d->qmp) {
        line = rp_vm_wait_console(d->vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S,
                                  &d->ready_wall_s, &err);
    }
    if (!line || !rp_parse_ready(line, &d->ready)) {
        problem(d, "the guest did not reach userspace: %s", err ? err->message : line);
        return FALSE;
    }
    rp_progress(2, STEPS, "userspace reached: kernel %s, guest uptime %.2f s, %.2f s wall",
                d->ready.kernel, d->ready.uptime_s, d->ready_wall_s);
    if (rp_options_kernel_release(&d->o) &&
        strcmp(rp_options_kernel_release(&d->o), d->ready.kernel)) {
        problem(d, "the guest runs kernel %s, but its image was built for %s",
                d->ready.kernel, rp_options_kernel_release(&d->o));
    }

    done = rp_vm_wait_console(d->vm, RP_MARK_MODULES_DONE, RP_MODULES_TIMEOUT_S, NULL, &err);
    if (!done) {
        problem(d, "module loading did not finish: %s", err->message);
        return FALSE;
    }
    /* from here on a kernel Oops ends every wait at once (reported at the end) */
    rp_vm_watch_oops(d->vm, 0);
    lines = rp_vm_console_lines(d->vm);
    for (guint i = 0; i < lines->len; i++) {
        char *name;
        gboolean loaded;

        if (rp_parse_module(g_ptr_array_index(lines, i), &name, &loaded)) {
            g_ptr_array_add(loaded ? d->modules_loaded : d->modules_failed, name);
        }
    }
    if (d->modules_failed->len) {
        problem(d, "%u module(s) failed to load, first: %s", d->modules_failed->len,
                (char *)g_ptr_array_index(d->modules_failed, 0));
    }
    d->proc_version = agent(d, "cat /proc/version");
    if (d->proc_version) {
        g_strstrip(d->proc_version);
    }
    if (!d->o.patched) {
        rp_progress(3, STEPS, "stock modules: %u loaded, %u failed",
                    d->modules_loaded->len, d->modules_failed->len);
        return TRUE;
    }
    check_patched(d);
    rp_progress(3, STEPS, "modules: %u loaded, %u failed; %u replaced by --patch, %s",
                d->modules_loaded->len, d->modules_failed->len, d->o.patched->modules->len,
                !d->patch_checked ? "NOT checked"
                : d->patch_check.problems->len ? "NOT all the patched ones"
                : "all the patched ones (srcversion)");
    return TRUE;
}

/* aDSP and cDSP come up by themselves, WPSS through sysfs */
static void bring_up(Demo *d, SubsysResult *s, const RpSubsys *ss)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *needle = NULL;

    if (!rp_rproc_find(d->vm, ss, UP_TIMEOUT_S, &s->r, &err)) {
        problem(d, "%s: %s", ss->name, err->message);
        return;
    }
    if (!ss->auto_boot && !rp_rproc_write(d->vm, &s->r, "state", "start", &err)) {
        problem(d, "%s: start failed: %s", ss->name, err->message);
        return;
    }
    needle = g_strdup_printf("remote processor %s is now up", s->r.name);
    s->up = kernel_time_of(d, NULL, needle, UP_TIMEOUT_S, &s->up_kernel_s) &&
            rp_rproc_wait_state(d->vm, &s->r, "running", UP_TIMEOUT_S, &err);
    if (!s->up) {
        problem(d, "%s did not come up: %s", ss->name, err ? err->message : needle);
    }
}

/* Inject a fatal error through the Q6SS fault registers, wait for recovery */
static void crash_and_recover(Demo *d, SubsysResult *s, unsigned n)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = NULL, *fault = NULL, *fatal = NULL, *up = NULL;
    gint64 t0;

    if (!s->up) {
        return;
    }
    if (!rp_rproc_write(d->vm, &s->r, "coredump", "enabled", &err)) {
        problem(d, "%s: cannot enable coredumps: %s", s->r.ss->name, err->message);
        return;
    }
    s->crash_message = g_strdup_printf("%s crash %u injected by rprocsim demo",
                                       s->r.ss->name, n);
    path = g_strdup_printf("/machine/%s", s->r.ss->name);
    fault = g_strdup_printf("fatal::%s", s->crash_message);
    t0 = g_get_monotonic_time();
    if (!rp_qmp_qom_set_str(d->qmp, path, "fault", fault, &err)) {
        problem(d, "%s: fault injection failed: %s", s->r.ss->name, err->message);
        return;
    }
    fatal = g_strdup_printf("fatal error received: %s", s->crash_message);
    up = g_strdup_printf("remote processor %s is now up", s->r.name);
    s->crashed = kernel_time_of(d, NULL, fatal, RECOVER_TIMEOUT_S, &s->crash_kernel_s);
    if (!s->crashed) {
        problem(d, "%s: the kernel never reported '%s'", s->r.ss->name, fatal);
        return;
    }
    s->recovered = kernel_time_of(d, fatal, up, RECOVER_TIMEOUT_S, &s->recovered_kernel_s) &&
                   rp_rproc_wait_state(d->vm, &s->r, "running", RECOVER_TIMEOUT_S, &err);
    s->recover_wall_s = (g_get_monotonic_time() - t0) / 1e6;
    if (!s->recovered) {
        problem(d, "%s did not recover: %s", s->r.ss->name, err ? err->message : up);
    }
}

/*
 * ELF32 program and section header counts of a dump. FALSE, with the
 * reason in @why, if it is not an ELF32 little-endian file.
 */
static gboolean dump_layout(SubsysResult *s, const guchar *data, gsize len, char *why,
                            gsize why_len)
{
    Elf32Header eh;

    if (!elf32_parse_header(data, len, &eh, why, why_len)) {
        return FALSE;
    }
    s->dump_segments = eh.e_phnum;
    s->dump_sections = eh.e_shnum;
    return TRUE;
}

/* The crash inspector on the dump must find the reason the demo injected */
static void read_crash_report(Demo *d, SubsysResult *s, const guchar *data, gsize len)
{
    g_autofree char *path = rp_options_firmware_elf(&d->o, s->r.ss->name);
    g_autofree char *fw = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GError) err = NULL;
    gsize fw_len;
    const char *reason;

    if (!rp_read_firmware_elf(path, &fw, &fw_len, &err) ||
        !rp_inspect(data, len, (const guchar *)fw, fw_len, out, b, &err)) {
        problem(d, "%s: the crash inspector cannot read the dump: %s", s->r.ss->name,
                err->message);
        return;
    }
    reason = strstr(out->str, "reason: ");
    if (reason) {
        s->dump_reason = g_strndup(reason + 8, strcspn(reason + 8, "\n"));
    }
    if (!s->dump_reason || strcmp(s->dump_reason, s->crash_message)) {
        problem(d, "%s: the dump's crash record says '%s', not '%s'", s->r.ss->name,
                s->dump_reason ? s->dump_reason : "nothing", s->crash_message);
    }
}

/* Copy the devcoredump the kernel made for @s to BUILD/demo/<name>.core */
static void collect_dump(Demo *d, SubsysResult *s)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GBytes) dump = NULL;
    const guchar *data;
    char why[128];
    gsize len;

    if (!s->crashed) {
        return;
    }
    dump = rp_rproc_take_dump(d->vm, &s->r, &err);
    if (!dump) {
        problem(d, "%s: %s", s->r.ss->name, err->message);
        return;
    }
    data = g_bytes_get_data(dump, &len);
    s->dump_path = g_strdup_printf("%s/%s.core", d->out_dir, s->r.ss->name);
    if (!g_file_set_contents(s->dump_path, (const char *)data, len, &err)) {
        problem(d, "%s: cannot write %s: %s", s->r.ss->name, s->dump_path, err->message);
        return;
    }
    s->dump_size = len;
    if (!dump_layout(s, data, len, why, sizeof(why))) {
        problem(d, "%s: the devcoredump is not an ELF file: %s", s->r.ss->name, why);
        return;
    }
    read_crash_report(d, s, data, len);
}

static void add_subsys(JsonBuilder *b, const SubsysResult *s)
{
    json_builder_begin_object(b);
    rp_json_add_string(b, "name", s->r.ss ? s->r.ss->name : NULL);
    rp_json_add_string(b, "kernel_name", s->r.name);
    rp_json_add_string(b, "sysfs", s->r.dir);
    rp_json_add_bool(b, "up", s->up);
    rp_json_add_double(b, "up_kernel_s", s->up_kernel_s);
    rp_json_add_string(b, "crash_reason", s->crash_message);
    rp_json_add_bool(b, "crashed", s->crashed);
    rp_json_add_bool(b, "recovered", s->recovered);
    rp_json_add_double(b, "recover_ms_kernel",
                       (s->recovered_kernel_s - s->crash_kernel_s) * 1000);
    rp_json_add_double(b, "recover_ms_wall", s->recover_wall_s * 1000);
    rp_json_add_string(b, "state", s->state);
    json_builder_set_member_name(b, "dump");
    json_builder_begin_object(b);
    rp_json_add_string(b, "file", s->dump_path);
    rp_json_add_int(b, "bytes", s->dump_size);
    rp_json_add_int(b, "segments", s->dump_segments);
    rp_json_add_int(b, "sections", s->dump_sections);
    rp_json_add_string(b, "crash_record_reason", s->dump_reason);
    json_builder_end_object(b);
    json_builder_end_object(b);
}

/* The kernel release for the report: the booted one, else the image's */
static const char *demo_kernel_release(const Demo *d)
{
    return d->ready.kernel ? d->ready.kernel : rp_options_kernel_release(&d->o);
}

/* "patched": the patches, the replaced modules and what the guest loaded */
static void add_patched(JsonBuilder *b, const Demo *d)
{
    const RpPatched *pt = d->o.patched;

    json_builder_set_member_name(b, "patched");
    if (!pt) {
        json_builder_add_null_value(b);
        return;
    }
    json_builder_begin_object(b);
    rp_json_add_string(b, "guest", d->o.guest_dir);
    json_builder_set_member_name(b, "patches");
    json_builder_begin_array(b);
    for (guint i = 0; i < pt->patches->len; i++) {
        const RpPatch *x = g_ptr_array_index(pt->patches, i);

        json_builder_begin_object(b);
        rp_json_add_string(b, "name", x->name);
        rp_json_add_string(b, "sha256", x->sha256);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "modules");
    json_builder_begin_array(b);
    for (guint i = 0; i < pt->modules->len; i++) {
        const RpPatchedModule *m = g_ptr_array_index(pt->modules, i);

        json_builder_begin_object(b);
        rp_json_add_string(b, "name", m->name);
        rp_json_add_string(b, "srcversion", m->srcversion);
        rp_json_add_string(b, "path", m->relpath);
        /* what /sys/module/NAME/srcversion said; null if none or not read */
        rp_json_add_string(b, "loaded_srcversion", d->patch_checked
                           ? g_ptr_array_index(d->patch_check.loaded, i) : NULL);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "kernel_taint");
    if (d->patch_checked) {
        json_builder_add_int_value(b, d->patch_check.taint);
    } else {
        json_builder_add_null_value(b);
    }
    rp_json_add_string(b, "kernel_taint_text", d->patch_checked
                       ? d->patch_check.taint_text : NULL);
    json_builder_end_object(b);
}

static gboolean write_report(Demo *d, const char *path, GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GHashTable) pkgs = rp_read_packages(d->o.build);
    GHashTableIter it;
    gpointer k, v;

    json_builder_begin_object(b);
    rp_json_add_string(b, "result", d->problems->len ? "fail" : "pass");
    rp_json_add_strv(b, "problems", d->problems);
    rp_json_add_string(b, "machine", d->o.board);
    rp_json_add_string(b, "qemu_command", d->qemu_cmd);
    json_builder_set_member_name(b, "kernel");
    json_builder_begin_object(b);
    rp_json_add_string(b, "suite", d->o.kernel_suite);
    rp_json_add_string(b, "image", d->o.kernel);
    rp_json_add_string(b, "sha256", d->kernel_sha256);
    /* what the guest said (uname -r), else what its image was built for */
    rp_json_add_string(b, "release", demo_kernel_release(d));
    rp_json_add_string(b, "image_release", rp_options_kernel_release(&d->o));
    rp_json_add_string(b, "version", d->proc_version);
    json_builder_end_object(b);
    add_patched(b, d);
    json_builder_set_member_name(b, "time_to_userspace");
    json_builder_begin_object(b);
    rp_json_add_double(b, "guest_uptime_s", d->ready.uptime_s);
    rp_json_add_double(b, "wall_s", d->ready_wall_s);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "modules");
    json_builder_begin_object(b);
    rp_json_add_strv(b, "loaded_by_init", d->modules_loaded);
    rp_json_add_strv(b, "failed", d->modules_failed);
    json_builder_end_object(b);
    json_builder_set_member_name(b, "subsystems");
    json_builder_begin_array(b);
    for (unsigned i = 0; i < d->nsubsys; i++) {
        add_subsys(b, &d->ss[i]);
    }
    json_builder_end_array(b);
    json_builder_set_member_name(b, "packages");
    json_builder_begin_object(b);
    g_hash_table_iter_init(&it, pkgs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        rp_json_add_string(b, k, v);
    }
    json_builder_end_object(b);
    json_builder_end_object(b);
    return rp_json_write_file(b, path, error);
}

static void print_summary(Demo *d)
{
    g_autoptr(GPtrArray) patch_lines = rp_options_patch_lines(&d->o);

    printf("\n  kernel %s (suite %s)\n", demo_kernel_release(d) ?: "unknown",
           d->o.kernel_suite);
    for (guint i = 0; i < patch_lines->len; i++) {
        printf("  %s\n", (char *)g_ptr_array_index(patch_lines, i));
    }
    for (guint i = 0; d->patch_checked && i < d->patch_check.lines->len; i++) {
        printf("  %s\n", (char *)g_ptr_array_index(d->patch_check.lines, i));
    }
    printf("\n  %-5s %-20s %-10s %-12s %-14s %s\n", "", "kernel name", "state",
           "recovery", "(wall)", "dump");
    for (unsigned i = 0; i < d->nsubsys; i++) {
        const SubsysResult *s = &d->ss[i];

        printf("  %-5s %-20s %-10s %7.0f ms   %7.0f ms     %s (%" G_GSIZE_FORMAT
               " bytes, %u segments, %u sections)\n",
               s->r.ss ? s->r.ss->name : "?", s->r.name ? s->r.name : "?",
               s->state ? s->state : "?",
               s->recovered ? (s->recovered_kernel_s - s->crash_kernel_s) * 1000 : 0,
               s->recover_wall_s * 1000, s->dump_path ? s->dump_path : "none",
               s->dump_size, s->dump_segments, s->dump_sections);
    }
    printf("\n");
}

static void demo_free(Demo *d)
{
    g_clear_pointer(&d->vm, rp_vm_free);    /* flushes the console log */
    for (unsigned i = 0; i < d->nsubsys; i++) {
        rp_rproc_clear(&d->ss[i].r);
        g_free(d->ss[i].crash_message);
        g_free(d->ss[i].state);
        g_free(d->ss[i].dump_path);
        g_free(d->ss[i].dump_reason);
    }
    g_ptr_array_unref(d->problems);
    g_ptr_array_unref(d->modules_loaded);
    g_ptr_array_unref(d->modules_failed);
    g_free(d->ready.kernel);
    g_free(d->proc_version);
    g_free(d->kernel_sha256);
    g_free(d->qemu_cmd);
    g_free(d->out_dir);
    rp_patched_check_clear(&d->patch_check);
}

int rp_cmd_demo(int argc, char **argv)
{
    Demo d = { 0 };
    GOptionEntry entries[] = {
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &d.out_dir,
          "folder for console.log, report.json and the dumps (default: BUILD/demo)", "DIR" },
        { NULL }
    };
    const RpCommand cmd = {
        "demo", "- boot, start, crash, recover and dump the subsystems", entries, &d.o,
        "Boots the stock kernel on qcs6490-sim; aDSP and cDSP come up by themselves,\n"
        "WPSS is started through sysfs; each gets a fatal error with a message through\n"
        "its Q6SS fault registers, the kernel recovers it and dumps it. Writes\n"
        "BUILD/demo/console.log, report.json and <subsystem>.core. Exit status 0 only\n"
        "if every step held.\n\n"
        RP_PATCH_HELP
        "The report then names the patches and the replaced modules, the srcversion\n"
        "each has in the guest (the stock one instead is a problem) and the kernel taint.\n\n"
        "Example (from the source tree, after 'make guest KERNEL=backports'):\n"
        "  build/meson/tools/rprocsim demo --kernel-suite backports --out build/demo-backports"
    };
    g_autoptr(GError) err = NULL;
    g_autofree char *report = NULL;
    const RpSubsys *subsys;
    int rc;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (!rp_options_resolve(&d.o, &err)) {
        fprintf(stderr, "rprocsim demo: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    subsys = rp_subsystems(rp_options_board(&d.o), &d.nsubsys);
    /* the crash inspector reads each subsystem's firmware ELF at the end */
    for (unsigned i = 0; i < d.nsubsys; i++) {
        g_autofree char *elf = rp_options_firmware_elf(&d.o, subsys[i].name);

        if (!rp_need_firmware_elf(elf, &err)) {
            fprintf(stderr, "rprocsim demo: %s\n", err->message);
            return 2;
        }
    }
    if (!d.out_dir) {
        d.out_dir = g_build_filename(d.o.build, "demo", NULL);
    }
    if (g_mkdir_with_parents(d.out_dir, 0755) < 0) {
        fprintf(stderr, "rprocsim demo: cannot create %s\n", d.out_dir);
        return 2;
    }
    report = g_build_filename(d.out_dir, "report.json", NULL);
    d.problems = g_ptr_array_new_with_free_func(g_free);
    d.modules_loaded = g_ptr_array_new_with_free_func(g_free);
    d.modules_failed = g_ptr_array_new_with_free_func(g_free);
    d.kernel_sha256 = rp_file_sha256(d.o.kernel, NULL);

    if (boot_guest(&d)) {
        for (unsigned i = 0; i < d.nsubsys; i++) {
            bring_up(&d, &d.ss[i], &subsys[i]);
        }
        rp_progress(4, STEPS, "subsystems up: %s %s, %s %s, %s %s",
                    subsys[0].name, d.ss[0].up ? "yes" : "NO",
                    subsys[1].name, d.ss[1].up ? "yes" : "NO",
                    subsys[2].name, d.ss[2].up ? "yes" : "NO");
        for (unsigned i = 0; i < d.nsubsys; i++) {
            crash_and_recover(&d, &d.ss[i], i + 1);
            rp_progress(5, STEPS, "%s: %s; recovered: %s in %.0f ms kernel time, %.2f s wall",
                        subsys[i].name,
                        d.ss[i].crashed ? "fatal error received" : "NO fatal error",
                        d.ss[i].recovered ? "yes" : "NO",
                        (d.ss[i].recovered_kernel_s - d.ss[i].crash_kernel_s) * 1000,
                        d.ss[i].recover_wall_s);
        }
        for (unsigned i = 0; i < d.nsubsys; i++) {
            collect_dump(&d, &d.ss[i]);
            if (d.ss[i].r.dir) {
                d.ss[i].state = rp_rproc_read(d.vm, &d.ss[i].r, "state", NULL);
            }
        }
        rp_progress(6, STEPS, "dumps: %s %s, %s %s, %s %s",
                    subsys[0].name, d.ss[0].dump_path ? "copied" : "NONE",
                    subsys[1].name, d.ss[1].dump_path ? "copied" : "NONE",
                    subsys[2].name, d.ss[2].dump_path ? "copied" : "NONE");
    }
    if (d.vm) {
        /* a kernel Oops, BUG or WARN anywhere in the run is a problem, summarised */
        RpOops oops;

        if (rp_oops_find(rp_vm_console_lines(d.vm), 0, &oops)) {
            g_autofree char *summary = rp_oops_summary(&oops);

            problem(&d, "%s (full text in the console log)", summary);
            rp_oops_clear(&oops);
        }
    }
    g_clear_pointer(&d.vm, rp_vm_free);

    if (!write_report(&d, report, &err)) {
        fprintf(stderr, "rprocsim demo: cannot write %s: %s\n", report, err->message);
        demo_free(&d);
        return 1;
    }
    print_summary(&d);
    rp_progress(7, STEPS, "%s (kernel %s): report %s, console %s/console.log",
                d.problems->len ? "FAIL" : "PASS", demo_kernel_release(&d) ?: "unknown",
                report, d.out_dir);
    rc = d.problems->len ? 1 : 0;
    demo_free(&d);
    return rc;
}
