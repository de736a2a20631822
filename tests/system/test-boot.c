/*
 * System test: the stock Debian kernel boots on qcs6490-sim to /init's
 * ready marker, the kernel that ran is the one inside the Debian package,
 * the stock modules load, and the generated device tree holds the RB3 Gen2
 * carveouts with the kernel and initrd clear of them.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/ and the guest images);
 * RPROCSIM_KERNEL_SUITE picks the guest image (default stable), whose
 * kernel-file, kernel-release and modules-resolved.txt (written by
 * guest/build.sh) say what the image was built from.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "guest-fixture.h"

/* File @rel of the guest image folder (BUILD/guest or BUILD/guest-SUITE), stripped */
static char *read_guest_file(const char *rel)
{
    g_autofree char *path = g_build_filename(sys_opts.guest_dir, rel, NULL);
    char *text = NULL;

    ck_assert_msg(g_file_get_contents(path, &text, NULL, NULL),
                  "cannot read %s", path);
    return g_strstrip(text);
}

START_TEST(reaches_ready_marker)
{
    g_autofree char *release = read_guest_file("kernel-release");

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    ck_assert_str_eq(sys_ready.kernel, release);
    ck_assert(sys_ready.uptime_s > 0);
}
END_TEST

/*
 * The file given to QEMU is the package's, and it is what ran: the image's
 * kernel-file names the .deb and the member (6.12: ./boot/vmlinuz-RELEASE of
 * linux-image-*, 7.x: ./usr/lib/modules/RELEASE/vmlinuz of linux-binary-*).
 */
START_TEST(kernel_is_the_debian_package_file)
{
    g_autofree char *where = read_guest_file("kernel-file");
    g_auto(GStrv) deb_member = g_strsplit(where, " ", 2);
    g_autofree char *cmd = NULL;
    g_autofree char *extracted = NULL, *err_text = NULL;
    g_autofree char *booted = NULL, *version = NULL;
    g_autoptr(GMappedFile) image = NULL;
    int status = -1;

    ck_assert_msg(g_strv_length(deb_member) == 2, "kernel-file reads '%s'", where);
    cmd = g_strdup_printf("sh -c 'dpkg-deb --fsys-tarfile %s | tar -xO %s | sha256sum'",
                          deb_member[0], deb_member[1]);
    ck_assert(g_spawn_command_line_sync(cmd, &extracted, &err_text, &status, NULL));
    ck_assert_msg(status == 0 && strlen(extracted) >= 64,
                  "extracting the kernel from %s failed: %s", deb_member[0], err_text);
    extracted[64] = '\0';
    booted = rp_file_sha256(sys_opts.kernel, NULL);
    ck_assert_ptr_nonnull(booted);
    ck_assert_str_eq(booted, extracted);

    /* /proc/version is the banner compiled into that very Image */
    version = sys_guest("cat /proc/version");
    ck_assert(g_str_has_prefix(version, "Linux version "));
    image = g_mapped_file_new(sys_opts.kernel, FALSE, NULL);
    ck_assert_ptr_nonnull(image);
    ck_assert_msg(memmem(g_mapped_file_get_contents(image),
                         g_mapped_file_get_length(image),
                         version, strlen(version)),
                  "the guest's /proc/version is not in %s: %s", sys_opts.kernel, version);
}
END_TEST

/*
 * Every name of guest/modules.list's qcs6490-sim section that resolved to
 * a loadable module (modules-resolved.txt: NAME KIND MODULE HOW BOARD) is
 * loaded; the built-in ones (smem on 7.x) are part of the kernel.
 */
START_TEST(stock_modules_loaded)
{
    g_autofree char *list = read_guest_file("modules-resolved.txt");
    g_autofree char *mods = NULL;
    g_auto(GStrv) lines = NULL;
    int n = 0;

    ck_assert(rp_vm_wait_console(sys_vm, RP_MARK_MODULES_DONE, 120, NULL, NULL));
    {
        g_autofree char *raw = sys_guest("cat /proc/modules");

        mods = g_strconcat("\n", raw, NULL);   /* every entry starts a line */
    }
    lines = g_strsplit(list, "\n", -1);
    for (char **l = lines; *l; l++) {
        g_auto(GStrv) f = g_strsplit_set(g_strstrip(*l), " \t", -1);
        g_autofree char *needle = NULL;

        if (g_strv_length(f) < 5 || !g_str_equal(f[4], RP_SIM_MACHINE)) {
            continue;
        }
        n++;
        if (!g_str_equal(f[1], "module")) {
            ck_assert_msg(g_str_equal(f[1], "builtin"), "%s resolved as '%s'", f[0], f[1]);
            continue;
        }
        g_strdelimit(f[2], "-", '_');
        needle = g_strdup_printf("\n%s ", f[2]);
        ck_assert_msg(strstr(mods, needle), "module %s (for %s) not in /proc/modules",
                      f[2], f[0]);
    }
    ck_assert_int_gt(n, 10);
}
END_TEST

