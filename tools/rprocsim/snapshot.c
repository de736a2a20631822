/*
 * rprocsim: saving and restoring a machine (snapshot.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "snapshot.h"

#include <glib/gstdio.h>
#include <string.h>

/* @command with its one string argument @name = @value; FALSE with @error */
static gboolean run_with(RpQmp *qmp, const char *command, const char *name, const char *value,
                         GError **error)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonNode) r = NULL;

    if (name) {
        json_object_set_string_member(args, name, value);
    }
    r = rp_qmp_execute(qmp, command, name ? args : NULL, error);
    return r != NULL;
}

/*
 * Poll query-migrate (every 5 ms) until it says "completed"; FALSE with
 * @error for "failed" or "cancelled" (QEMU's error-desc) or after
 * @timeout_s.
 */
static gboolean wait_migration(RpQmp *qmp, const char *what, double timeout_s, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);

    for (;;) {
        g_autoptr(JsonNode) r = rp_qmp_execute(qmp, "query-migrate", NULL, error);
        JsonObject *o = r && JSON_NODE_HOLDS_OBJECT(r) ? json_node_get_object(r) : NULL;
        const char *status = o ? json_object_get_string_member_with_default(o, "status", "")
                               : NULL;

        if (!r) {
            g_prefix_error(error, "%s: ", what);
            return FALSE;
        }
        if (status && g_str_equal(status, "completed")) {
            return TRUE;
        }
        if (status && (g_str_equal(status, "failed") || g_str_equal(status, "cancelled"))) {
            g_set_error(error, RP_QMP_ERROR, 0, "%s %s: %s", what, status,
                        json_object_get_string_member_with_default(o, "error-desc",
                                                                    "no reason given"));
            return FALSE;
        }
        if (g_get_monotonic_time() >= deadline) {
            g_set_error(error, RP_QMP_ERROR, 0, "%s did not complete within %.0f s (status "
                        "'%s')", what, timeout_s, status ? status : "?");
            return FALSE;
        }
        g_usleep(5000);
    }
}

gboolean rp_snapshot_save(RpQmp *qmp, const char *path, double timeout_s, GError **error)
{
    g_autofree char *uri = g_strconcat("file:", path, NULL);

    g_unlink(path);
    return run_with(qmp, "stop", NULL, NULL, error) &&
           run_with(qmp, "migrate", "uri", uri, error) &&
           wait_migration(qmp, "saving the machine", timeout_s, error);
}

gboolean rp_snapshot_load(RpQmp *qmp, const char *path, double timeout_s, GError **error)
{
    g_autofree char *uri = g_strconcat("file:", path, NULL);

    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no saved machine at %s", path);
        return FALSE;
    }
    return run_with(qmp, "migrate-incoming", "uri", uri, error) &&
           wait_migration(qmp, "restoring the machine", timeout_s, error) &&
           run_with(qmp, "cont", NULL, NULL, error);
}
