/*
 * rprocsim fuzz-images: malformed firmware against the real kernel. A
 * signed image set of one subsystem is mutated (mutate.h) and each
 * mutation is fed through the kernel's own start path (sysfs state
 * "start") in one long-lived guest. Each outcome is classified:
 *   refused    the start failed: the kernel's errno and, if TrustZone was
 *              asked, its cause (the subsystem's -last-refusal);
 *   accepted   the subsystem ran; allowed only where no hash or signature
 *              covers the changed bytes (accepted_signed counts the rest);
 *   oops       the kernel Oopsed (or BUG, WARN, panic...): the image set,
 *              the console excerpt and a scenario that reproduces it are
 *              saved, and the guest is booted again.
 * Exit status: 0 no finding, 1 an Oops or an accepted signed image, 2
 * unusable input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "fuzz-images.h"
#include "guest-boot.h"
#include "json-out.h"
#include "mutate.h"
#include "oops.h"
#include "rproc.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define START_TIMEOUT_S     15.0    /* a start that runs waits at most the kernel's 5 s */
#define STOP_TIMEOUT_S      15.0
#define AGENT_TIMEOUT_S     30.0
#define SAVED_DIR           "/run/rprocsim-fuzz"  /* in the guest */

typedef enum Outcome { O_REFUSED, O_ACCEPTED, O_ACCEPTED_SIGNED, O_OOPS, O_OUTCOMES } Outcome;

static const char *const outcome_names[O_OUTCOMES] = {
    [O_REFUSED] = "refused", [O_ACCEPTED] = "accepted",
    [O_ACCEPTED_SIGNED] = "accepted_signed", [O_OOPS] = "oops",
};

typedef struct Fuzz {
    RpOptions *o;
    const RpSubsys *ss;
    char *stem;             /* "adsp" */
    char *fw_dir;           /* the guest's firmware folder: /lib/firmware/qcom/qcs6490 */
    char *out;              /* --out */
    RpImageSet *set;        /* the signed images as built */
    MbnMeta meta;
    RpVm *vm;
    RpQmp *qmp;
    RpRproc r;
    guint boots;
    guint counts[O_OUTCOMES];
} Fuzz;

/* The result of one mutation */
typedef struct Result {
    Outcome outcome;
    char *err;              /* the kernel's errno text, refused only */
    char *tz;               /* TrustZone's cause, or NULL if it was not asked */
    char *kernel;           /* the kernel's first message about it */
    char *reproducer;       /* folder, oops and accepted_signed only */
    char *oops;             /* the Oops summary */
} Result;

static void result_clear(Result *r)
{
    g_free(r->err);
    g_free(r->tz);
    g_free(r->kernel);
    g_free(r->reproducer);
    g_free(r->oops);
}

/* Boot (again) and keep the pristine images in SAVED_DIR of the guest */
static gboolean boot(Fuzz *f, GError **error)
{
    g_autofree char *log = g_strdup_printf("%s/console-%u.log", f->out, ++f->boots);
    g_autofree char *cmd = NULL, *out = NULL;
    int status;

    rp_rproc_clear(&f->r);
    g_clear_pointer(&f->vm, rp_vm_free);
    if (!(f->vm = rp_guest_boot(f->o, log, &f->qmp, error)) ||
        !rp_rproc_find(f->vm, f->ss, 30, &f->r, error)) {
        g_prefix_error(error, "the guest did not boot: ");
        return FALSE;
    }
    cmd = g_strdup_printf("mkdir -p " SAVED_DIR " && cp %s/%s.* " SAVED_DIR "/",
                          f->fw_dir, f->stem);
    if (!rp_vm_agent_run(f->vm, cmd, AGENT_TIMEOUT_S, &out, &status, error)) {
        return FALSE;
    }
    if (status) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "'%s' failed: %s", cmd, out);
        return FALSE;
    }
    return TRUE;
}

/* Offline, whatever the last mutation left */
static gboolean ensure_offline(Fuzz *f, GError **error)
{
    g_autofree char *state = rp_rproc_read(f->vm, &f->r, "state", error);

    if (!state) {
        return FALSE;
    }
    if (strcmp(state, "offline") &&
        !rp_rproc_write(f->vm, &f->r, "state", "stop", error)) {
        return FALSE;
    }
    return rp_rproc_wait_state(f->vm, &f->r, "offline", STOP_TIMEOUT_S, error);
}

