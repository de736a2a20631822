/*
 * rprocsim run: carry out scenario files (docs/scenarios.md) against the
 * stock kernel on qcs6490-sim. Each scenario boots its own guest; its
 * steps (steps.c) run once per subsystem it names, each such pass being
 * one TAP test point (and one JUnit test case, junit.c). Kernel messages
 * are read from dmesg, which each round of a pass clears. The guest is
 * booted once per board and patch set, saved when its subsystems have
 * settled (a base), and each scenario restores it (guest-boot.c), unless
 * it or --boot asks for a fresh boot. Up to -j
 * scenarios run at once, each on a worker thread with its own guest; TAP
 * comes out in the order of the set whatever order they end in. --shard
 * K/N takes every Nth scenario (shard.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "guest-proto.h"
#include "junit.h"
#include "guest-boot.h"
#include "oops.h"
#include "patched.h"
#include "qmp.h"
#include "rproc.h"
#include "scenario.h"
#include "shard.h"
#include "steps.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/*
 * A patched guest: are the replaced modules the ones loaded? Adds the
 * taint and srcversion lines to @notes; returns why not (caller frees), or
 * NULL if they are.
 */
static char *check_patched(const RpOptions *o, RpVm *vm, GPtrArray *notes)
{
    g_autoptr(GError) err = NULL;
    RpPatchedCheck c;
    GString *why;

    if (!rp_patched_check_guest(vm, o->patched, RP_STEP_AGENT_TIMEOUT_S, &c, &err)) {
        rp_patched_check_clear(&c);
        return g_strdup_printf("the patched guest could not be checked: %s", err->message);
    }
    for (guint i = 0; i < c.lines->len; i++) {
        g_ptr_array_add(notes, g_strdup(g_ptr_array_index(c.lines, i)));
    }
    if (!c.problems->len) {
        rp_patched_check_clear(&c);
        return NULL;
    }
    why = g_string_new("--patch: ");
    for (guint i = 0; i < c.problems->len; i++) {
        g_string_append_printf(why, "%s%s", i ? "; " : "",
                               (char *)g_ptr_array_index(c.problems, i));
    }
    rp_patched_check_clear(&c);
    return g_string_free(why, FALSE);
}

/*
 * Boot a guest for @sc and run its passes into @results; @notes gets the
 * TAP comment lines about the boot (a patched guest's taint and modules).
 */
