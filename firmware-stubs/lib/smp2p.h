/*
 * rprocsim firmware library: the remote side of an SMP2P edge.
 *
 * Each side of an edge owns one SMEM item of 16 entries (name + 32-bit
 * value) and signals changes by an interrupt (IPCC on sc7280). The remote
 * writes the item Linux reads as its inbound item and reads Linux's
 * outbound item. Item format and write order follow drivers/soc/qcom/
 * smp2p.c (Linux 6.12 and 7.x): names are written before valid_entries is
 * raised, the version is written last, and SSR acknowledgement is
 * negotiated through the features field. The version is the one Linux
 * wrote in its own item (6.12 writes 1, 7.x 2, and lowers its own to the
 * remote's), as a remote's firmware follows it. See docs/ipc.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_SMP2P_H
#define RPROCSIM_FW_SMP2P_H

#include "smem.h"

#define RP_SMP2P_MAGIC          0x504d5324u     /* "$SMP" */
#define RP_SMP2P_ITEM_SIZE      340
#define RP_SMP2P_MAX_ENTRIES    16
#define RP_SMP2P_NAME_LEN       16
#define RP_SMP2P_MAX_VERSION    2               /* the item format of versions 1 and 2 */
#define RP_SMP2P_FEATURE_SSR_ACK 0x1
#define RP_SMP2P_FLAG_RESTART_DONE 0x1          /* written by the remote */
#define RP_SMP2P_FLAG_RESTART_ACK  0x2          /* written by Linux */

/* Item field offsets */
#define RP_SMP2P_OFF_MAGIC      0
#define RP_SMP2P_OFF_VERSION    4               /* u8 version | features << 8 */
#define RP_SMP2P_OFF_PIDS       8               /* u16 local_pid | remote_pid << 16 */
#define RP_SMP2P_OFF_ENTRIES    12              /* u16 total | valid << 16 */
#define RP_SMP2P_OFF_FLAGS      16
#define RP_SMP2P_OFF_ENTRY(i)   (20 + 20 * (i))

struct rp_smp2p {
    const struct rp_shmem *m;
    uint32_t out;           /* data offset of our item (Linux's inbound) */
    uint32_t in;            /* data offset of Linux's item, 0 until found */
    struct rp_smem_part part;   /* where both items live */
    uint16_t in_item;       /* Linux's item number */
};

/*
 * Open the edge: allocate (or find) our item @out_item in @part under
 * @lock and, if it is new, fill its header with version 0 (not yet ready),
 * @local_pid, remote pid 0 (Linux) and @features. RP_OK or an rp_smem_alloc
 * error other than RP_EEXIST. Entries keep their positions across restarts.
 */
int rp_smp2p_open(struct rp_smp2p *p, const struct rp_shmem *m,
                  const struct rp_hwlock *lock, const struct rp_smem_part *part,
                  uint16_t out_item, uint16_t in_item, uint16_t local_pid,
                  uint32_t features);

/*
 * Add outbound entry @name with value 0 (or find it if present): the name
 * is written, then valid_entries raised. *@index gets its position.
 * RP_OK, RP_ENOMEM when all 16 entries are used.
 */
int rp_smp2p_add_entry(struct rp_smp2p *p, const char *name, uint32_t *index);

/*
 * Publish the item: barrier, then the version (features kept): the one
 * Linux's item carries, at most RP_SMP2P_MAX_VERSION, or 1 while Linux's
 * item does not exist. Returns the version written.
 */
uint32_t rp_smp2p_publish(struct rp_smp2p *p);

/*
 * Call on every inbound interrupt once published: if Linux's item now
 * carries another version than ours (Linux lowered or raised it while
 * negotiating), publish again with it. Returns 1 if ours changed, so the
 * caller interrupts Linux, 0 if not.
 */
int rp_smp2p_follow_version(struct rp_smp2p *p);

/*
 * value = (value & ~@mask) | (@bits & @mask) for entry @index. Returns 1 if
 * the value changed (the caller then rings the doorbell), 0 if not,
 * RP_EINVAL for a bad index.
 */
int rp_smp2p_update(struct rp_smp2p *p, uint32_t index, uint32_t mask, uint32_t bits);

/* Current value of our entry @index. */
uint32_t rp_smp2p_value(struct rp_smp2p *p, uint32_t index);

/*
 * Value of Linux's outbound entry @name (e.g. "master-kernel"), looking the
 * item up the first time. RP_OK with *@value, RP_ENOENT if the item or the
 * entry is not there yet, RP_EIO on a corrupt item.
 */
int rp_smp2p_peer_value(struct rp_smp2p *p, const char *name, uint32_t *value);

/*
 * True once both sides advertise SSR acknowledgement and Linux's version
 * matches ours. rp_smp2p_restart_done() then toggles RESTART_DONE after a
 * restart; rp_smp2p_restart_acked() tells when Linux has answered it.
 */
int rp_smp2p_ssr_ack_enabled(struct rp_smp2p *p);
void rp_smp2p_restart_done(struct rp_smp2p *p);
int rp_smp2p_restart_acked(struct rp_smp2p *p);

#endif /* RPROCSIM_FW_SMP2P_H */
