/*
 * rprocsim: the results of 'rprocsim run' as JUnit XML (one <testsuite>,
 * one <testcase> per scenario and subsystem), the format CI systems read.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_JUNIT_H
#define RPROCSIM_JUNIT_H

#include <glib.h>

/* One test point: a scenario's pass on one subsystem. */
typedef struct RpResult {
    char *scenario;     /* the scenario's name (the JUnit classname) */
    char *subsys;       /* the subsystem (the JUnit test name) */
    gboolean ok;
    char *message;      /* why it failed; NULL if ok */
    char *log;          /* what happened (system-out), may be NULL */
    double seconds;
} RpResult;

/* Free @p, an RpResult * with its strings (a GDestroyNotify). */
void rp_result_free(gpointer p);

/*
 * @results (RpResult *) as a JUnit XML document (caller frees). All text is
 * escaped; invalid UTF-8 is repaired and control characters other than tab,
 * newline and carriage return become spaces, so the document is XML 1.0.
 */
char *rp_junit_xml(const GPtrArray *results);

/* rp_junit_xml() written to @path. FALSE with @error on failure. */
gboolean rp_junit_write(const char *path, const GPtrArray *results, GError **error);

#endif /* RPROCSIM_JUNIT_H */
