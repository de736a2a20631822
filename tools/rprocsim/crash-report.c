/*
 * rprocsim: the crash report of a remoteproc devcoredump, read with the
 * firmware ELF it came from. Finds the stub firmware's crash record
 * (include/rprocsim/crash-record.h) through the ELF's symbol "crash_record", decodes the
 * Cortex-M fault status (ARMv7-M Architecture Reference Manual, B3.2.15
 * CFSR, B3.2.16 HFSR), symbolises pc and lr, disassembles the faulting
 * function with Capstone (Thumb, M-class) and marks the faulting
 * instruction, and scans the dumped stack for return addresses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rprocsim/bytes.h"
#include "coredump.h"
#include "crash-report.h"
#include "json-out.h"
#include "rprocsim/crash-record.h"

#include <capstone/capstone.h>
#include <json-glib/json-glib.h>
#include <stddef.h>
#include <string.h>

/* Where each field of the firmware's record sits (rprocsim/crash-record.h) */
#define CRASH_OFF(field)    offsetof(struct rp_crash_record, field)
#define CRASH_SIZE          sizeof(struct rp_crash_record)
#define CRASH_REASON_LEN    RP_CRASH_REASON_LEN

#define INSNS_AFTER         3       /* disassembled past the faulting instruction */
#define BACKTRACE_WORDS     64      /* stack words scanned for return addresses */
#define BACKTRACE_MAX       8

typedef struct Crash {
    guint32 exception, boot, r[13], sp, lr, pc, xpsr, cfsr, hfsr, mmfar, bfar;
    char reason[CRASH_REASON_LEN + 1];
} Crash;

static const char *const exception_names[RP_CRASH_EXCEPTIONS] = RP_CRASH_EXCEPTION_NAMES;

/* The name of exception number @n, as the report prints it */
static const char *exception_name(guint32 n)
{
    if (n == 0) {
        return "none (fatal error raised by the firmware)";
    }
    return n < RP_CRASH_EXCEPTIONS ? exception_names[n] : "unknown";
}

static const struct {
    guint32 bit;
    const char *name;
    const char *meaning;
} cfsr_bits[] = {
    { 1u << 0,  "IACCVIOL",    "instruction fetch from a no-execute or protected region" },
    { 1u << 1,  "DACCVIOL",    "data access to a protected region" },
    { 1u << 3,  "MUNSTKERR",   "MemManage fault on exception return unstacking" },
    { 1u << 4,  "MSTKERR",     "MemManage fault on exception entry stacking" },
    { 1u << 5,  "MLSPERR",     "MemManage fault on lazy FP state preservation" },
    { 1u << 7,  "MMARVALID",   "MMFAR holds the faulting address" },
    { 1u << 8,  "IBUSERR",     "bus error on instruction fetch" },
    { 1u << 9,  "PRECISERR",   "precise data bus error: the stacked pc is the access" },
    { 1u << 10, "IMPRECISERR", "imprecise data bus error: the stacked pc is later" },
    { 1u << 11, "UNSTKERR",    "bus fault on exception return unstacking" },
    { 1u << 12, "STKERR",      "bus fault on exception entry stacking" },
    { 1u << 13, "LSPERR",      "bus fault on lazy FP state preservation" },
    { 1u << 15, "BFARVALID",   "BFAR holds the faulting address" },
    { 1u << 16, "UNDEFINSTR",  "undefined instruction" },
    { 1u << 17, "INVSTATE",    "invalid state (Thumb bit clear)" },
    { 1u << 18, "INVPC",       "invalid exception return" },
    { 1u << 19, "NOCP",        "no coprocessor" },
    { 1u << 24, "UNALIGNED",   "unaligned access" },
    { 1u << 25, "DIVBYZERO",   "division by zero" },
}, hfsr_bits[] = {
    { 1u << 1,  "VECTTBL",     "vector table read fault" },
    { 1u << 30, "FORCED",      "escalated from a configurable fault" },
    { 1u << 31, "DEBUGEVT",    "debug event" },
};

