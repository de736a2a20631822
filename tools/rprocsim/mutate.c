/*
 * rprocsim fuzz-images: mutations of a signed image set (mutate.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "mutate.h"
#include "mdt-load.h"

#include <string.h>

/* ELF32 header fields (include/uapi/linux/elf.h, struct elf32_hdr) */
#define EHDR_SIZE       52
#define PHDR_SIZE       32

static const char *const kind_names[RP_MUT_KINDS] = {
    [RP_MUT_BITFLIP] = "bitflip", [RP_MUT_EHDR] = "ehdr", [RP_MUT_PHDR] = "phdr",
    [RP_MUT_HASH_HEADER] = "hash-header", [RP_MUT_HASH_TABLE] = "hash-table",
    [RP_MUT_SIGNATURE] = "signature", [RP_MUT_SEGMENT] = "segment",
    [RP_MUT_TRUNCATE] = "truncate", [RP_MUT_SPLIT] = "split",
};

const char *rp_mut_kind_name(RpMutKind k)
{
    return (unsigned)k < RP_MUT_KINDS ? kind_names[k] : "?";
}

/* A field of the ELF header: name, offset, width; weight = how often picked */
static const struct {
    const char *name;
    guint offset, width, weight;
} ehdr_fields[] = {
    { "e_phnum", 44, 2, 4 }, { "e_phoff", 28, 4, 2 }, { "e_phentsize", 42, 2, 1 },
    { "e_ident[EI_CLASS]", 4, 1, 1 }, { "e_ident[EI_DATA]", 5, 1, 1 },
    { "e_type", 16, 2, 1 }, { "e_machine", 18, 2, 1 }, { "e_entry", 24, 4, 1 },
    { "e_ehsize", 40, 2, 1 },
};

static const char *const phdr_fields[] = {
    "p_type", "p_offset", "p_vaddr", "p_paddr", "p_filesz", "p_memsz", "p_flags", "p_align",
};

static GBytes *set_file(RpImageSet *set, const char *name)
{
    return g_hash_table_lookup(set, name);
}

RpImageSet *rp_image_set_load(const char *dir, const char *stem, MbnMeta *meta,
                              GError **error)
{
    g_autoptr(GHashTable) set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify)g_bytes_unref);
    g_autoptr(GDir) d = g_dir_open(dir, 0, error);
    g_autofree char *prefix = g_strconcat(stem, ".", NULL);
    g_autofree char *mbn = g_strconcat(stem, ".mbn", NULL);
    g_autofree uint8_t *blob = NULL;
    const char *name;
    GBytes *file;
    const uint8_t *data;
    gsize len;
    size_t blob_len;
    MdtImage img;
    MdtError merr = { 0 };
    MbnError berr = { 0 };

    if (!d) {
        return NULL;
    }
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = NULL;
        char *contents;
        gsize n;

        if (!g_str_has_prefix(name, prefix)) {
            continue;
        }
        path = g_build_filename(dir, name, NULL);
        if (!g_file_get_contents(path, &contents, &n, error)) {
            return NULL;
        }
        g_hash_table_insert(set, g_strdup(name), g_bytes_new_take(contents, n));
    }
    file = set_file(set, mbn);
    if (!file) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no %s in %s", mbn, dir);
        return NULL;
    }
    data = g_bytes_get_data(file, &len);
    blob = mdt_parse(data, len, &img, &merr)
        ? mdt_read_metadata(&img, data, len, NULL, NULL, &blob_len, &merr) : NULL;
    if (!blob || !mbn_parse_blob(blob, blob_len, meta, &berr)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s/%s is not a signed image: %s", dir, mbn,
                    blob ? berr.detail : merr.detail);
        return NULL;
    }
    return g_steal_pointer(&set);
}

static RpMutation *mutation_new(RpMutKind kind)
{
    RpMutation *m = g_new0(RpMutation, 1);

    m->kind = kind;
    m->ops = g_array_new(FALSE, TRUE, sizeof(RpImageOp));
    return m;
}

void rp_mutation_free(RpMutation *m)
{
    if (!m) {
        return;
    }
    for (guint i = 0; i < m->ops->len; i++) {
        RpImageOp *op = &g_array_index(m->ops, RpImageOp, i);

        g_free(op->file);
        g_free(op->from);
    }
    g_array_free(m->ops, TRUE);
    g_free(m->what);
    g_free(m);
}

