/*
 * rprocsim: scenario file parser (format: docs/scenarios.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scenario.h"
#include "subsys.h"

#include <string.h>

G_DEFINE_QUARK(rp-scenario-error-quark, rp_scenario_error)

/* What each step kind takes: its main key, an optional second key, options */
static const struct {
    const char *name;
    const char *key;
    const char *key2;
    gboolean key2_required;
    gboolean fails;     /* accepts fails=true */
    gboolean timeout;   /* accepts timeout= */
} kinds[RP_STEP_COUNT] = {
    [RP_STEP_ENSURE]    = { "ensure",    "state",    "of",       FALSE, FALSE, TRUE },
    [RP_STEP_SYSFS]     = { "sysfs",     "attr",     "value",    TRUE,  TRUE,  FALSE },
    [RP_STEP_DEBUGFS]   = { "debugfs",   "file",     "value",    TRUE,  TRUE,  FALSE },
    [RP_STEP_INJECT]    = { "inject",    "fault",    NULL,       FALSE, FALSE, FALSE },
    [RP_STEP_TZ_INJECT] = { "tz-inject", "fault",    NULL,       FALSE, FALSE, FALSE },
    [RP_STEP_EXPECT]    = { "expect",    "message",  NULL,       FALSE, FALSE, TRUE },
    [RP_STEP_ABSENT]    = { "absent",    "message",  NULL,       FALSE, FALSE, FALSE },
    [RP_STEP_STATE]     = { "state",     "value",    NULL,       FALSE, FALSE, TRUE },
    [RP_STEP_TZ]        = { "tz",        "property", "contains", FALSE, FALSE, FALSE },
    [RP_STEP_GUEST]     = { "guest",     "command",  NULL,       FALSE, TRUE,  TRUE },
    [RP_STEP_DUMP]      = { "dump",      "format",   NULL,       FALSE, FALSE, FALSE },
    [RP_STEP_INSPECT]   = { "inspect",   "contains", NULL,       FALSE, FALSE, FALSE },
    [RP_STEP_SCI]       = { "sci",       "property", "bits",     TRUE,  FALSE, TRUE },
    [RP_STEP_SSR]       = { "ssr",       "of",       "contains", TRUE,  FALSE, TRUE },
};

const char *rp_step_kind_name(RpStepKind kind)
{
    return kind < RP_STEP_COUNT ? kinds[kind].name : "unknown";
}

static void step_free(gpointer p)
{
    RpStep *st = p;

    g_free(st->group);
    g_free(st->arg);
    g_free(st->arg2);
    g_free(st);
}

void rp_scenario_free(RpScenario *s)
{
    if (!s) {
        return;
    }
    g_free(s->name);
    g_free(s->summary);
    g_free(s->board);
    g_strfreev(s->patches);
    g_strfreev(s->subsystems);
    if (s->steps) {
        g_ptr_array_free(s->steps, TRUE);
    }
    g_free(s);
}

static gboolean fail(GError **error, const char *name, const char *group,
                     const char *fmt, ...) G_GNUC_PRINTF(4, 5);
static gboolean fail(GError **error, const char *name, const char *group,
                     const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, RP_SCENARIO_ERROR, 0, "%s: [%s]: %s", name, group, msg);
    return FALSE;
}

static gboolean check_keys(GKeyFile *kf, const char *name, const char *group,
                           const char *const *allowed, GError **error)
{
    g_auto(GStrv) keys = g_key_file_get_keys(kf, group, NULL, NULL);

    for (char **k = keys; k && *k; k++) {
        if (!g_strv_contains(allowed, *k)) {
            return fail(error, name, group, "unknown key '%s'", *k);
        }
    }
    return TRUE;
}