static char *tz_refusal(Fuzz *f)
{
    g_autofree char *prop = g_strdup_printf("%s-last-refusal", f->ss->name);

    return rp_qmp_qom_get_text(f->qmp, "/machine/trustzone", prop, NULL);
}

/* The first console line from @mark on that contains @needle, or NULL */
static const char *console_find(Fuzz *f, guint mark, const char *needle)
{
    const GPtrArray *lines = rp_vm_console_lines(f->vm);

    for (guint i = mark; i < lines->len; i++) {
        if (strstr(g_ptr_array_index(lines, i), needle)) {
            return g_ptr_array_index(lines, i);
        }
    }
    return NULL;
}

/* Save the mutated set, the console from @mark on and a scenario into a new folder */
static char *save_reproducer(Fuzz *f, guint index, const RpMutation *m, guint mark,
                             const char *verdict)
{
    g_autofree char *dir = g_strdup_printf("%s/%s-%03u", f->out, verdict, index);
    g_autofree char *images = g_build_filename(dir, "images", NULL);
    g_autoptr(GHashTable) mutated = rp_mutation_apply(m, f->set);
    g_autofree char *apply = rp_mutation_guest_command(m, f->fw_dir);
    g_autofree char *console = g_build_filename(dir, "console.txt", NULL);
    g_autofree char *scenario = g_strdup_printf("%s/%s-%03u.scenario", dir, verdict, index);
    const GPtrArray *lines = rp_vm_console_lines(f->vm);
    GString *text = g_string_new(NULL);
    GHashTableIter it;
    gpointer k, v;

    g_mkdir_with_parents(images, 0755);
    g_hash_table_iter_init(&it, mutated);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_autofree char *path = g_build_filename(images, k, NULL);
        gsize len;
        const char *data = g_bytes_get_data(v, &len);

        g_file_set_contents(path, data, len, NULL);
    }
    for (guint i = mark; i < lines->len; i++) {
        g_string_append_printf(text, "%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_file_set_contents(console, text->str, text->len, NULL);
    g_string_truncate(text, 0);
    g_string_append_printf(text,
        "# Found by rprocsim fuzz-images (mutation %u, %s: %s; covered by: %s).\n"
        "# The mutated images are in images/. The kernel must refuse the start\n"
        "# cleanly; the runner fails the pass on an Oops.\n"
        "[scenario]\n"
        "summary=fuzz-images %s: %s\n"
        "subsystems=%s\n\n"
        "[step 1]\ndo=ensure\nstate=offline\n\n"
        "[step 2]\ndo=guest\ncommand=mkdir -p /run/rprocsim-repro && cp %s/%s.* /run/rprocsim-repro/ && %s\n\n"
        "[step 3]\ndo=sysfs\nattr=state\nvalue=start\nfails=true\n\n"
        "[step 4]\ndo=state\nvalue=offline\n\n"
        "[step 5]\ndo=guest\ncommand=cp /run/rprocsim-repro/%s.* %s/\n\n"
        "[step 6]\ndo=ensure\nstate=running\n",
        index, rp_mut_kind_name(m->kind), m->what, mbn_cover_name(m->cover),
        rp_mut_kind_name(m->kind), m->what, f->ss->name,
        f->fw_dir, f->stem, apply, f->stem, f->fw_dir);
    g_file_set_contents(scenario, text->str, text->len, NULL);
    g_string_free(text, TRUE);
    return g_steal_pointer(&dir);
}

/*
 * Feed mutation @m through the kernel's start path; fills @res. FALSE with
 * @error only if the guest could not be driven at all (not for an Oops).
 */
static gboolean try_one(Fuzz *f, guint index, const RpMutation *m, Result *res, GError **error)
{
    g_autofree char *apply = rp_mutation_guest_command(m, f->fw_dir);
    g_autofree char *cmd = NULL, *out = NULL, *before = NULL, *after = NULL;
    g_autoptr(GError) err = NULL;
    const char *line;
    guint mark;
    int status;

    if (!ensure_offline(f, error)) {
        return FALSE;
    }
    cmd = g_strdup_printf("cp " SAVED_DIR "/%s.* %s/ && %s", f->stem, f->fw_dir, apply);
    if (!rp_vm_agent_run(f->vm, cmd, AGENT_TIMEOUT_S, &out, &status, error)) {
        return FALSE;
    }
    if (status) {
        g_set_error(error, G_IO_ERROR, G_IO_ERROR_FAILED, "applying the mutation failed: %s",
                    out);
        return FALSE;
    }
    before = tz_refusal(f);
    mark = rp_vm_console_mark(f->vm);
    rp_vm_watch_oops(f->vm, mark);
    if (rp_rproc_write(f->vm, &f->r, "state", "start", &err) &&
        rp_rproc_wait_state(f->vm, &f->r, "running", START_TIMEOUT_S, &err)) {
        res->outcome = mbn_cover_protected(m->cover) ? O_ACCEPTED_SIGNED : O_ACCEPTED;
    } else if (g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS) ||
               g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_GONE) ||
               g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_EXITED)) {
        res->outcome = O_OOPS;
        res->oops = g_strdup(err->message);
    } else if (err->domain == RP_VM_ERROR && err->code == RP_VM_ERROR_AGENT) {
        const char *e = g_strrstr(err->message, ": ");

        res->outcome = O_REFUSED;
        res->err = g_strdup(e ? e + 2 : err->message);
    } else {
        g_propagate_error(error, g_steal_pointer(&err));
        return FALSE;
    }
    rp_vm_watch_oops(f->vm, G_MAXUINT);
    line = console_find(f, mark, f->r.name);
    res->kernel = line ? g_strdup(line) : NULL;
    if (res->outcome == O_REFUSED) {
        /* TrustZone was asked if the kernel reports a failed PAS call */
        after = tz_refusal(f);
        if (console_find(f, mark, "failed to authenticate") ||
            console_find(f, mark, "initializing firmware") ||
            console_find(f, mark, "relocation") || g_strcmp0(before, after)) {
            res->tz = g_strdup(after && *after ? after : "(no refusal recorded)");
        }
    }
    if (res->outcome == O_OOPS || res->outcome == O_ACCEPTED_SIGNED) {
        res->reproducer = save_reproducer(f, index, m, mark, outcome_names[res->outcome]);
    }
    return TRUE;
}

