/*
 * rprocsim: start a guest in qemu-system-aarch64 and talk to it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "vm.h"
#include "guest-proto.h"
#include "oops.h"
#include "qmp.h"
#include "qtest.h"
#include "stats.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

G_DEFINE_QUARK(rp-vm-error-quark, rp_vm_error)

/* How long an error waits for QEMU to finish saying why it exited */
#define STDERR_GRACE_S 2.0
/* How long a failed channel waits to see whether QEMU is exiting */
#define CHANNEL_GRACE_S 5.0
/* A kernel report without an end line is whole once the console is this quiet */
#define OOPS_QUIET_S 0.5
/* The longest a report is read once its first line has come */
#define OOPS_SETTLE_S 3.0
/* How long a command left running at an Oops may still take to finish */
#define AGENT_LEFT_GRACE_S 5.0

struct RpVm {
    RpVmConfig cfg;
    GPtrArray *argv;          /* char *, NULL-terminated */
    GPid pid;
    gboolean exited;
    int exit_status;
    long peak_rss_kib;
    int in_fd, out_fd, err_fd;
    int listen_fd, agent_fd;
    int qtest_listen_fd, qmp_listen_fd;
    RpQtest *qtest;
    RpQmp *qmp;
    char *tmpdir, *sock_path, *qtest_path, *qmp_path;
    gint64 t0;                /* monotonic us at spawn */
    FILE *log;

    GString *out_buf;         /* partial console line */
    GPtrArray *lines;         /* console lines, char * */
    GArray *line_at;          /* double: arrival time of each line */
    guint console_pos;        /* next line rp_vm_wait_console looks at */
    GString *err_text;

    GString *agent_buf;       /* partial agent line */
    GQueue agent_lines;       /* complete agent lines, char * */
    gboolean agent_ready;
    guint agent_seq;

    guint oops_from;          /* first console line watched for an Oops, G_MAXUINT: none */
    guint oops_scan;          /* no report starts in the watched lines before this one */
    gboolean panicked;        /* the console showed panic()'s first line */
    guint left_seq;           /* request left without its answer at an Oops, 0: none */
    char *left_cmd;           /* its command */
    char *left_oops;          /* the summary of that Oops */
    char *agent_gone;         /* why the agent cannot answer any more, NULL while it can */
    int gone_code;            /* RP_VM_ERROR_GONE, or RP_VM_ERROR_EXITED if QEMU exited */
};

double rp_vm_elapsed(RpVm *vm)
{
    return (g_get_monotonic_time() - vm->t0) / 1e6;
}

static int listen_unix(const char *path, GError **error)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sa.sun_path)) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_IO,
                    "socket path too long: %s", path);
        return -1;
    }
    strcpy(sa.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        listen(fd, 1) < 0) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_IO,
                    "cannot listen on %s: %s", path, g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return fd;
}

static void build_argv(RpVm *vm)
{
    const RpVmConfig *c = &vm->cfg;
    GPtrArray *a = vm->argv;

#define ARG(s) g_ptr_array_add(a, g_strdup(s))
#define ARGF(...) g_ptr_array_add(a, g_strdup_printf(__VA_ARGS__))
    ARG(c->qemu);
    ARG("-M"); ARG(c->machine);
    if (c->cpu) {
        ARG("-cpu"); ARG(c->cpu);
    }
    if (c->smp > 0) {
        ARG("-smp"); ARGF("%d", c->smp);
    }
    if (c->mem_mib > 0) {
        ARG("-m"); ARGF("%dM", c->mem_mib);
    }
    ARG("-accel"); ARG(c->accel ? c->accel : "tcg");
    if (c->icount) {
        ARG("-icount"); ARG(c->icount);
    }
    ARG("-nodefaults"); ARG("-display"); ARG("none"); ARG("-no-reboot");
    ARG("-serial"); ARG("stdio");
    if (c->agent) {
        ARG("-chardev"); ARGF("socket,id=agent,path=%s", vm->sock_path);
        ARG("-serial"); ARG("chardev:agent");
    }
    if (c->qmp) {
        ARG("-chardev"); ARGF("socket,id=qmp,path=%s", vm->qmp_path);
        ARG("-mon"); ARG("chardev=qmp,mode=control");
    }
    if (c->qtest) {
        ARG("-qtest"); ARGF("unix:%s", vm->qtest_path);
        ARG("-qtest-log"); ARG("/dev/null");
    }
    if (c->kernel) {
        ARG("-kernel"); ARG(c->kernel);
    }
    if (c->initrd) {
        ARG("-initrd"); ARG(c->initrd);
    }
    if (c->append) {
        ARG("-append"); ARG(c->append);
    }
    for (const char *const *e = c->extra; e && *e; e++) {
        ARG(*e);
    }
    if (c->incoming) {
        ARG("-incoming"); ARG("defer");
    }
    g_ptr_array_add(a, NULL);
#undef ARG
#undef ARGF
}

