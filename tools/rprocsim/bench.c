/*
 * rprocsim bench: speed figures. "bench boot" times a cold boot of the
 * same kernel and initramfs, from QEMU's start to /init's ready marker, on
 * qcs6490-sim and on plain virt from the same QEMU binary, runs alternated,
 * and prints the medians and their ratio. "bench soak" runs the soak
 * scenarios (scenarios/soak/) in one guest and samples QEMU's resident
 * memory over the rounds; "bench matrix" times whole scenario sets
 * (bench-matrix.c); "bench fuzz" runs each libFuzzer target of
 * tests/fuzz for a while and reports its executions and coverage.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "bench-matrix.h"
#include "commands.h"
#include "common.h"
#include "fuzz-images.h"
#include "guest-boot.h"
#include "guest-proto.h"
#include "json-out.h"
#include "oops.h"
#include "qmp.h"
#include "rproc.h"
#include "scenario.h"
#include "stats.h"
#include "steps.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/*
 * Wall seconds from spawning QEMU to the ready marker; < 0 on failure.
 * *@rss_mib gets QEMU's peak resident set size.
 */
static double boot_once(const RpOptions *o, const char *machine, double *rss_mib)
{
    RpVmConfig cfg = rp_vm_config(o, machine);
    g_autoptr(GError) err = NULL;
    g_autoptr(RpVm) vm = rp_vm_start(&cfg, &err);
    g_autofree char *line = NULL;
    double at;

    if (vm) {
        line = rp_vm_wait_console(vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S, &at, &err);
    }
    if (!line) {
        fprintf(stderr, "rprocsim bench: %s boot failed: %s\n", machine,
                err->message);
        return -1;
    }
    *rss_mib = rp_vm_stop(vm) / 1024.0;
    return at;
}

/* Figures of one run of 'rprocsim bench', written as one JSON object */
typedef struct Figures {
    JsonBuilder *b;
} Figures;

static void fig_double(Figures *f, const char *name, double v)
{
    rp_json_add_double(f->b, name, v);
}

static gboolean write_json(const char *path, Figures *f, const RpOptions *o, GError **error)
{
    rp_json_add_string(f->b, "cpu", o->cpu);
    rp_json_add_int(f->b, "smp", o->smp);
    rp_json_add_int(f->b, "mem_mib", o->mem_mib);
    rp_json_add_string(f->b, "kernel", o->kernel);
    rp_json_add_string(f->b, "kernel_suite", o->kernel_suite);
    if (o->patched) {
        g_autoptr(GPtrArray) lines = rp_options_patch_lines(o);

        /* "patch NAME SHA256" and "module NAME srcversion X (replaced)" */
        rp_json_add_strv(f->b, "patched", lines);
    }
    json_builder_end_object(f->b);
    return rp_json_write_file(f->b, path, error);
}

static int bench_boot(RpOptions *o, int runs, Figures *f)
{
    g_autoptr(GArray) sim = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) virt = g_array_new(FALSE, FALSE, sizeof(double));
    double msim, mvirt, rss_sim = 0;

    printf("boot to userspace, %d runs each, alternated: %s vs %s, "
           "%d x %s, %d MiB\n", runs, o->board, RP_VIRT_MACHINE,
           o->smp, o->cpu, o->mem_mib);
    for (int i = 0; i < runs; i++) {
        /* alternate which machine goes first, so drift hits both alike */
        const char *order[2] = { o->board, RP_VIRT_MACHINE };

        if (i % 2) {
            order[0] = RP_VIRT_MACHINE;
            order[1] = o->board;
        }
        for (int j = 0; j < 2; j++) {
            double rss = 0, t = boot_once(o, order[j], &rss);
            gboolean is_sim = g_str_equal(order[j], o->board);

            if (t < 0) {
                return 1;
            }
            if (is_sim) {
                rss_sim = MAX(rss_sim, rss);
            }
            g_array_append_val(is_sim ? sim : virt, t);
            printf("  run %d/%d  %-20s %.3f s\n", i + 1, runs, order[j], t);
            fflush(stdout);
        }
    }
    msim = rp_median((double *)sim->data, sim->len);
    mvirt = rp_median((double *)virt->data, virt->len);
    printf("boot_s_sim   %.3f  (median)\n", msim);
    printf("boot_s_virt  %.3f  (median)\n", mvirt);
    printf("boot_ratio   %.3f  (target <= 1.20, aim 1.05)\n", msim / mvirt);
    printf("rss_mib_sim  %.0f  (peak, booted to userspace; target < 600)\n", rss_sim);
    fig_double(f, "rss_mib_sim", rss_sim);
    fig_double(f, "boot_s_sim", msim);
    fig_double(f, "boot_s_virt", mvirt);
    fig_double(f, "boot_ratio", msim / mvirt);
    rp_json_add_doubles(f->b, "runs_sim", sim);
    rp_json_add_doubles(f->b, "runs_virt", virt);
    return 0;
}

/*
 * Kernel time between the console line from @mark on containing @from and
 * the next one containing @to; NAN if either is missing.
 */
static double kernel_span_ms(RpVm *vm, guint mark, const char *from, const char *to)
{
    const GPtrArray *lines = rp_vm_console_lines(vm);
    double t0 = NAN, t1;

    for (guint i = mark; i < lines->len; i++) {
        const char *l = g_ptr_array_index(lines, i);

        if (isnan(t0) && strstr(l, from)) {
            rp_parse_kernel_time(l, &t0);
        } else if (!isnan(t0) && strstr(l, to) && rp_parse_kernel_time(l, &t1)) {
            return (t1 - t0) * 1000;
        }
    }
    return NAN;
}

