/*
 * rprocsim verify: would the simulated TrustZone boot this image? The
 * image (.mbn, or .mdt with its .bNN files) is loaded into a host memory as
 * Linux's mdt_loader loads it (models/mdt-load.c) and run through the PAS
 * model (models/pas.c) that hw/trustzone.c uses at boot: INIT_IMAGE,
 * MEM_SETUP for relocatable images, AUTH_AND_RESET. Each check is printed
 * with its verdict; a refusal with its cause, the SCM status, the errno the
 * kernel makes of it and the lines the kernel would log.
 *
 * Exit status: 0 accepted, 1 refused, 2 unusable input.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "json-out.h"
#include "mdt-load.h"
#include "pas.h"
#include "simsig.h"
#include "smccc.h"
#include "subsys.h"
#include "rprocsim/qcs6490-map.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Larger than any carveout: a bound on what is read into memory */
#define MAX_FILE    (256u * 1024 * 1024)

/* The kernel files the messages come from (Linux 6.12) */
#define SRC_MDT     "drivers/soc/qcom/mdt_loader.c"
#define SRC_PAS     "drivers/remoteproc/qcom_q6v5_pas.c"
#define SRC_CORE    "drivers/remoteproc/remoteproc_core.c"

typedef enum Verdict { V_OK, V_REFUSED, V_NOT_REACHED, V_NOT_NEEDED } Verdict;

static const char *const verdict_names[] = {
    [V_OK] = "ok", [V_REFUSED] = "REFUSED", [V_NOT_REACHED] = "not reached",
    [V_NOT_NEEDED] = "not needed",
};

/* INIT_IMAGE's checks, in the order models/mbn.c and simsig.c make them */
static const struct {
    const char *id, *what;
    PasCause cause;
} init_checks[] = {
    { "I2", "metadata readable, at most 64 KiB", PAS_I2_METADATA_UNREADABLE },
    { "I3", "ELF header", PAS_I3_NOT_ELF32 },
    { "I4", "program headers (phdr[0] placeholder)", PAS_I4_BAD_PHDR0 },
    { "I5", "hash segment", PAS_I5_BAD_HASH_SEGMENT },
    { "I6", "hash segment version", PAS_I6_UNSUPPORTED_VERSION },
    { "I7", "hash table size", PAS_I7_HASH_TABLE_SIZE },
    { "I9", "key", PAS_I9_UNTRUSTED_KEY },
    { "I8", "signature", PAS_I8_BAD_SIGNATURE },
    { "I10", "sw_id and hw_id", PAS_I10_WRONG_SW_ID },
    { "I11", "header hash", PAS_I11_HEADER_HASH },
    { "I12", "segment layout", PAS_I12_BAD_LAYOUT },
};

/* One line of the report */
typedef struct Check {
    const char *stage;      /* "loader", "INIT_IMAGE", "MEM_SETUP", "AUTH_AND_RESET" */
    char *id;               /* "I8", "A2", "metadata", ... */
    char *what;
    Verdict verdict;
    int segment;            /* AUTH lines: the phdr, else -1 */
    uint64_t addr, size;
    char *detail;           /* NULL if none */
} Check;

typedef struct Report {
    const char *image;
    const char *layout;             /* "mbn" or "split" */
    const RprocsimSubsys *ss;
    GArray *checks;                 /* of Check */
    bool refused;
    const char *stage;              /* where it was refused */
    char *cause;                    /* "I8 signature invalid" */
    char *detail;
    bool has_scm;                   /* the refusal came from an SMC */
    int64_t scm_status;
    int err;                        /* the kernel's errno, negative */
    GPtrArray *log;                 /* kernel messages: text, source, text, source, ... */
    uint64_t entry, load_base;
} Report;

static void check_clear(gpointer p)
{
    Check *c = p;

    g_free(c->id);
    g_free(c->what);
    g_free(c->detail);
}