RpVm *rp_vm_start(const RpVmConfig *cfg, GError **error)
{
    g_autoptr(RpVm) vm = g_new0(RpVm, 1);

    vm->cfg = *cfg;
    vm->in_fd = vm->out_fd = vm->err_fd = vm->listen_fd = vm->agent_fd = -1;
    vm->qtest_listen_fd = vm->qmp_listen_fd = -1;
    vm->oops_from = vm->oops_scan = G_MAXUINT;
    vm->argv = g_ptr_array_new_with_free_func(g_free);
    vm->out_buf = g_string_new(NULL);
    vm->lines = g_ptr_array_new_with_free_func(g_free);
    vm->line_at = g_array_new(FALSE, FALSE, sizeof(double));
    vm->err_text = g_string_new(NULL);
    vm->agent_buf = g_string_new(NULL);
    g_queue_init(&vm->agent_lines);

    if (cfg->console_log) {
        vm->log = fopen(cfg->console_log, "w");
        if (!vm->log) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_IO,
                        "cannot write the console log %s: %s",
                        cfg->console_log, g_strerror(errno));
            return NULL;
        }
    }
    if (cfg->agent || cfg->qtest || cfg->qmp) {
        vm->tmpdir = g_dir_make_tmp("rprocsim-XXXXXX", error);
        if (!vm->tmpdir) {
            return NULL;
        }
    }
    if (cfg->agent) {
        vm->sock_path = g_build_filename(vm->tmpdir, "agent.sock", NULL);
        vm->listen_fd = listen_unix(vm->sock_path, error);
        if (vm->listen_fd < 0) {
            return NULL;
        }
    }
    if (cfg->qmp) {
        vm->qmp_path = g_build_filename(vm->tmpdir, "qmp.sock", NULL);
        vm->qmp_listen_fd = listen_unix(vm->qmp_path, error);
        if (vm->qmp_listen_fd < 0) {
            return NULL;
        }
    }
    if (cfg->qtest) {
        vm->qtest_path = g_build_filename(vm->tmpdir, "qtest.sock", NULL);
        vm->qtest_listen_fd = listen_unix(vm->qtest_path, error);
        if (vm->qtest_listen_fd < 0) {
            return NULL;
        }
    }
    build_argv(vm);

    vm->t0 = g_get_monotonic_time();
    if (!g_spawn_async_with_pipes(NULL, (char **)vm->argv->pdata, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                  &vm->pid, &vm->in_fd, &vm->out_fd,
                                  &vm->err_fd, error)) {
        g_prefix_error(error, "cannot start %s: ", cfg->qemu);
        return NULL;
    }
    g_unix_set_fd_nonblocking(vm->out_fd, TRUE, NULL);
    g_unix_set_fd_nonblocking(vm->err_fd, TRUE, NULL);
    return g_steal_pointer(&vm);
}

static void console_line(RpVm *vm, const char *text)
{
    double at = rp_vm_elapsed(vm);

    g_ptr_array_add(vm->lines, g_strdup(text));
    g_array_append_val(vm->line_at, at);
    vm->panicked |= rp_oops_is_panic(text);
    if (vm->log) {
        fprintf(vm->log, "%s\n", text);
        fflush(vm->log);
    }
    if (vm->cfg.echo) {
        fprintf(stderr, "%s\n", text);
    }
}

/* Split @buf into lines (\r dropped); call @fn for each complete one. */
static void take_lines(RpVm *vm, GString *buf,
                       void (*fn)(RpVm *vm, const char *line))
{
    char *nl;

    while ((nl = memchr(buf->str, '\n', buf->len))) {
        g_autofree char *line = g_strndup(buf->str, nl - buf->str);
        char *r;

        while ((r = strchr(line, '\r'))) {
            memmove(r, r + 1, strlen(r));
        }
        g_string_erase(buf, 0, nl - buf->str + 1);
        fn(vm, line);
    }
}

