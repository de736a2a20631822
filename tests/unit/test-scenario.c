/*
 * Unit tests: scenario files (tools/rprocsim/scenario.c), including every
 * file in scenarios/ and the errors bad input must give.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "scenario.h"

static RpScenario *parse(const char *text, GError **error)
{
    return rp_scenario_parse("t", text, strlen(text), error);
}

START_TEST(steps_in_number_order)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpScenario) s = parse(
        "[scenario]\nsummary=x\nsubsystems=adsp; wpss\nrepeat=3\n"
        "[step 10]\ndo=expect\nmessage=up\ntimeout=2.5\n"
        "[step 2]\ndo=sysfs\nattr=state\nvalue=start\nfails=true\n"
        "[step 3]\ndo=tz\nproperty=${ss}-shutdowns\ngrew=true\n", &err);
    const RpStep *st;

    ck_assert_msg(s != NULL, "%s", err ? err->message : "");
    ck_assert_uint_eq(s->repeat, 3);
    ck_assert_str_eq(s->subsystems[1], "wpss");
    ck_assert_uint_eq(s->steps->len, 3);
    st = g_ptr_array_index(s->steps, 0);
    ck_assert_int_eq(st->kind, RP_STEP_SYSFS);
    ck_assert_str_eq(st->arg, "state");
    ck_assert_str_eq(st->arg2, "start");
    ck_assert(st->fails);
    st = g_ptr_array_index(s->steps, 1);
    ck_assert_int_eq(st->kind, RP_STEP_TZ);
    ck_assert(st->grew);
    st = g_ptr_array_index(s->steps, 2);
    ck_assert_int_eq(st->kind, RP_STEP_EXPECT);
    ck_assert_double_eq(st->timeout_s, 2.5);
}
END_TEST

static const char *const bad[] = {
    "not a key file",
    "[step 1]\ndo=expect\nmessage=x\n",                                 /* no [scenario] */
    "[scenario]\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\n",    /* no summary */
    "[scenario]\nsummary=x\nsubsystems=modem\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\nrepeat=0\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\nrepeat=10001\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\nrepeat=-5\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\nrepeat=lots\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n",                         /* no steps */
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step one]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=explode\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=expect\n",    /* no message */
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\ncolour=red\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=inject\nfault=hang\ntimeout=3\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\ntimeout=-1\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=sysfs\nattr=state\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=tz\nproperty=p\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=tz\nproperty=p\ncontains=a\ngrew=true\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\ncolour=red\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=sysfs\nattr=a\nvalue=b\nfails=yes\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\ntimeout=nan\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=ensure\nstate=stopped\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=dump\nformat=core\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\n"
    "[step 01]\ndo=expect\nmessage=y\n",
    /* the guest shell's ${...} unescaped: refused before anything boots */
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=guest\ncommand=b=${f##*/}\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=sysfs\nattr=a\nvalue=${nope}\n",
    /* boards: an unknown one, and a subsystem of another board */
    "[scenario]\nsummary=x\nboard=omap5-sim\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nboard=am64x-sim\nsubsystems=adsp\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=r5f0_0\n[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\npatches=a.patch;;b.patch\n"
    "[step 1]\ndo=expect\nmessage=x\n",
    "[scenario]\nsummary=x\nboard=am64x-sim\nsubsystems=r5f0_0\n[step 1]\ndo=ensure\n"
    "state=offline\nof=adsp\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\nboot=warm\n[step 1]\ndo=expect\nmessage=x\n",
    /* ssr: a peer of the board's, and something to look for; Qualcomm boards only */
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=ssr\nof=cdsp\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=ssr\ncontains=adsp:after_powerup\n",
    "[scenario]\nsummary=x\nsubsystems=adsp\n[step 1]\ndo=ssr\nof=modem\ncontains=x\n",
    "[scenario]\nsummary=x\nboard=am64x-sim\nsubsystems=r5f0_0\n[step 1]\ndo=ssr\n"
    "of=r5f0_1\ncontains=x\n",
};

START_TEST(bad_input_is_refused)
{
    g_autoptr(GError) err = NULL;
    RpScenario *s = parse(bad[_i], &err);

    ck_assert_msg(s == NULL, "accepted: %s", bad[_i]);
    ck_assert(err != NULL);
    ck_assert(g_str_has_prefix(err->message, "t: "));
}
END_TEST

