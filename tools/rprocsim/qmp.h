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
 * Execute @command with @args (a JSON object as text, or NULL), waiting at
 * most 30 s. Returns the "return" member (caller unrefs), or NULL with
 * @error set to QEMU's error description.
 */
JsonNode *rp_qmp_execute(RpQmp *q, const char *command, const char *args, GError **error);

/* qom-get of a string property (caller frees), NULL with @error on failure. */
char *rp_qmp_qom_get_str(RpQmp *q, const char *path, const char *property, GError **error);

/* Events received so far, oldest first (JsonObject *, owned by the client). */
GPtrArray *rp_qmp_events(RpQmp *q);

#endif /* RPROCSIM_QMP_H */