static void agent_line(RpVm *vm, const char *text)
{
    if (g_str_equal(text, RP_AGENT_READY)) {
        vm->agent_ready = TRUE;
        return;
    }
    g_queue_push_tail(&vm->agent_lines, g_strdup(text));
}

/* Read what is available on @fd into @buf. Returns FALSE on EOF or error. */
static gboolean drain(int fd, GString *buf)
{
    char chunk[4096];

    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));

        if (n > 0) {
            g_string_append_len(buf, chunk, n);
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            return TRUE;
        }
        return FALSE;
    }
}

static void reap(RpVm *vm)
{
    struct rusage ru;
    int status;

    if (!vm->exited && wait4(vm->pid, &status, WNOHANG, &ru) == vm->pid) {
        vm->exited = TRUE;
        vm->exit_status = status;
        vm->peak_rss_kib = ru.ru_maxrss;
    }
}

/*
 * Move data from QEMU's pipes and the agent socket into the VM's buffers,
 * waiting at most until @deadline (monotonic us). Returns FALSE once QEMU
 * has exited and everything it wrote has been read.
 */
static gboolean pump(RpVm *vm, gint64 deadline)
{
    struct pollfd p[4];
    int n = 0, io_fd = -1;
    gint64 now = g_get_monotonic_time();
    int timeout_ms = deadline > now ? (int)MIN((deadline - now + 999) / 1000, 200) : 0;

    if (vm->out_fd >= 0) {
        p[n++] = (struct pollfd){ .fd = vm->out_fd, .events = POLLIN };
    }
    if (vm->err_fd >= 0) {
        p[n++] = (struct pollfd){ .fd = vm->err_fd, .events = POLLIN };
    }
    if (vm->agent_fd >= 0) {
        io_fd = vm->agent_fd;
    } else if (vm->listen_fd >= 0) {
        io_fd = vm->listen_fd;
    }
    if (io_fd >= 0) {
        p[n++] = (struct pollfd){ .fd = io_fd, .events = POLLIN };
    }
    if (n == 0) {
        reap(vm);
        return !vm->exited;
    }
    if (poll(p, n, timeout_ms) < 0 && errno != EINTR) {
        return FALSE;
    }
    for (int i = 0; i < n; i++) {
        if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) {
            continue;
        }
        if (p[i].fd == vm->out_fd) {
            if (!drain(vm->out_fd, vm->out_buf)) {
                close(vm->out_fd);
                vm->out_fd = -1;
                g_string_append_c(vm->out_buf, '\n');
            }
            take_lines(vm, vm->out_buf, console_line);
        } else if (p[i].fd == vm->err_fd) {
            if (!drain(vm->err_fd, vm->err_text)) {
                close(vm->err_fd);
                vm->err_fd = -1;
            }
        } else if (p[i].fd == vm->listen_fd && vm->agent_fd < 0) {
            vm->agent_fd = accept4(vm->listen_fd, NULL, NULL,
                                   SOCK_CLOEXEC | SOCK_NONBLOCK);
            /* a restored guest's agent said so before the machine was saved */
            vm->agent_ready |= vm->agent_fd >= 0 && vm->cfg.incoming;
        } else if (p[i].fd == vm->agent_fd) {
            if (!drain(vm->agent_fd, vm->agent_buf)) {
                close(vm->agent_fd);
                vm->agent_fd = -1;
            }
            take_lines(vm, vm->agent_buf, agent_line);
        }
    }
    if (vm->out_fd < 0) {
        reap(vm);
        if (!vm->exited) {
            g_usleep(10000);
        }
        return !vm->exited;
    }
    return TRUE;
}

/*
 * Keep reading QEMU's pipes until it has exited and closed them, at most
 * @timeout_s wall seconds. Returns TRUE if QEMU has exited.
 */
static gboolean await_exit(RpVm *vm, double timeout_s)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * 1e6);

    for (;;) {
        reap(vm);
        if ((vm->exited && vm->out_fd < 0 && vm->err_fd < 0) ||
            g_get_monotonic_time() >= deadline) {
            return vm->exited;
        }
        pump(vm, deadline);
    }
}

