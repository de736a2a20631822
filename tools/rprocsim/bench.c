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
#include "stats.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

/* Wall seconds from spawning QEMU to the ready marker; < 0 on failure. */
static double boot_once(const RpOptions *o, const char *machine)
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
    return at;
}

static void add_runs(JsonBuilder *b, const char *name, GArray *runs)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < runs->len; i++) {
        json_builder_add_double_value(b, g_array_index(runs, double, i));
    }
    json_builder_end_array(b);
}

static void add_double(JsonBuilder *b, const char *name, double v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_double_value(b, v);
}

static gboolean write_json(const char *path, const RpOptions *o, GArray *sim,
                           GArray *virt, double msim, double mvirt,
                           GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object(b);
    add_double(b, "boot_s_sim", msim);
    add_double(b, "boot_s_virt", mvirt);
    add_double(b, "boot_ratio", msim / mvirt);
    add_runs(b, "runs_sim", sim);
    add_runs(b, "runs_virt", virt);
    json_builder_set_member_name(b, "cpu");
    json_builder_add_string_value(b, o->cpu);
    json_builder_set_member_name(b, "smp");
    json_builder_add_int_value(b, o->smp);
    json_builder_set_member_name(b, "mem_mib");
    json_builder_add_int_value(b, o->mem_mib);
    json_builder_set_member_name(b, "kernel");
    json_builder_add_string_value(b, o->kernel);
    json_builder_end_object(b);

    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    return json_generator_to_file(gen, path, error);
}

static int bench_boot(RpOptions *o, int runs, const char *json)
{
    g_autoptr(GArray) sim = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GArray) virt = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GError) err = NULL;
    double msim, mvirt;

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
            double t = boot_once(o, order[j]);
            gboolean is_sim = g_str_equal(order[j], RP_SIM_MACHINE);

            if (t < 0) {
                return 1;
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
    if (json && !write_json(json, o, sim, virt, msim, mvirt, &err)) {
        fprintf(stderr, "rprocsim bench: cannot write %s: %s\n", json, err->message);
        return 1;
    }
    return 0;
}

int rp_cmd_bench(int argc, char **argv)
{
    RpOptions o = { 0 };
    int runs = 5;
    g_autofree char *json = NULL;
    GOptionEntry entries[] = {
        { "runs", 'n', 0, G_OPTION_ARG_INT, &runs,
          "boots per machine (default: 5)", "N" },
        { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
          "also write the figures as JSON to FILE", "FILE" },
        { NULL }
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("boot - benchmark figures");
    g_autoptr(GError) err = NULL;

    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_group(ctx, rp_options_group(&o));
    g_option_context_set_description(ctx,
        "Benchmarks:\n"
        "  boot   cold boot to userspace on qcs6490-sim and on plain virt from the\n"
        "         same QEMU binary, kernel and initramfs; medians and their ratio\n"
        "         (JSON keys boot_s_sim, boot_s_virt, boot_ratio)");
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "rprocsim bench: %s\n", err->message);
        return 2;
    }
    if (argc != 2 || !g_str_equal(argv[1], "boot")) {
        fprintf(stderr, "rprocsim bench: say which benchmark; the one there is: boot\n");
        return 2;
    }
    if (runs < 1 || runs > 100) {
        fprintf(stderr, "rprocsim bench: --runs must be 1..100\n");
        return 2;
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim bench: %s\n", err->message);
        return 2;
    }
    return bench_boot(&o, runs, json);
}
