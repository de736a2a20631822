/*
 * rprocsim firmware library: the remote side of a GLINK edge over SMEM
 * (drivers/rpmsg/qcom_glink_smem.c, qcom_glink_native.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "glink.h"
#include "rprocsim/bytes.h"

#define HDR_LEN         8       /* {le16 cmd, le16 param1, le32 param2} */
#define DATA_HDR_LEN    16      /* and {le32 chunk_size, le32 left_size} */
#define FIFO_RESERVE    8       /* never fill a FIFO up to head == tail */

static uint32_t rd(struct rp_glink *g, uint32_t off)
{
    return g->m->read32(g->m->ctx, off);
}

static void wr(struct rp_glink *g, uint32_t off, uint32_t v)
{
    g->m->write32(g->m->ctx, off, v);
}

static uint32_t desc(struct rp_glink *g, uint32_t word)
{
    return rd(g, g->desc + 4 * word);
}

static void set_desc(struct rp_glink *g, uint32_t word, uint32_t v)
{
    wr(g, g->desc + 4 * word, v);
}

static void say(struct rp_glink *g, const char *msg)
{
    if (g->ops->log) {
        g->ops->log(g->ops->ctx, msg);
    }
}

static uint32_t align8(uint32_t v)
{
    return (v + 7) & ~7u;
}

/* @len bytes of Linux's FIFO from position @pos (wrapping) into @buf */
static void fifo_read(struct rp_glink *g, uint32_t pos, uint8_t *buf, uint32_t len)
{
    uint32_t i = 0;

    while (i < len) {
        uint32_t p = (pos + i) % g->rx_len;
        uint32_t w = rd(g, g->rx_fifo + (p & ~3u));

        for (uint32_t b = p & 3; b < 4 && i < len; b++) {
            buf[i++] = w >> (8 * b);
        }
    }
}

int rp_glink_init(struct rp_glink *g, const struct rp_shmem *m, const struct rp_hwlock *lock,
                  const struct rp_smem_part *part, const struct rp_glink_ops *ops)
{
    uint32_t size;
    int ret;

    g->m = m;
    g->part = *part;
    g->ops = ops;
    g->rx_fifo = 0;
    g->rx_len = 0;
    g->features = RP_GLINK_FEATURES;
    g->attached = 0;
    g->rx_intents = RP_GLINK_RX_INTENTS;
    g->errors = 0;
    g->wrote = 0;
    g->nch = 0;
    g->q_head = g->q_count = 0;
    ret = rp_smem_alloc(m, lock, part, RP_GLINK_ITEM_DESC, RP_GLINK_DESC_SIZE, &g->desc);
    if (ret != RP_OK && ret != RP_EEXIST) {
        return ret;
    }
    if (rp_smem_get(m, part, RP_GLINK_ITEM_DESC, &g->desc, &size) != RP_OK ||
        size < RP_GLINK_DESC_SIZE) {
        return RP_EIO;
    }
    ret = rp_smem_alloc(m, lock, part, RP_GLINK_ITEM_FIFO_REMOTE, RP_GLINK_FIFO_SIZE,
                        &g->tx_fifo);
    if (ret != RP_OK && ret != RP_EEXIST) {
        return ret;
    }
    if (rp_smem_get(m, part, RP_GLINK_ITEM_FIFO_REMOTE, &g->tx_fifo, &g->tx_len) != RP_OK ||
        g->tx_len < 64 || g->tx_len % 8) {
        return RP_EIO;
    }
    /*
     * Ours: the tail of Linux's FIFO and the head of our own. Linux zeroes
     * its head and our tail when it registers the edge (after our ready).
     */
    set_desc(g, RP_GLINK_DESC_TX_TAIL, 0);
    set_desc(g, RP_GLINK_DESC_RX_HEAD, 0);
    m->barrier(m->ctx);
    return RP_OK;
}

