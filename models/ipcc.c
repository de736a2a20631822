/*
 * rprocsim models: IPCC signal routing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ipcc.h"

#include <string.h>

void ipcc_reset(IpccState *s)
{
    memset(s, 0, sizeof(*s));
}

/* Split (client << 16) | signal; false if either is out of range. */
static bool split(uint32_t v, unsigned *client, unsigned *signal)
{
    *client = v >> 16;
    *signal = v & 0xffff;
    return *client < IPCC_CLIENTS && *signal < IPCC_SIGNALS;
}

bool ipcc_send(IpccState *s, unsigned src, uint32_t value)
{
    unsigned dst, sig;

    if (src >= IPCC_CLIENTS || !split(value, &dst, &sig)) {
        return false;
    }
    s->pending[dst][src] |= 1u << sig;
    return true;
}

uint32_t ipcc_recv_id(const IpccState *s, unsigned dst)
{
    if (dst >= IPCC_CLIENTS) {
        return IPCC_NO_PENDING;
    }
    for (unsigned src = 0; src < IPCC_CLIENTS; src++) {
        uint32_t ready = s->pending[dst][src] & s->enabled[dst][src];

        if (ready) {
            return src << 16 | (unsigned)__builtin_ctz(ready);
        }
    }
    return IPCC_NO_PENDING;
}

static bool signal_op(IpccState *s, unsigned dst, uint32_t hwirq, int op)
{
    unsigned src, sig;

    if (dst >= IPCC_CLIENTS || !split(hwirq, &src, &sig)) {
        return false;
    }
    switch (op) {
    case 0:
        s->enabled[dst][src] |= 1u << sig;
        break;
    case 1:
        s->enabled[dst][src] &= ~(1u << sig);
        break;
    default:
        s->pending[dst][src] &= ~(1u << sig);
        break;
    }
    return true;
}

uint32_t ipcc_read_recv_id(IpccState *s, unsigned dst)
{
    uint32_t id = ipcc_recv_id(s, dst);

    if (id != IPCC_NO_PENDING && (ipcc_config(s, dst) & IPCC_CONFIG_CLEAR_ON_RECV_RD)) {
        ipcc_clear(s, dst, id);
    }
    return id;
}

uint32_t ipcc_config(const IpccState *s, unsigned dst)
{
    return dst < IPCC_CLIENTS ? s->config[dst] : 0;
}

void ipcc_set_config(IpccState *s, unsigned dst, uint32_t value)
{
    if (dst < IPCC_CLIENTS) {
        s->config[dst] = value & IPCC_CONFIG_CLEAR_ON_RECV_RD;
    }
}

bool ipcc_enable(IpccState *s, unsigned dst, uint32_t hwirq)
{
    return signal_op(s, dst, hwirq, 0);
}

bool ipcc_disable(IpccState *s, unsigned dst, uint32_t hwirq)
{
    return signal_op(s, dst, hwirq, 1);
}

bool ipcc_clear(IpccState *s, unsigned dst, uint32_t hwirq)
{
    return signal_op(s, dst, hwirq, 2);
}

void ipcc_clear_all(IpccState *s, unsigned dst)
{
    if (dst < IPCC_CLIENTS) {
        memset(s->pending[dst], 0, sizeof(s->pending[dst]));
    }
}

bool ipcc_irq_level(const IpccState *s, unsigned dst)
{
    return ipcc_recv_id(s, dst) != IPCC_NO_PENDING;
}

bool ipcc_is_pending(const IpccState *s, unsigned dst, unsigned src, unsigned signal)
{
    return dst < IPCC_CLIENTS && src < IPCC_CLIENTS && signal < IPCC_SIGNALS &&
           (s->pending[dst][src] >> signal) & 1;
}
