/*
 * rprocsim: JUnit XML of scenario results.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "junit.h"

#include <math.h>

void rp_result_free(gpointer p)
{
    RpResult *r = p;

    if (r) {
        g_free(r->scenario);
        g_free(r->subsys);
        g_free(r->message);
        g_free(r->log);
        g_free(r);
    }
}

RpProperty *rp_property_new(const char *name, const char *value)
{
    RpProperty *p = g_new0(RpProperty, 1);

    p->name = g_strdup(name);
    p->value = g_strdup(value);
    return p;
}

void rp_property_free(gpointer p)
{
    RpProperty *x = p;

    if (x) {
        g_free(x->name);
        g_free(x->value);
        g_free(x);
    }
}

/* @text escaped for XML 1.0: valid UTF-8, no control characters but tab/newline */
static char *xml_text(const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text ? text : "", -1);

    for (char *c = valid; *c; c++) {
        if ((guchar)*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') {
            *c = ' ';
        }
    }
    return g_markup_escape_text(valid, -1);
}

char *rp_junit_xml(const GPtrArray *results, const GPtrArray *properties)
{
    GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    guint failures = 0;

    for (guint i = 0; i < results->len; i++) {
        failures += !((const RpResult *)g_ptr_array_index(results, i))->ok;
    }
    g_string_append_printf(x, "<testsuite name=\"rprocsim scenarios\" tests=\"%u\" "
                           "failures=\"%u\">\n", results->len, failures);
    if (properties && properties->len) {
        g_string_append(x, "  <properties>\n");
        for (guint i = 0; i < properties->len; i++) {
            const RpProperty *p = g_ptr_array_index(properties, i);
            g_autofree char *name = xml_text(p->name);
            g_autofree char *value = xml_text(p->value);

            g_string_append_printf(x, "    <property name=\"%s\" value=\"%s\"/>\n",
                                   name, value);
        }
        g_string_append(x, "  </properties>\n");
    }
    for (guint i = 0; i < results->len; i++) {
        const RpResult *r = g_ptr_array_index(results, i);
        g_autofree char *cls = xml_text(r->scenario);
        g_autofree char *name = xml_text(r->subsys);
        g_autofree char *log = xml_text(r->log);
        char secs[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd(secs, sizeof(secs), "%.3f", r->seconds);
        g_string_append_printf(x, "  <testcase classname=\"%s\" name=\"%s\" time=\"%s\">\n",
                               cls, name, secs);
        if (!r->ok || r->skipped) {
            g_autofree char *msg = xml_text(r->message);

            g_string_append_printf(x, "    <%s message=\"%s\"/>\n",
                                   r->skipped ? "skipped" : "failure", msg);
        }
        g_string_append_printf(x, "    <system-out>%s</system-out>\n  </testcase>\n", log);
    }
    g_string_append(x, "</testsuite>\n");
    return g_string_free(x, FALSE);
}

gboolean rp_junit_write(const char *path, const GPtrArray *results,
                        const GPtrArray *properties, GError **error)
{
    g_autofree char *xml = rp_junit_xml(results, properties);

    return g_file_set_contents(path, xml, -1, error);
}

/* --- reading it back (rprocsim junit-merge) ------------------------------ */

typedef struct JunitReader {
    GPtrArray *results;         /* RpResult *, appended to */
    GPtrArray *properties;      /* RpProperty *, appended to */
    RpResult *cur;              /* the open <testcase> */
    gboolean in_out;            /* inside its <system-out> */
    GString *out;
} JunitReader;

static const char *attr(const char **names, const char **values, const char *want)
{
    for (guint i = 0; names[i]; i++) {
        if (g_str_equal(names[i], want)) {
            return values[i];
        }
    }
    return NULL;
}

static void junit_start(GMarkupParseContext *ctx, const char *name, const char **an,
                        const char **av, gpointer data, GError **error)
{
    JunitReader *r = data;

    if (g_str_equal(name, "testcase")) {
        const char *cls = attr(an, av, "classname"), *tn = attr(an, av, "name");
        const char *t = attr(an, av, "time");

        if (r->cur || !cls || !tn) {
            g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                        "a <testcase> %s", r->cur ? "inside another" :
                        "without classname and name");
            return;
        }
        r->cur = g_new0(RpResult, 1);
        r->cur->scenario = g_strdup(cls);
        r->cur->subsys = g_strdup(tn);
        r->cur->ok = TRUE;
        r->cur->seconds = t ? g_ascii_strtod(t, NULL) : 0;
        if (!isfinite(r->cur->seconds) || r->cur->seconds < 0) {
            r->cur->seconds = 0;
        }
    } else if (g_str_equal(name, "failure") || g_str_equal(name, "error") ||
               g_str_equal(name, "skipped")) {
        const char *msg = attr(an, av, "message");

        if (!r->cur) {
            g_set_error(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                        "<%s> outside a <testcase>", name);
            return;
        }
        r->cur->skipped = g_str_equal(name, "skipped");
        r->cur->ok = r->cur->skipped;
        g_free(r->cur->message);
        r->cur->message = g_strdup(msg ? msg : "");
    } else if (g_str_equal(name, "system-out") && r->cur) {
        r->in_out = TRUE;
        g_string_truncate(r->out, 0);
    } else if (g_str_equal(name, "property")) {
        const char *pn = attr(an, av, "name"), *pv = attr(an, av, "value");

        if (pn && pv) {
            g_ptr_array_add(r->properties, rp_property_new(pn, pv));
        }
    }
}

static void junit_end(GMarkupParseContext *ctx, const char *name, gpointer data,
                      GError **error)
{
    JunitReader *r = data;

    if (g_str_equal(name, "system-out") && r->in_out) {
        r->in_out = FALSE;
        g_free(r->cur->log);
        r->cur->log = g_strdup(r->out->str);
    } else if (g_str_equal(name, "testcase") && r->cur) {
        g_ptr_array_add(r->results, r->cur);
        r->cur = NULL;
    }
}

static void junit_text(GMarkupParseContext *ctx, const char *t, gsize len, gpointer data,
                       GError **error)
{
    JunitReader *r = data;

    if (r->in_out) {
        g_string_append_len(r->out, t, len);
    }
}

gboolean rp_junit_parse(const char *xml, gssize len, GPtrArray *results,
                        GPtrArray *properties, GError **error)
{
    static const GMarkupParser parser = {
        .start_element = junit_start, .end_element = junit_end, .text = junit_text,
    };
    JunitReader r = { .results = results, .properties = properties, .out = g_string_new(NULL) };
    GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &r, NULL);
    gboolean ok = g_markup_parse_context_parse(ctx, xml, len, error) &&
                  g_markup_parse_context_end_parse(ctx, error);

    if (!ok) {
        gint line = 0, chr = 0;

        g_markup_parse_context_get_position(ctx, &line, &chr);
        g_prefix_error(error, "line %d, character %d: ", line, chr);
    }
    rp_result_free(r.cur);
    g_string_free(r.out, TRUE);
    g_markup_parse_context_free(ctx);
    return ok;
}
