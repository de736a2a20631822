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
    JsonObject *last;   /* the last message expect_command() took */
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
    g_clear_pointer(&p->last, json_object_unref);
}

/* Each test's client and peer (checked fixture) */
static Peer peer;

static void peer_setup(void)
{
    peer_start(&peer);
}

static void peer_teardown(void)
{
    peer_stop(&peer);
}

/*
 * The next message the client sent to the peer must be command @command
 * with @nargs arguments; returns them (valid until the next call)
 */
static JsonObject *expect_command(const char *command, guint nargs)
{
    JsonObject *a;

    g_clear_pointer(&peer.last, json_object_unref);
    peer.last = peer_receive(&peer);
    ck_assert_str_eq(json_object_get_string_member(peer.last, "execute"), command);
    ck_assert(json_object_has_member(peer.last, "arguments"));
    a = json_object_get_object_member(peer.last, "arguments");
    ck_assert_uint_eq(json_object_get_size(a), nargs);
    return a;
}

/* String member @name of @o is @want */
static void expect_str(JsonObject *o, const char *name, const char *want)
{
    ck_assert_str_eq(json_object_get_string_member(o, name), want);
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
    JsonObject *a;

    peer_send(&peer, "{\"return\": {}}\n");
    ck_assert_msg(rp_qmp_qom_set_str(peer.q, "/machine/adsp", "fault", NASTY, &err), "%s",
                  err ? err->message : "?");
    a = expect_command("qom-set", 3);
    expect_str(a, "path", "/machine/adsp");
    expect_str(a, "property", "fault");
    expect_str(a, "value", NASTY);

    peer_send(&peer, "{\"return\": {}}\n");
    ck_assert(rp_qmp_inject(peer.q, "trustzone", "shutdown-fail:\"adsp\"", &err));
    a = expect_command("x-rprocsim-inject", 2);
    expect_str(a, "subsystem", "trustzone");
    expect_str(a, "fault", "shutdown-fail:\"adsp\"");
}
END_TEST

START_TEST(pmemsave_arguments)
{
    g_autoptr(GError) err = NULL;
    JsonObject *a;

    peer_send(&peer, "{\"return\": {}}\n");
    ck_assert(rp_qmp_pmemsave(peer.q, 0x86700000u, 4096, "dump dir with \"quotes\"/mem.bin",
                              &err));
    a = expect_command("pmemsave", 3);
    ck_assert_int_eq(json_object_get_int_member(a, "val"), 0x86700000);
    ck_assert_int_eq(json_object_get_int_member(a, "size"), 4096);
    expect_str(a, "filename", "dump dir with \"quotes\"/mem.bin");
}
END_TEST

START_TEST(qom_get_values)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *s = NULL, *n = NULL, *t = NULL;
    JsonObject *a;

    peer_send(&peer, "{\"return\": \"running \\\"x\\\"\"}\n"
                     "{\"return\": 42}\n"
                     "{\"return\": \"pas-ok\"}\n"
                     "{\"return\": 7}\n");
    s = rp_qmp_qom_get_str(peer.q, "/machine/trustzone", "last-status", &err);
    ck_assert_str_eq(s, "running \"x\"");
    a = expect_command("qom-get", 2);
    expect_str(a, "path", "/machine/trustzone");
    expect_str(a, "property", "last-status");
    /* an integer is not a string, but is text in decimal */
    ck_assert_ptr_null(rp_qmp_qom_get_str(peer.q, "/machine/trustzone", "boots", &err));
    ck_assert(err && strstr(err->message, "not a string"));
    g_clear_error(&err);
    t = rp_qmp_qom_get_text(peer.q, "/machine/trustzone", "status", &err);
    ck_assert_str_eq(t, "pas-ok");
    n = rp_qmp_qom_get_text(peer.q, "/machine/trustzone", "adsp-shutdowns", &err);
    ck_assert_str_eq(n, "7");
}
END_TEST

START_TEST(errors_and_events)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) ret = NULL;
    GPtrArray *events;

    /* an event before the reply is kept; the error's description is the message */
    peer_send(&peer, "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": "
                     "{\"subsystem\": \"adsp\", \"state\": \"bitten\", \"boots\": 1}}\n"
                     "{\"error\": {\"class\": \"GenericError\", \"desc\": \"not a subsystem\"}}\n");
    ck_assert(!rp_qmp_inject(peer.q, "ipcc", "hang", &err));
    ck_assert_str_eq(err->message, "x-rprocsim-inject: not a subsystem");
    g_clear_error(&err);
    events = rp_qmp_events(peer.q);
    ck_assert_uint_eq(events->len, 1);
    ck_assert_str_eq(json_object_get_string_member(g_ptr_array_index(events, 0), "event"),
                     "RPROCSIM_SUBSYSTEM_STATE");

    /* one subsystem's states, in order; other events and subsystems and bad data left out */
    peer_send(&peer, "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": "
                     "{\"subsystem\": \"cdsp\", \"state\": \"running\", \"boots\": 1}}\n"
                     "{\"event\": \"STOP\"}\n"
                     "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": 3}\n"
                     "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": "
                     "{\"subsystem\": \"adsp\", \"state\": \"running\", \"boots\": 2}}\n"
                     "{\"event\": \"RPROCSIM_SUBSYSTEM_STATE\", \"data\": "
                     "{\"subsystem\": \"adsp\", \"boots\": 2}}\n"
                     "{\"return\": {}}\n");
    ck_assert(rp_qmp_inject(peer.q, "adsp", "hang", &err));
    {
        g_autoptr(GPtrArray) adsp = rp_qmp_state_events(peer.q, "adsp");
        g_autoptr(GPtrArray) wpss = rp_qmp_state_events(peer.q, "wpss");

        ck_assert_uint_eq(adsp->len, 3);
        ck_assert_str_eq(g_ptr_array_index(adsp, 0), "bitten");
        ck_assert_str_eq(g_ptr_array_index(adsp, 1), "running");
        ck_assert_str_eq(g_ptr_array_index(adsp, 2), "?");
        ck_assert_uint_eq(wpss->len, 0);
    }

    /* rp_qmp_execute with no arguments gives the "return" member */
    peer_send(&peer, "{\"return\": {\"running\": true}}\n");
    ret = rp_qmp_execute(peer.q, "query-status", NULL, &err);
    ck_assert_ptr_nonnull(ret);
    ck_assert(json_object_get_boolean_member(json_node_get_object(ret), "running"));

    /* QEMU closes the monitor without a reply: an error, not a hang */
    shutdown(peer.fd, SHUT_WR);
    ck_assert(!rp_qmp_qom_set_str(peer.q, "/machine/adsp", "fault", "hang", &err));
    ck_assert_ptr_nonnull(err);
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

    return rp_suite_new("qmp", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = peer_setup, .teardown = peer_teardown });
}
