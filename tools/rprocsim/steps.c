/*
 * rprocsim run: the scenario steps (steps.h). Kernel messages are read
 * from dmesg, which is cleared at the start of each round of a pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "steps.h"
#include "common.h"
#include "coredump.h"
#include "crash-report.h"
#include "elf32.h"
#include "mbn.h"

#include <glib/gstdio.h>
#include <string.h>

#define POLL_US 50000
#define FIND_TIMEOUT_S 60.0

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
static gboolean guest(RpPass *p, const char *cmd, double timeout_s, char **out,
                      int *status, GError **error)
{
    return rp_vm_agent_run(p->vm, cmd, timeout_s, out, status, error);
}

static GStrv dmesg_lines(RpPass *p, GError **error)
{
    g_autofree char *out = NULL;
    int status;

    if (!guest(p, "dmesg", RP_STEP_AGENT_TIMEOUT_S, &out, &status, error)) {
        return NULL;
    }
    return g_strsplit(out, "\n", -1);
}

/* A TrustZone QOM property as text (integers in decimal) */
static char *tz_get(RpPass *p, const char *prop, GError **error)
{
    return rp_qmp_qom_get_text(p->qmp, "/machine/trustzone", prop, error);
}

/*
 * TI-SCI (am64x-sim): wait up to the step's timeout until the DMSC's QOM
 * @prop (such as "r5f0_0-status", the GET_STATUS status word) has every bit
 * of @bits set
 */
static gboolean do_sci(RpPass *p, const RpStep *st, const char *prop, const char *bits,
                       GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(st->timeout_s * G_USEC_PER_SEC);
    guint64 want;
    char *end;

    want = g_ascii_strtoull(bits, &end, 0);
    if (*end || !want) {
        return step_error(error, st, "bits '%s' is not a non-zero number", bits);
    }
    for (;;) {
        g_autofree char *val = rp_qmp_qom_get_text(p->qmp, "/machine/dmsc", prop, error);
        guint64 v;

        if (!val) {
            return FALSE;
        }
        v = g_ascii_strtoull(val, NULL, 0);
        if ((v & want) == want) {
            g_string_append_printf(p->log, "  dmsc %s = 0x%" G_GINT64_MODIFIER "x\n", prop, v);
            return TRUE;
        }
        if (g_get_monotonic_time() >= deadline) {
            return step_error(error, st, "DMSC %s is 0x%" G_GINT64_MODIFIER "x, without bits "
                              "0x%" G_GINT64_MODIFIER "x after %.1f s", prop, v, want,
                              st->timeout_s);
        }
        g_usleep(20000);
    }
}

/* The baseline key of a peer's SSR event count */
static char *ssr_key(const char *peer)
{
    return g_strdup_printf("ssr:%s", peer);
}

/*
 * A peer's Q6SS log has an SSR event containing @text logged after the one
 * the previous 'ssr' step of the pass matched on that peer (or since the
 * pass started: its "ssr-event-count" then is the baseline); waits up to
 * the step's timeout. Events are numbered by the count, the log keeps the
 * latest Q6SS_SSR_LOG_LEN.
 */
static gboolean do_ssr(RpPass *p, const RpStep *st, const char *peer, const char *text,
                       GError **error)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)(st->timeout_s * G_USEC_PER_SEC);
    g_autofree char *path = g_strdup_printf("/machine/%s", peer);
    g_autofree char *key = ssr_key(peer);
    const char *base = g_hash_table_lookup(p->baseline, key);
    guint64 from = base ? g_ascii_strtoull(base, NULL, 10) : 0;

    for (;;) {
        g_autofree char *count = rp_qmp_qom_get_text(p->qmp, path, "ssr-event-count", error);
        g_autofree char *events = count ? rp_qmp_qom_get_text(p->qmp, path, "ssr-events",
                                                              error) : NULL;
        g_auto(GStrv) list = NULL;
        guint64 total, first;
        guint n;

        if (!events) {
            return FALSE;
        }
        list = g_strsplit(events, ",", -1);
        n = events[0] ? g_strv_length(list) : 0;
        total = g_ascii_strtoull(count, NULL, 10);
        first = total >= n ? total - n : 0;     /* the number of list[0] */
        for (guint64 e = MAX(from, first); e < total; e++) {
            if (strstr(list[e - first], text)) {
                g_string_append_printf(p->log, "  %s heard %s (event %" G_GUINT64_FORMAT ")\n",
                                       peer, list[e - first], e + 1);
                g_hash_table_insert(p->baseline, g_steal_pointer(&key),
                                    g_strdup_printf("%" G_GUINT64_FORMAT, e + 1));
                return TRUE;
            }
        }
        if (g_get_monotonic_time() >= deadline) {
            return step_error(error, st, "%s heard no SSR event '%s' after event %"
                              G_GUINT64_FORMAT " within %.1f s (its log: '%s')", peer, text,
                              from, st->timeout_s, events);
        }
        g_usleep(20000);
    }
}

