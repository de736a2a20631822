/*
 * Each check-based test file defines these two for tap-main.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TAP_MAIN_H
#define RPROCSIM_TAP_MAIN_H

#include <check.h>
#include <stdbool.h>

/* The suite to run (created fresh; the runner owns it). */
Suite *rp_test_suite(void);

/* true to run the tests in-process (needed when they share a fixture). */
extern const bool rp_test_nofork;

#endif /* RPROCSIM_TAP_MAIN_H */
