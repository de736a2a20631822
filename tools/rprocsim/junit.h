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
    gboolean skipped;   /* not run (ok is TRUE): @message says why */
    char *message;      /* why it failed or was skipped; NULL if it passed */
    char *log;          /* what happened (system-out), may be NULL */
    double seconds;
} RpResult;

/* Free @p, an RpResult * with its strings (a GDestroyNotify). */
void rp_result_free(gpointer p);

/* A <property> of the test suite: what the results were measured on */
typedef struct RpProperty {
    char *name;         /* "patch", "module" */
    char *value;        /* "0001-fix.patch 3f5a...", "qcom_common srcversion ..." */
} RpProperty;

/* A new RpProperty with copies of @name and @value; free with rp_property_free() */
RpProperty *rp_property_new(const char *name, const char *value);

/* Free @p, an RpProperty * (a GDestroyNotify). */
void rp_property_free(gpointer p);

/*
 * @results (RpResult *) as a JUnit XML document (caller frees), with
 * @properties (RpProperty *, in order; NULL or empty: no <properties>) as
 * the <testsuite>'s <properties>. All text is escaped; invalid UTF-8 is
 * repaired and control characters other than tab, newline and carriage
 * return become spaces, so the document is XML 1.0.
 */
char *rp_junit_xml(const GPtrArray *results, const GPtrArray *properties);

/* rp_junit_xml() written to @path. FALSE with @error on failure. */
gboolean rp_junit_write(const char *path, const GPtrArray *results,
                        const GPtrArray *properties, GError **error);

/*
 * Read a JUnit document (@len bytes of @xml, -1: NUL-terminated), as
 * rp_junit_xml() writes it or any with <testcase classname= name=>
 * elements (a <testsuites> wrapper, <error> as <failure>), appending its
 * test cases to @results (RpResult *) and its <property> elements to
 * @properties (RpProperty *). Negative or unreadable times read 0. FALSE
 * with @error (its line and character) if it is not well-formed or a
 * <testcase> lacks its names; what was read before stays appended.
 */
gboolean rp_junit_parse(const char *xml, gssize len, GPtrArray *results,
                        GPtrArray *properties, GError **error);

#endif /* RPROCSIM_JUNIT_H */
