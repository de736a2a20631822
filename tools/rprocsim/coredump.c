/*
 * rprocsim: devcoredump and firmware ELF reader (see coredump.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "coredump.h"

#include <string.h>

G_DEFINE_QUARK(rp-dump-error-quark, rp_dump_error)

#define EHDR_SIZE       52
#define PHDR_SIZE       32
#define SHDR_SIZE       40
#define PT_LOAD         1
#define SHT_PROGBITS    1
#define SHT_SYMTAB      2
#define STT_FUNC        2

guint32 rp_rd32(const guchar *p)
{
    guint32 v;

    memcpy(&v, p, sizeof(v));
    return GUINT32_FROM_LE(v);
}

static guint16 rd16(const guchar *p)
{
    return p[0] | p[1] << 8;
}

static gboolean bad(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static gboolean bad(GError **error, const char *fmt, ...)
{
    va_list ap;

    if (error) {
        va_start(ap, fmt);
        *error = g_error_new_valist(RP_DUMP_ERROR, 0, fmt, ap);
        va_end(ap);
    }
    return FALSE;
}

/* [off, off + size) lies inside a file of @len bytes */
static gboolean inside(gsize len, guint64 off, guint64 size)
{
    return off <= len && size <= len - off;
}

/* Check the ELF header; the table at e_phoff/e_shoff is validated by callers */
static gboolean check_ehdr(const guchar *d, gsize len, const char *what, GError **error)
{
    if (len < 4 || memcmp(d, "\x7f" "ELF", 4)) {
        return bad(error, "%s is not an ELF file", what);
    }
    if (len < EHDR_SIZE) {
        return bad(error, "%s is cut short (%zu bytes, the ELF header alone is %d)", what,
                   len, EHDR_SIZE);
    }
    if (d[4] != 1 || d[5] != 1) {
        return bad(error, "%s is not ELF32 little-endian (class %u, data %u)", what, d[4],
                   d[5]);
    }
    return TRUE;
}

/* Offset of table entry @i, checked to lie in the file */
static gboolean table(const guchar *d, gsize len, guint32 off, guint16 num, guint16 entsize,
                      guint16 want, const char *what, GError **error)
{
    if (num && entsize != want) {
        return bad(error, "%s: table entries of %u bytes, expected %u", what, entsize, want);
    }
    if (!inside(len, off, (guint64)num * want)) {
        return bad(error, "%s: its table of %u entries at 0x%x lies outside the file", what,
                   num, off);
    }
    return TRUE;
}

gboolean rp_dump_parse(const guchar *d, gsize len, RpDump *dump, GError **error)
{
    guint32 phoff, shoff;
    guint16 phnum, shnum, shstrndx;

    memset(dump, 0, sizeof(*dump));
    if (!check_ehdr(d, len, "the dump", error)) {
        return FALSE;
    }
    phoff = rp_rd32(d + 28);
    shoff = rp_rd32(d + 32);
    phnum = rd16(d + 44);
    shnum = rd16(d + 48);
    shstrndx = rd16(d + 50);
    if (!table(d, len, phoff, phnum, rd16(d + 42), PHDR_SIZE, "program headers", error) ||
        !table(d, len, shoff, shnum, rd16(d + 46), SHDR_SIZE, "section headers", error)) {
        return FALSE;
    }
    dump->data = d;
    dump->len = len;
    dump->regions = g_array_new(FALSE, TRUE, sizeof(RpDumpRegion));
    dump->minidump = phnum == 0;
    for (guint i = 0; i < phnum; i++) {
        const guchar *ph = d + phoff + PHDR_SIZE * i;
        RpDumpRegion r = { .addr = rp_rd32(ph + 12), .size = rp_rd32(ph + 16),
                           .offset = rp_rd32(ph + 4) };

        if (rp_rd32(ph) != PT_LOAD) {
            continue;
        }
        if (!inside(len, r.offset, r.size)) {
            rp_dump_clear(dump);
            return bad(error, "segment %u (0x%x, %u bytes at offset 0x%x) lies outside the "
                       "dump of %zu bytes", i, r.addr, r.size, r.offset, len);
        }
        g_array_append_val(dump->regions, r);
    }
    for (guint i = 0; dump->minidump && i < shnum; i++) {
        const guchar *sh = d + shoff + SHDR_SIZE * i;
        RpDumpRegion r = { .addr = rp_rd32(sh + 12), .size = rp_rd32(sh + 20),
                           .offset = rp_rd32(sh + 16) };

        if (rp_rd32(sh + 4) != SHT_PROGBITS) {
            continue;
        }
        if (!inside(len, r.offset, r.size)) {
            rp_dump_clear(dump);
            return bad(error, "section %u (0x%x, %u bytes at offset 0x%x) lies outside the "
                       "dump of %zu bytes", i, r.addr, r.size, r.offset, len);
        }
        if (shstrndx < shnum) {
            const guchar *strtab = d + shoff + SHDR_SIZE * shstrndx;
            guint32 so = rp_rd32(strtab + 16), ss = rp_rd32(strtab + 20), n = rp_rd32(sh);

            if (inside(len, so, ss) && n < ss) {
                g_strlcpy(r.name, (const char *)d + so + n,
                          MIN(sizeof(r.name), ss - n));
            }
        }
        g_array_append_val(dump->regions, r);
    }
    if (!dump->regions->len) {
        rp_dump_clear(dump);
        return bad(error, "the dump has no segments or sections with memory");
    }
    return TRUE;
}

