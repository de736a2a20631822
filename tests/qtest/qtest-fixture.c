/*
 * qtests: shared set-up.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <check.h>
#include <glib.h>

#include "common.h"
#include "qtest-fixture.h"

RpVm *qt_vm;
RpQtest *qt;
RpQmp *qt_qmp;

void qt_start(const char *accel, const char *kernel)
{
    qt_start_extra(accel, kernel, NULL);
}

void qt_start_extra(const char *accel, const char *kernel, const char *const *extra)
{
    qt_start_machine(RP_SIM_MACHINE, accel, kernel, extra);
}

void qt_start_machine(const char *machine, const char *accel, const char *kernel,
                      const char *const *extra)
{
    g_autofree char *qemu = g_build_filename(g_getenv("RPROCSIM_BUILD") ?: "build",
                                             "qemu", "qemu-system-aarch64", NULL);
    RpVmConfig cfg = { .qemu = qemu, .machine = machine, .accel = accel,
                       .kernel = kernel, .qtest = TRUE, .qmp = TRUE, .extra = extra };
    g_autoptr(GError) err = NULL;

    qt_vm = rp_vm_start(&cfg, &err);
    ck_assert_msg(qt_vm, "%s", err ? err->message : "?");
    qt = rp_vm_qtest(qt_vm, 30, &err);
    ck_assert_msg(qt, "%s", err ? err->message : "?");
    qt_qmp = rp_vm_qmp(qt_vm, 30, &err);
    ck_assert_msg(qt_qmp, "%s", err ? err->message : "?");
}

void qt_stop(void)
{
    g_clear_pointer(&qt_vm, rp_vm_free);
    qt = NULL;
    qt_qmp = NULL;
}

uint32_t qt_rd(uint64_t addr)
{
    g_autoptr(GError) err = NULL;
    uint32_t v = 0;

    ck_assert_msg(rp_qtest_readl(qt, addr, &v, &err), "%s", err ? err->message : "?");
    return v;
}

void qt_wr(uint64_t addr, uint32_t v)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_qtest_writel(qt, addr, v, &err), "%s", err ? err->message : "?");
}

char *qt_qom_str(const char *path, const char *prop)
{
    g_autoptr(GError) err = NULL;
    char *v = rp_qmp_qom_get_str(qt_qmp, path, prop, &err);

    ck_assert_msg(v, "%s", err ? err->message : "?");
    return v;
}

int64_t qt_qom_int(const char *path, const char *prop)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) v = rp_qmp_qom_get(qt_qmp, path, prop, &err);

    ck_assert_msg(v, "%s", err ? err->message : "?");
    return json_node_get_int(v);
}

void qt_qmp_do(const char *command, const char *arg, const char *value)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) r = NULL;

    if (arg) {
        json_object_set_string_member(args, arg, value);
    }
    r = rp_qmp_execute(qt_qmp, command, arg ? args : NULL, &err);
    ck_assert_msg(r, "%s: %s", command, err ? err->message : "?");
}

/* The index of the first @state among @subsystem's state events from @from on, or -1 */
static gint find_state_event(const char *subsystem, const char *state, guint from)
{
    g_autoptr(GPtrArray) states = rp_qmp_state_events(qt_qmp, subsystem);

    for (guint i = from; i < states->len; i++) {
        if (g_str_equal(g_ptr_array_index(states, i), state)) {
            return (gint)i;
        }
    }
    return -1;
}

void qt_wait_state_event(const char *subsystem, const char *state, guint *from)
{
    gint64 deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    gint at;

    /* events arrive with command replies: ask for something cheap meanwhile */
    while ((at = find_state_event(subsystem, state, *from)) < 0 &&
           g_get_monotonic_time() < deadline) {
        g_autoptr(JsonNode) r = rp_qmp_execute(qt_qmp, "query-status", NULL, NULL);

        ck_assert_msg(r, "query-status failed while waiting for an event");
        g_usleep(2000);
    }
    ck_assert_msg(at >= 0, "no RPROCSIM_SUBSYSTEM_STATE %s %s after %s's event %u",
                  subsystem, state, subsystem, *from);
    *from = (guint)at + 1;
}

void qt_migration_done(void)
{
    gint64 deadline = g_get_monotonic_time() + 30 * G_USEC_PER_SEC;
    g_autofree char *status = NULL;

    while (g_get_monotonic_time() < deadline) {
        g_autoptr(JsonNode) r = rp_qmp_execute(qt_qmp, "query-migrate", NULL, NULL);
        JsonObject *o = r ? json_node_get_object(r) : NULL;

        g_free(status);
        status = g_strdup(o && json_object_has_member(o, "status")
                          ? json_object_get_string_member(o, "status") : "");
        if (g_str_equal(status, "completed") || g_str_equal(status, "failed")) {
            break;
        }
        g_usleep(10000);
    }
    ck_assert_str_eq(status, "completed");
}

void qt_save(const char *uri)
{
    qt_qmp_do("stop", NULL, NULL);
    qt_qmp_do("migrate", "uri", uri);
    qt_migration_done();
    qt_stop();
}

void qt_restore(const char *uri)
{
    qt_qmp_do("migrate-incoming", "uri", uri);
    qt_migration_done();
}
