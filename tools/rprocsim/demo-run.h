/*
 * rprocsim demo: what every board's demo shares. A demo boots its board's
 * guest, drives the remote processors the way a user would (sysfs, faults
 * injected where the hardware sees them), collects the kernel's own words,
 * and writes a report; everything that did not hold is a "problem", and
 * the demo passes only without any. The board flows are demo.c
 * (qcs6490-sim) and demo-k3.c (am64x-sim).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_DEMO_RUN_H
#define RPROCSIM_DEMO_RUN_H

#include <glib.h>
#include <json-glib/json-glib.h>

#include "common.h"
#include "guest-proto.h"
#include "patched.h"
#include "qmp.h"
#include "vm.h"

#define RP_DEMO_AGENT_TIMEOUT_S 60.0

typedef struct RpDemo {
    RpOptions o;                /* resolved, for this board (borrowed strings) */
    char *out_dir;              /* console.log, report.json and the board's files */
    int steps;                  /* progress lines "[n/steps]" */
    RpVm *vm;
    RpQmp *qmp;
    GPtrArray *problems;        /* char *: why the demo failed */
    RpReadyMark ready;
    double ready_wall_s;
    GPtrArray *modules_loaded;
    GPtrArray *modules_failed;
    char *proc_version;
    char *kernel_sha256;
    char *qemu_cmd;
    RpPatchedCheck patch_check; /* a patched guest: taint and loaded srcversions */
    gboolean patch_checked;
} RpDemo;

/*
 * Set up @d for options @o (already resolved and chosen for the board;
 * copied shallowly) writing into @out_dir (created; copied), with @steps
 * progress steps. FALSE with a message on stderr if the folder cannot be
 * made.
 */
gboolean rp_demo_init(RpDemo *d, const RpOptions *o, const char *out_dir, int steps);

/* Record (and print on stderr) a reason the demo fails. */
void rp_demo_problem(RpDemo *d, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * Run @cmd in the guest through the agent; its output (caller frees), or
 * NULL after recording a problem if it fails or exits non-zero.
 */
char *rp_demo_agent(RpDemo *d, const char *cmd);

/*
 * Kernel time (s) into *@t of the first dmesg line after the one holding
 * @after (NULL: from the start) that holds @needle, polling dmesg for up
 * to @timeout_s. FALSE if it never appears.
 */
gboolean rp_demo_kernel_time_of(RpDemo *d, const char *after, const char *needle,
                                double timeout_s, double *t);

/*
 * Progress steps 1 to 3: boot the board's guest (console into
 * OUT/console.log), wait for userspace and module loading, watch for a
 * kernel Oops from then on, read /proc/version, check a patched guest.
 * FALSE (with a problem) if the guest never got there.
 */
gboolean rp_demo_boot(RpDemo *d);

/* A kernel Oops, BUG or WARN anywhere in the run becomes a problem; then stop the VM. */
void rp_demo_finish_vm(RpDemo *d);

/* The kernel release for reports: the booted one, else the image's. */
const char *rp_demo_kernel_release(const RpDemo *d);

/*
 * A report: rp_demo_report_begin() opens the JSON object with what every
 * board reports (result, problems, machine, QEMU command, kernel, patches,
 * time to userspace, modules); the caller adds its members;
 * rp_demo_report_write() adds the packages, closes it and writes
 * OUT/report.json. FALSE with @error if it cannot be written.
 */
JsonBuilder *rp_demo_report_begin(const RpDemo *d);
gboolean rp_demo_report_write(const RpDemo *d, JsonBuilder *b, char **path, GError **error);

/* The summary's first lines: kernel, suite, patches and what the guest loaded. */
void rp_demo_print_kernel(const RpDemo *d);

/* Last progress line: PASS/FAIL, report and console; the exit status (0 pass, 1 fail). */
int rp_demo_verdict(const RpDemo *d, const char *report);

void rp_demo_clear(RpDemo *d);

/*
 * A remote core as the host sees it (hw/core-state.h): its QOM "state" of
 * the moment ("wfi", "running", "off", "bitten") and the states of its
 * RPROCSIM_SUBSYSTEM_STATE events so far, oldest first.
 */
typedef struct RpDemoCore {
    char *state;                /* NULL if it could not be read */
    GPtrArray *events;          /* char * */
} RpDemoCore;

/*
 * Read @subsystem's core into @c. A core idling in WFI whose last event
 * is not "wfi" yet gets a bounded wait for it (the event follows WFI entry
 * by a few ms of virtual time); still missing, it is a problem of @d.
 */
void rp_demo_core_read(RpDemo *d, const char *subsystem, RpDemoCore *c);

/* "core": {"state": ..., "events": [...]} into the open object of @b */
void rp_demo_core_add_json(JsonBuilder *b, const RpDemoCore *c);

void rp_demo_core_clear(RpDemoCore *c);

/*
 * The am64x-sim demo (demo-k3.c) with options @o (for that board) into
 * @out_dir; the exit status: 0 pass, 1 fail, 2 unusable set-up.
 */
int rp_demo_k3(const RpOptions *o, const char *out_dir);

#endif /* RPROCSIM_DEMO_RUN_H */
