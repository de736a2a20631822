/*
 * rprocsim run: carry out scenario files (docs/scenarios.md) against the
 * stock kernel on qcs6490-sim. Each scenario boots its own guest; its
 * steps run once per subsystem it names, each such pass being one TAP
 * test point. Kernel messages are read from dmesg, which each pass clears.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "guest-proto.h"
#include "qmp.h"
#include "rproc.h"
#include "mbn.h"
#include "scenario.h"
#include "coredump.h"
#include "crash-report.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define MODULES_TIMEOUT_S   120.0
#define FIND_TIMEOUT_S      60.0
#define AGENT_TIMEOUT_S     30.0
#define POLL_US             50000

typedef struct Pass {
    RpVm *vm;
    RpQmp *qmp;
    RpRproc r;
    const char *out_dir;
    GHashTable *vars;           /* ${name} -> value */
    GHashTable *baseline;       /* TrustZone property -> value at the round's start */
    guint cursor;               /* dmesg lines already matched by 'expect' */
    GString *log;               /* what happened, for failures and JUnit */
    const char *firmware_dir;   /* the firmware ELF files, SUBSYS.elf */
    GBytes *last_dump;          /* the dump the last 'dump' step took */
} Pass;

static gboolean step_error(GError **error, const RpStep *st, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
static gboolean step_error(GError **error, const RpStep *st, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, RP_SCENARIO_ERROR, 1, "[%s] %s: %s", st->group,
                rp_step_kind_name(st->kind), msg);
    return FALSE;
}

/* Run @cmd in the guest; TRUE if it ran (whatever its status) */
static gboolean guest(Pass *p, const char *cmd, double timeout_s, char **out,
                      int *status, GError **error)
{
    return rp_vm_agent_run(p->vm, cmd, timeout_s, out, status, error);
}

static GStrv dmesg_lines(Pass *p, GError **error)
{
    g_autofree char *out = NULL;
    int status;

    if (!guest(p, "dmesg", AGENT_TIMEOUT_S, &out, &status, error)) {
        return NULL;
    }
    return g_strsplit(out, "\n", -1);
}

/* A TrustZone QOM property as text (integers in decimal) */
static char *tz_get(Pass *p, const char *prop, GError **error)
{
    return rp_qmp_qom_get_text(p->qmp, "/machine/trustzone", prop, error);
}

static gboolean do_expect(Pass *p, const RpStep *st, const char *msg, GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(st->timeout_s * G_USEC_PER_SEC);

    do {
        g_auto(GStrv) lines = dmesg_lines(p, error);
        guint n;

        if (!lines) {
            return FALSE;
        }
        for (n = 0; lines[n]; n++) {
            if (n >= p->cursor && strstr(lines[n], msg)) {
                p->cursor = n + 1;
                g_string_append_printf(p->log, "  matched: %s\n", lines[n]);
                return TRUE;
            }
        }
        g_usleep(POLL_US);
    } while (g_get_monotonic_time() < deadline);
    return step_error(error, st, "no kernel message '%s' within %.0f s", msg, st->timeout_s);
}

static gboolean do_absent(Pass *p, const RpStep *st, const char *msg, GError **error)
{
    g_auto(GStrv) lines = dmesg_lines(p, error);

    for (guint n = 0; lines && lines[n]; n++) {
        if (n >= p->cursor && strstr(lines[n], msg)) {
            return step_error(error, st, "unexpected kernel message: %s", lines[n]);
        }
    }
    return lines != NULL;
}

static gboolean do_ensure(Pass *p, const RpStep *st, const char *want, GError **error)
{
    g_autofree char *state = rp_rproc_read(p->vm, &p->r, "state", error);

    if (!state) {
        return FALSE;
    }
    if (strcmp(want, "running") && strcmp(want, "offline")) {
        return step_error(error, st, "state must be running or offline, not '%s'", want);
    }
    if (!g_str_equal(state, want) &&
        !rp_rproc_write(p->vm, &p->r, "state", g_str_equal(want, "running") ? "start" : "stop",
                        error)) {
        return FALSE;
    }
    return rp_rproc_wait_state(p->vm, &p->r, want, st->timeout_s, error);
}

