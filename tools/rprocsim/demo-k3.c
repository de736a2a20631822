/*
 * rprocsim demo, am64x-sim: boots the stock kernel, whose R5F driver
 * (ti_k3_r5_remoteproc) boots both cores of main_r5fss0 at probe through
 * TI-SCI; reads each core's trace buffer, sees it idle in WFI (TI-SCI
 * GET_STATUS, through the DMSC's QOM properties), stops and starts it
 * through sysfs, crashes it with a message through its control block and
 * sees the kernel log the crash (the driver sets recovery_disabled, so the
 * state stays "running"), then stops and starts it once more. What it
 * asserts is the kernel's own word (messages, sysfs, debugfs) or what the
 * hardware shows (GET_STATUS).
 *
 * Artefacts: OUT/console.log, report.json.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "demo-run.h"
#include "json-out.h"
#include "rproc.h"
#include "rprocsim/ti-sci-msg.h"

#include <stdio.h>
#include <string.h>

#define STEPS 8
#define UP_TIMEOUT_S      60.0
#define WFI_TIMEOUT_S     10.0
#define K3_MAX_CORES      2
#define PROC_STATUS_WFI   TI_SCI_R5_STATUS_WFI

typedef struct CoreResult {
    RpRproc r;
    gboolean up;                /* came up at probe */
    double up_kernel_s;
    gboolean echo_reply;        /* "received echo reply from" logged */
    char *trace;                /* the trace buffer, first line */
    gboolean wfi;               /* GET_STATUS showed WFI while it idled */
    char *core_state;           /* the core's QOM "state" then: "wfi" */
    RpDemoCore core;            /* at the end: its state and state events */
    gboolean stopped;
    double stop_ms;             /* sysfs stop to "stopped remote processor", kernel time */
    gboolean restarted;
    double start_ms;            /* sysfs start to "is now up", kernel time */
    char *crash_message;
    gboolean crash_logged;      /* "rproc NAME crashed" */
    gboolean crash_traced;      /* the message is in the trace buffer */
    char *state_after_crash;    /* what the kernel left: "running" */
    char *state;                /* at the end */
} CoreResult;

typedef struct K3Demo {
    RpDemo d;
    unsigned ncores;
    CoreResult c[K3_MAX_CORES];
} K3Demo;

/* The newest line of @text holding @needle, with the kernel time into *@t */
static gboolean last_time_of(const char *text, const char *needle, double *t)
{
    g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
    gboolean found = FALSE;

    for (char **l = lines; *l; l++) {
        if (strstr(*l, needle) && rp_parse_kernel_time(*l, t)) {
            found = TRUE;
        }
    }
    return found;
}

/* The kernel time of the newest line holding @needle, polling dmesg up to @timeout_s */
static gboolean wait_newest(RpDemo *d, const char *needle, double after_t, double timeout_s,
                            double *t)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    do {
        g_autofree char *dmesg = rp_demo_agent(d, "dmesg");

        if (!dmesg) {
            return FALSE;
        }
        if (last_time_of(dmesg, needle, t) && *t > after_t) {
            return TRUE;
        }
        g_usleep(50000);
    } while (g_get_monotonic_time() < deadline);
    return FALSE;
}

static char *trace_of(RpDemo *d, const CoreResult *c)
{
    g_autofree char *base = g_path_get_basename(c->r.dir);
    g_autofree char *cmd = g_strdup_printf("cat /sys/kernel/debug/remoteproc/%s/trace0", base);

    return rp_demo_agent(d, cmd);
}

/* Probe boots it: wait for "is now up" and "running" */
static void came_up(RpDemo *d, CoreResult *c, const RpSubsys *ss)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *needle = NULL, *echo = NULL, *dmesg = NULL;
    double t;

    if (!rp_rproc_find(d->vm, ss, UP_TIMEOUT_S, &c->r, &err)) {
        rp_demo_problem(d, "%s: %s", ss->name, err->message);
        return;
    }
    needle = g_strdup_printf("remote processor %s is now up", c->r.name);
    c->up = rp_demo_kernel_time_of(d, NULL, needle, UP_TIMEOUT_S, &c->up_kernel_s) &&
            rp_rproc_wait_state(d->vm, &c->r, "running", UP_TIMEOUT_S, &err);
    if (!c->up) {
        rp_demo_problem(d, "%s did not come up at probe: %s", ss->name,
                        err ? err->message : needle);
        return;
    }
    /* 6.12's driver sends RP_MBOX_ECHO_REQUEST when it opens the mailbox; 7.x's does not */
    echo = g_strdup_printf("received echo reply from %s", c->r.name);
    dmesg = rp_demo_agent(d, "dmesg");
    c->echo_reply = last_time_of(dmesg, echo, &t);
    c->trace = trace_of(d, c);
    if (!c->trace || !*g_strstrip(c->trace)) {
        rp_demo_problem(d, "%s: the trace buffer is empty or unreadable", ss->name);
    }
}

