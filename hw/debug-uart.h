/*
 * rprocsim: the debug UART of the stand-in cores' control blocks (the
 * Q6SS block's and the R5F control block's UART_TX register): each byte
 * written goes to the block's chardev, if it has one, and into a line
 * buffer whose complete lines the block traces.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_DEBUG_UART_H
#define RPROCSIM_HW_DEBUG_UART_H

#include "chardev/char-fe.h"

/* Longest line traced in one piece; longer output is traced in pieces */
#define RPROCSIM_UART_LINE_MAX  200

/*
 * Byte @c written to the UART: to @be if a backend is connected (blocking
 * write, as the control blocks have no FIFO), and into @line ('\r' and
 * '\n' not kept). True when @line is complete (a '\n', or
 * RPROCSIM_UART_LINE_MAX bytes): the caller traces it and empties it
 * (g_string_truncate(line, 0)).
 */
bool rprocsim_uart_put(CharBackend *be, GString *line, uint8_t c);

#endif /* RPROCSIM_HW_DEBUG_UART_H */