/* A sysfs/debugfs write or guest command; its failure is wanted if st->fails */
static gboolean do_guest(Pass *p, const RpStep *st, const char *cmd, GError **error)
{
    g_autofree char *out = NULL;
    int status;

    if (!guest(p, cmd, st->kind == RP_STEP_GUEST ? st->timeout_s : AGENT_TIMEOUT_S,
               &out, &status, error)) {
        return FALSE;
    }
    g_string_append_printf(p->log, "  $ %s -> %d %s\n", cmd, status, g_strstrip(out));
    if ((status != 0) != st->fails) {
        return step_error(error, st, "'%s' %s (status %d): %s", cmd,
                          status ? "failed" : "succeeded", status, out);
    }
    return TRUE;
}

static gboolean do_tz(Pass *p, const RpStep *st, const char *prop, const char *contains,
                      GError **error)
{
    g_autofree char *val = tz_get(p, prop, error);
    const char *before;

    if (!val) {
        return FALSE;
    }
    g_string_append_printf(p->log, "  trustzone %s = %s\n", prop, val);
    if (contains && !strstr(val, contains)) {
        return step_error(error, st, "TrustZone %s is '%s', without '%s'", prop, val,
                          contains);
    }
    before = g_hash_table_lookup(p->baseline, prop);
    if (st->grew && (!before || g_ascii_strtoull(val, NULL, 10) <=
                                g_ascii_strtoull(before, NULL, 10))) {
        return step_error(error, st, "TrustZone %s stayed %s", prop, before ? before : "?");
    }
    return TRUE;
}

/* The program headers of ELF32 little-endian @d (caller frees), NULL if malformed */
static MbnPhdr *elf32_phdrs(const guchar *d, gsize len, guint *phnum)
{
    guint32 phoff;
    MbnPhdr *ph;

    if (len < 52 || memcmp(d, "\x7f" "ELF\x01\x01", 6)) {
        return NULL;
    }
    phoff = rp_rd32(d + 28);
    *phnum = d[44] | d[45] << 8;
    if (!*phnum || phoff > len || *phnum > (len - phoff) / 32) {
        return NULL;
    }
    ph = g_new(MbnPhdr, *phnum);
    for (guint i = 0; i < *phnum; i++) {
        const guchar *w = d + phoff + 32 * i;

        ph[i] = (MbnPhdr) {
            rp_rd32(w), rp_rd32(w + 4), rp_rd32(w + 8), rp_rd32(w + 12),
            rp_rd32(w + 16), rp_rd32(w + 20), rp_rd32(w + 24), rp_rd32(w + 28),
        };
    }
    return ph;
}

/*
 * The firmware segments the kernel dumps (qcom_register_dump_segments() in
 * drivers/remoteproc/qcom_common.c: PT_LOAD, not the hash segment, memsz
 * not 0), read from the image in the guest. Caller frees.
 */
static GArray *firmware_segments(Pass *p, GError **error)
{
    g_autofree char *cmd = g_strdup_printf("head -c 4096 /lib/firmware/%s | base64",
                                           (char *)g_hash_table_lookup(p->vars, "fw"));
    g_autofree char *b64 = NULL;
    g_autofree guchar *hdr = NULL;
    g_autofree MbnPhdr *ph = NULL;
    GArray *segs = g_array_new(FALSE, FALSE, sizeof(MbnPhdr));
    gsize len;
    guint n = 0;
    int status;

    if (!guest(p, cmd, AGENT_TIMEOUT_S, &b64, &status, error)) {
        g_array_unref(segs);
        return NULL;
    }
    hdr = status == 0 ? g_base64_decode(b64, &len) : NULL;
    ph = hdr ? elf32_phdrs(hdr, len, &n) : NULL;
    if (!ph) {
        g_set_error(error, RP_SCENARIO_ERROR, 1, "cannot read the program headers of "
                    "/lib/firmware/%s in the guest", (char *)g_hash_table_lookup(p->vars, "fw"));
        g_array_unref(segs);
        return NULL;
    }
    for (guint i = 0; i < n; i++) {
        if (ph[i].type == 1 && ((ph[i].flags >> 24) & 7) != 2 && ph[i].memsz) {
            g_array_append_val(segs, ph[i]);
        }
    }
    return segs;
}

