/*
 * rprocsim firmware library: the remoteproc trace buffer (trace.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "trace.h"

void rp_trace_init(struct rp_trace *t, char *buf, uint32_t size)
{
    t->buf = buf;
    t->size = size;
    t->at = 0;
    t->wraps = 0;
    for (uint32_t i = 0; i < size; i++) {
        buf[i] = '\0';
    }
}

void rp_trace_line(struct rp_trace *t, const char *line)
{
    uint32_t n = 0;

    while (line[n] && n + 2 < t->size) {
        n++;
    }
    if (t->at + n + 2 > t->size) {
        t->at = 0;
        t->wraps++;
    }
    /* the NUL goes first, so a reader never sees the line without its end */
    t->buf[t->at + n + 1] = '\0';
    for (uint32_t i = 0; i < n; i++) {
        t->buf[t->at + i] = line[i];
    }
    t->buf[t->at + n] = '\n';
    t->at += n + 1;
}
