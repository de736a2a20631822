/*
 * rprocsim: QMP client.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qmp.h"
#include "lineio.h"

#include <string.h>
#include <unistd.h>

#define REPLY_TIMEOUT_S 30.0

G_DEFINE_QUARK(rp-qmp-error-quark, rp_qmp_error)

struct RpQmp {
    int fd;
    GString *buf;
    GPtrArray *events;      /* JsonObject * */
};

void rp_qmp_free(RpQmp *q)
{
    if (q) {
        close(q->fd);
        g_string_free(q->buf, TRUE);
        g_ptr_array_unref(q->events);
        g_free(q);
    }
}

/* Next JSON message (one per line), parsed; NULL with @error on failure. */
static JsonObject *next_message(RpQmp *q, gint64 deadline, GError **error)
{
    for (;;) {
        g_autofree char *line = rp_read_line(q->fd, q->buf, deadline, error);
        g_autoptr(JsonParser) parser = NULL;
        JsonNode *root;

        if (!line) {
            return NULL;
        }
        if (!*g_strstrip(line)) {
            continue;
        }
        parser = json_parser_new();
        if (!json_parser_load_from_data(parser, line, -1, error)) {
            return NULL;
        }
        root = json_parser_get_root(parser);
        if (!JSON_NODE_HOLDS_OBJECT(root)) {
            g_set_error(error, RP_QMP_ERROR, 0, "QMP sent a non-object: %s", line);
            return NULL;
        }
        return json_object_ref(json_node_get_object(root));
    }
}

char *rp_qmp_command_text(const char *command, JsonObject *args)
{
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *text = NULL;

    json_builder_begin_object(b);
    json_builder_set_member_name(b, "execute");
    json_builder_add_string_value(b, command);
    if (args) {
        JsonNode *n = json_node_alloc();

        json_node_init_object(n, args);
        json_builder_set_member_name(b, "arguments");
        json_builder_add_value(b, n);
    }
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    text = json_generator_to_data(gen, NULL);
    return g_strconcat(text, "\n", NULL);
}

JsonNode *rp_qmp_execute(RpQmp *q, const char *command, JsonObject *args, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(REPLY_TIMEOUT_S * G_USEC_PER_SEC);
    g_autofree char *cmd = rp_qmp_command_text(command, args);

    if (!rp_write_all(q->fd, cmd, error)) {
        return NULL;
    }
    for (;;) {
        JsonObject *m = next_message(q, deadline, error);

        if (!m) {
            return NULL;
        }
        if (json_object_has_member(m, "event")) {
            g_ptr_array_add(q->events, m);
            continue;
        }
        if (json_object_has_member(m, "return")) {
            JsonNode *ret = json_node_copy(json_object_get_member(m, "return"));

            json_object_unref(m);
            return ret;
        }
        if (json_object_has_member(m, "error")) {
            JsonObject *e = json_object_get_object_member(m, "error");

            g_set_error(error, RP_QMP_ERROR, 0, "%s: %s", command,
                        e && json_object_has_member(e, "desc") ?
                        json_object_get_string_member(e, "desc") : "error");
            json_object_unref(m);
            return NULL;
        }
        json_object_unref(m);
    }
}

RpQmp *rp_qmp_new(int fd, double timeout_s, GError **error)
{
    g_autoptr(RpQmp) q = g_new0(RpQmp, 1);
    gint64 deadline = g_get_monotonic_time() + (gint64)(timeout_s * G_USEC_PER_SEC);
    JsonObject *greeting;
    JsonNode *ret;

    q->fd = fd;
    q->buf = g_string_new(NULL);
    q->events = g_ptr_array_new_with_free_func((GDestroyNotify)json_object_unref);
    greeting = next_message(q, deadline, error);
    if (!greeting) {
        return NULL;
    }
    if (!json_object_has_member(greeting, "QMP")) {
        g_set_error(error, RP_QMP_ERROR, 0, "no QMP greeting");
        json_object_unref(greeting);
        return NULL;
    }
    json_object_unref(greeting);
    ret = rp_qmp_execute(q, "qmp_capabilities", NULL, error);
    if (!ret) {
        return NULL;
    }
    json_node_unref(ret);
    return g_steal_pointer(&q);
}