typedef struct Latency {
    GArray *wall;       /* ms */
    GArray *kernel;     /* ms */
} Latency;

static Latency latency_new(void)
{
    return (Latency) { g_array_new(FALSE, FALSE, sizeof(double)),
                       g_array_new(FALSE, FALSE, sizeof(double)) };
}

static void latency_free(Latency *l)
{
    g_array_unref(l->wall);
    g_array_unref(l->kernel);
}

static void latency_add(Latency *l, double wall_ms, double kernel_ms)
{
    g_array_append_val(l->wall, wall_ms);
    if (!isnan(kernel_ms)) {
        g_array_append_val(l->kernel, kernel_ms);
    }
}

static void latency_report(Figures *f, const char *what, const char *name, Latency *l,
                           double target)
{
    g_autofree char *key = g_strdup_printf("%s_ms_%s", what, name);
    g_autofree char *kkey = g_strdup_printf("%s_ms_kernel_%s", what, name);
    double wall = rp_median((double *)l->wall->data, l->wall->len);
    double kernel = rp_median((double *)l->kernel->data, l->kernel->len);

    printf("%-22s %7.1f  (median wall; kernel %.1f; target < %.0f)\n", key, wall, kernel,
           target);
    fig_double(f, key, wall);
    fig_double(f, kkey, kernel);
}

/* Run @cmd in the guest; FALSE with the reason on stderr */
static gboolean guest_ok(RpVm *vm, const char *cmd)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;
    int status;

    if (!rp_vm_agent_run(vm, cmd, 60, &out, &status, &err) || status) {
        fprintf(stderr, "rprocsim bench: '%s' failed: %s\n", cmd, err ? err->message : out);
        return FALSE;
    }
    return TRUE;
}

/*
 * sysfs stop of @r, into @l: wall time to "stopped remote processor" on the
 * console; kernel time from a marker written to /dev/kmsg right before the
 * sysfs write (the kernel logs nothing as a stop begins). FALSE with the
 * reason on stderr.
 */
static gboolean measure_stop(RpVm *vm, const RpRproc *r, Latency *l)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *stopped = g_strdup_printf("stopped remote processor %s", r->name);
    g_autofree char *marker = g_strdup_printf("rprocsim-bench: stop %s", r->name);
    g_autofree char *cmd = g_strdup_printf("echo %s > /dev/kmsg; echo stop > %s/state",
                                           marker, r->dir);
    g_autofree char *line = NULL;
    guint mark = rp_vm_console_mark(vm);
    double t0 = rp_vm_elapsed(vm), at;

    if (!guest_ok(vm, cmd) ||
        !(line = rp_vm_wait_console_after(vm, mark, stopped, 30, &at, NULL, &err))) {
        fprintf(stderr, "rprocsim bench: %s stop: %s\n", r->ss->name,
                err ? err->message : "failed");
        return FALSE;
    }
    latency_add(l, (at - t0) * 1000, kernel_span_ms(vm, mark, marker, stopped));
    return TRUE;
}

/* One subsystem: sysfs stop, start to "is now up", and crash to running again */
/*
 * sysfs start of @r, into @l: wall time to "is now up" on the console,
 * kernel time from "powering up". FALSE with the reason on stderr.
 */
static gboolean measure_start(RpVm *vm, const RpRproc *r, Latency *l)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *up = g_strdup_printf("remote processor %s is now up", r->name);
    g_autofree char *power = g_strdup_printf("powering up %s", r->name);
    g_autofree char *line = NULL;
    guint mark = rp_vm_console_mark(vm);
    double t0 = rp_vm_elapsed(vm), at;

    if (!rp_rproc_write(vm, r, "state", "start", &err) ||
        !(line = rp_vm_wait_console_after(vm, mark, up, 30, &at, NULL, &err))) {
        fprintf(stderr, "rprocsim bench: %s start: %s\n", r->ss->name, err->message);
        return FALSE;
    }
    latency_add(l, (at - t0) * 1000, kernel_span_ms(vm, mark, power, up));
    return TRUE;
}

static gboolean bench_one(RpVm *vm, RpQmp *qmp, const RpSubsys *ss, int runs, Figures *f)
{
    g_autoptr(GError) err = NULL;
    Latency start = latency_new();
    Latency stop = latency_new();
    Latency recover = latency_new();
    g_autofree char *up = NULL;
    RpRproc r = { 0 };
    gboolean ok = FALSE;

    /* running at first (auto_boot), or started once, so every run begins with a stop */
    if (!rp_rproc_find(vm, ss, 60, &r, &err) ||
        (!ss->auto_boot && !rp_rproc_write(vm, &r, "state", "start", &err)) ||
        !rp_rproc_wait_state(vm, &r, "running", 60, &err)) {
        fprintf(stderr, "rprocsim bench: %s: %s\n", ss->name, err->message);
        goto out;
    }
    up = g_strdup_printf("remote processor %s is now up", r.name);
    for (int i = 0; i < runs; i++) {
        g_autofree char *line = NULL, *path = NULL, *fault = NULL;
        double t0, at;
        guint mark;

        if (!measure_stop(vm, &r, &stop) || !measure_start(vm, &r, &start)) {
            goto out;
        }
        path = g_strdup_printf("/machine/%s", ss->name);
        fault = g_strdup_printf("fatal::bench crash %d", i);
        mark = rp_vm_console_mark(vm);
        t0 = rp_vm_elapsed(vm);
        if (!rp_qmp_qom_set_str(qmp, path, "fault", fault, &err) ||
            !(line = rp_vm_wait_console_after(vm, mark, up, 30, &at, NULL, &err))) {
            fprintf(stderr, "rprocsim bench: %s recovery: %s\n", ss->name, err->message);
            goto out;
        }
        latency_add(&recover, (at - t0) * 1000,
                    kernel_span_ms(vm, mark, "fatal error received", up));
        printf("  %s run %d/%d: stop %.1f ms, start %.1f ms, crash to running %.1f ms "
               "(wall)\n", ss->name, i + 1, runs, g_array_index(stop.wall, double, i),
               g_array_index(start.wall, double, i), g_array_index(recover.wall, double, i));
        fflush(stdout);
    }
    latency_report(f, "stop", ss->name, &stop, 100);
    latency_report(f, "start", ss->name, &start, 300);
    latency_report(f, "recover", ss->name, &recover, 500);
    ok = TRUE;
out:
    rp_rproc_clear(&r);
    latency_free(&start);
    latency_free(&stop);
    latency_free(&recover);
    return ok;
}