int rp_glink_add_channel(struct rp_glink *g, const char *name, struct rp_glink_channel **ch)
{
    struct rp_glink_channel *c;
    uint32_t n = 0;

    while (name[n] && n < RP_GLINK_NAME_LEN) {
        n++;
    }
    if (n == 0 || n >= RP_GLINK_NAME_LEN) {
        return RP_EINVAL;
    }
    if (g->nch >= RP_GLINK_MAX_CHANNELS) {
        return RP_ENOMEM;
    }
    c = &g->ch[g->nch];
    for (uint32_t i = 0; i < RP_GLINK_NAME_LEN; i++) {
        c->name[i] = i < n ? name[i] : 0;
    }
    c->lcid = (uint16_t)(g->nch + 1);
    c->rcid = 0;
    c->open_sent = c->open_acked = c->remote_open = c->up = 0;
    c->next_liid = 1;
    c->rx_len = 0;
    for (uint32_t i = 0; i < RP_GLINK_MAX_INTENTS; i++) {
        c->remote[i].valid = 0;
    }
    g->nch++;
    *ch = c;
    return RP_OK;
}

/* --- sending --------------------------------------------------------- */

/*
 * Write the @len bytes of g->cmd (a whole command, header first) into our
 * FIFO, padded to 8, then move our head. RP_OK or RP_EBUSY (no room).
 */
static int tx_write(struct rp_glink *g, uint32_t len)
{
    uint32_t head = desc(g, RP_GLINK_DESC_RX_HEAD);
    uint32_t tail = desc(g, RP_GLINK_DESC_RX_TAIL);
    uint32_t need = align8(len), space;

    if (head >= g->tx_len || tail >= g->tx_len || head % 8) {
        say(g, "glink: our FIFO's indices are out of range, resetting them");
        head = tail = 0;
        set_desc(g, RP_GLINK_DESC_RX_TAIL, 0);
    }
    space = tail > head ? tail - head : g->tx_len - head + tail;
    if (space < need + FIFO_RESERVE) {
        g->errors++;
        say(g, "glink: no room in our FIFO, command dropped");
        return RP_EBUSY;
    }
    for (uint32_t i = len; i < need; i++) {
        g->cmd[i] = 0;
    }
    for (uint32_t i = 0; i < need; i += 4) {
        wr(g, g->tx_fifo + (head + i) % g->tx_len, rp_le32(g->cmd + i));
    }
    g->m->barrier(g->m->ctx);
    set_desc(g, RP_GLINK_DESC_RX_HEAD, (head + need) % g->tx_len);
    g->wrote = 1;
    return RP_OK;
}

static void put_hdr(struct rp_glink *g, uint32_t cmd, uint32_t param1, uint32_t param2)
{
    rp_put_le16(g->cmd, cmd);
    rp_put_le16(g->cmd + 2, param1);
    rp_put_le32(g->cmd + 4, param2);
}

static int tx_cmd(struct rp_glink *g, uint32_t cmd, uint32_t param1, uint32_t param2)
{
    put_hdr(g, cmd, param1, param2);
    return tx_write(g, HDR_LEN);
}

static void kick(struct rp_glink *g)
{
    if (g->wrote) {
        g->wrote = 0;
        g->ops->kick(g->ops->ctx);
    }
}

static void send_open(struct rp_glink *g, struct rp_glink_channel *c)
{
    uint32_t n = 0;

    while (c->name[n]) {
        n++;
    }
    put_hdr(g, RP_GLINK_CMD_OPEN, c->lcid, n + 1);
    for (uint32_t i = 0; i <= n; i++) {
        g->cmd[HDR_LEN + i] = c->name[i];
    }
    if (tx_write(g, HDR_LEN + n + 1) == RP_OK) {
        c->open_sent = 1;
    }
}

/* Advertise @count intents of RP_GLINK_MTU on @c */
static void send_intents(struct rp_glink *g, struct rp_glink_channel *c, uint32_t count)
{
    put_hdr(g, RP_GLINK_CMD_INTENT, c->lcid, count);
    for (uint32_t i = 0; i < count; i++) {
        rp_put_le32(g->cmd + HDR_LEN + 8 * i, RP_GLINK_MTU);
        rp_put_le32(g->cmd + HDR_LEN + 8 * i + 4, c->next_liid++);
    }
    tx_write(g, HDR_LEN + 8 * count);
}

/* The smallest free intent of Linux's on @c that holds @len bytes, or NULL */
static struct rp_glink_intent *find_intent(struct rp_glink_channel *c, uint32_t len)
{
    struct rp_glink_intent *best = 0;

    for (uint32_t i = 0; i < RP_GLINK_MAX_INTENTS; i++) {
        struct rp_glink_intent *in = &c->remote[i];

        if (in->valid && !in->in_use && in->size >= len && (!best || in->size < best->size)) {
            best = in;
        }
    }
    return best;
}