static void add_check(Report *r, const char *stage, const char *id, const char *what,
                      Verdict v, int segment, uint64_t addr, uint64_t size,
                      const char *detail)
{
    Check c = { stage, g_strdup(id), g_strdup(what), v, segment, addr, size,
                detail && *detail ? g_strdup(detail) : NULL };

    g_array_append_val(r->checks, c);
}

/* qcom_scm_remap_error() (drivers/firmware/qcom/qcom_scm.h): SCM status to errno */
static int scm_errno(int64_t status)
{
    switch (status) {
    case SCM_OK:
        return 0;
    case SCM_ERROR:
        return -EIO;
    case SCM_EINVAL_ADDR:
    case SCM_EINVAL_ARG:
        return -EINVAL;
    case SCM_EOPNOTSUPP:
        return -EOPNOTSUPP;
    case SCM_ENOMEM:
        return -ENOMEM;
    }
    return -EINVAL;
}

static const char *errno_name(int e)
{
    switch (-e) {
    case EIO:
        return "EIO";
    case EINVAL:
        return "EINVAL";
    case EOPNOTSUPP:
        return "EOPNOTSUPP";
    case ENOMEM:
        return "ENOMEM";
    }
    return "?";
}

static void add_log(Report *r, const char *source, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
static void add_log(Report *r, const char *source, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_ptr_array_add(r->log, g_strdup_vprintf(fmt, ap));
    va_end(ap);
    g_ptr_array_add(r->log, g_strdup(source));
}

/* Record the refusal at @stage: @cause, the SCM @status if an SMC gave it, errno @err */
static void refuse(Report *r, const char *stage, const char *cause, const char *detail,
                   bool has_scm, int64_t status, int err)
{
    r->refused = true;
    r->stage = stage;
    r->cause = g_strdup(cause);
    r->detail = g_strdup(detail);
    r->has_scm = has_scm;
    r->scm_status = status;
    r->err = err;
}

/* What rproc_start() logs when ops->start fails; N is the rproc's index */
static void log_start_failure(Report *r, const char *dev)
{
    add_log(r, SRC_CORE, "remoteproc remoteprocN: can't start rproc %s: %d", dev, r->err);
}

/* Where the split files of an image are: BASE.bNN, mdt_loader's names */
typedef struct SplitFiles {
    const char *image;
    size_t image_len;
    const char *base;
} SplitFiles;

/* Reads BASE.bNN for the image's split segments (an MdtSplitFn over SplitFiles) */
static bool read_split(void *opaque, unsigned index, uint8_t *buf, size_t len,
                       MdtError *err)
{
    const SplitFiles *sf = opaque;
    g_autofree char *path = g_strdup_printf("%s.b%02u", sf->base, index);
    g_autoptr(GError) gerr = NULL;
    g_autofree char *data = NULL;
    gsize got;
    GStatBuf st;

    if (g_stat(path, &st) != 0) {
        int e = errno;

        return rp_error_set(err, MDT_E_MISSING, index, "segment %u (%zu bytes) is "
                             "not in the %zu-byte %s, and %s: %s", index, len,
                             sf->image_len, sf->image, path, g_strerror(e));
    }
    if ((uint64_t)st.st_size != len) {
        return rp_error_set(err, MDT_E_MISSING, index, "segment %u: %s has %" PRIu64
                             " bytes, the program header says %zu", index, path,
                             (uint64_t)st.st_size, len);
    }
    if (!g_file_get_contents(path, &data, &got, &gerr) || got != len) {
        return rp_error_set(err, MDT_E_MISSING, index, "segment %u: %s", index,
                             gerr ? gerr->message : "changed while read");
    }
    memcpy(buf, data, len);
    return true;
}

/* The subsystem whose sw_id the image's SIMM block names, or NULL with @why */
static const RprocsimSubsys *subsys_by_sw_id(const RprocsimBoard *board,
                                             const uint8_t *blob, size_t blob_len,
                                             char **why)
{
    MbnMeta meta;
    MbnError e;
    const RprocsimSubsys *found = NULL;

    if (!mbn_parse_blob(blob, blob_len, &meta, &e)) {
        *why = g_strdup_printf("its metadata cannot be read (%s)", e.detail);
        return NULL;
    }
    if (!meta.has_simm) {
        *why = g_strdup("it has no SIMM block naming a sw_id");
    } else {
        for (unsigned i = 0; i < board->count && !found; i++) {
            if (board->subsys[i].sw_id == meta.simm.sw_id) {
                found = &board->subsys[i];
            }
        }
        if (!found) {
            *why = g_strdup_printf("no subsystem has its sw_id 0x%x", meta.simm.sw_id);
        }
    }
    mbn_meta_clear(&meta);
    return found;
}

/*
 * INIT_IMAGE lines for a call refused with @failed (PAS_CAUSE_NONE: passed;
 * PAS_CAUSE_COUNT: never made): the checks made before the failing one
 * passed, the failing one refused, the rest were not reached.
 */
static void add_init_checks(Report *r, PasCause failed, const char *detail)
{
    bool listed = failed == PAS_CAUSE_NONE;
    bool before = true;

    for (size_t i = 0; i < G_N_ELEMENTS(init_checks); i++) {
        listed |= init_checks[i].cause == failed;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(init_checks); i++) {
        bool here = init_checks[i].cause == failed;
        Verdict v = here ? V_REFUSED : listed && before ? V_OK : V_NOT_REACHED;

        add_check(r, "INIT_IMAGE", init_checks[i].id, init_checks[i].what, v, -1, 0, 0,
                  here ? detail : NULL);
        before &= !here;
    }
}

/*
 * Load @fw (@len bytes of @path) for @ss and drive the PAS model. Returns
 * false with @error for unusable input (exit 2); else fills @r.
 */
static gboolean verify(Report *r, const RprocsimBoard *board, const char *want,
                       const uint8_t *fw, size_t len, const SplitFiles *sf, GError **error)
{
    const RprocsimSubsys *ss = NULL;
    g_autofree uint8_t *blob = NULL;
    g_autofree char *dev = NULL;
    uint64_t meta_phys = 0, reloc_base;
    size_t blob_len = 0;
    MdtImage img;
    MdtError me;
    MdtMem mem;
    PasService pas;
    PasResult res;
    int idx;
    bool meta_ok;

    if (!mdt_parse(fw, len, &img, &me)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: not a firmware image: %s", r->image, me.detail);
        return FALSE;
    }
    r->layout = img.split ? "split" : "mbn";
    blob = mdt_read_metadata(&img, fw, len, read_split, (void *)sf, &blob_len, &me);
    meta_ok = blob != NULL;
    if (!meta_ok && me.code != MDT_E_METADATA) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", r->image,
                    me.detail);
        return FALSE;
    }
    if (want) {
        ss = rprocsim_subsys_find(board, want);
        if (!ss) {
            g_autofree char *names = rprocsim_subsys_names(board);

            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "unknown subsystem '%s' (%s)", want, names);
            return FALSE;
        }
    } else {
        g_autofree char *why = NULL, *names = rprocsim_subsys_names(board);

        ss = meta_ok ? subsys_by_sw_id(board, blob, blob_len, &why) : NULL;
        if (!ss) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: cannot tell which subsystem it is for: %s; give "
                        "--subsystem NAME (%s)", r->image,
                        why ? why : me.detail, names);
            return FALSE;
        }
    }
    r->ss = ss;
    dev = rprocsim_subsys_device(ss);

    /* qcom_mdt_read_metadata(): the kernel refuses before any SMC */
    if (!meta_ok) {
        add_check(r, "loader", "metadata", "ELF header, phdr[0] and a hash segment",
                  V_REFUSED, me.segment, 0, 0, me.detail);
        refuse(r, "loader", "mdt_loader: not a signed MBN image (sign it with "
               "'rprocsim pack')", me.detail, false, 0, -EINVAL);
        if (img.hash_index < 0 && img.phnum >= 2 && img.phdr[0].type != PT_LOAD) {
            add_log(r, SRC_MDT, "qcom_q6v5_pas %s: no hash segment found in %s", dev,
                    ss->firmware_name);
        }
        add_log(r, SRC_MDT, "qcom_q6v5_pas %s: error %d reading firmware %s metadata",
                dev, r->err, ss->firmware_name);
        log_start_failure(r, dev);
        add_init_checks(r, PAS_CAUSE_COUNT, NULL);
        return TRUE;
    }
    add_check(r, "loader", "metadata", "ELF header, phdr[0] and a hash segment",
              V_OK, -1, 0, blob_len, NULL);

    /* DRAM: the metadata buffer above the board's carveouts, and the carveout */
    for (unsigned i = 0; i < board->count; i++) {
        meta_phys = MAX(meta_phys, board->subsys[i].carveout_base +
                        board->subsys[i].carveout_size);
    }
    meta_phys = (meta_phys + 0xfffff) & ~0xfffffull;
    mdt_mem_init(&mem);
    if (!mdt_mem_add(&mem, meta_phys, MBN_MAX_BLOB + 4096) ||
        !mdt_mem_add(&mem, ss->carveout_base, ss->carveout_size) ||
        !mdt_mem_write(&mem, meta_phys, blob, blob_len)) {
        mdt_mem_free(&mem);
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, "no host memory for %s",
                    ss->name);
        return FALSE;
    }
    pas_init(&pas, board->subsys, board->count, QCS6490_SIM_DRAM_BASE,
             (uint64_t)RP_DEFAULT_MEM_MIB << 20, SIMSIG_HW_ID);
    idx = pas_index(&pas, ss->pas_id);

    res = pas_init_image(&pas, ss->pas_id, meta_phys, mdt_mem_read, &mem);
    add_init_checks(r, res.cause, res.detail);
    if (res.status != SCM_OK) {
        refuse(r, "INIT_IMAGE", pas_cause_name(res.cause), res.detail, true,
               res.status, scm_errno(res.status));
        add_log(r, SRC_MDT, "qcom_q6v5_pas %s: error %d initializing firmware %s", dev,
                r->err, ss->firmware_name);
        log_start_failure(r, dev);
        goto out;
    }

    /* qcom_mdt_pas_init(): MEM_SETUP(mem_phys, max_addr - min_addr) if relocatable */
    if (img.relocatable) {
        uint64_t size = img.max_addr - img.min_addr;

        res = pas_mem_setup(&pas, ss->pas_id, ss->carveout_base, size);
        add_check(r, "MEM_SETUP", "M2", "relocation region in the carveout",
                  res.status == SCM_OK ? V_OK : V_REFUSED, -1, ss->carveout_base, size,
                  res.detail);
        if (res.status != SCM_OK) {
            refuse(r, "MEM_SETUP", pas_cause_name(res.cause), res.detail, true,
                   res.status, scm_errno(res.status));
            add_log(r, SRC_MDT, "qcom_q6v5_pas %s: error %d setting up firmware %s",
                    dev, r->err, ss->firmware_name);
            log_start_failure(r, dev);
            goto out;
        }
    } else {
        add_check(r, "MEM_SETUP", "M2", "relocation region (relocatable images only)",
                  V_NOT_NEEDED, -1, 0, 0, NULL);
    }

    /* qcom_mdt_load_no_init(): the segments into the carveout */
    if (!mdt_load(&img, fw, len, read_split, (void *)sf, &mem, ss->carveout_base,
                  ss->carveout_size, &reloc_base, &me)) {
        if (me.code == MDT_E_MISSING) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", r->image,
                        me.detail);
            pas_reset(&pas);
            mdt_mem_free(&mem);
            return FALSE;
        }
        add_check(r, "loader", "load", "segments into the carveout", V_REFUSED,
                  me.segment, 0, 0, me.detail);
        refuse(r, "loader", "mdt_loader: segment not loadable", me.detail, false, 0,
               -EINVAL);
        if (me.code == MDT_E_FILESZ) {
            add_log(r, SRC_MDT, "qcom_q6v5_pas %s: refusing to load segment %d with "
                    "p_filesz > p_memsz", dev, me.segment);
        } else {
            add_log(r, SRC_MDT, "qcom_q6v5_pas %s: segment outside memory range", dev);
        }
        log_start_failure(r, dev);
        goto out;
    }
    add_check(r, "loader", "load", "segments into the carveout", V_OK, -1,
              ss->carveout_base, ss->carveout_size, NULL);

    /* AUTH_AND_RESET: one line per hashed segment, in the order they are hashed */
    {
        const MbnMeta *meta = &pas.slot[idx].meta;
        bool relocated = meta->relocatable;
        uint64_t mem_base = pas.slot[idx].mem_base;
        uint32_t min = meta->min_paddr;
        int failed;

        res = pas_auth_and_reset(&pas, ss->pas_id, mdt_mem_read, &mem);
        failed = res.status == SCM_OK ? -1 : res.segment;
        for (unsigned i = 0; i < meta->phnum; i++) {
            const MbnPhdr *p = &meta->phdr[i];
            uint64_t at = relocated ? mem_base + (p->paddr - min) : p->paddr;
            g_autofree char *id = NULL, *what = NULL;
            Verdict v;

            if (!mbn_segment_hashed(meta, i)) {
                continue;
            }
            v = failed < 0 || (int)i < failed ? V_OK :
                (int)i == failed ? V_REFUSED : V_NOT_REACHED;
            id = g_strdup_printf("seg%u", i);
            what = g_strdup_printf("segment %u hash", i);
            add_check(r, "AUTH_AND_RESET", id, what, v, i, at, p->filesz,
                      (int)i == failed ? res.detail : NULL);
        }
        if (res.status != SCM_OK) {
            refuse(r, "AUTH_AND_RESET", pas_cause_name(res.cause), res.detail, true,
                   res.status, scm_errno(res.status));
            add_log(r, SRC_PAS, "qcom_q6v5_pas %s: failed to authenticate image and "
                    "release reset", dev);
            log_start_failure(r, dev);
            goto out;
        }
        r->entry = pas.slot[idx].entry;
        r->load_base = pas.slot[idx].load_base;
    }

