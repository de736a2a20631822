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
#include "demo-run.h"
#include "json-out.h"
#include "rproc.h"
#include "crash-report.h"
#include "elf32.h"

#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STEPS 7
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
    RpDemoCore core;            /* at the end: the core's state and state events */
    char *dump_path;
    gsize dump_size;
    unsigned dump_segments;     /* PT_LOAD program headers */
    unsigned dump_sections;     /* section headers (a minidump) */
    char *dump_reason;          /* the crash record's reason, by the crash inspector */
} SubsysResult;

/* The qcs6490-sim demo: the shared part and each subsystem's results */
typedef struct QcomDemo {
    RpDemo d;
    unsigned nsubsys;
    SubsysResult ss[MAX_SUBSYS];
} QcomDemo;

/* aDSP and cDSP come up by themselves, WPSS through sysfs */
static void bring_up(RpDemo *d, SubsysResult *s, const RpSubsys *ss)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *needle = NULL;

    if (!rp_rproc_find(d->vm, ss, UP_TIMEOUT_S, &s->r, &err)) {
        rp_demo_problem(d, "%s: %s", ss->name, err->message);
        return;
    }
    if (!ss->auto_boot && !rp_rproc_write(d->vm, &s->r, "state", "start", &err)) {
        rp_demo_problem(d, "%s: start failed: %s", ss->name, err->message);
        return;
    }
    needle = g_strdup_printf("remote processor %s is now up", s->r.name);
    s->up = rp_demo_kernel_time_of(d, NULL, needle, UP_TIMEOUT_S, &s->up_kernel_s) &&
            rp_rproc_wait_state(d->vm, &s->r, "running", UP_TIMEOUT_S, &err);
    if (!s->up) {
        rp_demo_problem(d, "%s did not come up: %s", ss->name, err ? err->message : needle);
    }
}

/* Inject a fatal error through the Q6SS fault registers, wait for recovery */
static void crash_and_recover(RpDemo *d, SubsysResult *s, unsigned n)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = NULL, *fault = NULL, *fatal = NULL, *up = NULL;
    gint64 t0;

    if (!s->up) {
        return;
    }
    if (!rp_rproc_write(d->vm, &s->r, "coredump", "enabled", &err)) {
        rp_demo_problem(d, "%s: cannot enable coredumps: %s", s->r.ss->name, err->message);
        return;
    }
    s->crash_message = g_strdup_printf("%s crash %u injected by rprocsim demo",
                                       s->r.ss->name, n);
    path = g_strdup_printf("/machine/%s", s->r.ss->name);
    fault = g_strdup_printf("fatal::%s", s->crash_message);
    t0 = g_get_monotonic_time();
    if (!rp_qmp_qom_set_str(d->qmp, path, "fault", fault, &err)) {
        rp_demo_problem(d, "%s: fault injection failed: %s", s->r.ss->name, err->message);
        return;
    }
    fatal = g_strdup_printf("fatal error received: %s", s->crash_message);
    up = g_strdup_printf("remote processor %s is now up", s->r.name);
    s->crashed = rp_demo_kernel_time_of(d, NULL, fatal, RECOVER_TIMEOUT_S, &s->crash_kernel_s);
    if (!s->crashed) {
        rp_demo_problem(d, "%s: the kernel never reported '%s'", s->r.ss->name, fatal);
        return;
    }
    s->recovered = rp_demo_kernel_time_of(d, fatal, up, RECOVER_TIMEOUT_S, &s->recovered_kernel_s) &&
                   rp_rproc_wait_state(d->vm, &s->r, "running", RECOVER_TIMEOUT_S, &err);
    s->recover_wall_s = (g_get_monotonic_time() - t0) / 1e6;
    if (!s->recovered) {
        rp_demo_problem(d, "%s did not recover: %s", s->r.ss->name, err ? err->message : up);
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
static void read_crash_report(RpDemo *d, SubsysResult *s, const guchar *data, gsize len)
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
        rp_demo_problem(d, "%s: the crash inspector cannot read the dump: %s", s->r.ss->name,
                err->message);
        return;
    }
    reason = strstr(out->str, "reason: ");
    if (reason) {
        s->dump_reason = g_strndup(reason + 8, strcspn(reason + 8, "\n"));
    }
    if (!s->dump_reason || strcmp(s->dump_reason, s->crash_message)) {
        rp_demo_problem(d, "%s: the dump's crash record says '%s', not '%s'", s->r.ss->name,
                s->dump_reason ? s->dump_reason : "nothing", s->crash_message);
    }
}