/* Guest physical memory, through QMP pmemsave into a scratch file */
static char *guest_memory(Pass *p, guint32 addr, guint32 size, GError **error)
{
    g_autofree char *file = g_build_filename(p->out_dir, "pmemsave.bin", NULL);
    char *mem = NULL;
    gsize len;

    if (!rp_qmp_pmemsave(p->qmp, addr, size, file, error) ||
        !g_file_get_contents(file, &mem, &len, error)) {
        return NULL;
    }
    g_unlink(file);
    if (len != size) {
        g_set_error(error, RP_SCENARIO_ERROR, 1, "pmemsave gave %zu of %u bytes", len, size);
        g_clear_pointer(&mem, g_free);
    }
    return mem;
}

/* The region's bytes equal guest memory at its address */
static gboolean equals_memory(Pass *p, const RpStep *st, const RpDump *dump,
                              const RpDumpRegion *r, GError **error)
{
    g_autofree char *mem = guest_memory(p, r->addr, r->size, error);

    if (!mem) {
        return FALSE;
    }
    if (memcmp(mem, dump->data + r->offset, r->size)) {
        return step_error(error, st, "region 0x%x (%u bytes) differs from the carveout",
                          r->addr, r->size);
    }
    g_string_append_printf(p->log, "  0x%x, %u bytes %s: equal to the carveout\n", r->addr,
                           r->size, r->name);
    return TRUE;
}

/*
 * A full devcoredump: one PT_LOAD per firmware segment, at its address and
 * of its size; read-only segments (code) must equal the carveout. Writable
 * ones are only sized: after recovery the restarted firmware owns them.
 */
static gboolean check_full_dump(Pass *p, const RpStep *st, const RpDump *dump,
                                GError **error)
{
    g_autoptr(GArray) segs = firmware_segments(p, error);

    if (!segs) {
        return FALSE;
    }
    if (dump->regions->len != segs->len) {
        return step_error(error, st, "%u segments in the dump, %u in the firmware",
                          dump->regions->len, segs->len);
    }
    for (guint i = 0; i < segs->len; i++) {
        const MbnPhdr *fw = &g_array_index(segs, MbnPhdr, i);
        const RpDumpRegion *r = &g_array_index(dump->regions, RpDumpRegion, i);

        if (r->addr != fw->paddr || r->size != fw->memsz) {
            return step_error(error, st, "dump segment %u (0x%x, %u bytes) is not firmware "
                              "segment 0x%x, %u bytes", i, r->addr, r->size, fw->paddr,
                              fw->memsz);
        }
        if (!(fw->flags & 2) && !equals_memory(p, st, dump, r, error)) {
            return FALSE;
        }
    }
    return TRUE;
}

/*
 * Check a devcoredump of the expected kind. A minidump (qcom_minidump() in
 * drivers/remoteproc/qcom_common.c) has one section per region of the
 * subsystem's table of contents; its first region (code) must equal the
 * carveout. Full dumps: check_full_dump().
 */
static gboolean check_dump(Pass *p, const RpStep *st, GBytes *bytes, gboolean minidump,
                           GError **error)
{
    gsize len;
    const guchar *d = g_bytes_get_data(bytes, &len);
    RpDump dump;
    gboolean ok;

    if (!rp_dump_parse(d, len, &dump, error)) {
        return FALSE;
    }
    g_string_append_printf(p->log, "  dump: %zu bytes, %u regions\n", len, dump.regions->len);
    if (dump.minidump != minidump) {
        ok = step_error(error, st, "a %s, not a %s", dump.minidump ? "minidump" : "full dump",
                        minidump ? "minidump" : "full dump");
    } else if (minidump) {
        ok = equals_memory(p, st, &dump, &g_array_index(dump.regions, RpDumpRegion, 0), error);
    } else {
        ok = check_full_dump(p, st, &dump, error);
    }
    rp_dump_clear(&dump);
    return ok;
}

