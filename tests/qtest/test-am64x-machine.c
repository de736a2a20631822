/*
 * qtests: the am64x-sim machine as a whole (boards/am64x-sim.c and its
 * parts): -smp counts the two R5F cores after the A53s, each device answers
 * at its am64x-map.h address (mailbox REVISION, the DMSC's debug window,
 * the secure proxy's threads, the TCMs at their SoC addresses), the R5F
 * cores start off, the machine's state survives a migration through a
 * file, -m and -smp outside the machine's range are refused, and the
 * generated device tree holds what the kernel's drivers read (names,
 * addresses and links as k3-am64-main.dtsi and k3-am642-evm.dts).
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libfdt.h>
#include <string.h>

#include "../tap-main.h"
#include "qtest-fixture.h"
#include "subsys.h"
#include "ti-sci.h"

#include "rprocsim/am64x-map.h"
#include "rprocsim/k3-mailbox-regs.h"
#include "rprocsim/k3-sec-proxy-regs.h"

#define MACHINE         (rprocsim_am64x_board.machine)
#define CORES           (rprocsim_am64x_board.subsys)
#define MBOX_REG(r)     (AM64X_SIM_MBOX_BASE + (r))
#define SPROXY_STATUS(t) (AM64X_SIM_SPROXY_RT_BASE + K3_SPROXY_RT_STATUS_OFFSET(t))

static const char *const smp4[] = { "-smp", "4", NULL };

static void start(void)
{
    qt_start_machine(MACHINE, "qtest", NULL, smp4);
}

static char *qemu_path(void)
{
    return g_build_filename(g_getenv("RPROCSIM_BUILD") ?: "build", "qemu",
                            "qemu-system-aarch64", NULL);
}

START_TEST(smp_counts_the_r5f_cores)
{
    /* the A53s in cluster 0 first, then each R5F core's vCPU in its own cluster */
    static const char *const types[] = { "cortex-a53-arm-cpu", "cortex-a53-arm-cpu",
                                         "cortex-r5f-arm-cpu", "cortex-r5f-arm-cpu" };
    static const char *const owners[] = { "/machine/apss/", "/machine/apss/",
                                          "/machine/r5f0_0/", "/machine/r5f0_1/" };
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) r = NULL;
    JsonArray *cpus;

    start();
    r = rp_qmp_execute(qt_qmp, "query-cpus-fast", NULL, &err);

    ck_assert_msg(r, "%s", err ? err->message : "?");
    cpus = json_node_get_array(r);
    ck_assert_uint_eq(json_array_get_length(cpus), G_N_ELEMENTS(types));
    for (guint i = 0; i < G_N_ELEMENTS(types); i++) {
        JsonObject *c = json_array_get_object_element(cpus, i);
        const char *path = json_object_get_string_member(c, "qom-path");
        g_autofree char *type = rp_qmp_qom_get_text(qt_qmp, path, "type", &err);

        ck_assert_int_eq(json_object_get_int_member(c, "cpu-index"), i);
        ck_assert_msg(g_str_has_prefix(path, owners[i]), "cpu %u is %s", i, path);
        ck_assert_msg(type, "%s", err ? err->message : "?");
        ck_assert_str_eq(type, types[i]);
    }
}
END_TEST

START_TEST(devices_answer_at_their_addresses)
{
    g_autoptr(GError) err = NULL;
    char text[sizeof(TI_SCI_SIM_DESCRIPTION)] = "";

    start();

    ck_assert_uint_eq(qt_rd(MBOX_REG(K3_MBOX_REG_REVISION)), K3_MBOX_REVISION_VALUE);

    /* the DMSC's debug_messages window starts with its banner */
    ck_assert(rp_qtest_read(qt, AM64X_SIM_DMSC_DEBUG_BASE, text, sizeof(text) - 1, &err));
    ck_assert_str_eq(text, TI_SCI_SIM_DESCRIPTION);

    /* the A53s' threads: no answer waiting, credits to send */
    ck_assert_uint_eq(qt_rd(SPROXY_STATUS(AM64X_SIM_SPROXY_RX_THREAD)) &
                      K3_SPROXY_RT_STATUS_COUNT_MASK, 0);
    ck_assert_uint_gt(qt_rd(SPROXY_STATUS(AM64X_SIM_SPROXY_TX_THREAD)) &
                      K3_SPROXY_RT_STATUS_COUNT_MASK, 0);

    /* each core's TCMs at their SoC addresses, distinct memories */
    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        qt_wr(CORES[i].reg_base, 0xa7c30000 + i);
        qt_wr(CORES[i].reg_base + CORES[i].reg_size - 4, 0xa7c3fffc + i);
        qt_wr(CORES[i].btcm_base, 0xb7c30000 + i);
    }
    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        ck_assert_uint_eq(qt_rd(CORES[i].reg_base), 0xa7c30000 + i);
        ck_assert_uint_eq(qt_rd(CORES[i].reg_base + CORES[i].reg_size - 4), 0xa7c3fffc + i);
        ck_assert_uint_eq(qt_rd(CORES[i].btcm_base), 0xb7c30000 + i);
    }
}
END_TEST

