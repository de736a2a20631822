/*
 * qtests: the DMSC (hw/ti-sci.c) and the secure proxy (hw/k3-sec-proxy.c)
 * of am64x-sim driven through QEMU's qtest protocol (-accel qtest: no
 * guest code runs). TI-SCI requests are written to the A53s' tx thread and
 * the answers read from their rx thread at the addresses of am64x-map.h,
 * as drivers/mailbox/ti-msgmgr.c does; the rx interrupt is intercepted.
 * Covers VERSION, the NACKs, the misuse answers, the R5F driver's probe,
 * boot and stop against the real R5F core model, and a migration through
 * a file.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "common.h"
#include "qtest-fixture.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/k3-sec-proxy-regs.h"
#include "rprocsim/subsys.h"
#include "rprocsim/ti-sci-msg.h"

#define MACHINE     (rprocsim_am64x_board.machine)
#define HOST        AM64X_SIM_TISCI_HOST_A53
#define RX          AM64X_SIM_SPROXY_RX_THREAD
#define TX          AM64X_SIM_SPROXY_TX_THREAD
#define DATA(t, r)  (AM64X_SIM_SPROXY_DATA_BASE + K3_SPROXY_DATA_OFFSET(t, r))
#define STATUS(t)   (AM64X_SIM_SPROXY_RT_BASE + K3_SPROXY_RT_STATUS_OFFSET(t))
#define CTRL(t)     (AM64X_SIM_SPROXY_SCFG_BASE + K3_SPROXY_SCFG_CTRL_OFFSET(t))
#define COUNT(v)    ((v) & K3_SPROXY_RT_STATUS_COUNT_MASK)
#define DMSC        "/machine/dmsc"
#define SPROXY      "/machine/secure-proxy"
#define CORE0       "/machine/r5f0_0"
#define CLUSTER     AM64X_SIM_SCI_DEV_R5FSS0
#define DEV0        121
#define ACK_REQ     TI_SCI_FLAG_REQ_ACK_ON_PROCESSED

static uint8_t seq;

static void intercept(void)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_qtest_irq_intercept_out(qt, SPROXY, "sysbus-irq", &err),
                  "%s", err ? err->message : "?");
}

/* Each test's QEMU: am64x-sim, no guest code, the rx interrupt intercepted */
static void start(void)
{
    qt_start_machine(MACHINE, "qtest", NULL, NULL);
    intercept();
}

/* A request: header (host, the next seq), then @plen payload bytes */
static void req(uint8_t m[K3_SPROXY_MSG_SIZE], uint16_t type, uint8_t host, uint32_t flags,
                const void *payload, size_t plen)
{
    memset(m, 0, K3_SPROXY_MSG_SIZE);
    rp_put_le16(m + TI_SCI_HDR_TYPE, type);
    m[TI_SCI_HDR_HOST] = host;
    m[TI_SCI_HDR_SEQ] = seq = (seq + 1) % TI_SCI_MAX_MSGS;
    rp_put_le32(m + TI_SCI_HDR_FLAGS, flags);
    memcpy(m + TI_SCI_HDR_SIZE, payload, plen);
}

/* ti_msgmgr_send_data(): the 15 words, the last one commits */
static void sp_send(const uint8_t m[K3_SPROXY_MSG_SIZE])
{
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        qt_wr(DATA(TX, i), rp_le32(m + 4 * i));
    }
}

/* ti_msgmgr_queue_rx_data(): the 15 words, the last one pops */
static void sp_recv(uint8_t m[K3_SPROXY_MSG_SIZE])
{
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        rp_put_le32(m + 4 * i, qt_rd(DATA(RX, i)));
    }
}

/* One transfer as ti_sci_do_xfer(): send, the interrupt, read; true for ACK */
static bool xfer(const uint8_t m[K3_SPROXY_MSG_SIZE], uint8_t r[K3_SPROXY_MSG_SIZE])
{
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    sp_send(m);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 1);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    sp_recv(r);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert_mem_eq(r, m, 4);                       /* type, host, seq echoed */
    return rp_le32(r + TI_SCI_HDR_FLAGS) & TI_SCI_FLAG_RESP_ACK;
}

/* The kernel's helpers */
static bool set_dev(uint32_t id, uint8_t state, uint32_t flags)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], p[9] = { 0 };

    rp_put_le32(p, id);
    p[TI_SCI_SET_DEV_STATE - TI_SCI_HDR_SIZE] = state;
    req(m, TI_SCI_MSG_SET_DEVICE_STATE, HOST, flags | ACK_REQ, p, sizeof(p));
    return xfer(m, r);
}