static gboolean do_dump(Pass *p, const RpStep *st, const char *format, GError **error)
{
    g_autoptr(GBytes) dump = NULL;
    g_autofree char *path = NULL;

    if (strcmp(format, "elf") && strcmp(format, "minidump")) {
        return step_error(error, st, "format must be elf or minidump, not '%s'", format);
    }
    dump = rp_rproc_take_dump(p->vm, &p->r, error);
    if (!dump) {
        return FALSE;
    }
    g_clear_pointer(&p->last_dump, g_bytes_unref);
    p->last_dump = g_bytes_ref(dump);
    path = g_strdup_printf("%s/%s.core", p->out_dir, p->r.ss->name);
    if (!g_file_set_contents(path, g_bytes_get_data(dump, NULL), g_bytes_get_size(dump),
                             error)) {
        return FALSE;
    }
    return check_dump(p, st, dump, g_str_equal(format, "minidump"), error);
}

/* 'rprocsim inspect' of the last dump with the subsystem's firmware ELF */
static gboolean do_inspect(Pass *p, const RpStep *st, const char *want, GError **error)
{
    g_autofree char *elf = g_strdup_printf("%s/%s.elf", p->firmware_dir, p->r.ss->name);
    g_autofree char *fw = NULL;
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(JsonBuilder) b = json_builder_new();
    gsize fw_len, len;
    const guchar *d;

    if (!p->last_dump) {
        return step_error(error, st, "no dump taken yet (a 'dump' step comes first)");
    }
    if (!g_file_get_contents(elf, &fw, &fw_len, error)) {
        return FALSE;
    }
    d = g_bytes_get_data(p->last_dump, &len);
    if (!rp_inspect(d, len, (const guchar *)fw, fw_len, out, b, error)) {
        return FALSE;
    }
    g_string_append_printf(p->log, "%s", out->str);
    if (!strstr(out->str, want)) {
        return step_error(error, st, "the inspector does not say '%s'", want);
    }
    return TRUE;
}

static gboolean run_step(Pass *p, const RpStep *st, GError **error)
{
    g_autofree char *arg = rp_scenario_expand(st->arg, p->vars, error);
    g_autofree char *arg2 = NULL, *cmd = NULL, *path = NULL;

    if (!arg || (st->arg2 && !(arg2 = rp_scenario_expand(st->arg2, p->vars, error)))) {
        return FALSE;
    }
    g_string_append_printf(p->log, "[%s] %s %s%s%s\n", st->group, rp_step_kind_name(st->kind),
                           arg, arg2 ? " " : "", arg2 ? arg2 : "");
    switch (st->kind) {
    case RP_STEP_ENSURE:
        return do_ensure(p, st, arg, error);
    case RP_STEP_SYSFS:
        cmd = g_strdup_printf("echo %s > %s/%s", arg2, p->r.dir, arg);
        return do_guest(p, st, cmd, error);
    case RP_STEP_DEBUGFS:
        cmd = g_strdup_printf("echo %s > %s/%s", arg2,
                              (char *)g_hash_table_lookup(p->vars, "debugfs"), arg);
        return do_guest(p, st, cmd, error);
    case RP_STEP_GUEST:
        return do_guest(p, st, arg, error);
    case RP_STEP_INJECT:
        path = g_strdup_printf("/machine/%s", p->r.ss->name);
        return rp_qmp_qom_set_str(p->qmp, path, "fault", arg, error);
    case RP_STEP_TZ_INJECT:
        return rp_qmp_qom_set_str(p->qmp, "/machine/trustzone", "fault", arg, error);
    case RP_STEP_EXPECT:
        return do_expect(p, st, arg, error);
    case RP_STEP_ABSENT:
        return do_absent(p, st, arg, error);
    case RP_STEP_STATE:
        return rp_rproc_wait_state(p->vm, &p->r, arg, st->timeout_s, error);
    case RP_STEP_TZ:
        return do_tz(p, st, arg, arg2, error);
    case RP_STEP_DUMP:
        return do_dump(p, st, arg, error);
    case RP_STEP_INSPECT:
        return do_inspect(p, st, arg, error);
    default:
        return step_error(error, st, "not a step kind");
    }
}

