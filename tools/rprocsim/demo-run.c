/*
 * rprocsim demo: what every board's demo shares (demo-run.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "demo-run.h"
#include "guest-boot.h"
#include "json-out.h"
#include "oops.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

gboolean rp_demo_init(RpDemo *d, const RpOptions *o, const char *out_dir, int steps)
{
    *d = (RpDemo) { .o = *o, .steps = steps };
    d->out_dir = g_strdup(out_dir);
    if (g_mkdir_with_parents(d->out_dir, 0755) < 0) {
        fprintf(stderr, "rprocsim demo: cannot create %s\n", d->out_dir);
        return FALSE;
    }
    d->problems = g_ptr_array_new_with_free_func(g_free);
    d->modules_loaded = g_ptr_array_new_with_free_func(g_free);
    d->modules_failed = g_ptr_array_new_with_free_func(g_free);
    d->kernel_sha256 = rp_file_sha256(d->o.kernel, NULL);
    return TRUE;
}

void rp_demo_problem(RpDemo *d, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "problem: %s\n", msg);
    g_ptr_array_add(d->problems, msg);
}

char *rp_demo_agent(RpDemo *d, const char *cmd)
{
    g_autoptr(GError) err = NULL;
    char *out = NULL;
    int status;

    if (!rp_vm_agent_run(d->vm, cmd, RP_DEMO_AGENT_TIMEOUT_S, &out, &status, &err)) {
        rp_demo_problem(d, "agent command '%s' failed: %s", cmd, err->message);
        return NULL;
    }
    if (status != 0) {
        rp_demo_problem(d, "'%s' exited with status %d in the guest: %s", cmd, status, out);
        g_free(out);
        return NULL;
    }
    return out;
}

gboolean rp_demo_kernel_time_of(RpDemo *d, const char *after, const char *needle,
                                double timeout_s, double *t)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    do {
        g_autofree char *dmesg = rp_demo_agent(d, "dmesg");
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
static void check_patched(RpDemo *d)
{
    g_autoptr(GError) err = NULL;

    d->patch_checked = rp_patched_check_guest(d->vm, d->o.patched, RP_DEMO_AGENT_TIMEOUT_S,
                                              &d->patch_check, &err);
    if (!d->patch_checked) {
        rp_demo_problem(d, "--patch: %s", err->message);
        return;
    }
    for (guint i = 0; i < d->patch_check.problems->len; i++) {
        rp_demo_problem(d, "--patch: %s", (char *)g_ptr_array_index(d->patch_check.problems, i));
    }
}

gboolean rp_demo_boot(RpDemo *d)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = NULL, *done = NULL;
    g_autofree char *console_log = g_build_filename(d->out_dir, "console.log", NULL);
    RpVmConfig cfg = rp_vm_config(&d->o, d->o.board);
    const GPtrArray *lines;

    cfg.console_log = console_log;
    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    rp_progress(1, d->steps, "booting %s (%d x %s + %u remote processor cores, %d MiB): %s",
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
        rp_demo_problem(d, "the guest did not reach userspace: %s", err ? err->message : line);
        return FALSE;
    }
    rp_progress(2, d->steps, "userspace reached: kernel %s, guest uptime %.2f s, %.2f s wall",
                d->ready.kernel, d->ready.uptime_s, d->ready_wall_s);
    if (rp_options_kernel_release(&d->o) &&
        strcmp(rp_options_kernel_release(&d->o), d->ready.kernel)) {
        rp_demo_problem(d, "the guest runs kernel %s, but its image was built for %s",
                d->ready.kernel, rp_options_kernel_release(&d->o));
    }

    done = rp_vm_wait_console(d->vm, RP_MARK_MODULES_DONE, RP_MODULES_TIMEOUT_S, NULL, &err);
    if (!done) {
        rp_demo_problem(d, "module loading did not finish: %s", err->message);
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
        rp_demo_problem(d, "%u module(s) failed to load, first: %s", d->modules_failed->len,
                (char *)g_ptr_array_index(d->modules_failed, 0));
    }
    d->proc_version = rp_demo_agent(d, "cat /proc/version");
    if (d->proc_version) {
        g_strstrip(d->proc_version);
    }
    if (!d->o.patched) {
        rp_progress(3, d->steps, "stock modules: %u loaded, %u failed",
                    d->modules_loaded->len, d->modules_failed->len);
        return TRUE;
    }
    check_patched(d);
    rp_progress(3, d->steps, "modules: %u loaded, %u failed; %u replaced by --patch, %s",
                d->modules_loaded->len, d->modules_failed->len, d->o.patched->modules->len,
                !d->patch_checked ? "NOT checked"
                : d->patch_check.problems->len ? "NOT all the patched ones"
                : "all the patched ones (srcversion)");
    return TRUE;
}

const char *rp_demo_kernel_release(const RpDemo *d)
{
    return d->ready.kernel ? d->ready.kernel : rp_options_kernel_release(&d->o);
}

/* "patched": the patches, the replaced modules and what the guest loaded */
static void add_patched(JsonBuilder *b, const RpDemo *d)
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