out:
    pas_reset(&pas);
    mdt_mem_free(&mem);
    return TRUE;
}

static void print_text(const Report *r)
{
    const char *stage = NULL;

    printf("%s (%s): %s, pas_id %u, sw_id 0x%02x, carveout 0x%08" PRIx64 " +0x%" PRIx64
           ", as %s\n", r->image, r->layout, r->ss->name, r->ss->pas_id, r->ss->sw_id,
           r->ss->carveout_base, r->ss->carveout_size, r->ss->firmware_name);
    for (guint i = 0; i < r->checks->len; i++) {
        const Check *c = &g_array_index(r->checks, Check, i);
        g_autofree char *what = c->segment >= 0 && !strcmp(c->stage, "AUTH_AND_RESET") ?
            g_strdup_printf("%s at 0x%08" PRIx64 " +0x%" PRIx64, c->what, c->addr,
                            c->size) : g_strdup(c->what);

        if (!stage || strcmp(stage, c->stage)) {
            stage = c->stage;
            printf("  %s\n", !strcmp(stage, "loader") ? "loader (mdt_loader)" : stage);
        }
        printf("    %-9s %-46s %s%s%s\n", c->id, what, verdict_names[c->verdict],
               c->detail ? ": " : "", c->detail ? c->detail : "");
    }
    if (!r->refused) {
        printf("accepted: TrustZone releases %s at 0x%08" PRIx64 ", entry 0x%08" PRIx64
               "\n", r->ss->name, r->load_base, r->entry);
        return;
    }
    printf("refused at %s: %s", r->stage, r->cause);
    if (r->detail && *r->detail) {
        printf(" (%s)", r->detail);
    }
    printf("\n");
    if (r->has_scm) {
        printf("  SCM status %" PRId64 ", which qcom_scm makes errno %d (%s)\n",
               r->scm_status, r->err, errno_name(r->err));
    } else {
        printf("  no SMC made: the kernel's loader returns errno %d (%s)\n", r->err,
               errno_name(r->err));
    }
    printf("  the kernel logs:\n");
    for (guint i = 0; i + 1 < r->log->len; i += 2) {
        printf("    %s\n      (%s)\n", (char *)r->log->pdata[i], (char *)r->log->pdata[i + 1]);
    }
}