static gboolean overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

static uint64_t fdt_cells(const fdt32_t *p, int n)
{
    uint64_t v = 0;

    for (int i = 0; i < n; i++) {
        v = (v << 32) | fdt32_to_cpu(p[i]);
    }
    return v;
}

/* The carveouts of qcs6490-rb3gen2.dts, no-map, clear of kernel and initrd */
START_TEST(device_tree_layout)
{
    static const struct { const char *node; uint64_t base, size; } carveouts[] = {
        { "/reserved-memory/wpss@84800000", 0x84800000, 0x1900000 },
        { "/reserved-memory/adsp@86100000", 0x86100000, 0x2800000 },
        { "/reserved-memory/cdsp@88900000", 0x88900000, 0x1e00000 },
    };
    g_autofree char *dir = g_dir_make_tmp("rprocsim-dtb-XXXXXX", NULL);
    g_autofree char *dtb_path = g_build_filename(dir, "qcs6490-sim.dtb", NULL);
    g_autofree char *dumparg = g_strdup_printf("dumpdtb=%s", dtb_path);
    g_autofree char *dts = NULL, *dtc_err = NULL, *iomem = NULL;
    g_autofree char *blob = NULL;
    const char *argv[] = { sys_opts.qemu, "-M", RP_SIM_MACHINE, "-machine", dumparg,
                           "-nodefaults", "-display", "none",
                           "-kernel", sys_opts.kernel, "-initrd", sys_opts.initrd, NULL };
    const char *dtc[] = { "dtc", "-I", "dtb", "-O", "dts", dtb_path, NULL };
    g_auto(GStrv) iolines = NULL;
    const fdt32_t *p;
    uint64_t istart, iend;
    int status = -1, len, node, kernel_ranges = 0;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                           &status, NULL));
    ck_assert_int_eq(status, 0);
    ck_assert(g_spawn_sync(NULL, (char **)dtc, NULL, G_SPAWN_SEARCH_PATH, NULL,
                           NULL, &dts, &dtc_err, &status, NULL));
    ck_assert_msg(status == 0, "dtc cannot decompile the DTB: %s", dtc_err);
    ck_assert(strstr(dts, "arm,gic-v3"));
    ck_assert(g_file_get_contents(dtb_path, &blob, NULL, NULL));
    ck_assert_int_eq(fdt_check_header(blob), 0);

    node = fdt_path_offset(blob, "/memory@80000000");
    ck_assert_int_ge(node, 0);
    p = fdt_getprop(blob, node, "reg", &len);
    ck_assert_int_eq(len, 16);
    ck_assert_uint_eq(fdt_cells(p, 2), 0x80000000);

    node = fdt_path_offset(blob, "/chosen");
    p = fdt_getprop(blob, node, "linux,initrd-start", &len);
    ck_assert_ptr_nonnull(p);
    istart = fdt_cells(p, len / 4);
    p = fdt_getprop(blob, node, "linux,initrd-end", &len);
    ck_assert_ptr_nonnull(p);
    iend = fdt_cells(p, len / 4);
    ck_assert(iend > istart);

    /* the kernel's own view of where its image sits */
    iomem = sys_guest("cat /proc/iomem");
    iolines = g_strsplit(iomem, "\n", -1);

    for (size_t i = 0; i < G_N_ELEMENTS(carveouts); i++) {
        node = fdt_path_offset(blob, carveouts[i].node);
        ck_assert_msg(node >= 0, "%s missing", carveouts[i].node);
        ck_assert_ptr_nonnull(fdt_getprop(blob, node, "no-map", NULL));
        p = fdt_getprop(blob, node, "reg", &len);
        ck_assert_int_eq(len, 16);
        ck_assert_uint_eq(fdt_cells(p, 2), carveouts[i].base);
        ck_assert_uint_eq(fdt_cells(p + 2, 2), carveouts[i].size);
        ck_assert_msg(!overlaps(istart, iend - istart, carveouts[i].base,
                                carveouts[i].size),
                      "initrd 0x%" G_GINT64_MODIFIER "x overlaps %s",
                      istart, carveouts[i].node);
        for (char **l = iolines; *l; l++) {
            uint64_t s, e;

            if (strstr(*l, "Kernel ") &&
                sscanf(*l, " %" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x", &s, &e) == 2) {
                kernel_ranges++;
                ck_assert_msg(!overlaps(s, e - s + 1, carveouts[i].base,
                                        carveouts[i].size),
                              "kernel range '%s' overlaps %s", *l, carveouts[i].node);
            }
        }
    }
    ck_assert_int_gt(kernel_ranges, 0);
    g_unlink(dtb_path);
    g_rmdir(dir);
}
END_TEST

