/*
 * rprocsim shell: boot qcs6490-sim with the guest console (and the QEMU
 * monitor, behind Ctrl-A C) on this terminal, for labs and exploration.
 *
 * QEMU gets the terminal as its stdin and stdout; its stderr passes through
 * rprocsim, which copies it to the terminal as it comes and, if QEMU exits
 * with an error, names the rprocsim option behind the QEMU option its
 * message is about.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t qemu_pid;

/* SIGTERM and SIGHUP to rprocsim are for QEMU, as if it had been exec'd */
static void forward_signal(int sig)
{
    if (qemu_pid > 0) {
        kill(qemu_pid, sig);
    }
}

/* Copy QEMU's stderr (@fd) to ours until it closes; return all of it */
static GString *pass_stderr(int fd)
{
    GString *text = g_string_new(NULL);
    char chunk[4096];
    ssize_t n;

    while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        g_string_append_len(text, chunk, n);
        if (write(STDERR_FILENO, chunk, n) < 0) {
            /* nothing better to do with QEMU's text */
        }
    }
    return text;
}

int rp_cmd_shell(int argc, char **argv)
{
    RpOptions o = { 0 };
    const RpCommand cmd = {
        "shell", "- interactive console on qcs6490-sim", NULL, &o,
        "The guest console and the QEMU monitor share this terminal:\n"
        "  Ctrl-A C  switch between console and monitor (try 'info qtree')\n"
        "  Ctrl-A X  quit QEMU\n\n"
        RP_PATCH_HELP "\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim shell --smp 4 --mem 2048\n"
        "  build/meson/tools/rprocsim shell --patch 0001-fix.patch"
    };
    g_autoptr(GError) err = NULL;
    g_autofree char *smp = NULL, *mem = NULL;
    g_autoptr(GString) said = NULL;
    RpVmConfig cfg;
    int pipefd[2], status;
    pid_t pid;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim shell: %s\n", err->message);
        return rp_options_exit_status(err);
    }
    if (o.patched) {
        g_autoptr(GPtrArray) lines = rp_options_patch_lines(&o);

        fprintf(stderr, "rprocsim shell: patched guest %s\n", o.guest_dir);
        for (guint i = 0; i < lines->len; i++) {
            fprintf(stderr, "  %s\n", (char *)g_ptr_array_index(lines, i));
        }
    }
    cfg = rp_vm_config(&o, o.board);
    smp = g_strdup_printf("%d", cfg.smp);
    mem = g_strdup_printf("%dM", o.mem_mib);
    if (pipe(pipefd) < 0) {
        fprintf(stderr, "rprocsim shell: pipe: %s\n", g_strerror(errno));
        return 1;
    }
    fprintf(stderr, "rprocsim shell: booting %s; Ctrl-A X quits, "
            "Ctrl-A C toggles the QEMU monitor\n", o.board);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "rprocsim shell: fork: %s\n", g_strerror(errno));
        return 1;
    }
    if (pid == 0) {
        const char *qargv[] = {
            o.qemu, "-M", o.board, "-cpu", o.cpu, "-smp", smp,
            "-m", mem, "-accel", RP_DEFAULT_ACCEL, "-nodefaults", "-display", "none",
            "-serial", "mon:stdio", "-kernel", o.kernel, "-initrd", o.initrd,
            "-append", o.append, NULL
        };

        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        execv(o.qemu, (char **)qargv);
        fprintf(stderr, "rprocsim shell: cannot run %s: %s\n", o.qemu, g_strerror(errno));
        _exit(127);
    }
    /* the terminal belongs to QEMU: its keys are the guest's, not ours */
    qemu_pid = pid;
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTERM, forward_signal);
    signal(SIGHUP, forward_signal);
    close(pipefd[1]);
    said = pass_stderr(pipefd[0]);
    close(pipefd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        /* again */
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return 0;
    }
    {
        g_autofree char *hint = rp_vm_option_hint(&cfg, said->str);

        fprintf(stderr, "rprocsim shell: QEMU %s %d%s%s\n",
                WIFEXITED(status) ? "exited with status" : "was killed by signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                hint ? "; " : "", hint ? hint : "");
    }
    return 1;
}