void rp_demo_finish_vm(RpDemo *d)
{
    RpOops oops;

    if (d->vm && rp_oops_find(rp_vm_console_lines(d->vm), 0, &oops)) {
        g_autofree char *summary = rp_oops_summary(&oops);

        rp_demo_problem(d, "%s (full text in the console log)", summary);
        rp_oops_clear(&oops);
    }
    g_clear_pointer(&d->vm, rp_vm_free);    /* flushes the console log */
}

JsonBuilder *rp_demo_report_begin(const RpDemo *d)
{
    JsonBuilder *b = json_builder_new();

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
    rp_json_add_string(b, "release", rp_demo_kernel_release(d));
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
    return b;
}

gboolean rp_demo_report_write(const RpDemo *d, JsonBuilder *b, char **path, GError **error)
{
    g_autoptr(GHashTable) pkgs = rp_read_packages(d->o.build);
    GHashTableIter it;
    gpointer k, v;

    json_builder_set_member_name(b, "packages");
    json_builder_begin_object(b);
    g_hash_table_iter_init(&it, pkgs);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        rp_json_add_string(b, k, v);
    }
    json_builder_end_object(b);
    json_builder_end_object(b);
    *path = g_build_filename(d->out_dir, "report.json", NULL);
    return rp_json_write_file(b, *path, error);
}

void rp_demo_print_kernel(const RpDemo *d)
{
    g_autoptr(GPtrArray) patch_lines = rp_options_patch_lines(&d->o);

    printf("\n  %s, kernel %s (suite %s)\n", d->o.board, rp_demo_kernel_release(d) ?: "unknown",
           d->o.kernel_suite);
    for (guint i = 0; i < patch_lines->len; i++) {
        printf("  %s\n", (char *)g_ptr_array_index(patch_lines, i));
    }
    for (guint i = 0; d->patch_checked && i < d->patch_check.lines->len; i++) {
        printf("  %s\n", (char *)g_ptr_array_index(d->patch_check.lines, i));
    }
}

int rp_demo_verdict(const RpDemo *d, const char *report)
{
    rp_progress(d->steps, d->steps, "%s %s (kernel %s): report %s, console %s/console.log",
                d->o.board, d->problems->len ? "FAIL" : "PASS",
                rp_demo_kernel_release(d) ?: "unknown", report ? report : "not written",
                d->out_dir);
    return d->problems->len ? 1 : 0;
}

void rp_demo_clear(RpDemo *d)
{
    g_clear_pointer(&d->vm, rp_vm_free);
    g_clear_pointer(&d->problems, g_ptr_array_unref);
    g_clear_pointer(&d->modules_loaded, g_ptr_array_unref);
    g_clear_pointer(&d->modules_failed, g_ptr_array_unref);
    g_clear_pointer(&d->ready.kernel, g_free);
    g_clear_pointer(&d->proc_version, g_free);
    g_clear_pointer(&d->kernel_sha256, g_free);
    g_clear_pointer(&d->qemu_cmd, g_free);
    g_clear_pointer(&d->out_dir, g_free);
    rp_patched_check_clear(&d->patch_check);
}

#define CORE_EVENT_TIMEOUT_S 2.0

/* In WFI now, and no event said so last */
static gboolean idle_unreported(const RpDemoCore *c)
{
    return !g_strcmp0(c->state, "wfi") &&
           (!c->events->len ||
            !g_str_equal(g_ptr_array_index(c->events, c->events->len - 1), "wfi"));
}

void rp_demo_core_read(RpDemo *d, const char *subsystem, RpDemoCore *c)
{
    g_autofree char *path = g_strdup_printf("/machine/%s", subsystem);
    gint64 deadline = g_get_monotonic_time() + (gint64)(CORE_EVENT_TIMEOUT_S * G_USEC_PER_SEC);

    c->state = d->qmp ? rp_qmp_qom_get_text(d->qmp, path, "state", NULL) : NULL;
    c->events = d->qmp ? rp_qmp_state_events(d->qmp, subsystem) : g_ptr_array_new();
    while (idle_unreported(c) && g_get_monotonic_time() < deadline) {
        /* events come in with command replies: ask for something cheap */
        g_autoptr(JsonNode) r = rp_qmp_execute(d->qmp, "query-status", NULL, NULL);

        if (!r) {
            break;
        }
        g_ptr_array_unref(c->events);
        c->events = rp_qmp_state_events(d->qmp, subsystem);
        g_usleep(5000);
    }
    if (idle_unreported(c)) {
        rp_demo_problem(d, "%s: its core idles in WFI but no 'wfi' state event came "
                        "(%u events)", subsystem, c->events->len);
    }
}

void rp_demo_core_add_json(JsonBuilder *b, const RpDemoCore *c)
{
    json_builder_set_member_name(b, "core");
    json_builder_begin_object(b);
    rp_json_add_string(b, "state", c->state);
    json_builder_set_member_name(b, "events");
    json_builder_begin_array(b);
    for (guint i = 0; c->events && i < c->events->len; i++) {
        json_builder_add_string_value(b, g_ptr_array_index(c->events, i));
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
}

void rp_demo_core_clear(RpDemoCore *c)
{
    g_clear_pointer(&c->state, g_free);
    g_clear_pointer(&c->events, g_ptr_array_unref);
}