/*
 * A TI K3 core (am64x-sim): sysfs stop, then start, @runs times. The stop's
 * kernel time runs from a marker the benchmark writes to /dev/kmsg right
 * before the sysfs write (the kernel logs nothing as a stop begins) to
 * "stopped remote processor"; the start's from "powering up" to "is now
 * up". The R5F driver does not recover, so there is no crash figure.
 */
static gboolean bench_k3_core(RpVm *vm, const RpSubsys *ss, int runs, Figures *f)
{
    g_autoptr(GError) err = NULL;
    Latency start = latency_new();
    Latency stop = latency_new();
    RpRproc r = { 0 };
    gboolean ok = FALSE;

    if (!rp_rproc_find(vm, ss, 60, &r, &err) ||
        !rp_rproc_wait_state(vm, &r, "running", 60, &err)) {
        fprintf(stderr, "rprocsim bench: %s: %s\n", ss->name, err->message);
        goto out;
    }
    for (int i = 0; i < runs; i++) {
        if (!measure_stop(vm, &r, &stop)) {
            goto out;
        }
        if (!measure_start(vm, &r, &start)) {
            goto out;
        }
        printf("  %s run %d/%d: stop %.1f ms, start %.1f ms (wall)\n", ss->name, i + 1, runs,
               g_array_index(stop.wall, double, i), g_array_index(start.wall, double, i));
        fflush(stdout);
    }
    latency_report(f, "start", ss->name, &start, 300);
    latency_report(f, "stop", ss->name, &stop, 100);
    ok = TRUE;
out:
    rp_rproc_clear(&r);
    latency_free(&start);
    latency_free(&stop);
    return ok;
}

/*
 * The cores of a TI K3 board: the last first (its partner runs), then the
 * first with the others down, as the kernel's split mode wants
 * (ti_k3_r5_remoteproc.c: core1 down before core0, core0 up before core1)
 */
static int bench_k3(RpVm *vm, const RpSubsys *ss, unsigned n, int runs, Figures *f)
{
    for (unsigned i = n; i-- > 0;) {
        if (!bench_k3_core(vm, &ss[i], runs, f)) {
            return 1;
        }
        for (unsigned k = i; i && k < n; k++) {
            RpRproc r = { 0 };
            g_autoptr(GError) err = NULL;
            gboolean ok = rp_rproc_find(vm, &ss[k], 30, &r, &err) &&
                          rp_rproc_write(vm, &r, "state", "stop", &err) &&
                          rp_rproc_wait_state(vm, &r, "offline", 30, &err);

            rp_rproc_clear(&r);
            if (!ok) {
                fprintf(stderr, "rprocsim bench: %s: %s\n", ss[k].name, err->message);
                return 1;
            }
        }
    }
    return 0;
}

static int bench_subsystems(RpOptions *o, int runs, Figures *f)
{
    RpVmConfig cfg = rp_vm_config(o, o->board);
    g_autoptr(GError) err = NULL;
    g_autoptr(RpVm) vm = NULL;
    g_autofree char *done = NULL;
    const RpSubsys *ss;
    unsigned n;
    RpQmp *qmp = NULL;

    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    vm = rp_vm_start(&cfg, &err);
    if (vm) {
        qmp = rp_vm_qmp(vm, 30, &err);
    }
    if (qmp) {
        done = rp_vm_wait_console(vm, RP_MARK_MODULES_DONE, RP_BOOT_TIMEOUT_S, NULL, &err);
    }
    if (!done) {
        fprintf(stderr, "rprocsim bench: %s\n", err->message);
        return 1;
    }
    ss = rp_subsystems(rp_options_board(o), &n);
    if (rp_options_board(o)->family == RPROCSIM_FAMILY_TI_K3) {
        printf("cores, %d runs each: sysfs stop to 'stopped remote processor', sysfs "
               "start to 'is now up'\n", runs);
        return bench_k3(vm, ss, n, runs, f);
    }
    printf("subsystems, %d runs each: sysfs stop to 'stopped remote processor', sysfs start "
           "to 'is now up', fatal error to 'is now up'\n", runs);
    for (unsigned i = 0; i < n; i++) {
        if (!bench_one(vm, qmp, &ss[i], runs, f)) {
            return 1;
        }
    }
    return 0;
}

/*
 * Boot once, save the base as 'rprocsim run' does (guest-boot.c), then
 * restore it @runs times: the wall time from starting QEMU to the agent's
 * first answer (restore_ms), and the base's making (base_s).
 */
