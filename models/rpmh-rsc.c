/*
 * rprocsim models: RPMh RSC (DRV 2) register model.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rpmh-rsc.h"

#include <string.h>

void rsc_reset(RscState *s)
{
    memset(s, 0, sizeof(*s));
}

/*
 * Decode a TCS register: *@tcs, and for command registers *@cmd and the
 * register within the command (*@reg), else *@cmd = -1 and *@reg the TCS
 * register offset. False if @offset is not inside a TCS.
 */
static bool decode_tcs(uint32_t offset, unsigned *tcs, int *cmd, uint32_t *reg)
{
    uint32_t rel;

    if (offset < RSC_TCS_BASE + 0x10 ||
        offset >= RSC_TCS_BASE + RSC_NUM_TCS * RSC_TCS_STRIDE) {
        return false;
    }
    *tcs = (offset - RSC_TCS_BASE) / RSC_TCS_STRIDE;
    rel = (offset - RSC_TCS_BASE) % RSC_TCS_STRIDE;
    if (rel >= RSC_CMD_BASE && rel < RSC_CMD_BASE + RSC_CMDS_PER_TCS * RSC_CMD_STRIDE) {
        *cmd = (rel - RSC_CMD_BASE) / RSC_CMD_STRIDE;
        *reg = (rel - RSC_CMD_BASE) % RSC_CMD_STRIDE;
        return *reg == RSC_CMD_MSGID || *reg == RSC_CMD_ADDR || *reg == RSC_CMD_DATA;
    }
    *cmd = -1;
    *reg = rel;
    return rel == RSC_TCS_CONTROL || rel == RSC_TCS_CMD_ENABLE;
}

uint32_t rsc_read(const RscState *s, uint32_t offset, bool *ok)
{
    unsigned t;
    int cmd;
    uint32_t reg;

    *ok = true;
    switch (offset) {
    case RSC_DRV_ID:
        return RSC_DRV_ID_VALUE;
    case RSC_SOLVER_CONFIG:
        return RSC_SOLVER_CONFIG_VALUE;
    case RSC_PRNT_CHLD_CONFIG:
        return RSC_PRNT_CHLD_VALUE;
    case RSC_IRQ_ENABLE:
        return s->irq_enable;
    case RSC_IRQ_STATUS:
        return s->irq_status;
    case 0x38: case 0x3c: case 0x40: case 0x44:
        return s->ctl[(offset - 0x38) / 4];
    }
    if (!decode_tcs(offset, &t, &cmd, &reg)) {
        *ok = false;
        return 0;
    }
    if (cmd < 0) {
        return reg == RSC_TCS_CONTROL ? s->tcs[t].control : s->tcs[t].cmd_enable;
    }
    switch (reg) {
    case RSC_CMD_MSGID:
        return s->tcs[t].msgid[cmd];
    case RSC_CMD_ADDR:
        return s->tcs[t].addr[cmd];
    default:
        return s->tcs[t].data[cmd];
    }
}

static void record_vote(RscState *s, uint32_t addr, uint32_t data)
{
    for (uint32_t i = 0; i < s->nvotes; i++) {
        if (s->vote[i].addr == addr) {
            s->vote[i].data = data;
            s->vote[i].count++;
            return;
        }
    }
    if (s->nvotes < RSC_MAX_RESOURCES) {
        s->vote[s->nvotes++] = (RscVote){ addr, data, 1 };
    }
}

/* An active TCS was triggered: apply its enabled commands, complete it. */
static void trigger(RscState *s, unsigned t)
{
    for (unsigned c = 0; c < RSC_CMDS_PER_TCS; c++) {
        if (s->tcs[t].cmd_enable & (1u << c)) {
            record_vote(s, s->tcs[t].addr[c], s->tcs[t].data[c]);
        }
    }
    s->triggers++;
    if (s->irq_enable & (1u << t)) {
        s->irq_status |= 1u << t;
    }
}

int rsc_write(RscState *s, uint32_t offset, uint32_t value, bool *ok)
{
    unsigned t;
    int cmd;
    uint32_t reg, old;

    *ok = true;
    switch (offset) {
    case RSC_IRQ_ENABLE:
        s->irq_enable = value & ((1u << RSC_NUM_TCS) - 1);
        return -1;
    case RSC_IRQ_CLEAR:
        s->irq_status &= ~value;
        return -1;
    case 0x38: case 0x3c: case 0x40: case 0x44:
        s->ctl[(offset - 0x38) / 4] = value;
        return -1;
    }
    if (!decode_tcs(offset, &t, &cmd, &reg)) {
        *ok = false;
        return -1;
    }
    if (cmd >= 0) {
        uint32_t *r = reg == RSC_CMD_MSGID ? s->tcs[t].msgid :
                      reg == RSC_CMD_ADDR ? s->tcs[t].addr : s->tcs[t].data;

        r[cmd] = value;
        return -1;
    }
    if (reg == RSC_TCS_CMD_ENABLE) {
        s->tcs[t].cmd_enable = value & ((1u << RSC_CMDS_PER_TCS) - 1);
        return -1;
    }
    old = s->tcs[t].control;
    s->tcs[t].control = value;
    /* __tcs_set_trigger(): TRIGGER goes 0 -> 1 while AMC mode is set */
    if (t < RSC_NUM_ACTIVE && (value & RSC_CONTROL_AMC_MODE) &&
        (value & RSC_CONTROL_TRIGGER) && !(old & RSC_CONTROL_TRIGGER)) {
        trigger(s, t);
        return t;
    }
    return -1;
}

bool rsc_irq_level(const RscState *s)
{
    return (s->irq_status & s->irq_enable) != 0;
}

const RscVote *rsc_vote(const RscState *s, uint32_t addr)
{
    for (uint32_t i = 0; i < s->nvotes; i++) {
        if (s->vote[i].addr == addr) {
            return &s->vote[i];
        }
    }
    return NULL;
}