static void op_write(RpMutation *m, const char *file, guint64 offset, const guint8 *b, guint len)
{
    RpImageOp op = { .kind = RP_OP_WRITE, .file = g_strdup(file), .offset = offset, .len = len };

    memcpy(op.bytes, b, MIN(len, sizeof(op.bytes)));
    g_array_append_val(m->ops, op);
}

static void op_simple(RpMutation *m, RpImageOpKind kind, const char *file, const char *from,
                      guint64 size)
{
    RpImageOp op = { .kind = kind, .file = g_strdup(file), .from = g_strdup(from), .size = size };

    g_array_append_val(m->ops, op);
}

static guint64 get_le(const guint8 *p, guint width)
{
    guint64 v = 0;

    for (guint i = width; i-- > 0;) {
        v = (v << 8) | p[i];
    }
    return v;
}

static void put_le(guint8 *p, guint width, guint64 v)
{
    for (guint i = 0; i < width; i++) {
        p[i] = v >> (8 * i);
    }
}

/* A new value for a field of @width bytes holding @v: the field-aware choices */
static guint64 new_field_value(guint64 v, guint width, GRand *rng)
{
    guint64 mask = width >= 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT(1) << (8 * width)) - 1;
    guint64 nv;

    do {
        switch (g_rand_int_range(rng, 0, 6)) {
        case 0: nv = v ^ (G_GUINT64_CONSTANT(1) << g_rand_int_range(rng, 0, 8 * width)); break;
        case 1: nv = 0; break;
        case 2: nv = mask; break;
        case 3: nv = v | (G_GUINT64_CONSTANT(1) << (8 * width - 1)); break;
        case 4: nv = v + 1; break;
        default: nv = v << 8; break;
        }
        nv &= mask;
    } while (nv == v && v != 0 && v != mask);
    return nv == v ? v ^ 1 : nv;
}

/* Change field @name (@width bytes at @offset of @file) to a new value */
static void mutate_field(RpMutation *m, const char *file, GBytes *bytes, const char *name,
                         guint64 offset, guint width, GRand *rng)
{
    const guint8 *d = g_bytes_get_data(bytes, NULL);
    guint8 b[8];
    guint64 v = get_le(d + offset, width), nv = new_field_value(v, width, rng);

    put_le(b, width, nv);
    op_write(m, file, offset, b, width);
    m->what = g_strdup_printf("%s %" G_GUINT64_FORMAT " -> %" G_GUINT64_FORMAT, name, v, nv);
}

/* Flip one bit of byte @offset of @file; @label names the region */
static void flip_bit(RpMutation *m, const char *file, GBytes *bytes, guint64 offset,
                     const char *label, GRand *rng)
{
    const guint8 *d = g_bytes_get_data(bytes, NULL);
    guint bit = g_rand_int_range(rng, 0, 8);
    guint8 b = d[offset] ^ (1u << bit);

    op_write(m, file, offset, &b, 1);
    m->what = g_strdup_printf("%s: bit %u of byte %" G_GUINT64_FORMAT " (0x%02x -> 0x%02x)",
                              label, bit, offset, d[offset], b);
}

/* A random loadable segment with file bytes; -1 if none */
static int pick_segment(const MbnMeta *meta, GRand *rng)
{
    int cand[MBN_MAX_PHNUM], n = 0;

    for (unsigned i = 1; i < meta->phnum; i++) {
        if (i != meta->hash_index && mbn_segment_loadable(meta, i) && meta->phdr[i].filesz) {
            cand[n++] = i;
        }
    }
    return n ? cand[g_rand_int_range(rng, 0, n)] : -1;
}

/* True if @name is a split part STEM.bNN */
static bool is_split_part(const char *name, const char *stem)
{
    size_t n = strlen(stem);

    return !strncmp(name, stem, n) && name[n] == '.' && name[n + 1] == 'b' &&
           g_ascii_isdigit(name[n + 2]) && g_ascii_isdigit(name[n + 3]) && !name[n + 4];
}

/* The strongest cover of the bytes from @size to the end of the .mbn */
static MbnCover cover_from(const MbnMeta *meta, guint64 size)
{
    MbnCover c = mbn_cover_of(meta, -1, size);

    for (unsigned i = 0; i < meta->phnum; i++) {
        const MbnPhdr *p = &meta->phdr[i];

        if (p->filesz && (guint64)p->offset + p->filesz > size) {
            MbnCover s = mbn_cover_of(meta, -1, MAX(size, p->offset));

            c = MAX(c, s);
        }
    }
    return c;
}

