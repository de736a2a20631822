/*
 * System tests: one booted qcs6490-sim guest shared by the tests of a file
 * (check runs them in-process), with its agent and optionally a qtest
 * channel for playing a remote processor.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TESTS_GUEST_FIXTURE_H
#define RPROCSIM_TESTS_GUEST_FIXTURE_H

#include <stdbool.h>

#include "../tap-main.h"
#include "common.h"
#include "guest-proto.h"
#include "qtest.h"

extern RpOptions sys_opts;      /* paths, from RPROCSIM_BUILD */
extern RpVm *sys_vm;
extern RpQtest *sys_qt;         /* NULL unless booted with a qtest channel */
extern struct RpQmp *sys_qmp;   /* NULL unless booted with a QMP monitor */
extern RpReadyMark sys_ready;   /* /init's ready marker */
extern char *sys_boot_error;    /* why the boot failed, or NULL */

/* What a system test's guest is booted with */
typedef struct SysBootOptions {
    bool qtest;             /* a qtest channel in sys_qt, to play a remote processor */
    bool qmp;               /* a QMP monitor in sys_qmp */
    bool wait_modules;      /* wait for /init's modules-loaded marker too */
} SysBootOptions;

/*
 * Boot the stock kernel on qcs6490-sim with the agent and what @o asks for,
 * and wait, within RP_BOOT_TIMEOUT_S, for the ready marker (and the
 * modules). Failures land in sys_boot_error; tests then fail with it.
 */
void sys_boot(const SysBootOptions *o);

/* Stop the guest (fixture teardown); the next sys_boot() starts afresh. */
void sys_shutdown(void);

/*
 * The suite of a system test file, from the table @tests (tap-main.h):
 * the tests run in-process, without check's timeout (every wait inside
 * has its own bound), and each tcase boots its own guest with @boot before
 * its first test and stops it after its last. Tests that share a tcase
 * must therefore leave the guest as they found it (they only look); a
 * test that changes it gets a tcase of its own.
 */
Suite *sys_suite(const char *name, const RpTest *tests, size_t n,
                 const SysBootOptions *boot);

/* qom-set of a string property through sys_qmp; the test fails on error. */
void sys_qom_set(const char *path, const char *property, const char *value);

/* qom-get of a string property through sys_qmp (caller frees). */
char *sys_qom_get(const char *path, const char *property);

/* Run @cmd in the guest; the test fails unless it exits 0. Caller frees. */
char *sys_guest(const char *cmd);

/*
 * Fail the test if the guest's kernel log has a warning or error (level 4
 * or more urgent) mentioning any of @keywords (NULL-terminated, matched
 * case-insensitively).
 */
void sys_assert_no_warnings(const char *const *keywords);

#endif /* RPROCSIM_TESTS_GUEST_FIXTURE_H */
