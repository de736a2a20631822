/*
 * fuzz-images' mutations (tools/rprocsim/mutate.c) and the cover model
 * (models/mbn-cover.c) on the built aDSP image set: what protects which
 * byte; every kind of mutation changes the set; the shell command the
 * guest runs gives exactly the set the host computes (run here in the
 * host's sh, the same POSIX tools busybox provides); the same seed gives
 * the same mutations.
 *
 * Needs RPROCSIM_FIRMWARE (the folder of the built qcom/qcs6490 images).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "mutate.h"

#define SEEDS 8

static RpImageSet *load(MbnMeta *meta)
{
    g_autoptr(GError) err = NULL;
    const char *dir = g_getenv("RPROCSIM_FIRMWARE");
    RpImageSet *set;

    ck_assert_msg(dir, "RPROCSIM_FIRMWARE must be set");
    set = rp_image_set_load(dir, "adsp", meta, &err);
    ck_assert_msg(set, "%s", err ? err->message : "?");
    return set;
}

static gboolean same_bytes(GBytes *a, GBytes *b)
{
    return a && b && g_bytes_equal(a, b);
}

/* What covers the header, the hash segment's parts, a segment and a gap */
START_TEST(cover_of_each_region)
{
    MbnMeta meta = { 0 };
    g_autoptr(GHashTable) set = load(&meta);
    const MbnPhdr *hs = &meta.phdr[meta.hash_index];
    guint64 gap = G_MAXUINT64;
    int seg = -1;

    ck_assert_int_eq(mbn_cover_of(&meta, -1, 0), MBN_COVER_HEADER);
    ck_assert_int_eq(mbn_cover_of(&meta, -1, 44), MBN_COVER_HEADER);    /* e_phnum */
    ck_assert_int_eq(mbn_cover_of(&meta, -1, hs->offset), MBN_COVER_SIGNED);
    ck_assert_int_eq(mbn_cover_of(&meta, -1, hs->offset + meta.sig_off - meta.hashseg_off),
                     MBN_COVER_SIGNATURE);
    for (unsigned i = 1; i < meta.phnum; i++) {
        if ((int)i != (int)meta.hash_index && mbn_segment_hashed(&meta, i)) {
            seg = i;
            break;
        }
    }
    ck_assert_int_ge(seg, 0);
    ck_assert_int_eq(mbn_cover_of(&meta, -1, meta.phdr[seg].offset), MBN_COVER_SEGMENT);
    ck_assert_int_eq(mbn_cover_of(&meta, seg, 0), MBN_COVER_SEGMENT);
    ck_assert_int_eq(mbn_cover_of(&meta, seg, meta.phdr[seg].filesz), MBN_COVER_NONE);
    ck_assert_int_eq(mbn_cover_of(&meta, 99, 0), MBN_COVER_NONE);
    /* the first byte of the .mbn in no segment */
    for (guint64 off = 0; off < g_bytes_get_size(g_hash_table_lookup(set, "adsp.mbn")); off++) {
        gboolean inside = FALSE;

        for (unsigned i = 0; i < meta.phnum; i++) {
            inside |= off >= meta.phdr[i].offset && off - meta.phdr[i].offset < meta.phdr[i].filesz;
        }
        if (!inside) {
            gap = off;
            break;
        }
    }
    ck_assert_uint_ne(gap, G_MAXUINT64);
    ck_assert_int_eq(mbn_cover_of(&meta, -1, gap), MBN_COVER_NONE);
    ck_assert(!mbn_cover_protected(MBN_COVER_NONE));
    ck_assert(mbn_cover_protected(MBN_COVER_SIGNATURE));
    ck_assert_str_eq(mbn_cover_name(MBN_COVER_SEGMENT), "segment");
    mbn_meta_clear(&meta);
}
END_TEST

/* Write @set into a new folder; returns its path */
static char *write_set(RpImageSet *set)
{
    g_autoptr(GError) err = NULL;
    char *dir = g_dir_make_tmp("rp-mutate-XXXXXX", &err);
    GHashTableIter it;
    gpointer k, v;

    ck_assert_msg(dir, "%s", err ? err->message : "?");
    g_hash_table_iter_init(&it, set);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_autofree char *path = g_build_filename(dir, k, NULL);
        gsize len;
        const char *data = g_bytes_get_data(v, &len);

        ck_assert(g_file_set_contents(path, data, len, NULL));
    }
    return dir;
}