/* Find and check the crash record; FALSE with @error if absent or invalid */
static gboolean read_crash(const RpDump *dump, const RpFirmwareElf *fw, Crash *c,
                           guint32 *where, GError **error)
{
    const RpElfSymbol *sym = rp_fw_symbol(fw, "crash_record");
    const guchar *p;

    if (!sym) {
        g_set_error(error, RP_DUMP_ERROR, 0, "the firmware has no 'crash_record' symbol");
        return FALSE;
    }
    if (!rp_fw_to_phys(fw, sym->value, where) ||
        !(p = rp_dump_at(dump, *where, CRASH_SIZE))) {
        g_set_error(error, RP_DUMP_ERROR, 0, "the crash record (0x%x, %zu bytes) is not in "
                    "the dump: is this the firmware the dump came from?", sym->value,
                    CRASH_SIZE);
        return FALSE;
    }
    if (rp_le32(p) != RP_CRASH_MAGIC || rp_le32(p + 4) != RP_CRASH_VERSION) {
        g_set_error(error, RP_DUMP_ERROR, 0, "no crash record at 0x%x (magic 0x%08x, version "
                    "%u): the firmware did not record a crash", *where, rp_le32(p), rp_le32(p + 4));
        return FALSE;
    }
    c->exception = rp_le32(p + 8);
    c->boot = rp_le32(p + 12);
    for (int i = 0; i < 13; i++) {
        c->r[i] = rp_le32(p + CRASH_OFF(r) + 4 * i);
    }
    c->sp = rp_le32(p + CRASH_OFF(sp));
    c->lr = rp_le32(p + CRASH_OFF(lr));
    c->pc = rp_le32(p + CRASH_OFF(pc));
    c->xpsr = rp_le32(p + CRASH_OFF(xpsr));
    c->cfsr = rp_le32(p + CRASH_OFF(cfsr));
    c->hfsr = rp_le32(p + CRASH_OFF(hfsr));
    c->mmfar = rp_le32(p + CRASH_OFF(mmfar));
    c->bfar = rp_le32(p + CRASH_OFF(bfar));
    memcpy(c->reason, p + CRASH_OFF(reason), CRASH_REASON_LEN);
    c->reason[CRASH_REASON_LEN] = '\0';
    return TRUE;
}

static char *symbolise(const RpFirmwareElf *fw, guint32 addr)
{
    const RpElfSymbol *f = rp_fw_function_at(fw, addr);

    return f ? g_strdup_printf("%s+0x%x", f->name, (addr & ~1u) - f->value)
             : g_strdup("?");
}

/*
 * Disassemble the function holding the pc up to INSNS_AFTER past it, each
 * line into @lines; "=>" marks the faulting instruction. FALSE if the code
 * is not in the dump or Capstone fails.
 */
static gboolean disassemble(const RpDump *dump, const RpFirmwareElf *fw, guint32 pc,
                            GPtrArray *lines, char **faulting, GError **error)
{
    const RpElfSymbol *f = rp_fw_function_at(fw, pc);
    guint32 start, phys, len;
    const guchar *code;
    csh h;
    cs_insn *insn;
    size_t n;
    int after = -1;

    if (!f) {
        g_set_error(error, RP_DUMP_ERROR, 0, "pc 0x%x is in no function of the firmware", pc);
        return FALSE;
    }
    start = f->value;
    len = MAX(f->size, (pc & ~1u) - start + 4 * (INSNS_AFTER + 1));
    if (!rp_fw_to_phys(fw, start, &phys) || !(code = rp_dump_at(dump, phys, len))) {
        g_set_error(error, RP_DUMP_ERROR, 0, "the code of %s is not in the dump", f->name);
        return FALSE;
    }
    if (cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS, &h) != CS_ERR_OK) {
        g_set_error(error, RP_DUMP_ERROR, 0, "Capstone cannot open Thumb M-class");
        return FALSE;
    }
    cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
    n = cs_disasm(h, code, len, start, 0, &insn);
    for (size_t i = 0; i < n && after < INSNS_AFTER; i++) {
        gboolean here = insn[i].address == (pc & ~1u);

        if (here || after >= 0) {
            after++;
        }
        if (here) {
            *faulting = g_strdup_printf("%s %s", insn[i].mnemonic, insn[i].op_str);
        }
        g_ptr_array_add(lines, g_strdup_printf("%s %08" PRIx64 ": %s %s", here ? "=>" : "  ",
                                               insn[i].address, insn[i].mnemonic,
                                               insn[i].op_str));
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    return TRUE;
}