static void add_result(JsonBuilder *b, guint index, const RpMutation *m, const Result *r)
{
    json_builder_begin_object(b);
    rp_json_add_int(b, "index", index);
    rp_json_add_string(b, "kind", rp_mut_kind_name(m->kind));
    rp_json_add_string(b, "what", m->what);
    rp_json_add_string(b, "cover", mbn_cover_name(m->cover));
    rp_json_add_string(b, "class", outcome_names[r->outcome]);
    if (r->err) {
        rp_json_add_string(b, "errno", r->err);
    }
    if (r->tz) {
        rp_json_add_string(b, "trustzone", r->tz);
    }
    if (r->kernel) {
        rp_json_add_string(b, "kernel", r->kernel);
    }
    if (r->oops) {
        rp_json_add_string(b, "oops", r->oops);
    }
    if (r->reproducer) {
        rp_json_add_string(b, "reproducer", r->reproducer);
    }
    json_builder_end_object(b);
}

int rp_fuzz_images(RpOptions *o, const RpFuzzParams *p, RpFuzzCounts *counts)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GRand) rng = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autofree char *images = NULL;
    Fuzz f = { .o = o };
    double t0;
    guint done = 0;
    int rc;

    *counts = (RpFuzzCounts){ 0 };
    f.ss = rprocsim_subsys_find(rprocsim_board_default(), p->subsystem ? p->subsystem : "adsp");
    if (!f.ss) {
        fprintf(stderr, "rprocsim fuzz-images: no subsystem '%s' (rprocsim subsystems lists them)\n",
                p->subsystem);
        return 2;
    }
    f.fw_dir = g_path_get_dirname(f.ss->firmware_name);
    f.stem = g_path_get_basename(f.ss->firmware_name);
    *strrchr(f.stem, '.') = '\0';
    {
        char *abs = g_build_filename("/lib/firmware", f.fw_dir, NULL);

        g_free(f.fw_dir);
        f.fw_dir = abs;
    }
    images = rp_options_firmware_images(o);
    f.set = rp_image_set_load(images, f.stem, &f.meta, &err);
    if (!f.set) {
        fprintf(stderr, "rprocsim fuzz-images: %s\n", err->message);
        g_free(f.fw_dir);
        g_free(f.stem);
        return 2;
    }
    f.out = p->out ? g_strdup(p->out) : g_build_filename(o->build, "fuzz-images", NULL);
    if (g_mkdir_with_parents(f.out, 0755)) {
        fprintf(stderr, "rprocsim fuzz-images: cannot create %s: %s\n", f.out, g_strerror(errno));
        rc = 2;
        goto out;
    }
    rng = g_rand_new_with_seed((guint32)p->seed);
    fprintf(stderr, "fuzz-images: %s images of %s, seed %" G_GINT64_FORMAT ", %d mutations, kernel %s\n",
            f.stem, images, p->seed, p->count, rp_options_kernel_release(o) ?: "?");
    t0 = g_get_monotonic_time() / 1e6;
    if (!boot(&f, &err)) {
        fprintf(stderr, "rprocsim fuzz-images: %s\n", err->message);
        rc = 1;
        goto out;
    }
    json_builder_begin_object(b);
    rp_json_add_string(b, "kernel", rp_options_kernel_release(o));
    rp_json_add_string(b, "subsystem", f.ss->name);
    rp_json_add_int(b, "seed", p->seed);
    json_builder_set_member_name(b, "mutations");
    json_builder_begin_array(b);
    for (int i = 0; i < p->count; i++) {
        g_autoptr(RpMutation) m = NULL;
        Result res = { 0 };

        if (p->budget_s && g_get_monotonic_time() / 1e6 - t0 > p->budget_s) {
            fprintf(stderr, "fuzz-images: time budget of %.0f s used, stopping\n", p->budget_s);
            break;
        }
        /* the kinds in turn, so every kind is tried in a short run */
        for (int k = 0; !m && k < RP_MUT_KINDS; k++) {
            m = rp_mutation_new((i + k) % RP_MUT_KINDS, f.set, f.stem, &f.meta, rng);
        }
        if (!m) {
            break;
        }
        if (!try_one(&f, i + 1, m, &res, &err)) {
            fprintf(stderr, "rprocsim fuzz-images: mutation %d (%s): %s\n", i + 1, m->what,
                    err->message);
            result_clear(&res);
            break;
        }
        f.counts[res.outcome]++;
        done++;
        fprintf(stderr, "[%d/%d] %s: %s (%s): %s%s%s%s%s\n", i + 1, p->count,
                rp_mut_kind_name(m->kind), m->what, mbn_cover_name(m->cover),
                outcome_names[res.outcome],
                res.err ? ", " : "", res.err ? res.err : "",
                res.tz ? ", TrustZone: " : "", res.tz ? res.tz : "");
        if (res.oops) {
            fprintf(stderr, "      %s\n", res.oops);
        }
        if (res.reproducer) {
            fprintf(stderr, "      reproducer: %s\n", res.reproducer);
        }
        add_result(b, i + 1, m, &res);
        if (res.outcome == O_OOPS && i + 1 < p->count && !boot(&f, &err)) {
            fprintf(stderr, "rprocsim fuzz-images: %s\n", err->message);
            result_clear(&res);
            break;
        }
        result_clear(&res);
    }
    json_builder_end_array(b);
    counts->tried = done;
    counts->boots = f.boots;
    counts->elapsed_s = g_get_monotonic_time() / 1e6 - t0;
    counts->refused = f.counts[O_REFUSED];
    counts->accepted = f.counts[O_ACCEPTED];
    counts->accepted_signed = f.counts[O_ACCEPTED_SIGNED];
    counts->oops = f.counts[O_OOPS];
    rp_json_add_int(b, "count", done);
    rp_json_add_int(b, "boots", f.boots);
    rp_json_add_double(b, "elapsed_s", counts->elapsed_s);
    json_builder_set_member_name(b, "classes");
    json_builder_begin_object(b);
    for (int c = 0; c < O_OUTCOMES; c++) {
        rp_json_add_int(b, outcome_names[c], f.counts[c]);
    }
    json_builder_end_object(b);
    rp_json_add_int(b, "accepted_signed", f.counts[O_ACCEPTED_SIGNED]);
    json_builder_end_object(b);
    fprintf(stderr, "fuzz-images: %u mutations in %.1f s: %u refused, %u accepted, "
            "%u accepted_signed, %u oops (%u boots)\n", done, counts->elapsed_s,
            f.counts[O_REFUSED], f.counts[O_ACCEPTED], f.counts[O_ACCEPTED_SIGNED],
            f.counts[O_OOPS], f.boots);
    if (p->json && !rp_json_write_file(b, p->json, &err)) {
        fprintf(stderr, "rprocsim fuzz-images: %s\n", err->message);
    }
    rc = err ? 1 : (f.counts[O_OOPS] || f.counts[O_ACCEPTED_SIGNED]) ? 1 : 0;