/* Every kind, for several seeds: the set changes, and the guest command agrees */
START_TEST(guest_command_matches_host)
{
    MbnMeta meta = { 0 };
    g_autoptr(GHashTable) set = load(&meta);
    g_autoptr(GRand) rng = g_rand_new_with_seed(_i + 1);

    for (int k = 0; k < RP_MUT_KINDS; k++) {
        g_autoptr(RpMutation) m = rp_mutation_new(k, set, "adsp", &meta, rng);
        g_autoptr(GHashTable) want = NULL;
        g_autofree char *dir = NULL, *cmd = NULL, *out = NULL, *errs = NULL;
        g_autoptr(GError) err = NULL;
        gboolean changed = FALSE;
        GHashTableIter it;
        gpointer name, bytes;
        int status;

        ck_assert_msg(m, "no mutation of kind %s", rp_mut_kind_name(k));
        ck_assert_int_eq(m->kind, k);
        ck_assert(m->what && *m->what);
        want = rp_mutation_apply(m, set);
        dir = write_set(set);
        cmd = rp_mutation_guest_command(m, dir);
        ck_assert_msg(g_spawn_sync(NULL, (char *[]){ "sh", "-c", cmd, NULL }, NULL,
                                   G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &errs, &status, &err),
                      "%s", err ? err->message : "?");
        ck_assert_msg(g_spawn_check_wait_status(status, NULL), "%s: %s", cmd, errs);
        /* every file the host expects, byte for byte; removed ones gone */
        g_hash_table_iter_init(&it, set);
        while (g_hash_table_iter_next(&it, &name, &bytes)) {
            g_autofree char *path = g_build_filename(dir, name, NULL);
            g_autofree char *data = NULL;
            g_autoptr(GBytes) got = NULL;
            GBytes *w = g_hash_table_lookup(want, name);
            gsize len;

            if (!w) {
                ck_assert_msg(!g_file_test(path, G_FILE_TEST_EXISTS), "%s: %s not removed",
                              m->what, (char *)name);
                changed = TRUE;
                continue;
            }
            ck_assert(g_file_get_contents(path, &data, &len, NULL));
            got = g_bytes_new(data, len);
            ck_assert_msg(same_bytes(got, w), "%s: %s differs from the host's", m->what,
                          (char *)name);
            changed |= !same_bytes(w, bytes);
            g_unlink(path);
        }
        ck_assert_msg(changed, "%s changed nothing", m->what);
        g_rmdir(dir);
    }
    mbn_meta_clear(&meta);
}
END_TEST

/* Field-aware kinds name their field; truncation leaves no .bNN; the seed decides */
START_TEST(kinds_and_seeds)
{
    MbnMeta meta = { 0 };
    g_autoptr(GHashTable) set = load(&meta);
    g_autoptr(GRand) a = g_rand_new_with_seed(7), b = g_rand_new_with_seed(7);

    for (int i = 0; i < 40; i++) {
        g_autoptr(RpMutation) ma = rp_mutation_new(i % RP_MUT_KINDS, set, "adsp", &meta, a);
        g_autoptr(RpMutation) mb = rp_mutation_new(i % RP_MUT_KINDS, set, "adsp", &meta, b);

        ck_assert_str_eq(ma->what, mb->what);
        if (ma->kind == RP_MUT_EHDR) {
            ck_assert(g_str_has_prefix(ma->what, "e_"));
            ck_assert_int_eq(ma->cover, MBN_COVER_HEADER);
        } else if (ma->kind == RP_MUT_PHDR) {
            ck_assert(g_str_has_prefix(ma->what, "phdr["));
        } else if (ma->kind == RP_MUT_TRUNCATE) {
            g_autoptr(GHashTable) t = rp_mutation_apply(ma, set);

            ck_assert(!g_hash_table_contains(t, "adsp.b02"));
            ck_assert(g_hash_table_contains(t, "adsp.mdt"));
        } else if (ma->kind == RP_MUT_SPLIT) {
            g_autoptr(GHashTable) t = rp_mutation_apply(ma, set);

            ck_assert(g_bytes_equal(g_hash_table_lookup(t, "adsp.mbn"),
                                    g_hash_table_lookup(set, "adsp.mdt")));
        }
    }
    ck_assert_str_eq(rp_mut_kind_name(RP_MUT_SPLIT), "split");
    ck_assert_str_eq(rp_mut_kind_name(RP_MUT_KINDS), "?");
    mbn_meta_clear(&meta);
}
END_TEST

/* A folder without an image, and a file that is not a signed image */
START_TEST(bad_sets_refused)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("rp-mutate-XXXXXX", NULL);
    g_autofree char *mbn = g_build_filename(dir, "adsp.mbn", NULL);
    MbnMeta meta = { 0 };

    ck_assert_ptr_null(rp_image_set_load(dir, "adsp", &meta, &err));
    ck_assert_msg(strstr(err->message, "no adsp.mbn"), "%s", err->message);
    g_clear_error(&err);
    ck_assert(g_file_set_contents(mbn, "not an ELF file", -1, NULL));
    ck_assert_ptr_null(rp_image_set_load(dir, "adsp", &meta, &err));
    ck_assert_msg(strstr(err->message, "is not a signed image"), "%s", err->message);
    g_unlink(mbn);
    g_rmdir(dir);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "cover", cover_of_each_region },
        { "mutations", guest_command_matches_host, SEEDS },
        { "mutations", kinds_and_seeds },
        { "mutations", bad_sets_refused },
    };

    return rp_suite_new("mutate", tests, G_N_ELEMENTS(tests), NULL);
}
