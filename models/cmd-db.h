/*
 * rprocsim models: the command DB (cmd-db) the AOP publishes: which RPMh
 * resources exist, their addresses, and their auxiliary data (voltage
 * level tables for ARC resources, BCM units). Layout as
 * drivers/soc/qcom/cmd-db.c (Linux 6.12) reads it; the sc7280 table holds
 * every resource rpmhpd and clk-rpmh look up at probe. See docs/power.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_CMD_DB_H
#define RPROCSIM_MODELS_CMD_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CMD_DB_MAGIC            0x0c0330dbu     /* bytes DB 30 03 0C */
#define CMD_DB_MAX_SLAVES       8
#define CMD_DB_HEADER_SIZE      0x90            /* entries and aux follow */
#define CMD_DB_ENTRY_SIZE       24
#define CMD_DB_ID_LEN           8

/* Slave id of a resource address: bits 18:16 */
#define CMD_DB_SLAVE_ARC        3
#define CMD_DB_SLAVE_VRM        4
#define CMD_DB_SLAVE_BCM        5

typedef struct CmdDbEntry {
    const char *id;         /* at most 8 characters, e.g. "cx.lvl" */
    uint32_t addr;          /* RPMh address; (addr >> 16) & 7 is the slave id */
    const void *aux;        /* auxiliary data, may be NULL */
    uint16_t aux_len;
} CmdDbEntry;

static inline unsigned cmd_db_slave(uint32_t addr)
{
    return (addr >> 16) & 7;
}

/* The sc7280 resources (rpmhpd and clk-rpmh). *@n gets the count. */
const CmdDbEntry *cmd_db_sc7280(unsigned *n);

/*
 * Write the cmd-db blob for @entries into @buf (@size bytes, zeroed first).
 * Returns the bytes used, or 0 with a message in @err if an id is longer
 * than 8 characters, entries of more than 8 slave types are given, an
 * address has slave id 0, or the blob does not fit.
 */
size_t cmd_db_build(uint8_t *buf, size_t size, const CmdDbEntry *entries,
                    unsigned n, char *err, size_t err_len);

/* The entry whose resource covers vote address @addr (addr & ~0xf), or NULL. */
const CmdDbEntry *cmd_db_lookup_addr(const CmdDbEntry *entries, unsigned n,
                                     uint32_t addr);

#endif /* RPROCSIM_MODELS_CMD_DB_H */