static void run_scenario(const RpOptions *all_o, const char *out_top, const RpScenario *sc,
                         const char *base, int index, int total, GPtrArray *results,
                         GPtrArray *notes)
{
    /* the scenario's board (and its core type unless --cpu was given) */
    RpOptions board_o = rp_options_for_board(all_o, sc->board);
    const RpOptions *o = &board_o;
    g_autofree char *out_dir = g_build_filename(out_top, sc->name, NULL);
    g_autofree char *console_log = g_build_filename(out_dir, "console.log", NULL);
    g_autofree char *firmware_dir = rp_options_firmware_elf_dir(o);
    g_autofree char *patch_problem = NULL;
    g_autoptr(GError) boot_err = NULL;
    unsigned nsub;
    const RpSubsys *all = rp_subsystems(rp_options_board(o), &nsub);
    const char *release = rp_options_kernel_release(o);
    g_autofree char *unusable = NULL;  /* the pass that left the guest agent gone, and why */
    RpPass p = { 0 };

    fprintf(stderr, "[%d/%d] %s: %s\n", index, total, sc->name, sc->summary);
    g_mkdir_with_parents(out_dir, 0755);
    p.out_dir = out_dir;
    p.firmware_dir = firmware_dir;
    p.vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.baseline = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.vm = base ? rp_guest_restore(o, base, console_log, &p.qmp, &boot_err)
                : rp_guest_boot(o, console_log, &p.qmp, &boot_err);
    if (p.vm && o->patched) {
        patch_problem = check_patched(o, p.vm, notes);
        if (patch_problem) {
            fprintf(stderr, "[%d/%d]   %s\n", index, total, patch_problem);
        }
    }
    for (char **name = sc->subsystems; *name; name++) {
        RpResult *res = g_new0(RpResult, 1);
        gint64 t0 = g_get_monotonic_time();
        g_autoptr(GError) err = NULL;
        const RpSubsys *ss = NULL;
        guint mark = p.vm ? rp_vm_console_mark(p.vm) : 0;
        RpOops oops;

        for (unsigned i = 0; i < nsub; i++) {
            if (g_str_equal(all[i].name, *name)) {
                ss = &all[i];
            }
        }
        p.log = g_string_new(NULL);
        res->scenario = g_strdup(sc->name);
        /* the kernel release in the name: one report can hold several kernels' runs */
        res->subsys = release ? g_strdup_printf("%s [%s]", *name, release) : g_strdup(*name);
        if (p.vm) {
            rp_vm_watch_oops(p.vm, mark);       /* an Oops ends the pass's waits at once */
        }
        if (!p.vm) {
            res->message = g_strdup_printf("the guest %s: %s", base ? "was not restored"
                                           : "did not boot", boot_err->message);
        } else if (unusable) {
            res->message = g_strdup_printf("guest unusable after the earlier %s", unusable);
        } else if (ss && rp_pass_run(&p, sc, ss, 0, NULL, NULL, &err)) {
            res->ok = TRUE;
        } else {
            /* an Oops or a gone agent says why already */
            if (err && !g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS) &&
                !rp_vm_agent_gone(p.vm)) {
                /* a channel that failed because QEMU died: say what QEMU said */
                g_autofree char *during = g_strdup_printf("the pass (%s)", err->message);

                rp_vm_explain_exit(p.vm, 0.5, during, &err);
            }
            res->message = g_strdup(err ? err->message : "unknown subsystem");
        }
        /* a kernel Oops, BUG or WARN during the pass is its verdict */
        if (p.vm && rp_oops_find(rp_vm_console_lines(p.vm), mark, &oops)) {
            g_autofree char *summary = rp_oops_summary(&oops);
            char *was = res->message;

            res->ok = FALSE;
            if (g_error_matches(err, RP_VM_ERROR, RP_VM_ERROR_OOPS)) {
                res->message = g_strdup_printf("%s (full text in %s); the pass stopped at it",
                                               summary, console_log);
            } else if (was && strstr(was, summary)) {   /* "guest agent gone: ...; SUMMARY" */
                res->message = g_strdup_printf("%s (full text in %s)", was, console_log);
            } else {
                res->message = g_strdup_printf("%s (full text in %s)%s%s", summary,
                                               console_log, was ? "; the pass said: " : "",
                                               was ? was : "");
            }
            g_free(was);
            rp_oops_clear(&oops);
        }
        /* the stock module instead of the patched one: the pass tested the wrong code */
        if (patch_problem) {
            char *was = res->message;

            res->ok = FALSE;
            res->message = g_strdup_printf("%s%s%s", patch_problem,
                                           was ? "; the pass said: " : "", was ? was : "");
            g_free(was);
        }
        if (p.vm && !unusable && rp_vm_agent_gone(p.vm)) {
            unusable = g_strdup_printf("%s pass: %s", *name, rp_vm_agent_gone(p.vm));
        }
        rp_rproc_clear(&p.r);
        g_clear_pointer(&p.last_dump, g_bytes_unref);
        res->seconds = (g_get_monotonic_time() - t0) / 1e6;
        res->log = g_string_free(p.log, FALSE);
        fprintf(stderr, "[%d/%d]   %s: %s (%.1f s)%s%s\n", index, total, *name,
                res->ok ? "ok" : "FAILED",
                res->seconds, res->ok ? "" : ": ", res->ok ? "" : res->message);
        g_ptr_array_add(results, res);
    }
    g_clear_pointer(&p.vm, rp_vm_free);
    g_hash_table_unref(p.vars);
    g_hash_table_unref(p.baseline);
}

/*
 * A scenario's patches= set (docs/scenarios.md): the run's options with
 * those patches after the user's, resolved once per distinct set (the
 * patch build is cached too). NULL if they cannot be used: *@skip TRUE and
 * *@why the reason when the patch build calls them unusable here (they do
 * not apply to this kernel, say), *@skip FALSE for a set-up failure.
 */