/* QEMU options and what in QEMU's messages points at them */
static const struct {
    const char *qemu;           /* the QEMU option */
    const char *rprocsim;       /* the rprocsim option that sets it */
    const char *needles[4];     /* texts in QEMU's message that name it */
    const char *note;           /* how the two differ, or "" */
} option_hints[] = {
    { "-m", "--mem", { "-m ", "guest memory", "RAM size" }, "" },
    { "-smp", "--smp", { "-smp", "SMP", "CPU topology" },
      ", plus one core per subsystem on qcs6490-sim" },
    { "-cpu", "--cpu", { "-cpu", "CPU model" }, "" },
    { "-initrd", "--initrd", { "-initrd", "initrd" }, "" },
    { "-kernel", "--kernel", { "-kernel", "kernel" }, "" },
    { "-append", "--append", { "-append" }, "" },
};

/* The value rprocsim gave QEMU's option @qemu in @cfg, NULL if none */
static char *option_value(const RpVmConfig *cfg, const char *qemu)
{
    if (!strcmp(qemu, "-m")) {
        return cfg->mem_mib > 0 ? g_strdup_printf("%dM", cfg->mem_mib) : NULL;
    } else if (!strcmp(qemu, "-smp")) {
        return cfg->smp > 0 ? g_strdup_printf("%d", cfg->smp) : NULL;
    } else if (!strcmp(qemu, "-cpu")) {
        return g_strdup(cfg->cpu);
    } else if (!strcmp(qemu, "-initrd")) {
        return g_strdup(cfg->initrd);
    } else if (!strcmp(qemu, "-kernel")) {
        return g_strdup(cfg->kernel);
    }
    return g_strdup(cfg->append);
}

char *rp_vm_option_hint(const RpVmConfig *cfg, const char *qemu_stderr)
{
    const char *first = NULL;
    guint which = 0;

    /* the option named earliest in the message is the one it is about */
    for (guint i = 0; i < G_N_ELEMENTS(option_hints); i++) {
        g_autofree char *value = option_value(cfg, option_hints[i].qemu);
        const char *const *n = option_hints[i].needles;

        if (!value) {
            continue;       /* rprocsim did not pass this option */
        }
        for (guint k = 0; k < G_N_ELEMENTS(option_hints[i].needles) && n[k]; k++) {
            const char *at = strstr(qemu_stderr, n[k]);

            if (at && (!first || at < first)) {
                first = at;
                which = i;
            }
        }
    }
    if (!first) {
        return NULL;
    }
    {
        g_autofree char *value = option_value(cfg, option_hints[which].qemu);

        return g_strdup_printf("QEMU's %s %s comes from rprocsim's %s%s (see --help-guest)",
                               option_hints[which].qemu, value,
                               option_hints[which].rprocsim, option_hints[which].note);
    }
}

/*
 * Set (or replace) *@error with how QEMU ended while we waited for
 * @waiting_for, its stderr and, if it names one, the rprocsim option
 * behind the QEMU option it refused.
 */
static void set_exit_error(RpVm *vm, GError **error, const char *waiting_for)
{
    g_autofree char *why = NULL, *said = NULL, *hint = NULL;

    await_exit(vm, STDERR_GRACE_S);     /* all of what it said */
    if (WIFEXITED(vm->exit_status)) {
        why = g_strdup_printf("exited with status %d", WEXITSTATUS(vm->exit_status));
    } else if (WIFSIGNALED(vm->exit_status)) {
        why = g_strdup_printf("was killed by signal %d", WTERMSIG(vm->exit_status));
    } else {
        why = g_strdup("stopped");
    }
    said = g_strstrip(g_strdup(vm->err_text->str));
    hint = *said ? rp_vm_option_hint(&vm->cfg, said) : NULL;
    g_clear_error(error);
    g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_EXITED,
                "QEMU %s while waiting for %s%s%s%s%s", why, waiting_for,
                *said ? "; it said: " : "", said, hint ? "\n" : "", hint ? hint : "");
}

gboolean rp_vm_explain_exit(RpVm *vm, double grace_s, const char *during, GError **error)
{
    if (!vm || !await_exit(vm, grace_s)) {
        return FALSE;
    }
    set_exit_error(vm, error, during);
    return TRUE;
}

void rp_vm_watch_oops(RpVm *vm, guint mark)
{
    vm->oops_from = vm->oops_scan = mark;
}

