/*
 * rprocsim bench matrix (bench-matrix.h): each scenario set through a
 * child 'rprocsim run', timed from its start to its exit, its outcome
 * read back from the JUnit file it writes. The child's progress goes to
 * stderr as it comes; its TAP is kept in OUT/tap.txt.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "bench-matrix.h"
#include "json-out.h"
#include "junit.h"
#include "scenario.h"
#include "stats.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/* What one child 'rprocsim run' gave */
typedef struct SetRun {
    double wall_s;          /* from spawning it to its exit */
    GPtrArray *results;     /* RpResult *, from its --junit file */
    guint passed, failed, skipped;
} SetRun;

static void set_run_clear(SetRun *r)
{
    g_clear_pointer(&r->results, g_ptr_array_unref);
}

/*
 * 'rprocsim run [@forward] [@jobs] --out @out --junit @out/junit.xml
 * @what'. FALSE with @error if it could not run, said the input was
 * unusable (status 2) or left no readable JUnit file; a run whose passes
 * failed (status 1) is TRUE, its failures counted in @r.
 */
static gboolean run_set(const GPtrArray *forward, const char *jobs, const char *out,
                        const char *what, SetRun *r, GError **error)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", error);
    g_autofree char *junit = g_build_filename(out, "junit.xml", NULL);
    g_autofree char *tap_path = g_build_filename(out, "tap.txt", NULL);
    g_autofree char *tap = NULL, *xml = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
    int status = 0;
    gint64 t0;

    memset(r, 0, sizeof(*r));
    if (!self) {
        return FALSE;
    }
    g_ptr_array_add(argv, self);
    g_ptr_array_add(argv, "run");
    for (guint i = 0; i < forward->len; i++) {
        g_ptr_array_add(argv, g_ptr_array_index(forward, i));
    }
    if (jobs) {
        g_ptr_array_add(argv, (char *)jobs);
    }
    g_ptr_array_add(argv, "--out");
    g_ptr_array_add(argv, (char *)out);
    g_ptr_array_add(argv, "--junit");
    g_ptr_array_add(argv, junit);
    g_ptr_array_add(argv, (char *)what);
    g_ptr_array_add(argv, NULL);
    if (g_mkdir_with_parents(out, 0755) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot make %s: %s",
                    out, g_strerror(errno));
        return FALSE;
    }
    g_unlink(junit);    /* an old one must not pass for this run's */
    t0 = g_get_monotonic_time();
    /* stderr (the run's progress) is the user's terminal */
    if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &tap,
                      NULL, &status, error)) {
        return FALSE;
    }
    r->wall_s = (g_get_monotonic_time() - t0) / 1e6;
    g_file_set_contents(tap_path, tap, -1, NULL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
        g_set_error(error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                    "'rprocsim run %s' ended with status %d (its TAP is in %s)", what,
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1, tap_path);
        return FALSE;
    }
    r->results = g_ptr_array_new_with_free_func(rp_result_free);
    if (!g_file_get_contents(junit, &xml, NULL, error) ||
        !rp_junit_parse(xml, -1, r->results, props, error)) {
        g_prefix_error(error, "the results of 'rprocsim run %s': ", what);
        return FALSE;
    }
    for (guint i = 0; i < r->results->len; i++) {
        const RpResult *res = g_ptr_array_index(r->results, i);

        if (res->skipped) {
            r->skipped++;
        } else if (res->ok) {
            r->passed++;
        } else {
            r->failed++;
        }
    }
    if (!r->results->len) {
        g_set_error(error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                    "'rprocsim run %s' ran no pass (its TAP is in %s)", what, tap_path);
        return FALSE;
    }
    return TRUE;
}

/* "N of M passed[, K skipped]" of @r, for the figures' lines (caller frees) */
static char *outcome(const SetRun *r)
{
    GString *s = g_string_new(NULL);

    g_string_printf(s, "%u of %u passed", r->passed, r->passed + r->failed);
    if (r->skipped) {
        g_string_append_printf(s, ", %u skipped", r->skipped);
    }
    return g_string_free(s, FALSE);
}

/*
 * The board of @folder's scenarios into @board (caller frees), or 2 with
 * a message on stderr: none there, unreadable, or of two boards.
 */