static int bench_restore(RpOptions *o, int runs, Figures *f)
{
    g_autofree char *dir = g_build_filename(o->build, "bench-restore", NULL);
    g_autofree char *console_log = g_build_filename(dir, "restored.log", NULL);
    g_autoptr(GArray) ms = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GError) err = NULL;
    g_autofree char *state = NULL;
    gint64 t0 = g_get_monotonic_time();
    double base_s, median;

    printf("restore: one base of %s, restored %d times to the agent's first answer\n",
           o->board, runs);
    state = rp_guest_make_base(o, dir, &err);
    if (!state) {
        fprintf(stderr, "rprocsim bench: restore: could not make the base: %s\n",
                err->message);
        return 1;
    }
    base_s = (g_get_monotonic_time() - t0) / 1e6;
    for (int i = 0; i < runs; i++) {
        g_autoptr(RpVm) vm = NULL;
        g_autofree char *out = NULL;
        RpQmp *qmp = NULL;
        int status = -1;
        double t;

        t0 = g_get_monotonic_time();
        vm = rp_guest_restore(o, state, console_log, &qmp, &err);
        if (!vm || !rp_vm_agent_run(vm, "true", RP_STEP_AGENT_TIMEOUT_S, &out, &status, &err) ||
            status) {
            fprintf(stderr, "rprocsim bench: restore %d: %s\n", i + 1,
                    err ? err->message : "the agent's 'true' failed");
            g_unlink(state);
            return 1;
        }
        t = (g_get_monotonic_time() - t0) / 1e3;
        g_array_append_val(ms, t);
        printf("  restore %d/%d: %.0f ms\n", i + 1, runs, t);
        fflush(stdout);
    }
    g_unlink(state);
    median = rp_median((double *)ms->data, ms->len);
    printf("%-22s %7.1f  (median wall; target < 500)\n", "restore_ms", median);
    printf("%-22s %7.1f  (boot, settle, save)\n", "base_s", base_s);
    fig_double(f, "restore_ms", median);
    fig_double(f, "base_s", base_s);
    return 0;
}

/* Where a soak is: the cycles so far and QEMU's resident memory samples */
typedef struct Soak {
    RpVm *vm;
    unsigned every;         /* sample every this many cycles */
    unsigned cycle;         /* cycles (rounds of any pass) done */
    unsigned total;         /* cycles planned */
    const char *what;       /* "scenario: subsys", for the progress lines */
    unsigned rounds;        /* rounds of the current pass */
    GArray *at;             /* double: the cycle of each sample */
    GArray *rss;            /* double: VmRSS in MiB */
    double peak;            /* VmHWM in MiB, the largest seen */
    gint64 t0, t_sample;    /* monotonic us: soak start, last sample */
    unsigned c_sample;      /* the cycle of the last sample */
} Soak;

static void soak_sample(Soak *s)
{
    long hwm, rss = rp_vm_rss_kib(s->vm, &hwm);
    gint64 now = g_get_monotonic_time();
    double at = s->cycle, mib = rss / 1024.0;

    if (rss < 0) {
        return;
    }
    g_array_append_val(s->at, at);
    g_array_append_val(s->rss, mib);
    s->peak = MAX(s->peak, hwm / 1024.0);
    if (s->cycle > s->c_sample) {
        printf("  cycle %5u/%u  %-24s VmRSS %7.1f MiB  VmHWM %7.1f MiB  %.2f s/cycle\n",
               s->cycle, s->total, s->what, mib, hwm / 1024.0,
               (now - s->t_sample) / 1e6 / (s->cycle - s->c_sample));
    } else {
        printf("  cycle %5u/%u  %-24s VmRSS %7.1f MiB  VmHWM %7.1f MiB\n", s->cycle,
               s->total, "(start)", mib, hwm / 1024.0);
    }
    fflush(stdout);
    s->t_sample = now;
    s->c_sample = s->cycle;
}

static void soak_round_done(RpPass *p, unsigned round, gpointer data)
{
    Soak *s = data;

    (void)p;
    (void)round;
    s->cycle++;
    if (s->cycle % s->every == 0 || s->cycle == s->total) {
        soak_sample(s);
    }
}

/*
 * The soak: every pass of the scenarios in @args (files or folders; none:
 * scenarios/soak/ of the source tree) in one guest, one after another,
 * @cycles rounds each (0: each scenario's repeat), QEMU's VmRSS sampled
 * every @every rounds.
 */