static gboolean parse_header(GKeyFile *kf, RpScenario *s, GError **error)
{
    static const char *const allowed[] = { "summary", "board", "subsystems", "repeat",
                                           "patches", "boot", NULL };
    g_autofree char *boot = NULL;
    g_autoptr(GError) err = NULL;
    const RprocsimBoard *board = rprocsim_board_default();
    gint repeat = 1;

    if (!check_keys(kf, s->name, "scenario", allowed, error)) {
        return FALSE;
    }
    s->board = g_key_file_get_string(kf, "scenario", "board", NULL);
    if (s->board) {
        g_strstrip(s->board);
        if (!(board = rprocsim_board_find(s->board))) {
            g_autofree char *names = rprocsim_board_names();

            return fail(error, s->name, "scenario", "unknown board '%s' (%s)", s->board, names);
        }
    } else {
        s->board = g_strdup(board->machine);
    }
    boot = g_key_file_get_string(kf, "scenario", "boot", NULL);
    if (boot) {
        g_strstrip(boot);
        if (!g_str_equal(boot, "fresh") && !g_str_equal(boot, "snapshot")) {
            return fail(error, s->name, "scenario", "'boot' is 'fresh' or 'snapshot', "
                        "not '%s'", boot);
        }
        s->fresh_boot = g_str_equal(boot, "fresh");
    }
    s->summary = g_key_file_get_string(kf, "scenario", "summary", NULL);
    s->patches = g_key_file_get_string_list(kf, "scenario", "patches", NULL, NULL);
    for (char **pt = s->patches; pt && *pt; pt++) {
        g_strstrip(*pt);
        if (!**pt) {
            return fail(error, s->name, "scenario", "'patches' has an empty entry");
        }
    }
    s->subsystems = g_key_file_get_string_list(kf, "scenario", "subsystems", NULL, NULL);
    if (!s->summary || !s->subsystems || !s->subsystems[0]) {
        return fail(error, s->name, "scenario", "'summary' and 'subsystems' are required");
    }
    for (char **ss = s->subsystems; *ss; ss++) {
        g_strstrip(*ss);
        if (!rprocsim_subsys_find(board, *ss)) {
            g_autofree char *names = rprocsim_subsys_names(board);

            return fail(error, s->name, "scenario", "unknown subsystem '%s' of %s (%s)",
                        *ss, board->machine, names);
        }
    }
    if (g_key_file_has_key(kf, "scenario", "repeat", NULL)) {
        repeat = g_key_file_get_integer(kf, "scenario", "repeat", &err);
        if (err || repeat < 1 || repeat > RP_SCENARIO_REPEAT_MAX) {
            return fail(error, s->name, "scenario", "'repeat' must be 1..%d",
                        RP_SCENARIO_REPEAT_MAX);
        }
    }
    s->repeat = repeat;
    return TRUE;
}

/* Boolean @key of @group into *@out (FALSE if absent); a bad value is an error */
static gboolean get_flag(GKeyFile *kf, const char *name, const char *group,
                         const char *key, gboolean *out, GError **error)
{
    g_autoptr(GError) err = NULL;

    *out = FALSE;
    if (!g_key_file_has_key(kf, group, key, NULL)) {
        return TRUE;
    }
    *out = g_key_file_get_boolean(kf, group, key, &err);
    return err ? fail(error, name, group, "'%s' must be true or false", key) : TRUE;
}

/* Kinds whose main value is one of a few words */
static gboolean check_value(const RpStep *st, const char *name, GError **error)
{
    static const char *const states[] = { "running", "offline", NULL };
    static const char *const formats[] = { "elf", "minidump", NULL };

    if (st->kind == RP_STEP_ENSURE && st->arg && !g_strv_contains(states, st->arg)) {
        return fail(error, name, st->group, "'state' must be running or offline");
    }
    if (st->kind == RP_STEP_DUMP && st->arg && !g_strv_contains(formats, st->arg)) {
        return fail(error, name, st->group, "'format' must be elf or minidump");
    }
    return TRUE;
}

const char *const rp_scenario_variables[] = {
    "ss", "name", "dev", "sysfs", "debugfs", "fw", "n", NULL
};

/* Every ${...} of the step's values is a variable a pass sets */
static gboolean check_variables(const RpStep *st, const char *name, GError **error)
{
    g_autoptr(GHashTable) vars = g_hash_table_new(g_str_hash, g_str_equal);
    const char *values[] = { st->arg, st->arg2 };

    for (const char *const *v = rp_scenario_variables; *v; v++) {
        g_hash_table_insert(vars, (char *)*v, "");
    }
    for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
        g_autoptr(GError) err = NULL;
        g_autofree char *out = values[i] ? rp_scenario_expand(values[i], vars, &err) : NULL;

        if (values[i] && !out) {
            return fail(error, name, st->group, "%s", err->message);
        }
    }
    return TRUE;
}

