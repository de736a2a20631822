/*
 * rprocsim firmware library: bounded text building for the firmware's
 * UART lines, crash reasons and trace lines, with no libc. Every function
 * appends to @buf at *@at, never writes at or past @len, advances *@at and
 * leaves @buf NUL-terminated (so @len must be at least 1).
 *
 * Freestanding C: compiled for the stand-in cores and for the host tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_TEXT_H
#define RPROCSIM_FW_TEXT_H

#include <stdint.h>

/* Append the NUL-terminated @s, truncated to what fits */
void rp_text_put_str(char *buf, uint32_t *at, uint32_t len, const char *s);

/* Append @v as 8 lower-case hex digits (no "0x"), truncated to what fits */
void rp_text_put_hex(char *buf, uint32_t *at, uint32_t len, uint32_t v);

/* Append @v in decimal, no leading zeros, truncated to what fits */
void rp_text_put_dec(char *buf, uint32_t *at, uint32_t len, uint32_t v);

/*
 * Copy the NUL-terminated text held in the little-endian 32-bit @words (a
 * register window such as the Q6SS or R5F control block FAULT_MSG, @max
 * bytes long, a multiple of 4, read one word at a time with volatile loads)
 * into @buf of @len bytes (at least 1), NUL-terminated; text longer than
 * fits is cut.
 */
void rp_text_from_words(char *buf, uint32_t len, const volatile uint32_t *words, uint32_t max);

#endif /* RPROCSIM_FW_TEXT_H */
