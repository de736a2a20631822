/*
 * rprocsim: the stand-in cores' debug UART (hw/debug-uart.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "hw/rprocsim/hw/debug-uart.h"

bool rprocsim_uart_put(CharBackend *be, GString *line, uint8_t c)
{
    if (qemu_chr_fe_backend_connected(be)) {
        qemu_chr_fe_write_all(be, &c, 1);
    }
    if (c != '\n' && c != '\r') {
        g_string_append_c(line, c);
    }
    return c == '\n' || line->len >= RPROCSIM_UART_LINE_MAX;
}