static RpStep *parse_step(GKeyFile *kf, const char *name, const char *group,
                          GError **error)
{
    g_autofree char *kind = g_key_file_get_string(kf, group, "do", NULL);
    g_autoptr(GError) err = NULL;
    RpStep *st;
    int k;

    for (k = 0; k < RP_STEP_COUNT && (!kind || strcmp(kind, kinds[k].name)); k++) {
    }
    if (k == RP_STEP_COUNT) {
        fail(error, name, group, "'do' must name a step kind, got '%s'",
             kind ? kind : "(nothing)");
        return NULL;
    }
    {
        const char *allowed[] = { "do", kinds[k].key, "timeout",
                                  kinds[k].fails ? "fails" : "do",
                                  k == RP_STEP_TZ ? "grew" : "do",
                                  kinds[k].key2 ? kinds[k].key2 : "do", NULL };

        if (!kinds[k].timeout) {
            allowed[2] = "do";
        }
        if (!check_keys(kf, name, group, allowed, error)) {
            return NULL;
        }
    }
    st = g_new0(RpStep, 1);
    st->kind = k;
    st->group = g_strdup(group);
    st->arg = g_key_file_get_string(kf, group, kinds[k].key, NULL);
    st->arg2 = kinds[k].key2 ? g_key_file_get_string(kf, group, kinds[k].key2, NULL) : NULL;
    st->timeout_s = RP_STEP_DEFAULT_TIMEOUT_S;
    if (g_key_file_has_key(kf, group, "timeout", NULL)) {
        st->timeout_s = g_key_file_get_double(kf, group, "timeout", &err);
        if (err || !(st->timeout_s > 0 && st->timeout_s <= 600)) {
            fail(error, name, group, "'timeout' must be a number of seconds, 0..600");
            step_free(st);
            return NULL;
        }
    }
    if (!get_flag(kf, name, group, "fails", &st->fails, error) ||
        !get_flag(kf, name, group, "grew", &st->grew, error) ||
        !check_value(st, name, error) || !check_variables(st, name, error)) {
        step_free(st);
        return NULL;
    }
    if (!st->arg || (kinds[k].key2_required && !st->arg2) ||
        (k == RP_STEP_TZ && !st->arg2 == !st->grew)) {
        fail(error, name, group, "'%s' needs %s%s%s", kinds[k].name, kinds[k].key,
             kinds[k].key2_required ? " and " : "",
             k == RP_STEP_TZ ? " and one of contains/grew=true"
                             : kinds[k].key2_required ? kinds[k].key2 : "");
        step_free(st);
        return NULL;
    }
    return st;
}

static gint compare_step_groups(gconstpointer a, gconstpointer b)
{
    const RpStep *x = *(RpStep *const *)a, *y = *(RpStep *const *)b;

    return (gint)(g_ascii_strtoull(x->group + 5, NULL, 10) -
                  g_ascii_strtoull(y->group + 5, NULL, 10));
}

RpScenario *rp_scenario_parse(const char *name, const char *text, gsize len,
                              GError **error)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_autoptr(RpScenario) s = g_new0(RpScenario, 1);
    g_auto(GStrv) groups = NULL;
    g_autoptr(GError) err = NULL;

    s->name = g_strdup(name);
    s->steps = g_ptr_array_new_with_free_func(step_free);
    if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
        g_set_error(error, RP_SCENARIO_ERROR, 0, "%s: %s", name, err->message);
        return NULL;
    }
    if (!g_key_file_has_group(kf, "scenario")) {
        fail(error, name, "scenario", "the [scenario] group is missing");
        return NULL;
    }
    if (!parse_header(kf, s, error)) {
        return NULL;
    }
    groups = g_key_file_get_groups(kf, NULL);
    for (char **g = groups; *g; g++) {
        guint64 n;
        RpStep *st;

        if (!strcmp(*g, "scenario")) {
            continue;
        }
        if (!g_str_has_prefix(*g, "step ") ||
            !g_ascii_string_to_unsigned(*g + 5, 10, 1, 999, &n, NULL)) {
            fail(error, name, *g, "groups are [scenario] and [step N], N = 1..999");
            return NULL;
        }
        for (guint i = 0; i < s->steps->len; i++) {
            const RpStep *prev = g_ptr_array_index(s->steps, i);

            if (g_ascii_strtoull(prev->group + 5, NULL, 10) == n) {
                fail(error, name, *g, "step %" G_GUINT64_FORMAT " appears twice", n);
                return NULL;
            }
        }
        st = parse_step(kf, name, *g, error);
        if (!st) {
            return NULL;
        }
        /* ensure of=, ssr of=: another subsystem of the same board (ssr: or ${ss}) */
        if (((st->kind == RP_STEP_ENSURE && st->arg2) ||
             (st->kind == RP_STEP_SSR && strcmp(g_strstrip(st->arg), "${ss}"))) &&
            !rprocsim_subsys_find(rprocsim_board_find(s->board),
                                  g_strstrip(st->kind == RP_STEP_SSR ? st->arg : st->arg2))) {
            fail(error, name, *g, "'of' names no subsystem of %s: '%s'", s->board,
                 st->kind == RP_STEP_SSR ? st->arg : st->arg2);
            step_free(st);
            return NULL;
        }
        if (st->kind == RP_STEP_SSR &&
            rprocsim_board_find(s->board)->family != RPROCSIM_FAMILY_QCOM_PAS) {
            fail(error, name, *g, "'ssr' needs a board with Qualcomm subsystems, not %s",
                 s->board);
            step_free(st);
            return NULL;
        }
        g_ptr_array_add(s->steps, st);
    }
    if (!s->steps->len) {
        fail(error, name, "scenario", "no [step N] groups");
        return NULL;
    }
    g_ptr_array_sort(s->steps, compare_step_groups);
    return g_steal_pointer(&s);
}

