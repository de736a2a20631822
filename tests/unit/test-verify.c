/*
 * rprocsim verify: the built firmware images (single .mbn and split
 * .mdt + .bNN) are accepted; every --defect of 'rprocsim pack' is refused
 * with the cause TrustZone gives at boot (as test-pack sees it through
 * SMCs), its SCM status, errno and kernel message; unusable input gives
 * exit status 2 and a message, never a crash.
 *
 * Needs RPROCSIM_BIN (the rprocsim command), TINY_FW (an ELF for pack) and
 * RPROCSIM_FIRMWARE (the folder of the built qcom/qcs6490 images).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../tap-main.h"
#include "image-fixture.h"
#include "pas.h"

typedef struct Run {
    int status;             /* exit status, -1 if not exited */
    char *out, *err;
} Run;

static void run_clear(Run *r)
{
    g_free(r->out);
    g_free(r->err);
}

/* rprocsim verify with @args (already quoted where needed) */
static Run verify(const char *args)
{
    g_autofree char *cmd = g_strdup_printf("%s verify %s", g_getenv("RPROCSIM_BIN"), args);
    Run r = { -1 };
    int wait = 0;

    ck_assert_msg(g_getenv("RPROCSIM_BIN"), "RPROCSIM_BIN must be set");
    ck_assert(g_spawn_command_line_sync(cmd, &r.out, &r.err, &wait, NULL));
    if (WIFEXITED(wait)) {
        r.status = WEXITSTATUS(wait);
    }
    return r;
}

/* Pack TINY_FW for adsp, split, into @dir/NAME.mbn (.mdt, .bNN) with @extra */
static void pack(const char *dir, const char *name, const char *extra)
{
    g_autofree char *cmd = g_strdup_printf("%s pack --subsystem adsp --split %s -o %s/%s.mbn %s",
                                           g_getenv("RPROCSIM_BIN"), extra, dir, name,
                                           g_getenv("TINY_FW"));
    g_autofree char *out = NULL, *err = NULL;
    int wait = -1;

    ck_assert_msg(g_getenv("TINY_FW"), "TINY_FW must be set");
    ck_assert(g_spawn_command_line_sync(cmd, &out, &err, &wait, NULL));
    ck_assert_msg(WIFEXITED(wait) && WEXITSTATUS(wait) == 0, "%s: %s", cmd, err);
}

static JsonObject *parse(JsonParser *p, const char *text)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(json_parser_load_from_data(p, text, -1, &err), "%s: %s",
                  err ? err->message : "", text);
    return json_node_get_object(json_parser_get_root(p));
}

START_TEST(accepts_built_images)
{
    static const char *const images[] = {
        "adsp.mbn", "cdsp.mbn", "wpss.mbn", "adsp.mdt", "cdsp.mdt", "wpss.mdt",
    };
    const char *fw = g_getenv("RPROCSIM_FIRMWARE");
    g_autofree char *path = NULL, *args = NULL, *json_args = NULL, *name = NULL;
    g_autoptr(JsonParser) p = json_parser_new();
    JsonObject *o;
    Run r, j;

    ck_assert_msg(fw, "RPROCSIM_FIRMWARE must be set");
    path = g_build_filename(fw, images[_i], NULL);
    args = g_shell_quote(path);
    r = verify(args);
    ck_assert_msg(r.status == 0, "%s: exit %d\n%s%s", images[_i], r.status, r.out, r.err);
    ck_assert_msg(strstr(r.out, "\naccepted: "), "%s", r.out);
    ck_assert_msg(!strstr(r.out, "REFUSED") && !strstr(r.out, "not reached"), "%s", r.out);

    /* JSON: the subsystem found from the sw_id, every check ok or not needed */
    json_args = g_strdup_printf("--json %s", args);
    j = verify(json_args);
    ck_assert_int_eq(j.status, 0);
    o = parse(p, j.out);
    ck_assert(json_object_get_boolean_member(o, "accepted"));
    name = g_strndup(images[_i], 4);
    ck_assert_str_eq(json_object_get_string_member(o, "subsystem"), name);
    ck_assert_str_eq(json_object_get_string_member(o, "layout"),
                     g_str_has_suffix(images[_i], ".mdt") ? "split" : "mbn");
    ck_assert(json_node_is_null(json_object_get_member(o, "refusal")));
    ck_assert_uint_gt(json_array_get_length(json_object_get_array_member(o, "checks")), 12);
    run_clear(&r);
    run_clear(&j);
}
END_TEST