static int bench_soak(RpOptions *o, char **args, unsigned cycles, unsigned every,
                      Figures *f)
{
    g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func(
        (GDestroyNotify)rp_scenario_free);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *default_dir = rp_source_path("scenarios/soak");
    g_autofree char *out_dir = g_build_filename(o->build, "bench-soak", NULL);
    g_autofree char *console_log = g_build_filename(out_dir, "console.log", NULL);
    g_autofree char *firmware_dir = rp_options_firmware_elf_dir(o);
    char *defaults[] = { default_dir, NULL };
    g_autoptr(GError) err = NULL;
    unsigned nsub;
    const RpSubsys *all = rp_subsystems(rp_options_board(o), &nsub);
    Soak s = { .every = every };
    RpPass p = { 0 };
    double growth, secs, pass_max = 0;
    g_autoptr(GPtrArray) pass_growth = g_ptr_array_new_with_free_func(g_free);
    int rc = 0;

    for (char **a = args && *args ? args : defaults; *a; a++) {
        g_autoptr(GPtrArray) files = rp_scenario_files(*a, &err);

        for (guint k = 0; files && k < files->len; k++) {
            RpScenario *sc = rp_scenario_load(g_ptr_array_index(files, k), &err);

            if (!sc) {
                break;
            }
            if (g_strcmp0(sc->board, o->board)) {
                fprintf(stderr, "rprocsim bench: soak: %s is a scenario of %s, the soak runs "
                        "on %s (--board)\n", sc->name, sc->board, o->board);
                rp_scenario_free(sc);
                return 2;
            }
            s.total += (cycles ? cycles : sc->repeat) * g_strv_length(sc->subsystems);
            g_ptr_array_add(names, g_strdup(sc->name));
            g_ptr_array_add(scenarios, sc);
        }
        if (err) {
            fprintf(stderr, "rprocsim bench: %s\n", err->message);
            return 2;
        }
    }
    g_mkdir_with_parents(out_dir, 0755);
    p.out_dir = out_dir;
    p.firmware_dir = firmware_dir;
    p.vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.baseline = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.log = g_string_new(NULL);
    s.at = g_array_new(FALSE, FALSE, sizeof(double));
    s.rss = g_array_new(FALSE, FALSE, sizeof(double));
    printf("soak, %u cycles in one guest (%s), QEMU's resident memory every %u; "
           "console in %s\n", s.total, o->accel ? o->accel : RP_DEFAULT_ACCEL, every, console_log);
    p.vm = s.vm = rp_guest_boot(o, console_log, &p.qmp, &err);
    if (!p.vm) {
        fprintf(stderr, "rprocsim bench: soak: the guest did not boot: %s\n", err->message);
        rc = 1;
        goto out;
    }
    s.t0 = s.t_sample = g_get_monotonic_time();
    soak_sample(&s);
    for (guint i = 0; i < scenarios->len && !rc; i++) {
        const RpScenario *sc = g_ptr_array_index(scenarios, i);

        for (char **name = sc->subsystems; *name && !rc; name++) {
            g_autofree char *what = g_strdup_printf("%s: %s", sc->name, *name);
            const RpSubsys *ss = NULL;
            guint mark = rp_vm_console_mark(p.vm);
            RpOops oops;

            for (unsigned k = 0; k < nsub; k++) {
                if (g_str_equal(all[k].name, *name)) {
                    ss = &all[k];
                }
            }
            guint first = s.rss->len;

            s.what = what;
            rp_vm_watch_oops(p.vm, mark);
            if (!rp_pass_run(&p, sc, ss, cycles, soak_round_done, &s, &err)) {
                fprintf(stderr, "rprocsim bench: soak %s: %s\n", what, err->message);
                rc = 1;
            } else if (rp_oops_find(rp_vm_console_lines(p.vm), mark, &oops)) {
                g_autofree char *summary = rp_oops_summary(&oops);

                fprintf(stderr, "rprocsim bench: soak %s: %s (full text in %s)\n", what,
                        summary, console_log);
                rp_oops_clear(&oops);
                rc = 1;
            }
            if (!rc) {
                /* this pass's own warm half: its samples, from the one before it */
                double g = rp_growth_second_half((double *)s.rss->data + first - 1,
                                                 s.rss->len - first + 1);

                g_ptr_array_add(pass_growth, g_strdup_printf("%s %.2f", what, g));
                pass_max = MAX(pass_max, g);
            }
            rp_rproc_clear(&p.r);
            g_clear_pointer(&p.last_dump, g_bytes_unref);
            g_string_truncate(p.log, 0);
        }
    }
    if (rc) {
        goto out;
    }
    secs = (g_get_monotonic_time() - s.t0) / 1e6;
    growth = rp_growth_second_half((double *)s.rss->data, s.rss->len);
    printf("soak_cycles              %u  (%.1f s, %.3f s/cycle)\n", s.total, secs,
           secs / s.total);
    printf("soak_rss_mib_start       %.1f  (after boot)\n",
           g_array_index(s.rss, double, 0));
    printf("soak_rss_mib_end         %.1f\n", g_array_index(s.rss, double, s.rss->len - 1));
    printf("soak_rss_mib_peak        %.1f  (VmHWM)\n", s.peak);
    printf("soak_rss_growth_pct      %.2f  (second half of all the cycles)\n", growth);
    for (guint i = 0; i < pass_growth->len; i++) {
        printf("  pass %s %%  (second half of its cycles)\n",
               (char *)g_ptr_array_index(pass_growth, i));
    }
    printf("soak_rss_growth_pass_pct %.2f  (the largest of the passes'; target < 2)\n",
           pass_max);
    rp_json_add_strv(f->b, "soak_scenarios", names);
    rp_json_add_int(f->b, "soak_cycles", s.total);
    rp_json_add_string(f->b, "soak_accel", o->accel ? o->accel : RP_DEFAULT_ACCEL);
    fig_double(f, "soak_s_per_cycle", secs / s.total);
    fig_double(f, "soak_rss_mib_start", g_array_index(s.rss, double, 0));
    fig_double(f, "soak_rss_mib_end", g_array_index(s.rss, double, s.rss->len - 1));
    fig_double(f, "soak_rss_mib_peak", s.peak);
    fig_double(f, "soak_rss_growth_pct", growth);
    fig_double(f, "soak_rss_growth_pass_pct", pass_max);
    rp_json_add_strv(f->b, "soak_rss_growth_passes", pass_growth);
    rp_json_add_doubles(f->b, "soak_rss_cycle", s.at);
    rp_json_add_doubles(f->b, "soak_rss_mib", s.rss);
out:
    g_clear_pointer(&p.vm, rp_vm_free);
    g_hash_table_unref(p.vars);
    g_hash_table_unref(p.baseline);
    g_string_free(p.log, TRUE);
    g_array_unref(s.at);
    g_array_unref(s.rss);
    return rc;
}

/*
 * The libFuzzer targets in @dir (each "fuzz-NAME" executable, its seed
 * corpus tests/fuzz/corpus/NAME), as NAMEs in name order; NULL-terminated,
 * caller frees
 */