static int tx_data(struct rp_glink *g, struct rp_glink_channel *c, struct rp_glink_intent *in,
                   const uint8_t *data, uint32_t len)
{
    int ret;

    put_hdr(g, RP_GLINK_CMD_TX_DATA, c->lcid, in->id);
    rp_put_le32(g->cmd + HDR_LEN, len);       /* chunk_size */
    rp_put_le32(g->cmd + HDR_LEN + 4, 0);     /* left_size */
    for (uint32_t i = 0; i < len; i++) {
        g->cmd[DATA_HDR_LEN + i] = data[i];
    }
    ret = tx_write(g, DATA_HDR_LEN + len);
    if (ret == RP_OK) {
        in->in_use = 1;
    }
    return ret;
}

/* Send what waits in the queue, in order, as far as Linux's intents allow */
static void flush_queue(struct rp_glink *g)
{
    while (g->q_count) {
        struct rp_glink_channel *c = g->queue[g->q_head].ch;
        struct rp_glink_intent *in = c->up ? find_intent(c, g->queue[g->q_head].len) : 0;

        if (c->up && !in) {
            return;                 /* keep the order */
        }
        if (in) {
            tx_data(g, c, in, g->queue[g->q_head].data, g->queue[g->q_head].len);
        }                           /* else the channel went away: dropped */
        g->q_head = (g->q_head + 1) % RP_GLINK_TX_QUEUE;
        g->q_count--;
    }
}

int rp_glink_send(struct rp_glink *g, struct rp_glink_channel *c, const void *data,
                  uint32_t len)
{
    const uint8_t *bytes = data;
    struct rp_glink_intent *in;
    int ret = RP_OK;

    if (!c->up || len == 0 || len > RP_GLINK_MTU) {
        return RP_EINVAL;
    }
    in = g->q_count ? 0 : find_intent(c, len);
    if (in) {
        ret = tx_data(g, c, in, bytes, len);
    } else {
        uint32_t slot = (g->q_head + g->q_count) % RP_GLINK_TX_QUEUE;

        if (g->q_count == RP_GLINK_TX_QUEUE) {
            g->errors++;
            say(g, "glink: no intent from Linux and the queue is full, message dropped");
            return RP_EBUSY;
        }
        g->queue[slot].ch = c;
        g->queue[slot].len = len;
        for (uint32_t i = 0; i < len; i++) {
            g->queue[slot].data[i] = bytes[i];
        }
        g->q_count++;
        tx_cmd(g, RP_GLINK_CMD_RX_INTENT_REQ, c->lcid, len);
    }
    kick(g);
    return ret;
}

/* --- receiving ------------------------------------------------------- */

static struct rp_glink_channel *by_lcid(struct rp_glink *g, uint32_t lcid)
{
    for (uint32_t i = 0; i < g->nch; i++) {
        if (g->ch[i].lcid == lcid) {
            return &g->ch[i];
        }
    }
    return 0;
}

static struct rp_glink_channel *by_rcid(struct rp_glink *g, uint32_t rcid)
{
    for (uint32_t i = 0; i < g->nch; i++) {
        if (g->ch[i].remote_open && g->ch[i].rcid == rcid) {
            return &g->ch[i];
        }
    }
    return 0;
}

static void channel_down(struct rp_glink *g, struct rp_glink_channel *c)
{
    int was_up = c->up;

    c->rcid = 0;
    c->remote_open = c->up = 0;
    c->rx_len = 0;
    for (uint32_t i = 0; i < RP_GLINK_MAX_INTENTS; i++) {
        c->remote[i].valid = 0;
    }
    if (was_up && g->ops->down) {
        g->ops->down(g->ops->ctx, c);
    }
}

static void maybe_up(struct rp_glink *g, struct rp_glink_channel *c)
{
    if (!c->up && c->open_acked && c->remote_open) {
        c->up = 1;
        if (g->ops->up) {
            g->ops->up(g->ops->ctx, c);
        }
    }
}

/* Linux (re)attached: every channel starts over, ours are opened */
static void attach(struct rp_glink *g)
{
    g->q_head = g->q_count = 0;
    for (uint32_t i = 0; i < g->nch; i++) {
        channel_down(g, &g->ch[i]);
        g->ch[i].open_sent = g->ch[i].open_acked = 0;
        g->ch[i].next_liid = 1;
    }
    g->attached = 1;
    for (uint32_t i = 0; i < g->nch; i++) {
        send_open(g, &g->ch[i]);
    }
}

