/*
 * rprocsim run: carrying out the steps of a scenario (docs/scenarios.md)
 * on one subsystem of a booted guest: kernel messages, sysfs and debugfs,
 * fault injection, TrustZone properties, devcoredumps and their crash
 * reports.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_STEPS_H
#define RPROCSIM_STEPS_H

#include <glib.h>

#include "qmp.h"
#include "rproc.h"
#include "scenario.h"
#include "vm.h"

/* Bound on each agent command the steps run, seconds */
#define RP_STEP_AGENT_TIMEOUT_S 30.0

/* One subsystem's pass through a scenario; the runner owns everything in it. */
typedef struct RpPass {
    RpVm *vm;
    RpQmp *qmp;
    RpRproc r;                  /* the subsystem's remoteproc */
    const char *out_dir;        /* the scenario's folder for dumps and scratch files */
    GHashTable *vars;           /* ${name} -> value */
    GHashTable *baseline;       /* TrustZone property -> value at the round's start */
    guint cursor;               /* dmesg lines already matched by 'expect' */
    GString *log;               /* what happened, for failures and JUnit */
    const char *firmware_dir;   /* the firmware ELF files, SUBSYS.elf */
    GBytes *last_dump;          /* the dump the last 'dump' step took */
} RpPass;

/*
 * Carry out step @st (its ${...} expanded from @p->vars), noting what
 * happened in @p->log. FALSE with @error ("[step N] kind: why") if the
 * step did not hold or could not be carried out.
 */
gboolean rp_step_run(RpPass *p, const RpStep *st, GError **error);

/*
 * Read the TrustZone properties that 'tz' steps with grew=true of @sc
 * compare with into @p->baseline (emptied first). FALSE with @error.
 */
gboolean rp_steps_take_baseline(RpPass *p, const RpScenario *sc, GError **error);

/* Called after each round of a pass whose steps all held; @round counts from 1 */
typedef void (*RpRoundDone)(RpPass *p, unsigned round, gpointer data);

/*
 * One pass of @sc on subsystem @ss: find its remoteproc (into @p->r), set
 * the ${...} variables, then @rounds times (0: the scenario's repeat)
 * clear the kernel log and run the steps, calling @done (may be NULL)
 * after each round. FALSE with @error ("round N: " prefixed when there
 * are several) at the first step that does not hold.
 */
gboolean rp_pass_run(RpPass *p, const RpScenario *sc, const RpSubsys *ss, unsigned rounds,
                     RpRoundDone done, gpointer data, GError **error);

#endif /* RPROCSIM_STEPS_H */