RpMutation *rp_mutation_new(RpMutKind kind, RpImageSet *set, const char *stem,
                            const MbnMeta *meta, GRand *rng)
{
    g_autofree char *mbn = g_strconcat(stem, ".mbn", NULL);
    g_autofree char *mdt = g_strconcat(stem, ".mdt", NULL);
    g_autoptr(RpMutation) m = mutation_new(kind);
    GBytes *file = set_file(set, mbn);
    gsize len = g_bytes_get_size(file);
    const MbnPhdr *hs = &meta->phdr[meta->hash_index];
    guint64 off;
    int seg;

    switch (kind) {
    case RP_MUT_BITFLIP:
        off = g_rand_int_range(rng, 0, len);
        flip_bit(m, mbn, file, off, "anywhere", rng);
        m->cover = mbn_cover_of(meta, -1, off);
        break;
    case RP_MUT_EHDR: {
        guint total = 0, pick, i;

        for (i = 0; i < G_N_ELEMENTS(ehdr_fields); i++) {
            total += ehdr_fields[i].weight;
        }
        pick = g_rand_int_range(rng, 0, total);
        for (i = 0; pick >= ehdr_fields[i].weight; i++) {
            pick -= ehdr_fields[i].weight;
        }
        mutate_field(m, mbn, file, ehdr_fields[i].name, ehdr_fields[i].offset,
                     ehdr_fields[i].width, rng);
        m->cover = MBN_COVER_HEADER;
        break;
    }
    case RP_MUT_PHDR: {
        guint i = g_rand_int_range(rng, 0, meta->phnum);
        guint f = g_rand_int_range(rng, 0, G_N_ELEMENTS(phdr_fields));
        g_autofree char *name = g_strdup_printf("phdr[%u].%s", i, phdr_fields[f]);

        mutate_field(m, mbn, file, name, EHDR_SIZE + i * PHDR_SIZE + f * 4, 4, rng);
        m->cover = MBN_COVER_HEADER;
        break;
    }
    case RP_MUT_HASH_HEADER:
    case RP_MUT_HASH_TABLE:
    case RP_MUT_SIGNATURE: {
        guint64 start, size;
        const char *label;

        if (kind == RP_MUT_HASH_HEADER) {
            start = 0, size = meta->hdr_len, label = "hash segment header";
        } else if (kind == RP_MUT_HASH_TABLE) {
            start = meta->hashes_off - meta->hashseg_off;
            size = (guint64)meta->phnum * meta->digest_len, label = "hash table";
        } else {
            start = meta->sig_off - meta->hashseg_off, size = meta->sig_len, label = "signature";
        }
        if (!size || (guint64)hs->offset + start + size > len) {
            return NULL;
        }
        off = hs->offset + start + g_rand_int_range(rng, 0, size);
        flip_bit(m, mbn, file, off, label, rng);
        m->cover = mbn_cover_of(meta, -1, off);
        break;
    }
    case RP_MUT_SEGMENT: {
        g_autofree char *label = NULL;

        seg = pick_segment(meta, rng);
        if (seg < 0 || (guint64)meta->phdr[seg].offset + meta->phdr[seg].filesz > len) {
            return NULL;
        }
        off = meta->phdr[seg].offset + g_rand_int_range(rng, 0, meta->phdr[seg].filesz);
        label = g_strdup_printf("segment %d data", seg);
        flip_bit(m, mbn, file, off, label, rng);
        m->cover = mbn_cover_of(meta, -1, off);
        break;
    }
    case RP_MUT_TRUNCATE: {
        /* without the .bNN: mdt_loader would read a cut segment from them */
        GHashTableIter it;
        gpointer k;

        off = g_rand_int_range(rng, 0, len);
        op_simple(m, RP_OP_TRUNCATE, mbn, NULL, off);
        g_hash_table_iter_init(&it, set);
        while (g_hash_table_iter_next(&it, &k, NULL)) {
            if (is_split_part(k, stem)) {
                op_simple(m, RP_OP_REMOVE, k, NULL, 0);
            }
        }
        m->what = g_strdup_printf("%s cut to %" G_GUINT64_FORMAT " of %" G_GSIZE_FORMAT
                                  " bytes, no .bNN", mbn, off, len);
        m->cover = cover_from(meta, off);
        break;
    }
    case RP_MUT_SPLIT: {
        g_autofree char *bnn = NULL;
        GBytes *part;
        gsize plen;
        int how;

        seg = pick_segment(meta, rng);
        if (seg < 0 || !set_file(set, mdt)) {
            return NULL;
        }
        bnn = g_strdup_printf("%s.b%02d", stem, seg);
        part = set_file(set, bnn);
        if (!part || !(plen = g_bytes_get_size(part))) {
            return NULL;
        }
        /* the .mbn becomes the .mdt: the kernel loads the segments from the .bNN */
        op_simple(m, RP_OP_COPY, mbn, mdt, 0);
        how = g_rand_int_range(rng, 0, 3);
        if (how == 0) {
            g_autofree char *label = g_strdup_printf("split, %s", bnn);

            off = g_rand_int_range(rng, 0, plen);
            flip_bit(m, bnn, part, off, label, rng);
            m->cover = mbn_cover_of(meta, seg, off);
        } else if (how == 1) {
            off = g_rand_int_range(rng, 0, plen);
            op_simple(m, RP_OP_TRUNCATE, bnn, NULL, off);
            m->what = g_strdup_printf("split, %s cut to %" G_GUINT64_FORMAT " of %" G_GSIZE_FORMAT
                                      " bytes", bnn, off, plen);
            m->cover = mbn_cover_of(meta, seg, off);
        } else {
            op_simple(m, RP_OP_REMOVE, bnn, NULL, 0);
            m->what = g_strdup_printf("split, %s removed", bnn);
            m->cover = mbn_cover_of(meta, seg, 0);
        }
        break;
    }
    default:
        return NULL;
    }
    return g_steal_pointer(&m);
}