static uint32_t get_resets(uint32_t id, uint8_t *current)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], p[4];

    rp_put_le32(p, id);
    req(m, TI_SCI_MSG_GET_DEVICE_STATE, HOST, ACK_REQ, p, sizeof(p));
    ck_assert(xfer(m, r));
    if (current) {
        *current = r[TI_SCI_GET_DEV_CURRENT];
    }
    return rp_le32(r + TI_SCI_GET_DEV_RESETS);
}

static void local_reset(uint32_t id, bool assert)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], p[8];
    uint32_t resets = get_resets(id, NULL);

    rp_put_le32(p, id);
    rp_put_le32(p + 4, assert ? resets | 1 : resets & ~1u);
    req(m, TI_SCI_MSG_SET_DEVICE_RESETS, HOST, ACK_REQ, p, sizeof(p));
    ck_assert(xfer(m, r));
}

static bool proc_msg(uint16_t type, uint8_t proc)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];

    req(m, type, HOST, ACK_REQ, &proc, 1);
    return xfer(m, r);
}

static bool set_ctrl(uint8_t proc, uint32_t set, uint32_t clr)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], p[9] = { proc };

    rp_put_le32(p + 1, set);
    rp_put_le32(p + 5, clr);
    req(m, TI_SCI_MSG_SET_CTRL, HOST, ACK_REQ, p, sizeof(p));
    return xfer(m, r);
}

static bool set_config(uint8_t proc, uint32_t bv, uint32_t set, uint32_t clr)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], p[17] = { proc };

    rp_put_le32(p + 1, bv);
    rp_put_le32(p + 9, set);
    rp_put_le32(p + 13, clr);
    req(m, TI_SCI_MSG_SET_CONFIG, HOST, ACK_REQ, p, sizeof(p));
    return xfer(m, r);
}

/* GET_STATUS of @proc: its config flags in @cfg, the status word returned */
static uint32_t get_status(uint8_t proc, uint32_t *cfg)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];

    req(m, TI_SCI_MSG_GET_STATUS, HOST, ACK_REQ, &proc, 1);
    ck_assert(xfer(m, r));
    ck_assert_uint_eq(r[TI_SCI_STATUS_PROC], proc);
    if (cfg) {
        *cfg = rp_le32(r + TI_SCI_STATUS_CFG);
    }
    return rp_le32(r + TI_SCI_STATUS_STATUS);
}

static bool qom_bool(const char *path, const char *prop)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(JsonNode) v = rp_qmp_qom_get(qt_qmp, path, prop, &err);

    ck_assert_msg(v, "%s", err ? err->message : "?");
    return json_node_get_boolean(v);
}

/* The debug_messages window's text (caller frees) */
static char *debug_text(void)
{
    char *buf = g_malloc0(AM64X_SIM_DMSC_DEBUG_SIZE + 1);

    ck_assert(rp_qtest_read(qt, AM64X_SIM_DMSC_DEBUG_BASE, buf, AM64X_SIM_DMSC_DEBUG_SIZE,
                            NULL));
    return buf;
}

START_TEST(version_round_trip)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];
    g_autofree char *text = debug_text();

    /* ti_msgmgr_queue_startup(): directions and credits */
    ck_assert_uint_eq(qt_rd(CTRL(RX)) & K3_SPROXY_SCFG_CTRL_DIR, K3_SPROXY_SCFG_CTRL_DIR);
    ck_assert_uint_eq(qt_rd(CTRL(TX)) & K3_SPROXY_SCFG_CTRL_DIR, 0);
    ck_assert_uint_gt(COUNT(qt_rd(STATUS(TX))), 0);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert(g_str_has_prefix(text, "rprocsim DMSC"));

    req(m, TI_SCI_MSG_VERSION, HOST, ACK_REQ, NULL, 0);
    ck_assert(xfer(m, r));
    ck_assert_str_eq((char *)r + TI_SCI_VERSION_DESC, "rprocsim DMSC");
    ck_assert_uint_eq(rp_le16(r + TI_SCI_VERSION_FW_REV), 0x000a);
    ck_assert_uint_eq(r[TI_SCI_VERSION_ABI_MAJOR], 3);
    ck_assert_uint_eq(r[TI_SCI_VERSION_ABI_MINOR], 1);
    for (size_t i = TI_SCI_VERSION_RESP_SIZE; i < sizeof(r); i++) {
        ck_assert_uint_eq(r[i], 0);
    }
    ck_assert_int_eq(qt_qom_int(DMSC, "count-VERSION"), 1);
    ck_assert_int_eq(qt_qom_int(DMSC, "requests"), 1);
    ck_assert_int_eq(qt_qom_int(SPROXY, "requests"), 1);
    /* the credit came back with the pop */
    ck_assert_int_eq(qt_qom_int(SPROXY, "tx-credits"), COUNT(qt_rd(STATUS(TX))));
    ck_assert_int_eq(rp_qtest_irq_raises(qt, 0), 1);
}
END_TEST

