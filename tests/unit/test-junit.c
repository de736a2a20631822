/*
 * Unit tests: JUnit XML of scenario results (tools/rprocsim/junit.c),
 * parsed back with GLib's GMarkup parser: well-formed, counts right, and
 * every text (markup characters, control characters, invalid UTF-8) comes
 * back as it went in, or as the documented replacement.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "junit.h"
#include "shard.h"

/* What the parser saw */
typedef struct Seen {
    GPtrArray *elements;    /* char *: element names in document order */
    GPtrArray *texts;       /* char *: the text of each <system-out> */
    GHashTable *attrs;      /* "element.attr#n" -> value, n counting that element */
    GHashTable *counts;     /* element -> how many so far */
    gboolean in_out;
    GString *text;
} Seen;

static void start_element(GMarkupParseContext *ctx, const char *name, const char **an,
                          const char **av, gpointer data, GError **error)
{
    Seen *s = data;
    guint n = GPOINTER_TO_UINT(g_hash_table_lookup(s->counts, name));

    g_hash_table_insert(s->counts, g_strdup(name), GUINT_TO_POINTER(n + 1));
    g_ptr_array_add(s->elements, g_strdup(name));
    for (guint i = 0; an[i]; i++) {
        g_hash_table_insert(s->attrs, g_strdup_printf("%s.%s#%u", name, an[i], n),
                            g_strdup(av[i]));
    }
    if (g_str_equal(name, "system-out")) {
        s->in_out = TRUE;
        g_string_truncate(s->text, 0);
    }
}

static void end_element(GMarkupParseContext *ctx, const char *name, gpointer data,
                        GError **error)
{
    Seen *s = data;

    if (g_str_equal(name, "system-out")) {
        s->in_out = FALSE;
        g_ptr_array_add(s->texts, g_strdup(s->text->str));
    }
}

static void text(GMarkupParseContext *ctx, const char *t, gsize len, gpointer data,
                 GError **error)
{
    Seen *s = data;

    if (s->in_out) {
        g_string_append_len(s->text, t, len);
    }
}

static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };

static void seen_init(Seen *s)
{
    s->elements = g_ptr_array_new_with_free_func(g_free);
    s->texts = g_ptr_array_new_with_free_func(g_free);
    s->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    s->counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->text = g_string_new(NULL);
}

static void seen_clear(Seen *s)
{
    g_ptr_array_unref(s->elements);
    g_ptr_array_unref(s->texts);
    g_hash_table_unref(s->attrs);
    g_hash_table_unref(s->counts);
    g_string_free(s->text, TRUE);
}