START_TEST(r5f_cores_start_off)
{
    start();
    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        g_autofree char *path = g_strdup_printf("/machine/%s", CORES[i].name);
        g_autoptr(GError) err = NULL;
        g_autofree char *running = rp_qmp_qom_get_text(qt_qmp, path, "running", &err);

        ck_assert_msg(running, "%s", err ? err->message : "?");
        ck_assert_str_eq(running, "0");                 /* booleans as 0/1 */
        ck_assert_int_eq(qt_qom_int(path, "boot-count"), 0);
    }
}
END_TEST

START_TEST(state_survives_migration)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *snap = g_build_filename(dir, "snapshot", NULL);
    g_autofree char *uri = g_strdup_printf("file:%s", snap);
    const char *const incoming[] = { "-smp", "4", "-incoming", "defer", NULL };
    const uint64_t ddr = CORES[1].carveout_base;

    start();

    /* a TCM word, a DDR word in a carveout and a queued mailbox message */
    qt_wr(CORES[0].btcm_base + 0x40, 0x5a5a0001);
    qt_wr(ddr, 0x5a5a0002);
    qt_wr(MBOX_REG(K3_MBOX_REG_MESSAGE(CORES[1].mbox_tx_fifo)), 0x5a5a0003);
    qt_save(uri);

    qt_start_machine(MACHINE, "qtest", NULL, incoming);
    qt_restore(uri);
    qt_qmp_do("cont", NULL, NULL);
    ck_assert_uint_eq(qt_rd(CORES[0].btcm_base + 0x40), 0x5a5a0001);
    ck_assert_uint_eq(qt_rd(ddr), 0x5a5a0002);
    ck_assert_uint_eq(qt_rd(MBOX_REG(K3_MBOX_REG_MSGSTATUS(CORES[1].mbox_tx_fifo))), 1);
    ck_assert_uint_eq(qt_rd(MBOX_REG(K3_MBOX_REG_MESSAGE(CORES[1].mbox_tx_fifo))),
                      0x5a5a0003);
    g_unlink(snap);
    g_rmdir(dir);
}
END_TEST

/* QEMU with @opt @value on am64x-sim exits at once with a message holding @needle */
static void refused(const char *opt, const char *value, const char *needle)
{
    g_autofree char *qemu = qemu_path();
    const char *argv[] = { qemu, "-M", MACHINE, opt, value, "-nodefaults",
                           "-display", "none", "-S", NULL };
    g_autofree char *out = NULL, *err = NULL;
    int status = 0;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                           &out, &err, &status, NULL));
    ck_assert_msg(!g_spawn_check_wait_status(status, NULL), "%s %s was accepted", opt, value);
    ck_assert_msg(strstr(err, needle), "%s %s: '%s'", opt, value, err);
}

START_TEST(out_of_range_options_refused)
{
    refused("-m", "512M", "outside the supported range 1024M..2048M");
    refused("-m", "3G", "outside the supported range 1024M..2048M");
    refused("-smp", "5", "max CPUs supported by machine 'am64x-sim' is 4");
    refused("-smp", "2", "min CPUs supported by machine 'am64x-sim' is 3");
}
END_TEST

/* --- the device tree --------------------------------------------------------- */

static char *dtb;

static int fdt_node(const char *path)
{
    int node = fdt_path_offset(dtb, path);

    ck_assert_msg(node >= 0, "%s missing", path);
    return node;
}

