/*
 * rprocsim firmware library: bounded text building (text.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "text.h"

void rp_text_put_str(char *buf, uint32_t *at, uint32_t len, const char *s)
{
    while (*s && *at + 1 < len) {
        buf[(*at)++] = *s++;
    }
    buf[*at] = '\0';
}

void rp_text_put_hex(char *buf, uint32_t *at, uint32_t len, uint32_t v)
{
    static const char digits[] = "0123456789abcdef";

    for (int shift = 28; shift >= 0; shift -= 4) {
        if (*at + 1 < len) {
            buf[(*at)++] = digits[(v >> shift) & 0xf];
        }
    }
    buf[*at] = '\0';
}

void rp_text_put_dec(char *buf, uint32_t *at, uint32_t len, uint32_t v)
{
    char digits[10];
    int n = 0;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n > 0 && *at + 1 < len) {
        buf[(*at)++] = digits[--n];
    }
    buf[*at] = '\0';
}

void rp_text_from_words(char *buf, uint32_t len, const volatile uint32_t *words, uint32_t max)
{
    uint32_t i = 0;

    for (; i + 1 < len && i < max; i += 4) {
        uint32_t w = words[i / 4];

        for (uint32_t b = 0; b < 4 && i + b + 1 < len; b++) {
            buf[i + b] = (char)(w >> (8 * b));
        }
    }
    buf[i < len ? i : len - 1] = '\0';
}