void rp_dump_clear(RpDump *dump)
{
    if (dump->regions) {
        g_array_unref(dump->regions);
    }
    memset(dump, 0, sizeof(*dump));
}

const guchar *rp_dump_at(const RpDump *dump, guint32 addr, guint32 size)
{
    for (guint i = 0; i < dump->regions->len; i++) {
        const RpDumpRegion *r = &g_array_index(dump->regions, RpDumpRegion, i);

        if (addr >= r->addr && addr - r->addr <= r->size &&
            size <= r->size - (addr - r->addr)) {
            return dump->data + r->offset + (addr - r->addr);
        }
    }
    return NULL;
}

static void symbol_clear(gpointer p)
{
    g_free(((RpElfSymbol *)p)->name);
}

static gint compare_symbols(gconstpointer a, gconstpointer b)
{
    const RpElfSymbol *x = a, *y = b;

    return x->value < y->value ? -1 : x->value > y->value;
}

gboolean rp_fw_parse(const guchar *d, gsize len, RpFirmwareElf *fw, GError **error)
{
    guint32 phoff, shoff;
    guint16 phnum, shnum;

    memset(fw, 0, sizeof(*fw));
    if (!check_ehdr(d, len, "the firmware", error)) {
        return FALSE;
    }
    phoff = rp_rd32(d + 28);
    shoff = rp_rd32(d + 32);
    phnum = rd16(d + 44);
    shnum = rd16(d + 48);
    if (!table(d, len, phoff, phnum, rd16(d + 42), PHDR_SIZE, "firmware program headers",
               error) ||
        !table(d, len, shoff, shnum, rd16(d + 46), SHDR_SIZE, "firmware section headers",
               error)) {
        return FALSE;
    }
    fw->segments = g_array_new(FALSE, TRUE, sizeof(RpFwSegment));
    fw->symbols = g_array_new(FALSE, TRUE, sizeof(RpElfSymbol));
    g_array_set_clear_func(fw->symbols, symbol_clear);
    for (guint i = 0; i < phnum; i++) {
        const guchar *ph = d + phoff + PHDR_SIZE * i;
        RpFwSegment seg = { rp_rd32(ph + 8), rp_rd32(ph + 12), rp_rd32(ph + 20) };

        if (rp_rd32(ph) == PT_LOAD) {
            g_array_append_val(fw->segments, seg);
        }
    }
    for (guint i = 0; i < shnum; i++) {
        const guchar *sh = d + shoff + SHDR_SIZE * i;
        guint32 off = rp_rd32(sh + 16), size = rp_rd32(sh + 20), link = rp_rd32(sh + 24);
        const guchar *str;
        guint32 str_off, str_size;

        if (rp_rd32(sh + 4) != SHT_SYMTAB) {
            continue;
        }
        if (link >= shnum || !inside(len, off, size)) {
            rp_fw_clear(fw);
            return bad(error, "the firmware's symbol table lies outside the file");
        }
        str = d + shoff + SHDR_SIZE * link;
        str_off = rp_rd32(str + 16);
        str_size = rp_rd32(str + 20);
        if (!inside(len, str_off, str_size) || !str_size) {
            rp_fw_clear(fw);
            return bad(error, "the firmware's string table lies outside the file");
        }
        for (guint32 k = 16; k + 16 <= size; k += 16) {
            const guchar *sym = d + off + k;
            guint32 name = rp_rd32(sym);
            RpElfSymbol s = { NULL, rp_rd32(sym + 4), rp_rd32(sym + 8), (sym[12] & 0xf) == STT_FUNC };

            if (!name || name >= str_size) {
                continue;
            }
            s.name = g_strndup((const char *)d + str_off + name, str_size - name);
            if (s.func) {
                s.value &= ~1u;
            }
            g_array_append_val(fw->symbols, s);
        }
    }
    if (!fw->symbols->len) {
        rp_fw_clear(fw);
        return bad(error, "the firmware has no symbol table (give the unstripped ELF)");
    }
    g_array_sort(fw->symbols, compare_symbols);
    return TRUE;
}

void rp_fw_clear(RpFirmwareElf *fw)
{
    if (fw->symbols) {
        g_array_unref(fw->symbols);
    }
    if (fw->segments) {
        g_array_unref(fw->segments);
    }
    memset(fw, 0, sizeof(*fw));
}

const RpElfSymbol *rp_fw_symbol(const RpFirmwareElf *fw, const char *name)
{
    for (guint i = 0; i < fw->symbols->len; i++) {
        const RpElfSymbol *s = &g_array_index(fw->symbols, RpElfSymbol, i);

        if (g_str_equal(s->name, name)) {
            return s;
        }
    }
    return NULL;
}

const RpElfSymbol *rp_fw_function_at(const RpFirmwareElf *fw, guint32 addr)
{
    addr &= ~1u;
    for (guint i = 0; i < fw->symbols->len; i++) {
        const RpElfSymbol *s = &g_array_index(fw->symbols, RpElfSymbol, i);

        if (s->func && addr >= s->value && addr - s->value < MAX(s->size, 1)) {
            return s;
        }
    }
    return NULL;
}

gboolean rp_fw_to_phys(const RpFirmwareElf *fw, guint32 addr, guint32 *phys)
{
    for (guint i = 0; i < fw->segments->len; i++) {
        const RpFwSegment *s = &g_array_index(fw->segments, RpFwSegment, i);

        if (addr >= s->vaddr && addr - s->vaddr < s->memsz) {
            *phys = addr - s->vaddr + s->paddr;
            return TRUE;
        }
    }
    return FALSE;
}
