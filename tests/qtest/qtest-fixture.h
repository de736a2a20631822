/*
 * qtests: one QEMU per test with a qtest channel (and a QMP monitor), and
 * register access helpers that fail the test on errors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TESTS_QTEST_FIXTURE_H
#define RPROCSIM_TESTS_QTEST_FIXTURE_H

#include <stdint.h>

#include "qmp.h"
#include "qtest.h"
#include "vm.h"

extern RpVm *qt_vm;
extern RpQtest *qt;
extern RpQmp *qt_qmp;

/*
 * Start qcs6490-sim from RPROCSIM_BUILD with -accel @accel ("qtest": no
 * guest code; "tcg") and -kernel @kernel (may be NULL), a qtest channel
 * and a QMP monitor.
 */
void qt_start(const char *accel, const char *kernel);

/* qt_start() with more QEMU arguments @extra (NULL-terminated, may be NULL) */
void qt_start_extra(const char *accel, const char *kernel, const char *const *extra);
void qt_stop(void);

uint32_t qt_rd(uint64_t addr);
void qt_wr(uint64_t addr, uint32_t v);

/* qom-get of a string property (caller frees) */
char *qt_qom_str(const char *path, const char *prop);

#endif /* RPROCSIM_TESTS_QTEST_FIXTURE_H */
