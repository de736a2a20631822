/*
 * rprocsim: patched.txt of a patched guest image, the kernel's taint flags,
 * and the check that the replaced modules are the ones the guest loaded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "patched.h"
#include "vm.h"

#include <string.h>

G_DEFINE_QUARK(rp-patched-error-quark, rp_patched_error)

static void patch_free(gpointer p)
{
    RpPatch *x = p;

    g_free(x->name);
    g_free(x->sha256);
    g_free(x);
}

static void module_free(gpointer p)
{
    RpPatchedModule *m = p;

    g_free(m->name);
    g_free(m->srcversion);
    g_free(m->relpath);
    g_free(m);
}

void rp_patched_free(RpPatched *p)
{
    if (p) {
        g_ptr_array_unref(p->patches);
        g_ptr_array_unref(p->modules);
        g_free(p);
    }
}

static gboolean all_hex(const char *s)
{
    for (; *s; s++) {
        if (!g_ascii_isxdigit(*s)) {
            return FALSE;
        }
    }
    return TRUE;
}

/* A module name as the kernel has it: letters, digits, '_' and '-' */
static gboolean module_name_ok(const char *s)
{
    for (; *s; s++) {
        if (!g_ascii_isalnum(*s) && *s != '_' && *s != '-') {
            return FALSE;
        }
    }
    return TRUE;
}

static gboolean relpath_ok(const char *s)
{
    static const char *const ends[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
    g_auto(GStrv) parts = g_strsplit(s, "/", -1);
    gboolean ko = FALSE;

    if (*s == '/') {
        return FALSE;
    }
    for (char **p = parts; *p; p++) {
        if (!**p || g_str_equal(*p, "..") || g_str_equal(*p, ".")) {
            return FALSE;
        }
    }
    for (gsize i = 0; i < G_N_ELEMENTS(ends); i++) {
        ko |= g_str_has_suffix(s, ends[i]) && strlen(s) > strlen(ends[i]);
    }
    return ko;
}

/* Why line @w (its fields) is malformed, or NULL if it is fine; adds it to @p */
static const char *take_line(RpPatched *p, char **w, guint n)
{
    if (g_str_equal(w[0], "patch")) {
        RpPatch *x;

        if (n != 3) {
            return "a patch line is 'patch NAME SHA256'";
        }
        if (strchr(w[1], '/')) {
            return "a patch NAME is a file's basename, without '/'";
        }
        if (strlen(w[2]) != 64 || !all_hex(w[2])) {
            return "a patch SHA256 is 64 hex digits";
        }
        x = g_new0(RpPatch, 1);
        x->name = g_strdup(w[1]);
        x->sha256 = g_ascii_strdown(w[2], -1);
        g_ptr_array_add(p->patches, x);
        return NULL;
    }
    if (g_str_equal(w[0], "module")) {
        RpPatchedModule *m;

        if (n != 4) {
            return "a module line is 'module NAME SRCVERSION RELPATH'";
        }
        if (!module_name_ok(w[1])) {
            return "a module NAME has only letters, digits, '_' and '-'";
        }
        if (!g_str_equal(w[2], RP_NO_SRCVERSION) && (strlen(w[2]) > 64 || !all_hex(w[2]))) {
            return "a module SRCVERSION is hex digits (as /sys/module/NAME/srcversion), "
                   "or '-' for none";
        }
        if (!relpath_ok(w[3])) {
            return "a module RELPATH is a relative path to a .ko file, below "
                   "/lib/modules/RELEASE";
        }
        for (guint i = 0; i < p->modules->len; i++) {
            if (g_str_equal(((RpPatchedModule *)g_ptr_array_index(p->modules, i))->name,
                            w[1])) {
                return "this module is listed twice";
            }
        }
        m = g_new0(RpPatchedModule, 1);
        m->name = g_strdup(w[1]);
        m->srcversion = g_ascii_strup(w[2], -1);
        m->relpath = g_strdup(w[3]);
        g_ptr_array_add(p->modules, m);
        return NULL;
    }
    return "lines are 'patch NAME SHA256' or 'module NAME SRCVERSION RELPATH'";
}

RpPatched *rp_patched_parse(const char *text, const char *origin, GError **error)
{
    g_autoptr(RpPatched) p = g_new0(RpPatched, 1);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    guint number = 0;

    p->patches = g_ptr_array_new_with_free_func(patch_free);
    p->modules = g_ptr_array_new_with_free_func(module_free);
    for (char **l = lines; *l; l++) {
        g_auto(GStrv) w = g_strsplit_set(g_strstrip(*l), " \t", -1);
        g_autoptr(GPtrArray) fields = g_ptr_array_new();
        const char *why;

        number++;
        for (char **f = w; *f; f++) {
            if (**f) {
                g_ptr_array_add(fields, *f);
            }
        }
        if (!fields->len) {
            continue;
        }
        g_ptr_array_add(fields, NULL);
        why = take_line(p, (char **)fields->pdata, fields->len - 1);
        if (why) {
            g_set_error(error, RP_PATCHED_ERROR, 0, "%s line %u: %s (it reads '%s')",
                        origin, number, why, *l);
            return NULL;
        }
    }
    if (!p->patches->len || !p->modules->len) {
        g_set_error(error, RP_PATCHED_ERROR, 0, "%s: no %s lines (a patched guest names "
                    "its patches and the modules they replaced)", origin,
                    p->patches->len ? "module" : "patch");
        return NULL;
    }
    return g_steal_pointer(&p);
}

RpPatched *rp_patched_load(const char *path, GError **error)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, error)) {
        return NULL;
    }
    return rp_patched_parse(text, path, error);
}