static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **fuzz_targets(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    GPtrArray *names = g_ptr_array_new();
    const char *e;

    while (d && (e = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, e, NULL);

        if (g_str_has_prefix(e, "fuzz-") && g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
            g_file_test(path, G_FILE_TEST_IS_EXECUTABLE)) {
            g_ptr_array_add(names, g_strdup(e + strlen("fuzz-")));
        }
    }
    g_ptr_array_sort(names, compare_names);
    g_ptr_array_add(names, NULL);
    return (char **)g_ptr_array_free(names, FALSE);
}

/*
 * The folder of the fuzz targets: @given, else tests/fuzz of the meson
 * build this rprocsim is in (it is MESON/tools/rprocsim), else
 * BUILD/meson/tests/fuzz. Caller frees.
 */
static char *fuzzer_dir(const RpOptions *o, const char *given)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *tools = self ? g_path_get_dirname(self) : NULL;
    g_autofree char *mine = tools ? g_build_filename(tools, "..", "tests", "fuzz", NULL) : NULL;
    g_autofree char *probe = mine ? g_build_filename(mine, "fuzz-mbn", NULL) : NULL;

    if (given) {
        return g_strdup(given);
    }
    if (probe && g_file_test(probe, G_FILE_TEST_IS_EXECUTABLE)) {
        return g_canonicalize_filename(mine, NULL);
    }
    return g_build_filename(o->build, "meson", "tests", "fuzz", NULL);
}

/* Copy the files of @from into folder @to; FALSE with @error */
static gboolean copy_seeds(const char *from, const char *to, GError **error)
{
    g_autoptr(GDir) dir = g_dir_open(from, 0, error);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *src = g_build_filename(from, name, NULL);
        g_autofree char *dst = g_build_filename(to, name, NULL);
        g_autofree char *data = NULL;
        gsize len;

        if (!g_file_get_contents(src, &data, &len, error) ||
            !g_file_set_contents(dst, data, len, error)) {
            return FALSE;
        }
    }
    return dir != NULL;
}

/*
 * One fuzz target for @seconds from a copy of its seed corpus, as
 * tests/fuzz/run-fuzzer.sh runs it in 'make check'; its figures into @f.
 * FALSE if it could not run or found a crash (its input is kept).
 */
static gboolean fuzz_one(const char *dir, const char *name, int seconds, Figures *f)
{
    g_autofree char *exe = g_strdup_printf("%s/fuzz-%s", dir, name);
    g_autofree char *rel = g_strdup_printf("tests/fuzz/corpus/%s", name);
    g_autofree char *seeds = rp_source_path(rel);
    g_autofree char *tmpl = g_strdup_printf("rprocsim-fuzz-%s-XXXXXX", name);
    g_autofree char *work = NULL, *max_time = NULL, *prefix = NULL;
    g_autofree char *out = NULL, *errtext = NULL;
    g_autoptr(GError) err = NULL;
    RpFuzzStats st;
    int status = 0;
    gboolean ended;

    work = g_dir_make_tmp(tmpl, &err);
    if (!work || !copy_seeds(seeds, work, &err)) {
        fprintf(stderr, "rprocsim bench: fuzz-%s: seeds from %s: %s\n", name, seeds,
                err->message);
        return FALSE;
    }
    max_time = g_strdup_printf("-max_total_time=%d", seconds);
    prefix = g_strdup_printf("-artifact_prefix=%s/", work);
    {
        const char *argv[] = { exe, max_time, "-timeout=10", "-rss_limit_mb=2048",
                               "-print_final_stats=1", prefix, work, NULL };

        if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                          &errtext, &status, &err)) {
            fprintf(stderr, "rprocsim bench: fuzz-%s: %s\n", name, err->message);
            return FALSE;
        }
    }
    ended = rp_fuzz_stats_parse(errtext, &st);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !ended) {
        g_autofree char *log = g_build_filename(work, "fuzz.log", NULL);

        g_file_set_contents(log, errtext, -1, NULL);
        fprintf(stderr, "rprocsim bench: fuzz-%s did not end cleanly (status %d): "
                "its output and inputs are in %s\n", name, status, work);
        return FALSE;
    }
    {
        g_autofree char *k_execs = g_strdup_printf("fuzz_execs_%s", name);
        g_autofree char *k_rate = g_strdup_printf("fuzz_exec_per_s_%s", name);
        g_autofree char *k_cov = g_strdup_printf("fuzz_cov_%s", name);
        g_autofree char *k_ft = g_strdup_printf("fuzz_ft_%s", name);
        g_autofree char *k_corp = g_strdup_printf("fuzz_corpus_%s", name);
        g_autofree char *rm = g_strdup_printf("rm -rf '%s'", work);

        printf("fuzz-%-6s %lld execs (%lld/s), cov %lld, ft %lld, corpus %lld, peak RSS "
               "%lld MB\n", name, st.execs, st.exec_per_s, st.cov, st.ft, st.corpus,
               st.peak_rss_mb);
        fflush(stdout);
        rp_json_add_int(f->b, k_execs, st.execs);
        rp_json_add_int(f->b, k_rate, st.exec_per_s);
        rp_json_add_int(f->b, k_cov, st.cov);
        rp_json_add_int(f->b, k_ft, st.ft);
        rp_json_add_int(f->b, k_corp, st.corpus);
        g_spawn_command_line_sync(rm, NULL, NULL, NULL, NULL);
    }
    return TRUE;
}

/*
 * Each fuzz target of @dir (fuzzer_dir()) for @seconds. @optional (part of
 * "all"): targets that are not built are skipped with a note; else their
 * absence is unusable input (2).
 */
