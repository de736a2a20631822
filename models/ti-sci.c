/*
 * rprocsim models: the DMSC's TI-SCI service.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ti-sci.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "rprocsim/bytes.h"

/* One request being handled */
typedef struct Ctx {
    TiSciState *s;
    const TiSciOps *ops;
    void *opaque;
    uint8_t host;               /* the header's (checked against the channel) */
    const uint8_t *req;
    uint8_t *resp;
    size_t resp_len;
    TiSciReport *rep;
} Ctx;

typedef bool (*Handler)(Ctx *c);

typedef struct MsgInfo {
    uint16_t type;
    TiSciKind kind;
    const char *name;
    size_t size;                /* the request's length at least */
    Handler fn;
} MsgInfo;

static bool nack(Ctx *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static bool nack(Ctx *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_vsnprintf(c->rep->reason, sizeof(c->rep->reason), fmt, ap);
    va_end(ap);
    return false;
}

static void set_resp_len(Ctx *c, size_t len)
{
    c->resp_len = len;
}

/* Devices */

/* Index of device @id in the table, -1 if unknown */
static int device_index(const TiSciState *s, uint32_t id)
{
    for (unsigned i = 0; i < s->ndevices; i++) {
        if (s->dev[i].id == id) {
            return (int)i;
        }
    }
    return -1;
}

TiSciDevice *ti_sci_device(TiSciState *s, uint32_t id)
{
    int i = device_index(s, id);

    return i < 0 ? NULL : &s->dev[i];
}

TiSciProc *ti_sci_proc(TiSciState *s, uint8_t proc_id)
{
    for (unsigned i = 0; i < s->nprocs; i++) {
        if (s->proc[i].id == proc_id) {
            return &s->proc[i];
        }
    }
    return NULL;
}

/*
 * Recompute which devices have power and tell the owner of each change.
 * Parents come before their children in the table (ti_sci_add_device()),
 * so one pass in order sees each parent settled.
 */
static void update_power(TiSciState *s, const TiSciOps *ops, void *opaque)
{
    for (unsigned i = 0; i < s->ndevices; i++) {
        TiSciDevice *d = &s->dev[i];
        bool parent_on = d->parent == TI_SCI_NO_PARENT || s->dev[d->parent].powered;
        bool on = d->programmed == TI_SCI_DEV_SW_STATE_ON && parent_on;

        if (on == d->powered) {
            continue;
        }
        d->powered = on;
        if (!on) {
            d->context_loss++;
        }
        if (ops && ops->module) {
            ops->module(opaque, d->id, on);
        }
    }
}

static TiSciDevice *find_device(Ctx *c, uint32_t id)
{
    TiSciDevice *d = ti_sci_device(c->s, id);

    c->rep->id = id;
    if (!d) {
        nack(c, "device %u is not simulated", id);
    }
    return d;
}

/* The host holds @d exclusively, or nobody does */
static bool may_control(Ctx *c, const TiSciDevice *d)
{
    if (d->exclusive && d->owner != c->host) {
        return nack(c, "device %u is held exclusively by host %u", d->id, d->owner);
    }
    return true;
}

static bool set_device_state(Ctx *c)
{
    uint32_t flags = rp_le32(c->req + TI_SCI_HDR_FLAGS);
    uint8_t state = c->req[TI_SCI_SET_DEV_STATE];
    TiSciDevice *d = find_device(c, rp_le32(c->req + TI_SCI_SET_DEV_ID));

    if (!d || !may_control(c, d)) {
        return false;
    }
    if (state > TI_SCI_DEV_SW_STATE_ON) {
        return nack(c, "state %u of device %u is not a software state", state, d->id);
    }
    if ((flags & TI_SCI_FLAG_DEVICE_EXCLUSIVE) && state != TI_SCI_DEV_SW_STATE_AUTO_OFF &&
        d->programmed != TI_SCI_DEV_SW_STATE_AUTO_OFF && d->owner != c->host) {
        return nack(c, "device %u is already on for host %u: no exclusive claim",
                    d->id, d->owner);
    }
    d->programmed = state;
    if (state == TI_SCI_DEV_SW_STATE_AUTO_OFF) {
        d->owner = TI_SCI_NO_HOST;
        d->exclusive = false;
    } else {
        d->owner = c->host;
        d->exclusive = d->exclusive || (flags & TI_SCI_FLAG_DEVICE_EXCLUSIVE);
    }
    update_power(c->s, c->ops, c->opaque);
    return true;
}

static bool get_device_state(Ctx *c)
{
    TiSciDevice *d = find_device(c, rp_le32(c->req + TI_SCI_GET_DEV_ID));

    if (!d) {
        return false;
    }
    rp_put_le32(c->resp + TI_SCI_GET_DEV_CONTEXT_LOSS, d->context_loss);
    rp_put_le32(c->resp + TI_SCI_GET_DEV_RESETS, d->resets);
    c->resp[TI_SCI_GET_DEV_PROGRAMMED] = d->programmed;
    c->resp[TI_SCI_GET_DEV_CURRENT] = d->powered ? TI_SCI_DEV_HW_STATE_ON
                                                 : TI_SCI_DEV_HW_STATE_OFF;
    set_resp_len(c, TI_SCI_GET_DEV_RESP_SIZE);
    return true;
}

static bool set_device_resets(Ctx *c)
{
    uint32_t resets = rp_le32(c->req + TI_SCI_SET_RESETS_RESETS);
    TiSciDevice *d = find_device(c, rp_le32(c->req + TI_SCI_SET_RESETS_ID));
    uint32_t old;

    if (!d || !may_control(c, d)) {
        return false;
    }
    old = d->resets;
    d->resets = resets;
    if (((old ^ resets) & TI_SCI_RESET_LOCAL) && c->ops && c->ops->local_reset) {
        c->ops->local_reset(c->opaque, d->id, resets & TI_SCI_RESET_LOCAL);
    }
    return true;
}

/* Processors */

static TiSciProc *find_proc(Ctx *c, bool owned)
{
    uint8_t id = c->req[TI_SCI_PROC_ID];
    TiSciProc *p = ti_sci_proc(c->s, id);

    c->rep->id = id;
    if (!p) {
        nack(c, "processor %u is not simulated", id);
        return NULL;
    }
    if (owned && p->owner != c->host) {
        nack(c, "processor %u is owned by host %u, not by host %u", id, p->owner,
             c->host);
        return NULL;
    }
    return p;
}

static bool proc_request(Ctx *c)
{
    TiSciProc *p = find_proc(c, false);

    if (!p) {
        return false;
    }
    if (p->owner != TI_SCI_NO_HOST && p->owner != c->host) {
        return nack(c, "processor %u is owned by host %u", p->id, p->owner);
    }
    p->owner = c->host;
    return true;
}

static bool proc_release(Ctx *c)
{
    TiSciProc *p = find_proc(c, true);

    if (!p) {
        return false;
    }
    p->owner = TI_SCI_NO_HOST;
    return true;
}

static bool proc_handover(Ctx *c)
{
    uint8_t to = c->req[TI_SCI_PROC_HANDOVER_HOST];
    TiSciProc *p = find_proc(c, true);

    if (!p) {
        return false;
    }
    if (to == TI_SCI_NO_HOST) {
        return nack(c, "processor %u cannot be handed over to host %u", p->id, to);
    }
    p->owner = to;
    return true;
}

/* Whether @p is the first processor of its cluster (its device's parent) */
static bool first_in_cluster(const TiSciState *s, const TiSciProc *p)
{
    int d = device_index(s, p->dev_id);

    for (unsigned i = 0; d >= 0 && i < s->nprocs; i++) {
        int o = device_index(s, s->proc[i].dev_id);

        if (o >= 0 && s->dev[o].parent == s->dev[d].parent) {
            return &s->proc[i] == p;
        }
    }
    return true;
}

static bool set_config(Ctx *c)
{
    uint32_t set = rp_le32(c->req + TI_SCI_SET_CONFIG_SET);
    uint32_t clr = rp_le32(c->req + TI_SCI_SET_CONFIG_CLR);
    uint64_t bv = rp_le32(c->req + TI_SCI_SET_CONFIG_BV_LO) |
                  (uint64_t)rp_le32(c->req + TI_SCI_SET_CONFIG_BV_HI) << 32;
    TiSciProc *p = find_proc(c, true);

    if (!p) {
        return false;
    }
    if ((set | clr) & ~TI_SCI_R5_CFG_ALL) {
        return nack(c, "processor %u: config flags 0x%x are not defined", p->id,
                    (set | clr) & ~TI_SCI_R5_CFG_ALL);
    }
    /* split-only cluster: no LOCKSTEP_PERMITTED in the status, LOCKSTEP read-only */
    if (set & TI_SCI_R5_CFG_LOCKSTEP) {
        return nack(c, "processor %u: lockstep is not permitted", p->id);
    }
    if ((set & TI_SCI_R5_CFG_SINGLE_CORE) && !first_in_cluster(c->s, p)) {
        return nack(c, "processor %u: single-core is only configurable on core 0",
                    p->id);
    }
    p->cfg = (p->cfg & ~clr) | set;
    p->boot_vector = bv;
    if (c->ops && c->ops->boot_vector) {
        c->ops->boot_vector(c->opaque, p->id, bv);
    }
    return true;
}

static bool set_ctrl(Ctx *c)
{
    uint32_t set = rp_le32(c->req + TI_SCI_SET_CTRL_SET);
    uint32_t clr = rp_le32(c->req + TI_SCI_SET_CTRL_CLR);
    TiSciProc *p = find_proc(c, true);
    uint32_t old;

    if (!p) {
        return false;
    }
    if ((set | clr) & ~TI_SCI_R5_CTRL_ALL) {
        return nack(c, "processor %u: control flags 0x%x are not defined", p->id,
                    (set | clr) & ~TI_SCI_R5_CTRL_ALL);
    }
    old = p->ctrl;
    p->ctrl = (p->ctrl & ~clr) | set;
    if (((old ^ p->ctrl) & TI_SCI_R5_CTRL_CORE_HALT) && c->ops && c->ops->halt) {
        c->ops->halt(c->opaque, p->id, p->ctrl & TI_SCI_R5_CTRL_CORE_HALT);
    }
    return true;
}

static bool get_status(Ctx *c)
{
    TiSciProc *p = find_proc(c, false);
    uint32_t status;

    if (!p) {
        return false;
    }
    status = c->ops && c->ops->status ? c->ops->status(c->opaque, p->id) : 0;
    c->resp[TI_SCI_STATUS_PROC] = p->id;
    rp_put_le32(c->resp + TI_SCI_STATUS_BV_LO, (uint32_t)p->boot_vector);
    rp_put_le32(c->resp + TI_SCI_STATUS_BV_HI, (uint32_t)(p->boot_vector >> 32));
    rp_put_le32(c->resp + TI_SCI_STATUS_CFG, p->cfg);
    rp_put_le32(c->resp + TI_SCI_STATUS_CTRL, p->ctrl);
    rp_put_le32(c->resp + TI_SCI_STATUS_STATUS, status);
    set_resp_len(c, TI_SCI_STATUS_RESP_SIZE);
    return true;
}

/* Generic messages */

static bool version(Ctx *c)
{
    g_strlcpy((char *)c->resp + TI_SCI_VERSION_DESC, TI_SCI_SIM_DESCRIPTION,
              TI_SCI_VERSION_DESC_LEN);
    rp_put_le16(c->resp + TI_SCI_VERSION_FW_REV, TI_SCI_SIM_FW_REV);
    c->resp[TI_SCI_VERSION_ABI_MAJOR] = TI_SCI_SIM_ABI_MAJOR;
    c->resp[TI_SCI_VERSION_ABI_MINOR] = TI_SCI_SIM_ABI_MINOR;
    set_resp_len(c, TI_SCI_VERSION_RESP_SIZE);
    return true;
}

static bool sys_reset(Ctx *c)
{
    if (c->ops && c->ops->sys_reset) {
        c->ops->sys_reset(c->opaque);
    }
    return true;
}

static bool query_fw_caps(Ctx *c)
{
    rp_put_le32(c->resp + TI_SCI_FW_CAPS, TI_SCI_FW_CAPS_GENERIC);
    rp_put_le32(c->resp + TI_SCI_FW_CAPS + 4, 0);
    set_resp_len(c, TI_SCI_FW_CAPS_RESP_SIZE);
    return true;
}

/* Clocks: generic answers */

static uint64_t le64(const uint8_t *p)
{
    return rp_le32(p) | (uint64_t)rp_le32(p + 4) << 32;
}

static void put_le64(uint8_t *p, uint64_t v)
{
    rp_put_le32(p, (uint32_t)v);
    rp_put_le32(p + 4, (uint32_t)(v >> 32));
}

/* The clock named at @id8 (u8) or, when that is 255, at @id32 (u32) */
static uint32_t clock_id(Ctx *c, size_t id8, size_t id32)
{
    uint8_t id = c->req[id8];

    c->rep->id = rp_le32(c->req + TI_SCI_CLK_DEV_ID);
    return id == TI_SCI_CLK_ID_EXTENDED ? rp_le32(c->req + id32) : id;
}

static TiSciClock *clock_slot(TiSciState *s, uint32_t dev, uint32_t clk, bool take)
{
    TiSciClock *k;

    for (unsigned i = 0; i < TI_SCI_CLOCK_SLOTS; i++) {
        if (s->clock[i].hz && s->clock[i].dev_id == dev && s->clock[i].clk_id == clk) {
            return &s->clock[i];
        }
    }
    if (!take) {
        return NULL;
    }
    k = &s->clock[s->clock_next % TI_SCI_CLOCK_SLOTS];
    s->clock_next = (s->clock_next + 1) % TI_SCI_CLOCK_SLOTS;
    k->dev_id = dev;
    k->clk_id = clk;
    return k;
}

static bool clock_msg(Ctx *c)
{
    uint16_t type = rp_le16(c->req + TI_SCI_HDR_TYPE);
    uint32_t dev = rp_le32(c->req + TI_SCI_CLK_DEV_ID);
    uint32_t clk, parent;
    uint64_t min, target, max;
    TiSciClock *k;

    switch (type) {
    case TI_SCI_MSG_SET_CLOCK_STATE:
        clock_id(c, TI_SCI_CLK_ID, TI_SCI_SET_CLK_STATE_ID32);
        if (c->req[TI_SCI_SET_CLK_STATE_REQ] > 2) {
            return nack(c, "clock request state %u is not defined",
                        c->req[TI_SCI_SET_CLK_STATE_REQ]);
        }
        return true;
    case TI_SCI_MSG_GET_CLOCK_STATE:
        clock_id(c, TI_SCI_CLK_ID, TI_SCI_GET_CLK_ID32);
        c->resp[TI_SCI_CLK_STATE_PROGRAMMED] = TI_SCI_CLK_SW_STATE_AUTO;
        c->resp[TI_SCI_CLK_STATE_CURRENT] = TI_SCI_CLK_HW_STATE_READY;
        set_resp_len(c, TI_SCI_CLK_STATE_RESP_SIZE);
        return true;
    case TI_SCI_MSG_SET_CLOCK_PARENT:
        clock_id(c, TI_SCI_CLK_ID, TI_SCI_SET_CLK_PARENT_CLK32);
        return true;
    case TI_SCI_MSG_GET_CLOCK_PARENT:
    case TI_SCI_MSG_GET_NUM_CLOCK_PARENTS:
        /* one parent, numbered after the clock, as TI's clock trees often are */
        clk = clock_id(c, TI_SCI_CLK_ID, TI_SCI_GET_CLK_ID32);
        parent = type == TI_SCI_MSG_GET_NUM_CLOCK_PARENTS ? 1 :
                 clk == UINT32_MAX ? clk : clk + 1;
        c->resp[TI_SCI_CLK_PARENT_RESP] = parent < TI_SCI_CLK_ID_EXTENDED ?
                                          parent : TI_SCI_CLK_ID_EXTENDED;
        rp_put_le32(c->resp + TI_SCI_CLK_PARENT_RESP_ID32, parent);
        set_resp_len(c, TI_SCI_CLK_PARENT_RESP_SIZE);
        return true;
    case TI_SCI_MSG_SET_CLOCK_FREQ:
    case TI_SCI_MSG_QUERY_CLOCK_FREQ:
        clk = clock_id(c, TI_SCI_CLK_FREQ_CLK_ID, TI_SCI_CLK_FREQ_CLK_ID32);
        min = le64(c->req + TI_SCI_CLK_FREQ_MIN);
        target = le64(c->req + TI_SCI_CLK_FREQ_TARGET);
        max = le64(c->req + TI_SCI_CLK_FREQ_MAX);
        if (min > max || target == 0) {
            return nack(c, "clock %u of device %u: no frequency in [%" G_GUINT64_FORMAT
                        ", %" G_GUINT64_FORMAT "] for target %" G_GUINT64_FORMAT,
                        clk, dev, min, max, target);
        }
        target = CLAMP(target, min, max);
        if (type == TI_SCI_MSG_QUERY_CLOCK_FREQ) {
            put_le64(c->resp + TI_SCI_CLK_FREQ_RESP, target);
            set_resp_len(c, TI_SCI_CLK_FREQ_RESP_SIZE);
        } else {
            clock_slot(c->s, dev, clk, true)->hz = target;
        }
        return true;
    case TI_SCI_MSG_GET_CLOCK_FREQ:
        clk = clock_id(c, TI_SCI_CLK_ID, TI_SCI_GET_CLK_ID32);
        k = clock_slot(c->s, dev, clk, false);
        put_le64(c->resp + TI_SCI_CLK_FREQ_RESP, k ? k->hz : TI_SCI_SIM_CLOCK_HZ);
        set_resp_len(c, TI_SCI_CLK_FREQ_RESP_SIZE);
        return true;
    }
    return nack(c, "clock message 0x%04x is not simulated", type);
}

static const MsgInfo msgs[] = {
    { TI_SCI_MSG_VERSION, TI_SCI_K_VERSION, "VERSION", TI_SCI_HDR_SIZE, version },
    { TI_SCI_MSG_SYS_RESET, TI_SCI_K_SYS_RESET, "SYS_RESET", TI_SCI_HDR_SIZE, sys_reset },
    { TI_SCI_MSG_QUERY_FW_CAPS, TI_SCI_K_QUERY_FW_CAPS, "QUERY_FW_CAPS", TI_SCI_HDR_SIZE,
      query_fw_caps },
    { TI_SCI_MSG_SET_CLOCK_STATE, TI_SCI_K_CLOCK, "SET_CLOCK_STATE",
      TI_SCI_SET_CLK_STATE_SIZE, clock_msg },
    { TI_SCI_MSG_GET_CLOCK_STATE, TI_SCI_K_CLOCK, "GET_CLOCK_STATE", TI_SCI_GET_CLK_SIZE,
      clock_msg },
    { TI_SCI_MSG_SET_CLOCK_PARENT, TI_SCI_K_CLOCK, "SET_CLOCK_PARENT",
      TI_SCI_SET_CLK_PARENT_SIZE, clock_msg },
    { TI_SCI_MSG_GET_CLOCK_PARENT, TI_SCI_K_CLOCK, "GET_CLOCK_PARENT", TI_SCI_GET_CLK_SIZE,
      clock_msg },
    { TI_SCI_MSG_GET_NUM_CLOCK_PARENTS, TI_SCI_K_CLOCK, "GET_NUM_CLOCK_PARENTS",
      TI_SCI_GET_CLK_SIZE, clock_msg },
    { TI_SCI_MSG_SET_CLOCK_FREQ, TI_SCI_K_CLOCK, "SET_CLOCK_FREQ", TI_SCI_CLK_FREQ_SIZE,
      clock_msg },
    { TI_SCI_MSG_QUERY_CLOCK_FREQ, TI_SCI_K_CLOCK, "QUERY_CLOCK_FREQ", TI_SCI_CLK_FREQ_SIZE,
      clock_msg },
    { TI_SCI_MSG_GET_CLOCK_FREQ, TI_SCI_K_CLOCK, "GET_CLOCK_FREQ", TI_SCI_GET_CLK_SIZE,
      clock_msg },
    { TI_SCI_MSG_SET_DEVICE_STATE, TI_SCI_K_SET_DEVICE_STATE, "SET_DEVICE_STATE",
      TI_SCI_SET_DEV_SIZE, set_device_state },
    { TI_SCI_MSG_GET_DEVICE_STATE, TI_SCI_K_GET_DEVICE_STATE, "GET_DEVICE_STATE",
      TI_SCI_GET_DEV_SIZE, get_device_state },
    { TI_SCI_MSG_SET_DEVICE_RESETS, TI_SCI_K_SET_DEVICE_RESETS, "SET_DEVICE_RESETS",
      TI_SCI_SET_RESETS_SIZE, set_device_resets },
    { TI_SCI_MSG_PROC_REQUEST, TI_SCI_K_PROC_REQUEST, "PROC_REQUEST", TI_SCI_PROC_SIZE,
      proc_request },
    { TI_SCI_MSG_PROC_RELEASE, TI_SCI_K_PROC_RELEASE, "PROC_RELEASE", TI_SCI_PROC_SIZE,
      proc_release },
    { TI_SCI_MSG_PROC_HANDOVER, TI_SCI_K_PROC_HANDOVER, "PROC_HANDOVER",
      TI_SCI_PROC_HANDOVER_SIZE, proc_handover },
    { TI_SCI_MSG_SET_CONFIG, TI_SCI_K_SET_CONFIG, "SET_CONFIG", TI_SCI_SET_CONFIG_SIZE,
      set_config },
    { TI_SCI_MSG_SET_CTRL, TI_SCI_K_SET_CTRL, "SET_CTRL", TI_SCI_SET_CTRL_SIZE, set_ctrl },
    { TI_SCI_MSG_GET_STATUS, TI_SCI_K_GET_STATUS, "GET_STATUS", TI_SCI_PROC_SIZE,
      get_status },
};

const char *ti_sci_kind_name(TiSciKind k)
{
    static const char *const names[TI_SCI_KINDS] = {
        [TI_SCI_K_VERSION] = "VERSION",
        [TI_SCI_K_SYS_RESET] = "SYS_RESET",
        [TI_SCI_K_QUERY_FW_CAPS] = "QUERY_FW_CAPS",
        [TI_SCI_K_SET_DEVICE_STATE] = "SET_DEVICE_STATE",
        [TI_SCI_K_GET_DEVICE_STATE] = "GET_DEVICE_STATE",
        [TI_SCI_K_SET_DEVICE_RESETS] = "SET_DEVICE_RESETS",
        [TI_SCI_K_CLOCK] = "CLOCK",
        [TI_SCI_K_PROC_REQUEST] = "PROC_REQUEST",
        [TI_SCI_K_PROC_RELEASE] = "PROC_RELEASE",
        [TI_SCI_K_PROC_HANDOVER] = "PROC_HANDOVER",
        [TI_SCI_K_SET_CONFIG] = "SET_CONFIG",
        [TI_SCI_K_SET_CTRL] = "SET_CTRL",
        [TI_SCI_K_GET_STATUS] = "GET_STATUS",
        [TI_SCI_K_UNKNOWN] = "unknown",
    };

    return (unsigned)k < TI_SCI_KINDS ? names[k] : "unknown";
}

void ti_sci_init(TiSciState *s, uint8_t host_id)
{
    memset(s, 0, sizeof(*s));
    s->host_id = host_id;
}

bool ti_sci_add_device(TiSciState *s, uint32_t id, uint32_t parent_id)
{
    uint32_t parent = TI_SCI_NO_PARENT;
    TiSciDevice *d;

    if (s->ndevices >= TI_SCI_MAX_DEVICES || ti_sci_device(s, id)) {
        return false;
    }
    if (parent_id != TI_SCI_NO_PARENT) {
        TiSciDevice *p = ti_sci_device(s, parent_id);

        if (!p) {
            return false;
        }
        parent = (uint32_t)(p - s->dev);
    }
    d = &s->dev[s->ndevices++];
    memset(d, 0, sizeof(*d));
    d->id = id;
    d->parent = parent;
    d->owner = TI_SCI_NO_HOST;
    return true;
}

bool ti_sci_add_proc(TiSciState *s, uint8_t proc_id, uint32_t dev_id)
{
    TiSciProc *p;

    if (s->nprocs >= TI_SCI_MAX_PROCS || ti_sci_proc(s, proc_id) ||
        !ti_sci_device(s, dev_id)) {
        return false;
    }
    p = &s->proc[s->nprocs++];
    memset(p, 0, sizeof(*p));
    p->id = proc_id;
    p->dev_id = dev_id;
    p->owner = TI_SCI_NO_HOST;
    return true;
}

bool ti_sci_init_board(TiSciState *s, uint8_t host_id, const RprocsimBoard *board,
                       uint32_t cluster_dev)
{
    ti_sci_init(s, host_id);
    if (!ti_sci_add_device(s, cluster_dev, TI_SCI_NO_PARENT)) {
        return false;
    }
    for (unsigned i = 0; i < board->count; i++) {
        const RprocsimSubsys *ss = &board->subsys[i];

        if (!ss->sci_dev_id) {
            continue;
        }
        if (!ti_sci_add_device(s, ss->sci_dev_id, cluster_dev) ||
            ss->sci_proc_id > UINT8_MAX ||
            !ti_sci_add_proc(s, (uint8_t)ss->sci_proc_id, ss->sci_dev_id)) {
            return false;
        }
    }
    return true;
}

void ti_sci_reset(TiSciState *s)
{
    for (unsigned i = 0; i < s->ndevices; i++) {
        TiSciDevice *d = &s->dev[i];

        d->programmed = TI_SCI_DEV_SW_STATE_AUTO_OFF;
        d->powered = false;
        d->exclusive = false;
        d->owner = TI_SCI_NO_HOST;
        d->resets = 0;
        d->context_loss = 0;
    }
    for (unsigned i = 0; i < s->nprocs; i++) {
        TiSciProc *p = &s->proc[i];

        p->owner = TI_SCI_NO_HOST;
        p->boot_vector = 0;
        p->cfg = 0;
        p->ctrl = 0;
    }
    memset(s->clock, 0, sizeof(s->clock));
    s->clock_next = 0;
    memset(s->count, 0, sizeof(s->count));
    s->nacks = 0;
}

static const MsgInfo *msg_info(uint16_t type)
{
    for (size_t i = 0; i < G_N_ELEMENTS(msgs); i++) {
        if (msgs[i].type == type) {
            return &msgs[i];
        }
    }
    return NULL;
}

size_t ti_sci_handle(TiSciState *s, const TiSciOps *ops, void *opaque,
                     uint8_t channel_host, const uint8_t *req, size_t len,
                     uint8_t *resp, size_t resp_cap, TiSciReport *rep)
{
    TiSciReport scratch;
    Ctx c = { .s = s, .ops = ops, .opaque = opaque, .req = req, .resp = resp,
              .resp_len = TI_SCI_GENERIC_RESP_SIZE };
    const MsgInfo *mi = NULL;
    bool ack = false, wants;

    c.rep = rep ? rep : &scratch;
    memset(c.rep, 0, sizeof(*c.rep));
    c.rep->name = "unknown";
    c.rep->kind = TI_SCI_K_UNKNOWN;
    if (resp_cap < TI_SCI_MAX_MSG_SIZE) {
        /* the caller's mistake, not the guest's: nothing can be answered */
        nack(&c, "response buffer of %zu bytes is too small", resp_cap);
        goto refused;
    }
    memset(resp, 0, resp_cap);
    if (len < TI_SCI_HDR_SIZE) {
        nack(&c, "message of %zu bytes has no header", len);
        goto refused;
    }
    c.rep->type = rp_le16(req + TI_SCI_HDR_TYPE);
    c.rep->host = c.host = req[TI_SCI_HDR_HOST];
    c.rep->seq = req[TI_SCI_HDR_SEQ];
    c.rep->flags = rp_le32(req + TI_SCI_HDR_FLAGS);
    wants = c.rep->flags & (TI_SCI_FLAG_REQ_ACK_ON_RECEIVED |
                            TI_SCI_FLAG_REQ_ACK_ON_PROCESSED);
    mi = msg_info(c.rep->type);
    if (mi) {
        c.rep->name = mi->name;
        c.rep->kind = mi->kind;
    }

    if (!mi) {
        nack(&c, "message type 0x%04x is not simulated", c.rep->type);
    } else if (c.host != channel_host) {
        nack(&c, "%s from host %u on the channel of host %u", mi->name, c.host,
             channel_host);
    } else if (len < mi->size) {
        nack(&c, "%s of %zu bytes, its layout has %zu", mi->name, len, mi->size);
    } else {
        ack = mi->fn(&c);
    }
    s->count[c.rep->kind]++;
    if (!ack) {
        s->nacks++;
        c.resp_len = TI_SCI_GENERIC_RESP_SIZE;
        memset(resp, 0, resp_cap);
        if (ops && ops->log) {
            ops->log(opaque, c.rep->reason);
        }
    }
    rp_put_le16(resp + TI_SCI_HDR_TYPE, c.rep->type);
    resp[TI_SCI_HDR_HOST] = c.rep->host;
    resp[TI_SCI_HDR_SEQ] = c.rep->seq;
    rp_put_le32(resp + TI_SCI_HDR_FLAGS, ack ? TI_SCI_FLAG_RESP_ACK : 0);
    c.rep->ack = ack;
    c.rep->resp_len = wants ? c.resp_len : 0;
    if (!wants) {
        memset(resp, 0, resp_cap);
    }
    return c.rep->resp_len;

refused:
    s->count[TI_SCI_K_UNKNOWN]++;
    s->nacks++;
    if (ops && ops->log) {
        ops->log(opaque, c.rep->reason);
    }
    return 0;
}

bool ti_sci_valid(const TiSciState *s)
{
    if (s->ndevices > TI_SCI_MAX_DEVICES || s->nprocs > TI_SCI_MAX_PROCS ||
        s->clock_next >= TI_SCI_CLOCK_SLOTS) {
        return false;
    }
    for (unsigned i = 0; i < s->ndevices; i++) {
        const TiSciDevice *d = &s->dev[i];
        bool parent_on = d->parent == TI_SCI_NO_PARENT ||
                         (d->parent < i && s->dev[d->parent].powered);

        if (d->programmed > TI_SCI_DEV_SW_STATE_ON ||
            (d->parent != TI_SCI_NO_PARENT && d->parent >= i) ||
            d->powered != (d->programmed == TI_SCI_DEV_SW_STATE_ON && parent_on) ||
            (d->exclusive && d->owner == TI_SCI_NO_HOST)) {
            return false;
        }
    }
    for (unsigned i = 0; i < s->nprocs; i++) {
        const TiSciProc *p = &s->proc[i];

        if ((p->cfg & ~TI_SCI_R5_CFG_ALL) || (p->ctrl & ~TI_SCI_R5_CTRL_ALL)) {
            return false;
        }
    }
    return true;
}