/* Parse @xml into @s; the test fails unless it is well-formed */
static void parse(const char *xml, Seen *s)
{
    g_autoptr(GError) err = NULL;
    GMarkupParseContext *ctx;
    gboolean ok;

    ck_assert(g_utf8_validate(xml, -1, NULL));
    ck_assert(g_str_has_prefix(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    seen_init(s);
    ctx = g_markup_parse_context_new(&parser, 0, s, NULL);
    ok = g_markup_parse_context_parse(ctx, xml, -1, &err) &&
         g_markup_parse_context_end_parse(ctx, &err);
    g_markup_parse_context_free(ctx);
    ck_assert_msg(ok, "not well-formed: %s\n%s", err ? err->message : "?", xml);
}

static const char *attr(Seen *s, const char *element, const char *name, guint n)
{
    g_autofree char *key = g_strdup_printf("%s.%s#%u", element, name, n);

    return g_hash_table_lookup(s->attrs, key);
}

/* Each test's scenario results (checked fixture) */
static GPtrArray *results;

static void results_setup(void)
{
    results = g_ptr_array_new_with_free_func(rp_result_free);
}

static void results_teardown(void)
{
    g_clear_pointer(&results, g_ptr_array_unref);
}

/* Add a copy of @r (its strings duplicated) to the results */
static void add_result(const RpResult *r)
{
    RpResult *copy = g_new0(RpResult, 1);

    copy->scenario = g_strdup(r->scenario);
    copy->subsys = g_strdup(r->subsys);
    copy->ok = r->ok;
    copy->skipped = r->skipped;
    copy->message = g_strdup(r->message);
    copy->log = g_strdup(r->log);
    copy->seconds = r->seconds;
    g_ptr_array_add(results, copy);
}

START_TEST(counts_and_plain_results)
{
    g_autofree char *xml = NULL;
    Seen s;

    add_result(&(RpResult){ .scenario = "start-stop", .subsys = "adsp", .ok = TRUE,
                            .log = "[step 1] ensure running\n", .seconds = 1.5 });
    add_result(&(RpResult){ .scenario = "start-stop", .subsys = "cdsp",
                            .message = "no kernel message 'up'", .log = "", .seconds = 12.25 });
    add_result(&(RpResult){ .scenario = "watchdog", .subsys = "wpss", .ok = TRUE });
    xml = rp_junit_xml(results, NULL);
    parse(xml, &s);
    ck_assert_uint_eq(s.elements->len, 1 + 3 * 2 + 1);
    ck_assert_str_eq(g_ptr_array_index(s.elements, 0), "testsuite");
    ck_assert_str_eq(attr(&s, "testsuite", "name", 0), "rprocsim scenarios");
    ck_assert_str_eq(attr(&s, "testsuite", "tests", 0), "3");
    ck_assert_str_eq(attr(&s, "testsuite", "failures", 0), "1");
    ck_assert_str_eq(attr(&s, "testcase", "classname", 0), "start-stop");
    ck_assert_str_eq(attr(&s, "testcase", "name", 1), "cdsp");
    ck_assert_str_eq(attr(&s, "testcase", "time", 0), "1.500");
    ck_assert_str_eq(attr(&s, "testcase", "time", 1), "12.250");
    ck_assert_str_eq(attr(&s, "testcase", "time", 2), "0.000");
    /* only the failed pass has a <failure>, inside its <testcase> */
    ck_assert_str_eq(g_ptr_array_index(s.elements, 4), "failure");
    ck_assert_str_eq(attr(&s, "failure", "message", 0), "no kernel message 'up'");
    ck_assert_ptr_null(attr(&s, "failure", "message", 1));
    ck_assert_str_eq(g_ptr_array_index(s.texts, 0), "[step 1] ensure running\n");
    ck_assert_str_eq(g_ptr_array_index(s.texts, 2), "");
    seen_clear(&s);
}
END_TEST

/* A skipped pass: <skipped message=...>, not counted as a failure */
START_TEST(skipped_pass)
{
    g_autofree char *xml = NULL;
    Seen s;

    add_result(&(RpResult){ .scenario = "stop", .subsys = "r5f0_0", .ok = TRUE, .skipped = TRUE,
                            .message = "its patches cannot be used here: no", .log = "" });
    xml = rp_junit_xml(results, NULL);
    parse(xml, &s);
    ck_assert_str_eq(attr(&s, "testsuite", "failures", 0), "0");
    ck_assert_str_eq(attr(&s, "skipped", "message", 0), "its patches cannot be used here: no");
    ck_assert_ptr_null(attr(&s, "failure", "message", 0));
    seen_clear(&s);
}
END_TEST

START_TEST(markup_characters_escaped)
{
    static const char nasty[] = "a<b>&c\"d'e </system-out> <![CDATA[ &amp; ]]>";
    g_autofree char *xml = NULL;
    Seen s;

    add_result(&(RpResult){ .scenario = (char *)nasty, .subsys = (char *)nasty,
                            .message = (char *)nasty, .log = (char *)nasty, .seconds = 1 });
    xml = rp_junit_xml(results, NULL);
    ck_assert_ptr_null(strstr(xml, "a<b>"));
    parse(xml, &s);
    ck_assert_str_eq(attr(&s, "testcase", "classname", 0), nasty);
    ck_assert_str_eq(attr(&s, "testcase", "name", 0), nasty);
    ck_assert_str_eq(attr(&s, "failure", "message", 0), nasty);
    ck_assert_str_eq(g_ptr_array_index(s.texts, 0), nasty);
    seen_clear(&s);
}
END_TEST

START_TEST(control_characters_and_bad_utf8)
{
    /* ESC, NUL-free C0 controls, a C1 control, a lone continuation byte */
    static const char log[] = "esc\x1b[0m bell\x07 vt\x0b ff\x0c tab\tnl\nc1\xc2\x85 bad\x80!";
    g_autofree char *xml = NULL;
    const char *out;
    Seen s;

    add_result(&(RpResult){ .scenario = "ctl", .subsys = "adsp",
                            .message = "msg\x01with\x1f""controls", .log = (char *)log,
                            .seconds = 1 });
    xml = rp_junit_xml(results, NULL);
    for (const char *c = xml; *c; c++) {
        ck_assert_msg((guchar)*c >= 0x20 || *c == '\n' || *c == '\t',
                      "control character 0x%02x in the XML", (guchar)*c);
    }
    parse(xml, &s);
    ck_assert_str_eq(attr(&s, "failure", "message", 0), "msg with controls");
    out = g_ptr_array_index(s.texts, 0);
    ck_assert_msg(g_str_has_prefix(out, "esc [0m bell  vt  ff  tab\tnl\nc1\xc2\x85 bad"),
                  "%s", out);
    /* the stray byte became U+FFFD */
    ck_assert_str_eq(out + strlen(out) - 4, "\xef\xbf\xbd!");
    seen_clear(&s);
}
END_TEST

START_TEST(write_to_file)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("test-junit-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "junit.xml", NULL);
    g_autofree char *bad = g_build_filename(dir, "none", "junit.xml", NULL);
    g_autofree char *text = NULL, *xml = NULL;

    add_result(&(RpResult){ .scenario = "s", .subsys = "cdsp", .ok = TRUE, .log = "log",
                            .seconds = 2 });
    ck_assert(rp_junit_write(path, results, NULL, &err));
    ck_assert(g_file_get_contents(path, &text, NULL, NULL));
    xml = rp_junit_xml(results, NULL);
    ck_assert_str_eq(text, xml);
    ck_assert(!rp_junit_write(bad, results, NULL, &err));
    ck_assert_ptr_nonnull(err);
    g_unlink(path);
    g_rmdir(dir);
}
END_TEST

START_TEST(no_results)
{
    g_autofree char *xml = rp_junit_xml(results, NULL);
    Seen s;

    parse(xml, &s);
    ck_assert_uint_eq(s.elements->len, 1);
    ck_assert_str_eq(attr(&s, "testsuite", "tests", 0), "0");
    ck_assert_str_eq(attr(&s, "testsuite", "failures", 0), "0");
    seen_clear(&s);
}
END_TEST

START_TEST(properties_listed)
{
    g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autofree char *xml = NULL, *none = NULL;
    Seen s;

    add_result(&(RpResult){ .scenario = "s", .subsys = "adsp", .ok = TRUE, .seconds = 1 });
    g_ptr_array_add(props, rp_property_new("patch", "0001-a&b.patch 3f5a"));
    g_ptr_array_add(props, rp_property_new("module",
                                           "qcom_common srcversion 1A2B (replaced)"));
    xml = rp_junit_xml(results, props);
    parse(xml, &s);
    /* <properties> comes first in the <testsuite>, in the order given */
    ck_assert_str_eq(g_ptr_array_index(s.elements, 1), "properties");
    ck_assert_str_eq(g_ptr_array_index(s.elements, 2), "property");
    ck_assert_str_eq(g_ptr_array_index(s.elements, 4), "testcase");
    ck_assert_str_eq(attr(&s, "property", "name", 0), "patch");
    ck_assert_str_eq(attr(&s, "property", "value", 0), "0001-a&b.patch 3f5a");
    ck_assert_str_eq(attr(&s, "property", "name", 1), "module");
    ck_assert_str_eq(attr(&s, "property", "value", 1), "qcom_common srcversion 1A2B (replaced)");
    seen_clear(&s);

    /* none: no <properties> element at all */
    g_ptr_array_set_size(props, 0);
    none = rp_junit_xml(results, props);
    ck_assert_ptr_null(strstr(none, "<properties"));
}
END_TEST

/* What rp_junit_xml() writes, rp_junit_parse() reads back: every field, in order */
START_TEST(read_back_what_was_written)
{
    static const char nasty[] = "a<b>&c\"d' \n tab\t";
    g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func(rp_result_free);
    g_autoptr(GPtrArray) back_props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GError) err = NULL;
    g_autofree char *xml = NULL, *again = NULL;

    add_result(&(RpResult){ .scenario = "start-stop", .subsys = "adsp [6.12]", .ok = TRUE,
                            .log = (char *)nasty, .seconds = 1.5 });
    /* (an attribute's newlines and tabs read back as spaces: XML normalises them) */
    add_result(&(RpResult){ .scenario = "crash", .subsys = "cdsp", .message = "a<b>&c\"d'",
                            .log = "", .seconds = 12.25 });
    add_result(&(RpResult){ .scenario = "graceful", .subsys = "r5f0_0", .ok = TRUE,
                            .skipped = TRUE, .message = "no series", .log = "" });
    g_ptr_array_add(props, rp_property_new("patch", "0001-a&b.patch 3f5a"));
    xml = rp_junit_xml(results, props);
    ck_assert_msg(rp_junit_parse(xml, -1, back, back_props, &err), "%s",
                  err ? err->message : "");
    ck_assert_uint_eq(back->len, 3);
    for (guint i = 0; i < back->len; i++) {
        const RpResult *a = g_ptr_array_index(results, i), *b = g_ptr_array_index(back, i);

        ck_assert_str_eq(b->scenario, a->scenario);
        ck_assert_str_eq(b->subsys, a->subsys);
        ck_assert_int_eq(b->ok, a->ok);
        ck_assert_int_eq(b->skipped, a->skipped);
        ck_assert_str_eq(b->log, a->log);
        ck_assert_double_eq_tol(b->seconds, a->seconds, 0.001);
        if (!a->ok || a->skipped) {
            ck_assert_str_eq(b->message, a->message);
        }
    }
    ck_assert_uint_eq(back_props->len, 1);
    ck_assert_str_eq(((RpProperty *)g_ptr_array_index(back_props, 0))->value,
                     "0001-a&b.patch 3f5a");
    /* and writing what was read gives the same document */
    again = rp_junit_xml(back, back_props);
    ck_assert_str_eq(again, xml);
}
END_TEST

/* Other writers' documents too: a <testsuites> wrapper, <error>, no time */
START_TEST(read_other_writers)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><testsuites><testsuite name=\"x\">"
        "<testcase classname=\"a\" name=\"b\"><error message=\"boom\"/></testcase>"
        "<testcase classname=\"a\" name=\"c\" time=\"-4\"/>"
        "</testsuite><testsuite><testcase classname=\"d\" name=\"e\" time=\"nan\"/>"
        "</testsuite></testsuites>";
    g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GError) err = NULL;

    ck_assert(rp_junit_parse(xml, -1, results, props, &err));
    ck_assert_uint_eq(results->len, 3);
    ck_assert(!((RpResult *)g_ptr_array_index(results, 0))->ok);
    ck_assert_str_eq(((RpResult *)g_ptr_array_index(results, 0))->message, "boom");
    ck_assert(((RpResult *)g_ptr_array_index(results, 1))->ok);
    ck_assert_double_eq(((RpResult *)g_ptr_array_index(results, 1))->seconds, 0);
    ck_assert_double_eq(((RpResult *)g_ptr_array_index(results, 2))->seconds, 0);
}
END_TEST

