/*
 * rprocsim: line-oriented socket I/O.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "lineio.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

G_DEFINE_QUARK(rp-lineio-error-quark, rp_lineio_error)

char *rp_read_line(int fd, GString *buf, gint64 deadline, GError **error)
{
    for (;;) {
        char *nl = memchr(buf->str, '\n', buf->len);
        struct pollfd p = { .fd = fd, .events = POLLIN };
        gint64 now = g_get_monotonic_time();
        char chunk[4096];
        ssize_t n;

        if (nl) {
            char *line = g_strndup(buf->str, nl - buf->str);

            g_string_erase(buf, 0, nl - buf->str + 1);
            return line;
        }
        if (now >= deadline) {
            g_set_error(error, RP_LINEIO_ERROR, 0, "no answer in time");
            return NULL;
        }
        if (poll(&p, 1, (deadline - now) / 1000 + 1) < 0 && errno != EINTR) {
            g_set_error(error, RP_LINEIO_ERROR, 0, "poll: %s", g_strerror(errno));
            return NULL;
        }
        if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) {
            continue;
        }
        n = read(fd, chunk, sizeof(chunk));
        if (n <= 0) {
            g_set_error(error, RP_LINEIO_ERROR, 0, "connection closed");
            return NULL;
        }
        g_string_append_len(buf, chunk, n);
    }
}

gboolean rp_write_all(int fd, const char *text, GError **error)
{
    size_t off = 0, len = strlen(text);

    while (off < len) {
        /* a closed peer is an error here, not SIGPIPE */
        ssize_t n = send(fd, text + off, len - off, MSG_NOSIGNAL);

        if (n < 0 && errno == ENOTSOCK) {
            n = write(fd, text + off, len - off);
        }

        if (n < 0 && errno != EINTR) {
            g_set_error(error, RP_LINEIO_ERROR, 0, "write: %s", g_strerror(errno));
            return FALSE;
        }
        off += n > 0 ? (size_t)n : 0;
    }
    return TRUE;
}