/* Documentation/admin-guide/tainted-kernels.rst, bit by bit */
static const char *const taint_names[] = {
    "proprietary module (P)",           /* 1 */
    "module force-loaded (F)",          /* 2 */
    "out-of-specification system (S)",  /* 4 */
    "module force-unloaded (R)",        /* 8 */
    "machine check (M)",                /* 16 */
    "bad page (B)",                     /* 32 */
    "tainted by userspace (U)",         /* 64 */
    "kernel died: Oops or BUG (D)",     /* 128 */
    "ACPI table overridden (A)",        /* 256 */
    "kernel warning (W)",               /* 512 */
    "staging driver (C)",               /* 1024 */
    "platform firmware workaround (I)", /* 2048 */
    "out-of-tree module (O)",           /* 4096 */
    "unsigned module (E)",              /* 8192 */
    "soft lockup (L)",                  /* 16384 */
    "live patched (K)",                 /* 32768 */
    "auxiliary taint (X)",              /* 65536 */
    "struct randomization plugin (T)",  /* 131072 */
    "in-kernel test run (N)",           /* 262144 */
    "fwctl debug operation (J)",        /* 524288, kernels from 6.15 */
};

/* The names of @bits, comma-separated, appended to @s */
static void append_bits(GString *s, guint64 bits)
{
    gboolean first = TRUE;

    for (guint b = 0; b < 64; b++) {
        if (!(bits & (1ULL << b))) {
            continue;
        }
        g_string_append(s, first ? "" : ", ");
        if (b < G_N_ELEMENTS(taint_names)) {
            g_string_append(s, taint_names[b]);
        } else {
            g_string_append_printf(s, "unknown bit %u", b);
        }
        first = FALSE;
    }
}

char *rp_taint_describe(guint64 taint, guint64 expected)
{
    GString *s = g_string_new(NULL);
    guint64 other = taint & ~expected, known = taint & expected;

    g_string_append_printf(s, "%" G_GUINT64_FORMAT ": ", taint);
    if (!taint) {
        g_string_append(s, "not tainted");
        return g_string_free(s, FALSE);
    }
    append_bits(s, other);
    if (known) {
        g_string_append(s, other ? "; " : "");
        append_bits(s, known);
        g_string_append(s, ", expected with --patch");
    }
    return g_string_free(s, FALSE);
}

/* The module's folder in /sys/module: the kernel turns '-' into '_' */
static char *sysfs_name(const char *name)
{
    char *s = g_strdup(name);

    g_strdelimit(s, "-", '_');
    return s;
}

char *rp_patched_guest_command(const RpPatched *p)
{
    GString *cmd = g_string_new("cat /proc/sys/kernel/tainted; for m in");

    for (guint i = 0; i < p->modules->len; i++) {
        g_autofree char *name = sysfs_name(
            ((RpPatchedModule *)g_ptr_array_index(p->modules, i))->name);

        g_string_append_printf(cmd, " %s", name);
    }
    g_string_append(cmd, "; do if [ -r /sys/module/$m/srcversion ]; then "
                    "echo \"$m $(cat /sys/module/$m/srcversion)\"; "
                    "elif [ -d /sys/module/$m ]; then echo \"$m -\"; "
                    "else echo \"$m ?\"; fi; done");
    return g_string_free(cmd, FALSE);
}

void rp_patched_check_clear(RpPatchedCheck *c)
{
    g_clear_pointer(&c->taint_text, g_free);
    g_clear_pointer(&c->loaded, g_ptr_array_unref);
    g_clear_pointer(&c->lines, g_ptr_array_unref);
    g_clear_pointer(&c->problems, g_ptr_array_unref);
    c->taint = 0;
}