static void set_var(Pass *p, const char *name, char *value)
{
    g_hash_table_insert(p->vars, g_strdup(name), value);
}

/* The TrustZone properties 'grew=true' steps compare with, read now */
static gboolean take_baseline(Pass *p, const RpScenario *sc, GError **error)
{
    g_hash_table_remove_all(p->baseline);
    for (guint i = 0; i < sc->steps->len; i++) {
        const RpStep *st = g_ptr_array_index(sc->steps, i);
        g_autofree char *prop = NULL, *val = NULL;

        if (st->kind == RP_STEP_TZ && st->grew) {
            prop = rp_scenario_expand(st->arg, p->vars, error);
            val = prop ? tz_get(p, prop, error) : NULL;
            if (!val) {
                return FALSE;
            }
            g_hash_table_insert(p->baseline, g_steal_pointer(&prop), g_steal_pointer(&val));
        }
    }
    return TRUE;
}

/* One subsystem's pass through the scenario's steps */
static gboolean run_pass(Pass *p, const RpScenario *sc, const RpSubsys *ss, GError **error)
{
    g_autofree char *base = NULL;
    g_autofree char *cleared = NULL;
    int status;

    if (!rp_rproc_find(p->vm, ss, FIND_TIMEOUT_S, &p->r, error)) {
        return FALSE;
    }
    base = g_path_get_basename(p->r.dir);
    set_var(p, "ss", g_strdup(ss->name));
    set_var(p, "name", g_strdup(p->r.name));
    set_var(p, "dev", g_strdup(ss->node));
    set_var(p, "sysfs", g_strdup(p->r.dir));
    set_var(p, "debugfs", g_strdup_printf("/sys/kernel/debug/remoteproc/%s", base));
    set_var(p, "fw", g_strdup_printf("qcom/qcs6490/%s.mbn", ss->name));
    if (!guest(p, "dmesg -c >/dev/null", AGENT_TIMEOUT_S, &cleared, &status, error)) {
        return FALSE;
    }
    if (status != 0) {
        g_set_error(error, RP_SCENARIO_ERROR, 1, "cannot clear dmesg: %s", cleared);
        return FALSE;
    }
    p->cursor = 0;
    for (unsigned n = 1; n <= sc->repeat; n++) {
        set_var(p, "n", g_strdup_printf("%u", n));
        if (!take_baseline(p, sc, error)) {
            return FALSE;
        }
        for (guint i = 0; i < sc->steps->len; i++) {
            if (!run_step(p, g_ptr_array_index(sc->steps, i), error)) {
                if (sc->repeat > 1) {
                    g_prefix_error(error, "round %u: ", n);
                }
                return FALSE;
            }
        }
    }
    return TRUE;
}

typedef struct Result {
    char *scenario;
    char *subsys;
    gboolean ok;
    char *message;
    char *log;
    double seconds;
} Result;

static void result_free(gpointer p)
{
    Result *r = p;

    g_free(r->scenario);
    g_free(r->subsys);
    g_free(r->message);
    g_free(r->log);
    g_free(r);
}

static RpVm *boot(const RpOptions *o, const char *console_log, RpQmp **qmp, GError **error)
{
    RpVmConfig cfg = rp_vm_config(o, RP_SIM_MACHINE);
    g_autoptr(RpVm) vm = NULL;
    g_autofree char *ready = NULL, *done = NULL;

    cfg.console_log = console_log;
    cfg.agent = TRUE;
    cfg.qmp = TRUE;
    cfg.echo = o->verbose;
    vm = rp_vm_start(&cfg, error);
    if (!vm || !(*qmp = rp_vm_qmp(vm, 30, error))) {
        return NULL;
    }
    ready = rp_vm_wait_console(vm, RP_MARK_READY, RP_BOOT_TIMEOUT_S, NULL, error);
    done = ready ? rp_vm_wait_console(vm, RP_MARK_MODULES_DONE, MODULES_TIMEOUT_S, NULL,
                                      error) : NULL;
    return done ? g_steal_pointer(&vm) : NULL;
}