static void rx_open(struct rp_glink *g, uint32_t rcid, const uint8_t *name, uint32_t len)
{
    struct rp_glink_channel *c = 0;

    for (uint32_t i = 0; i < g->nch && !c; i++) {
        uint32_t n = 0;

        while (n < len && n < RP_GLINK_NAME_LEN && name[n] && name[n] == (uint8_t)g->ch[i].name[n]) {
            n++;
        }
        if (n < len && n < RP_GLINK_NAME_LEN && name[n] == 0 && g->ch[i].name[n] == 0) {
            c = &g->ch[i];
        }
    }
    if (!c) {
        say(g, "glink: Linux opened a channel this firmware does not serve");
        return;
    }
    if (c->remote_open) {
        channel_down(g, c);
    }
    c->rcid = (uint16_t)rcid;
    c->remote_open = 1;
    tx_cmd(g, RP_GLINK_CMD_OPEN_ACK, rcid, 0);
    if (g->rx_intents) {
        send_intents(g, c, g->rx_intents);
    }
    maybe_up(g, c);
}

static void rx_intents(struct rp_glink *g, struct rp_glink_channel *c, const uint8_t *pairs,
                       uint32_t count)
{
    for (uint32_t k = 0; k < count; k++) {
        uint32_t size = rp_le32(pairs + 8 * k), id = rp_le32(pairs + 8 * k + 4);
        uint32_t slot = RP_GLINK_MAX_INTENTS;

        for (uint32_t i = 0; i < RP_GLINK_MAX_INTENTS; i++) {
            if (c->remote[i].valid && c->remote[i].id == id) {
                slot = i;       /* advertised again */
                break;
            }
            if (!c->remote[i].valid && slot == RP_GLINK_MAX_INTENTS) {
                slot = i;
            }
        }
        if (slot == RP_GLINK_MAX_INTENTS) {
            return;             /* more than we track: the rest stay unused */
        }
        c->remote[slot].id = id;
        c->remote[slot].size = size;
        c->remote[slot].valid = 1;
        c->remote[slot].in_use = 0;
    }
}

static void rx_done(struct rp_glink_channel *c, uint32_t id, int reuse)
{
    for (uint32_t i = 0; i < RP_GLINK_MAX_INTENTS; i++) {
        if (c->remote[i].valid && c->remote[i].id == id) {
            c->remote[i].in_use = 0;
            c->remote[i].valid = reuse ? 1 : 0;
        }
    }
}

/* A chunk of a message Linux sent into our intent @liid */
static void rx_data(struct rp_glink *g, struct rp_glink_channel *c, uint32_t cmd, uint32_t liid,
                    const uint8_t *chunk, uint32_t size, uint32_t left)
{
    if (liid == 0 || liid >= c->next_liid) {
        g->errors++;
        say(g, "glink: data for an intent this side never gave, dropped");
        return;
    }
    if (cmd == RP_GLINK_CMD_TX_DATA) {
        c->rx_len = 0;
        c->rx_liid = liid;
    } else if (c->rx_liid != liid) {
        g->errors++;
        say(g, "glink: a continuation for another intent, dropped");
        c->rx_len = 0;
        return;
    }
    if (c->rx_len + size + left > RP_GLINK_MTU || size > RP_GLINK_MTU) {
        g->errors++;
        say(g, "glink: a message larger than our intents, dropped");
        c->rx_len = 0;
        return;
    }
    for (uint32_t i = 0; i < size; i++) {
        c->rx[c->rx_len + i] = chunk[i];
    }
    c->rx_len += size;
    if (left) {
        return;
    }
    if (g->ops->rx) {
        g->ops->rx(g->ops->ctx, c, c->rx, c->rx_len);
    }
    c->rx_len = 0;
    if (c->up || c->remote_open) {
        tx_cmd(g, (g->features & RP_GLINK_FEATURE_INTENT_REUSE) ? RP_GLINK_CMD_RX_DONE_W_REUSE
                                                                : RP_GLINK_CMD_RX_DONE,
               c->lcid, liid);
        if (!(g->features & RP_GLINK_FEATURE_INTENT_REUSE)) {
            send_intents(g, c, 1);      /* the one consumed is gone */
        }
    }
}