static int bench_fuzz(const RpOptions *o, const char *given_dir, int seconds,
                      gboolean optional, Figures *f)
{
    g_autofree char *dir = fuzzer_dir(o, given_dir);
    g_auto(GStrv) targets = fuzz_targets(dir);
    int rc = 0;

    if (!targets[0]) {
        fprintf(stderr, "rprocsim bench: no fuzz targets (fuzz-NAME) in %s (built with clang "
                "by meson: ninja -C MESON_BUILD tests/fuzz; or --fuzzers DIR)%s\n", dir,
                optional ? "; fuzz figures skipped" : "");
        return optional ? 0 : 2;
    }
    printf("fuzz targets in %s, %d s each, from their seed corpus\n", dir, seconds);
    fflush(stdout);
    rp_json_add_int(f->b, "fuzz_seconds", seconds);
    for (char **t = targets; *t; t++) {
        if (!fuzz_one(dir, *t, seconds, f)) {
            rc = 1;
        }
    }
    return rc;
}

/*
 * fuzz-images (docs/fuzz-images.md) for @count mutations from seed 1:
 * mutations per second and the count of each class. Findings (an Oops on
 * the stock kernel) are figures here, not a failure.
 */
static int bench_fuzz_images(RpOptions *o, int count, Figures *f)
{
    g_autofree char *out = g_build_filename(o->build, "bench-fuzz-images", NULL);
    RpFuzzParams p = { .seed = 1, .count = count, .out = out };
    RpFuzzCounts c;
    int rc = rp_fuzz_images(o, &p, &c);

    if (rc == 2 || !c.tried) {
        return rc ? rc : 1;
    }
    printf("fuzz-images: %u mutations in %.1f s (%.2f/s, %u boots): %u refused, %u accepted, "
           "%u accepted_signed, %u oops\n", c.tried, c.elapsed_s, c.tried / c.elapsed_s,
           c.boots, c.refused, c.accepted, c.accepted_signed, c.oops);
    rp_json_add_int(f->b, "fuzz_images_count", c.tried);
    fig_double(f, "fuzz_images_per_s", c.tried / c.elapsed_s);
    rp_json_add_int(f->b, "fuzz_images_refused", c.refused);
    rp_json_add_int(f->b, "fuzz_images_accepted", c.accepted);
    rp_json_add_int(f->b, "fuzz_images_accepted_signed", c.accepted_signed);
    rp_json_add_int(f->b, "fuzz_images_oops", c.oops);
    return 0;
}

/* argv[2...], the files or folders after the benchmark's name, NULL-terminated */
static GPtrArray *bench_args(int argc, char **argv)
{
    GPtrArray *rest = g_ptr_array_new();

    for (int i = 2; i < argc; i++) {
        g_ptr_array_add(rest, argv[i]);
    }
    g_ptr_array_add(rest, NULL);
    return rest;
}