static gboolean do_expect(RpPass *p, const RpStep *st, const char *msg, GError **error)
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

static gboolean do_absent(RpPass *p, const RpStep *st, const char *msg, GError **error)
{
    g_auto(GStrv) lines = dmesg_lines(p, error);

    for (guint n = 0; lines && lines[n]; n++) {
        if (n >= p->cursor && strstr(lines[n], msg)) {
            return step_error(error, st, "unexpected kernel message: %s", lines[n]);
        }
    }
    return lines != NULL;
}

/* The descriptor named @name on the board @ss belongs to, or NULL */
static const RpSubsys *sibling(const RpSubsys *ss, const char *name)
{
    for (const RprocsimBoard *const *b = rprocsim_boards(); *b; b++) {
        if (ss >= (*b)->subsys && ss < (*b)->subsys + (*b)->count) {
            return rprocsim_subsys_find(*b, name);
        }
    }
    return NULL;
}

/*
 * ensure: @want for the pass's subsystem, or with of=@of for that other
 * subsystem of the board (split R5F cores: core1 must be down before
 * core0 is powered down)
 */
static gboolean do_ensure(RpPass *p, const RpStep *st, const char *want, const char *of,
                          GError **error)
{
    g_autofree char *state = NULL;
    RpRproc other = { 0 };
    RpRproc *r = &p->r;
    gboolean ok;

    if (of && g_strcmp0(of, p->r.ss->name)) {
        const RpSubsys *ss = sibling(p->r.ss, of);

        if (!ss) {
            return step_error(error, st, "no subsystem '%s' on this board", of);
        }
        if (!rp_rproc_find(p->vm, ss, st->timeout_s, &other, error)) {
            return FALSE;
        }
        r = &other;
    }
    ok = (state = rp_rproc_read(p->vm, r, "state", error)) != NULL;
    if (ok && strcmp(want, "running") && strcmp(want, "offline")) {
        ok = step_error(error, st, "state must be running or offline, not '%s'", want);
    }
    if (ok && !g_str_equal(state, want)) {
        ok = rp_rproc_write(p->vm, r, "state", g_str_equal(want, "running") ? "start" : "stop",
                            error);
    }
    ok = ok && rp_rproc_wait_state(p->vm, r, want, st->timeout_s, error);
    rp_rproc_clear(&other);
    return ok;
}

