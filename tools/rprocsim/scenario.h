/*
 * rprocsim: scenario files (docs/scenarios.md). A scenario is a GLib key
 * file: a [scenario] group naming the subsystems it runs on, then [step N]
 * groups carried out in order for each of them. Pure parsing, no I/O
 * beyond reading the file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SCENARIO_H
#define RPROCSIM_SCENARIO_H

#include <glib.h>

#define RP_SCENARIO_ERROR (rp_scenario_error_quark())
GQuark rp_scenario_error_quark(void);

typedef enum {
    RP_STEP_ENSURE,     /* state=running|offline (of= another subsystem): start or stop
                         * through sysfs if needed */
    RP_STEP_SYSFS,      /* attr=, value=: write a remoteproc sysfs attribute */
    RP_STEP_DEBUGFS,    /* file=, value=: write a remoteproc debugfs file */
    RP_STEP_INJECT,     /* fault=: QOM "fault" of the subsystem's Q6SS */
    RP_STEP_TZ_INJECT,  /* fault=: QOM "fault" of TrustZone */
    RP_STEP_EXPECT,     /* message=: a kernel message after the previous one matched */
    RP_STEP_ABSENT,     /* message=: no kernel message of this pass contains it */
    RP_STEP_STATE,      /* value=: the sysfs state reads this (waits up to timeout) */
    RP_STEP_TZ,         /* property=, contains= or grew=true: a TrustZone QOM property */
    RP_STEP_GUEST,      /* command=: a shell command in the guest */
    RP_STEP_DUMP,       /* format=elf|minidump: the subsystem's devcoredump */
    RP_STEP_INSPECT,    /* contains=: 'rprocsim inspect' of the last dump says it */
    RP_STEP_SCI,        /* property=, bits=: a DMSC QOM property has those bits (waits) */
    RP_STEP_SSR,        /* of=, contains=: a peer heard of an SSR event this pass (waits) */
    RP_STEP_COUNT
} RpStepKind;

typedef struct RpStep {
    RpStepKind kind;
    char *group;        /* "step 3", for messages */
    char *arg;          /* the kind's main value, ${...} not yet expanded */
    char *arg2;         /* second value (sysfs/debugfs value, tz contains) */
    gboolean fails;     /* sysfs/debugfs/guest: the write or command must fail */
    gboolean grew;      /* tz: the property must be larger than at the pass start */
    double timeout_s;   /* expect/state/ensure: bound on the wait */
} RpStep;

typedef struct RpScenario {
    char *name;         /* file name without ".scenario" */
    char *summary;
    char *board;        /* the board's QEMU machine ("board=", default qcs6490-sim) */
    char **patches;     /* "patches=": kernel patches the scenario needs, NULL-terminated,
                         * relative to the scenario file's folder (rp_scenario_load()
                         * makes them absolute); NULL for none */
    gboolean fresh_boot; /* "boot=fresh": its own boot, never a restored base */
    char **subsystems;  /* NULL-terminated: "adsp", "cdsp", "wpss", of that board */
    unsigned repeat;    /* the steps run this many times per subsystem, >= 1 */
    GPtrArray *steps;   /* RpStep * */
} RpScenario;

/*
 * The ${...} variables a pass sets (run.c), NULL-terminated: ss, name, dev,
 * sysfs, debugfs, fw, n. A step using another is refused when parsed.
 */
extern const char *const rp_scenario_variables[];

/* The largest 'repeat' (a soak, scenarios/soak/, runs 1000 rounds). */
#define RP_SCENARIO_REPEAT_MAX 10000

/* Default bound on expect/state/ensure waits, seconds. */
#define RP_STEP_DEFAULT_TIMEOUT_S 10.0

/*
 * Parse the scenario in @path. Unknown groups, kinds, keys, subsystems or
 * ${...} variables are errors naming the file and group. Returns NULL with @error set.
 */
RpScenario *rp_scenario_load(const char *path, GError **error);

/* Same from text; @name is used for messages and RpScenario.name. */
RpScenario *rp_scenario_parse(const char *name, const char *text, gsize len,
                              GError **error);

/*
 * @arg itself if it is not a folder, else the *.scenario files of folder
 * @arg in name order (its subfolders are not read: scenarios/soak/ is not
 * part of scenarios/). Caller frees; NULL with @error for a folder that
 * cannot be read or holds none.
 */
GPtrArray *rp_scenario_files(const char *arg, GError **error);

void rp_scenario_free(RpScenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpScenario, rp_scenario_free)

/* The key-file name of @kind ("ensure", "sysfs", ...). */
const char *rp_step_kind_name(RpStepKind kind);

/*
 * Replace ${name} in @text by the value @vars maps it to (char * -> char *).
 * Unknown names are an error. "$${" is an escape for the guest shell's own
 * parameter expansion: it becomes "${" and is not expanded here (what follows
 * it is read as usual, so "$${f:-${ss}}" gives "${f:-adsp}"); every other
 * '$' is copied as it is ("$$", "$1", "$(...)"). Returns the expanded text
 * (caller frees) or NULL with @error.
 */
char *rp_scenario_expand(const char *text, GHashTable *vars, GError **error);

#endif /* RPROCSIM_SCENARIO_H */
