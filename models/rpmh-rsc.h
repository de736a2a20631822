/*
 * rprocsim models: the application processor's RPMh resource state
 * coordinator (RSC), DRV 2, register layout v2.7 as drivers/soc/qcom/
 * rpmh-rsc.c (Linux 6.12) uses it: 2 active, 3 sleep and 3 wake TCSes of
 * 16 commands. Triggering an active TCS applies its commands at once
 * (the votes are recorded) and completes it: IRQ_STATUS gets the TCS's bit
 * if enabled, and the interrupt is high while IRQ_STATUS & IRQ_ENABLE.
 * See docs/power.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_RPMH_RSC_H
#define RPROCSIM_MODELS_RPMH_RSC_H

#include <stdbool.h>
#include <stdint.h>

#define RSC_DRV_ID_VALUE        0x00020700u     /* major 2: v2.7 layout */
#define RSC_SOLVER_CONFIG_VALUE 0x01000000u     /* hardware solver present */
#define RSC_NUM_TCS             8
#define RSC_NUM_ACTIVE          2               /* TCS 0-1 active, 2-4 sleep, 5-7 wake */
#define RSC_NUM_SLEEP           3
#define RSC_CMDS_PER_TCS        16
#define RSC_PRNT_CHLD_VALUE     ((RSC_CMDS_PER_TCS << 27) | (RSC_NUM_TCS << 12))
#define RSC_MAX_RESOURCES       64

/* Register offsets from the DRV base */
#define RSC_DRV_ID              0x000
#define RSC_SOLVER_CONFIG       0x004
#define RSC_PRNT_CHLD_CONFIG    0x00c
#define RSC_TCS_BASE            0xd00
#define RSC_IRQ_ENABLE          (RSC_TCS_BASE + 0x00)
#define RSC_IRQ_STATUS          (RSC_TCS_BASE + 0x04)
#define RSC_IRQ_CLEAR           (RSC_TCS_BASE + 0x08)
#define RSC_TCS_STRIDE          0x2a0
#define RSC_TCS_CONTROL         0x14
#define RSC_TCS_CMD_ENABLE      0x1c
#define RSC_CMD_BASE            0x30
#define RSC_CMD_STRIDE          0x14
#define RSC_CMD_MSGID           0x00
#define RSC_CMD_ADDR            0x04
#define RSC_CMD_DATA            0x08
#define RSC_CONTROL_AMC_MODE    (1u << 16)
#define RSC_CONTROL_TRIGGER     (1u << 24)

typedef struct RscTcs {
    uint32_t control;
    uint32_t cmd_enable;
    uint32_t msgid[RSC_CMDS_PER_TCS];
    uint32_t addr[RSC_CMDS_PER_TCS];
    uint32_t data[RSC_CMDS_PER_TCS];
} RscTcs;

/* The last active value written to each resource address */
typedef struct RscVote {
    uint32_t addr;
    uint32_t data;
    uint32_t count;         /* how many times it was voted */
} RscVote;

typedef struct RscState {
    uint32_t irq_enable;
    uint32_t irq_status;
    uint32_t ctl[4];        /* control TCS data words (0x38, 0x3c, 0x40, 0x44) */
    RscTcs tcs[RSC_NUM_TCS];
    RscVote vote[RSC_MAX_RESOURCES];
    uint32_t nvotes;
    uint32_t triggers;
} RscState;

void rsc_reset(RscState *s);

/*
 * Register read at @offset. *@ok is false (and 0 returned) for offsets
 * that are no register.
 */
uint32_t rsc_read(const RscState *s, uint32_t offset, bool *ok);

/*
 * Register write. Returns the index of a TCS this write triggered (its
 * votes applied, completion latched), -1 if none; *@ok false for offsets
 * that are no register or read-only.
 */
int rsc_write(RscState *s, uint32_t offset, uint32_t value, bool *ok);

/* Level of the DRV's interrupt. */
bool rsc_irq_level(const RscState *s);

/* The recorded vote for resource address @addr, or NULL. */
const RscVote *rsc_vote(const RscState *s, uint32_t addr);

#endif /* RPROCSIM_MODELS_RPMH_RSC_H */