START_TEST(nacks_for_bad_requests)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];
    uint8_t p[9] = { 120 };                            /* device 120 */
    g_autofree char *last = NULL;
    g_autofree char *text = NULL;

    req(m, 0x0004 /* GOODBYE */, HOST, ACK_REQ, NULL, 0);
    ck_assert(!xfer(m, r));
    ck_assert_uint_eq(rp_le32(r + TI_SCI_HDR_FLAGS), 0);
    req(m, TI_SCI_MSG_VERSION, 35, ACK_REQ, NULL, 0);
    ck_assert(!xfer(m, r));
    ck_assert_uint_eq(r[TI_SCI_HDR_HOST], 35);
    p[8] = TI_SCI_DEV_SW_STATE_ON;
    req(m, TI_SCI_MSG_SET_DEVICE_STATE, HOST, ACK_REQ, p, sizeof(p));
    ck_assert(!xfer(m, r));
    last = qt_qom_str(DMSC, "last-nack");
    ck_assert_str_eq(last, "device 120 is not simulated");
    ck_assert(!proc_msg(TI_SCI_MSG_PROC_RELEASE, 1));        /* not ours */
    ck_assert(!set_ctrl(1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert_int_eq(qt_qom_int(DMSC, "nacks"), 5);
    text = debug_text();
    ck_assert_msg(strstr(text, "NACK: message type 0x0004 is not simulated\n") &&
                  strstr(text, "NACK: device 120 is not simulated\n"), "%s", text);
    /* writes to the window change nothing */
    qt_wr(AM64X_SIM_DMSC_DEBUG_BASE, 0x41414141);
    g_free(text);
    text = debug_text();
    ck_assert(g_str_has_prefix(text, "rprocsim DMSC"));

    /* no acknowledgement asked: carried out, no answer */
    p[0] = CLUSTER;
    req(m, TI_SCI_MSG_SET_DEVICE_STATE, HOST, 0, p, sizeof(p));
    sp_send(m);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    ck_assert_int_eq(qt_qom_int(DMSC, "count-SET_DEVICE_STATE"), 2);
}
END_TEST

START_TEST(proxy_misuse)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];
    uint32_t credits = COUNT(qt_rd(STATUS(TX)));

    /* empty rx reads 0, its last register pops nothing */
    ck_assert_uint_eq(qt_rd(DATA(RX, 0)), 0);
    ck_assert_uint_eq(qt_rd(DATA(RX, K3_SPROXY_DATA_REGS - 1)), 0);
    /* a message written to the rx thread goes nowhere */
    req(m, TI_SCI_MSG_VERSION, HOST, ACK_REQ, NULL, 0);
    for (unsigned i = 0; i < K3_SPROXY_DATA_REGS; i++) {
        qt_wr(DATA(RX, i), rp_le32(m + 4 * i));
    }
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert_int_eq(qt_qom_int(DMSC, "requests"), 0);
    /* reads of tx, other threads, other offsets, status and config writes */
    ck_assert_uint_eq(qt_rd(DATA(TX, 0)), 0);
    ck_assert_uint_eq(qt_rd(STATUS(20)), 0);
    ck_assert_uint_eq(qt_rd(CTRL(20)), 0);
    ck_assert_uint_eq(qt_rd(DATA(20, 3)), 0);
    qt_wr(DATA(20, K3_SPROXY_DATA_REGS - 1), 1);
    ck_assert_uint_eq(qt_rd(AM64X_SIM_SPROXY_DATA_BASE + TX * K3_SPROXY_THREAD_STRIDE), 0);
    ck_assert_uint_eq(qt_rd(AM64X_SIM_SPROXY_SCFG_BASE), 0);
    qt_wr(STATUS(TX), 0);
    qt_wr(CTRL(TX), K3_SPROXY_SCFG_CTRL_DIR);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(TX))), credits);
    ck_assert_uint_eq(qt_rd(CTRL(TX)) & K3_SPROXY_SCFG_CTRL_DIR, 0);

    /* requests without reading the answers: the credits run out, then drops */
    for (uint32_t i = 0; i < credits; i++) {
        req(m, TI_SCI_MSG_VERSION, HOST, ACK_REQ, NULL, 0);
        sp_send(m);
        ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), i + 1);
    }
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(TX))), 0);
    sp_send(m);
    ck_assert_int_eq(qt_qom_int(SPROXY, "dropped"), 1);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), credits);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    /* answered in order; the interrupt stays high until the last */
    for (uint32_t i = 0; i < credits; i++) {
        ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
        sp_recv(r);
        ck_assert_uint_eq(r[TI_SCI_HDR_SEQ], (seq + TI_SCI_MAX_MSGS - credits + 1 + i) %
                                             TI_SCI_MAX_MSGS);
        ck_assert_uint_eq(COUNT(qt_rd(STATUS(TX))), i + 1);
    }
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    ck_assert_int_eq(qt_qom_int(DMSC, "count-VERSION"), credits);
}
END_TEST

