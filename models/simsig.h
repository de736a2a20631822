/*
 * rprocsim models: SIMSIG-1, the simulator's image signature.
 *
 * Real TrustZone verifies an RSA/ECDSA signature chained to a Qualcomm or
 * OEM root. The simulator keeps the MBN container but signs with
 * HMAC-SHA256 under a simulator key (docs/firmware-images.md):
 *
 *   message   = le32(sw_id) || le32(hw_id) || hash segment bytes covered by
 *               the signature (header, metadata, hash table)
 *   signature = HMAC-SHA256(key[key_id], message), 32 bytes, in the OEM
 *               signature slot
 *
 * sw_id, hw_id and key_id come from the image's SIMM block. The only key
 * TrustZone trusts is SIMSIG_KEY_ID; others exist so that tests can sign
 * with a key the simulator does not know.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_SIMSIG_H
#define RPROCSIM_MODELS_SIMSIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SIMSIG_KEY_ID           1       /* the simulator root of trust */
#define SIMSIG_KEY_LEN          32
#define SIMSIG_MAC_LEN          32

/* The hardware ID the simulated SoC reports (a simulator value). */
#define SIMSIG_HW_ID            0x00006490u

/*
 * The key for @key_id (any value; each gives a distinct key): SHA-256 of
 * "rprocsim SIMSIG-1 key <key_id>". Only SIMSIG_KEY_ID is trusted.
 */
void simsig_key(uint32_t key_id, uint8_t key[SIMSIG_KEY_LEN]);

/* HMAC-SHA256 of the SIMSIG-1 message for @signed_part (@len bytes). */
void simsig_mac(uint32_t key_id, uint32_t sw_id, uint32_t hw_id,
                const uint8_t *signed_part, size_t len,
                uint8_t mac[SIMSIG_MAC_LEN]);

/*
 * Verify @meta's SIMSIG-1 signature for an image that must carry
 * @expected_sw_id (the pas_id's) and @hw_id. Checks, in order: a SIMM block
 * naming the trusted key (else MBN_E_KEY, I9), the signature (MBN_E_SIGNATURE,
 * I8), then sw_id and hw_id (MBN_E_SWID, I10). Fills @err on failure.
 */
struct MbnMeta;
struct RpError;
bool simsig_verify(const struct MbnMeta *meta, uint32_t expected_sw_id,
                   uint32_t hw_id, struct RpError *err);

#endif /* RPROCSIM_MODELS_SIMSIG_H */
