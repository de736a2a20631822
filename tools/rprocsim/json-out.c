/*
 * rprocsim: JsonBuilder helpers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "json-out.h"

static void member(JsonBuilder *b, const char *name)
{
    if (name) {
        json_builder_set_member_name(b, name);
    }
}

void rp_json_add_string(JsonBuilder *b, const char *name, const char *value)
{
    member(b, name);
    if (value) {
        json_builder_add_string_value(b, value);
    } else {
        json_builder_add_null_value(b);
    }
}

void rp_json_add_double(JsonBuilder *b, const char *name, double value)
{
    member(b, name);
    json_builder_add_double_value(b, value);
}

void rp_json_add_int(JsonBuilder *b, const char *name, gint64 value)
{
    member(b, name);
    json_builder_add_int_value(b, value);
}

void rp_json_add_bool(JsonBuilder *b, const char *name, gboolean value)
{
    member(b, name);
    json_builder_add_boolean_value(b, value);
}

void rp_json_add_strv(JsonBuilder *b, const char *name, const GPtrArray *a)
{
    member(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; a && i < a->len; i++) {
        json_builder_add_string_value(b, g_ptr_array_index(a, i));
    }
    json_builder_end_array(b);
}

void rp_json_add_doubles(JsonBuilder *b, const char *name, const GArray *a)
{
    member(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; a && i < a->len; i++) {
        json_builder_add_double_value(b, g_array_index(a, double, i));
    }
    json_builder_end_array(b);
}

static JsonGenerator *generator(JsonBuilder *b, gboolean pretty)
{
    JsonGenerator *gen = json_generator_new();
    g_autoptr(JsonNode) root = json_builder_get_root(b);

    json_generator_set_pretty(gen, pretty);
    json_generator_set_root(gen, root);
    return gen;
}

char *rp_json_to_text(JsonBuilder *b, gboolean pretty)
{
    g_autoptr(JsonGenerator) gen = generator(b, pretty);

    return json_generator_to_data(gen, NULL);
}

gboolean rp_json_write_file(JsonBuilder *b, const char *path, GError **error)
{
    g_autoptr(JsonGenerator) gen = generator(b, TRUE);

    return json_generator_to_file(gen, path, error);
}