typedef struct PatchedSet {
    RpOptions o;
    char *why;          /* NULL if usable */
    gboolean skip;
} PatchedSet;

static const RpOptions *patched_options(const RpOptions *given, const RpScenario *sc,
                                        GHashTable *cache, gboolean *skip, const char **why)
{
    g_autofree char *key = g_strjoinv("\n", sc->patches);
    PatchedSet *set = g_hash_table_lookup(cache, key);

    if (!set) {
        g_autoptr(GError) err = NULL;

        set = g_new0(PatchedSet, 1);
        fprintf(stderr, "      %s needs %u patch(es): building its guest\n", sc->name,
                g_strv_length(sc->patches));
        if (!rp_options_with_patches(given, sc->patches, &set->o, &err)) {
            set->skip = rp_options_exit_status(err) == 2;
            set->why = g_strdup(err->message);
        }
        g_hash_table_insert(cache, g_steal_pointer(&key), set);
    }
    *skip = set->skip;
    *why = set->why;
    return set->why ? NULL : &set->o;
}

/* Each pass of @sc as not run: skipped (@skip) or failed, for @why */
static void not_run(const RpScenario *sc, const char *release, gboolean skip, const char *why,
                    GPtrArray *results)
{
    for (char **name = sc->subsystems; *name; name++) {
        RpResult *res = g_new0(RpResult, 1);

        res->scenario = g_strdup(sc->name);
        res->subsys = release ? g_strdup_printf("%s [%s]", *name, release) : g_strdup(*name);
        res->ok = skip;
        res->skipped = skip;
        res->message = g_strdup_printf("%s%s", skip ? "its patches cannot be used here: " : "",
                                       why);
        if (skip) {
            g_strdelimit(res->message, "\n", ' ');     /* one TAP line */
        }
        res->log = g_strdup("");
        fprintf(stderr, "      %s: %s: %s\n", *name, skip ? "skipped" : "FAILED", res->message);
        g_ptr_array_add(results, res);
    }
}

/* The firmware ELFs @sc's inspect steps read are there: a missing build stops early */
static gboolean firmware_for_inspect(const RpOptions *o, const RpScenario *sc,
                                     GError **error)
{
    for (guint i = 0; i < sc->steps->len; i++) {
        const RpStep *st = g_ptr_array_index(sc->steps, i);

        for (char **name = sc->subsystems; st->kind == RP_STEP_INSPECT && *name; name++) {
            g_autofree char *elf = rp_options_firmware_elf(o, *name);

            if (!rp_need_firmware_elf(elf, error)) {
                g_prefix_error(error, "%s: [%s]: ", sc->name, st->group);
                return FALSE;
            }
        }
    }
    return TRUE;
}

/*
 * The saved machine scenarios of options @o on @board restore: made the
 * first time a set asks (one boot, guest-boot.c), in OUT/.base/N; NULL
 * (and said on stderr) if it could not be made, the scenarios then boot
 * their own guests. @cache maps "options board" to the state path
 * ("" for a failed one); @made collects the paths to delete at the end.
 */
static const char *base_for(const RpOptions *o, const char *board, const char *out_top,
                            GHashTable *cache, GPtrArray *made)
{
    g_autofree char *key = g_strdup_printf("%p %s", (const void *)o, board);
    const char *have = g_hash_table_lookup(cache, key);

    if (!have) {
        RpOptions bo = rp_options_for_board(o, board);
        g_autofree char *n = g_strdup_printf("%u", g_hash_table_size(cache) + 1);
        g_autofree char *dir = g_build_filename(out_top, ".base", n, NULL);
        g_autoptr(GError) err = NULL;
        gint64 t0 = g_get_monotonic_time();
        char *state;

        fprintf(stderr, "      booting %s once to restore its scenarios from (%s)\n", board,
                dir);
        state = rp_guest_make_base(&bo, dir, &err);
        if (state) {
            fprintf(stderr, "      saved in %.1f s\n", (g_get_monotonic_time() - t0) / 1e6);
            g_ptr_array_add(made, g_strdup(state));
        } else {
            fprintf(stderr, "      could not save it (%s): its scenarios boot on their "
                    "own\n", err->message);
        }
        have = state ? state : g_strdup("");
        g_hash_table_insert(cache, g_steal_pointer(&key), (char *)have);
    }
    return *have ? have : NULL;
}

