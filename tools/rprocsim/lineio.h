/*
 * rprocsim: line-oriented I/O on the sockets QEMU connects to (qtest, QMP).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_LINEIO_H
#define RPROCSIM_LINEIO_H

#include <glib.h>

#define RP_LINEIO_ERROR (rp_lineio_error_quark())
GQuark rp_lineio_error_quark(void);

/*
 * The next complete line read from @fd (without its newline; caller frees),
 * using @buf to keep what follows it, waiting at most until @deadline
 * (monotonic microseconds). NULL with @error set on timeout or a closed
 * socket.
 */
char *rp_read_line(int fd, GString *buf, gint64 deadline, GError **error);

/* Write all of @text to @fd. FALSE with @error set on failure. */
gboolean rp_write_all(int fd, const char *text, GError **error);

#endif /* RPROCSIM_LINEIO_H */