static const fdt32_t *fdt_prop(int node, const char *name, int cells)
{
    int len = -1;
    const fdt32_t *p = fdt_getprop(dtb, node, name, &len);

    ck_assert_msg(p, "%s missing in %s", name, fdt_get_name(dtb, node, NULL));
    ck_assert_int_eq(len, cells * 4);
    return p;
}

static uint32_t cell(const fdt32_t *p, int i)
{
    return fdt32_to_cpu(p[i]);
}

/* The path of the node with phandle @ph, in a static buffer */
static const char *by_phandle(uint32_t ph)
{
    static char path[256];
    int node = fdt_node_offset_by_phandle(dtb, ph);

    ck_assert_int_ge(node, 0);
    ck_assert_int_eq(fdt_get_path(dtb, node, path, sizeof(path)), 0);
    return path;
}

static void prop_str(int node, const char *name, const char *want, int len)
{
    int got = -1;
    const char *p = fdt_getprop(dtb, node, name, &got);

    ck_assert_msg(p, "%s missing", name);
    ck_assert_int_eq(got, len);
    ck_assert_mem_eq(p, want, len);
}

static void dump_dtb(void)
{
    g_autofree char *qemu = qemu_path();
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *file = g_build_filename(dir, "am64x-sim.dtb", NULL);
    g_autofree char *arg = g_strdup_printf("dumpdtb=%s", file);
    const char *argv[] = { qemu, "-M", MACHINE, "-machine", arg, "-smp", "4",
                           "-nodefaults", "-display", "none", NULL };
    int status = -1;

    ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                           NULL, NULL, NULL, &status, NULL));
    ck_assert(g_spawn_check_wait_status(status, NULL));
    ck_assert(g_file_get_contents(file, &dtb, NULL, NULL));
    ck_assert_int_eq(fdt_check_header(dtb), 0);
    g_unlink(file);
    g_rmdir(dir);
}

START_TEST(dt_root_memory_and_pools)
{
    static const char compat[] = "rprocsim,am64x-sim\0ti,am642";
    int root, node;
    const fdt32_t *p;

    dump_dtb();
    root = fdt_node("/");

    prop_str(root, "compatible", compat, sizeof(compat));
    p = fdt_prop(fdt_node("/memory@80000000"), "reg", 4);
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_DRAM_BASE);
    ck_assert_uint_eq(cell(p, 3), AM64X_SIM_DEFAULT_RAM);
    ck_assert_int_ge(fdt_node("/cpus/cpu@0"), 0);
    ck_assert_int_ge(fdt_node("/cpus/cpu@1"), 0);
    ck_assert_int_lt(fdt_path_offset(dtb, "/cpus/cpu@2"), 0);    /* R5Fs are not Linux's */
    node = fdt_node("/chosen");
    prop_str(node, "stdout-path", "/bus@f4000/serial@2800000",
             sizeof("/bus@f4000/serial@2800000"));

    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        const struct { const char *name; uint64_t base, size; } pool[] = {
            { "r5f-dma-memory", CORES[i].dma_pool_base, CORES[i].dma_pool_size },
            { "r5f-memory", CORES[i].carveout_base, CORES[i].carveout_size },
        };

        for (unsigned k = 0; k < G_N_ELEMENTS(pool); k++) {
            g_autofree char *path = g_strdup_printf("/reserved-memory/%s@%" G_GINT64_MODIFIER
                                                    "x", pool[k].name, pool[k].base);

            node = fdt_node(path);
            prop_str(node, "compatible", "shared-dma-pool", sizeof("shared-dma-pool"));
            ck_assert_ptr_nonnull(fdt_getprop(dtb, node, "no-map", NULL));
            p = fdt_prop(node, "reg", 4);
            ck_assert_uint_eq(cell(p, 1), pool[k].base);
            ck_assert_uint_eq(cell(p, 3), pool[k].size);
        }
    }
}
END_TEST