START_TEST(expand_variables)
{
    g_autoptr(GHashTable) vars = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;

    g_hash_table_insert(vars, "ss", "adsp");
    g_hash_table_insert(vars, "name", "3700000.remoteproc");
    out = rp_scenario_expand("crash in ${name} (${ss}), $x {ss}", vars, &err);
    ck_assert_str_eq(out, "crash in 3700000.remoteproc (adsp), $x {ss}");
    ck_assert_ptr_null(rp_scenario_expand("${nope}", vars, &err));
    g_clear_error(&err);
    ck_assert_ptr_null(rp_scenario_expand("${ss", vars, &err));
}
END_TEST

/* $${ is the guest shell's ${; every other $ is left alone */
static const struct {
    const char *in, *out;
} escapes[] = {
    { "f=${sysfs}; b=$${f##*/}; test \"$b\" = x",
      "f=/sys/class/remoteproc/remoteproc0; b=${f##*/}; test \"$b\" = x" },
    { "$${a}$${b}", "${a}${b}" },
    { "echo $${x:-${ss}}", "echo ${x:-adsp}" },    /* ours inside the shell's */
    { "$${unterminated", "${unterminated" },        /* the shell's to refuse */
    { "echo $$ $1 $(id -u) $x {ss} $", "echo $$ $1 $(id -u) $x {ss} $" },
    { "$$$${ss}", "$$${ss}" },                      /* the last $${ is the escape */
};

START_TEST(expand_escape)
{
    g_autoptr(GHashTable) vars = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;

    g_hash_table_insert(vars, "ss", "adsp");
    g_hash_table_insert(vars, "sysfs", "/sys/class/remoteproc/remoteproc0");
    out = rp_scenario_expand(escapes[_i].in, vars, &err);
    ck_assert_msg(out, "%s: %s", escapes[_i].in, err ? err->message : "?");
    ck_assert_str_eq(out, escapes[_i].out);
}
END_TEST

/* An unescaped shell expansion is refused with a pointer to the escape */
START_TEST(unknown_variable_names_the_escape)
{
    g_autoptr(GHashTable) vars = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GError) err = NULL;

    ck_assert_ptr_null(rp_scenario_expand("b=${f##*/}", vars, &err));
    ck_assert_msg(strstr(err->message, "unknown variable ${f##*/}"), "%s", err->message);
    ck_assert_msg(strstr(err->message, "$${"), "%s", err->message);
}
END_TEST

/* Every shipped scenario parses */
/* board= picks the board whose subsystems the scenario names; qcs6490-sim by default */
START_TEST(board_key)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpScenario) k3 = parse("[scenario]\nsummary=x\nboard= am64x-sim\n"
                                     "subsystems=r5f0_0;r5f0_1\n"
                                     "[step 1]\ndo=expect\nmessage=x\n", &err);
    g_autoptr(RpScenario) qc = parse("[scenario]\nsummary=x\nsubsystems=adsp\n"
                                     "[step 1]\ndo=expect\nmessage=x\n", &err);

    ck_assert_msg(k3 && qc, "%s", err ? err->message : "");
    ck_assert_str_eq(k3->board, "am64x-sim");
    ck_assert_str_eq(k3->subsystems[1], "r5f0_1");
    ck_assert_str_eq(qc->board, "qcs6490-sim");
}
END_TEST

/* boot=fresh asks for a boot of its own; snapshot (a restored base) is the default */
START_TEST(boot_key)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpScenario) fresh = parse("[scenario]\nsummary=x\nsubsystems=adsp\n"
                                        "boot= fresh\n[step 1]\ndo=expect\nmessage=x\n", &err);
    g_autoptr(RpScenario) snap = parse("[scenario]\nsummary=x\nsubsystems=adsp\n"
                                       "boot=snapshot\n[step 1]\ndo=expect\nmessage=x\n",
                                       &err);
    g_autoptr(RpScenario) dflt = parse("[scenario]\nsummary=x\nsubsystems=adsp\n"
                                       "[step 1]\ndo=expect\nmessage=x\n", &err);

    ck_assert_msg(fresh && snap && dflt, "%s", err ? err->message : "");
    ck_assert(fresh->fresh_boot);
    ck_assert(!snap->fresh_boot);
    ck_assert(!dflt->fresh_boot);
}
END_TEST

