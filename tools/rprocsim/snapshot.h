/*
 * rprocsim: a booted machine saved once and restored many times (QEMU
 * migration to a file: QMP "migrate" with a file: URI, and "-incoming
 * defer" + "migrate-incoming" on a QEMU with the same command line;
 * docs/scenarios.md "Boot once").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SNAPSHOT_H
#define RPROCSIM_SNAPSHOT_H

#include <glib.h>

#include "qmp.h"

/* Bound on saving or loading one machine state, wall seconds */
#define RP_SNAPSHOT_TIMEOUT_S 60.0

/*
 * Stop the machine behind @qmp and write its state to @path (replaced),
 * waiting at most @timeout_s; the machine stays paused. FALSE with @error,
 * QEMU's own words included, if the migration fails or takes too long.
 */
gboolean rp_snapshot_save(RpQmp *qmp, const char *path, double timeout_s, GError **error);

/*
 * Load @path into the machine of a QEMU started with -incoming defer
 * (RpVmConfig.incoming) and resume it, waiting at most @timeout_s. FALSE
 * with @error as rp_snapshot_save().
 */
gboolean rp_snapshot_load(RpQmp *qmp, const char *path, double timeout_s, GError **error);

#endif /* RPROCSIM_SNAPSHOT_H */
