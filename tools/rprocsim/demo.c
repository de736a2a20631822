/*
 * rprocsim demo: the main job. Boots the stock kernel on qcs6490-sim,
 * reports the kernel, the time to userspace and the loaded modules, and
 * writes console.log and report.json.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "guest-proto.h"

#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define STEPS 5
#define AGENT_TIMEOUT_S   60.0
#define MODULES_TIMEOUT_S 120.0

typedef struct DemoResult {
    GPtrArray *problems;        /* char *: why the demo failed */
    RpReadyMark ready;
    double ready_wall_s;
    GPtrArray *modules_loaded;  /* char *: names /init reported as loaded */
    GPtrArray *modules_failed;
    GPtrArray *proc_modules;    /* char *: names in /proc/modules */
    char *uname_r;
    char *proc_version;
    char *kernel_sha256;
} DemoResult;

static void problem(DemoResult *r, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void problem(DemoResult *r, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "problem: %s\n", msg);
    g_ptr_array_add(r->problems, msg);
}

static void add_strv(JsonBuilder *b, const char *name, GPtrArray *a)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; a && i < a->len; i++) {
        json_builder_add_string_value(b, g_ptr_array_index(a, i));
    }
    json_builder_end_array(b);
}

static void add_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value) {
        json_builder_add_string_value(b, value);
    } else {
        json_builder_add_null_value(b);
    }
}

static gboolean write_report(const char *path, const RpOptions *o,
                             const char *qemu_cmd, DemoResult *r,
                             GError **error)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(GHashTable) pkgs = rp_read_packages(o->build);
    GHashTableIter it;
    gpointer k, v;

    json_builder_begin_object(b);
    add_string(b, "result", r->problems->len ? "fail" : "pass");
    add_strv(b, "problems", r->problems);
    add_string(b, "machine", RP_SIM_MACHINE);
    add_string(b, "qemu_command", qemu_cmd);

    json_builder_set_member_name(b, "kernel");
    json_builder_begin_object(b);
    add_string(b, "image", o->kernel);
    add_string(b, "sha256", r->kernel_sha256);
    add_string(b, "release", r->uname_r);
    add_string(b, "version", r->proc_version);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "time_to_userspace");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "guest_uptime_s");
    json_builder_add_double_value(b, r->ready.uptime_s);
    json_builder_set_member_name(b, "wall_s");
    json_builder_add_double_value(b, r->ready_wall_s);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "modules");
    json_builder_begin_object(b);
    add_strv(b, "loaded_by_init", r->modules_loaded);
    add_strv(b, "failed", r->modules_failed);
    add_strv(b, "proc_modules", r->proc_modules);
    json_builder_end_object(b);

    json_builder_set_member_name(b, "packages");
    json_builder_begin_object(b);
    g_hash_table_iter_init(&it, pkgs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        add_string(b, k, v);
    }
    json_builder_end_object(b);
    json_builder_end_object(b);

    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    json_generator_set_pretty(gen, TRUE);
    return json_generator_to_file(gen, path, error);
}

/* Lines of @text as a GPtrArray of their first word (e.g. /proc/modules). */
static GPtrArray *first_words(const char *text)
{
    GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

    for (char **l = lines; *l; l++) {
        g_auto(GStrv) w = g_strsplit(g_strstrip(*l), " ", 2);

        if (w[0] && *w[0]) {
            g_ptr_array_add(a, g_strdup(w[0]));
        }
    }
    return a;
}

static char *agent(RpVm *vm, DemoResult *r, const char *cmd)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status;

    if (!rp_vm_agent_run(vm, cmd, AGENT_TIMEOUT_S, &out, &status, &err)) {
        problem(r, "agent command '%s' failed: %s", cmd, err->message);
        return NULL;
    }
    if (status != 0) {
        problem(r, "'%s' exited with status %d in the guest: %s", cmd, status, out);
        g_free(out);
        return NULL;
    }
    return out;
}