out:
    rp_rproc_clear(&f.r);
    g_clear_pointer(&f.vm, rp_vm_free);
    g_hash_table_unref(f.set);
    mbn_meta_clear(&f.meta);
    g_free(f.fw_dir);
    g_free(f.stem);
    g_free(f.out);
    return rc;
}

int rp_cmd_fuzz_images(int argc, char **argv)
{
    RpOptions o = { 0 };
    RpFuzzParams p = { .seed = 1, .count = 100 };
    RpFuzzCounts counts;
    g_autofree char *json = NULL, *out = NULL, *subsys = NULL;
    GOptionEntry entries[] = {
        { "seed", 0, 0, G_OPTION_ARG_INT64, &p.seed, "seed of the mutations (default 1)", "N" },
        { "count", 0, 0, G_OPTION_ARG_INT, &p.count, "mutations to try (default 100)", "N" },
        { "time", 0, 0, G_OPTION_ARG_DOUBLE, &p.budget_s,
          "stop after this many seconds (default: no limit)", "S" },
        { "subsystem", 0, 0, G_OPTION_ARG_STRING, &subsys,
          "the subsystem whose images are mutated (default adsp)", "NAME" },
        { "json", 0, 0, G_OPTION_ARG_FILENAME, &json,
          "write counts per class and every mutation as JSON", "FILE" },
        { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
          "folder for consoles and reproducers (default BUILD/fuzz-images)", "DIR" },
        { NULL },
    };
    const RpCommand cmd = {
        .name = "fuzz-images", .entries = entries, .shared = &o,
        .description =
            "Mutates the subsystem's signed image (bit flips; ELF header, program\n"
            "header, hash segment header and table, signature and segment data\n"
            "changes; truncation; split .mdt/.bNN inconsistencies), feeds each\n"
            "mutation through the kernel's sysfs start in one guest, and classifies\n"
            "it: refused (errno, TrustZone's cause), accepted (allowed only where no\n"
            "hash or signature covers the change; accepted_signed counts the rest),\n"
            "oops (a reproducer is saved: images, console, scenario; the guest is\n"
            "booted again). Exit status 0: no finding; 1: an Oops or an accepted\n"
            "signed image; 2: unusable input. See docs/fuzz-images.md.",
    };
    g_autoptr(GError) err = NULL;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc > 1 || p.count < 1 || p.budget_s < 0) {
        fprintf(stderr, "rprocsim fuzz-images: %s\n",
                argc > 1 ? "unexpected arguments" : "--count must be at least 1 and --time not negative");
        return 2;
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim fuzz-images: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    if (rp_options_board(&o)->family != RPROCSIM_FAMILY_QCOM_PAS) {
        fprintf(stderr, "rprocsim fuzz-images: it mutates signed Qualcomm PAS images; board "
                "%s has none (use %s)\n", o.board, rprocsim_board_default()->machine);
        return 2;
    }
    p.subsystem = subsys;
    p.json = json;
    p.out = out;
    return rp_fuzz_images(&o, &p, &counts);
}
