/*
 * rprocsim: a client of QEMU's qtest protocol (system/qtest.c), for device
 * tests (QEMU run with -accel qtest, no guest code) and for test harnesses
 * that act as a remote processor while the guest runs (-accel tcg plus a
 * qtest socket): read and write guest-physical memory and MMIO, intercept
 * a device's IRQ outputs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_QTEST_H
#define RPROCSIM_QTEST_H

#include <glib.h>
#include <stdint.h>

#define RP_QTEST_ERROR (rp_qtest_error_quark())
GQuark rp_qtest_error_quark(void);

#define RP_QTEST_MAX_IRQS 64

typedef struct RpQtest RpQtest;

/* Wrap the connected socket @fd (owned from now on). */
RpQtest *rp_qtest_new(int fd);
void rp_qtest_free(RpQtest *q);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpQtest, rp_qtest_free)

/*
 * Send one command line and wait, at most 30 s, for its "OK" answer.
 * Returns the text after "OK" (caller frees), or NULL with @error set on
 * FAIL/ERR answers, a closed socket or a timeout. Asynchronous "IRQ
 * raise|lower N" lines are recorded on the way.
 */
char *rp_qtest_cmd(RpQtest *q, GError **error, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* 32-bit MMIO/memory access through the first CPU's address space. */
gboolean rp_qtest_readl(RpQtest *q, uint64_t addr, uint32_t *val, GError **error);
gboolean rp_qtest_writel(RpQtest *q, uint64_t addr, uint32_t val, GError **error);

/* Byte ranges (at most 64 KiB per call). */
gboolean rp_qtest_read(RpQtest *q, uint64_t addr, void *buf, size_t len, GError **error);
gboolean rp_qtest_write(RpQtest *q, uint64_t addr, const void *buf, size_t len,
                        GError **error);

/*
 * Intercept the IRQ outputs @name ("sysbus-irq" for sysbus devices) of the
 * device at QOM path @path. Their levels are then rp_qtest_irq().
 */
gboolean rp_qtest_irq_intercept_out(RpQtest *q, const char *path, const char *name,
                                    GError **error);

/* Last level reported for intercepted output @n (0..RP_QTEST_MAX_IRQS-1). */
int rp_qtest_irq(RpQtest *q, unsigned n);

/* How many times intercepted output @n went high (a pulse counts once). */
unsigned rp_qtest_irq_raises(RpQtest *q, unsigned n);

/* Advance the virtual clock by @ns (only under -accel qtest). */
gboolean rp_qtest_clock_step(RpQtest *q, int64_t ns, GError **error);

#endif /* RPROCSIM_QTEST_H */