static void run_scenario(const RpOptions *o, const char *out_top, const RpScenario *sc,
                         int index, int total, GPtrArray *results)
{
    g_autofree char *out_dir = g_build_filename(out_top, sc->name, NULL);
    g_autofree char *console_log = g_build_filename(out_dir, "console.log", NULL);
    g_autofree char *firmware_dir = g_build_filename(o->build, "meson", "firmware-stubs",
                                                     NULL);
    g_autoptr(GError) boot_err = NULL;
    unsigned nsub;
    const RpSubsys *all = rp_subsystems(&nsub);
    Pass p = { 0 };

    fprintf(stderr, "[%d/%d] %s: %s\n", index, total, sc->name, sc->summary);
    g_mkdir_with_parents(out_dir, 0755);
    p.out_dir = out_dir;
    p.firmware_dir = firmware_dir;
    p.vars = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.baseline = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    p.vm = boot(o, console_log, &p.qmp, &boot_err);
    for (char **name = sc->subsystems; *name; name++) {
        Result *res = g_new0(Result, 1);
        gint64 t0 = g_get_monotonic_time();
        g_autoptr(GError) err = NULL;
        const RpSubsys *ss = NULL;

        for (unsigned i = 0; i < nsub; i++) {
            if (g_str_equal(all[i].name, *name)) {
                ss = &all[i];
            }
        }
        p.log = g_string_new(NULL);
        res->scenario = g_strdup(sc->name);
        res->subsys = g_strdup(*name);
        if (!p.vm) {
            res->message = g_strdup_printf("the guest did not boot: %s", boot_err->message);
        } else if (ss && run_pass(&p, sc, ss, &err)) {
            res->ok = TRUE;
        } else {
            res->message = g_strdup(err ? err->message : "unknown subsystem");
        }
        rp_rproc_clear(&p.r);
        g_clear_pointer(&p.last_dump, g_bytes_unref);
        res->seconds = (g_get_monotonic_time() - t0) / 1e6;
        res->log = g_string_free(p.log, FALSE);
        fprintf(stderr, "      %s: %s (%.1f s)%s%s\n", *name, res->ok ? "ok" : "FAILED",
                res->seconds, res->ok ? "" : ": ", res->ok ? "" : res->message);
        g_ptr_array_add(results, res);
    }
    g_clear_pointer(&p.vm, rp_vm_free);
    g_hash_table_unref(p.vars);
    g_hash_table_unref(p.baseline);
}

/* @text escaped for XML 1.0: valid UTF-8, no control characters but tab/newline */
static char *xml_text(const char *text)
{
    g_autofree char *valid = g_utf8_make_valid(text, -1);

    for (char *c = valid; *c; c++) {
        if ((guchar)*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') {
            *c = ' ';
        }
    }
    return g_markup_escape_text(valid, -1);
}

static gboolean write_junit(const char *path, GPtrArray *results, GError **error)
{
    g_autoptr(GString) x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    guint failures = 0;

    for (guint i = 0; i < results->len; i++) {
        failures += !((Result *)g_ptr_array_index(results, i))->ok;
    }
    g_string_append_printf(x, "<testsuite name=\"rprocsim scenarios\" tests=\"%u\" "
                           "failures=\"%u\">\n", results->len, failures);
    for (guint i = 0; i < results->len; i++) {
        Result *r = g_ptr_array_index(results, i);
        g_autofree char *cls = xml_text(r->scenario);
        g_autofree char *log = xml_text(r->log);

        g_string_append_printf(x, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">\n",
                               cls, r->subsys, r->seconds);
        if (!r->ok) {
            g_autofree char *msg = xml_text(r->message);

            g_string_append_printf(x, "    <failure message=\"%s\"/>\n", msg);
        }
        g_string_append_printf(x, "    <system-out>%s</system-out>\n  </testcase>\n", log);
    }
    g_string_append(x, "</testsuite>\n");
    return g_file_set_contents(path, x->str, x->len, error);
}

