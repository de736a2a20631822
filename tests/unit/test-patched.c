/*
 * Unit tests: patched.txt of a patched guest (tools/rprocsim/patched.c),
 * the kernel taint in words, and reading what the guest said about the
 * replaced modules. The guest command also runs on the host's own sh,
 * /proc and /sys, for its syntax.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../tap-main.h"
#include "patched.h"

#define SHA_A "3f5a0c6e9b1d2a4c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d"
#define SHA_B "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff"
#define MOD_A "module qcom_common 1A2B3C4D5E6F708192A3B4C kernel/drivers/remoteproc/qcom_common.ko"
#define MOD_B "module qcom_q6v5_pas 0a0b0c kernel/drivers/remoteproc/qcom_q6v5_pas.ko.xz"

START_TEST(good_file_read)
{
    static const char text[] =
        "patch 0001-remoteproc-fix.patch " SHA_A "\n"
        "\n"
        "  patch\t0002-more.patch " SHA_B "  \n"
        MOD_A "\n"
        MOD_B "\n";
    g_autoptr(GError) err = NULL;
    g_autoptr(RpPatched) p = rp_patched_parse(text, "patched.txt", &err);
    const RpPatch *x;
    const RpPatchedModule *m;

    ck_assert_msg(p, "%s", err ? err->message : "?");
    ck_assert_uint_eq(p->patches->len, 2);
    ck_assert_uint_eq(p->modules->len, 2);
    x = g_ptr_array_index(p->patches, 0);
    ck_assert_str_eq(x->name, "0001-remoteproc-fix.patch");
    ck_assert_str_eq(x->sha256, SHA_A);
    x = g_ptr_array_index(p->patches, 1);
    ck_assert_str_eq(x->name, "0002-more.patch");
    ck_assert_str_eq(x->sha256, "00112233445566778899aabbccddeeff"
                                "00112233445566778899aabbccddeeff");
    m = g_ptr_array_index(p->modules, 0);
    ck_assert_str_eq(m->name, "qcom_common");
    ck_assert_str_eq(m->srcversion, "1A2B3C4D5E6F708192A3B4C");
    ck_assert_str_eq(m->relpath, "kernel/drivers/remoteproc/qcom_common.ko");
    m = g_ptr_array_index(p->modules, 1);
    ck_assert_str_eq(m->srcversion, "0A0B0C");    /* as the kernel prints it */
    ck_assert_str_eq(m->relpath, "kernel/drivers/remoteproc/qcom_q6v5_pas.ko.xz");
    g_clear_pointer(&p, rp_patched_free);

    /* a rebuilt module without srcversion */
    p = rp_patched_parse("patch a.patch " SHA_A "\nmodule smp2p - kernel/smp2p.ko\n", "t", &err);
    ck_assert_msg(p, "%s", err ? err->message : "?");
    ck_assert_str_eq(((RpPatchedModule *)g_ptr_array_index(p->modules, 0))->srcversion,
                     RP_NO_SRCVERSION);
}
END_TEST

