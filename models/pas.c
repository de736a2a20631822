/*
 * rprocsim models: the TrustZone Peripheral Authentication Service.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pas.h"
#include "simsig.h"
#include "smccc.h"

#include <glib.h>
#include <stdarg.h>
#include <string.h>

#define SEGMENT_CHUNK   (64 * 1024)

static const char *const cause_names[PAS_CAUSE_COUNT] = {
    [PAS_CAUSE_NONE] = "ok",
    [PAS_I1_UNKNOWN_PAS_ID] = "I1 unknown pas_id",
    [PAS_I2_METADATA_UNREADABLE] = "I2 metadata not readable",
    [PAS_I3_NOT_ELF32] = "I3 not an ELF32 image",
    [PAS_I4_BAD_PHDR0] = "I4 bad ELF-header phdr",
    [PAS_I5_BAD_HASH_SEGMENT] = "I5 bad hash segment",
    [PAS_I6_UNSUPPORTED_VERSION] = "I6 unsupported MBN version",
    [PAS_I7_HASH_TABLE_SIZE] = "I7 hash table size",
    [PAS_I8_BAD_SIGNATURE] = "I8 signature invalid",
    [PAS_I9_UNTRUSTED_KEY] = "I9 untrusted key",
    [PAS_I10_WRONG_SW_ID] = "I10 wrong sw_id",
    [PAS_I11_HEADER_HASH] = "I11 header hash mismatch",
    [PAS_I12_BAD_LAYOUT] = "I12 bad segment layout",
    [PAS_I13_BUSY] = "I13 subsystem running",
    [PAS_A1_AUTH_WRONG_STATE] = "A1 auth without init",
    [PAS_A2_SEGMENT_HASH] = "A2 segment hash mismatch",
    [PAS_A3_SEGMENT_UNREADABLE] = "A3 segment outside carveout",
    [PAS_M1_MEMSETUP_WRONG_STATE] = "M1 mem_setup without init",
    [PAS_M2_MEMSETUP_RANGE] = "M2 mem_setup region refused",
    [PAS_F1_SHUTDOWN_INJECTED] = "F1 shutdown failure injected",
};

const char *pas_cause_name(PasCause cause)
{
    return cause < PAS_CAUSE_COUNT ? cause_names[cause] : "unknown";
}

const char *pas_state_name(PasState state)
{
    switch (state) {
    case PAS_STATE_IDLE:
        return "idle";
    case PAS_STATE_INITED:
        return "inited";
    case PAS_STATE_MEMSET:
        return "memset";
    case PAS_STATE_RUNNING:
        return "running";
    }
    return "invalid";
}

static PasResult done(void)
{
    return (PasResult){ .status = SCM_OK, .cause = PAS_CAUSE_NONE, .segment = -1 };
}

static PasResult refuse(int64_t status, PasCause cause, int segment,
                        const char *fmt, ...) G_GNUC_PRINTF(4, 5);
static PasResult refuse(int64_t status, PasCause cause, int segment,
                        const char *fmt, ...)
{
    PasResult r = { .status = status, .cause = cause, .segment = segment };
    va_list ap;

    va_start(ap, fmt);
    g_vsnprintf(r.detail, sizeof(r.detail), fmt, ap);
    va_end(ap);
    return r;
}

void pas_init(PasService *s, const RprocsimSubsys *subsys, unsigned count,
              uint64_t dram_base, uint64_t dram_size, uint32_t hw_id)
{
    memset(s, 0, sizeof(*s));
    s->subsys = subsys;
    s->count = MIN(count, PAS_MAX_SUBSYS);
    s->dram_base = dram_base;
    s->dram_size = dram_size;
    s->hw_id = hw_id;
}

void pas_reset(PasService *s)
{
    for (unsigned i = 0; i < s->count; i++) {
        mbn_meta_clear(&s->slot[i].meta);
        memset(&s->slot[i], 0, sizeof(s->slot[i]));
    }
}

int pas_index(const PasService *s, uint32_t pas_id)
{
    for (unsigned i = 0; i < s->count; i++) {
        if (s->subsys[i].pas_id == pas_id) {
            return i;
        }
    }
    return -1;
}

bool pas_supported(const PasService *s, uint32_t pas_id)
{
    return pas_index(s, pas_id) >= 0;
}

/* True if [addr, addr + len) lies within [base, base + size). */
static bool within(uint64_t addr, uint64_t len, uint64_t base, uint64_t size)
{
    return addr >= base && addr - base <= size && len <= size - (addr - base);
}

typedef struct MetaReader {
    const PasService *s;
    uint64_t phys;
    PasReadFn read;
    void *opaque;
} MetaReader;

static bool read_meta(void *opaque, uint64_t offset, void *buf, size_t len)
{
    MetaReader *m = opaque;
    uint64_t addr = m->phys + offset;

    if (addr < m->phys ||
        !within(addr, len, m->s->dram_base, m->s->dram_size)) {
        return false;
    }
    return m->read(m->opaque, addr, buf, len);
}