/* One scenario of the run: what it runs with, and what it gave */
typedef struct RunJob {
    const RpScenario *sc;
    const RpOptions *o;         /* NULL: not run (@skip, @why) */
    gboolean skip;
    const char *why;
    const char *out_top;
    const char *release;        /* the kernel's, for passes not run */
    const char *base;           /* the saved machine it restores, NULL: a fresh boot */
    int index, total;           /* its "[index/total]" */
    GPtrArray *results;         /* RpResult *, its passes */
    GPtrArray *notes;           /* char *, about its boot */
    gboolean done;
} RunJob;

/* Shared by the workers and the thread printing TAP */
typedef struct RunQueue {
    GMutex lock;
    GCond cond;
} RunQueue;

static void run_job(RunJob *j)
{
    if (j->o) {
        run_scenario(j->o, j->out_top, j->sc, j->base, j->index, j->total, j->results,
                     j->notes);
    } else {
        fprintf(stderr, "[%d/%d] %s: %s\n", j->index, j->total, j->sc->name,
                j->sc->summary);
        not_run(j->sc, j->release, j->skip, j->why, j->results);
    }
}

/* A worker thread of the pool: run @data, a RunJob, then say it is done */
static void run_worker(gpointer data, gpointer user_data)
{
    RunJob *j = data;
    RunQueue *q = user_data;

    run_job(j);
    g_mutex_lock(&q->lock);
    j->done = TRUE;
    g_cond_broadcast(&q->cond);
    g_mutex_unlock(&q->lock);
}

