/*
 * rprocsim firmware library: the remoteproc trace buffer, a text ring the
 * firmware writes lines into and Linux shows as debugfs
 * remoteproc/remoteprocN/trace0 (remoteproc_debugfs.c rproc_trace_read(),
 * Linux 6.12: the text up to the first NUL, at most the entry's len bytes).
 *
 * Lines are appended, each ending in '\n', and the text is always
 * NUL-terminated. A line that does not fit behind the last one starts the
 * buffer again from offset 0, so the reader sees the newest lines since the
 * last wrap.
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_TRACE_H
#define RPROCSIM_FW_TRACE_H

#include <stdint.h>

struct rp_trace {
    char *buf;              /* the buffer the resource table's trace entry names */
    uint32_t size;          /* its len, bytes: at least 3 */
    uint32_t at;            /* where the next line goes; buf[at] is the NUL */
    uint32_t wraps;         /* times a line restarted the buffer */
};

/* Use the @size bytes at @buf (borrowed for good) as @t, emptied (zeroed). */
void rp_trace_init(struct rp_trace *t, char *buf, uint32_t size);

/*
 * Append @line (NUL-terminated, without its '\n') and a '\n'; a line longer
 * than the buffer holds (size - 2 bytes) is cut.
 */
void rp_trace_line(struct rp_trace *t, const char *line);

#endif /* RPROCSIM_FW_TRACE_H */
