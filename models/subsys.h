/*
 * rprocsim models: looking up the subsystem descriptors of
 * include/rprocsim/subsys.h by board and by name.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_SUBSYS_H
#define RPROCSIM_MODELS_SUBSYS_H

#include "rprocsim/subsys.h"

/* The board whose QEMU machine is @machine ("qcs6490-sim"), or NULL. */
const RprocsimBoard *rprocsim_board_find(const char *machine);

/* The board the tools and TrustZone use when none is named: qcs6490-sim. */
const RprocsimBoard *rprocsim_board_default(void);

/* Every board, the default first, NULL-terminated (static). */
const RprocsimBoard *const *rprocsim_boards(void);

/*
 * The machine names of every board joined with ", " ("qcs6490-sim,
 * am64x-sim"), the default first, for help and error messages. The caller
 * frees it with g_free().
 */
char *rprocsim_board_names(void);

/* Subsystem @name ("adsp") of @board, or NULL. */
const RprocsimSubsys *rprocsim_subsys_find(const RprocsimBoard *board,
                                           const char *name);

/*
 * The names of @board's subsystems joined with ", " ("adsp, cdsp, wpss"),
 * for error messages. The caller frees it with g_free().
 */
char *rprocsim_subsys_names(const RprocsimBoard *board);

/*
 * The platform device name Linux gives @ss's remoteproc node
 * ("3700000.remoteproc": of_device_make_bus_id() of a node
 * remoteproc@3700000). The caller frees it with g_free().
 */
char *rprocsim_subsys_device(const RprocsimSubsys *ss);

#endif /* RPROCSIM_MODELS_SUBSYS_H */