/* Broken documents: refused with the place, nothing leaked, what was whole kept */
START_TEST(read_refuses_broken)
{
    static const char *const bad[] = {
        "",
        "<testsuite><testcase classname=\"a\" name=\"b\">",
        "<testsuite><testcase name=\"b\"/></testsuite>",
        "<testsuite><testcase classname=\"a\" name=\"b\"><testcase classname=\"c\" "
        "name=\"d\"/></testcase></testsuite>",
        "<testsuite><failure message=\"x\"/></testsuite>",
        "<testsuite><testcase classname=\"a\" name=\"b\"/></testsuit>",
        "<testsuite>\xff\xfe</testsuite>",
    };

    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
        g_autoptr(GError) err = NULL;

        ck_assert_msg(!rp_junit_parse(bad[i], -1, results, props, &err), "case %u", i);
        ck_assert_ptr_nonnull(err);
        ck_assert_msg(strstr(err->message, "line "), "%s", err->message);
    }
    /* only case 5's one complete <testcase> was kept */
    ck_assert_uint_eq(results->len, 1);
}
END_TEST

/* --shard K/N: parsing, and the shards together take each scenario once */
START_TEST(shards_split_the_set)
{
    static const char *const bad[] = { "", "1", "0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2",
                                       "1/1001", " 1/2" };
    guint k, n;

    ck_assert(rp_shard_parse("2/4", &k, &n, NULL));
    ck_assert_uint_eq(k, 2);
    ck_assert_uint_eq(n, 4);
    ck_assert(rp_shard_parse("1/1", &k, &n, NULL));
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) err = NULL;

        ck_assert_msg(!rp_shard_parse(bad[i], &k, &n, &err), "'%s'", bad[i]);
        ck_assert_ptr_nonnull(strstr(err->message, "K/N"));
    }
    for (guint shards = 1; shards <= 5; shards++) {
        for (guint index = 0; index < 23; index++) {
            guint takers = 0;

            for (guint s = 1; s <= shards; s++) {
                takers += rp_shard_takes(index, s, shards);
            }
            ck_assert_uint_eq(takers, 1);
        }
    }
    ck_assert(rp_shard_takes(0, 1, 3) && rp_shard_takes(3, 1, 3) && rp_shard_takes(4, 2, 3));
    ck_assert_uint_eq(rp_jobs_default(3), 3);
    ck_assert_uint_ge(rp_jobs_default(0), 1);
    ck_assert_uint_ge(rp_jobs_default(RP_JOBS_MAX + 1), 1);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "junit", counts_and_plain_results },
        { "junit", skipped_pass },
        { "junit", markup_characters_escaped },
        { "junit", control_characters_and_bad_utf8 },
        { "junit", write_to_file },
        { "junit", no_results },
        { "junit", properties_listed },
        { "junit", read_back_what_was_written },
        { "junit", read_other_writers },
        { "junit", read_refuses_broken },
        { "junit", shards_split_the_set },
    };

    return rp_suite_new("junit", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = results_setup,
                                           .teardown = results_teardown });
}