/* TI-SCI GET_STATUS of the core, as the DMSC answers it, within @timeout_s: WFI? */
static gboolean wait_wfi(RpDemo *d, const CoreResult *c, double timeout_s)
{
    g_autofree char *prop = g_strdup_printf("%s-status", c->r.ss->name);
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    do {
        g_autoptr(GError) err = NULL;
        g_autofree char *v = rp_qmp_qom_get_text(d->qmp, "/machine/dmsc", prop, &err);

        if (!v) {
            rp_demo_problem(d, "%s: cannot read GET_STATUS: %s", c->r.ss->name, err->message);
            return FALSE;
        }
        if (g_ascii_strtoull(v, NULL, 0) & PROC_STATUS_WFI) {
            return TRUE;
        }
        g_usleep(20000);
    } while (g_get_monotonic_time() < deadline);
    return FALSE;
}

/*
 * Write @cmd ("stop", "start") to the core's sysfs state: the write returns
 * once the kernel is done, so the guest's uptime around it is the kernel
 * time it took (*@ms); then the kernel must have said @done and the state
 * read @want_state.
 */
static gboolean timed_write(RpDemo *d, CoreResult *c, const char *cmd, const char *done,
                            const char *want_state, double *ms)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *sh = g_strdup_printf("read a _ < /proc/uptime; echo %s > %s/state; "
                                          "read b _ < /proc/uptime; echo $a $b", cmd, c->r.dir);
    g_autofree char *out = rp_demo_agent(d, sh);
    g_autofree char *dmesg = NULL;
    double t0, t1, t;
    char *end;

    if (!out) {
        return FALSE;
    }
    t0 = g_ascii_strtod(out, &end);
    t1 = g_ascii_strtod(end, NULL);
    dmesg = rp_demo_agent(d, "dmesg");
    if (!last_time_of(dmesg, done, &t) || t < t0 ||
        !rp_rproc_wait_state(d->vm, &c->r, want_state, UP_TIMEOUT_S, &err)) {
        rp_demo_problem(d, "%s: after '%s' no '%s' (%s)", c->r.ss->name, cmd, done,
                        err ? err->message : "not in dmesg");
        return FALSE;
    }
    *ms = MAX(t1 - t0, 0) * 1000;
    return TRUE;
}

static gboolean stop(RpDemo *d, CoreResult *c, double *ms)
{
    g_autofree char *msg = g_strdup_printf("stopped remote processor %s", c->r.name);

    return timed_write(d, c, "stop", msg, "offline", ms);
}

/* Started anew: "is now up", and the firmware's boot line heads its trace buffer */
static gboolean start(RpDemo *d, CoreResult *c, double *ms)
{
    g_autofree char *msg = g_strdup_printf("remote processor %s is now up", c->r.name);
    g_autofree char *trace = NULL;

    if (!timed_write(d, c, "start", msg, "running", ms)) {
        return FALSE;
    }
    trace = trace_of(d, c);
    if (!trace || !strstr(trace, "firmware started")) {
        rp_demo_problem(d, "%s: started, but its trace buffer has no boot line: '%s'",
                        c->r.ss->name, trace ? trace : "");
        return FALSE;
    }
    return TRUE;
}

/*
 * Stop every core, core1 first, then start them, core0 first: the order
 * the kernel's split mode wants (ti_k3_r5_remoteproc.c k3_r5_rproc_prepare
 * and _unprepare wait 2 s for the other core, then refuse)
 */
static void stop_start_all(K3Demo *k, gboolean record)
{
    for (int stopping = 1; stopping >= 0; stopping--) {
        for (unsigned n = 0; n < k->ncores; n++) {
            CoreResult *c = &k->c[stopping ? k->ncores - 1 - n : n];
            double ms = 0;
            gboolean ok = c->up && (stopping ? stop(&k->d, c, &ms) : start(&k->d, c, &ms));

            if (record) {
                *(stopping ? &c->stopped : &c->restarted) = ok;
                *(stopping ? &c->stop_ms : &c->start_ms) = ms;
            }
        }
    }
}

