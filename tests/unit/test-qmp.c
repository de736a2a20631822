/*
 * Unit tests: the QMP client (tools/rprocsim/qmp.c) against a scripted
 * peer on a socket pair: the command messages its helpers send (parsed
 * back, so every argument must survive JSON escaping), and how it takes
 * replies, errors and events.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../tap-main.h"
#include "lineio.h"
#include "qmp.h"

/* A string that needs every kind of JSON escape */
#define NASTY "fatal::say \"hi\" \\ back\\slash\nnew line\ttab \x01 </x> caf\xc3\xa9"

typedef struct Peer {
    int fd;             /* QEMU's end */
    GString *buf;
    RpQmp *q;
} Peer;

static void peer_send(Peer *p, const char *text)
{
    ck_assert(rp_write_all(p->fd, text, NULL));
}

/* The next message the client sent, parsed (caller unrefs) */
static JsonObject *peer_receive(Peer *p)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *line = rp_read_line(p->fd, p->buf,
                                         g_get_monotonic_time() + 5 * G_USEC_PER_SEC, &err);
    g_autoptr(JsonParser) parser = json_parser_new();
    JsonNode *root;

    ck_assert_msg(line, "%s", err ? err->message : "?");
    ck_assert_msg(json_parser_load_from_data(parser, line, -1, &err), "%s: %s", line,
                  err ? err->message : "?");
    root = json_parser_get_root(parser);
    ck_assert(JSON_NODE_HOLDS_OBJECT(root));
    return json_object_ref(json_node_get_object(root));
}

/* A connected client, capabilities negotiated */
static void peer_start(Peer *p)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) caps = NULL;
    int sv[2];

    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    p->fd = sv[1];
    p->buf = g_string_new(NULL);
    /* greeting and the reply to qmp_capabilities, queued before the client reads */
    peer_send(p, "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\n"
                 "{\"return\": {}}\n");
    p->q = rp_qmp_new(sv[0], 5, &err);
    ck_assert_msg(p->q, "%s", err ? err->message : "?");
    caps = peer_receive(p);
    ck_assert_str_eq(json_object_get_string_member(caps, "execute"), "qmp_capabilities");
    ck_assert(!json_object_has_member(caps, "arguments"));
}

static void peer_stop(Peer *p)
{
    rp_qmp_free(p->q);
    close(p->fd);
    g_string_free(p->buf, TRUE);
}

/* The next command: its name must be @command; returns its arguments (borrowed from @m) */
static JsonObject *expect_command(JsonObject *m, const char *command)
{
    ck_assert_str_eq(json_object_get_string_member(m, "execute"), command);
    ck_assert(json_object_has_member(m, "arguments"));
    return json_object_get_object_member(m, "arguments");
}

START_TEST(command_text_is_escaped_json)
{
    g_autoptr(JsonObject) args = json_object_new();
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autofree char *text = NULL, *bare = NULL;
    JsonObject *m, *a;

    json_object_set_string_member(args, "value", NASTY);
    json_object_set_int_member(args, "n", -5);
    text = rp_qmp_command_text("odd\"name", args);
    ck_assert(g_str_has_suffix(text, "}\n"));
    /* one line: its only newline ends it */
    ck_assert_ptr_eq(strchr(text, '\n'), text + strlen(text) - 1);
    ck_assert(json_parser_load_from_data(parser, text, -1, NULL));
    m = json_node_get_object(json_parser_get_root(parser));
    ck_assert_str_eq(json_object_get_string_member(m, "execute"), "odd\"name");
    a = json_object_get_object_member(m, "arguments");
    ck_assert_str_eq(json_object_get_string_member(a, "value"), NASTY);
    ck_assert_int_eq(json_object_get_int_member(a, "n"), -5);
    /* the caller's object is only borrowed */
    ck_assert_uint_eq(json_object_get_size(args), 2);

    bare = rp_qmp_command_text("query-status", NULL);
    ck_assert_str_eq(bare, "{\"execute\":\"query-status\"}\n");
}
END_TEST

START_TEST(qom_set_and_inject_arguments)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) m1 = NULL, m2 = NULL;
    JsonObject *a;
    Peer p;

    peer_start(&p);
    peer_send(&p, "{\"return\": {}}\n");
    ck_assert_msg(rp_qmp_qom_set_str(p.q, "/machine/adsp", "fault", NASTY, &err), "%s",
                  err ? err->message : "?");
    m1 = peer_receive(&p);
    a = expect_command(m1, "qom-set");
    ck_assert_uint_eq(json_object_get_size(a), 3);
    ck_assert_str_eq(json_object_get_string_member(a, "path"), "/machine/adsp");
    ck_assert_str_eq(json_object_get_string_member(a, "property"), "fault");
    ck_assert_str_eq(json_object_get_string_member(a, "value"), NASTY);

    peer_send(&p, "{\"return\": {}}\n");
    ck_assert(rp_qmp_inject(p.q, "trustzone", "shutdown-fail:\"adsp\"", &err));
    m2 = peer_receive(&p);
    a = expect_command(m2, "x-rprocsim-inject");
    ck_assert_uint_eq(json_object_get_size(a), 2);
    ck_assert_str_eq(json_object_get_string_member(a, "subsystem"), "trustzone");
    ck_assert_str_eq(json_object_get_string_member(a, "fault"), "shutdown-fail:\"adsp\"");
    peer_stop(&p);
}
END_TEST