/* Words on the dumped stack that are return addresses into functions */
static void backtrace(const RpDump *dump, const RpFirmwareElf *fw, const Crash *c,
                      GPtrArray *frames)
{
    guint32 phys;

    for (guint i = 0; i < BACKTRACE_WORDS && frames->len < BACKTRACE_MAX; i++) {
        const guchar *w;
        guint32 v;

        if (!rp_fw_to_phys(fw, c->sp + 4 * i, &phys) || !(w = rp_dump_at(dump, phys, 4))) {
            break;
        }
        v = rp_le32(w);
        if ((v & 1) && rp_fw_function_at(fw, v - 1) && v - 1 != (c->lr & ~1u)) {
            g_autofree char *sym = symbolise(fw, v - 1);

            g_ptr_array_add(frames, g_strdup_printf("0x%08x %s (stack +0x%x)", v - 1, sym,
                                                    4 * i));
        }
    }
}

static void decode_bits(GString *out, guint32 v, const void *table, gsize n, JsonBuilder *b)
{
    const typeof(cfsr_bits[0]) *t = table;

    for (gsize i = 0; i < n; i++) {
        if (v & t[i].bit) {
            g_string_append_printf(out, "    %-12s %s\n", t[i].name, t[i].meaning);
            json_builder_add_string_value(b, t[i].name);
        }
    }
}

