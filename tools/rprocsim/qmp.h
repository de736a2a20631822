/*
 * rprocsim: a small QMP (QEMU Machine Protocol) client: capabilities
 * negotiation, commands with JSON arguments, events kept for later.
 * Protocol: QEMU's docs/interop/qmp-spec.rst.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_QMP_H
#define RPROCSIM_QMP_H

#include <glib.h>
#include <json-glib/json-glib.h>

#define RP_QMP_ERROR (rp_qmp_error_quark())
GQuark rp_qmp_error_quark(void);

typedef struct RpQmp RpQmp;

/*
 * Take the connected socket @fd (owned from now on), read QEMU's greeting
 * and negotiate capabilities, within @timeout_s. NULL with @error set on
 * failure.
 */
RpQmp *rp_qmp_new(int fd, double timeout_s, GError **error);
void rp_qmp_free(RpQmp *q);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpQmp, rp_qmp_free)

/*
 * The QMP message executing @command with @args (borrowed; NULL: no
 * arguments) as one line of JSON text with its newline (caller frees).
 * Everything is escaped by json-glib.
 */
char *rp_qmp_command_text(const char *command, JsonObject *args);

/*
 * Execute @command with @args (borrowed; NULL: no arguments), waiting at
 * most 30 s. Returns the "return" member (caller unrefs), or NULL with
 * @error set to QEMU's error description. Events that come first are kept
 * (rp_qmp_events()). The helpers below build the arguments of the
 * commands the tools use; prefer them.
 */
JsonNode *rp_qmp_execute(RpQmp *q, const char *command, JsonObject *args, GError **error);

/* qom-get of @property of the object at QOM @path: its value (caller unrefs). */
JsonNode *rp_qmp_qom_get(RpQmp *q, const char *path, const char *property, GError **error);

/* qom-get of a string property (caller frees), NULL with @error on failure. */
char *rp_qmp_qom_get_str(RpQmp *q, const char *path, const char *property, GError **error);

/*
 * qom-get of a string or integer property as text, integers (and booleans)
 * in decimal (caller frees). NULL with @error on failure.
 */
char *rp_qmp_qom_get_text(RpQmp *q, const char *path, const char *property, GError **error);

/* qom-set of a string property. FALSE with @error (QEMU's refusal). */
gboolean rp_qmp_qom_set_str(RpQmp *q, const char *path, const char *property,
                            const char *value, GError **error);

/*
 * x-rprocsim-inject: inject @fault ("fatal::message", "hang", ...) into
 * @subsystem ("adsp", "cdsp", "wpss" or "trustzone"). FALSE with @error
 * set to QEMU's refusal.
 */
gboolean rp_qmp_inject(RpQmp *q, const char *subsystem, const char *fault, GError **error);

/*
 * pmemsave: QEMU writes @size bytes of guest physical memory from @addr to
 * the host file @filename. FALSE with @error on failure.
 */
gboolean rp_qmp_pmemsave(RpQmp *q, guint64 addr, guint64 size, const char *filename,
                         GError **error);

/* Events received so far, oldest first (JsonObject *, owned by the client). */
GPtrArray *rp_qmp_events(RpQmp *q);

/*
 * The "state" of each RPROCSIM_SUBSYSTEM_STATE event for @subsystem among
 * @q's events so far, oldest first (char *; caller unrefs the array).
 */
GPtrArray *rp_qmp_state_events(RpQmp *q, const char *subsystem);

#endif /* RPROCSIM_QMP_H */