START_TEST(pmemsave_arguments)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) m = NULL;
    JsonObject *a;
    Peer p;

    peer_start(&p);
    peer_send(&p, "{\"return\": {}}\n");
    ck_assert(rp_qmp_pmemsave(p.q, 0x86700000u, 4096, "dump dir with \"quotes\"/mem.bin",
                              &err));
    m = peer_receive(&p);
    a = expect_command(m, "pmemsave");
    ck_assert_int_eq(json_object_get_int_member(a, "val"), 0x86700000);
    ck_assert_int_eq(json_object_get_int_member(a, "size"), 4096);
    ck_assert_str_eq(json_object_get_string_member(a, "filename"),
                     "dump dir with \"quotes\"/mem.bin");
    peer_stop(&p);
}
END_TEST

START_TEST(qom_get_values)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonObject) m = NULL;
    g_autofree char *s = NULL, *n = NULL, *t = NULL;
    JsonObject *a;
    Peer p;

    peer_start(&p);
    peer_send(&p, "{\"return\": \"running \\\"x\\\"\"}\n"
                  "{\"return\": 42}\n"
                  "{\"return\": \"pas-ok\"}\n"
                  "{\"return\": 7}\n");
    s = rp_qmp_qom_get_str(p.q, "/machine/trustzone", "last-status", &err);
    ck_assert_str_eq(s, "running \"x\"");
    m = peer_receive(&p);
    a = expect_command(m, "qom-get");
    ck_assert_uint_eq(json_object_get_size(a), 2);
    ck_assert_str_eq(json_object_get_string_member(a, "path"), "/machine/trustzone");
    ck_assert_str_eq(json_object_get_string_member(a, "property"), "last-status");
    /* an integer is not a string, but is text in decimal */
    ck_assert_ptr_null(rp_qmp_qom_get_str(p.q, "/machine/trustzone", "boots", &err));
    ck_assert(err && strstr(err->message, "not a string"));
    g_clear_error(&err);
    t = rp_qmp_qom_get_text(p.q, "/machine/trustzone", "status", &err);
    ck_assert_str_eq(t, "pas-ok");
    n = rp_qmp_qom_get_text(p.q, "/machine/trustzone", "adsp-shutdowns", &err);
    ck_assert_str_eq(n, "7");
    peer_stop(&p);
}
END_TEST

START_TEST(errors_and_events)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) ret = NULL;
    GPtrArray *events;
    Peer p;

    peer_start(&p);
    /* an event before the reply is kept; the error's description is the message */
    peer_send(&p, "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": "
                  "{\"subsystem\": \"adsp\", \"state\": \"bitten\", \"boots\": 1}}\n"
                  "{\"error\": {\"class\": \"GenericError\", \"desc\": \"not a subsystem\"}}\n");
    ck_assert(!rp_qmp_inject(p.q, "ipcc", "hang", &err));
    ck_assert_str_eq(err->message, "x-rprocsim-inject: not a subsystem");
    g_clear_error(&err);
    events = rp_qmp_events(p.q);
    ck_assert_uint_eq(events->len, 1);
    ck_assert_str_eq(json_object_get_string_member(g_ptr_array_index(events, 0), "event"),
                     "RPROCSIM_SUBSYSTEM_STATE");

    /* rp_qmp_execute with no arguments gives the "return" member */
    peer_send(&p, "{\"return\": {\"running\": true}}\n");
    ret = rp_qmp_execute(p.q, "query-status", NULL, &err);
    ck_assert_ptr_nonnull(ret);
    ck_assert(json_object_get_boolean_member(json_node_get_object(ret), "running"));

    /* QEMU closes the monitor without a reply: an error, not a hang */
    shutdown(p.fd, SHUT_WR);
    ck_assert(!rp_qmp_qom_set_str(p.q, "/machine/adsp", "fault", "hang", &err));
    ck_assert_ptr_nonnull(err);
    peer_stop(&p);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "qmp", command_text_is_escaped_json },
        { "qmp", qom_set_and_inject_arguments },
        { "qmp", pmemsave_arguments },
        { "qmp", qom_get_values },
        { "qmp", errors_and_events },
    };

    return rp_suite_new("qmp", tests, G_N_ELEMENTS(tests), NULL);
}
