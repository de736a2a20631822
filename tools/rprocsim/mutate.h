/*
 * rprocsim fuzz-images: mutations of a signed image set (NAME.mbn, NAME.mdt
 * and NAME.bNN), drawn from a seeded generator: bit flips anywhere, ELF
 * header and program header fields, the hash segment's header, hash table
 * and signature, segment data, truncation, and split-image inconsistencies
 * (the .mbn replaced by the .mdt so the kernel reads the .bNN files, one of
 * which is then changed, cut short or removed; drivers/soc/qcom/
 * mdt_loader.c). Each mutation is a short list of file operations that the
 * host applies to its copy (for reproducers) and the guest applies with
 * busybox (rp_mutation_guest_command()), and names what covers the changed
 * byte (models/mbn-cover.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MUTATE_H
#define RPROCSIM_MUTATE_H

#include <glib.h>

#include "mbn-cover.h"

typedef enum RpMutKind {
    RP_MUT_BITFLIP,
    RP_MUT_EHDR,
    RP_MUT_PHDR,
    RP_MUT_HASH_HEADER,
    RP_MUT_HASH_TABLE,
    RP_MUT_SIGNATURE,
    RP_MUT_SEGMENT,
    RP_MUT_TRUNCATE,
    RP_MUT_SPLIT,
    RP_MUT_KINDS
} RpMutKind;

/* "bitflip", "ehdr", "phdr", "hash-header", "hash-table", "signature", "segment", "truncate", "split" */
const char *rp_mut_kind_name(RpMutKind k);

typedef enum RpImageOpKind {
    RP_OP_WRITE,        /* bytes at offset of file */
    RP_OP_TRUNCATE,     /* file cut to size bytes */
    RP_OP_COPY,         /* from -> file */
    RP_OP_REMOVE,       /* file removed */
} RpImageOpKind;

typedef struct RpImageOp {
    RpImageOpKind kind;
    char *file;         /* "adsp.mbn": a name in the firmware folder */
    char *from;         /* RP_OP_COPY: the source name */
    guint64 offset;     /* RP_OP_WRITE */
    guint64 size;       /* RP_OP_TRUNCATE */
    guint8 bytes[8];    /* RP_OP_WRITE */
    guint len;
} RpImageOp;

typedef struct RpMutation {
    RpMutKind kind;
    char *what;         /* "e_phnum 4 -> 1028", for people */
    GArray *ops;        /* RpImageOp, applied in order */
    MbnCover cover;     /* what protects the changed bytes (the strongest) */
} RpMutation;

/* The files of one image set: name -> GBytes, as the firmware folder holds them */
typedef GHashTable RpImageSet;

/*
 * Read NAME.mbn, NAME.mdt and NAME.bNN of @stem ("adsp") from @dir into a
 * new set. NULL with @error if the .mbn is missing or is not a signed
 * image the metadata parser accepts (its metadata goes to *@meta, which
 * the caller releases with mbn_meta_clear()).
 */
RpImageSet *rp_image_set_load(const char *dir, const char *stem, MbnMeta *meta,
                              GError **error);

/*
 * A new mutation of @kind of the set (@meta: the metadata of its .mbn),
 * its choices drawn from @rng. Returns NULL if the set has nothing for
 * that kind (e.g. no split files); free with rp_mutation_free().
 */
RpMutation *rp_mutation_new(RpMutKind kind, RpImageSet *set, const char *stem,
                            const MbnMeta *meta, GRand *rng);
void rp_mutation_free(RpMutation *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpMutation, rp_mutation_free)

/*
 * The set after @m (a new set sharing the unchanged files). Operations on
 * files the set does not have, or past their end, are skipped.
 */
RpImageSet *rp_mutation_apply(const RpMutation *m, RpImageSet *set);

/*
 * A busybox shell command that applies @m in folder @dir (the guest's
 * firmware folder), the files having been restored first by the caller.
 * Caller frees.
 */
char *rp_mutation_guest_command(const RpMutation *m, const char *dir);

#endif /* RPROCSIM_MUTATE_H */