/* Copy the devcoredump the kernel made for @s to BUILD/demo/<name>.core */
static void collect_dump(RpDemo *d, SubsysResult *s)
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
        rp_demo_problem(d, "%s: %s", s->r.ss->name, err->message);
        return;
    }
    data = g_bytes_get_data(dump, &len);
    s->dump_path = g_strdup_printf("%s/%s.core", d->out_dir, s->r.ss->name);
    if (!g_file_set_contents(s->dump_path, (const char *)data, len, &err)) {
        rp_demo_problem(d, "%s: cannot write %s: %s", s->r.ss->name, s->dump_path, err->message);
        return;
    }
    s->dump_size = len;
    if (!dump_layout(s, data, len, why, sizeof(why))) {
        rp_demo_problem(d, "%s: the devcoredump is not an ELF file: %s", s->r.ss->name, why);
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
    rp_demo_core_add_json(b, &s->core);
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

static void print_summary(const QcomDemo *q)
{
    rp_demo_print_kernel(&q->d);
    printf("\n  %-5s %-20s %-10s %-20s %-12s %-14s %s\n", "", "kernel name", "state",
           "core", "recovery", "(wall)", "dump");
    for (unsigned i = 0; i < q->nsubsys; i++) {
        const SubsysResult *s = &q->ss[i];

        g_autofree char *core = g_strdup_printf("%s (%u events)",
                                                s->core.state ? s->core.state : "?",
                                                s->core.events ? s->core.events->len : 0);

        printf("  %-5s %-20s %-10s %-20s %7.0f ms   %7.0f ms     %s (%" G_GSIZE_FORMAT
               " bytes, %u segments, %u sections)\n",
               s->r.ss ? s->r.ss->name : "?", s->r.name ? s->r.name : "?",
               s->state ? s->state : "?", core,
               s->recovered ? (s->recovered_kernel_s - s->crash_kernel_s) * 1000 : 0,
               s->recover_wall_s * 1000, s->dump_path ? s->dump_path : "none",
               s->dump_size, s->dump_segments, s->dump_sections);
    }
    printf("\n");
}

static void qcom_demo_clear(QcomDemo *q)
{
    for (unsigned i = 0; i < q->nsubsys; i++) {
        rp_rproc_clear(&q->ss[i].r);
        g_free(q->ss[i].crash_message);
        g_free(q->ss[i].state);
        rp_demo_core_clear(&q->ss[i].core);
        g_free(q->ss[i].dump_path);
        g_free(q->ss[i].dump_reason);
    }
    rp_demo_clear(&q->d);
}

/* The crash inspector reads each subsystem's firmware ELF at the end: check first */
static gboolean have_firmware_elves(const RpOptions *o)
{
    const RprocsimBoard *board = rp_options_board(o);

    for (unsigned i = 0; i < board->count; i++) {
        g_autofree char *elf = rp_options_firmware_elf(o, board->subsys[i].name);
        g_autoptr(GError) err = NULL;

        if (!rp_need_firmware_elf(elf, &err)) {
            fprintf(stderr, "rprocsim demo: %s\n", err->message);
            return FALSE;
        }
    }
    return TRUE;
}

/*
 * The qcs6490-sim demo with options @o (for that board) into @out_dir:
 * aDSP and cDSP come up by themselves, WPSS through sysfs, each gets a
 * fatal error, recovers and is dumped. The exit status: 0 pass, 1 fail,
 * 2 unusable set-up.
 */
static int demo_qcom(const RpOptions *o, const char *out_dir)
{
    QcomDemo q = { 0 };
    RpDemo *d = &q.d;
    g_autoptr(JsonBuilder) b = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *report = NULL;
    const RpSubsys *subsys;
    int rc;

    if (!have_firmware_elves(o) || !rp_demo_init(d, o, out_dir, STEPS)) {
        return 2;
    }
    subsys = rp_subsystems(rp_options_board(o), &q.nsubsys);
    if (rp_demo_boot(d)) {
        for (unsigned i = 0; i < q.nsubsys; i++) {
            bring_up(d, &q.ss[i], &subsys[i]);
        }
        rp_progress(4, STEPS, "subsystems up: %s %s, %s %s, %s %s",
                    subsys[0].name, q.ss[0].up ? "yes" : "NO",
                    subsys[1].name, q.ss[1].up ? "yes" : "NO",
                    subsys[2].name, q.ss[2].up ? "yes" : "NO");
        for (unsigned i = 0; i < q.nsubsys; i++) {
            crash_and_recover(d, &q.ss[i], i + 1);
            rp_progress(5, STEPS, "%s: %s; recovered: %s in %.0f ms kernel time, %.2f s wall",
                        subsys[i].name,
                        q.ss[i].crashed ? "fatal error received" : "NO fatal error",
                        q.ss[i].recovered ? "yes" : "NO",
                        (q.ss[i].recovered_kernel_s - q.ss[i].crash_kernel_s) * 1000,
                        q.ss[i].recover_wall_s);
        }
        for (unsigned i = 0; i < q.nsubsys; i++) {
            collect_dump(d, &q.ss[i]);
            if (q.ss[i].r.dir) {
                q.ss[i].state = rp_rproc_read(d->vm, &q.ss[i].r, "state", NULL);
            }
            rp_demo_core_read(d, subsys[i].name, &q.ss[i].core);
        }
        rp_progress(6, STEPS, "dumps: %s %s, %s %s, %s %s",
                    subsys[0].name, q.ss[0].dump_path ? "copied" : "NONE",
                    subsys[1].name, q.ss[1].dump_path ? "copied" : "NONE",
                    subsys[2].name, q.ss[2].dump_path ? "copied" : "NONE");
    }
    rp_demo_finish_vm(d);

    b = rp_demo_report_begin(d);
    json_builder_set_member_name(b, "subsystems");
    json_builder_begin_array(b);
    for (unsigned i = 0; i < q.nsubsys; i++) {
        add_subsys(b, &q.ss[i]);
    }
    json_builder_end_array(b);
    if (!rp_demo_report_write(d, b, &report, &err)) {
        fprintf(stderr, "rprocsim demo: cannot write %s: %s\n", report, err->message);
        qcom_demo_clear(&q);
        return 1;
    }
    print_summary(&q);
    rc = rp_demo_verdict(d, report);
    qcom_demo_clear(&q);
    return rc;
}

int rp_cmd_demo(int argc, char **argv)
{
    RpOptions o = { 0 };
    g_autofree char *out_dir = NULL;
    GOptionEntry entries[] = {
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir,
          "folder for console.log, report.json and the dumps (default: BUILD/demo; "
          "a board other than the default one gets its subfolder BOARD)", "DIR" },
        { NULL }
    };
    const RpCommand cmd = {
        "demo", "- boot, start, crash, recover and dump the remote processors", entries, &o,
        "Without --board, runs the demo of each board in turn; with it, that board's.\n\n"
        "qcs6490-sim: boots the stock kernel; aDSP and cDSP come up by themselves,\n"
        "WPSS is started through sysfs; each gets a fatal error with a message through\n"
        "its Q6SS fault registers, the kernel recovers it and dumps it. Writes\n"
        "BUILD/demo/console.log, report.json and <subsystem>.core.\n\n"
        "am64x-sim: boots the stock kernel; the R5F cores come up at probe through\n"
        "TI-SCI; each answers the kernel's echo request if one is sent, shows its\n"
        "trace buffer, idles in WFI (TI-SCI GET_STATUS), is stopped and started\n"
        "through sysfs, and crashes with a message, which the kernel logs (it does not\n"
        "recover R5F cores). Writes BUILD/demo/am64x-sim/console.log and report.json.\n\n"
        "Exit status 0 only if every step held on every board.\n\n"
        RP_PATCH_HELP
        "The report then names the patches and the replaced modules, the srcversion\n"
        "each has in the guest (the stock one instead is a problem) and the kernel taint.\n\n"
        "Example (from the source tree, after 'make guest KERNEL=backports'):\n"
        "  build/meson/tools/rprocsim demo --kernel-suite backports --out build/demo-backports"
    };
    g_autoptr(GError) err = NULL;
    gboolean one = FALSE;
    int rc = 0;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    one = o.board != NULL;
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim demo: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    if (!out_dir) {
        out_dir = g_build_filename(o.build, "demo", NULL);
    }
    for (const RprocsimBoard *const *b = rprocsim_boards(); *b; b++) {
        RpOptions bo;
        g_autofree char *dir = NULL;
        int brc;

        if (one && strcmp((*b)->machine, o.board)) {
            continue;
        }
        bo = rp_options_for_board(&o, (*b)->machine);
        dir = *b == rprocsim_board_default() ? g_strdup(out_dir)
            : g_build_filename(out_dir, (*b)->machine, NULL);
        brc = (*b)->family == RPROCSIM_FAMILY_TI_K3 ? rp_demo_k3(&bo, dir)
                                                   : demo_qcom(&bo, dir);
        rc = MAX(rc, brc);
    }
    return rc;
}
