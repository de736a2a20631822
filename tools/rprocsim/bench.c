/*
 * rprocsim bench: speed figures. "bench boot" times a cold boot of the
 * same kernel and initramfs, from QEMU's start to /init's ready marker, on
 * qcs6490-sim and on plain virt from the same QEMU binary, runs alternated,
 * and prints the medians and their ratio.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "guest-proto.h"
#include "json-out.h"
#include "qmp.h"
#include "rproc.h"
#include "stats.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

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
           "%d x %s, %d MiB\n", runs, RP_SIM_MACHINE, RP_VIRT_MACHINE,
           o->smp, o->cpu, o->mem_mib);
    for (int i = 0; i < runs; i++) {
        /* alternate which machine goes first, so drift hits both alike */
        const char *order[2] = { RP_SIM_MACHINE, RP_VIRT_MACHINE };

        if (i % 2) {
            order[0] = RP_VIRT_MACHINE;
            order[1] = RP_SIM_MACHINE;
        }
        for (int j = 0; j < 2; j++) {
            double rss = 0, t = boot_once(o, order[j], &rss);
            gboolean is_sim = g_str_equal(order[j], RP_SIM_MACHINE);

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

/* One subsystem: sysfs start to "is now up", and crash to running again */
static gboolean bench_one(RpVm *vm, RpQmp *qmp, const RpSubsys *ss, int runs, Figures *f)
{
    g_autoptr(GError) err = NULL;
    Latency start = { g_array_new(FALSE, FALSE, sizeof(double)),
                      g_array_new(FALSE, FALSE, sizeof(double)) };
    Latency recover = { g_array_new(FALSE, FALSE, sizeof(double)),
                        g_array_new(FALSE, FALSE, sizeof(double)) };
    g_autofree char *up = NULL, *power = NULL;
    RpRproc r;
    gboolean ok = FALSE;

    if (!rp_rproc_find(vm, ss, 60, &r, &err)) {
        fprintf(stderr, "rprocsim bench: %s\n", err->message);
        goto out;
    }
    up = g_strdup_printf("remote processor %s is now up", r.name);
    power = g_strdup_printf("powering up %s", r.name);
    for (int i = 0; i < runs; i++) {
        g_autofree char *state = rp_rproc_read(vm, &r, "state", &err);
        g_autofree char *line = NULL, *path = NULL, *fault = NULL;
        double t0, at;
        guint mark;

        if (!state || (g_str_equal(state, "running") &&
                       (!rp_rproc_write(vm, &r, "state", "stop", &err) ||
                        !rp_rproc_wait_state(vm, &r, "offline", 30, &err)))) {
            fprintf(stderr, "rprocsim bench: %s: %s\n", ss->name, err->message);
            goto out;
        }
        mark = rp_vm_console_mark(vm);
        t0 = rp_vm_elapsed(vm);
        if (!rp_rproc_write(vm, &r, "state", "start", &err) ||
            !(line = rp_vm_wait_console_after(vm, mark, up, 30, &at, NULL, &err))) {
            fprintf(stderr, "rprocsim bench: %s start: %s\n", ss->name, err->message);
            goto out;
        }
        latency_add(&start, (at - t0) * 1000, kernel_span_ms(vm, mark, power, up));

        g_free(line);
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
        printf("  %s run %d/%d: start %.1f ms, crash to running %.1f ms (wall)\n",
               ss->name, i + 1, runs, g_array_index(start.wall, double, i),
               g_array_index(recover.wall, double, i));
        fflush(stdout);
    }
    latency_report(f, "start", ss->name, &start, 300);
    latency_report(f, "recover", ss->name, &recover, 500);
    ok = TRUE;
out:
    rp_rproc_clear(&r);
    g_array_unref(start.wall);
    g_array_unref(start.kernel);
    g_array_unref(recover.wall);
    g_array_unref(recover.kernel);
    return ok;
}

static int bench_subsystems(RpOptions *o, int runs, Figures *f)
{
    RpVmConfig cfg = rp_vm_config(o, RP_SIM_MACHINE);
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
    printf("subsystems, %d runs each: sysfs start to 'is now up', fatal error to "
           "'is now up'\n", runs);
    ss = rp_subsystems(&n);
    for (unsigned i = 0; i < n; i++) {
        if (!bench_one(vm, qmp, &ss[i], runs, f)) {
            return 1;
        }
    }
    return 0;
}

int rp_cmd_bench(int argc, char **argv)
{
    RpOptions o = { 0 };
    int runs = 5, rc = 0;
    g_autofree char *json = NULL;
    GOptionEntry entries[] = {
        { "runs", 'n', 0, G_OPTION_ARG_INT, &runs,
          "runs per measurement (default: 5)", "N" },
        { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
          "also write the figures as JSON to FILE", "FILE" },
        { NULL }
    };
    const RpCommand cmd = {
        "bench", "[boot|subsystems|all] - benchmark figures", entries, &o,
        "Benchmarks (default: all):\n"
        "  boot        cold boot to userspace on qcs6490-sim and on plain virt from the\n"
        "              same QEMU binary, kernel and initramfs; medians and their ratio\n"
        "              (JSON keys boot_s_sim, boot_s_virt, boot_ratio)\n"
        "  subsystems  per subsystem, sysfs start to 'is now up' and fatal error to\n"
        "              'is now up' again, wall clock and kernel timestamps\n"
        "              (JSON keys start_ms_<name>, recover_ms_<name>, and _kernel_)\n\n"
        RP_PATCH_HELP
        "The figures are then of the patched guest (JSON key patched).\n\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim bench boot --runs 3 --json build/bench-boot.json"
    };
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonBuilder) builder = json_builder_new();
    Figures f = { builder };
    const char *which = "all";

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc > 2 || (argc == 2 && !g_str_equal(argv[1], "boot") &&
                     !g_str_equal(argv[1], "subsystems") && !g_str_equal(argv[1], "all"))) {
        fprintf(stderr, "rprocsim bench: benchmarks are boot, subsystems or all\n");
        return 2;
    }
    if (argc == 2) {
        which = argv[1];
    }
    if (runs < 1 || runs > 100) {
        fprintf(stderr, "rprocsim bench: --runs must be 1..100\n");
        return 2;
    }
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
    if (!rc && json && !write_json(json, &f, &o, &err)) {
        fprintf(stderr, "rprocsim bench: cannot write %s: %s\n", json, err->message);
        return 1;
    }
    return rc;
}