/*
 * The first kernel report from console line @from on, read whole: TRUE
 * with *@o filled in (rp_oops_clear() it) once its end line has come, the
 * console has been quiet for OOPS_QUIET_S or OOPS_SETTLE_S have passed.
 */
static gboolean find_report(RpVm *vm, guint from, RpOops *o)
{
    gint64 limit = g_get_monotonic_time() + (gint64)(OOPS_SETTLE_S * 1e6);

    if (!rp_oops_find(vm->lines, from, o)) {
        return FALSE;
    }
    while (!rp_oops_ended(vm->lines, o) && g_get_monotonic_time() < limit &&
           rp_vm_elapsed(vm) - g_array_index(vm->line_at, double, vm->lines->len - 1) <
           OOPS_QUIET_S) {
        if (!pump(vm, g_get_monotonic_time() + 50000)) {
            break;
        }
    }
    rp_oops_clear(o);
    return rp_oops_find(vm->lines, from, o);    /* with the lines that came since */
}

/* The summary of the first report after the watch mark, else on the console; or NULL */
static char *console_report(RpVm *vm)
{
    RpOops o;
    char *summary;

    if (!(vm->oops_from != G_MAXUINT && find_report(vm, vm->oops_from, &o)) &&
        !find_report(vm, 0, &o)) {
        return NULL;
    }
    summary = rp_oops_summary(&o);
    rp_oops_clear(&o);
    return summary;
}

/*
 * Note that the agent is gone (@code RP_VM_ERROR_GONE or _EXITED) because
 * of @why, unless it already is, and fail with that in @error.
 */
static gboolean agent_lost(RpVm *vm, int code, const char *why, GError **error)
{
    if (!vm->agent_gone) {
        g_autofree char *summary = console_report(vm);

        vm->agent_gone = g_strdup_printf("guest agent gone: %s%s%s", why,
                                         summary ? "; " : "", summary ? summary : "");
        vm->gone_code = code;
    }
    g_set_error_literal(error, RP_VM_ERROR, vm->gone_code, vm->agent_gone);
    return FALSE;
}

const char *rp_vm_agent_gone(RpVm *vm)
{
    return vm->agent_gone;
}

/*
 * TRUE, with RP_VM_ERROR_OOPS and the report's summary in @error, if a
 * report has come since the watch mark. A panic also leaves the agent gone.
 */
static gboolean watched_oops(RpVm *vm, GError **error)
{
    g_autofree char *summary = NULL;
    RpOops o;

    if (vm->oops_from == G_MAXUINT) {
        return FALSE;
    }
    if (!find_report(vm, vm->oops_scan, &o)) {
        vm->oops_scan = MAX(vm->oops_scan, vm->lines->len);
        return FALSE;
    }
    vm->oops_scan = o.line;     /* found again at once by the next wait */
    summary = rp_oops_summary(&o);
    rp_oops_clear(&o);
    if (vm->panicked) {
        agent_lost(vm, RP_VM_ERROR_GONE, "the kernel panicked", NULL);
    }
    g_set_error_literal(error, RP_VM_ERROR, RP_VM_ERROR_OOPS, summary);
    return TRUE;
}

/*
 * What ends an agent wait besides its answer and its deadline, checked
 * after each pump(): a watched Oops, a panic, the channel's end or QEMU's.
 * TRUE with @error set if the wait must end; @during names it for
 * QEMU's exit.
 */
static gboolean agent_must_stop(RpVm *vm, gboolean pumped, const char *during,
                                GError **error)
{
    if (vm->agent_gone) {
        agent_lost(vm, vm->gone_code, NULL, error);
        return TRUE;
    }
    if (watched_oops(vm, error)) {
        return TRUE;
    }
    if (vm->panicked) {
        agent_lost(vm, RP_VM_ERROR_GONE, "the kernel panicked", error);
        return TRUE;
    }
    if (!pumped) {
        g_autoptr(GError) exit_err = NULL;

        set_exit_error(vm, &exit_err, during);
        agent_lost(vm, RP_VM_ERROR_EXITED, exit_err->message, error);
        return TRUE;
    }
    if (vm->agent_ready && vm->agent_fd < 0) {
        g_autoptr(GError) exit_err = g_error_new(RP_VM_ERROR, RP_VM_ERROR_AGENT,
                                                 "its channel closed during %s", during);

        rp_vm_explain_exit(vm, CHANNEL_GRACE_S, during, &exit_err);
        agent_lost(vm, exit_err->code == RP_VM_ERROR_EXITED ? RP_VM_ERROR_EXITED
                                                            : RP_VM_ERROR_GONE,
                   exit_err->message, error);
        return TRUE;
    }
    return FALSE;
}

