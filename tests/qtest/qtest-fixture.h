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

/* qt_start_extra() of machine @machine ("am64x-sim") instead of qcs6490-sim */
void qt_start_machine(const char *machine, const char *accel, const char *kernel,
                      const char *const *extra);
void qt_stop(void);

uint32_t qt_rd(uint64_t addr);
void qt_wr(uint64_t addr, uint32_t v);

/* qom-get of a string property (caller frees) */
char *qt_qom_str(const char *path, const char *prop);

/* qom-get of an integer property */
int64_t qt_qom_int(const char *path, const char *prop);

/* QMP @command without arguments, or with one string argument @arg = @value */
void qt_qmp_do(const char *command, const char *arg, const char *value);

/*
 * Wait (bounded, 20 s) for a RPROCSIM_SUBSYSTEM_STATE event of @subsystem
 * in @state among its state events (rp_qmp_state_events()) from index
 * *@from on; fails the test otherwise. Sets *@from past it, so successive
 * calls assert an order.
 */
void qt_wait_state_event(const char *subsystem, const char *state, guint *from);

/* Wait (bounded, 30 s) until query-migrate says "completed"; fails otherwise */
void qt_migration_done(void);

/*
 * Save the running machine to @uri ("file:PATH"): stop, migrate, wait
 * for it (qt_migration_done()), then end that QEMU (qt_stop()).
 */
void qt_save(const char *uri);

/*
 * Restore @uri into the QEMU started since with "-incoming defer" and the
 * same machine: migrate-incoming, then wait for it.
 */
void qt_restore(const char *uri);

#endif /* RPROCSIM_TESTS_QTEST_FIXTURE_H */