static PasResult from_mbn(const MbnError *e)
{
    static const struct { PasCause cause; int64_t status; } map[] = {
        [MBN_E_READ] = { PAS_I2_METADATA_UNREADABLE, SCM_EINVAL_ARG },
        [MBN_E_ELF] = { PAS_I3_NOT_ELF32, SCM_EINVAL_ADDR },
        [MBN_E_PHDR0] = { PAS_I4_BAD_PHDR0, SCM_EINVAL_ADDR },
        [MBN_E_HASHSEG] = { PAS_I5_BAD_HASH_SEGMENT, SCM_EINVAL_ADDR },
        [MBN_E_VERSION] = { PAS_I6_UNSUPPORTED_VERSION, SCM_EINVAL_ADDR },
        [MBN_E_HASHSIZE] = { PAS_I7_HASH_TABLE_SIZE, SCM_EINVAL_ADDR },
        [MBN_E_SIGNATURE] = { PAS_I8_BAD_SIGNATURE, SCM_ERROR },
        [MBN_E_KEY] = { PAS_I9_UNTRUSTED_KEY, SCM_ERROR },
        [MBN_E_SWID] = { PAS_I10_WRONG_SW_ID, SCM_ERROR },
        [MBN_E_HDRHASH] = { PAS_I11_HEADER_HASH, SCM_EINVAL_ADDR },
        [MBN_E_LAYOUT] = { PAS_I12_BAD_LAYOUT, SCM_EINVAL_ADDR },
    };

    if (e->code <= MBN_OK || (size_t)e->code >= G_N_ELEMENTS(map) || !map[e->code].cause) {
        return refuse(SCM_ERROR, PAS_I5_BAD_HASH_SEGMENT, e->segment, "%s", e->detail);
    }
    return refuse(map[e->code].status, map[e->code].cause, e->segment, "%s", e->detail);
}

PasResult pas_init_image(PasService *s, uint32_t pas_id, uint64_t meta_phys,
                         PasReadFn read, void *opaque)
{
    int idx = pas_index(s, pas_id);
    MetaReader reader = { .s = s, .phys = meta_phys, .read = read, .opaque = opaque };
    const RprocsimSubsys *sub;
    PasSlot *slot;
    MbnMeta meta;
    MbnError err;

    if (idx < 0) {
        return refuse(SCM_EOPNOTSUPP, PAS_I1_UNKNOWN_PAS_ID, -1, "pas_id %u", pas_id);
    }
    sub = &s->subsys[idx];
    slot = &s->slot[idx];
    if (slot->state == PAS_STATE_RUNNING) {
        return refuse(SCM_EINVAL_ADDR, PAS_I13_BUSY, -1, "%s is running", sub->name);
    }
    /* whatever was initialised before is dropped, as a failed re-init leaves nothing */
    mbn_meta_clear(&slot->meta);
    slot->state = PAS_STATE_IDLE;
    slot->mem_base = slot->mem_size = 0;

    if (!mbn_read_metadata(read_meta, &reader, &meta, &err)) {
        return from_mbn(&err);
    }
    if (!simsig_verify(&meta, sub->sw_id, s->hw_id, &err) ||
        !mbn_check_image(&meta, sub->carveout_base, sub->carveout_size, &err)) {
        mbn_meta_clear(&meta);
        return from_mbn(&err);
    }
    slot->meta = meta;
    slot->state = PAS_STATE_INITED;
    return done();
}

PasResult pas_mem_setup(PasService *s, uint32_t pas_id, uint64_t addr, uint64_t size)
{
    int idx = pas_index(s, pas_id);
    const RprocsimSubsys *sub;
    PasSlot *slot;
    uint64_t need;

    if (idx < 0) {
        return refuse(SCM_EOPNOTSUPP, PAS_I1_UNKNOWN_PAS_ID, -1, "pas_id %u", pas_id);
    }
    sub = &s->subsys[idx];
    slot = &s->slot[idx];
    if (slot->state != PAS_STATE_INITED && slot->state != PAS_STATE_MEMSET) {
        return refuse(SCM_EINVAL_ADDR, PAS_M1_MEMSETUP_WRONG_STATE, -1,
                      "%s is %s", sub->name, pas_state_name(slot->state));
    }
    need = slot->meta.max_end - slot->meta.min_paddr;
    if ((addr & 0xfff) || size < need ||
        !within(addr, size, sub->carveout_base, sub->carveout_size)) {
        return refuse(SCM_EINVAL_ARG, PAS_M2_MEMSETUP_RANGE, -1,
                      "region [0x%" G_GINT64_MODIFIER "x +0x%" G_GINT64_MODIFIER
                      "x) for an image of 0x%" G_GINT64_MODIFIER "x bytes, carveout "
                      "[0x%" G_GINT64_MODIFIER "x +0x%" G_GINT64_MODIFIER "x)",
                      addr, size, need, sub->carveout_base, sub->carveout_size);
    }
    slot->mem_base = addr;
    slot->mem_size = size;
    slot->state = PAS_STATE_MEMSET;
    return done();
}

