/*
 * rprocsim firmware library: the run-time routines the compiler may call
 * even in freestanding code (a loop that clears or copies memory becomes a
 * call), for every firmware image. Freestanding only: the host tests use
 * their libc's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
void *memset(void *s, int c, unsigned int n)
{
    unsigned char *p = s;

    while (n--) {
        *p++ = (unsigned char)c;
    }
    return s;
}

void *memcpy(void *d, const void *s, unsigned int n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}