/* A sysfs/debugfs write or guest command; its failure is wanted if st->fails */
static gboolean do_guest(RpPass *p, const RpStep *st, const char *cmd, GError **error)
{
    g_autofree char *out = NULL;
    int status;

    if (!guest(p, cmd, st->kind == RP_STEP_GUEST ? st->timeout_s : RP_STEP_AGENT_TIMEOUT_S,
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

static gboolean do_tz(RpPass *p, const RpStep *st, const char *prop, const char *contains,
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

/*
 * The firmware segments the kernel dumps (qcom_register_dump_segments() in
 * drivers/remoteproc/qcom_common.c: PT_LOAD, not the hash segment, memsz
 * not 0), read from the image in the guest. Elf32Phdr array; caller frees.
 */
static GArray *firmware_segments(RpPass *p, GError **error)
{
    const char *fw = g_hash_table_lookup(p->vars, "fw");
    g_autofree char *cmd = g_strdup_printf("head -c 4096 /lib/firmware/%s | base64", fw);
    g_autofree char *b64 = NULL;
    g_autofree guchar *hdr = NULL;
    g_autoptr(GArray) segs = g_array_new(FALSE, FALSE, sizeof(Elf32Phdr));
    Elf32Header eh;
    gsize len = 0;
    int status;

    if (!guest(p, cmd, RP_STEP_AGENT_TIMEOUT_S, &b64, &status, error)) {
        return NULL;
    }
    hdr = status == 0 ? g_base64_decode(b64, &len) : NULL;
    if (!hdr || !elf32_parse_header(hdr, len, &eh, NULL, 0) || !eh.e_phnum ||
        !elf32_check_phdrs(len, &eh, NULL, 0)) {
        g_set_error(error, RP_SCENARIO_ERROR, 1, "cannot read the program headers of "
                    "/lib/firmware/%s in the guest", fw);
        return NULL;
    }
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf32Phdr ph;

        if (elf32_phdr(hdr, len, &eh, i, &ph) && ph.p_type == PT_LOAD &&
            (ph.p_flags & MBN_FLAG_TYPE_MASK) != MBN_TYPE_HASH && ph.p_memsz) {
            g_array_append_val(segs, ph);
        }
    }
    return g_steal_pointer(&segs);
}

/* Guest physical memory, through QMP pmemsave into a scratch file */
static char *guest_memory(RpPass *p, guint32 addr, guint32 size, GError **error)
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
static gboolean equals_memory(RpPass *p, const RpStep *st, const RpDump *dump,
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
static gboolean check_full_dump(RpPass *p, const RpStep *st, const RpDump *dump,
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
        const Elf32Phdr *fw = &g_array_index(segs, Elf32Phdr, i);
        const RpDumpRegion *r = &g_array_index(dump->regions, RpDumpRegion, i);

        if (r->addr != fw->p_paddr || r->size != fw->p_memsz) {
            return step_error(error, st, "dump segment %u (0x%x, %u bytes) is not firmware "
                              "segment 0x%x, %u bytes", i, r->addr, r->size, fw->p_paddr,
                              fw->p_memsz);
        }
        if (!(fw->p_flags & PF_W) && !equals_memory(p, st, dump, r, error)) {
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
static gboolean check_dump(RpPass *p, const RpStep *st, GBytes *bytes, gboolean minidump,
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

static gboolean do_dump(RpPass *p, const RpStep *st, const char *format, GError **error)
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
static gboolean do_inspect(RpPass *p, const RpStep *st, const char *want, GError **error)
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
    if (!rp_read_firmware_elf(elf, &fw, &fw_len, error)) {
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

gboolean rp_step_run(RpPass *p, const RpStep *st, GError **error)
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
        return do_ensure(p, st, arg, arg2, error);
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
    case RP_STEP_SCI:
        return do_sci(p, st, arg, arg2, error);
    case RP_STEP_SSR:
        return do_ssr(p, st, arg, arg2, error);
    case RP_STEP_DUMP:
        return do_dump(p, st, arg, error);
    case RP_STEP_INSPECT:
        return do_inspect(p, st, arg, error);
    default:
        return step_error(error, st, "not a step kind");
    }
}

/* The TrustZone properties 'grew=true' steps and the SSR logs 'ssr' steps compare with, read now */
gboolean rp_steps_take_baseline(RpPass *p, const RpScenario *sc, GError **error)
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
        } else if (st->kind == RP_STEP_SSR) {
            g_autofree char *peer = rp_scenario_expand(st->arg, p->vars, error);
            g_autofree char *path = peer ? g_strdup_printf("/machine/%s", peer) : NULL;

            val = path ? rp_qmp_qom_get_text(p->qmp, path, "ssr-event-count", error) : NULL;
            if (!val) {
                return FALSE;
            }
            g_hash_table_insert(p->baseline, ssr_key(peer), g_steal_pointer(&val));
        }
    }
    return TRUE;
}

static void set_var(RpPass *p, const char *name, char *value)
{
    g_hash_table_insert(p->vars, g_strdup(name), value);
}

/* Empty the kernel log: 'expect' and 'absent' see only what follows */
static gboolean clear_dmesg(RpPass *p, GError **error)
{
    g_autofree char *out = NULL;
    int status;

    if (!guest(p, "dmesg -c >/dev/null", RP_STEP_AGENT_TIMEOUT_S, &out, &status, error)) {
        return FALSE;
    }
    if (status != 0) {
        g_set_error(error, RP_SCENARIO_ERROR, 1, "cannot clear dmesg: %s", out);
        return FALSE;
    }
    p->cursor = 0;
    return TRUE;
}

gboolean rp_pass_run(RpPass *p, const RpScenario *sc, const RpSubsys *ss, unsigned rounds,
                     RpRoundDone done, gpointer data, GError **error)
{
    g_autofree char *base = NULL;

    if (!rp_rproc_find(p->vm, ss, FIND_TIMEOUT_S, &p->r, error)) {
        return FALSE;
    }
    base = g_path_get_basename(p->r.dir);
    /* the names of rp_scenario_variables, which the parser checks against */
    set_var(p, "ss", g_strdup(ss->name));
    set_var(p, "name", g_strdup(p->r.name));
    set_var(p, "dev", rprocsim_subsys_device(ss));
    set_var(p, "sysfs", g_strdup(p->r.dir));
    set_var(p, "debugfs", g_strdup_printf("/sys/kernel/debug/remoteproc/%s", base));
    set_var(p, "fw", g_strdup(ss->firmware_name));
    rounds = rounds ? rounds : sc->repeat;
    for (unsigned n = 1; n <= rounds; n++) {
        set_var(p, "n", g_strdup_printf("%u", n));
        /* each round's own log: a long soak would fill the ring buffer (and
         * each expect reads it whole) */
        if (!clear_dmesg(p, error) || !rp_steps_take_baseline(p, sc, error)) {
            if (rounds > 1) {
                g_prefix_error(error, "round %u: ", n);
            }
            return FALSE;
        }
        for (guint i = 0; i < sc->steps->len; i++) {
            if (!rp_step_run(p, g_ptr_array_index(sc->steps, i), error)) {
                if (rounds > 1) {
                    g_prefix_error(error, "round %u: ", n);
                }
                return FALSE;
            }
        }
        if (done) {
            done(p, n, data);
        }
    }
    return TRUE;
}
