/*
 * libFuzzer target: the JUnit reader of 'rprocsim junit-merge'
 * (tools/rprocsim/junit.c) on any bytes. Aborts if a document it accepts,
 * written out again by rp_junit_xml(), does not read back to the same
 * test cases (names, verdicts, logs).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

#include "junit.h"

/* Valid UTF-8 without control characters: written and read back unchanged */
static gboolean plain(const char *s)
{
    if (!g_utf8_validate(s, -1, NULL)) {
        return FALSE;
    }
    for (; *s; s++) {
        if ((guchar)*s < 0x20) {
            return FALSE;
        }
    }
    return TRUE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(rp_result_free);
    g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GPtrArray) back = g_ptr_array_new_with_free_func(rp_result_free);
    g_autoptr(GPtrArray) back_props = g_ptr_array_new_with_free_func(rp_property_free);
    g_autofree char *xml = NULL;

    if (!rp_junit_parse((const char *)data, (gssize)size, results, props, NULL)) {
        return 0;
    }
    xml = rp_junit_xml(results, props);
    if (!rp_junit_parse(xml, -1, back, back_props, NULL) || back->len != results->len ||
        back_props->len != props->len) {
        abort();
    }
    for (guint i = 0; i < back->len; i++) {
        const RpResult *a = g_ptr_array_index(results, i), *b = g_ptr_array_index(back, i);

        if (b->ok != a->ok || b->skipped != a->skipped ||
            (plain(a->scenario) && g_strcmp0(a->scenario, b->scenario)) ||
            (plain(a->subsys) && g_strcmp0(a->subsys, b->subsys))) {
            abort();
        }
    }
    return 0;
}