gboolean rp_patched_check_output(const RpPatched *p, const char *output, RpPatchedCheck *c,
                                 GError **error)
{
    g_auto(GStrv) lines = g_strsplit(output, "\n", -1);
    char *end;
    guint n = g_strv_length(lines);

    memset(c, 0, sizeof(*c));
    c->loaded = g_ptr_array_new_with_free_func(g_free);
    c->lines = g_ptr_array_new_with_free_func(g_free);
    c->problems = g_ptr_array_new_with_free_func(g_free);
    if (n && !*lines[n - 1]) {
        n--;    /* the final newline */
    }
    if (n != 1 + p->modules->len) {
        g_set_error(error, RP_PATCHED_ERROR, 0, "the guest's taint and srcversion check "
                    "printed %u lines, not %u: %s", n, 1 + p->modules->len, output);
        return FALSE;
    }
    g_strstrip(lines[0]);
    c->taint = g_ascii_strtoull(lines[0], &end, 10);
    if (!*lines[0] || *end) {
        g_set_error(error, RP_PATCHED_ERROR, 0, "/proc/sys/kernel/tainted reads '%s'",
                    lines[0]);
        return FALSE;
    }
    c->taint_text = rp_taint_describe(c->taint, RP_TAINT_PATCH_EXPECTED);
    g_ptr_array_add(c->lines, g_strdup_printf("kernel taint %s", c->taint_text));
    for (guint i = 0; i < p->modules->len; i++) {
        const RpPatchedModule *m = g_ptr_array_index(p->modules, i);
        g_autofree char *name = sysfs_name(m->name);
        g_auto(GStrv) w = g_strsplit(g_strstrip(lines[1 + i]), " ", 2);
        const char *got, *verdict, *shown;

        if (g_strv_length(w) != 2 || !g_str_equal(w[0], name)) {
            g_set_error(error, RP_PATCHED_ERROR, 0, "the guest's srcversion check for "
                        "module %s printed '%s'", m->name, lines[1 + i]);
            return FALSE;
        }
        got = w[1];
        if (g_str_equal(m->srcversion, RP_NO_SRCVERSION) && !g_str_equal(got, "?")) {
            /* nothing to compare with: loaded is all that can be said */
            g_ptr_array_add(c->loaded, g_str_equal(got, "-") ? NULL : g_ascii_strup(got, -1));
            verdict = "not compared: the patched build has no srcversion";
        } else if (g_str_equal(got, "?")) {
            g_ptr_array_add(c->loaded, NULL);
            g_ptr_array_add(c->problems, g_strdup_printf(
                "module %s is not loaded in the guest (no /sys/module/%s), so its "
                "patched build (srcversion %s) is not exercised", m->name, name,
                m->srcversion));
            verdict = "none, not loaded";
        } else if (g_str_equal(got, "-")) {
            g_ptr_array_add(c->loaded, NULL);
            g_ptr_array_add(c->problems, g_strdup_printf(
                "module %s is loaded but has no srcversion, while its patched build has "
                "%s: the stock module was loaded, not the patched one", m->name,
                m->srcversion));
            verdict = "none, NOT the patched one";
        } else if (g_ascii_strcasecmp(got, m->srcversion)) {
            g_ptr_array_add(c->loaded, g_ascii_strup(got, -1));
            g_ptr_array_add(c->problems, g_strdup_printf(
                "module %s is loaded with srcversion %s, while its patched build has %s: "
                "the stock module (or another build) was loaded, not the patched one",
                m->name, got, m->srcversion));
            verdict = "NOT the patched one";
        } else {
            g_ptr_array_add(c->loaded, g_ascii_strup(got, -1));
            verdict = "the patched one";
        }
        shown = g_ptr_array_index(c->loaded, i);
        g_ptr_array_add(c->lines, g_strdup_printf("module %s loaded srcversion %s (%s)",
                                                  m->name, shown ? shown : "-", verdict));
    }
    return TRUE;
}

gboolean rp_patched_check_guest(RpVm *vm, const RpPatched *p, double timeout_s,
                                RpPatchedCheck *c, GError **error)
{
    g_autofree char *cmd = rp_patched_guest_command(p);
    g_autofree char *out = NULL;
    int status;

    memset(c, 0, sizeof(*c));
    if (!rp_vm_agent_run(vm, cmd, timeout_s, &out, &status, error)) {
        g_prefix_error(error, "cannot read the kernel taint and module srcversions: ");
        return FALSE;
    }
    if (status != 0) {
        g_set_error(error, RP_PATCHED_ERROR, 0, "reading the kernel taint and module "
                    "srcversions exited with status %d in the guest: %s", status, out);
        return FALSE;
    }
    return rp_patched_check_output(p, out, c, error);
}