/* A crash with a message through the control block: logged, not recovered */
static void crash(RpDemo *d, CoreResult *c, unsigned n)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_strdup_printf("/machine/%s", c->r.ss->name);
    g_autofree char *fault = NULL, *logged = NULL, *traced = NULL, *trace = NULL;
    double t;

    c->crash_message = g_strdup_printf("%s crash %u injected by rprocsim demo",
                                       c->r.ss->name, n);
    fault = g_strdup_printf("%s::%s", "crash", c->crash_message);
    if (!rp_qmp_qom_set_str(d->qmp, path, "fault", fault, &err)) {
        rp_demo_problem(d, "%s: fault injection failed: %s", c->r.ss->name, err->message);
        return;
    }
    logged = g_strdup_printf("rproc %s crashed", c->r.name);
    c->crash_logged = wait_newest(d, logged, 0, UP_TIMEOUT_S, &t);
    if (!c->crash_logged) {
        rp_demo_problem(d, "%s: the kernel never logged '%s'", c->r.ss->name, logged);
    }
    traced = g_strdup_printf("crash: %s", c->crash_message);
    trace = trace_of(d, c);
    c->crash_traced = trace && strstr(trace, traced);
    if (!c->crash_traced) {
        rp_demo_problem(d, "%s: the trace buffer does not hold '%s'", c->r.ss->name, traced);
    }
    c->state_after_crash = rp_rproc_read(d->vm, &c->r, "state", NULL);
    if (g_strcmp0(c->state_after_crash, "running")) {
        rp_demo_problem(d, "%s: state '%s' after the crash; the R5F driver leaves it running",
                        c->r.ss->name, c->state_after_crash ? c->state_after_crash : "?");
    }
}

static void add_core(JsonBuilder *b, const CoreResult *c)
{
    json_builder_begin_object(b);
    rp_json_add_string(b, "name", c->r.ss ? c->r.ss->name : NULL);
    rp_json_add_string(b, "kernel_name", c->r.name);
    rp_json_add_string(b, "sysfs", c->r.dir);
    rp_json_add_bool(b, "up_at_probe", c->up);
    rp_json_add_double(b, "up_kernel_s", c->up_kernel_s);
    rp_json_add_bool(b, "echo_reply_logged", c->echo_reply);
    rp_json_add_string(b, "trace", c->trace);
    rp_json_add_bool(b, "wfi_while_idle", c->wfi);
    rp_json_add_string(b, "core_state_while_idle", c->core_state);
    rp_json_add_bool(b, "stopped", c->stopped);
    rp_json_add_double(b, "stop_ms_kernel", c->stop_ms);
    rp_json_add_bool(b, "restarted", c->restarted);
    rp_json_add_double(b, "start_ms_kernel", c->start_ms);
    rp_json_add_string(b, "crash_message", c->crash_message);
    rp_json_add_bool(b, "crash_logged", c->crash_logged);
    rp_json_add_bool(b, "crash_in_trace", c->crash_traced);
    rp_json_add_string(b, "state_after_crash", c->state_after_crash);
    rp_json_add_string(b, "state", c->state);
    rp_demo_core_add_json(b, &c->core);
    json_builder_end_object(b);
}

static void print_summary(const K3Demo *k)
{
    rp_demo_print_kernel(&k->d);
    printf("\n  %-7s %-14s %-5s %-4s %-4s %-10s %-10s %-8s %-9s %s\n", "", "kernel name",
           "probe", "echo", "WFI", "stop", "start", "crash", "state", "core");
    for (unsigned i = 0; i < k->ncores; i++) {
        const CoreResult *c = &k->c[i];

        printf("  %-7s %-14s %-5s %-4s %-4s %7.0f ms %7.0f ms %-8s %-9s %s (%u events)\n",
               c->r.ss ? c->r.ss->name : "?", c->r.name ? c->r.name : "?",
               c->up ? "up" : "NO", c->echo_reply ? "yes" : "no", c->wfi ? "yes" : "NO",
               c->stop_ms, c->start_ms, c->crash_logged ? "logged" : "NO",
               c->state ? c->state : "?", c->core.state ? c->core.state : "?",
               c->core.events ? c->core.events->len : 0);
    }
    printf("\n");
}