int rp_cmd_bench(int argc, char **argv)
{
    RpOptions o = { 0 };
    int runs = 5, rc = 0, cycles = 0, every = 50, tb_size = 0, fuzz_seconds = 120;
    int images = 1000;
    g_autofree char *json = NULL, *fuzzers = NULL, *accel = NULL;
    GOptionEntry entries[] = {
        { "runs", 'n', 0, G_OPTION_ARG_INT, &runs,
          "runs per measurement (default: 5)", "N" },
        { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
          "also write the figures as JSON to FILE", "FILE" },
        { "cycles", 0, 0, G_OPTION_ARG_INT, &cycles,
          "soak: rounds per subsystem (default: each scenario's repeat)", "N" },
        { "sample-every", 0, 0, G_OPTION_ARG_INT, &every,
          "soak: sample QEMU's resident memory every N cycles (default: 50)", "N" },
        { "tb-size", 0, 0, G_OPTION_ARG_INT, &tb_size,
          "QEMU's TCG translation cache in MiB (-accel tcg,tb-size=MIB; "
          "default: " RP_DEFAULT_ACCEL ")", "MIB" },
        { "fuzz-seconds", 0, 0, G_OPTION_ARG_INT, &fuzz_seconds,
          "fuzz: seconds per fuzz target (default: 120)", "S" },
        { "images", 0, 0, G_OPTION_ARG_INT, &images,
          "fuzz-images: mutations to try (default: 1000)", "N" },
        { "fuzzers", 0, 0, G_OPTION_ARG_FILENAME, &fuzzers,
          "fuzz: folder of the fuzz-* targets (default: tests/fuzz of this rprocsim's "
          "meson build)", "DIR" },
        { NULL }
    };
    const RpCommand cmd = {
        "bench", "[boot|subsystems|restore|fuzz|fuzz-images|all] | soak|matrix "
        "[SCENARIO|FOLDER...] - benchmark figures",
        entries, &o,
        "Benchmarks (default: all, which is boot, subsystems, restore, matrix and fuzz):\n"
        "  boot        cold boot to userspace on qcs6490-sim and on plain virt from the\n"
        "              same QEMU binary, kernel and initramfs; medians and their ratio\n"
        "              (JSON keys boot_s_sim, boot_s_virt, boot_ratio)\n"
        "  subsystems  per subsystem, sysfs stop to 'stopped remote processor', sysfs\n"
        "              start to 'is now up' and fatal error to 'is now up' again, wall\n"
        "              clock and kernel timestamps (JSON keys stop_ms_<name>,\n"
        "              start_ms_<name>, recover_ms_<name>, and _kernel_)\n"
        "  restore     the base 'rprocsim run' restores scenarios from, made once, then\n"
        "              restored --runs times to the agent's first answer (JSON keys\n"
        "              restore_ms, base_s)\n"
        "  matrix      one pass that waits out the kernel's 5 s start timeout\n"
        "              (" RP_BENCH_TIMEOUT_SCENARIO ", -j 1; JSON key timeout_case_s),\n"
        "              then each FOLDER (default: scenarios/ and scenarios/am64x/, one\n"
        "              board's set each) run whole by 'rprocsim run' with its defaults\n"
        "              (-j, --time) and these guest options: wall time and passes\n"
        "              (JSON keys matrix_s_<board>_<suite>, e.g. matrix_s_qcs6490_sim_stable)\n"
        "  fuzz        each libFuzzer target of tests/fuzz (fuzz-elf32, fuzz-mbn,\n"
        "              fuzz-ti-sci, ...) for --fuzz-seconds from its seed corpus: executions,\n"
        "              coverage (JSON keys fuzz_execs_<t>, fuzz_cov_<t>, fuzz_ft_<t>)\n"
        "  fuzz-images --images mutations of the aDSP image through the kernel's\n"
        "              start (docs/fuzz-images.md), seed 1: rate and classes (JSON keys\n"
        "              fuzz_images_per_s, fuzz_images_oops, ...); not part of all\n"
        "  soak        the soak scenarios (default: scenarios/soak/ of the source tree)\n"
        "              in one guest, QEMU's VmRSS every --sample-every cycles, its\n"
        "              growth over the second half (JSON keys soak_rss_mib,\n"
        "              soak_rss_growth_pct, soak_rss_mib_peak); not part of all\n\n"
        RP_PATCH_HELP
        "The figures are then of the patched guest (JSON key patched).\n\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim bench boot --runs 3 --json build/bench-boot.json\n"
        "  build/meson/tools/rprocsim bench soak --cycles 200 --json build/bench-soak.json"
    };
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) forward = NULL;
    g_autoptr(JsonBuilder) builder = json_builder_new();
    Figures f = { builder };
    const char *which = "all";

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc >= 2) {
        which = argv[1];
    }
    if ((argc > 2 && !g_str_equal(which, "soak") && !g_str_equal(which, "matrix")) ||
        !g_strv_contains((const char *const[]){ "boot", "subsystems", "restore", "matrix",
                                               "fuzz", "fuzz-images", "soak", "all", NULL },
                         which)) {
        fprintf(stderr, "rprocsim bench: benchmarks are boot, subsystems, restore, matrix, "
                "fuzz, fuzz-images, all, or soak or matrix with scenario files or "
                "folders\n");
        return 2;
    }
    if (images < 1 || images > 1000000) {
        fprintf(stderr, "rprocsim bench: --images must be 1..1000000\n");
        return 2;
    }
    if (runs < 1 || runs > 100) {
        fprintf(stderr, "rprocsim bench: --runs must be 1..100\n");
        return 2;
    }
    if (cycles < 0 || cycles > RP_SCENARIO_REPEAT_MAX || every < 1 || every > 10000) {
        fprintf(stderr, "rprocsim bench: --cycles must be 1..%d, --sample-every 1..10000\n",
                RP_SCENARIO_REPEAT_MAX);
        return 2;
    }
    if (tb_size < 0 || tb_size > 4096 || fuzz_seconds < 1 || fuzz_seconds > 86400) {
        fprintf(stderr, "rprocsim bench: --tb-size must be 1..4096 (MiB), --fuzz-seconds "
                "1..86400\n");
        return 2;
    }
    if (tb_size) {
        accel = g_strdup_printf("tcg,tb-size=%d", tb_size);
        o.accel = accel;
    }
    /* the guest options as given, for the matrix's 'rprocsim run' */
    forward = rp_options_argv(&o);
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim bench: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    if (o.patched) {
        g_autoptr(GPtrArray) lines = rp_options_patch_lines(&o);

        printf("patched guest %s\n", o.guest_dir);
        for (guint i = 0; i < lines->len; i++) {
            printf("  %s\n", (char *)g_ptr_array_index(lines, i));
        }
    }
    json_builder_begin_object(builder);
    if (g_str_equal(which, "boot") || g_str_equal(which, "all")) {
        rc = bench_boot(&o, runs, &f);
    }
    if (!rc && (g_str_equal(which, "subsystems") || g_str_equal(which, "all"))) {
        rc = bench_subsystems(&o, runs, &f);
    }
    if (!rc && (g_str_equal(which, "restore") || g_str_equal(which, "all"))) {
        rc = bench_restore(&o, runs, &f);
    }
    if (!rc && (g_str_equal(which, "matrix") || g_str_equal(which, "all"))) {
        g_autoptr(GPtrArray) folders = bench_args(argc, argv);

        rc = rp_bench_matrix(&o, forward, (char **)folders->pdata, f.b);
    }
    if (!rc && (g_str_equal(which, "fuzz") || g_str_equal(which, "all"))) {
        rc = bench_fuzz(&o, fuzzers, fuzz_seconds, g_str_equal(which, "all"), &f);
    }
    if (!rc && g_str_equal(which, "fuzz-images")) {
        rc = bench_fuzz_images(&o, images, &f);
    }
    if (!rc && g_str_equal(which, "soak")) {
        g_autoptr(GPtrArray) rest = bench_args(argc, argv);

        rc = bench_soak(&o, (char **)rest->pdata, cycles, every, &f);
    }
    if (!rc && json && !write_json(json, &f, &o, &err)) {
        fprintf(stderr, "rprocsim bench: cannot write %s: %s\n", json, err->message);
        return 1;
    }
    return rc;
}
