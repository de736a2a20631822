/*
 * Test fixtures for the TrustZone models.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "image-fixture.h"
#include "elf-fixture.h"
#include "simsig.h"

#include <glib/gstdio.h>

#include <string.h>

const RprocsimSubsys fx_subsys[1] = {
    { .name = "adsp", .pas_id = PAS_ID_ADSP, .sw_id = PAS_SW_ID_ADSP,
      .carveout_base = FX_CARVEOUT_BASE, .carveout_size = FX_CARVEOUT_SIZE },
};

GByteArray *fx_elf(const FxSeg *segs, unsigned n)
{
    unsigned phnum = n + 1;
    g_autofree Elf32Phdr *ph = g_new0(Elf32Phdr, phnum);
    FxElfSpec spec = { .size = ELF32_EHDR_SIZE + ELF32_PHDR_SIZE * phnum, .type = ET_EXEC, .machine = EM_ARM,
                       .entry = segs[0].paddr, .phoff = ELF32_EHDR_SIZE, .ph = ph,
                       .phnum = phnum };
    GByteArray *a;

    for (unsigned i = 0; i < n; i++) {
        ph[i] = (Elf32Phdr){
            .p_type = PT_LOAD, .p_offset = spec.size, .p_vaddr = segs[i].paddr,
            .p_paddr = segs[i].paddr, .p_filesz = segs[i].filesz,
            .p_memsz = segs[i].memsz, .p_flags = segs[i].flags, .p_align = 4,
        };
        spec.size += segs[i].filesz;
    }
    ph[n].p_type = 0x6474e551;          /* PT_GNU_STACK: dropped by the packer */
    a = fx_elf_build(&spec);
    for (unsigned i = 0; i < n; i++) {
        for (uint32_t b = 0; b < segs[i].filesz; b++) {
            a->data[ph[i].p_offset + b] = (uint8_t)(b * 7 + i * 31 + 1);
        }
    }
    return a;
}

GByteArray *fx_default_elf(void)
{
    const FxSeg segs[] = {
        { FX_CARVEOUT_BASE, 0x300, 0x1000, 5 },             /* text: R X */
        { FX_CARVEOUT_BASE + 0x1000, 0x80, 0x2000, 6 },     /* data + bss: R W */
    };

    return fx_elf(segs, G_N_ELEMENTS(segs));
}

void fx_pack(MbnImage *img, const MbnBuildOptions *opts)
{
    g_autoptr(GByteArray) elf = fx_default_elf();
    MbnBuildOptions o = *opts;
    g_autoptr(GError) err = NULL;

    if (!o.sw_id) {
        o.sw_id = PAS_SW_ID_ADSP;
    }
    if (!o.hw_id) {
        o.hw_id = SIMSIG_HW_ID;
    }
    if (!o.key_id) {
        o.key_id = SIMSIG_KEY_ID;
    }
    if (!mbn_build(elf->data, elf->len, &o, img, &err)) {
        g_error("fixture image: %s", err->message);
    }
}

void fx_mem_init(FxMem *m)
{
    mdt_mem_init(m);
    g_assert(mdt_mem_add(m, FX_META_PHYS, MBN_MAX_BLOB + 4096));
    g_assert(mdt_mem_add(m, FX_CARVEOUT_BASE, FX_CARVEOUT_SIZE));
}

void fx_mem_free(FxMem *m)
{
    mdt_mem_free(m);
}

bool fx_mem_read(void *opaque, uint64_t addr, void *buf, size_t len)
{
    return mdt_mem_read(opaque, addr, buf, len);
}

bool fx_mem_write(FxMem *m, uint64_t addr, const void *data, size_t len)
{
    return mdt_mem_write(m, addr, data, len);
}

void fx_load(FxMem *m, const MbnImage *img)
{
    g_autofree uint8_t *blob = NULL;
    size_t blob_len;
    MdtImage layout;
    MdtError err;

    g_assert(mdt_parse(img->mbn->data, img->mbn->len, &layout, &err));
    blob = mdt_read_metadata(&layout, img->mbn->data, img->mbn->len, NULL, NULL,
                             &blob_len, &err);
    g_assert(blob);
    g_assert(fx_mem_write(m, FX_META_PHYS, blob, blob_len));
    if (!mdt_load(&layout, img->mbn->data, img->mbn->len, NULL, NULL, m,
                  FX_CARVEOUT_BASE, FX_CARVEOUT_SIZE, NULL, &err)) {
        g_error("fixture load: %s", err.detail);
    }
}

void fx_rm_dir(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(dir, name, NULL);

        g_unlink(p);
    }
    g_rmdir(dir);
}