static void k3_demo_clear(K3Demo *k)
{
    for (unsigned i = 0; i < k->ncores; i++) {
        rp_rproc_clear(&k->c[i].r);
        g_free(k->c[i].trace);
        g_free(k->c[i].core_state);
        g_free(k->c[i].crash_message);
        g_free(k->c[i].state_after_crash);
        g_free(k->c[i].state);
        rp_demo_core_clear(&k->c[i].core);
    }
    rp_demo_clear(&k->d);
}

int rp_demo_k3(const RpOptions *o, const char *out_dir)
{
    K3Demo k = { 0 };
    RpDemo *d = &k.d;
    g_autoptr(JsonBuilder) b = NULL;
    g_autoptr(GError) err = NULL;
    g_autofree char *report = NULL;
    const RpSubsys *cores;
    int rc;

    if (!rp_demo_init(d, o, out_dir, STEPS)) {
        return 2;
    }
    cores = rp_subsystems(rp_options_board(o), &k.ncores);
    k.ncores = MIN(k.ncores, K3_MAX_CORES);
    if (rp_demo_boot(d)) {
        for (unsigned i = 0; i < k.ncores; i++) {
            CoreResult *c = &k.c[i];

            came_up(d, c, &cores[i]);
            c->wfi = c->up && wait_wfi(d, c, WFI_TIMEOUT_S);
            if (c->up) {
                g_autofree char *path = g_strdup_printf("/machine/%s", cores[i].name);

                c->core_state = rp_qmp_qom_get_text(d->qmp, path, "state", NULL);
                if (c->wfi && g_strcmp0(c->core_state, "wfi")) {
                    rp_demo_problem(d, "%s: GET_STATUS says WFI, its QOM state '%s'",
                                    cores[i].name, c->core_state ? c->core_state : "?");
                }
            }
            if (c->up && !c->wfi) {
                rp_demo_problem(d, "%s: GET_STATUS never showed WFI while it idled",
                                cores[i].name);
            }
            rp_progress(4, STEPS, "%s (%s): up at probe: %s; echo reply logged: %s; "
                        "WFI in GET_STATUS: %s; trace: %s", cores[i].name,
                        c->r.name ? c->r.name : "?", c->up ? "yes" : "NO",
                        c->echo_reply ? "yes" : "no (no request sent)",
                        c->wfi ? "yes" : "NO", c->trace ? c->trace : "none");
        }
        stop_start_all(&k, TRUE);
        for (unsigned i = 0; i < k.ncores; i++) {
            CoreResult *c = &k.c[i];

            rp_progress(5, STEPS, "%s: stopped %s in %.0f ms, started %s in %.0f ms "
                        "(kernel time)", cores[i].name, c->stopped ? "yes" : "NO",
                        c->stop_ms, c->restarted ? "yes" : "NO", c->start_ms);
        }
        for (unsigned i = 0; i < k.ncores; i++) {
            CoreResult *c = &k.c[i];

            if (c->restarted) {
                crash(d, c, i + 1);
            }
            rp_progress(6, STEPS, "%s: crash logged: %s, in the trace buffer: %s, state "
                        "left: %s", cores[i].name, c->crash_logged ? "yes" : "NO",
                        c->crash_traced ? "yes" : "NO",
                        c->state_after_crash ? c->state_after_crash : "?");
        }
        /* the kernel does not recover R5F cores: a user stops and starts them */
        stop_start_all(&k, FALSE);
        for (unsigned i = 0; i < k.ncores; i++) {
            if (k.c[i].r.dir) {
                k.c[i].state = rp_rproc_read(d->vm, &k.c[i].r, "state", NULL);
            }
            rp_demo_core_read(d, cores[i].name, &k.c[i].core);
        }
        rp_progress(7, STEPS, "stopped and started by hand after the crash; states: %s %s, "
                    "%s %s", cores[0].name,
                    k.c[0].state ? k.c[0].state : "?", cores[1].name,
                    k.c[1].state ? k.c[1].state : "?");
    }
    rp_demo_finish_vm(d);

    b = rp_demo_report_begin(d);
    json_builder_set_member_name(b, "cores");
    json_builder_begin_array(b);
    for (unsigned i = 0; i < k.ncores; i++) {
        add_core(b, &k.c[i]);
    }
    json_builder_end_array(b);
    if (!rp_demo_report_write(d, b, &report, &err)) {
        fprintf(stderr, "rprocsim demo: cannot write %s: %s\n", report, err->message);
        k3_demo_clear(&k);
        return 1;
    }
    print_summary(&k);
    rc = rp_demo_verdict(d, report);
    k3_demo_clear(&k);
    return rc;
}
