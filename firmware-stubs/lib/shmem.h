/*
 * rprocsim firmware library: word access to shared memory and the hardware
 * mutex, as the remote side (a subsystem's firmware) sees them.
 *
 * Freestanding C: compiled for the stand-in cores (clang, no libc) and for
 * the host (tests, test harnesses). The firmware backs these with direct
 * loads and stores; a host harness may back them with anything (a buffer,
 * QEMU's qtest protocol).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_SHMEM_H
#define RPROCSIM_FW_SHMEM_H

#include <stddef.h>
#include <stdint.h>

/* Error returns of the library (negated errno values, as Linux uses) */
#define RP_OK           0
#define RP_ENOENT       (-2)
#define RP_EIO          (-5)
#define RP_ENOMEM       (-12)
#define RP_EBUSY        (-16)
#define RP_EEXIST       (-17)
#define RP_EINVAL       (-22)

/* A shared memory region, addressed by byte offset (4-byte aligned access only) */
struct rp_shmem {
    uint32_t (*read32)(void *ctx, uint32_t offset);
    void (*write32)(void *ctx, uint32_t offset, uint32_t value);
    /* make every earlier write visible before any later one */
    void (*barrier)(void *ctx);
    void *ctx;
    uint32_t size;          /* bytes */
};

/* A hardware mutex lock (TCSR mutex): take by writing the owner id, reading back */
struct rp_hwlock {
    int (*trylock)(void *ctx);  /* 1 when taken */
    void (*unlock)(void *ctx);
    void *ctx;
    uint32_t max_tries;         /* give up with RP_EBUSY after this many tries */
};

/* Take @lock, trying at most lock->max_tries times. RP_OK or RP_EBUSY. */
int rp_hwlock_take(const struct rp_hwlock *lock);

/* Store the bytes of @s (NUL-padded to @len, a multiple of 4) at @off */
void rp_shmem_put_name(const struct rp_shmem *m, uint32_t off, const char *s, uint32_t len);

/* True if the @len bytes at @off equal @s NUL-padded to @len */
int rp_shmem_name_is(const struct rp_shmem *m, uint32_t off, const char *s, uint32_t len);

#endif /* RPROCSIM_FW_SHMEM_H */