/*
 * Wait for the first console line from index *@from on that starts with
 * (@prefix) or contains @needle; *@from is left at the line found, or past
 * the last line looked at.
 */
static char *wait_line(RpVm *vm, guint *from, gboolean prefix, const char *needle,
                       double timeout_s, double *at_s, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * 1e6);

    for (;;) {
        for (; *from < vm->lines->len; (*from)++) {
            const char *l = g_ptr_array_index(vm->lines, *from);

            if (prefix ? g_str_has_prefix(l, needle) : strstr(l, needle) != NULL) {
                if (at_s) {
                    *at_s = g_array_index(vm->line_at, double, *from);
                }
                return g_strdup(l);
            }
        }
        if (watched_oops(vm, error)) {
            return NULL;
        }
        if (!pump(vm, deadline)) {
            set_exit_error(vm, error, needle);
            return NULL;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                        "no console line %s '%s' within %.0f s",
                        prefix ? "starting with" : "with", needle, timeout_s);
            return NULL;
        }
    }
}

char *rp_vm_wait_console(RpVm *vm, const char *prefix, double timeout_s,
                         double *at_s, GError **error)
{
    char *line = wait_line(vm, &vm->console_pos, TRUE, prefix, timeout_s, at_s, error);

    if (line) {
        vm->console_pos++;
    }
    return line;
}

char *rp_vm_wait_console_after(RpVm *vm, guint mark, const char *needle, double timeout_s,
                               double *at_s, guint *index, GError **error)
{
    char *line = wait_line(vm, &mark, FALSE, needle, timeout_s, at_s, error);

    if (line && index) {
        *index = mark;
    }
    return line;
}

char *rp_vm_wait_console_contains(RpVm *vm, const char *needle, double timeout_s,
                                  GError **error)
{
    return rp_vm_wait_console_after(vm, 0, needle, timeout_s, NULL, NULL, error);
}

guint rp_vm_console_mark(RpVm *vm)
{
    return vm->lines->len;
}

const GPtrArray *rp_vm_console_lines(RpVm *vm)
{
    return vm->lines;
}

/*
 * Drop the agent lines queued so far, noting the end of the request left
 * at an Oops if it is among them.
 */
static void drop_left_lines(RpVm *vm)
{
    char *line;

    while ((line = g_queue_pop_head(&vm->agent_lines))) {
        RpAgentEnd end;

        if (rp_agent_parse_end(line, &end) && end.seq == vm->left_seq) {
            vm->left_seq = 0;
        }
        g_free(line);
    }
}

/*
 * Give the request left running at an Oops AGENT_LEFT_GRACE_S to finish
 * (its output is dropped); the agent is gone if it does not. FALSE with
 * @error.
 */
static gboolean await_left(RpVm *vm, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(AGENT_LEFT_GRACE_S * 1e6);

    for (;;) {
        drop_left_lines(vm);
        if (!vm->left_seq) {
            g_clear_pointer(&vm->left_cmd, g_free);
            g_clear_pointer(&vm->left_oops, g_free);
            return TRUE;
        }
        if (agent_must_stop(vm, pump(vm, deadline), "the end of a command left at an Oops",
                            error)) {
            return FALSE;
        }
        if (g_get_monotonic_time() >= deadline) {
            /* the report's summary is in the reason already */
            vm->agent_gone = g_strdup_printf(
                "guest agent gone: '%s' did not finish (%.0f s more given) after %s",
                vm->left_cmd, AGENT_LEFT_GRACE_S, vm->left_oops);
            vm->gone_code = RP_VM_ERROR_GONE;
            g_set_error_literal(error, RP_VM_ERROR, vm->gone_code, vm->agent_gone);
            return FALSE;
        }
    }
}

