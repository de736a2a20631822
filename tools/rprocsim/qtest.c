/*
 * rprocsim: client of QEMU's qtest protocol.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "qtest.h"
#include "lineio.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define REPLY_TIMEOUT_MS 30000
#define MAX_CHUNK (64 * 1024)

G_DEFINE_QUARK(rp-qtest-error-quark, rp_qtest_error)

struct RpQtest {
    int fd;
    GString *buf;
    int irq[RP_QTEST_MAX_IRQS];
    unsigned raises[RP_QTEST_MAX_IRQS];
};

RpQtest *rp_qtest_new(int fd)
{
    RpQtest *q = g_new0(RpQtest, 1);

    q->fd = fd;
    q->buf = g_string_new(NULL);
    return q;
}

void rp_qtest_free(RpQtest *q)
{
    if (q) {
        close(q->fd);
        g_string_free(q->buf, TRUE);
        g_free(q);
    }
}

char *rp_qtest_cmd(RpQtest *q, GError **error, const char *fmt, ...)
{
    g_autofree char *cmd = NULL;
    g_autofree char *text = NULL;
    gint64 deadline = g_get_monotonic_time() + REPLY_TIMEOUT_MS * 1000;
    va_list ap;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    text = g_strconcat(cmd, "\n", NULL);
    if (!rp_write_all(q->fd, text, error)) {
        return NULL;
    }
    for (;;) {
        g_autofree char *line = rp_read_line(q->fd, q->buf, deadline, error);
        unsigned irq;

        if (!line) {
            return NULL;
        }
        if (sscanf(line, "IRQ raise %u", &irq) == 1 && irq < RP_QTEST_MAX_IRQS) {
            q->irq[irq] = 1;
            q->raises[irq]++;
        } else if (sscanf(line, "IRQ lower %u", &irq) == 1 && irq < RP_QTEST_MAX_IRQS) {
            q->irq[irq] = 0;
        } else if (g_str_has_prefix(line, "OK")) {
            return g_strdup(g_strstrip(line + 2));
        } else {
            g_set_error(error, RP_QTEST_ERROR, 0, "'%s' answered '%s'", cmd, line);
            return NULL;
        }
    }
}

gboolean rp_qtest_readl(RpQtest *q, uint64_t addr, uint32_t *val, GError **error)
{
    g_autofree char *r = rp_qtest_cmd(q, error, "readl 0x%" G_GINT64_MODIFIER "x", addr);
    guint64 v;

    if (!r || !g_ascii_string_to_unsigned(r + (g_str_has_prefix(r, "0x") ? 2 : 0),
                                          16, 0, G_MAXUINT64, &v, error)) {
        return FALSE;
    }
    *val = (uint32_t)v;
    return TRUE;
}

gboolean rp_qtest_writel(RpQtest *q, uint64_t addr, uint32_t val, GError **error)
{
    g_autofree char *r = rp_qtest_cmd(q, error, "writel 0x%" G_GINT64_MODIFIER "x 0x%x",
                                      addr, val);

    return r != NULL;
}

gboolean rp_qtest_read(RpQtest *q, uint64_t addr, void *buf, size_t len, GError **error)
{
    g_autofree char *r = NULL;
    uint8_t *out = buf;

    if (len == 0 || len > MAX_CHUNK) {
        g_set_error(error, RP_QTEST_ERROR, 0, "read of %zu bytes (1..%d)", len, MAX_CHUNK);
        return FALSE;
    }
    r = rp_qtest_cmd(q, error, "read 0x%" G_GINT64_MODIFIER "x %zu", addr, len);
    if (!r) {
        return FALSE;
    }
    if (!g_str_has_prefix(r, "0x") || strlen(r) != 2 + 2 * len) {
        g_set_error(error, RP_QTEST_ERROR, 0, "bad read answer '%.40s'", r);
        return FALSE;
    }
    for (size_t i = 0; i < len; i++) {
        int hi = g_ascii_xdigit_value(r[2 + 2 * i]), lo = g_ascii_xdigit_value(r[3 + 2 * i]);

        if (hi < 0 || lo < 0) {
            g_set_error(error, RP_QTEST_ERROR, 0, "bad read answer '%.40s'", r);
            return FALSE;
        }
        out[i] = hi << 4 | lo;
    }
    return TRUE;
}

gboolean rp_qtest_write(RpQtest *q, uint64_t addr, const void *buf, size_t len,
                        GError **error)
{
    g_autoptr(GString) hex = g_string_sized_new(2 * len + 2);
    g_autofree char *r = NULL;
    const uint8_t *in = buf;

    if (len == 0 || len > MAX_CHUNK) {
        g_set_error(error, RP_QTEST_ERROR, 0, "write of %zu bytes (1..%d)", len, MAX_CHUNK);
        return FALSE;
    }
    g_string_append(hex, "0x");
    for (size_t i = 0; i < len; i++) {
        g_string_append_printf(hex, "%02x", in[i]);
    }
    r = rp_qtest_cmd(q, error, "write 0x%" G_GINT64_MODIFIER "x %zu %s", addr, len, hex->str);
    return r != NULL;
}

gboolean rp_qtest_irq_intercept_out(RpQtest *q, const char *path, const char *name,
                                    GError **error)
{
    g_autofree char *r = rp_qtest_cmd(q, error, "irq_intercept_out %s %s", path, name);

    return r != NULL;
}

int rp_qtest_irq(RpQtest *q, unsigned n)
{
    return n < RP_QTEST_MAX_IRQS ? q->irq[n] : 0;
}

unsigned rp_qtest_irq_raises(RpQtest *q, unsigned n)
{
    return n < RP_QTEST_MAX_IRQS ? q->raises[n] : 0;
}

gboolean rp_qtest_clock_step(RpQtest *q, int64_t ns, GError **error)
{
    g_autofree char *r = rp_qtest_cmd(q, error, "clock_step %" G_GINT64_FORMAT, ns);

    return r != NULL;
}
