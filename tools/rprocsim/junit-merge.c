/*
 * rprocsim junit-merge: the JUnit files of a sharded run ('rprocsim run
 * --shard K/N --junit FILE' on each machine) as one document, test cases
 * in the order of the files given, each distinct property once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "junit.h"

#include <stdio.h>

/* @p is already among @have (same name and value) */
static gboolean have_property(const GPtrArray *have, const RpProperty *p)
{
    for (guint i = 0; i < have->len; i++) {
        const RpProperty *q = g_ptr_array_index(have, i);

        if (g_str_equal(q->name, p->name) && g_str_equal(q->value, p->value)) {
            return TRUE;
        }
    }
    return FALSE;
}

int rp_cmd_junit_merge(int argc, char **argv)
{
    g_autofree char *out = NULL;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
          "write the merged document to FILE (required)", "FILE" },
        { NULL }
    };
    const RpCommand cmd = {
        "junit-merge", "JUNIT... - merge the JUnit files of a sharded run", entries, NULL,
        "Reads each JUNIT file ('rprocsim run --junit', one per --shard) and writes\n"
        "one document with all their test cases, in the order given, and each\n"
        "distinct property once. Exit status 0 when written, 1 if a merged test\n"
        "case failed, 2 for unreadable input.\n\n"
        "Example:\n"
        "  rprocsim junit-merge -o junit.xml shard-1.xml shard-2.xml shard-3.xml"
    };
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(rp_result_free);
    g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func(rp_property_free);
    g_autoptr(GError) err = NULL;
    guint failed = 0;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (!out || argc < 2) {
        fprintf(stderr, "rprocsim junit-merge: %s (see --help)\n",
                out ? "no JUnit file given" : "--output FILE is required");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        g_autofree char *xml = NULL;
        g_autoptr(GPtrArray) props = g_ptr_array_new_with_free_func(rp_property_free);
        gsize len;

        if (!g_file_get_contents(argv[i], &xml, &len, &err) ||
            !rp_junit_parse(xml, (gssize)len, results, props, &err)) {
            fprintf(stderr, "rprocsim junit-merge: %s: %s\n", argv[i], err->message);
            return 2;
        }
        for (guint k = 0; k < props->len; k++) {
            RpProperty *p = g_ptr_array_index(props, k);

            if (!have_property(properties, p)) {
                g_ptr_array_add(properties, rp_property_new(p->name, p->value));
            }
        }
    }
    if (!rp_junit_write(out, results, properties, &err)) {
        fprintf(stderr, "rprocsim junit-merge: cannot write %s: %s\n", out, err->message);
        return 2;
    }
    for (guint i = 0; i < results->len; i++) {
        failed += !((RpResult *)g_ptr_array_index(results, i))->ok;
    }
    fprintf(stderr, "%u test cases from %d files into %s, %u failed\n", results->len,
            argc - 1, out, failed);
    return failed ? 1 : 0;
}