/*
 * ti-k3.md §3: probe, boot, stop and remove of core 0 as the 6.12 driver
 * sends them, against the R5F model: it runs only after HALT is cleared
 * with its module on and local reset released, and stops at the reset.
 */
START_TEST(r5f_probe_boot_stop)
{
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE], current;
    g_autofree char *state = NULL;
    uint32_t cfg;

    /* probe */
    req(m, TI_SCI_MSG_VERSION, HOST, ACK_REQ, NULL, 0);
    ck_assert(xfer(m, r));
    ck_assert(set_dev(CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert(proc_msg(TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert_int_eq(qt_qom_int(DMSC, "r5f0_0-owner"), HOST);
    ck_assert_uint_eq(get_resets(DEV0, &current) & 1, 0);
    ck_assert_uint_eq(current, TI_SCI_DEV_HW_STATE_OFF);       /* remoteproc mode */
    get_resets(DEV0, NULL);
    get_status(1, &cfg);
    ck_assert_uint_eq(cfg & (TI_SCI_R5_CFG_SINGLE_CORE | TI_SCI_R5_CFG_LOCKSTEP), 0);
    ck_assert_uint_eq(get_status(1, NULL) & (TI_SCI_R5_STATUS_SINGLECORE_ONLY |
                                             TI_SCI_R5_STATUS_LOCKSTEP_PERMITTED), 0);
    ck_assert(set_ctrl(1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_config(1, 0, TI_SCI_R5_CFG_ATCM_EN | TI_SCI_R5_CFG_BTCM_EN |
                         TI_SCI_R5_CFG_TCM_RSTBASE, TI_SCI_R5_CFG_TEINIT));
    ck_assert(!qom_bool(CORE0, "running"));

    /* boot */
    get_status(1, &cfg);
    ck_assert_uint_eq(cfg & TI_SCI_R5_CFG_MEM_INIT_DIS, 0);
    ck_assert(set_dev(DEV0, TI_SCI_DEV_SW_STATE_ON, 0));
    local_reset(DEV0, false);
    ck_assert(!qom_bool(CORE0, "running"));                   /* HALT holds it */
    state = qt_qom_str(DMSC, "r5f0_0-state");
    ck_assert_str_eq(state, "on/on");
    ck_assert(set_config(1, 0x100, 0, 0));
    ck_assert(set_ctrl(1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert(qom_bool(CORE0, "running"));
    ck_assert_int_eq(qt_qom_int(CORE0, "boot-count"), 1);
    ck_assert_int_eq(qt_qom_int(DMSC, "r5f0_0-status"), get_status(1, NULL));

    /* stop: HALT alone does not stop it; the local reset does */
    ck_assert(set_ctrl(1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(qom_bool(CORE0, "running"));
    local_reset(DEV0, true);
    ck_assert(!qom_bool(CORE0, "running"));
    ck_assert(set_dev(DEV0, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    g_free(state);
    state = qt_qom_str(DMSC, "r5f0_0-state");
    ck_assert_str_eq(state, "auto-off/off reset");

    /* the cluster off forces the module off too */
    ck_assert(set_dev(DEV0, TI_SCI_DEV_SW_STATE_ON, 0));
    local_reset(DEV0, false);
    ck_assert(set_ctrl(1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert(qom_bool(CORE0, "running"));
    ck_assert(set_dev(CLUSTER, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    ck_assert(!qom_bool(CORE0, "running"));
    get_resets(DEV0, &current);
    ck_assert_uint_eq(current, TI_SCI_DEV_HW_STATE_OFF);

    /* remove */
    ck_assert(proc_msg(TI_SCI_MSG_PROC_RELEASE, 1));
    ck_assert_int_eq(qt_qom_int(DMSC, "r5f0_0-owner"), 255);
    ck_assert_int_eq(qt_qom_int(DMSC, "nacks"), 0);
}
END_TEST

/*
 * Migration through a file: the tables, the owners, an unread answer in
 * the rx FIFO, its interrupt and the debug text all survive.
 */
START_TEST(state_survives_migration)
{
    g_autofree char *dir = g_dir_make_tmp(NULL, NULL);
    g_autofree char *uri = g_strdup_printf("file:%s/snapshot", dir);
    g_autofree char *path = g_build_filename(dir, "snapshot", NULL);
    const char *const incoming[] = { "-incoming", "defer", NULL };
    uint8_t m[K3_SPROXY_MSG_SIZE], r[K3_SPROXY_MSG_SIZE];
    g_autofree char *state = NULL, *text_before = NULL, *text_after = NULL;
    uint32_t credits;
    int64_t requests;

    ck_assert(set_dev(CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert(proc_msg(TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert(set_ctrl(1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_config(1, 0x40, TI_SCI_R5_CFG_ATCM_EN, 0));
    ck_assert(set_dev(DEV0, TI_SCI_DEV_SW_STATE_ON, 0));
    local_reset(DEV0, true);
    ck_assert(!proc_msg(TI_SCI_MSG_PROC_REQUEST, 9));            /* a NACK in the text */
    req(m, TI_SCI_MSG_VERSION, HOST, ACK_REQ, NULL, 0);
    sp_send(m);                                                  /* its answer waits */
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 1);
    credits = COUNT(qt_rd(STATUS(TX)));
    requests = qt_qom_int(DMSC, "requests");
    text_before = debug_text();

    qt_save(uri);

    qt_start_machine(MACHINE, "qtest", NULL, incoming);
    intercept();
    qt_restore(uri);
    qt_qmp_do("cont", NULL, NULL);

    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 1);
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(TX))), credits);
    ck_assert_int_eq(qt_qom_int(DMSC, "requests"), requests);
    ck_assert_int_eq(qt_qom_int(DMSC, "nacks"), 1);
    ck_assert_int_eq(qt_qom_int(DMSC, "r5f0_0-owner"), HOST);
    state = qt_qom_str(DMSC, "r5f0_0-state");
    ck_assert_str_eq(state, "on/on reset");
    text_after = debug_text();
    ck_assert_str_eq(text_after, text_before);
    /* the waiting answer is the VERSION's */
    sp_recv(r);
    ck_assert_mem_eq(r, m, 4);
    ck_assert_str_eq((char *)r + TI_SCI_VERSION_DESC, "rprocsim DMSC");
    ck_assert_uint_eq(COUNT(qt_rd(STATUS(RX))), 0);
    ck_assert_int_eq(rp_qtest_irq(qt, 0), 0);
    /* the exclusive claim and the processor's state came along */
    ck_assert(!set_ctrl(2, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_config(1, 0x40, 0, 0));
    {
        uint32_t cfg;

        get_status(1, &cfg);
        ck_assert_uint_eq(cfg, TI_SCI_R5_CFG_ATCM_EN);
    }
    local_reset(DEV0, false);
    ck_assert(set_ctrl(1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert(qom_bool(CORE0, "running"));
    g_unlink(path);
    g_rmdir(dir);
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "proxy", version_round_trip },
        { "proxy", proxy_misuse },
        { "dmsc", nacks_for_bad_requests },
        { "dmsc", r5f_probe_boot_stop },
        { "migration", state_survives_migration },
    };

    return rp_suite_new("ti-sci", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .timeout_s = 120, .setup = start,
                                           .teardown = qt_stop });
}
