/*
 * libFuzzer target: the fault text parser (models/fault-spec.c) on any
 * string. Aborts if a parse that succeeds leaves the message without its
 * NUL or writes beyond it, or if formatting what it parsed does not parse
 * back to the same fault.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fault-spec.h"

static const char *const names[] = { "none", "hang", "crash", "no-echo" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *spec = g_strndup((const char *)data, size);
    char msg[17], again[17];
    uint32_t arg = 0, arg2 = 0;
    int action;

    memset(msg, 0x55, sizeof(msg));
    action = rp_fault_spec_parse(spec, names, 4, &arg, msg, 16, NULL);
    if (action < 0) {
        return 0;
    }
    if (action >= 4 || msg[15] != '\0' || msg[16] != 0x55) {
        abort();
    }
    {
        g_autofree char *text = rp_fault_spec_format(names, 4, action, arg, msg, 16);

        if (rp_fault_spec_parse(text, names, 4, &arg2, again, 16, NULL) != action ||
            arg2 != arg || strcmp(again, msg)) {
            abort();
        }
    }
    return 0;
}
