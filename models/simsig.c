/*
 * rprocsim models: SIMSIG-1 image signature (HMAC-SHA256 with GLib).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "simsig.h"
#include "mbn.h"

#include <glib.h>
#include <string.h>

void simsig_key(uint32_t key_id, uint8_t key[SIMSIG_KEY_LEN])
{
    g_autoptr(GChecksum) c = g_checksum_new(G_CHECKSUM_SHA256);
    g_autofree char *seed = g_strdup_printf("rprocsim SIMSIG-1 key %u", key_id);
    gsize n = SIMSIG_KEY_LEN;

    g_checksum_update(c, (const guchar *)seed, strlen(seed));
    g_checksum_get_digest(c, key, &n);
}

void simsig_mac(uint32_t key_id, uint32_t sw_id, uint32_t hw_id,
                const uint8_t *signed_part, size_t len,
                uint8_t mac[SIMSIG_MAC_LEN])
{
    uint8_t key[SIMSIG_KEY_LEN];
    uint8_t ids[8];
    g_autoptr(GHmac) h = NULL;
    gsize n = SIMSIG_MAC_LEN;

    simsig_key(key_id, key);
    for (int i = 0; i < 4; i++) {
        ids[i] = sw_id >> (8 * i);
        ids[4 + i] = hw_id >> (8 * i);
    }
    h = g_hmac_new(G_CHECKSUM_SHA256, key, sizeof(key));
    g_hmac_update(h, ids, sizeof(ids));
    g_hmac_update(h, signed_part, len);
    g_hmac_get_digest(h, mac, &n);
}

bool simsig_verify(const MbnMeta *meta, uint32_t expected_sw_id, uint32_t hw_id,
                   MbnError *err)
{
    uint8_t mac[SIMSIG_MAC_LEN];

    if (!meta->has_simm) {
        return rp_error_set(err, MBN_E_KEY, -1, "no SIMM block: not signed for the simulator");
    }
    if (meta->simm.key_id != SIMSIG_KEY_ID) {
        return rp_error_set(err, MBN_E_KEY, -1, "signed with key %u, the simulator trusts key %u",
                      meta->simm.key_id, SIMSIG_KEY_ID);
    }
    if (meta->sig_len != SIMSIG_MAC_LEN) {
        return rp_error_set(err, MBN_E_SIGNATURE, -1, "signature of %u bytes, want %d",
                      meta->sig_len, SIMSIG_MAC_LEN);
    }
    simsig_mac(meta->simm.key_id, meta->simm.sw_id, meta->simm.hw_id,
               meta->blob + meta->hashseg_off, meta->signed_len, mac);
    if (!mbn_ct_equal(mac, meta->blob + meta->sig_off, SIMSIG_MAC_LEN)) {
        return rp_error_set(err, MBN_E_SIGNATURE, -1,
                      "signature does not verify (header, metadata or hash table changed)");
    }
    if (meta->simm.sw_id != expected_sw_id) {
        return rp_error_set(err, MBN_E_SWID, -1, "image sw_id 0x%x, this pas_id wants 0x%x",
                      meta->simm.sw_id, expected_sw_id);
    }
    if (meta->simm.hw_id != hw_id) {
        return rp_error_set(err, MBN_E_SWID, -1, "image hw_id 0x%x, this SoC is 0x%x",
                      meta->simm.hw_id, hw_id);
    }
    rp_error_clear(err);
    return true;
}