RpScenario *rp_scenario_load(const char *path, GError **error)
{
    g_autofree char *text = NULL, *base = g_path_get_basename(path);
    RpScenario *s;
    gsize len;

    if (!g_file_get_contents(path, &text, &len, error)) {
        return NULL;
    }
    if (g_str_has_suffix(base, ".scenario")) {
        base[strlen(base) - strlen(".scenario")] = '\0';
    }
    s = rp_scenario_parse(base, text, len, error);
    /* patches= are relative to the scenario's folder */
    for (char **pt = s ? s->patches : NULL; pt && *pt; pt++) {
        if (!g_path_is_absolute(*pt)) {
            g_autofree char *dir = g_path_get_dirname(path);
            char *abs = g_build_filename(dir, *pt, NULL);
            char *canon = g_canonicalize_filename(abs, NULL);

            g_free(abs);
            g_free(*pt);
            *pt = canon;
        }
    }
    return s;
}

char *rp_scenario_expand(const char *text, GHashTable *vars, GError **error)
{
    g_autoptr(GString) out = g_string_new(NULL);
    const char *p = text;

    while (*p) {
        const char *close;
        g_autofree char *key = NULL;
        const char *val;

        if (g_str_has_prefix(p, "$${")) {
            g_string_append(out, "${");     /* the guest shell's, not ours */
            p += 3;
            continue;
        }
        if (!g_str_has_prefix(p, "${")) {
            g_string_append_c(out, *p++);
            continue;
        }
        close = strchr(p, '}');
        if (!close) {
            g_set_error(error, RP_SCENARIO_ERROR, 0, "unterminated ${ in '%s'", text);
            return NULL;
        }
        key = g_strndup(p + 2, close - p - 2);
        val = g_hash_table_lookup(vars, key);
        if (!val) {
            g_set_error(error, RP_SCENARIO_ERROR, 0, "unknown variable ${%s} in '%s' "
                        "(for the guest shell's own ${...}, write $${...})", key, text);
            return NULL;
        }
        g_string_append(out, val);
        p = close + 1;
    }
    return g_string_free(g_steal_pointer(&out), FALSE);
}

static gint compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *rp_scenario_files(const char *arg, GError **error)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!g_file_test(arg, G_FILE_TEST_IS_DIR)) {
        g_ptr_array_add(files, g_strdup(arg));
        return files;
    }
    dir = g_dir_open(arg, 0, error);
    while (dir && (name = g_dir_read_name(dir))) {
        if (g_str_has_suffix(name, ".scenario")) {
            g_ptr_array_add(files, g_build_filename(arg, name, NULL));
        }
    }
    g_ptr_array_sort(files, compare_paths);
    if (!dir || !files->len) {
        if (dir) {
            g_set_error(error, RP_SCENARIO_ERROR, 0, "no *.scenario files in %s", arg);
        }
        g_ptr_array_unref(files);
        return NULL;
    }
    return files;
}