static void run_guest(RpVm *vm, DemoResult *r)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = NULL;
    g_autofree char *done = NULL;
    g_autofree char *mods = NULL;
    const GPtrArray *lines;

    line = rp_vm_wait_console(vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S,
                              &r->ready_wall_s, &err);
    if (!line || !rp_parse_ready(line, &r->ready)) {
        problem(r, "the guest did not reach userspace: %s",
                err ? err->message : line);
        return;
    }
    rp_progress(2, STEPS, "userspace reached: kernel %s, guest uptime %.2f s, "
                "%.2f s wall", r->ready.kernel, r->ready.uptime_s,
                r->ready_wall_s);

    done = rp_vm_wait_console(vm, RP_MARK_MODULES_DONE, MODULES_TIMEOUT_S,
                              NULL, &err);
    if (!done) {
        problem(r, "module loading did not finish: %s", err->message);
        return;
    }
    lines = rp_vm_console_lines(vm);
    for (guint i = 0; i < lines->len; i++) {
        char *name;
        gboolean loaded;

        if (rp_parse_module(g_ptr_array_index(lines, i), &name, &loaded)) {
            g_ptr_array_add(loaded ? r->modules_loaded : r->modules_failed, name);
        }
    }
    if (r->modules_failed->len) {
        problem(r, "%u module(s) failed to load, first: %s",
                r->modules_failed->len,
                (char *)g_ptr_array_index(r->modules_failed, 0));
    }
    rp_progress(3, STEPS, "stock modules: %u loaded, %u failed",
                r->modules_loaded->len, r->modules_failed->len);

    r->uname_r = agent(vm, r, "uname -r");
    r->proc_version = agent(vm, r, "cat /proc/version");
    mods = agent(vm, r, "cat /proc/modules");
    if (r->uname_r) {
        g_strstrip(r->uname_r);
    }
    if (r->proc_version) {
        g_strstrip(r->proc_version);
    }
    if (mods) {
        r->proc_modules = first_words(mods);
    }
    rp_progress(4, STEPS, "guest agent: %s, %u modules in /proc/modules",
                r->uname_r ? r->uname_r : "?",
                r->proc_modules ? r->proc_modules->len : 0);
}

int rp_cmd_demo(int argc, char **argv)
{
    RpOptions o = { 0 };
    g_autofree char *out_dir = NULL;
    GOptionEntry entries[] = {
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir,
          "folder for console.log and report.json (default: BUILD/demo)", "DIR" },
        { NULL }
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("- boot the stock kernel on qcs6490-sim and report");
    g_autoptr(GError) err = NULL;
    g_autoptr(RpVm) vm = NULL;
    g_autofree char *console_log = NULL, *report = NULL, *cmd = NULL;
    DemoResult r = { 0 };
    RpVmConfig cfg;
    int rc;

    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_group(ctx, rp_options_group(&o));
    g_option_context_set_description(ctx,
        "Writes BUILD/demo/console.log (the guest console) and "
        "BUILD/demo/report.json.\nExit status 0 only if the guest reached "
        "userspace, loaded every module and answered the agent.");
    if (!g_option_context_parse(ctx, &argc, &argv, &err) ||
        !rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim demo: %s\n", err->message);
        return 2;
    }
    if (!out_dir) {
        out_dir = g_build_filename(o.build, "demo", NULL);
    }
    if (g_mkdir_with_parents(out_dir, 0755) < 0) {
        fprintf(stderr, "rprocsim demo: cannot create %s\n", out_dir);
        return 2;
    }
    console_log = g_build_filename(out_dir, "console.log", NULL);
    report = g_build_filename(out_dir, "report.json", NULL);

    r.problems = g_ptr_array_new_with_free_func(g_free);
    r.modules_loaded = g_ptr_array_new_with_free_func(g_free);
    r.modules_failed = g_ptr_array_new_with_free_func(g_free);
    r.kernel_sha256 = rp_file_sha256(o.kernel, NULL);

    cfg = rp_vm_config(&o, RP_SIM_MACHINE);
    cfg.console_log = console_log;
    cfg.agent = TRUE;
    rp_progress(1, STEPS, "booting %s (%d x %s, %d MiB): %s", RP_SIM_MACHINE,
                o.smp, o.cpu, o.mem_mib, o.kernel);
    vm = rp_vm_start(&cfg, &err);
    if (!vm) {
        problem(&r, "%s", err->message);
    } else {
        cmd = rp_vm_command_line(vm);
        run_guest(vm, &r);
    }
    g_clear_pointer(&vm, rp_vm_free);   /* flushes the console log */

    if (!write_report(report, &o, cmd, &r, &err)) {
        fprintf(stderr, "rprocsim demo: cannot write %s: %s\n", report, err->message);
        return 1;
    }
    rp_progress(5, STEPS, "%s: report %s, console %s",
                r.problems->len ? "FAIL" : "PASS", report, console_log);
    rc = r.problems->len ? 1 : 0;

    g_ptr_array_unref(r.problems);
    g_ptr_array_unref(r.modules_loaded);
    g_ptr_array_unref(r.modules_failed);
    if (r.proc_modules) {
        g_ptr_array_unref(r.proc_modules);
    }
    g_free(r.ready.kernel);
    g_free(r.uname_r);
    g_free(r.proc_version);
    g_free(r.kernel_sha256);
    return rc;
}
