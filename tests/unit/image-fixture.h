/*
 * Test fixtures for the TrustZone models: synthetic firmware ELF files, a
 * sparse fake guest memory, and loading an image into it as Linux's
 * mdt_loader does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_TESTS_IMAGE_FIXTURE_H
#define RPROCSIM_TESTS_IMAGE_FIXTURE_H

#include <glib.h>
#include "mbn-build.h"
#include "mdt-load.h"
#include "pas.h"

/* Test carveout for "adsp" (small, so tests stay light) and metadata address */
#define FX_DRAM_BASE        0x80000000ull
#define FX_DRAM_SIZE        0x40000000ull
#define FX_CARVEOUT_BASE    0x86100000ull
#define FX_CARVEOUT_SIZE    0x00100000ull
#define FX_META_PHYS        0x90000000ull

typedef struct FxSeg {
    uint32_t paddr, filesz, memsz, flags;
} FxSeg;

/*
 * An ELF32 LE executable (EM_ARM) with @n PT_LOAD segments as given, their
 * file bytes a pattern derived from the segment index, plus a
 * PT_GNU_STACK header the packer must drop. Entry = first segment's paddr.
 */
GByteArray *fx_elf(const FxSeg *segs, unsigned n);

/* The default two-segment firmware inside the test carveout */
GByteArray *fx_default_elf(void);

/* Pack fx_default_elf() for adsp with @o's defects/version (sw_id etc. filled in) */
void fx_pack(MbnImage *img, const MbnBuildOptions *o);

/* The fake guest memory: models/mdt-load.h's, with the two regions below */
typedef MdtMem FxMem;

/* DRAM pieces backing the metadata buffer (FX_META_PHYS) and the carveout */
void fx_mem_init(FxMem *m);
void fx_mem_free(FxMem *m);
bool fx_mem_read(void *opaque, uint64_t addr, void *buf, size_t len);
bool fx_mem_write(FxMem *m, uint64_t addr, const void *data, size_t len);

/*
 * Put @img where Linux would (mdt_read_metadata() and mdt_load() of
 * models/mdt-load.h, from the whole .mbn): the metadata blob (.mdt bytes)
 * at FX_META_PHYS, each loadable segment at p_paddr or, for a relocatable
 * image, at FX_CARVEOUT_BASE + (p_paddr - min p_paddr), zero-filled to
 * p_memsz.
 */
void fx_load(FxMem *m, const MbnImage *img);

/* Remove folder @dir and the files in it (test scratch folders). */
void fx_rm_dir(const char *dir);

/*
 * pas_id and sw_id of the aDSP and cDSP of qcs6490-sim, as the tests write
 * them (boards/qcs6490-subsys.c is the source; test-pas checks they agree)
 */
#define PAS_ID_ADSP     1
#define PAS_ID_CDSP     18
#define PAS_SW_ID_ADSP  0x04
#define PAS_SW_ID_CDSP  0x17

/* The one subsystem the PAS tests use: adsp on the test carveout */
extern const RprocsimSubsys fx_subsys[1];

#endif /* RPROCSIM_TESTS_IMAGE_FIXTURE_H */
