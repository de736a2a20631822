/*
 * rprocsim models: cmd-db blob builder and the sc7280 resource table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cmd-db.h"

#include "rprocsim/bytes.h"

#include <glib.h>
#include <string.h>

/*
 * ARC level table: off, RETENTION, MIN_SVS, LOW_SVS, SVS, SVS_L1, NOM,
 * NOM_L1, TURBO, TURBO_L1 (include/dt-bindings/power/qcom,rpmhpd.h),
 * little-endian u16. rpmhpd votes the index into it.
 */
static const uint8_t arc_levels[] = {
    0, 0, 16, 0, 48, 0, 64, 0, 128, 0, 192, 0, 0, 1, 64, 1, 128, 1, 160, 1,
};

/* BCM aux: u32 unit (kHz) 1000, u16 width 1, u8 vcd 0, u8 reserved */
static const uint8_t bcm_aux[] = { 0xe8, 0x03, 0, 0, 1, 0, 0, 0 };

static const CmdDbEntry sc7280[] = {
    /* rpmhpd (rpmhpd.c sc7280_rpmhpds) */
    { "cx.lvl", 0x30000, arc_levels, sizeof(arc_levels) },
    { "mx.lvl", 0x30010, arc_levels, sizeof(arc_levels) },
    { "ebi.lvl", 0x30020, arc_levels, sizeof(arc_levels) },
    { "lcx.lvl", 0x30030, arc_levels, sizeof(arc_levels) },
    { "lmx.lvl", 0x30040, arc_levels, sizeof(arc_levels) },
    { "gfx.lvl", 0x30050, arc_levels, sizeof(arc_levels) },
    { "mss.lvl", 0x30060, arc_levels, sizeof(arc_levels) },
    /* clk-rpmh (clk-rpmh.c sc7280_rpmh_clocks) */
    { "xo.lvl", 0x30070, NULL, 0 },
    { "lnbclka2", 0x40100, NULL, 0 },
    { "rfclka1", 0x40200, NULL, 0 },
    { "rfclka3", 0x40300, NULL, 0 },
    { "rfclka4", 0x40400, NULL, 0 },
    { "IP0", 0x50000, bcm_aux, sizeof(bcm_aux) },
    { "PKA0", 0x50010, bcm_aux, sizeof(bcm_aux) },
    { "HK0", 0x50020, bcm_aux, sizeof(bcm_aux) },
};

const CmdDbEntry *cmd_db_sc7280(unsigned *n)
{
    *n = G_N_ELEMENTS(sc7280);
    return sc7280;
}

size_t cmd_db_build(uint8_t *buf, size_t size, const CmdDbEntry *entries,
                    unsigned n, char *err, size_t err_len)
{
    unsigned slaves[CMD_DB_MAX_SLAVES], nslaves = 0;
    size_t aux_total = 0, hdr_at = 0, aux_at, used;
    uint8_t *data = buf + CMD_DB_HEADER_SIZE;

    for (unsigned i = 0; i < n; i++) {
        unsigned slv = cmd_db_slave(entries[i].addr);
        bool known = false;

        if (strlen(entries[i].id) > CMD_DB_ID_LEN) {
            g_snprintf(err, err_len, "id '%s' longer than 8 characters", entries[i].id);
            return 0;
        }
        if (slv == 0) {
            g_snprintf(err, err_len, "'%s' at 0x%x has slave id 0", entries[i].id,
                       entries[i].addr);
            return 0;
        }
        for (unsigned s = 0; s < nslaves; s++) {
            known |= slaves[s] == slv;
        }
        if (!known) {
            if (nslaves == CMD_DB_MAX_SLAVES - 1) {     /* keep a terminator */
                g_snprintf(err, err_len, "more than %d slave types", CMD_DB_MAX_SLAVES - 1);
                return 0;
            }
            slaves[nslaves++] = slv;
        }
        aux_total += entries[i].aux_len;
    }
    used = CMD_DB_HEADER_SIZE + (size_t)n * CMD_DB_ENTRY_SIZE + aux_total;
    if (used > size || used - CMD_DB_HEADER_SIZE > G_MAXUINT16) {
        g_snprintf(err, err_len, "cmd-db of %zu bytes does not fit in %zu", used, size);
        return 0;
    }
    memset(buf, 0, size);
    rp_put_le32(buf, 1);                          /* version */
    rp_put_le32(buf + 4, CMD_DB_MAGIC);

    /* entry headers of each slave together, then the aux data of each slave */
    aux_at = (size_t)n * CMD_DB_ENTRY_SIZE;
    for (unsigned s = 0; s < nslaves; s++) {
        uint8_t *rh = buf + 8 + 16 * s;
        size_t data_off = aux_at, aux_off = 0;
        uint16_t cnt = 0;

        rp_put_le16(rh, slaves[s]);
        rp_put_le16(rh + 2, hdr_at);
        rp_put_le16(rh + 4, data_off);
        for (unsigned i = 0; i < n; i++) {
            uint8_t *e;

            if (cmd_db_slave(entries[i].addr) != slaves[s]) {
                continue;
            }
            e = data + hdr_at;
            strncpy((char *)e, entries[i].id, CMD_DB_ID_LEN);
            rp_put_le32(e + 16, entries[i].addr);
            rp_put_le16(e + 20, entries[i].aux_len);
            rp_put_le16(e + 22, aux_off);
            if (entries[i].aux_len) {
                memcpy(data + data_off + aux_off, entries[i].aux, entries[i].aux_len);
            }
            aux_off += entries[i].aux_len;
            hdr_at += CMD_DB_ENTRY_SIZE;
            cnt++;
        }
        rp_put_le16(rh + 6, cnt);
        aux_at += aux_off;
    }
    return used;
}

const CmdDbEntry *cmd_db_lookup_addr(const CmdDbEntry *entries, unsigned n,
                                     uint32_t addr)
{
    for (unsigned i = 0; i < n; i++) {
        if (entries[i].addr == (addr & ~0xfu)) {
            return &entries[i];
        }
    }
    return NULL;
}