/*
 * The length in Linux's FIFO of a command other than TX_DATA(_CONT), from
 * its header; 0 for a command this side does not know (and for data, whose
 * sizes the caller reads).
 */
static uint32_t cmd_len(struct rp_glink *g, uint32_t cmd, uint32_t param2)
{
    switch (cmd) {
    case RP_GLINK_CMD_VERSION:
    case RP_GLINK_CMD_VERSION_ACK:
    case RP_GLINK_CMD_CLOSE:
    case RP_GLINK_CMD_OPEN_ACK:
    case RP_GLINK_CMD_RX_DONE:
    case RP_GLINK_CMD_RX_INTENT_REQ:
    case RP_GLINK_CMD_RX_INTENT_REQ_ACK:
    case RP_GLINK_CMD_CLOSE_ACK:
    case RP_GLINK_CMD_READ_NOTIF:
    case RP_GLINK_CMD_RX_DONE_W_REUSE:
    case RP_GLINK_CMD_SIGNALS:
        return HDR_LEN;
    case RP_GLINK_CMD_OPEN:
        return align8(HDR_LEN + (param2 & 0xffff));
    case RP_GLINK_CMD_INTENT:
        return param2 > g->rx_len / 8 ? g->rx_len : HDR_LEN + 8 * param2;
    default:
        return 0;       /* TX_DATA(_CONT): the caller reads the sizes */
    }
}

static int drop_all(struct rp_glink *g, uint32_t head, const char *why)
{
    g->errors++;
    say(g, why);
    set_desc(g, RP_GLINK_DESC_TX_TAIL, head);
    return RP_EIO;
}

/* Take one command at @tail (@avail bytes in the FIFO); its length, or 0 if malformed */
static uint32_t take_one(struct rp_glink *g, uint32_t tail, uint32_t avail, uint8_t *read_notif)
{
    uint32_t cmd, param1, param2, len;
    struct rp_glink_channel *c;

    fifo_read(g, tail, g->cmd, HDR_LEN);
    cmd = rp_le16(g->cmd);
    param1 = rp_le16(g->cmd + 2);
    param2 = rp_le32(g->cmd + 4);
    len = cmd_len(g, cmd, param2);
    if (cmd == RP_GLINK_CMD_TX_DATA || cmd == RP_GLINK_CMD_TX_DATA_CONT) {
        uint32_t size;

        if (avail < DATA_HDR_LEN) {
            return 0;
        }
        fifo_read(g, tail + HDR_LEN, g->cmd + HDR_LEN, 8);
        size = rp_le32(g->cmd + HDR_LEN);
        if (size > avail) {
            return 0;
        }
        len = align8(DATA_HDR_LEN + size);
        if (len > avail) {
            return 0;
        }
        c = by_rcid(g, param1);
        if (!c) {
            g->errors++;
            say(g, "glink: data on a channel that is not open, dropped");
        } else if (size > RP_GLINK_MTU) {
            g->errors++;
            say(g, "glink: a chunk larger than our intents, dropped");
            c->rx_len = 0;
        } else {
            fifo_read(g, tail + DATA_HDR_LEN, g->cmd + DATA_HDR_LEN, size);
            rx_data(g, c, cmd, param2, g->cmd + DATA_HDR_LEN, size, rp_le32(g->cmd + HDR_LEN + 4));
        }
        return len;
    }
    if (len == 0 || len > avail) {
        return 0;
    }
    switch (cmd) {
    case RP_GLINK_CMD_VERSION:
        if (param1 < RP_GLINK_VERSION_1) {
            say(g, "glink: VERSION 0 from Linux, ignored");
            break;
        }
        g->features = param2 & RP_GLINK_FEATURES;
        tx_cmd(g, RP_GLINK_CMD_VERSION_ACK, RP_GLINK_VERSION_1, g->features);
        if (!g->attached) {
            attach(g);
        }
        break;
    case RP_GLINK_CMD_VERSION_ACK:
        g->features &= param2;
        break;
    case RP_GLINK_CMD_OPEN:
        if (len - HDR_LEN > RP_GLINK_NAME_LEN + 8) {
            say(g, "glink: an OPEN with a name too long, ignored");
            break;
        }
        fifo_read(g, tail + HDR_LEN, g->cmd + HDR_LEN, param2 & 0xffff);
        rx_open(g, param1, g->cmd + HDR_LEN, param2 & 0xffff);
        break;
    case RP_GLINK_CMD_OPEN_ACK:
        c = by_lcid(g, param1);
        if (c && c->open_sent) {
            c->open_acked = 1;
            maybe_up(g, c);
        }
        break;
    case RP_GLINK_CMD_CLOSE:
        c = by_rcid(g, param1);
        tx_cmd(g, RP_GLINK_CMD_CLOSE_ACK, param1, 0);
        if (c) {
            channel_down(g, c);
        }
        break;
    case RP_GLINK_CMD_CLOSE_ACK:
        c = by_lcid(g, param1);
        if (c) {
            c->open_sent = c->open_acked = 0;
        }
        break;
    case RP_GLINK_CMD_INTENT:
        c = by_rcid(g, param1);
        if (c) {
            /* more than we track are not read: rx_intents() keeps what fits */
            uint32_t count = param2 > RP_GLINK_MAX_INTENTS ? RP_GLINK_MAX_INTENTS : param2;

            fifo_read(g, tail + HDR_LEN, g->cmd + HDR_LEN, 8 * count);
            rx_intents(g, c, g->cmd + HDR_LEN, count);
        }
        break;
    case RP_GLINK_CMD_RX_DONE:
    case RP_GLINK_CMD_RX_DONE_W_REUSE:
        c = by_rcid(g, param1);
        if (c) {
            rx_done(c, param2, cmd == RP_GLINK_CMD_RX_DONE_W_REUSE);
        }
        break;
    case RP_GLINK_CMD_RX_INTENT_REQ:
        c = by_rcid(g, param1);
        if (!c) {
            break;
        }
        if (param2 <= RP_GLINK_MTU && g->rx_intents) {
            send_intents(g, c, 1);
            tx_cmd(g, RP_GLINK_CMD_RX_INTENT_REQ_ACK, c->lcid, 1);
        } else {
            tx_cmd(g, RP_GLINK_CMD_RX_INTENT_REQ_ACK, c->lcid, 0);
        }
        break;
    case RP_GLINK_CMD_READ_NOTIF:
        *read_notif = 1;
        break;
    default:
        break;  /* RX_INTENT_REQ_ACK: the INTENT follows; SIGNALS: none used */
    }
    return len;
}

