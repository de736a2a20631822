/*
 * rprocsim: guest remoteprocs through sysfs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rproc.h"

#include <string.h>

#define AGENT_TIMEOUT_S 60.0
#define POLL_US 50000

const RpSubsys *rp_subsystems(const RprocsimBoard *board, unsigned *n)
{
    *n = board->count;
    return board->subsys;
}

/* Run @cmd in the guest; its output (caller frees) if it exits 0 */
static char *run(RpVm *vm, const char *cmd, GError **error)
{
    char *out = NULL;
    int status = -1;

    if (!rp_vm_agent_run(vm, cmd, AGENT_TIMEOUT_S, &out, &status, error)) {
        return NULL;
    }
    if (status != 0) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_AGENT, "'%s' failed: %s", cmd,
                    g_strstrip(out));
        g_free(out);
        return NULL;
    }
    return g_strstrip(out);
}

gboolean rp_rproc_find(RpVm *vm, const RpSubsys *ss, double timeout_s, RpRproc *out,
                       GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);
    g_autofree char *node = rprocsim_subsys_device(ss);
    g_autofree char *cmd = g_strdup_printf(
        "for d in /sys/class/remoteproc/remoteproc*; do "
        "case \"$(readlink $d/device)\" in */%s) echo $d; cat $d/name;; esac; done; true",
        node);

    memset(out, 0, sizeof(*out));
    for (;;) {
        g_autofree char *found = run(vm, cmd, error);
        g_auto(GStrv) lines = NULL;

        if (!found) {
            return FALSE;
        }
        lines = g_strsplit(found, "\n", -1);
        if (g_strv_length(lines) >= 2) {
            out->ss = ss;
            out->dir = g_strdup(g_strstrip(lines[0]));
            out->name = g_strdup(g_strstrip(lines[1]));
            return TRUE;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                        "no remoteproc for %s (%s) in the guest", ss->name, node);
            return FALSE;
        }
        g_usleep(POLL_US);
    }
}

void rp_rproc_clear(RpRproc *r)
{
    g_free(r->dir);
    g_free(r->name);
    memset(r, 0, sizeof(*r));
}

char *rp_rproc_read(RpVm *vm, const RpRproc *r, const char *attr, GError **error)
{
    g_autofree char *cmd = g_strdup_printf("cat %s/%s", r->dir, attr);

    return run(vm, cmd, error);
}

gboolean rp_rproc_write(RpVm *vm, const RpRproc *r, const char *attr, const char *value,
                        GError **error)
{
    g_autofree char *cmd = g_strdup_printf("echo %s > %s/%s", value, r->dir, attr);
    g_autofree char *out = run(vm, cmd, error);

    return out != NULL;
}

gboolean rp_rproc_wait_state(RpVm *vm, const RpRproc *r, const char *want,
                             double timeout_s, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    for (;;) {
        g_autofree char *st = rp_rproc_read(vm, r, "state", error);

        if (!st) {
            return FALSE;
        }
        if (g_str_equal(st, want)) {
            return TRUE;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_TIMEOUT,
                        "%s stayed '%s', not '%s', for %.0f s", r->name, st, want, timeout_s);
            return FALSE;
        }
        g_usleep(POLL_US);
    }
}

GBytes *rp_rproc_take_dump(RpVm *vm, const RpRproc *r, GError **error)
{
    g_autofree char *base = g_path_get_basename(r->dir);
    g_autofree char *find = g_strdup_printf(
        "for d in /sys/class/devcoredump/devcd*; do "
        "case \"$(readlink $d/failing_device)\" in */%s) echo $d;; esac; done; true", base);
    g_autofree char *dev = run(vm, find, error);
    g_autofree char *copy = NULL, *b64 = NULL, *release = NULL, *done = NULL;
    guchar *data;
    gsize len;

    if (!dev) {
        return NULL;
    }
    if (!*dev) {
        g_set_error(error, RP_VM_ERROR, RP_VM_ERROR_IO, "no devcoredump of %s", r->name);
        return NULL;
    }
    if (strchr(dev, '\n')) {
        *strchr(dev, '\n') = '\0';
    }
    copy = g_strdup_printf("base64 %s/data", dev);
    b64 = run(vm, copy, error);
    if (!b64) {
        return NULL;
    }
    data = g_base64_decode(b64, &len);
    release = g_strdup_printf("echo 1 > %s/data", dev);
    done = run(vm, release, NULL);
    return g_bytes_new_take(data, len);
}