static int folder_board(const char *folder, char **board)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) files = rp_scenario_files(folder, &err);

    *board = NULL;
    for (guint i = 0; files && i < files->len; i++) {
        RpScenario *sc = rp_scenario_load(g_ptr_array_index(files, i), &err);

        if (!sc) {
            break;
        }
        if (*board && g_strcmp0(*board, sc->board)) {
            fprintf(stderr, "rprocsim bench: matrix: %s holds scenarios of %s and of %s: "
                    "give one board's set per folder\n", folder, *board, sc->board);
            rp_scenario_free(sc);
            g_clear_pointer(board, g_free);
            return 2;
        }
        if (!*board) {
            *board = g_strdup(sc->board);
        }
        rp_scenario_free(sc);
    }
    if (err) {
        fprintf(stderr, "rprocsim bench: matrix: %s\n", err->message);
        g_clear_pointer(board, g_free);
        return 2;
    }
    return 0;
}

/* The median of the timeout scenario's passes with -j 1; 0 or 1 */
static int timeout_case(const RpOptions *o, const GPtrArray *forward, JsonBuilder *b)
{
    g_autofree char *scenario = rp_source_path(RP_BENCH_TIMEOUT_SCENARIO);
    g_autofree char *out = g_build_filename(o->build, "bench-matrix", "timeout", NULL);
    g_autoptr(GArray) secs = g_array_new(FALSE, FALSE, sizeof(double));
    g_autoptr(GError) err = NULL;
    g_autofree char *said = NULL;
    SetRun r;
    double median;

    printf("timeout case: %s, one guest (-j 1); each pass waits out the kernel's 5 s "
           "start timeout\n", RP_BENCH_TIMEOUT_SCENARIO);
    fflush(stdout);
    if (!run_set(forward, "--jobs=1", out, scenario, &r, &err)) {
        fprintf(stderr, "rprocsim bench: timeout case: %s\n", err->message);
        return 1;
    }
    for (guint i = 0; i < r.results->len; i++) {
        const RpResult *res = g_ptr_array_index(r.results, i);

        if (res->ok && !res->skipped) {
            g_array_append_val(secs, res->seconds);
        }
    }
    said = outcome(&r);
    if (!secs->len) {
        fprintf(stderr, "rprocsim bench: timeout case: %s (output in %s)\n", said, out);
        set_run_clear(&r);
        return 1;
    }
    median = rp_median((double *)secs->data, secs->len);
    printf("%-30s %7.2f  (median of %u passes, %s)\n", "timeout_case_s", median, secs->len,
           said);
    rp_json_add_double(b, "timeout_case_s", median);
    set_run_clear(&r);
    return r.failed ? 1 : 0;
}

int rp_bench_matrix(const RpOptions *o, const GPtrArray *forward, char **folders,
                    JsonBuilder *b)
{
    g_autofree char *qcom = rp_source_path("scenarios");
    g_autofree char *k3 = rp_source_path("scenarios/am64x");
    char *defaults[] = { qcom, k3, NULL };
    char **sets = folders && *folders ? folders : defaults;
    g_auto(GStrv) boards = g_new0(char *, g_strv_length(sets) + 1);
    int rc = 0;

    /* every folder is checked before the first run */
    for (guint i = 0; sets[i]; i++) {
        rc = folder_board(sets[i], &boards[i]);
        if (rc) {
            return rc;
        }
    }
    rc = timeout_case(o, forward, b);
    for (guint i = 0; sets[i]; i++) {
        g_autofree char *key = g_strdup_printf("matrix_s_%s_%s", boards[i], o->kernel_suite);
        g_autofree char *out = g_build_filename(o->build, "bench-matrix", boards[i], NULL);
        g_autoptr(GError) err = NULL;
        g_autofree char *said = NULL;
        SetRun r;

        g_strdelimit(key, "-", '_');
        printf("matrix: %s (%s), the whole set as 'rprocsim run' runs it\n", sets[i],
               boards[i]);
        fflush(stdout);
        if (!run_set(forward, NULL, out, sets[i], &r, &err)) {
            fprintf(stderr, "rprocsim bench: matrix: %s\n", err->message);
            rc = 1;
            continue;
        }
        said = outcome(&r);
        printf("%-30s %7.1f  (wall, %s; target < 60)\n", key, r.wall_s, said);
        fflush(stdout);
        rp_json_add_double(b, key, r.wall_s);
        if (r.failed) {
            fprintf(stderr, "rprocsim bench: matrix: %s: %s (TAP in %s/tap.txt)\n", sets[i],
                    said, out);
            rc = 1;
        }
        set_run_clear(&r);
    }
    return rc;
}