/* Malformed files, and what the refusal says */
static const struct {
    const char *text;
    const char *says;
} bad[] = {
    { "patch a.patch\n" MOD_A, "origin line 1: a patch line is 'patch NAME SHA256'" },
    { "patch a.patch " SHA_A " extra\n" MOD_A, "line 1: a patch line is" },
    { "patch dir/a.patch " SHA_A "\n" MOD_A, "line 1: a patch NAME is a file's basename" },
    { "patch a.patch 3f5a\n" MOD_A, "line 1: a patch SHA256 is 64 hex digits" },
    { "patch a.patch " SHA_A "0\n" MOD_A, "64 hex digits" },
    { "patch a.patch 3g5a0c6e9b1d2a4c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d\n" MOD_A,
      "64 hex digits" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B\n",
      "line 2: a module line is 'module NAME SRCVERSION RELPATH'" },
    { "patch a.patch " SHA_A "\nmodule qcom/common 1A2B kernel/x.ko\n",
      "line 2: a module NAME has only letters" },
    { "patch a.patch " SHA_A "\nmodule qcom_common XYZ kernel/x.ko\n",
      "line 2: a module SRCVERSION is hex digits" },
    { "patch a.patch " SHA_A "\nmodule qcom_common -- kernel/x.ko\n", "or '-' for none" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B /lib/modules/x.ko\n",
      "line 2: a module RELPATH is a relative path to a .ko file" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B kernel/../x.ko\n", "RELPATH" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B kernel//x.ko\n", "RELPATH" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B kernel/x.o\n", "RELPATH" },
    { "patch a.patch " SHA_A "\nmodule qcom_common 1A2B .ko\n", "RELPATH" },
    { "patch a.patch " SHA_A "\n" MOD_A "\n" MOD_A "\n", "line 3: this module is listed twice" },
    { "patch a.patch " SHA_A "\nmodules " MOD_A "\n", "line 2: lines are 'patch NAME" },
    { "# a comment\n", "line 1: lines are" },
    { "patch a.patch " SHA_A "\n", "origin: no module lines" },
    { MOD_A "\n", "origin: no patch lines" },
    { "", "origin: no patch lines" },
    { "\n\n", "origin: no patch lines" },
};

START_TEST(bad_file_refused)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpPatched) p = rp_patched_parse(bad[_i].text, "origin", &err);

    ck_assert_msg(!p, "accepted: %s", bad[_i].text);
    ck_assert(g_error_matches(err, RP_PATCHED_ERROR, 0));
    ck_assert_msg(strstr(err->message, bad[_i].says), "'%s' does not say '%s'",
                  err->message, bad[_i].says);
}
END_TEST

START_TEST(load_from_file)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *dir = g_dir_make_tmp("test-patched-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, RP_PATCHED_FILE, NULL);
    g_autoptr(RpPatched) p = NULL;

    ck_assert_ptr_null(rp_patched_load(path, &err));
    ck_assert(g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT));
    g_clear_error(&err);
    ck_assert(g_file_set_contents(path, "patch x.patch " SHA_A "\n" MOD_A "\n", -1, NULL));
    p = rp_patched_load(path, &err);
    ck_assert_msg(p, "%s", err ? err->message : "?");
    ck_assert(g_file_set_contents(path, "patch x.patch\n", -1, NULL));
    ck_assert_ptr_null(rp_patched_load(path, &err));
    ck_assert(g_str_has_prefix(err->message, path));
    g_unlink(path);
    g_rmdir(dir);
    rp_patched_free(NULL);
}
END_TEST

/* The taint value and bits expected, and what it reads */
static const struct {
    guint64 taint, expected;
    const char *text;
} taints[] = {
    { 0, RP_TAINT_PATCH_EXPECTED, "0: not tainted" },
    { 0, 0, "0: not tainted" },
    { 12288, RP_TAINT_PATCH_EXPECTED,
      "12288: out-of-tree module (O), unsigned module (E), expected with --patch" },
    { 4096, RP_TAINT_PATCH_EXPECTED, "4096: out-of-tree module (O), expected with --patch" },
    { 12800, RP_TAINT_PATCH_EXPECTED, "12800: kernel warning (W); out-of-tree module (O), "
      "unsigned module (E), expected with --patch" },
    { 12288, 0, "12288: out-of-tree module (O), unsigned module (E)" },
    { 512, RP_TAINT_PATCH_EXPECTED, "512: kernel warning (W)" },
    { 129, 0, "129: proprietary module (P), kernel died: Oops or BUG (D)" },
    { 2 | 4 | 8 | 16 | 32 | 64, 0, "126: module force-loaded (F), out-of-specification "
      "system (S), module force-unloaded (R), machine check (M), bad page (B), tainted by "
      "userspace (U)" },
    { 256 | 1024 | 2048, 0, "3328: ACPI table overridden (A), staging driver (C), "
      "platform firmware workaround (I)" },
    { 16384 | 32768 | 65536 | 131072 | 262144, 0, "507904: soft lockup (L), live patched "
      "(K), auxiliary taint (X), struct randomization plugin (T), in-kernel test run (N)" },
    { 1ULL << 20 | 4096, RP_TAINT_PATCH_EXPECTED,
      "1052672: unknown bit 20; out-of-tree module (O), expected with --patch" },
    { 1ULL << 63, 0, "9223372036854775808: unknown bit 63" },
};

START_TEST(taint_described)
{
    g_autofree char *text = rp_taint_describe(taints[_i].taint, taints[_i].expected);

    ck_assert_str_eq(text, taints[_i].text);
}
END_TEST

