/*
 * rprocsim: JUnit XML of scenario results.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "junit.h"

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
