/*
 * rprocsim models: refusals.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "error.h"

#include <glib.h>
#include <stdarg.h>

bool rp_error_set(RpError *err, int code, int segment, const char *fmt, ...)
{
    va_list ap;

    if (err) {
        err->code = code;
        err->segment = segment;
        va_start(ap, fmt);
        g_vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
        va_end(ap);
    }
    return false;
}

void rp_error_clear(RpError *err)
{
    if (err) {
        err->code = 0;
        err->segment = -1;
        err->detail[0] = '\0';
    }
}
