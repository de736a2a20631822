/*
 * rprocsim: devcoredump and firmware ELF reader (see coredump.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "coredump.h"
#include "elf32.h"

#include <string.h>

G_DEFINE_QUARK(rp-dump-error-quark, rp_dump_error)

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

/*
 * Check the ELF header and both header tables of @what (the dump, the
 * firmware) into *@eh: every entry the callers read is then in the file.
 */
static gboolean check_elf(const guchar *d, gsize len, const char *what, Elf32Header *eh,
                          GError **error)
{
    char why[160];

    if (!elf32_parse_header(d, len, eh, why, sizeof(why)) ||
        !elf32_check_phdrs(len, eh, why, sizeof(why)) ||
        !elf32_check_shdrs(len, eh, why, sizeof(why))) {
        return bad(error, "%s: %s", what, why);
    }
    return TRUE;
}

/* The name of minidump section @sh from the e_shstrndx table, "" if none */
static void section_name(const guchar *d, gsize len, const Elf32Header *eh,
                         const Elf32Shdr *sh, char *name, gsize size)
{
    Elf32Shdr strtab;
    const char *s;
    gsize n;

    name[0] = '\0';
    if (elf32_shdr(d, len, eh, eh->e_shstrndx, &strtab) &&
        (s = elf32_str(d, len, &strtab, sh->sh_name, &n))) {
        n = MIN(n, size - 1);
        memcpy(name, s, n);
        name[n] = '\0';
    }
}

/*
 * Append region @r (segment or section @i, as @what says) if its bytes lie
 * in the dump; otherwise clear @dump and fail.
 */
static gboolean add_region(RpDump *dump, const RpDumpRegion *r, const char *what,
                           guint i, GError **error)
{
    if (!elf32_range_ok(dump->len, r->offset, r->size)) {
        gsize len = dump->len;

        rp_dump_clear(dump);
        return bad(error, "%s %u (0x%x, %u bytes at offset 0x%x) lies outside the "
                   "dump of %zu bytes", what, i, r->addr, r->size, r->offset, len);
    }
    g_array_append_val(dump->regions, *r);
    return TRUE;
}

/* Zero the @size bytes of @out, then check_elf() */
static gboolean start_parse(const guchar *d, gsize len, const char *what, void *out,
                            gsize size, Elf32Header *eh, GError **error)
{
    memset(out, 0, size);
    return check_elf(d, len, what, eh, error);
}

gboolean rp_dump_parse(const guchar *d, gsize len, RpDump *dump, GError **error)
{
    Elf32Header eh;

    if (!start_parse(d, len, "the dump", dump, sizeof(*dump), &eh, error)) {
        return FALSE;
    }
    dump->data = d;
    dump->len = len;
    dump->regions = g_array_new(FALSE, TRUE, sizeof(RpDumpRegion));
    dump->minidump = eh.e_phnum == 0;
    for (guint i = 0; i < eh.e_phnum; i++) {
        Elf32Phdr ph;

        if (elf32_phdr(d, len, &eh, i, &ph) && ph.p_type == PT_LOAD &&
            !add_region(dump, &(RpDumpRegion){ .addr = ph.p_paddr, .size = ph.p_filesz,
                                               .offset = ph.p_offset }, "segment", i, error)) {
            return FALSE;
        }
    }
    for (guint i = 0; dump->minidump && i < eh.e_shnum; i++) {
        Elf32Shdr sh;
        RpDumpRegion r = { 0 };

        if (!elf32_shdr(d, len, &eh, i, &sh) || sh.sh_type != SHT_PROGBITS) {
            continue;
        }
        r = (RpDumpRegion){ .addr = sh.sh_addr, .size = sh.sh_size, .offset = sh.sh_offset };
        section_name(d, len, &eh, &sh, r.name, sizeof(r.name));
        if (!add_region(dump, &r, "section", i, error)) {
            return FALSE;
        }
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

/* Append the named symbols of symbol table @symtab to fw->symbols */
static gboolean read_symbols(const guchar *d, gsize len, const Elf32Header *eh,
                             const Elf32Shdr *symtab, RpFirmwareElf *fw, GError **error)
{
    Elf32Shdr strtab;

    if (!elf32_range_ok(len, symtab->sh_offset, symtab->sh_size) ||
        !elf32_shdr(d, len, eh, symtab->sh_link, &strtab)) {
        return bad(error, "the firmware's symbol table lies outside the file");
    }
    if (!elf32_range_ok(len, strtab.sh_offset, strtab.sh_size) || !strtab.sh_size) {
        return bad(error, "the firmware's string table lies outside the file");
    }
    /* entry 0 is the undefined symbol */
    for (guint k = 1; k < elf32_sym_count(symtab); k++) {
        Elf32Sym sym;
        RpElfSymbol s;
        const char *name;
        gsize n;

        if (!elf32_sym(d, len, symtab, k, &sym) || !sym.st_name ||
            !(name = elf32_str(d, len, &strtab, sym.st_name, &n))) {
            continue;
        }
        s.name = g_strndup(name, n);
        s.value = sym.st_value;
        s.size = sym.st_size;
        s.func = elf32_st_type(sym.st_info) == STT_FUNC;
        if (s.func) {
            s.value &= ~1u;         /* the Thumb bit */
        }
        g_array_append_val(fw->symbols, s);
    }
    return TRUE;
}

gboolean rp_fw_parse(const guchar *d, gsize len, RpFirmwareElf *fw, GError **error)
{
    Elf32Header eh;

    if (!start_parse(d, len, "the firmware", fw, sizeof(*fw), &eh, error)) {
        return FALSE;
    }
    fw->segments = g_array_new(FALSE, TRUE, sizeof(RpFwSegment));
    fw->symbols = g_array_new(FALSE, TRUE, sizeof(RpElfSymbol));
    g_array_set_clear_func(fw->symbols, symbol_clear);
    for (guint i = 0; i < eh.e_phnum; i++) {
        Elf32Phdr ph;

        if (elf32_phdr(d, len, &eh, i, &ph) && ph.p_type == PT_LOAD) {
            RpFwSegment seg = { ph.p_vaddr, ph.p_paddr, ph.p_memsz };

            g_array_append_val(fw->segments, seg);
        }
    }
    for (guint i = 0; i < eh.e_shnum; i++) {
        Elf32Shdr sh;

        if (!elf32_shdr(d, len, &eh, i, &sh) || sh.sh_type != SHT_SYMTAB) {
            continue;
        }
        if (!read_symbols(d, len, &eh, &sh, fw, error)) {
            rp_fw_clear(fw);
            return FALSE;
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