static RpPatched *two_modules(void)
{
    GError *err = NULL;
    RpPatched *p = rp_patched_parse("patch a.patch " SHA_A "\n"
                                    "module qcom_common 1A2B kernel/a/qcom_common.ko\n"
                                    "module qcom-ipcc 00FF kernel/b/qcom-ipcc.ko\n",
                                    "t", &err);

    ck_assert_msg(p, "%s", err ? err->message : "?");
    return p;
}

START_TEST(guest_command)
{
    g_autoptr(RpPatched) p = two_modules();
    g_autofree char *cmd = rp_patched_guest_command(p);

    ck_assert(g_str_has_prefix(cmd, "cat /proc/sys/kernel/tainted; "));
    /* sysfs has the underscore form of a name */
    ck_assert(strstr(cmd, "for m in qcom_common qcom_ipcc; do"));
    ck_assert(strstr(cmd, "/sys/module/$m/srcversion"));
    ck_assert_ptr_null(strchr(cmd, '\n'));   /* one agent request line */
}
END_TEST

/* What the guest printed, and what the check makes of it: problems or an error */
static const struct {
    const char *output;
    guint problems;         /* G_MAXUINT: the output is refused */
    const char *says;       /* in the problems (or the error) */
    const char *line1, *line2;
} outputs[] = {
    { "12288\nqcom_common 1A2B\nqcom_ipcc 00FF\n", 0, NULL,
      "module qcom_common loaded srcversion 1A2B (the patched one)",
      "module qcom-ipcc loaded srcversion 00FF (the patched one)" },
    { "12288\nqcom_common 1a2b\nqcom_ipcc 00ff", 0, NULL, NULL, NULL },
    { "12288\nqcom_common 9C9C\nqcom_ipcc 00FF\n", 1,
      "module qcom_common is loaded with srcversion 9C9C, while its patched build has 1A2B: "
      "the stock module (or another build) was loaded, not the patched one",
      "module qcom_common loaded srcversion 9C9C (NOT the patched one)", NULL },
    { "0\nqcom_common -\nqcom_ipcc 00FF\n", 1,
      "module qcom_common is loaded but has no srcversion, while its patched build has "
      "1A2B: the stock module was loaded, not the patched one",
      "module qcom_common loaded srcversion - (none, NOT the patched one)", NULL },
    { "4096\nqcom_common 1A2B\nqcom_ipcc ?\n", 1,
      "module qcom-ipcc is not loaded in the guest (no /sys/module/qcom_ipcc)", NULL,
      "module qcom-ipcc loaded srcversion - (none, not loaded)" },
    { "0\nqcom_common -\nqcom_ipcc ?\n", 2, "not loaded", NULL, NULL },
    { "12288\nqcom_common 1A2B\n", G_MAXUINT, "printed 2 lines, not 3", NULL, NULL },
    { "", G_MAXUINT, "printed 0 lines", NULL, NULL },
    { "x\nqcom_common 1A2B\nqcom_ipcc 00FF\n", G_MAXUINT,
      "/proc/sys/kernel/tainted reads 'x'", NULL, NULL },
    { "12288\nqcom_ipcc 00FF\nqcom_common 1A2B\n", G_MAXUINT,
      "check for module qcom_common printed 'qcom_ipcc 00FF'", NULL, NULL },
    { "12288\nqcom_common\nqcom_ipcc 00FF\n", G_MAXUINT, "printed 'qcom_common'", NULL, NULL },
};

