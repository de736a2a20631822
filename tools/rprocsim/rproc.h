/*
 * rprocsim: the guest's remote processors as the kernel shows them in
 * sysfs, reached through the agent. The kernel names a remoteproc either
 * after its device node ("3700000.remoteproc", 6.12 before .115) or after
 * the subsystem ("adsp"); both are found through the device link.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_RPROC_H
#define RPROCSIM_RPROC_H

#include <glib.h>
#include "vm.h"
#include "subsys.h"

/* A subsystem as the tools know it: its descriptor (include/rprocsim/subsys.h) */
typedef RprocsimSubsys RpSubsys;

/*
 * The subsystems of @board, in the descriptor table's order; *@n gets
 * their count.
 */
const RpSubsys *rp_subsystems(const RprocsimBoard *board, unsigned *n);

typedef struct RpRproc {
    const RpSubsys *ss;
    char *dir;                  /* /sys/class/remoteproc/remoteprocN */
    char *name;                 /* the kernel's name for it, as in its messages */
} RpRproc;

/*
 * Find @ss among the guest's remoteprocs (within @timeout_s: the driver may
 * still be probing). FALSE with @error if it is not there.
 */
gboolean rp_rproc_find(RpVm *vm, const RpSubsys *ss, double timeout_s, RpRproc *out,
                       GError **error);
void rp_rproc_clear(RpRproc *r);

/* Contents of sysfs attribute @attr ("state", "coredump", ...), stripped. */
char *rp_rproc_read(RpVm *vm, const RpRproc *r, const char *attr, GError **error);

/* Write @value to sysfs attribute @attr. FALSE with the kernel's error. */
gboolean rp_rproc_write(RpVm *vm, const RpRproc *r, const char *attr, const char *value,
                        GError **error);

/* Wait, polling at most @timeout_s, until "state" reads @want. */
gboolean rp_rproc_wait_state(RpVm *vm, const RpRproc *r, const char *want,
                             double timeout_s, GError **error);

/*
 * Copy the devcoredump the kernel made for @r (/sys/class/devcoredump/
 * devcdN/data, through base64) and release it in the guest. NULL with
 * @error if there is none or the copy fails.
 */
GBytes *rp_rproc_take_dump(RpVm *vm, const RpRproc *r, GError **error);

#endif /* RPROCSIM_RPROC_H */