gboolean rp_vm_agent_run(RpVm *vm, const char *command, double timeout_s,
                         char **output, int *status, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * 1e6);
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *request = NULL;
    guint seq;
    size_t off = 0;

    if (!vm->cfg.agent) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_AGENT,
                    "this VM was started without the agent channel");
        return FALSE;
    }
    if (strchr(command, '\n')) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_AGENT,
                    "agent commands are one line; got a newline in '%s'", command);
        return FALSE;
    }
    /* a guest already known to be gone, or a pass already over, answers at once */
    if (agent_must_stop(vm, TRUE, "the guest agent", error) ||
        (vm->left_seq && !await_left(vm, error))) {
        return FALSE;
    }
    while (!vm->agent_ready || vm->agent_fd < 0) {
        if (agent_must_stop(vm, pump(vm, deadline), "the guest agent", error)) {
            return FALSE;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                        "the guest agent did not announce itself within %.0f s",
                        timeout_s);
            return FALSE;
        }
    }

    seq = ++vm->agent_seq;
    request = rp_agent_format_request(seq, command);
    while (off < strlen(request)) {
        ssize_t n = send(vm->agent_fd, request + off, strlen(request) - off,
                         MSG_NOSIGNAL);

        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            g_autoptr(GError) send_err = g_error_new(RP_VM_ERROR, RP_VM_ERROR_AGENT,
                                                     "cannot write to it: %s",
                                                     g_strerror(errno));

            rp_vm_explain_exit(vm, CHANNEL_GRACE_S, "the guest agent", &send_err);
            return agent_lost(vm, send_err->code == RP_VM_ERROR_EXITED ? RP_VM_ERROR_EXITED
                                                                       : RP_VM_ERROR_GONE,
                              send_err->message, error);
        }
        if (n > 0) {
            off += n;
        } else {
            g_usleep(1000);
        }
    }

    for (;;) {
        char *line;
        g_autofree char *during = NULL;
        g_autoptr(GError) stop = NULL;

        while ((line = g_queue_pop_head(&vm->agent_lines))) {
            RpAgentEnd end;
            g_autofree char *owned = line;

            if (rp_agent_parse_end(line, &end)) {
                if (end.seq != seq) {
                    continue;   /* a late answer to an earlier, timed-out request */
                }
                *status = end.status;
                *output = g_string_free(g_steal_pointer(&out), FALSE);
                return TRUE;
            }
            g_string_append(out, line);
            g_string_append_c(out, '\n');
        }
        during = g_strdup_printf("an agent reply to '%s'", command);
        if (agent_must_stop(vm, pump(vm, deadline), during, &stop)) {
            if (g_error_matches(stop, RP_VM_ERROR, RP_VM_ERROR_OOPS)) {
                /* the next command first gives this one a little time */
                vm->left_seq = seq;
                g_free(vm->left_cmd);
                vm->left_cmd = g_strdup(command);
                g_free(vm->left_oops);
                vm->left_oops = g_strdup(stop->message);
            }
            g_propagate_error(error, g_steal_pointer(&stop));
            return FALSE;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                        "the agent did not finish '%s' within %.0f s",
                        command, timeout_s);
            return FALSE;
        }
    }
}

/* Accept QEMU's connection on @listen_fd within @timeout_s; -1 on failure. */
static int accept_channel(RpVm *vm, int listen_fd, const char *what,
                          double timeout_s, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * 1e6);

    if (listen_fd < 0) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_IO,
                    "this VM was started without a %s channel", what);
        return -1;
    }
    while (g_get_monotonic_time() < deadline) {
        struct pollfd p = { .fd = listen_fd, .events = POLLIN };

        if (poll(&p, 1, 100) > 0) {
            int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);

            if (fd >= 0) {
                return fd;
            }
        }
        reap(vm);
        if (vm->exited) {
            set_exit_error(vm, error, what);
            return -1;
        }
        /* keep the console moving while we wait */
        pump(vm, g_get_monotonic_time());
    }
    g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                "QEMU did not open its %s channel within %.0f s", what, timeout_s);
    return -1;
}

RpQtest *rp_vm_qtest(RpVm *vm, double timeout_s, GError **error)
{
    int fd;

    if (!vm->qtest) {
        fd = accept_channel(vm, vm->qtest_listen_fd, "qtest", timeout_s, error);
        if (fd >= 0) {
            vm->qtest = rp_qtest_new(fd);
        }
    }
    return vm->qtest;
}