/* patches= : kept as given by the parser, relative to the file's folder once loaded */
START_TEST(patches_key)
{
    static const char text[] = "[scenario]\nsummary=x\nsubsystems=adsp\n"
                               "patches=../p/0001-a.patch; /abs/0002-b.patch\n"
                               "[step 1]\ndo=expect\nmessage=x\n";
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *sub = g_build_filename(dir, "set", NULL);
    g_autofree char *path = g_build_filename(sub, "t.scenario", NULL);
    g_autofree char *want = g_build_filename(dir, "p", "0001-a.patch", NULL);
    g_autoptr(GError) err = NULL;
    g_autoptr(RpScenario) parsed = parse(text, &err);
    g_autoptr(RpScenario) loaded = NULL;

    ck_assert_msg(parsed != NULL, "%s", err ? err->message : "");
    ck_assert_uint_eq(g_strv_length(parsed->patches), 2);
    ck_assert_str_eq(parsed->patches[0], "../p/0001-a.patch");
    ck_assert_str_eq(parsed->patches[1], "/abs/0002-b.patch");
    ck_assert(g_mkdir_with_parents(sub, 0755) == 0);
    ck_assert(g_file_set_contents(path, text, -1, NULL));
    loaded = rp_scenario_load(path, &err);
    ck_assert_msg(loaded != NULL, "%s", err ? err->message : "");
    ck_assert_str_eq(loaded->patches[0], want);
    ck_assert_str_eq(loaded->patches[1], "/abs/0002-b.patch");
    {
        g_autoptr(RpScenario) none = parse("[scenario]\nsummary=x\nsubsystems=adsp\n"
                                           "[step 1]\ndo=expect\nmessage=x\n", &err);

        ck_assert_ptr_null(none->patches);
    }
    g_remove(path);
    g_rmdir(sub);
    g_rmdir(dir);
}
END_TEST

START_TEST(shipped_scenarios_parse)
{
    const char *dir = g_getenv("RPROCSIM_SCENARIOS");
    g_autoptr(GDir) d = NULL;
    const char *name;
    unsigned n = 0;

    ck_assert_msg(dir != NULL, "RPROCSIM_SCENARIOS is not set");
    d = g_dir_open(dir, 0, NULL);
    ck_assert(d != NULL);
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        g_autoptr(GError) err = NULL;
        g_autoptr(RpScenario) s = NULL;

        if (!g_str_has_suffix(name, ".scenario")) {
            continue;
        }
        s = rp_scenario_load(path, &err);
        ck_assert_msg(s != NULL, "%s", err ? err->message : "");
        n++;
    }
    ck_assert_uint_ge(n, 16);
}
END_TEST

/* scenarios/soak/: its own folder (a run of scenarios/ leaves it out), 1000 rounds */
START_TEST(soak_scenarios_parse)
{
    g_autofree char *dir = g_build_filename(g_getenv("RPROCSIM_SCENARIOS"), "soak", NULL);
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) top = rp_scenario_files(g_getenv("RPROCSIM_SCENARIOS"), &err);
    g_autoptr(GPtrArray) files = rp_scenario_files(dir, &err);

    ck_assert_msg(top && files, "%s", err ? err->message : "");
    for (guint i = 0; i < top->len; i++) {
        ck_assert(!strstr(g_ptr_array_index(top, i), "/soak/"));
    }
    for (guint i = 0; i < files->len; i++) {
        g_autoptr(RpScenario) s = rp_scenario_load(g_ptr_array_index(files, i), &err);

        ck_assert_msg(s != NULL, "%s", err ? err->message : "");
        ck_assert_uint_eq(s->repeat, 1000);
    }
    ck_assert_uint_ge(files->len, 1);
}
END_TEST

/* scenarios/am64x/: the am64x-sim set, each file for that board */
START_TEST(am64x_scenarios_parse)
{
    g_autofree char *dir = g_build_filename(g_getenv("RPROCSIM_SCENARIOS"), "am64x", NULL);
    g_autoptr(GError) err = NULL;
    g_autoptr(GPtrArray) files = rp_scenario_files(dir, &err);

    ck_assert_msg(files != NULL, "%s", err ? err->message : "");
    for (guint i = 0; i < files->len; i++) {
        g_autoptr(RpScenario) s = rp_scenario_load(g_ptr_array_index(files, i), &err);

        ck_assert_msg(s != NULL, "%s", err ? err->message : "");
        ck_assert_str_eq(s->board, "am64x-sim");
    }
    ck_assert_uint_ge(files->len, 4);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "parse", steps_in_number_order },
        { "parse", bad_input_is_refused, G_N_ELEMENTS(bad) },
        { "parse", expand_variables },
        { "parse", expand_escape, G_N_ELEMENTS(escapes) },
        { "parse", unknown_variable_names_the_escape },
        { "parse", board_key },
        { "parse", boot_key },
        { "parse", patches_key },
        { "parse", shipped_scenarios_parse },
        { "parse", soak_scenarios_parse },
        { "parse", am64x_scenarios_parse },
    };

    return rp_suite_new("scenario", tests, G_N_ELEMENTS(tests), NULL);
}
