/*
 * rprocsim firmware library: shared-memory helpers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "shmem.h"

int rp_hwlock_take(const struct rp_hwlock *lock)
{
    for (uint32_t i = 0; i < lock->max_tries; i++) {
        if (lock->trylock(lock->ctx)) {
            return RP_OK;
        }
    }
    return RP_EBUSY;
}

/* Little-endian word @w (bytes w*4 .. w*4+3) of @s NUL-padded, stopping at the NUL */
static uint32_t name_word(const char *s, uint32_t w, int *ended)
{
    uint32_t v = 0;

    for (uint32_t b = 0; b < 4; b++) {
        uint32_t c = 0;

        if (!*ended) {
            c = (uint8_t)s[w * 4 + b];
            if (c == 0) {
                *ended = 1;
            }
        }
        v |= c << (8 * b);
    }
    return v;
}

void rp_shmem_put_name(const struct rp_shmem *m, uint32_t off, const char *s, uint32_t len)
{
    int ended = 0;

    for (uint32_t w = 0; w < len / 4; w++) {
        m->write32(m->ctx, off + 4 * w, name_word(s, w, &ended));
    }
}

int rp_shmem_name_is(const struct rp_shmem *m, uint32_t off, const char *s, uint32_t len)
{
    int ended = 0;

    for (uint32_t w = 0; w < len / 4; w++) {
        if (m->read32(m->ctx, off + 4 * w) != name_word(s, w, &ended)) {
            return 0;
        }
    }
    return 1;
}