RpQmp *rp_vm_qmp(RpVm *vm, double timeout_s, GError **error)
{
    int fd;

    if (!vm->qmp) {
        fd = accept_channel(vm, vm->qmp_listen_fd, "QMP", timeout_s, error);
        if (fd >= 0) {
            vm->qmp = rp_qmp_new(fd, timeout_s, error);
            /* QEMU connects before it sets up the machine, which it may refuse */
            if (!vm->qmp && !rp_vm_explain_exit(vm, CHANNEL_GRACE_S, "QMP", error)) {
                g_prefix_error(error, "QMP: ");
            }
        }
    }
    return vm->qmp;
}

const char *rp_vm_stderr(RpVm *vm)
{
    return vm->err_text->str;
}

char *rp_vm_command_line(RpVm *vm)
{
    g_autoptr(GString) s = g_string_new(NULL);

    for (guint i = 0; i + 1 < vm->argv->len; i++) {
        g_autofree char *q = g_shell_quote(g_ptr_array_index(vm->argv, i));

        g_string_append_printf(s, "%s%s", i ? " " : "", q);
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

GPid rp_vm_pid(RpVm *vm)
{
    reap(vm);
    return vm->exited ? 0 : vm->pid;
}

long rp_vm_rss_kib(RpVm *vm, long *peak_kib)
{
    GPid pid = rp_vm_pid(vm);
    g_autofree char *path = NULL, *text = NULL;
    long rss;

    if (peak_kib) {
        *peak_kib = -1;
    }
    if (pid <= 0) {
        return -1;
    }
    path = g_strdup_printf("/proc/%d/status", (int)pid);
    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return -1;
    }
    rss = rp_status_kib(text, "VmRSS");
    if (peak_kib) {
        *peak_kib = rp_status_kib(text, "VmHWM");
    }
    return rss;
}

long rp_vm_stop(RpVm *vm)
{
    if (vm->pid > 0 && !vm->exited) {
        reap(vm);
        if (!vm->exited) {
            kill(vm->pid, SIGTERM);
            for (int i = 0; i < 500 && !vm->exited; i++) {
                g_usleep(10000);
                reap(vm);
            }
            if (!vm->exited) {
                struct rusage ru;

                kill(vm->pid, SIGKILL);
                if (wait4(vm->pid, &vm->exit_status, 0, &ru) == vm->pid) {
                    vm->peak_rss_kib = ru.ru_maxrss;
                }
                vm->exited = TRUE;
            }
        }
    }
    return vm->peak_rss_kib;
}

void rp_vm_free(RpVm *vm)
{
    if (!vm) {
        return;
    }
    if (vm->pid > 0) {
        rp_vm_stop(vm);
        g_spawn_close_pid(vm->pid);
    }
    /* keep whatever the console said last */
    if (vm->out_fd >= 0) {
        drain(vm->out_fd, vm->out_buf);
        take_lines(vm, vm->out_buf, console_line);
    }
    int fds[] = { vm->in_fd, vm->out_fd, vm->err_fd, vm->listen_fd, vm->agent_fd,
                  vm->qtest_listen_fd, vm->qmp_listen_fd };

    for (size_t i = 0; i < G_N_ELEMENTS(fds); i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    if (vm->log) {
        fclose(vm->log);
    }
    rp_qtest_free(vm->qtest);
    rp_qmp_free(vm->qmp);
    if (vm->sock_path) {
        g_unlink(vm->sock_path);
    }
    if (vm->qtest_path) {
        g_unlink(vm->qtest_path);
    }
    if (vm->qmp_path) {
        g_unlink(vm->qmp_path);
    }
    if (vm->tmpdir) {
        g_rmdir(vm->tmpdir);
    }
    g_free(vm->sock_path);
    g_free(vm->qtest_path);
    g_free(vm->qmp_path);
    g_free(vm->tmpdir);
    g_ptr_array_unref(vm->argv);
    g_string_free(vm->out_buf, TRUE);
    g_ptr_array_unref(vm->lines);
    g_array_unref(vm->line_at);
    g_string_free(vm->err_text, TRUE);
    g_string_free(vm->agent_buf, TRUE);
    g_queue_clear_full(&vm->agent_lines, g_free);
    g_free(vm->left_cmd);
    g_free(vm->left_oops);
    g_free(vm->agent_gone);
    g_free(vm);
}