START_TEST(dt_dmsc_and_secure_proxy)
{
    int dmsc;
    const fdt32_t *p;

    dump_dtb();
    dmsc = fdt_node("/bus@f4000/system-controller@44043000");

    prop_str(dmsc, "compatible", "ti,k2g-sci", sizeof("ti,k2g-sci"));
    ck_assert_uint_eq(cell(fdt_prop(dmsc, "ti,host-id", 1), 0), AM64X_SIM_TISCI_HOST_A53);
    prop_str(dmsc, "mbox-names", "rx\0tx", sizeof("rx\0tx"));
    prop_str(dmsc, "reg-names", "debug_messages", sizeof("debug_messages"));
    p = fdt_prop(dmsc, "mboxes", 4);
    ck_assert_str_eq(by_phandle(cell(p, 0)), "/bus@f4000/bus@48000000/mailbox@4d000000");
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_SPROXY_RX_THREAD);
    ck_assert_uint_eq(cell(p, 3), AM64X_SIM_SPROXY_TX_THREAD);
    ck_assert_uint_eq(cell(fdt_prop(fdt_node("/bus@f4000/system-controller@44043000/"
                                             "power-controller"), "#power-domain-cells", 1),
                           0), 2);
    ck_assert_uint_eq(cell(fdt_prop(fdt_node("/bus@f4000/system-controller@44043000/"
                                             "reset-controller"), "#reset-cells", 1), 0), 2);
    ck_assert_uint_eq(cell(fdt_prop(fdt_node("/bus@f4000/system-controller@44043000/"
                                             "clock-controller"), "#clock-cells", 1), 0), 2);

    p = fdt_prop(fdt_node("/bus@f4000/bus@48000000/mailbox@4d000000"), "reg", 12);
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_SPROXY_DATA_BASE);
    ck_assert_uint_eq(cell(p, 5), AM64X_SIM_SPROXY_RT_BASE);
    ck_assert_uint_eq(cell(p, 9), AM64X_SIM_SPROXY_SCFG_BASE);
    prop_str(fdt_node("/bus@f4000/bus@48000000/mailbox@4d000000"), "interrupt-names",
             "rx_012", sizeof("rx_012"));
    p = fdt_prop(fdt_node("/bus@f4000/bus@48000000/mailbox@4d000000"), "interrupts", 3);
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_SPROXY_RX_SPI);
}
END_TEST