/* Everything about one dump, as text in @out and JSON in @b */
static gboolean inspect(const RpDump *dump, const RpFirmwareElf *fw, GString *out,
                        JsonBuilder *b, GError **error)
{
    g_autoptr(GPtrArray) asm_lines = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GError) dis_err = NULL;
    g_autofree char *pc_sym = NULL, *lr_sym = NULL, *faulting = NULL;
    Crash c = { 0 };
    guint32 where;

    json_builder_begin_object(b);
    rp_json_add_string(b, "kind", dump->minidump ? "minidump" : "coredump");
    json_builder_set_member_name(b, "regions");
    json_builder_begin_array(b);
    g_string_append_printf(out, "%s, %u regions:\n", dump->minidump ? "minidump" : "coredump",
                           dump->regions->len);
    for (guint i = 0; i < dump->regions->len; i++) {
        const RpDumpRegion *r = &g_array_index(dump->regions, RpDumpRegion, i);

        g_string_append_printf(out, "  0x%08x-0x%08x %7u bytes %s\n", r->addr,
                               r->addr + r->size, r->size, r->name);
        json_builder_begin_object(b);
        rp_json_add_int(b, "address", r->addr);
        rp_json_add_int(b, "size", r->size);
        rp_json_add_string(b, "name", r->name);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    if (!read_crash(dump, fw, &c, &where, error)) {
        json_builder_end_object(b);
        return FALSE;
    }
    g_string_append_printf(out, "crash record at 0x%08x (boot %u)\nreason: %s\n", where,
                           c.boot, c.reason);
    rp_json_add_string(b, "reason", c.reason);
    rp_json_add_int(b, "boot", c.boot);
    rp_json_add_string(b, "exception", exception_name(c.exception));
    g_string_append_printf(out, "exception: %s\n", exception_name(c.exception));
    if (c.exception == 0) {
        g_string_append(out, "no CPU fault: the firmware raised the fatal error itself\n");
        json_builder_end_object(b);
        return TRUE;
    }
    g_string_append_printf(out, "CFSR 0x%08x\n", c.cfsr);
    json_builder_set_member_name(b, "cfsr");
    json_builder_begin_array(b);
    decode_bits(out, c.cfsr, cfsr_bits, G_N_ELEMENTS(cfsr_bits), b);
    json_builder_end_array(b);
    g_string_append_printf(out, "HFSR 0x%08x\n", c.hfsr);
    json_builder_set_member_name(b, "hfsr");
    json_builder_begin_array(b);
    decode_bits(out, c.hfsr, hfsr_bits, G_N_ELEMENTS(hfsr_bits), b);
    json_builder_end_array(b);
    if (c.cfsr & (1u << 15)) {
        g_string_append_printf(out, "fault address 0x%08x (BFAR)\n", c.bfar);
        rp_json_add_int(b, "fault_address", c.bfar);
    } else if (c.cfsr & (1u << 7)) {
        g_string_append_printf(out, "fault address 0x%08x (MMFAR)\n", c.mmfar);
        rp_json_add_int(b, "fault_address", c.mmfar);
    }
    for (int i = 0; i < 13; i++) {
        g_string_append_printf(out, "%sr%-2d 0x%08x", i % 4 ? "  " : "", i, c.r[i]);
        if (i % 4 == 3) {
            g_string_append_c(out, '\n');
        }
    }
    pc_sym = symbolise(fw, c.pc);
    lr_sym = symbolise(fw, c.lr);
    g_string_append_printf(out, "  sp  0x%08x\npc 0x%08x %s\nlr 0x%08x %s\nxpsr 0x%08x\n",
                           c.sp, c.pc, pc_sym, c.lr, lr_sym, c.xpsr);
    rp_json_add_int(b, "pc", c.pc);
    rp_json_add_string(b, "pc_symbol", pc_sym);
    rp_json_add_int(b, "lr", c.lr);
    rp_json_add_string(b, "lr_symbol", lr_sym);
    rp_json_add_int(b, "sp", c.sp);
    if (disassemble(dump, fw, c.pc, asm_lines, &faulting, &dis_err)) {
        if (faulting) {
            g_string_append_printf(out, "faulting instruction: %s (at %s)\n", faulting,
                                   pc_sym);
            rp_json_add_string(b, "faulting_instruction", faulting);
        }
        g_string_append(out, "disassembly:\n");
        for (guint i = 0; i < asm_lines->len; i++) {
            g_string_append_printf(out, "  %s\n", (char *)g_ptr_array_index(asm_lines, i));
        }
        rp_json_add_strv(b, "disassembly", asm_lines);
    } else {
        g_string_append_printf(out, "no disassembly: %s\n", dis_err->message);
    }
    backtrace(dump, fw, &c, frames);
    g_string_append_printf(out, "backtrace (return addresses on the stack):\n  0x%08x %s\n"
                           "  0x%08x %s (lr)\n", c.pc & ~1u, pc_sym, c.lr & ~1u, lr_sym);
    for (guint i = 0; i < frames->len; i++) {
        g_string_append_printf(out, "  %s\n", (char *)g_ptr_array_index(frames, i));
    }
    rp_json_add_strv(b, "backtrace", frames);
    json_builder_end_object(b);
    return TRUE;
}

/* For full coredumps: every firmware segment is a region of the same size */
static gboolean firmware_matches(const RpDump *dump, const RpFirmwareElf *fw, GError **error)
{
    for (guint i = 0; !dump->minidump && i < fw->segments->len; i++) {
        const RpFwSegment *s = &g_array_index(fw->segments, RpFwSegment, i);

        if (s->memsz && !rp_dump_at(dump, s->paddr, s->memsz)) {
            g_set_error(error, RP_DUMP_ERROR, 0, "the firmware does not match the dump: its "
                        "segment at 0x%x (%u bytes) is not in it", s->paddr, s->memsz);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean rp_inspect(const guchar *dump_data, gsize dump_len, const guchar *fw_data,
                    gsize fw_len, GString *out, JsonBuilder *b, GError **error)
{
    RpDump dump = { 0 };
    RpFirmwareElf fw = { 0 };
    gboolean ok;

    if (!rp_dump_parse(dump_data, dump_len, &dump, error)) {
        return FALSE;
    }
    ok = rp_fw_parse(fw_data, fw_len, &fw, error) && firmware_matches(&dump, &fw, error) &&
         inspect(&dump, &fw, out, b, error);
    rp_dump_clear(&dump);
    rp_fw_clear(&fw);
    return ok;
}
