/*
 * rprocsim: small JsonBuilder helpers for the JSON the tools write
 * (report.json, bench figures, inspect --json).
 *
 * Each rp_json_add_* sets member @name of the object being built and adds
 * the value; @name NULL adds the value alone (an element of an array being
 * built). Nothing is taken over from the caller.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_JSON_OUT_H
#define RPROCSIM_JSON_OUT_H

#include <glib.h>
#include <json-glib/json-glib.h>

/* A string, or JSON null if @value is NULL. */
void rp_json_add_string(JsonBuilder *b, const char *name, const char *value);
void rp_json_add_double(JsonBuilder *b, const char *name, double value);
void rp_json_add_int(JsonBuilder *b, const char *name, gint64 value);
void rp_json_add_bool(JsonBuilder *b, const char *name, gboolean value);

/* An array of the strings in @a (char *; NULL @a: an empty array). */
void rp_json_add_strv(JsonBuilder *b, const char *name, const GPtrArray *a);

/* An array of the doubles in @a (NULL @a: an empty array). */
void rp_json_add_doubles(JsonBuilder *b, const char *name, const GArray *a);

/*
 * The builder's root as JSON text (caller frees), indented by two spaces
 * if @pretty. An unfinished builder gives "".
 */
char *rp_json_to_text(JsonBuilder *b, gboolean pretty);

/* Write the builder's root, pretty-printed, to @path. FALSE with @error. */
gboolean rp_json_write_file(JsonBuilder *b, const char *path, GError **error);

#endif /* RPROCSIM_JSON_OUT_H */