START_TEST(refuses_each_defect)
{
    /* the causes test-pack.c gets from TrustZone through SMCs, per defect */
    static const struct {
        const char *defect;
        const char *stage;
        PasCause cause;
        int scm_status, err;
        const char *message;    /* the PAS device's line */
    } cases[] = {
        { "tampered-segment", "AUTH_AND_RESET", PAS_A2_SEGMENT_HASH, -2, -22,
          "failed to authenticate image and release reset" },
        { "wrong-key", "INIT_IMAGE", PAS_I9_UNTRUSTED_KEY, -1, -5,
          "error -5 initializing firmware qcom/qcs6490/adsp.mbn" },
        { "wrong-sw-id", "INIT_IMAGE", PAS_I10_WRONG_SW_ID, -1, -5,
          "error -5 initializing firmware qcom/qcs6490/adsp.mbn" },
        { "truncated-hash-segment", "INIT_IMAGE", PAS_I5_BAD_HASH_SEGMENT, -2, -22,
          "error -22 initializing firmware qcom/qcs6490/adsp.mbn" },
    };
    g_autofree char *dir = g_dir_make_tmp("rp-verify-XXXXXX", NULL);
    g_autofree char *opt = g_strdup_printf("--defect %s", cases[_i].defect);

    pack(dir, "adsp", opt);
    for (int split = 0; split < 2; split++) {
        g_autofree char *args = g_strdup_printf("--subsystem adsp --json %s/adsp.%s", dir,
                                                split ? "mdt" : "mbn");
        g_autofree char *text_args = g_strdup_printf("-s adsp %s/adsp.%s", dir,
                                                     split ? "mdt" : "mbn");
        g_autoptr(JsonParser) p = json_parser_new();
        JsonObject *o, *ref;
        JsonArray *log;
        Run r = verify(args), t = verify(text_args);
        g_autofree char *refused = g_strdup_printf("refused at %s: %s", cases[_i].stage,
                                                   pas_cause_name(cases[_i].cause));

        ck_assert_msg(r.status == 1, "%s: exit %d\n%s%s", args, r.status, r.out, r.err);
        o = parse(p, r.out);
        ck_assert(!json_object_get_boolean_member(o, "accepted"));
        ref = json_object_get_object_member(o, "refusal");
        ck_assert_str_eq(json_object_get_string_member(ref, "stage"), cases[_i].stage);
        ck_assert_str_eq(json_object_get_string_member(ref, "cause"),
                         pas_cause_name(cases[_i].cause));
        ck_assert_int_eq(json_object_get_int_member(ref, "scm_status"),
                         cases[_i].scm_status);
        ck_assert_int_eq(json_object_get_int_member(ref, "errno"), cases[_i].err);
        log = json_object_get_array_member(ref, "kernel_log");
        ck_assert_uint_ge(json_array_get_length(log), 2);
        ck_assert_msg(strstr(json_object_get_string_member(json_array_get_object_element(log, 0),
                                                           "message"), cases[_i].message),
                      "%s", r.out);

        /* the text form says the same, and marks the refused check */
        ck_assert_int_eq(t.status, 1);
        ck_assert_msg(strstr(t.out, refused), "want '%s' in\n%s", refused, t.out);
        ck_assert_msg(strstr(t.out, "REFUSED"), "%s", t.out);
        ck_assert_msg(strstr(t.out, cases[_i].message), "%s", t.out);
        run_clear(&r);
        run_clear(&t);
    }
    fx_rm_dir(dir);
}
END_TEST

START_TEST(unusable_input_is_status_2)
{
    static const struct {
        const char *what;
        const char *args;       /* %1$s: the scratch folder */
        const char *message;    /* in stderr */
    } cases[] = {
        { "missing .bNN", "%1$s/gap.mdt", "gap.b02" },
        { "truncated .mbn", "%1$s/short.mbn", "not in the" },
        { "truncated header", "%1$s/stub.mbn", "not a firmware image" },
        { "not an ELF", "%1$s/junk.mbn", "not a firmware image" },
        { "unknown subsystem", "--subsystem nope %1$s/good.mbn", "unknown subsystem 'nope'" },
        { "missing file", "%1$s/none.mbn", "none.mbn" },
        { "no subsystem for its sw_id", "%1$s/swid.mbn", "--subsystem NAME" },
        { "no image", "", "give one IMAGE" },
    };
    g_autofree char *dir = g_dir_make_tmp("rp-verify-XXXXXX", NULL);
    g_autofree char *good = g_build_filename(dir, "good.mbn", NULL);
    g_autofree char *data = NULL;
    gsize len;

    pack(dir, "good", "");
    pack(dir, "gap", "");
    pack(dir, "swid", "--defect wrong-sw-id");
    ck_assert(g_file_get_contents(good, &data, &len, NULL));
    ck_assert_uint_gt(len, 0x2000);
    {
        g_autofree char *p1 = g_build_filename(dir, "short.mbn", NULL);
        g_autofree char *p2 = g_build_filename(dir, "stub.mbn", NULL);
        g_autofree char *p3 = g_build_filename(dir, "junk.mbn", NULL);
        g_autofree char *gap = g_build_filename(dir, "gap.b02", NULL);

        ck_assert(g_file_set_contents(p1, data, 0x1800, NULL));
        ck_assert(g_file_set_contents(p2, data, 40, NULL));
        ck_assert(g_file_set_contents(p3, "not an image at all", -1, NULL));
        ck_assert_int_eq(g_unlink(gap), 0);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *args = NULL;
        GString *s = g_string_new(NULL);
        Run r;

        /* "%1$s" only: substitute by hand, g_strdup_printf needs every argument used */
        g_string_append(s, cases[i].args);
        g_string_replace(s, "%1$s", dir, 0);
        args = g_string_free(s, FALSE);
        r = verify(args);
        ck_assert_msg(r.status == 2, "%s: exit %d\n%s%s", cases[i].what, r.status, r.out,
                      r.err);
        ck_assert_msg(g_str_has_prefix(r.err, "rprocsim verify: "), "%s: %s",
                      cases[i].what, r.err);
        ck_assert_msg(strstr(r.err, cases[i].message), "%s: want '%s' in: %s",
                      cases[i].what, cases[i].message, r.err);
        ck_assert_str_eq(r.out, "");
        run_clear(&r);
    }
    fx_rm_dir(dir);
}
END_TEST

START_TEST(help_ends_with_an_example)
{
    Run r = verify("--help");
    const char *ex;

    ck_assert_int_eq(r.status, 0);
    ex = strstr(r.out, "Example:\n");
    ck_assert_msg(ex, "%s", r.out);
    ck_assert_msg(strstr(ex, "rprocsim verify "), "%s", r.out);
    run_clear(&r);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "built", accepts_built_images, 6 },
        { "defects", refuses_each_defect, 4 },
        { "input", unusable_input_is_status_2 },
        { "help", help_ends_with_an_example },
    };

    return rp_suite_new("verify", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 60 });
}