START_TEST(dt_mailbox_and_r5f_cluster)
{
    int mbox, r5fss;
    const fdt32_t *p;

    dump_dtb();
    mbox = fdt_node("/bus@f4000/mailbox@29020000");
    r5fss = fdt_node("/bus@f4000/r5fss@78000000");

    p = fdt_prop(mbox, "interrupts", 6);
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_MBOX_SPI_BASE);
    ck_assert_uint_eq(cell(p, 4), AM64X_SIM_MBOX_SPI_BASE + 1);
    ck_assert_uint_eq(cell(fdt_prop(mbox, "ti,mbox-num-users", 1), 0), 4);
    ck_assert_uint_eq(cell(fdt_prop(mbox, "ti,mbox-num-fifos", 1), 0), 16);

    ck_assert_uint_eq(cell(fdt_prop(r5fss, "ti,cluster-mode", 1), 0), 0);
    p = fdt_prop(r5fss, "power-domains", 3);
    ck_assert_str_eq(by_phandle(cell(p, 0)),
                     "/bus@f4000/system-controller@44043000/power-controller");
    ck_assert_uint_eq(cell(p, 1), AM64X_SIM_SCI_DEV_R5FSS0);
    ck_assert_uint_eq(cell(p, 2), 1);                       /* TI_SCI_PD_EXCLUSIVE */
    /* one range per TCM: <child> <parent hi lo> <size> */
    p = fdt_prop(r5fss, "ranges", 4 * 2 * AM64X_SIM_R5F_CORES);
    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        ck_assert_uint_eq(cell(p, 8 * i + 0), CORES[i].reg_base);
        ck_assert_uint_eq(cell(p, 8 * i + 2), CORES[i].reg_base);
        ck_assert_uint_eq(cell(p, 8 * i + 3), CORES[i].reg_size);
        ck_assert_uint_eq(cell(p, 8 * i + 4), CORES[i].btcm_base);
        ck_assert_uint_eq(cell(p, 8 * i + 7), CORES[i].btcm_size);
    }

    for (unsigned i = 0; i < AM64X_SIM_R5F_CORES; i++) {
        const RprocsimSubsys *d = &CORES[i];
        g_autofree char *path = g_strdup_printf("/bus@f4000/r5fss@78000000/r5f@%"
                                                G_GINT64_MODIFIER "x", d->reg_base);
        g_autofree char *sub = g_strdup_printf("/bus@f4000/mailbox@29020000/"
                                               "mbox-main-r5fss0-core%u", i);
        g_autofree char *pool = g_strdup_printf("/reserved-memory/r5f-dma-memory@%"
                                                G_GINT64_MODIFIER "x", d->dma_pool_base);
        g_autofree char *carveout = g_strdup_printf("/reserved-memory/r5f-memory@%"
                                                    G_GINT64_MODIFIER "x", d->carveout_base);
        int core = fdt_node(path);
        int mb = fdt_node(sub);

        prop_str(core, "compatible", "ti,am64-r5f", sizeof("ti,am64-r5f"));
        prop_str(core, "reg-names", "atcm\0btcm", sizeof("atcm\0btcm"));
        prop_str(core, "firmware-name", d->firmware_name, strlen(d->firmware_name) + 1);
        p = fdt_prop(core, "reg", 4);
        ck_assert_uint_eq(cell(p, 0), d->reg_base);
        ck_assert_uint_eq(cell(p, 3), d->btcm_size);
        ck_assert_uint_eq(cell(fdt_prop(core, "ti,sci-dev-id", 1), 0), d->sci_dev_id);
        p = fdt_prop(core, "ti,sci-proc-ids", 2);
        ck_assert_uint_eq(cell(p, 0), d->sci_proc_id);
        ck_assert_uint_eq(cell(p, 1), 0xff);
        ck_assert_str_eq(by_phandle(cell(fdt_prop(core, "ti,sci", 1), 0)),
                         "/bus@f4000/system-controller@44043000");
        p = fdt_prop(core, "resets", 3);
        ck_assert_str_eq(by_phandle(cell(p, 0)),
                         "/bus@f4000/system-controller@44043000/reset-controller");
        ck_assert_uint_eq(cell(p, 1), d->sci_dev_id);
        ck_assert_uint_eq(cell(p, 2), 1);
        for (const char *const *t = (const char *const[]){ "ti,atcm-enable", "ti,btcm-enable",
                                                           "ti,loczrama", NULL }; *t; t++) {
            ck_assert_uint_eq(cell(fdt_prop(core, *t, 1), 0), 1);
        }
        p = fdt_prop(core, "memory-region", 2);
        ck_assert_str_eq(by_phandle(cell(p, 0)), pool);
        ck_assert_str_eq(by_phandle(cell(p, 1)), carveout);
        p = fdt_prop(core, "mboxes", 2);
        ck_assert_str_eq(by_phandle(cell(p, 0)), "/bus@f4000/mailbox@29020000");
        ck_assert_str_eq(by_phandle(cell(p, 1)), sub);
        /* Linux's user receives on the core's rx FIFO and sends on its tx FIFO */
        p = fdt_prop(mb, "ti,mbox-rx", 3);
        ck_assert_uint_eq(cell(p, 0), d->mbox_rx_fifo);
        ck_assert_uint_eq(cell(p, 1), 0);
        ck_assert_uint_eq(cell(p, 2), AM64X_SIM_MBOX_LINUX_USER);
        p = fdt_prop(mb, "ti,mbox-tx", 3);
        ck_assert_uint_eq(cell(p, 0), d->mbox_tx_fifo);
        ck_assert_uint_eq(cell(p, 2), AM64X_SIM_MBOX_LINUX_USER);
    }
}
END_TEST

/* Each test's teardown: its QEMU and the DTB it read, whichever it made */
static void teardown(void)
{
    qt_stop();
    g_clear_pointer(&dtb, g_free);
}

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "machine", smp_counts_the_r5f_cores },
        { "machine", devices_answer_at_their_addresses },
        { "machine", r5f_cores_start_off },
        { "machine", state_survives_migration },
        { "options", out_of_range_options_refused },
        { "device-tree", dt_root_memory_and_pools },
        { "device-tree", dt_dmsc_and_secure_proxy },
        { "device-tree", dt_mailbox_and_r5f_cluster },
    };

    return rp_suite_new("am64x-machine", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 120, .teardown = teardown });
}
