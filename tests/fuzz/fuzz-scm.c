/*
 * libFuzzer target: the SCM dispatcher and PAS state machine
 * (models/scm.c, models/pas.c) driven by a sequence of SMCs against a guest
 * memory the input fills. Aborts if the model ever reads outside DRAM or
 * answers a code the kernel would loop or sleep on.
 *
 * Input: 2-byte length L1, L1 bytes placed at the metadata address; 2-byte
 * length L2, L2 bytes placed at the start of the adsp carveout; then 25-byte
 * calls: selector, x2, x3, x4 (gen-corpus.c writes seeds in this format).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scm.h"
#include "simsig.h"

#define DRAM_BASE   0x80000000ull
#define DRAM_SIZE   0x40000000ull
#define META_PHYS   0x90000000ull
#define CARVE_BASE  0x86100000ull
#define CARVE_SIZE  0x00010000ull

#define PAS_ID_ADSP 1           /* as boards/qcs6490-subsys.c */
#define PAS_ID_CDSP 18

/* aDSP and cDSP on two small test carveouts */
static const RprocsimSubsys subsys[] = {
    { .name = "adsp", .pas_id = PAS_ID_ADSP, .sw_id = 0x04,
      .carveout_base = CARVE_BASE, .carveout_size = CARVE_SIZE },
    { .name = "cdsp", .pas_id = PAS_ID_CDSP, .sw_id = 0x17,
      .carveout_base = CARVE_BASE + CARVE_SIZE, .carveout_size = CARVE_SIZE },
};

static const uint64_t fns[] = {
    0xC2000601, 0x42000601, 0xC2000501, 0xC2000502, 0x42000109, 0x42000603,
    0xC2002404, 0x42000201, 0x42000202, 0x42000205, 0x42000206, 0x42000207,
    0x82000601, 0x02000201, 0xC2010601,
};

typedef struct Mem {
    uint8_t meta[0x11000];
    uint8_t carve[2 * CARVE_SIZE];
} Mem;

static bool mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    Mem *m = opaque;

    if (addr < DRAM_BASE || addr - DRAM_BASE > DRAM_SIZE ||
        len > DRAM_SIZE - (addr - DRAM_BASE)) {
        abort();        /* the model must bound every read to DRAM itself */
    }
    if (addr >= META_PHYS && addr - META_PHYS <= sizeof(m->meta) &&
        len <= sizeof(m->meta) - (addr - META_PHYS)) {
        memcpy(buf, m->meta + (addr - META_PHYS), len);
        return true;
    }
    if (addr >= CARVE_BASE && addr - CARVE_BASE <= sizeof(m->carve) &&
        len <= sizeof(m->carve) - (addr - CARVE_BASE)) {
        memcpy(buf, m->carve + (addr - CARVE_BASE), len);
        return true;
    }
    return false;
}

static const ScmOps ops = { .read_phys = mem_read };

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--) {
        v = v << 8 | p[i];
    }
    return v;
}

/* Take a 2-byte length and that many bytes (at most @cap) into @dst. */
static bool take(const uint8_t **data, size_t *size, uint8_t *dst, size_t cap)
{
    size_t len;

    if (*size < 2) {
        return false;
    }
    len = (size_t)((*data)[0] | (*data)[1] << 8);
    *data += 2;
    *size -= 2;
    len = len < *size ? len : *size;
    memcpy(dst, *data, len < cap ? len : cap);
    *data += len;
    *size -= len;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Mem mem;
    ScmState s;

    memset(&mem, 0, sizeof(mem));
    if (!take(&data, &size, mem.meta, sizeof(mem.meta)) ||
        !take(&data, &size, mem.carve, sizeof(mem.carve))) {
        return 0;
    }

    scm_init(&s, subsys, 2, DRAM_BASE, DRAM_SIZE, SIMSIG_HW_ID);
    for (; size >= 25; data += 25, size -= 25) {
        uint64_t regs[8] = { 0 }, out[4];
        uint8_t sel = data[0];
        ScmReport rep;

        regs[0] = sel < 240 ? fns[sel % (sizeof(fns) / sizeof(fns[0]))] : le64(data + 1);
        regs[1] = 0x82;
        regs[2] = sel & 0x80 ? le64(data + 1) : (sel & 0x40 ? PAS_ID_CDSP : PAS_ID_ADSP);
        if (sel & 0x20) {
            regs[3] = le64(data + 9);
            regs[4] = le64(data + 17);
        } else if (regs[0] == 0x42000202) {     /* MEM_SETUP: the carveout */
            regs[3] = CARVE_BASE + (data[9] & 0x1f) * 0x800;
            regs[4] = 0x3000;
        } else {
            regs[3] = META_PHYS + (data[9] & 0xf);
        }
        if (scm_smc(&s, &ops, &mem, regs, out, &rep)) {
            int64_t st = (int64_t)out[0];

            if (st == SCM_INTERRUPTED || st == SCM_WAITQ_SLEEP || st == SCM_EBUSY) {
                abort();
            }
        }
    }
    pas_reset(&s.pas);
    return 0;
}