START_TEST(guest_output_read)
{
    g_autoptr(RpPatched) p = two_modules();
    g_autoptr(GError) err = NULL;
    RpPatchedCheck c;
    gboolean ok = rp_patched_check_output(p, outputs[_i].output, &c, &err);

    if (outputs[_i].problems == G_MAXUINT) {
        ck_assert(!ok);
        ck_assert_msg(strstr(err->message, outputs[_i].says), "%s", err->message);
    } else {
        g_autofree char *problems = NULL;

        ck_assert_msg(ok, "%s", err ? err->message : "?");
        ck_assert_uint_eq(c.lines->len, 3);
        ck_assert(g_str_has_prefix(g_ptr_array_index(c.lines, 0), "kernel taint "));
        ck_assert_str_eq(g_ptr_array_index(c.lines, 0) + strlen("kernel taint "),
                         c.taint_text);
        ck_assert_uint_eq(c.loaded->len, 2);
        ck_assert_uint_eq(c.problems->len, outputs[_i].problems);
        g_ptr_array_add(c.problems, NULL);
        problems = g_strjoinv("\n", (char **)c.problems->pdata);
        if (outputs[_i].says) {
            ck_assert_msg(strstr(problems, outputs[_i].says), "%s", problems);
        }
        if (outputs[_i].line1) {
            ck_assert_str_eq(g_ptr_array_index(c.lines, 1), outputs[_i].line1);
        }
        if (outputs[_i].line2) {
            ck_assert_str_eq(g_ptr_array_index(c.lines, 2), outputs[_i].line2);
        }
    }
    rp_patched_check_clear(&c);
}
END_TEST

/* A patched build without srcversion: loaded or not is all there is to check */
START_TEST(guest_output_no_srcversion)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpPatched) p = rp_patched_parse("patch a.patch " SHA_A "\n"
                                              "module smp2p - kernel/smp2p.ko\n", "t", &err);
    RpPatchedCheck c;

    ck_assert(rp_patched_check_output(p, "0\nsmp2p 77AA\n", &c, &err));
    ck_assert_uint_eq(c.problems->len, 0);
    ck_assert_str_eq(g_ptr_array_index(c.lines, 1), "module smp2p loaded srcversion 77AA "
                     "(not compared: the patched build has no srcversion)");
    rp_patched_check_clear(&c);
    ck_assert(rp_patched_check_output(p, "0\nsmp2p -\n", &c, &err));
    ck_assert_uint_eq(c.problems->len, 0);
    rp_patched_check_clear(&c);
    ck_assert(rp_patched_check_output(p, "0\nsmp2p ?\n", &c, &err));
    ck_assert_uint_eq(c.problems->len, 1);
    ck_assert(strstr(g_ptr_array_index(c.problems, 0), "smp2p is not loaded"));
    rp_patched_check_clear(&c);
}
END_TEST

START_TEST(guest_output_taint)
{
    g_autoptr(RpPatched) p = two_modules();
    g_autoptr(GError) err = NULL;
    RpPatchedCheck c;

    ck_assert(rp_patched_check_output(p, "12288\nqcom_common 1A2B\nqcom_ipcc 00FF\n", &c,
                                      &err));
    ck_assert_uint_eq(c.taint, 12288);
    ck_assert_str_eq(g_ptr_array_index(c.lines, 0), "kernel taint 12288: out-of-tree module "
                     "(O), unsigned module (E), expected with --patch");
    ck_assert_str_eq(g_ptr_array_index(c.loaded, 0), "1A2B");
    rp_patched_check_clear(&c);
    rp_patched_check_clear(&c);     /* twice is fine */
}
END_TEST

/* The command is valid sh: on the host, a module that is not there reads "?" */
START_TEST(guest_command_runs_in_sh)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(RpPatched) p = rp_patched_parse("patch a.patch " SHA_A "\n"
                                              "module rprocsim-no-such-module 1A2B x/y.ko\n",
                                              "t", &err);
    g_autofree char *cmd = rp_patched_guest_command(p);
    g_autofree char *out = NULL;
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    RpPatchedCheck c;
    int status;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                           NULL, &status, &err));
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_msg(rp_patched_check_output(p, out, &c, &err), "%s: %s", out,
                  err ? err->message : "?");
    ck_assert_uint_eq(c.problems->len, 1);
    ck_assert(strstr(g_ptr_array_index(c.problems, 0), "is not loaded in the guest "
                     "(no /sys/module/rprocsim_no_such_module)"));
    rp_patched_check_clear(&c);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "file", good_file_read },
        { "file", bad_file_refused, G_N_ELEMENTS(bad) },
        { "file", load_from_file },
        { "taint", taint_described, G_N_ELEMENTS(taints) },
        { "guest", guest_command },
        { "guest", guest_output_read, G_N_ELEMENTS(outputs) },
        { "guest", guest_output_no_srcversion },
        { "guest", guest_output_taint },
        { "guest", guest_command_runs_in_sh },
    };

    return rp_suite_new("patched", tests, G_N_ELEMENTS(tests), NULL);
}
