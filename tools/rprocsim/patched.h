/*
 * rprocsim: a patched guest image (--patch, docs/patches.md). Its folder
 * holds patched.txt, written by guest/patch-modules.sh:
 *
 *     patch NAME SHA256                   one per patch, in the order applied
 *     module NAME SRCVERSION RELPATH      one per module that replaces a stock one
 *
 * This file reads it, describes the kernel's taint flags, and checks in a
 * booted guest that the replaced modules are the ones loaded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_PATCHED_H
#define RPROCSIM_PATCHED_H

#include <glib.h>

#define RP_PATCHED_FILE "patched.txt"

/* Taint bits a module built outside the kernel's tree, unsigned, sets (O and E) */
#define RP_TAINT_OOT_MODULE       4096ULL
#define RP_TAINT_UNSIGNED_MODULE  8192ULL
#define RP_TAINT_PATCH_EXPECTED   (RP_TAINT_OOT_MODULE | RP_TAINT_UNSIGNED_MODULE)

typedef struct RpPatch {
    char *name;         /* the patch file's basename */
    char *sha256;       /* its sha256, lowercase hex */
} RpPatch;

/* The SRCVERSION of a rebuilt module that has none (modinfo printed nothing) */
#define RP_NO_SRCVERSION "-"

typedef struct RpPatchedModule {
    char *name;         /* module name as modinfo gives it ("qcom_common") */
    char *srcversion;   /* the rebuilt module's srcversion, uppercase hex, or "-" */
    char *relpath;      /* below /lib/modules/RELEASE ("kernel/drivers/.../x.ko") */
} RpPatchedModule;

typedef struct RpPatched {
    GPtrArray *patches;     /* RpPatch *, in the order applied (at least one) */
    GPtrArray *modules;     /* RpPatchedModule *, in file order (at least one) */
} RpPatched;

#define RP_PATCHED_ERROR (rp_patched_error_quark())
GQuark rp_patched_error_quark(void);

/*
 * Parse the text of a patched.txt; @origin names it in messages ("PATH").
 * Blank lines are skipped; any other line that is not one of the two kinds
 * above (wrong field count, a NAME with '/', a SHA256 that is not 64 hex
 * digits, a SRCVERSION that is not hex or "-", a RELPATH that is absolute, has
 * "..", or does not name a .ko file), a module listed twice, or a file
 * without patch or module lines is refused: NULL with "ORIGIN line N: ..."
 * in @error (RP_PATCHED_ERROR). Caller frees with rp_patched_free().
 */
RpPatched *rp_patched_parse(const char *text, const char *origin, GError **error);

/* rp_patched_parse() of the file at @path; NULL + @error if unreadable */
RpPatched *rp_patched_load(const char *path, GError **error);

/* Free @p and everything in it; NULL is fine */
void rp_patched_free(RpPatched *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpPatched, rp_patched_free)

/*
 * The kernel's taint value @taint (/proc/sys/kernel/tainted) in words,
 * after the table of Documentation/admin-guide/tainted-kernels.rst:
 * "0: not tainted", or "512: kernel warning (W)". Bits in @expected (e.g.
 * RP_TAINT_PATCH_EXPECTED) come last, with ", expected with --patch":
 * "12800: kernel warning (W); out-of-tree module (O), unsigned module (E),
 * expected with --patch". Bits the table lacks read "unknown bit N".
 * Caller frees.
 */
char *rp_taint_describe(guint64 taint, guint64 expected);

/*
 * What the guest said about the replaced modules: the one-line busybox sh
 * command rp_patched_guest_command() makes prints the taint value, then one
 * line per module "NAME SRCVERSION", "NAME -" (loaded, no srcversion) or
 * "NAME ?" (not loaded).
 */
typedef struct RpPatchedCheck {
    guint64 taint;
    char *taint_text;       /* rp_taint_describe(taint, RP_TAINT_PATCH_EXPECTED) */
    GPtrArray *loaded;      /* char *, per module of the RpPatched: srcversion or NULL */
    GPtrArray *lines;       /* char *: report lines ("kernel taint ...", "module ...") */
    GPtrArray *problems;    /* char *: each module that is not the patched one */
} RpPatchedCheck;

/* The guest command whose output rp_patched_check_output() reads (caller frees) */
char *rp_patched_guest_command(const RpPatched *p);

/*
 * Read @output of rp_patched_guest_command() into @c (which the caller
 * clears with rp_patched_check_clear()). A module whose loaded srcversion
 * differs from patched.txt's, has none, or is not loaded is a problem:
 * the stock module (or none) runs instead of the patched one; one whose
 * patched build has no srcversion ("-") can only be seen loaded. FALSE with
 * @error if @output is not what the command prints.
 */
gboolean rp_patched_check_output(const RpPatched *p, const char *output, RpPatchedCheck *c,
                                 GError **error);

struct RpVm;
/*
 * Run rp_patched_guest_command() in the booted guest @vm through the agent
 * (at most @timeout_s) and read its output as rp_patched_check_output().
 */
gboolean rp_patched_check_guest(struct RpVm *vm, const RpPatched *p, double timeout_s,
                                RpPatchedCheck *c, GError **error);

/* Free what @c holds (it may be zeroed or half filled) */
void rp_patched_check_clear(RpPatchedCheck *c);

#endif /* RPROCSIM_PATCHED_H */