static gint compare_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* @arg itself, or the *.scenario files of folder @arg in name order */
static GPtrArray *scenario_files(const char *arg, GError **error)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = NULL;
    const char *name;

    if (!g_file_test(arg, G_FILE_TEST_IS_DIR)) {
        g_ptr_array_add(files, g_strdup(arg));
        return files;
    }
    dir = g_dir_open(arg, 0, error);
    while (dir && (name = g_dir_read_name(dir))) {
        if (g_str_has_suffix(name, ".scenario")) {
            g_ptr_array_add(files, g_build_filename(arg, name, NULL));
        }
    }
    g_ptr_array_sort(files, compare_paths);
    if (!dir || !files->len) {
        if (dir) {
            g_set_error(error, RP_SCENARIO_ERROR, 0, "no *.scenario files in %s", arg);
        }
        g_ptr_array_unref(files);
        return NULL;
    }
    return files;
}

int rp_cmd_run(int argc, char **argv)
{
    RpOptions o = { 0 };
    g_autofree char *junit = NULL, *out_top = NULL;
    GOptionEntry entries[] = {
        { "junit", 0, 0, G_OPTION_ARG_FILENAME, &junit,
          "also write the results as JUnit XML to FILE", "FILE" },
        { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_top,
          "folder for each scenario's console.log and dumps (default: BUILD/scenarios)",
          "DIR" },
        { NULL }
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("SCENARIO|FOLDER... - run scenario files");
    g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func(
        (GDestroyNotify)rp_scenario_free);
    g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func(result_free);
    g_autoptr(GError) err = NULL;
    guint planned = 0, failed = 0;

    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_group(ctx, rp_options_group(&o));
    g_option_context_set_description(ctx,
        "Each SCENARIO file (see docs/scenarios.md; a FOLDER means its *.scenario files,\n"
        "e.g. scenarios/) boots a fresh guest\n"
        "and runs its steps once per subsystem it names. TAP goes to stdout, progress\n"
        "to stderr. Exit status 0 only if every pass held; 2 for unusable input.");
    if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        fprintf(stderr, "rprocsim run: %s\n", err->message);
        return 2;
    }
    if (argc < 2) {
        fprintf(stderr, "rprocsim run: no scenario given (try scenarios/*.scenario)\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        g_autoptr(GPtrArray) files = scenario_files(argv[i], &err);

        for (guint k = 0; files && k < files->len; k++) {
            RpScenario *sc = rp_scenario_load(g_ptr_array_index(files, k), &err);

            if (!sc) {
                break;
            }
            planned += g_strv_length(sc->subsystems);
            g_ptr_array_add(scenarios, sc);
        }
        if (err) {
            fprintf(stderr, "rprocsim run: %s\n", err->message);
            return 2;
        }
    }
    if (!rp_options_resolve(&o, &err)) {
        fprintf(stderr, "rprocsim run: %s\n", err->message);
        return 2;
    }
    if (!out_top) {
        out_top = g_build_filename(o.build, "scenarios", NULL);
    }
    printf("1..%u\n", planned);
    fflush(stdout);
    for (guint i = 0; i < scenarios->len; i++) {
        guint first = results->len;

        run_scenario(&o, out_top, g_ptr_array_index(scenarios, i), i + 1, scenarios->len,
                     results);
        for (guint k = first; k < results->len; k++) {
            Result *r = g_ptr_array_index(results, k);

            printf("%s %u - %s: %s\n", r->ok ? "ok" : "not ok", k + 1, r->scenario, r->subsys);
            if (!r->ok) {
                g_auto(GStrv) lines = g_strsplit(r->log, "\n", -1);
                g_auto(GStrv) msg = g_strsplit(r->message, "\n", -1);

                failed++;
                for (char **l = msg; *l; l++) {
                    printf("# %s\n", *l);
                }
                for (char **l = lines; *l; l++) {
                    if (**l) {
                        printf("#   %s\n", *l);
                    }
                }
            }
            fflush(stdout);
        }
    }
    if (junit && !write_junit(junit, results, &err)) {
        fprintf(stderr, "rprocsim run: cannot write %s: %s\n", junit, err->message);
        return 2;
    }
    fprintf(stderr, "%u of %u passed\n", planned - failed, planned);
    return failed ? 1 : 0;
}