int rp_glink_poll(struct rp_glink *g)
{
    uint32_t head, tail, size;
    uint8_t read_notif = 0;
    int taken = 0;

    if (!g->rx_fifo) {
        if (rp_smem_get(g->m, &g->part, RP_GLINK_ITEM_FIFO_LINUX, &g->rx_fifo, &size) != RP_OK) {
            g->rx_fifo = 0;
            return 0;       /* Linux has not registered the edge yet */
        }
        if (size < 64 || size % 8) {
            g->rx_fifo = 0;
            g->errors++;
            say(g, "glink: Linux's FIFO has a size that is not a multiple of 8");
            return RP_EIO;
        }
        g->rx_len = size;
    }
    head = desc(g, RP_GLINK_DESC_TX_HEAD);
    tail = desc(g, RP_GLINK_DESC_TX_TAIL);
    if (head >= g->rx_len || head % 8) {
        g->errors++;
        say(g, "glink: Linux's head is out of range, FIFO ignored");
        return RP_EIO;
    }
    if (tail >= g->rx_len || tail % 8) {
        return drop_all(g, head, "glink: our tail was out of range, FIFO dropped");
    }
    while (tail != head) {
        uint32_t avail = (head + g->rx_len - tail) % g->rx_len;
        uint32_t len;

        if (avail < HDR_LEN) {
            kick(g);
            return drop_all(g, head, "glink: a short command, FIFO dropped");
        }
        len = take_one(g, tail, avail, &read_notif);
        if (len == 0) {
            kick(g);
            return drop_all(g, head, "glink: a malformed command, FIFO dropped");
        }
        tail = (tail + len) % g->rx_len;
        set_desc(g, RP_GLINK_DESC_TX_TAIL, tail);
        taken++;
        head = desc(g, RP_GLINK_DESC_TX_HEAD);
        if (head >= g->rx_len || head % 8) {
            break;
        }
    }
    flush_queue(g);
    if (read_notif) {
        g->wrote = 1;
    }
    kick(g);
    return taken;
}
