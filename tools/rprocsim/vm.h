/*
 * rprocsim: start a guest in qemu-system-aarch64 and talk to it.
 *
 * The console (first UART) arrives on QEMU's stdout and is logged line by
 * line with the wall time of arrival; the guest agent (second UART, see
 * guest/agent) is reached through a Unix socket QEMU connects to.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_VM_H
#define RPROCSIM_VM_H

#include <glib.h>

#define RP_VM_ERROR (rp_vm_error_quark())
GQuark rp_vm_error_quark(void);

typedef enum {
    RP_VM_ERROR_SPAWN,     /* QEMU could not be started */
    RP_VM_ERROR_EXITED,    /* QEMU exited while we waited */
    RP_VM_ERROR_TIMEOUT,   /* the awaited event did not come in time */
    RP_VM_ERROR_AGENT,     /* the agent channel failed or answered garbage */
    RP_VM_ERROR_IO,
    RP_VM_ERROR_OOPS,      /* the console showed a kernel Oops-class report (rp_vm_watch_oops()) */
    RP_VM_ERROR_GONE,      /* the guest agent can no longer answer (rp_vm_agent_gone()) */
} RpVmError;

typedef struct RpVmConfig {
    const char *qemu;          /* qemu-system-aarch64 binary */
    const char *machine;       /* -M value, e.g. "qcs6490-sim" or "virt,gic-version=3" */
    const char *cpu;           /* -cpu value, NULL for the machine's default */
    int smp;                   /* -smp, 0 for the machine's default */
    int mem_mib;               /* -m in MiB, 0 for the machine's default */
    const char *kernel;        /* -kernel, may be NULL (device tests) */
    const char *initrd;        /* -initrd, may be NULL */
    const char *append;        /* kernel command line */
    const char *console_log;   /* file the console is copied to, may be NULL */
    gboolean agent;            /* connect the second UART to the agent socket */
    gboolean echo;             /* copy console lines to stderr as they come */
    gboolean qtest;            /* open a qtest channel (see rp_vm_qtest()) */
    gboolean qmp;              /* open a QMP monitor (see rp_vm_qmp()) */
    const char *accel;         /* -accel, "tcg" if NULL; "qtest" runs no guest code */
    const char *icount;        /* -icount value (RP_ICOUNT_WARP), or NULL for real time */
    gboolean incoming;         /* -incoming defer: the machine comes from a saved state
                                  (snapshot.h), whose agent announced itself before */
    const char *const *extra;  /* more QEMU arguments, NULL-terminated, may be NULL */
} RpVmConfig;

typedef struct RpVm RpVm;

/*
 * Start QEMU as described by @cfg (copied; strings must live until the VM
 * is freed). Returns NULL and sets @error if QEMU cannot be spawned.
 */
RpVm *rp_vm_start(const RpVmConfig *cfg, GError **error);

/* Seconds of wall time since QEMU was spawned. */
double rp_vm_elapsed(RpVm *vm);

/*
 * Wait until a console line starting with @prefix arrives (lines already
 * received count, starting from the last line this function returned).
 * @timeout_s bounds the wait in wall seconds. On success returns the line
 * (owned by the caller) and its arrival time in *@at_s if @at_s is not NULL.
 * Returns NULL with RP_VM_ERROR_TIMEOUT or RP_VM_ERROR_EXITED otherwise, or
 * RP_VM_ERROR_OOPS at once for a watched Oops (rp_vm_watch_oops()).
 */
char *rp_vm_wait_console(RpVm *vm, const char *prefix, double timeout_s,
                         double *at_s, GError **error);

/*
 * Wait until any console line, received earlier or later, contains
 * @needle; at most @timeout_s wall seconds. Returns the first such line
 * (caller frees) or NULL with @error as rp_vm_wait_console(). Does not move
 * the position rp_vm_wait_console() continues from.
 */
char *rp_vm_wait_console_contains(RpVm *vm, const char *needle, double timeout_s,
                                  GError **error);

/* How many console lines have arrived so far (a mark for the next call). */
guint rp_vm_console_mark(RpVm *vm);

/*
 * Like rp_vm_wait_console_contains(), but only lines from number @mark on
 * count; *@at_s (if not NULL) gets the line's arrival time and *@index
 * (if not NULL) its number.
 */
char *rp_vm_wait_console_after(RpVm *vm, guint mark, const char *needle, double timeout_s,
                               double *at_s, guint *index, GError **error);

/* All console lines received so far (owned by the VM). */
const GPtrArray *rp_vm_console_lines(RpVm *vm);