/* A builder of a command's arguments, its object begun */
static JsonBuilder *args_begin(void)
{
    JsonBuilder *b = json_builder_new();

    json_builder_begin_object(b);
    return b;
}

/* Finish the arguments @b, execute @command with them */
static JsonNode *args_execute(RpQmp *q, const char *command, JsonBuilder *b,
                              GError **error)
{
    g_autoptr(JsonNode) root = NULL;

    json_builder_end_object(b);
    root = json_builder_get_root(b);
    return rp_qmp_execute(q, command, json_node_get_object(root), error);
}

static void add_str(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, value);
}

JsonNode *rp_qmp_qom_get(RpQmp *q, const char *path, const char *property, GError **error)
{
    g_autoptr(JsonBuilder) b = args_begin();

    add_str(b, "path", path);
    add_str(b, "property", property);
    return args_execute(q, "qom-get", b, error);
}

char *rp_qmp_qom_get_str(RpQmp *q, const char *path, const char *property, GError **error)
{
    g_autoptr(JsonNode) ret = rp_qmp_qom_get(q, path, property, error);

    if (!ret) {
        return NULL;
    }
    if (json_node_get_value_type(ret) != G_TYPE_STRING) {
        g_set_error(error, RP_QMP_ERROR, 0, "%s %s is not a string", path, property);
        return NULL;
    }
    return g_strdup(json_node_get_string(ret));
}

char *rp_qmp_qom_get_text(RpQmp *q, const char *path, const char *property, GError **error)
{
    g_autoptr(JsonNode) ret = rp_qmp_qom_get(q, path, property, error);

    if (!ret) {
        return NULL;
    }
    if (json_node_get_value_type(ret) == G_TYPE_STRING) {
        return g_strdup(json_node_get_string(ret));
    }
    return g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(ret));
}

gboolean rp_qmp_qom_set_str(RpQmp *q, const char *path, const char *property,
                            const char *value, GError **error)
{
    g_autoptr(JsonBuilder) b = args_begin();
    g_autoptr(JsonNode) ret = NULL;

    add_str(b, "path", path);
    add_str(b, "property", property);
    add_str(b, "value", value);
    ret = args_execute(q, "qom-set", b, error);
    return ret != NULL;
}

gboolean rp_qmp_inject(RpQmp *q, const char *subsystem, const char *fault, GError **error)
{
    g_autoptr(JsonBuilder) b = args_begin();
    g_autoptr(JsonNode) ret = NULL;

    add_str(b, "subsystem", subsystem);
    add_str(b, "fault", fault);
    ret = args_execute(q, "x-rprocsim-inject", b, error);
    return ret != NULL;
}

gboolean rp_qmp_pmemsave(RpQmp *q, guint64 addr, guint64 size, const char *filename,
                         GError **error)
{
    g_autoptr(JsonBuilder) b = args_begin();
    g_autoptr(JsonNode) ret = NULL;

    json_builder_set_member_name(b, "val");
    json_builder_add_int_value(b, (gint64)addr);
    json_builder_set_member_name(b, "size");
    json_builder_add_int_value(b, (gint64)size);
    add_str(b, "filename", filename);
    ret = args_execute(q, "pmemsave", b, error);
    return ret != NULL;
}

GPtrArray *rp_qmp_events(RpQmp *q)
{
    return q->events;
}

GPtrArray *rp_qmp_state_events(RpQmp *q, const char *subsystem)
{
    GPtrArray *states = g_ptr_array_new_with_free_func(g_free);

    for (guint i = 0; i < q->events->len; i++) {
        JsonObject *ev = g_ptr_array_index(q->events, i);
        JsonNode *dn = json_object_get_member(ev, "data");
        JsonObject *data = dn && JSON_NODE_HOLDS_OBJECT(dn) ? json_node_get_object(dn) : NULL;

        if (!g_strcmp0(json_object_get_string_member_with_default(ev, "event", NULL),
                       "RPROCSIM_SUBSYSTEM_STATE") && data &&
            !g_strcmp0(json_object_get_string_member_with_default(data, "subsystem", NULL),
                       subsystem)) {
            g_ptr_array_add(states, g_strdup(json_object_get_string_member_with_default(
                data, "state", "?")));
        }
    }
    return states;
}