/*
 * qcom_scm probes in the SMC64 convention against the simulated TrustZone
 * and reports no error: QSEECOM's version query is answered as QTEE
 * answers it (docs/trustzone.md), so no call fails.
 */
START_TEST(scm_probes_smc64_without_errors)
{
    g_autofree char *dmesg = sys_guest("dmesg -r");
    g_auto(GStrv) lines = g_strsplit(dmesg, "\n", -1);
    gboolean convention = FALSE, qseecom = FALSE;

    for (char **l = lines; *l; l++) {
        int level = -1;

        if (!strstr(*l, "qcom_scm")) {
            continue;
        }
        convention |= strstr(*l, "qcom_scm: convention: smc arm 64") != NULL;
        ck_assert_msg(!strstr(*l, "legacy"), "SCM fell back: %s", *l);
        qseecom |= strstr(*l, "qseecom: found qseecom with version") != NULL;
        ck_assert_msg(!strstr(*l, "scm call failed"), "SCM call refused: %s", *l);
        ck_assert_msg(sscanf(*l, "<%d>", &level) != 1 || (level & 7) > 3,
                      "qcom_scm error: %s", *l);
    }
    ck_assert_msg(convention, "no 'qcom_scm: convention: smc arm 64' in dmesg");
    ck_assert_msg(qseecom, "no 'qseecom: found qseecom with version' in dmesg");
}
END_TEST

/* Run QEMU with @extra on qcs6490-sim; expect failure and @message on stderr */
static void expect_refused(const char *opt, const char *value, const char *message)
{
    const char *argv[] = { sys_opts.qemu, "-M", RP_SIM_MACHINE, "-nodefaults",
                           "-display", "none", opt, value, "-kernel", sys_opts.kernel,
                           NULL };
    g_autofree char *err_text = NULL;
    int status = 0;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                           NULL, NULL, NULL, &err_text, &status, NULL));
    ck_assert_msg(status != 0, "%s %s was accepted", opt, value);
    ck_assert_msg(strstr(err_text, message), "%s %s: unexpected message: %s",
                  opt, value, err_text);
}

START_TEST(board_refuses_bad_configuration)
{
    expect_refused("-m", "256M", "outside the supported range 512M..16384M");
    expect_refused("-smp", "12", "max CPUs supported by machine 'qcs6490-sim' is 11");
    expect_refused("-smp", "3", "min CPUs supported by machine 'qcs6490-sim' is 4");
    expect_refused("-cpu", "cortex-a15", "Invalid CPU model");
}
END_TEST

Suite *rp_test_suite(void)
{
    /* all only look at the guest */
    const RpTest tests[] = {
        { "qcs6490-sim", reaches_ready_marker },
        { "qcs6490-sim", kernel_is_the_debian_package_file },
        { "qcs6490-sim", stock_modules_loaded },
        { "qcs6490-sim", device_tree_layout },
        { "qcs6490-sim", board_refuses_bad_configuration },
        { "qcs6490-sim", scm_probes_smc64_without_errors },
    };

    /* the modules are not waited for: stock_modules_loaded does */
    return sys_suite("boot", tests, G_N_ELEMENTS(tests), &(SysBootOptions){ 0 });
}