RpImageSet *rp_mutation_apply(const RpMutation *m, RpImageSet *set)
{
    GHashTable *out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)g_bytes_unref);
    GHashTableIter it;
    gpointer k, v;

    g_hash_table_iter_init(&it, set);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_hash_table_insert(out, g_strdup(k), g_bytes_ref(v));
    }
    for (guint i = 0; i < m->ops->len; i++) {
        const RpImageOp *op = &g_array_index(m->ops, RpImageOp, i);
        GBytes *cur = g_hash_table_lookup(out, op->file);
        gsize len = cur ? g_bytes_get_size(cur) : 0;

        switch (op->kind) {
        case RP_OP_WRITE:
            if (cur && op->offset + op->len <= len) {
                guint8 *d = g_memdup2(g_bytes_get_data(cur, NULL), len);

                memcpy(d + op->offset, op->bytes, op->len);
                g_hash_table_insert(out, g_strdup(op->file), g_bytes_new_take(d, len));
            }
            break;
        case RP_OP_TRUNCATE:
            if (cur && op->size < len) {
                g_hash_table_insert(out, g_strdup(op->file),
                                    g_bytes_new_from_bytes(cur, 0, op->size));
            }
            break;
        case RP_OP_COPY: {
            GBytes *from = g_hash_table_lookup(out, op->from);

            if (from) {
                g_hash_table_insert(out, g_strdup(op->file), g_bytes_ref(from));
            }
            break;
        }
        case RP_OP_REMOVE:
            g_hash_table_remove(out, op->file);
            break;
        }
    }
    return out;
}

char *rp_mutation_guest_command(const RpMutation *m, const char *dir)
{
    g_autofree char *qdir = g_shell_quote(dir);
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "cd %s", qdir);
    for (guint i = 0; i < m->ops->len; i++) {
        const RpImageOp *op = &g_array_index(m->ops, RpImageOp, i);
        g_autofree char *f = g_shell_quote(op->file);

        g_string_append(s, " && ");
        switch (op->kind) {
        case RP_OP_WRITE:
            g_string_append(s, "printf '");
            for (guint j = 0; j < op->len; j++) {
                g_string_append_printf(s, "\\%03o", op->bytes[j]);
            }
            g_string_append_printf(s, "' | dd of=%s bs=1 seek=%" G_GUINT64_FORMAT
                                   " conv=notrunc 2>/dev/null", f, op->offset);
            break;
        case RP_OP_TRUNCATE:
            g_string_append_printf(s, "head -c %" G_GUINT64_FORMAT " %s > %s.cut && mv %s.cut %s",
                                   op->size, f, f, f, f);
            break;
        case RP_OP_COPY: {
            g_autofree char *from = g_shell_quote(op->from);

            g_string_append_printf(s, "cp %s %s", from, f);
            break;
        }
        case RP_OP_REMOVE:
            g_string_append_printf(s, "rm -f %s", f);
            break;
        }
    }
    return g_string_free(s, FALSE);
}
