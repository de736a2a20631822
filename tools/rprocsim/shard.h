/*
 * rprocsim run: how a scenario set is split (--shard K/N, across machines)
 * and how many guests run at once (-j N, on this one).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SHARD_H
#define RPROCSIM_SHARD_H

#include <glib.h>

/* Most guests at once: each takes one QEMU (about 0.3 GiB, 2+ threads) */
#define RP_JOBS_MAX 64

/*
 * "K/N" (1 <= K <= N <= 1000) into *@k and *@n. FALSE with @error, which
 * names the text, if it is anything else.
 */
gboolean rp_shard_parse(const char *text, guint *k, guint *n, GError **error);

/*
 * Does shard @k of @n take the scenario at @index (0-based, in the order
 * the set is given)? Round-robin, so every shard gets a share of each
 * folder, and the N shards together take each scenario exactly once.
 */
gboolean rp_shard_takes(guint index, guint k, guint n);

/*
 * The number of guests to run at once: @asked if it is 1..RP_JOBS_MAX,
 * else (0: not given) the host's processor count, at least 1.
 */
guint rp_jobs_default(gint asked);

#endif /* RPROCSIM_SHARD_H */