/*
 * From console line number @mark on (rp_vm_console_mark()), a kernel Oops,
 * BUG, WARN, panic, soft lockup or hung task (oops.h) ends every wait of
 * this VM at once: the console line waits and rp_vm_agent_run() fail with
 * RP_VM_ERROR_OOPS, the message being rp_oops_summary() of the first such
 * report. The report is read whole first (up to its "---[ end" line, or
 * until the console has been quiet for half a second, at most 3 s).
 * G_MAXUINT, the default, stops watching. A later call replaces the mark.
 */
void rp_vm_watch_oops(RpVm *vm, guint mark);

/*
 * Why the guest agent can no longer answer, "guest agent gone: ..." (its
 * channel closed, QEMU exited, the kernel panicked, or a command left
 * running at a kernel Oops did not finish within 5 s), with the summary of
 * the console's Oops if there is one; NULL while it works. Once set, every
 * rp_vm_agent_run() fails at once with RP_VM_ERROR_GONE (or
 * RP_VM_ERROR_EXITED if QEMU exited) and this message. Owned by the VM.
 */
const char *rp_vm_agent_gone(RpVm *vm);

/*
 * Run @command in the guest through the agent and wait for its end, at most
 * @timeout_s wall seconds (the agent must have announced itself first; this
 * waits for that too, within the same bound). Returns TRUE with the
 * command's combined output in *@output (caller frees) and its exit status
 * in *@status; FALSE with @error set if the agent is unreachable, times out
 * or answers out of protocol, at once if it is gone (rp_vm_agent_gone()) or
 * the console shows a kernel Oops being watched for (rp_vm_watch_oops()).
 * A command left without its answer at an Oops is given 5 s to finish
 * when the next command comes; after that the agent is gone.
 */
gboolean rp_vm_agent_run(RpVm *vm, const char *command, double timeout_s,
                         char **output, int *status, GError **error);

/*
 * The qtest channel of a VM started with cfg.qtest, waiting at most
 * @timeout_s for QEMU to connect (first call). Owned by the VM; NULL with
 * @error set on failure.
 */
struct RpQtest;
struct RpQtest *rp_vm_qtest(RpVm *vm, double timeout_s, GError **error);

/*
 * The QMP monitor of a VM started with cfg.qmp, connected and negotiated
 * within @timeout_s on the first call. Owned by the VM.
 */
struct RpQmp;
struct RpQmp *rp_vm_qmp(RpVm *vm, double timeout_s, GError **error);

/*
 * If QEMU has exited, or exits within @grace_s wall seconds (reading its
 * stderr meanwhile), replace *@error with RP_VM_ERROR_EXITED: how it ended
 * while we waited for @during, what it said on stderr and, when its message
 * names a QEMU option rprocsim set, the rprocsim option behind it
 * (rp_vm_option_hint()). Returns FALSE, leaving *@error alone, if QEMU
 * still runs. For callers whose channel (QMP, qtest, agent) failed.
 */
gboolean rp_vm_explain_exit(RpVm *vm, double grace_s, const char *during, GError **error);

/*
 * "QEMU's -m 384M comes from rprocsim's --mem (...)" when @qemu_stderr
 * names (by option or by subject, e.g. "CPU model") one of the QEMU options
 * @cfg sets from an rprocsim option: --mem, --smp, --cpu, --kernel,
 * --initrd, --append; the one named first wins. NULL if none (caller frees).
 */
char *rp_vm_option_hint(const RpVmConfig *cfg, const char *qemu_stderr);

/* QEMU's process id, 0 once it has exited (or if it never started). */
GPid rp_vm_pid(RpVm *vm);

/*
 * QEMU's resident set size now (VmRSS of /proc/PID/status) in KiB, and
 * its peak so far (VmHWM) in *@peak_kib if not NULL; -1 if QEMU has
 * exited or the file cannot be read.
 */
long rp_vm_rss_kib(RpVm *vm, long *peak_kib);

/* QEMU's stderr so far (owned by the VM), for error messages. */
const char *rp_vm_stderr(RpVm *vm);

/* The full QEMU command line, shell-quoted (caller frees). */
char *rp_vm_command_line(RpVm *vm);

/*
 * Stop QEMU (SIGTERM, then SIGKILL after 5 s) and return its peak resident
 * set size in KiB (0 if unknown). The VM is then only good for freeing.
 */
long rp_vm_stop(RpVm *vm);

/* Stop QEMU (SIGTERM, then SIGKILL after 5 s) and free everything. */
void rp_vm_free(RpVm *vm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpVm, rp_vm_free)

#endif /* RPROCSIM_VM_H */
