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

char *rp_junit_xml(const GPtrArray *results)
{
    GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    guint failures = 0;

    for (guint i = 0; i < results->len; i++) {
        failures += !((const RpResult *)g_ptr_array_index(results, i))->ok;
    }
    g_string_append_printf(x, "<testsuite name=\"rprocsim scenarios\" tests=\"%u\" "
                           "failures=\"%u\">\n", results->len, failures);
    for (guint i = 0; i < results->len; i++) {
        const RpResult *r = g_ptr_array_index(results, i);
        g_autofree char *cls = xml_text(r->scenario);
        g_autofree char *name = xml_text(r->subsys);
        g_autofree char *log = xml_text(r->log);
        char secs[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd(secs, sizeof(secs), "%.3f", r->seconds);
        g_string_append_printf(x, "  <testcase classname=\"%s\" name=\"%s\" time=\"%s\">\n",
                               cls, name, secs);
        if (!r->ok) {
            g_autofree char *msg = xml_text(r->message);

            g_string_append_printf(x, "    <failure message=\"%s\"/>\n", msg);
        }
        g_string_append_printf(x, "    <system-out>%s</system-out>\n  </testcase>\n", log);
    }
    g_string_append(x, "</testsuite>\n");
    return g_string_free(x, FALSE);
}

gboolean rp_junit_write(const char *path, const GPtrArray *results, GError **error)
{
    g_autofree char *xml = rp_junit_xml(results);

    return g_file_set_contents(path, xml, -1, error);
}