static void print_json(const Report *r)
{
    g_autoptr(JsonBuilder) jb = json_builder_new();
    g_autofree char *text = NULL;

    json_builder_begin_object(jb);
    rp_json_add_string(jb, "image", r->image);
    rp_json_add_string(jb, "layout", r->layout);
    rp_json_add_string(jb, "subsystem", r->ss->name);
    rp_json_add_int(jb, "pas_id", r->ss->pas_id);
    rp_json_add_int(jb, "sw_id", r->ss->sw_id);
    rp_json_add_int(jb, "carveout_base", r->ss->carveout_base);
    rp_json_add_int(jb, "carveout_size", r->ss->carveout_size);
    rp_json_add_string(jb, "firmware_name", r->ss->firmware_name);
    rp_json_add_bool(jb, "accepted", !r->refused);
    json_builder_set_member_name(jb, "checks");
    json_builder_begin_array(jb);
    for (guint i = 0; i < r->checks->len; i++) {
        const Check *c = &g_array_index(r->checks, Check, i);

        json_builder_begin_object(jb);
        rp_json_add_string(jb, "stage", c->stage);
        rp_json_add_string(jb, "id", c->id);
        rp_json_add_string(jb, "check", c->what);
        rp_json_add_string(jb, "verdict", c->verdict == V_REFUSED ? "refused" :
                           verdict_names[c->verdict]);
        if (!strcmp(c->stage, "AUTH_AND_RESET")) {
            rp_json_add_int(jb, "segment", c->segment);
            rp_json_add_int(jb, "address", c->addr);
            rp_json_add_int(jb, "size", c->size);
        }
        rp_json_add_string(jb, "detail", c->detail);
        json_builder_end_object(jb);
    }
    json_builder_end_array(jb);
    json_builder_set_member_name(jb, "refusal");
    if (!r->refused) {
        json_builder_add_null_value(jb);
        rp_json_add_int(jb, "load_base", r->load_base);
        rp_json_add_int(jb, "entry", r->entry);
    } else {
        json_builder_begin_object(jb);
        rp_json_add_string(jb, "stage", r->stage);
        rp_json_add_string(jb, "cause", r->cause);
        rp_json_add_string(jb, "detail", r->detail);
        json_builder_set_member_name(jb, "scm_status");
        if (r->has_scm) {
            json_builder_add_int_value(jb, r->scm_status);
        } else {
            json_builder_add_null_value(jb);
        }
        rp_json_add_int(jb, "errno", r->err);
        rp_json_add_string(jb, "errno_name", errno_name(r->err));
        json_builder_set_member_name(jb, "kernel_log");
        json_builder_begin_array(jb);
        for (guint i = 0; i + 1 < r->log->len; i += 2) {
            json_builder_begin_object(jb);
            rp_json_add_string(jb, "message", r->log->pdata[i]);
            rp_json_add_string(jb, "source", r->log->pdata[i + 1]);
            json_builder_end_object(jb);
        }
        json_builder_end_array(jb);
        json_builder_end_object(jb);
    }
    json_builder_end_object(jb);
    text = rp_json_to_text(jb, TRUE);
    printf("%s\n", text);
}