int rp_cmd_run(int argc, char **argv)
{
    RpOptions o = { 0 };
    g_autofree char *junit = NULL, *out_top = NULL, *shard = NULL, *boot = NULL;
    gint jobs_asked = 0;
    GOptionEntry entries[] = {
        { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs_asked,
          "run up to N scenarios at once, each with its own guest (default: the "
          "host's processors)", "N" },
        { "boot", 0, 0, G_OPTION_ARG_STRING, &boot,
          "'snapshot' (default): boot once per board and patch set, restore each "
          "scenario from the saved machine; 'fresh': every scenario boots", "HOW" },
        { "shard", 0, 0, G_OPTION_ARG_STRING, &shard,
          "run only shard K of N: every Nth scenario of the set, from the Kth "
          "(merge the shards' --junit files with 'rprocsim junit-merge')", "K/N" },
        { "junit", 0, 0, G_OPTION_ARG_FILENAME, &junit,
          "also write the results as JUnit XML to FILE", "FILE" },
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_top,
          "folder for each scenario's console.log and dumps (default: BUILD/scenarios)",
          "DIR" },
        { NULL }
    };
    const RpCommand cmd = {
        "run", "SCENARIO|FOLDER... - run scenario files", entries, &o,
        "Each SCENARIO file (see docs/scenarios.md; a FOLDER means its *.scenario files,\n"
        "e.g. scenarios/) gets a guest of its own, restored from one booted and saved\n"
        "once per board and patch set (--boot fresh, or boot=fresh in the file: a boot\n"
        "of its own), and runs its steps once per subsystem it names. TAP goes to\n"
        "stdout in the order of the set, progress to stderr (\"[n/total]\" says which\n"
        "scenario a line is about when several run at once). Exit status 0 only if\n"
        "every pass held; 2 for unusable input. On qcs6490-sim virtual time warps\n"
        "over idle stretches by default (--time auto; real for host time, warp\n"
        "for every board; docs/scenarios.md).\n\n"
        RP_PATCH_HELP
        "The TAP header and the JUnit properties then name the patches and replaced\n"
        "modules; after each boot the kernel taint and the loaded modules' srcversion\n"
        "are read, and a stock module in place of a patched one fails the passes.\n\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim run scenarios/start-stop.scenario --junit build/junit.xml\n"
        "  build/meson/tools/rprocsim run scenarios/ --patch 0001-fix.patch"
    };
    g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func(
        (GDestroyNotify)rp_scenario_free);
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(rp_result_free);
    g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GPtrArray) patch_lines = NULL;
    g_autofree char *last_notes = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(GHashTable) patched = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) bases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GPtrArray) base_files = g_ptr_array_new_with_free_func(g_free);
    RpOptions given;
    guint planned = 0, failed = 0, shard_k = 1, shard_n = 1, jobs, numbered = 0;
    g_autofree RunJob *job = NULL;
    GThreadPool *pool = NULL;
    RunQueue queue;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    given = o;      /* as parsed: a scenario's patches= start from it */
    if (shard && !rp_shard_parse(shard, &shard_k, &shard_n, &err)) {
        fprintf(stderr, "rprocsim run: %s\n", err->message);
        return 2;
    }
    if (jobs_asked < 0 || jobs_asked > RP_JOBS_MAX) {
        fprintf(stderr, "rprocsim run: -j %d: give 1 to %d guests at once\n", jobs_asked,
                RP_JOBS_MAX);
        return 2;
    }
    jobs = rp_jobs_default(jobs_asked);
    if (boot && !g_str_equal(boot, "snapshot") && !g_str_equal(boot, "fresh")) {
        fprintf(stderr, "rprocsim run: --boot '%s': give 'snapshot' or 'fresh'\n", boot);
        return 2;
    }
    if (argc < 2) {
        fprintf(stderr, "rprocsim run: no scenario given (try scenarios/*.scenario)\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        g_autoptr(GPtrArray) files = rp_scenario_files(argv[i], &err);

        for (guint k = 0; files && k < files->len; k++) {
            RpScenario *sc = rp_scenario_load(g_ptr_array_index(files, k), &err);

            if (!sc) {
                break;
            }
            /* every file is checked; the shard keeps its share */
            if (!rp_shard_takes(numbered++, shard_k, shard_n)) {
                rp_scenario_free(sc);
                continue;
            }
            planned += g_strv_length(sc->subsystems);
            g_ptr_array_add(scenarios, sc);
        }
        if (err) {
            fprintf(stderr, "rprocsim run: %s\n", err->message);
            return 2;
        }
    }
    if (!o.time) {
        o.time = g_strdup(RP_TIME_AUTO);    /* the kernel's timeouts cost no wall time */
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim run: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    for (guint i = 0; i < scenarios->len; i++) {
        if (!firmware_for_inspect(&o, g_ptr_array_index(scenarios, i), &err)) {
            fprintf(stderr, "rprocsim run: %s\n", err->message);
            return 2;
        }
    }
    if (!out_top) {
        out_top = g_build_filename(o.build, "scenarios", NULL);
    }
    printf("1..%u\n", planned);
    printf("# kernel %s\n", rp_options_kernel_release(&o) ? rp_options_kernel_release(&o)
                                                          : "(release unknown)");
    /* a patched guest: its patches and modules, as "patch ..." and "module ..." */
    patch_lines = rp_options_patch_lines(&o);
    for (guint i = 0; i < patch_lines->len; i++) {
        const char *line = g_ptr_array_index(patch_lines, i);
        g_autofree char *name = g_strndup(line, strcspn(line, " "));

        printf("# %s\n", line);
        g_ptr_array_add(properties, rp_property_new(name, line + strlen(name) + 1));
    }
    printf("# time %s\n", o.time);
    g_ptr_array_add(properties, rp_property_new("time", o.time));
    if (shard) {
        printf("# shard %u/%u: %u of %u scenarios\n", shard_k, shard_n, scenarios->len,
               numbered);
    }
    fflush(stdout);
    /* the guests each scenario needs, built first and one at a time */
    job = g_new0(RunJob, scenarios->len);
    for (guint i = 0; i < scenarios->len; i++) {
        RunJob *j = &job[i];

        j->sc = g_ptr_array_index(scenarios, i);
        j->o = &o;
        j->out_top = out_top;
        j->release = rp_options_kernel_release(&o);
        j->index = (int)i + 1;
        j->total = (int)scenarios->len;
        j->results = g_ptr_array_new_with_free_func(rp_result_free);
        j->notes = g_ptr_array_new_with_free_func(g_free);
        if (j->sc->patches) {
            j->o = patched_options(&given, j->sc, patched, &j->skip, &j->why);
        }
        if (j->o && !j->sc->fresh_boot && g_strcmp0(boot, "fresh")) {
            j->base = base_for(j->o, j->sc->board, out_top, bases, base_files);
        }
    }
    g_mutex_init(&queue.lock);
    g_cond_init(&queue.cond);
    jobs = MIN(jobs, MAX(scenarios->len, 1u));
    if (jobs > 1) {
        fprintf(stderr, "rprocsim run: %u scenarios, up to %u at once\n", scenarios->len,
                jobs);
        pool = g_thread_pool_new(run_worker, &queue, (gint)jobs, TRUE, NULL);
        for (guint i = 0; i < scenarios->len; i++) {
            g_thread_pool_push(pool, &job[i], NULL);
        }
    }
    for (guint i = 0; i < scenarios->len; i++) {
        RunJob *j = &job[i];
        GPtrArray *notes = j->notes;
        guint first = results->len;

        if (pool) {
            g_mutex_lock(&queue.lock);
            while (!j->done) {
                g_cond_wait(&queue.cond, &queue.lock);
            }
            g_mutex_unlock(&queue.lock);
        } else {
            run_job(j);
        }
        for (guint k = 0; k < j->results->len; k++) {
            g_ptr_array_add(results, g_steal_pointer(&j->results->pdata[k]));
        }
        g_ptr_array_set_size(j->results, 0);
        /* each boot's notes, printed when they differ from the previous boot's */
        if (notes->len) {
            g_autofree char *joined = NULL;

            g_ptr_array_add(notes, NULL);
            joined = g_strjoinv("\n", (char **)notes->pdata);
            if (g_strcmp0(joined, last_notes)) {
                for (guint k = 0; k < notes->len - 1; k++) {
                    printf("# %s\n", (char *)g_ptr_array_index(notes, k));
                }
                g_free(last_notes);
                last_notes = g_steal_pointer(&joined);
            }
        }
        for (guint k = first; k < results->len; k++) {
            RpResult *r = g_ptr_array_index(results, k);

            printf("%s %u - %s: %s%s%s\n", r->ok ? "ok" : "not ok", k + 1, r->scenario,
                   r->subsys, r->skipped ? " # SKIP " : "", r->skipped ? r->message : "");
            if (!r->ok) {
                g_auto(GStrv) lines = g_strsplit(r->log, "\n", -1);
                g_auto(GStrv) msg = g_strsplit(r->message, "\n", -1);

                failed++;
                for (char **l = msg; *l; l++) {
                    printf("# %s\n", *l);
                }
                for (char **l = lines; *l; l++) {
                    if (**l) {
                        printf("#   %s\n", *l);
                    }
                }
            }
            fflush(stdout);
        }
    }
    if (pool) {
        g_thread_pool_free(pool, FALSE, TRUE);
    }
    for (guint i = 0; i < scenarios->len; i++) {
        g_ptr_array_unref(job[i].results);
        g_ptr_array_unref(job[i].notes);
    }
    g_mutex_clear(&queue.lock);
    g_cond_clear(&queue.cond);
    /* the saved machines are large (the guest's RAM in use); their boot logs stay */
    for (guint i = 0; i < base_files->len; i++) {
        g_unlink(g_ptr_array_index(base_files, i));
    }
    if (junit && !rp_junit_write(junit, results, properties, &err)) {
        fprintf(stderr, "rprocsim run: cannot write %s: %s\n", junit, err->message);
        return 2;
    }
    fprintf(stderr, "%u of %u passed\n", planned - failed, planned);
    return failed ? 1 : 0;
}
