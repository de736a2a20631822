/*
 * rprocsim pack: turn a firmware ELF into a signed MBN image the simulated
 * TrustZone accepts (models/mbn-build.c), and optionally its split form
 * (.mdt + .bNN). Deliberately bad images for tests come from --defect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "subsys.h"
#include "mbn-build.h"
#include "pas.h"
#include "simsig.h"

#include <stdio.h>
#include <string.h>

static const char *const defects[] = {
    "tampered-segment", "wrong-key", "wrong-sw-id", "truncated-hash-segment", NULL
};

static gboolean write_file(const char *path, const uint8_t *data, size_t len)
{
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents(path, (const char *)data, len, &err)) {
        fprintf(stderr, "rprocsim pack: %s\n", err->message);
        return FALSE;
    }
    return TRUE;
}

/* OUT.mbn -> OUT.mdt and OUT.bNN, as mdt_loader.c names them */
static gboolean write_split(const char *out, const MbnImage *img)
{
    g_autofree char *stem = g_str_has_suffix(out, ".mbn") ?
        g_strndup(out, strlen(out) - 4) : g_strdup(out);
    g_autofree char *mdt = g_strdup_printf("%s.mdt", stem);

    if (!write_file(mdt, img->mdt->data, img->mdt->len)) {
        return FALSE;
    }
    for (unsigned i = 0; i < img->phnum; i++) {
        size_t len;
        const uint8_t *seg = mbn_image_segment(img, i, &len);
        g_autofree char *name = g_strdup_printf("%s.b%02u", stem, i);

        if (seg && !write_file(name, seg, len)) {
            return FALSE;
        }
    }
    return TRUE;
}

int rp_cmd_pack(int argc, char **argv)
{
    g_autofree char *out = NULL, *subsystem = NULL, *defect = NULL;
    gboolean split = FALSE, relocatable = FALSE;
    int version = 6, sw_id = -1, rollback = 0;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
          "the image to write (FILE.mbn)", "FILE" },
        { "subsystem", 's', 0, G_OPTION_ARG_STRING, &subsystem,
          "a subsystem of qcs6490-sim (adsp, cdsp, wpss): sets the sw_id TrustZone "
          "expects", "NAME" },
        { "sw-id", 0, 0, G_OPTION_ARG_INT, &sw_id,
          "software ID to sign for, instead of --subsystem's", "N" },
        { "split", 0, 0, G_OPTION_ARG_NONE, &split,
          "also write FILE.mdt and FILE.bNN (the split layout)", NULL },
        { "mbn-version", 0, 0, G_OPTION_ARG_INT, &version,
          "hash segment version: 6 (SHA-384, default), 5 or 3 (SHA-256)", "V" },
        { "relocatable", 0, 0, G_OPTION_ARG_NONE, &relocatable,
          "mark the segments relocatable (Linux then calls PAS_MEM_SETUP)", NULL },
        { "rollback", 0, 0, G_OPTION_ARG_INT, &rollback,
          "anti-rollback version to record", "N" },
        { "defect", 0, 0, G_OPTION_ARG_STRING, &defect,
          "make a bad image: tampered-segment, wrong-key, wrong-sw-id or "
          "truncated-hash-segment", "KIND" },
        { NULL }
    };
    const RpCommand cmd = {
        "pack", "ELF - sign a firmware ELF as an MBN image", entries, NULL,
        "The image follows Qualcomm's MBN layout (ELF-header and hash-segment\n"
        "program headers, e_phoff 52, no section headers) and is signed with the\n"
        "simulator's SIMSIG-1 key; see docs/firmware-images.md.\n\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim pack build/meson/firmware-stubs/adsp.elf \\\n"
        "      --subsystem adsp --split -o build/adsp.mbn"
    };
    g_autoptr(GError) err = NULL;
    g_autofree char *elf = NULL;
    gsize elf_len;
    MbnBuildOptions o = { .hw_id = SIMSIG_HW_ID, .key_id = SIMSIG_KEY_ID };
    MbnImage img;
    gboolean ok;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc != 2 || !out) {
        fprintf(stderr, "rprocsim pack: give one input ELF and -o FILE.mbn\n");
        return 2;
    }
    if (subsystem) {
        const RprocsimBoard *board = rprocsim_board_default();
        const RprocsimSubsys *ss = rprocsim_subsys_find(board, subsystem);

        if (!ss) {
            g_autofree char *names = rprocsim_subsys_names(board);

            fprintf(stderr, "rprocsim pack: unknown subsystem '%s' (%s)\n",
                    subsystem, names);
            return 2;
        }
        o.sw_id = ss->sw_id;
    }
    if (sw_id >= 0) {
        o.sw_id = sw_id;
    } else if (!subsystem) {
        fprintf(stderr, "rprocsim pack: say which subsystem the image is for "
                "(--subsystem or --sw-id)\n");
        return 2;
    }
    if (defect && !g_strv_contains(defects, defect)) {
        fprintf(stderr, "rprocsim pack: unknown defect '%s'\n", defect);
        return 2;
    }
    o.version = version;
    o.rollback = rollback;
    o.relocatable = relocatable;
    if (defect) {
        o.tamper_segment = g_str_equal(defect, "tampered-segment");
        o.truncate_hash_segment = g_str_equal(defect, "truncated-hash-segment");
        if (g_str_equal(defect, "wrong-key")) {
            o.key_id = SIMSIG_KEY_ID + 1;
        }
        if (g_str_equal(defect, "wrong-sw-id")) {
            o.sw_id ^= 0x80;
        }
    }

    if (!g_file_get_contents(argv[1], &elf, &elf_len, &err)) {
        fprintf(stderr, "rprocsim pack: %s\n", err->message);
        return 1;
    }
    if (!mbn_build((const uint8_t *)elf, elf_len, &o, &img, &err)) {
        fprintf(stderr, "rprocsim pack: %s: %s\n", argv[1], err->message);
        return 1;
    }
    ok = write_file(out, img.mbn->data, img.mbn->len) && (!split || write_split(out, &img));
    if (ok) {
        printf("%s: %u program headers, hash segment v%u, sw_id 0x%x, key %u%s%s\n",
               out, img.phnum, o.version, o.sw_id, o.key_id,
               defect ? ", defect: " : "", defect ? defect : "");
    }
    mbn_image_clear(&img);
    return ok ? 0 : 1;
}