/* Read @path, bounded by MAX_FILE; FALSE with @error */
static gboolean read_image(const char *path, char **data, gsize *len, GError **error)
{
    GStatBuf st;

    if (g_stat(path, &st) != 0) {
        int e = errno;

        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", path,
                    g_strerror(e));
        return FALSE;
    }
    if (!S_ISREG(st.st_mode)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a regular file",
                    path);
        return FALSE;
    }
    if ((uint64_t)st.st_size > MAX_FILE) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %" PRIu64 " bytes, "
                    "too large for a firmware image (at most %u)", path,
                    (uint64_t)st.st_size, MAX_FILE);
        return FALSE;
    }
    return g_file_get_contents(path, data, len, error);
}

int rp_cmd_verify(int argc, char **argv)
{
    g_autofree char *subsystem = NULL, *data = NULL, *base = NULL;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        { "subsystem", 's', 0, G_OPTION_ARG_STRING, &subsystem,
          "check for this subsystem of qcs6490-sim (adsp, cdsp, wpss); default: the "
          "one whose sw_id the image is signed for", "NAME" },
        RP_OPTION_JSON(json),
        { NULL }
    };
    const RpCommand cmd = {
        "verify", "IMAGE - would the simulated TrustZone boot this image?", entries, NULL,
        "IMAGE is a .mbn, or a .mdt with its .bNN files beside it. It is loaded as\n"
        "Linux's mdt_loader loads it and checked as PAS INIT_IMAGE, MEM_SETUP and\n"
        "AUTH_AND_RESET check it at boot (docs/trustzone.md): each check with its\n"
        "verdict; a refusal with its cause, the SCM status, the kernel's errno and\n"
        "the messages the kernel logs. Exit status: 0 accepted, 1 refused,\n"
        "2 unusable input. See docs/firmware-images.md.\n\n"
        "Example:\n"
        "  rprocsim pack --subsystem adsp --defect wrong-key -o bad.mbn fw.elf\n"
        "  rprocsim verify bad.mbn\n"
        "  ...\n"
        "  refused at INIT_IMAGE: I9 untrusted key (signed with key 2, the simulator "
        "trusts key 1)"
    };
    const RprocsimBoard *board = rprocsim_board_default();
    g_autoptr(GError) err = NULL;
    gsize len = 0;
    Report r = { 0 };
    SplitFiles sf;
    int status;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc != 2) {
        fprintf(stderr, "rprocsim verify: give one IMAGE (.mbn, or .mdt with its .bNN)\n");
        return 2;
    }
    if (!read_image(argv[1], &data, &len, &err)) {
        fprintf(stderr, "rprocsim verify: %s\n", err->message);
        return 2;
    }
    /* mdt_loader names split files by replacing the last 3 characters */
    base = strlen(argv[1]) > 4 && argv[1][strlen(argv[1]) - 4] == '.' ?
        g_strndup(argv[1], strlen(argv[1]) - 4) : g_strdup(argv[1]);
    sf = (SplitFiles){ argv[1], len, base };
    r.image = argv[1];
    r.checks = g_array_new(FALSE, TRUE, sizeof(Check));
    g_array_set_clear_func(r.checks, check_clear);
    r.log = g_ptr_array_new_with_free_func(g_free);
    if (!verify(&r, board, subsystem, (const uint8_t *)data, len, &sf, &err)) {
        fprintf(stderr, "rprocsim verify: %s\n", err->message);
        status = 2;
    } else {
        if (json) {
            print_json(&r);
        } else {
            print_text(&r);
        }
        status = r.refused ? 1 : 0;
    }
    g_array_unref(r.checks);
    g_ptr_array_unref(r.log);
    g_free(r.cause);
    g_free(r.detail);
    return status;
}