/* Hash @len bytes of guest memory at @addr with the image's algorithm. */
static bool hash_guest(const MbnMeta *meta, uint64_t addr, uint64_t len,
                       PasReadFn read, void *opaque, uint8_t *digest)
{
    g_autoptr(GChecksum) c = g_checksum_new(meta->digest_len == MBN_SHA384_LEN ?
                                            G_CHECKSUM_SHA384 : G_CHECKSUM_SHA256);
    g_autofree uint8_t *buf = g_malloc(SEGMENT_CHUNK);
    gsize n = meta->digest_len;

    for (uint64_t off = 0; off < len; off += SEGMENT_CHUNK) {
        size_t chunk = MIN(SEGMENT_CHUNK, len - off);

        if (!read(opaque, addr + off, buf, chunk)) {
            return false;
        }
        g_checksum_update(c, buf, chunk);
    }
    g_checksum_get_digest(c, digest, &n);
    return true;
}

PasResult pas_auth_and_reset(PasService *s, uint32_t pas_id, PasReadFn read,
                             void *opaque)
{
    int idx = pas_index(s, pas_id);
    const RprocsimSubsys *sub;
    PasSlot *slot;
    const MbnMeta *meta;
    uint64_t base;

    if (idx < 0) {
        return refuse(SCM_EOPNOTSUPP, PAS_I1_UNKNOWN_PAS_ID, -1, "pas_id %u", pas_id);
    }
    sub = &s->subsys[idx];
    slot = &s->slot[idx];
    meta = &slot->meta;
    if (slot->state == PAS_STATE_RUNNING) {
        return refuse(SCM_EINVAL_ADDR, PAS_I13_BUSY, -1, "%s is running", sub->name);
    }
    if (slot->state == PAS_STATE_IDLE ||
        (meta->relocatable && slot->state != PAS_STATE_MEMSET)) {
        return refuse(SCM_EINVAL_ADDR, PAS_A1_AUTH_WRONG_STATE, -1,
                      "%s is %s%s", sub->name, pas_state_name(slot->state),
                      meta->relocatable ? " (relocatable image needs MEM_SETUP)" : "");
    }
    base = meta->relocatable ? slot->mem_base : meta->min_paddr;

    for (unsigned i = 0; i < meta->phnum; i++) {
        const MbnPhdr *p = &meta->phdr[i];
        uint8_t digest[MBN_MAX_DIGEST];
        uint64_t addr;

        if (!mbn_segment_hashed(meta, i)) {
            continue;
        }
        addr = meta->relocatable ? base + (p->paddr - meta->min_paddr) : p->paddr;
        if (!within(addr, p->filesz, sub->carveout_base, sub->carveout_size) ||
            !hash_guest(meta, addr, p->filesz, read, opaque, digest)) {
            return refuse(SCM_EINVAL_ADDR, PAS_A3_SEGMENT_UNREADABLE, i,
                          "segment %u at 0x%" G_GINT64_MODIFIER "x (+0x%x) is not "
                          "in the carveout", i, addr, p->filesz);
        }
        if (!mbn_ct_equal(digest, mbn_hash_entry(meta, i), meta->digest_len)) {
            return refuse(SCM_EINVAL_ADDR, PAS_A2_SEGMENT_HASH, i,
                          "segment %u at 0x%" G_GINT64_MODIFIER "x (+0x%x) does not "
                          "match its hash", i, addr, p->filesz);
        }
    }
    slot->load_base = base;
    /* as the image states it: the core starts from its vector table at load_base */
    slot->entry = meta->e_entry;
    slot->state = PAS_STATE_RUNNING;
    slot->boots++;
    return done();
}

PasResult pas_shutdown(PasService *s, uint32_t pas_id)
{
    int idx = pas_index(s, pas_id);

    if (idx < 0) {
        return refuse(SCM_EOPNOTSUPP, PAS_I1_UNKNOWN_PAS_ID, -1, "pas_id %u", pas_id);
    }
    s->slot[idx].shutdowns++;
    if (s->slot[idx].fail_shutdown) {
        s->slot[idx].fail_shutdown = false;
        return refuse(SCM_ERROR, PAS_F1_SHUTDOWN_INJECTED, -1,
                      "pas_id %u stays %s", pas_id, pas_state_name(s->slot[idx].state));
    }
    mbn_meta_clear(&s->slot[idx].meta);
    s->slot[idx].state = PAS_STATE_IDLE;
    s->slot[idx].mem_base = s->slot[idx].mem_size = 0;
    return done();
}
