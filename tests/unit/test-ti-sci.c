/*
 * Unit tests: the DMSC's TI-SCI service (models/ti-sci.c) against the
 * messages drivers/firmware/ti_sci.c, ti_sci_pm_domains.c, reset-ti-sci.c
 * and ti_k3_r5_remoteproc.c (Linux 6.12) send: every message, every NACK,
 * and the exact sequence of the R5F driver's probe, boot, stop and remove,
 * with a stand-in core that runs while its module is on, its local reset
 * released and HALT clear.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "../tap-main.h"
#include "rprocsim/bytes.h"
#include "ti-sci.h"
#include "rprocsim/am64x-map.h"
#include "rprocsim/subsys.h"

#define HOST        AM64X_SIM_TISCI_HOST_A53
#define OTHER       35          /* another host, on a channel of its own */
#define CLUSTER     AM64X_SIM_SCI_DEV_R5FSS0
#define CORE0       121
#define CORE1       122
#define ACK_REQ     TI_SCI_FLAG_REQ_ACK_ON_PROCESSED

/* The stand-in core pair: what the service made of the SoC */
typedef struct Fake {
    GString *log;               /* each callback, "module 121 on; " ... */
    bool module[2], reset[2], halt[2];
    uint64_t bv[2];
    uint32_t status[2];
    unsigned sys_resets;
    unsigned logged;
    char last_reason[160];
} Fake;

static TiSciState st;
static Fake fk;
static uint8_t msg[TI_SCI_MAX_MSG_SIZE];
static uint8_t resp[TI_SCI_MAX_MSG_SIZE];
static TiSciReport rep;
static uint8_t seq;

static int core_of_dev(uint32_t dev)
{
    return dev == CORE0 ? 0 : dev == CORE1 ? 1 : -1;
}

static void fk_module(void *o, uint32_t dev, bool on)
{
    Fake *f = o;
    int c = core_of_dev(dev);

    g_string_append_printf(f->log, "module %u %s; ", dev, on ? "on" : "off");
    if (c >= 0) {
        f->module[c] = on;
    }
}

static void fk_reset(void *o, uint32_t dev, bool held)
{
    Fake *f = o;
    int c = core_of_dev(dev);

    g_string_append_printf(f->log, "reset %u %s; ", dev, held ? "held" : "released");
    if (c >= 0) {
        f->reset[c] = held;
    }
}

static void fk_halt(void *o, uint8_t proc, bool halt)
{
    Fake *f = o;

    g_string_append_printf(f->log, "halt %u %s; ", proc, halt ? "set" : "clear");
    if (proc == 1 || proc == 2) {
        f->halt[proc - 1] = halt;
    }
}

static void fk_bv(void *o, uint8_t proc, uint64_t addr)
{
    Fake *f = o;

    g_string_append_printf(f->log, "bv %u 0x%" G_GINT64_MODIFIER "x; ", proc, addr);
    if (proc == 1 || proc == 2) {
        f->bv[proc - 1] = addr;
    }
}

static uint32_t fk_status(void *o, uint8_t proc)
{
    Fake *f = o;

    return proc == 1 || proc == 2 ? f->status[proc - 1] : 0;
}

static void fk_sys_reset(void *o)
{
    ((Fake *)o)->sys_resets++;
}

static void fk_log(void *o, const char *reason)
{
    Fake *f = o;

    f->logged++;
    g_strlcpy(f->last_reason, reason, sizeof(f->last_reason));
}

static const TiSciOps ops = {
    .module = fk_module, .local_reset = fk_reset, .halt = fk_halt,
    .boot_vector = fk_bv, .status = fk_status, .sys_reset = fk_sys_reset,
    .log = fk_log,
};

static bool running(int c)
{
    return fk.module[c] && !fk.reset[c] && !fk.halt[c];
}

static void setup(void)
{
    memset(&fk, 0, sizeof(fk));
    fk.log = g_string_new(NULL);
    ck_assert(ti_sci_init_board(&st, HOST, &rprocsim_am64x_board, CLUSTER));
    seq = 0;
}

static void teardown(void)
{
    g_string_free(fk.log, TRUE);
}

/* A request header in msg (rest zeroed): @type from @host, the next seq */
static void hdr(uint16_t type, uint8_t host, uint32_t flags)
{
    memset(msg, 0, sizeof(msg));
    rp_put_le16(msg + TI_SCI_HDR_TYPE, type);
    msg[TI_SCI_HDR_HOST] = host;
    msg[TI_SCI_HDR_SEQ] = seq = (seq + 1) % TI_SCI_MAX_MSGS;
    rp_put_le32(msg + TI_SCI_HDR_FLAGS, flags);
}

/* Send msg's first @len bytes on @chan's channel; checks the echoed header */
static size_t send_on(uint8_t chan, size_t len)
{
    size_t n = ti_sci_handle(&st, &ops, &fk, chan, msg, len, resp, sizeof(resp), &rep);

    if (n) {
        ck_assert_uint_eq(rp_le16(resp + TI_SCI_HDR_TYPE), rp_le16(msg + TI_SCI_HDR_TYPE));
        ck_assert_uint_eq(resp[TI_SCI_HDR_HOST], msg[TI_SCI_HDR_HOST]);
        ck_assert_uint_eq(resp[TI_SCI_HDR_SEQ], msg[TI_SCI_HDR_SEQ]);
        ck_assert_uint_eq(rp_le32(resp + TI_SCI_HDR_FLAGS),
                          rep.ack ? TI_SCI_FLAG_RESP_ACK : 0);
    }
    return n;
}

/* Whether the response ACKs */
static bool acked(void)
{
    return rp_le32(resp + TI_SCI_HDR_FLAGS) & TI_SCI_FLAG_RESP_ACK;
}

/* As the kernel's helpers send them, from host @h on its own channel */
static bool set_dev(uint8_t h, uint32_t id, uint8_t state, uint32_t flags)
{
    hdr(TI_SCI_MSG_SET_DEVICE_STATE, h, flags | ACK_REQ);
    rp_put_le32(msg + TI_SCI_SET_DEV_ID, id);
    msg[TI_SCI_SET_DEV_STATE] = state;
    ck_assert_uint_eq(send_on(h, TI_SCI_SET_DEV_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    return acked();
}

typedef struct DevState {
    uint32_t clc, resets;
    uint8_t programmed, current;
} DevState;

static bool get_dev(uint8_t h, uint32_t id, DevState *ds)
{
    hdr(TI_SCI_MSG_GET_DEVICE_STATE, h, ACK_REQ);
    rp_put_le32(msg + TI_SCI_GET_DEV_ID, id);
    if (send_on(h, TI_SCI_GET_DEV_SIZE) != TI_SCI_GET_DEV_RESP_SIZE) {
        ck_assert(!acked());
        return false;
    }
    ds->clc = rp_le32(resp + TI_SCI_GET_DEV_CONTEXT_LOSS);
    ds->resets = rp_le32(resp + TI_SCI_GET_DEV_RESETS);
    ds->programmed = resp[TI_SCI_GET_DEV_PROGRAMMED];
    ds->current = resp[TI_SCI_GET_DEV_CURRENT];
    return acked();
}

static bool set_resets(uint8_t h, uint32_t id, uint32_t resets)
{
    hdr(TI_SCI_MSG_SET_DEVICE_RESETS, h, ACK_REQ);
    rp_put_le32(msg + TI_SCI_SET_RESETS_ID, id);
    rp_put_le32(msg + TI_SCI_SET_RESETS_RESETS, resets);
    ck_assert_uint_eq(send_on(h, TI_SCI_SET_RESETS_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    return acked();
}

static bool proc_msg(uint8_t h, uint16_t type, uint8_t proc)
{
    hdr(type, h, ACK_REQ);
    msg[TI_SCI_PROC_ID] = proc;
    ck_assert_uint_eq(send_on(h, TI_SCI_PROC_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    return acked();
}

static bool set_config(uint8_t h, uint8_t proc, uint64_t bv, uint32_t set, uint32_t clr)
{
    hdr(TI_SCI_MSG_SET_CONFIG, h, ACK_REQ);
    msg[TI_SCI_PROC_ID] = proc;
    rp_put_le32(msg + TI_SCI_SET_CONFIG_BV_LO, (uint32_t)bv);
    rp_put_le32(msg + TI_SCI_SET_CONFIG_BV_HI, (uint32_t)(bv >> 32));
    rp_put_le32(msg + TI_SCI_SET_CONFIG_SET, set);
    rp_put_le32(msg + TI_SCI_SET_CONFIG_CLR, clr);
    ck_assert_uint_eq(send_on(h, TI_SCI_SET_CONFIG_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    return acked();
}

static bool set_ctrl(uint8_t h, uint8_t proc, uint32_t set, uint32_t clr)
{
    hdr(TI_SCI_MSG_SET_CTRL, h, ACK_REQ);
    msg[TI_SCI_PROC_ID] = proc;
    rp_put_le32(msg + TI_SCI_SET_CTRL_SET, set);
    rp_put_le32(msg + TI_SCI_SET_CTRL_CLR, clr);
    ck_assert_uint_eq(send_on(h, TI_SCI_SET_CTRL_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    return acked();
}

typedef struct ProcStatus {
    uint64_t bv;
    uint32_t cfg, ctrl, status;
} ProcStatus;

static bool get_status(uint8_t h, uint8_t proc, ProcStatus *ps)
{
    hdr(TI_SCI_MSG_GET_STATUS, h, ACK_REQ);
    msg[TI_SCI_PROC_ID] = proc;
    if (send_on(h, TI_SCI_PROC_SIZE) != TI_SCI_STATUS_RESP_SIZE) {
        ck_assert(!acked());
        return false;
    }
    ck_assert_uint_eq(resp[TI_SCI_STATUS_PROC], proc);
    ps->bv = rp_le32(resp + TI_SCI_STATUS_BV_LO) |
             (uint64_t)rp_le32(resp + TI_SCI_STATUS_BV_HI) << 32;
    ps->cfg = rp_le32(resp + TI_SCI_STATUS_CFG);
    ps->ctrl = rp_le32(resp + TI_SCI_STATUS_CTRL);
    ps->status = rp_le32(resp + TI_SCI_STATUS_STATUS);
    return acked();
}

/* reset-ti-sci.c: read the resets, change the bit, write them back */
static void local_reset(uint32_t id, bool assert)
{
    DevState ds;

    ck_assert(get_dev(HOST, id, &ds));
    ck_assert(set_resets(HOST, id, assert ? ds.resets | 1 : ds.resets & ~1u));
}

START_TEST(board_tables)
{
    ck_assert_uint_eq(st.ndevices, 3);
    ck_assert_uint_eq(st.nprocs, 2);
    ck_assert_ptr_nonnull(ti_sci_device(&st, CLUSTER));
    ck_assert_uint_eq(ti_sci_device(&st, CORE0)->parent, 0);
    ck_assert_uint_eq(ti_sci_device(&st, CORE1)->parent, 0);
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->dev_id, CORE0);
    ck_assert_uint_eq(ti_sci_proc(&st, 2)->dev_id, CORE1);
    ck_assert_ptr_null(ti_sci_proc(&st, 3));
    ck_assert_ptr_null(ti_sci_device(&st, 120));
    ck_assert(ti_sci_valid(&st));
    /* the tables refuse duplicates, unknown parents and overflow */
    ck_assert(!ti_sci_add_device(&st, CORE0, TI_SCI_NO_PARENT));
    ck_assert(!ti_sci_add_device(&st, 200, 999));
    ck_assert(!ti_sci_add_proc(&st, 1, CORE0));
    ck_assert(!ti_sci_add_proc(&st, 7, 999));
    for (uint32_t id = 300; st.ndevices < TI_SCI_MAX_DEVICES; id++) {
        ck_assert(ti_sci_add_device(&st, id, TI_SCI_NO_PARENT));
    }
    ck_assert(!ti_sci_add_device(&st, 999, TI_SCI_NO_PARENT));
    for (uint8_t id = 10; st.nprocs < TI_SCI_MAX_PROCS; id++) {
        ck_assert(ti_sci_add_proc(&st, id, 300));
    }
    ck_assert(!ti_sci_add_proc(&st, 99, 300));
}
END_TEST

START_TEST(version_answer)
{
    hdr(TI_SCI_MSG_VERSION, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_VERSION_RESP_SIZE);
    ck_assert(acked());
    ck_assert_str_eq((char *)resp + TI_SCI_VERSION_DESC, TI_SCI_SIM_DESCRIPTION);
    ck_assert_uint_eq(rp_le16(resp + TI_SCI_VERSION_FW_REV), TI_SCI_SIM_FW_REV);
    ck_assert_uint_eq(resp[TI_SCI_VERSION_ABI_MAJOR], 3);
    ck_assert_uint_eq(resp[TI_SCI_VERSION_ABI_MINOR], TI_SCI_SIM_ABI_MINOR);
    /* zero past its length, within the 64 bytes of a k2g message */
    for (size_t i = TI_SCI_VERSION_RESP_SIZE; i < sizeof(resp); i++) {
        ck_assert_uint_eq(resp[i], 0);
    }
    ck_assert_str_eq(rep.name, "VERSION");
    ck_assert_uint_eq(st.count[TI_SCI_K_VERSION], 1);
    /* ACK_ON_RECEIVED also gets an answer */
    hdr(TI_SCI_MSG_VERSION, HOST, TI_SCI_FLAG_REQ_ACK_ON_RECEIVED);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_VERSION_RESP_SIZE);
}
END_TEST

START_TEST(fw_caps_and_sys_reset)
{
    hdr(TI_SCI_MSG_QUERY_FW_CAPS, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_FW_CAPS_RESP_SIZE);
    ck_assert(acked());
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_FW_CAPS), TI_SCI_FW_CAPS_GENERIC);
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_FW_CAPS + 4), 0);

    hdr(TI_SCI_MSG_SYS_RESET, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(acked());
    ck_assert_uint_eq(fk.sys_resets, 1);
    ck_assert_uint_eq(st.count[TI_SCI_K_SYS_RESET], 1);
}
END_TEST

START_TEST(device_power_follows_the_cluster)
{
    DevState ds;

    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.programmed, TI_SCI_DEV_SW_STATE_AUTO_OFF);
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);
    ck_assert_uint_eq(ds.resets, 0);          /* POR: local reset released */
    ck_assert_uint_eq(ds.clc, 0);

    /* a core programmed on inside an unpowered cluster stays off */
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.programmed, TI_SCI_DEV_SW_STATE_ON);
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);
    ck_assert_str_eq(fk.log->str, "");

    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert_str_eq(fk.log->str, "module 119 on; module 121 on; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_ON);
    ck_assert(get_dev(HOST, CORE1, &ds));
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);

    /* the cluster off forces the core off: context lost, programmed state kept */
    g_string_truncate(fk.log, 0);
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    ck_assert_str_eq(fk.log->str, "module 119 off; module 121 off; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.programmed, TI_SCI_DEV_SW_STATE_ON);
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);
    ck_assert_uint_eq(ds.clc, 1);
    ck_assert(get_dev(HOST, CLUSTER, &ds));
    ck_assert_uint_eq(ds.clc, 1);

    /* back on; RETENTION counts as off for the module */
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert(fk.module[0]);
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_RETENTION, 0));
    ck_assert(!fk.module[0]);
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.programmed, TI_SCI_DEV_SW_STATE_RETENTION);
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);
    ck_assert_uint_eq(ds.clc, 2);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_DEVICE_STATE], 5);
    ck_assert(ti_sci_valid(&st));
}
END_TEST

START_TEST(device_exclusive_owner)
{
    DevState ds;

    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert_uint_eq(ti_sci_device(&st, CLUSTER)->owner, HOST);
    ck_assert(ti_sci_device(&st, CLUSTER)->exclusive);
    /* another host can look, not touch */
    ck_assert(!set_dev(OTHER, CLUSTER, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert_str_eq(rep.reason, "device 119 is held exclusively by host 12");
    ck_assert_uint_eq(fk.logged, 1);
    ck_assert(!set_dev(OTHER, CLUSTER, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    ck_assert(!set_resets(OTHER, CLUSTER, 1));
    ck_assert(get_dev(OTHER, CLUSTER, &ds));
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_ON);
    /* the owner may set it again, the claim stays */
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert(ti_sci_device(&st, CLUSTER)->exclusive);
    /* released, it can be claimed by the other */
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    ck_assert(!ti_sci_device(&st, CLUSTER)->exclusive);
    ck_assert(set_dev(OTHER, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert(!set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));

    /* no exclusive claim on a device another host has on */
    ck_assert(set_dev(OTHER, CORE1, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert(!set_dev(HOST, CORE1, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert_str_eq(rep.reason,
                     "device 122 is already on for host 35: no exclusive claim");
    /* but a shared one is fine */
    ck_assert(set_dev(HOST, CORE1, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert_uint_eq(st.nacks, 5);
}
END_TEST

START_TEST(device_resets)
{
    DevState ds;

    ck_assert(set_resets(HOST, CORE0, 1));
    ck_assert_str_eq(fk.log->str, "reset 121 held; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.resets, 1);
    /* only bit 0 has an effect; the others are kept */
    ck_assert(set_resets(HOST, CORE0, 3));
    ck_assert_str_eq(fk.log->str, "reset 121 held; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.resets, 3);
    ck_assert(set_resets(HOST, CORE0, 2));
    ck_assert_str_eq(fk.log->str, "reset 121 held; reset 121 released; ");
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_DEVICE_RESETS], 3);
}
END_TEST

START_TEST(proc_ownership)
{
    ProcStatus ps;

    /* control needs ownership */
    ck_assert(!set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert_str_eq(rep.reason, "processor 1 is owned by host 255, not by host 12");
    ck_assert(!set_config(HOST, 1, 0, 0, 0));
    ck_assert(!proc_msg(HOST, TI_SCI_MSG_PROC_RELEASE, 1));
    /* status does not */
    ck_assert(get_status(OTHER, 1, &ps));

    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));     /* again: still ours */
    ck_assert(!proc_msg(OTHER, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert_str_eq(rep.reason, "processor 1 is owned by host 12");
    ck_assert(!set_ctrl(OTHER, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(!proc_msg(OTHER, TI_SCI_MSG_PROC_RELEASE, 1));
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));

    /* handover to the other host */
    hdr(TI_SCI_MSG_PROC_HANDOVER, HOST, ACK_REQ);
    msg[TI_SCI_PROC_ID] = 1;
    msg[TI_SCI_PROC_HANDOVER_HOST] = OTHER;
    ck_assert_uint_eq(send_on(HOST, TI_SCI_PROC_HANDOVER_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(acked());
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->owner, OTHER);
    ck_assert(!set_ctrl(HOST, 1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    /* not ours any more: no handover back */
    hdr(TI_SCI_MSG_PROC_HANDOVER, HOST, ACK_REQ);
    msg[TI_SCI_PROC_ID] = 1;
    msg[TI_SCI_PROC_HANDOVER_HOST] = HOST;
    send_on(HOST, TI_SCI_PROC_HANDOVER_SIZE);
    ck_assert(!acked());
    /* nor to no host */
    hdr(TI_SCI_MSG_PROC_HANDOVER, OTHER, ACK_REQ);
    msg[TI_SCI_PROC_ID] = 1;
    msg[TI_SCI_PROC_HANDOVER_HOST] = TI_SCI_NO_HOST;
    send_on(OTHER, TI_SCI_PROC_HANDOVER_SIZE);
    ck_assert(!acked());
    ck_assert(proc_msg(OTHER, TI_SCI_MSG_PROC_RELEASE, 1));
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->owner, TI_SCI_NO_HOST);
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert_uint_eq(st.count[TI_SCI_K_PROC_HANDOVER], 3);
}
END_TEST

START_TEST(proc_config_ctrl_status)
{
    ProcStatus ps;

    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 2));
    ck_assert(set_config(HOST, 1, 0x123456789ull,
                         TI_SCI_R5_CFG_ATCM_EN | TI_SCI_R5_CFG_BTCM_EN, 0));
    ck_assert_uint_eq(fk.bv[0], 0x123456789ull);
    ck_assert(set_config(HOST, 1, 0x1000, TI_SCI_R5_CFG_TCM_RSTBASE, TI_SCI_R5_CFG_BTCM_EN));
    fk.status[0] = TI_SCI_R5_STATUS_WFI;
    ck_assert(get_status(HOST, 1, &ps));
    ck_assert_uint_eq(ps.bv, 0x1000);
    ck_assert_uint_eq(ps.cfg, TI_SCI_R5_CFG_ATCM_EN | TI_SCI_R5_CFG_TCM_RSTBASE);
    ck_assert_uint_eq(ps.ctrl, 0);
    ck_assert_uint_eq(ps.status, TI_SCI_R5_STATUS_WFI);

    /* undefined flags, lockstep, single-core on core 1 */
    ck_assert(!set_config(HOST, 1, 0, 0x10000, 0));
    ck_assert_str_eq(rep.reason, "processor 1: config flags 0x10000 are not defined");
    ck_assert(!set_config(HOST, 1, 0, 0, 0x4));
    ck_assert(!set_config(HOST, 1, 0, TI_SCI_R5_CFG_LOCKSTEP, 0));
    ck_assert_str_eq(rep.reason, "processor 1: lockstep is not permitted");
    ck_assert(set_config(HOST, 1, 0x1000, 0, TI_SCI_R5_CFG_LOCKSTEP));
    ck_assert(!set_config(HOST, 2, 0, TI_SCI_R5_CFG_SINGLE_CORE, 0));
    ck_assert(set_config(HOST, 1, 0x1000, TI_SCI_R5_CFG_SINGLE_CORE, 0));
    ck_assert(set_config(HOST, 1, 0x1000, 0, TI_SCI_R5_CFG_SINGLE_CORE));
    ck_assert_uint_eq(ti_sci_proc(&st, 2)->cfg, 0);

    /* HALT: the owner hears of changes only */
    g_string_truncate(fk.log, 0);
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_ctrl(HOST, 1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert_str_eq(fk.log->str, "halt 1 set; halt 1 clear; ");
    ck_assert(!set_ctrl(HOST, 1, 0x2, 0));
    ck_assert_str_eq(rep.reason, "processor 1: control flags 0x2 are not defined");
    ck_assert(!set_ctrl(HOST, 1, 0, 0x80000000u));
    ck_assert(set_ctrl(HOST, 2, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(get_status(HOST, 2, &ps));
    ck_assert_uint_eq(ps.ctrl, TI_SCI_R5_CTRL_CORE_HALT);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_CONFIG], 9);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_CTRL], 6);
    ck_assert_uint_eq(st.count[TI_SCI_K_GET_STATUS], 2);
    ck_assert(ti_sci_valid(&st));
}
END_TEST

START_TEST(clock_messages)
{
    /* SET_CLOCK_STATE */
    hdr(TI_SCI_MSG_SET_CLOCK_STATE, HOST, ACK_REQ);
    rp_put_le32(msg + TI_SCI_CLK_DEV_ID, CORE0);
    msg[TI_SCI_SET_CLK_STATE_REQ] = 2;
    ck_assert_uint_eq(send_on(HOST, TI_SCI_SET_CLK_STATE_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(acked());
    ck_assert_uint_eq(rep.id, CORE0);
    msg[TI_SCI_SET_CLK_STATE_REQ] = 3;
    send_on(HOST, TI_SCI_SET_CLK_STATE_SIZE);
    ck_assert(!acked());

    /* GET_CLOCK_STATE */
    hdr(TI_SCI_MSG_GET_CLOCK_STATE, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_GET_CLK_SIZE), TI_SCI_CLK_STATE_RESP_SIZE);
    ck_assert(acked());
    ck_assert_uint_eq(resp[TI_SCI_CLK_STATE_PROGRAMMED], TI_SCI_CLK_SW_STATE_AUTO);
    ck_assert_uint_eq(resp[TI_SCI_CLK_STATE_CURRENT], TI_SCI_CLK_HW_STATE_READY);

    /* SET_CLOCK_PARENT, GET_CLOCK_PARENT (8-bit and 32-bit ids), GET_NUM_CLOCK_PARENTS */
    hdr(TI_SCI_MSG_SET_CLOCK_PARENT, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_SET_CLK_PARENT_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(acked());
    hdr(TI_SCI_MSG_GET_CLOCK_PARENT, HOST, ACK_REQ);
    msg[TI_SCI_CLK_ID] = 4;
    ck_assert_uint_eq(send_on(HOST, TI_SCI_GET_CLK_SIZE), TI_SCI_CLK_PARENT_RESP_SIZE);
    ck_assert_uint_eq(resp[TI_SCI_CLK_PARENT_RESP], 5);
    msg[TI_SCI_CLK_ID] = TI_SCI_CLK_ID_EXTENDED;
    rp_put_le32(msg + TI_SCI_GET_CLK_ID32, 300);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_GET_CLK_SIZE), TI_SCI_CLK_PARENT_RESP_SIZE);
    ck_assert_uint_eq(resp[TI_SCI_CLK_PARENT_RESP], TI_SCI_CLK_ID_EXTENDED);
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_CLK_PARENT_RESP_ID32), 301);
    hdr(TI_SCI_MSG_GET_NUM_CLOCK_PARENTS, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_GET_CLK_SIZE), TI_SCI_CLK_PARENT_RESP_SIZE);
    ck_assert_uint_eq(resp[TI_SCI_CLK_PARENT_RESP], 1);

    /* frequencies: the default, a query, a set then a get */
    hdr(TI_SCI_MSG_GET_CLOCK_FREQ, HOST, ACK_REQ);
    rp_put_le32(msg + TI_SCI_CLK_DEV_ID, CORE0);
    msg[TI_SCI_CLK_ID] = 0;
    ck_assert_uint_eq(send_on(HOST, TI_SCI_GET_CLK_SIZE), TI_SCI_CLK_FREQ_RESP_SIZE);
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_CLK_FREQ_RESP), (uint32_t)TI_SCI_SIM_CLOCK_HZ);
    for (int q = 0; q < 2; q++) {
        hdr(q ? TI_SCI_MSG_SET_CLOCK_FREQ : TI_SCI_MSG_QUERY_CLOCK_FREQ, HOST, ACK_REQ);
        rp_put_le32(msg + TI_SCI_CLK_DEV_ID, CORE0);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_MIN, 100000000);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_TARGET, 800000000);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_MAX, 400000000);
        send_on(HOST, TI_SCI_CLK_FREQ_SIZE);
        ck_assert(acked());
        if (!q) {
            ck_assert_uint_eq(rp_le32(resp + TI_SCI_CLK_FREQ_RESP), 400000000);   /* clamped */
        }
    }
    hdr(TI_SCI_MSG_GET_CLOCK_FREQ, HOST, ACK_REQ);
    rp_put_le32(msg + TI_SCI_CLK_DEV_ID, CORE0);
    send_on(HOST, TI_SCI_GET_CLK_SIZE);
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_CLK_FREQ_RESP), 400000000);
    ck_assert_uint_eq(rp_le32(resp + TI_SCI_CLK_FREQ_RESP + 4), 0);
    /* min above max: nothing to pick */
    hdr(TI_SCI_MSG_SET_CLOCK_FREQ, HOST, ACK_REQ);
    rp_put_le32(msg + TI_SCI_CLK_FREQ_MIN, 5);
    rp_put_le32(msg + TI_SCI_CLK_FREQ_TARGET, 5);
    rp_put_le32(msg + TI_SCI_CLK_FREQ_MAX, 4);
    send_on(HOST, TI_SCI_CLK_FREQ_SIZE);
    ck_assert(!acked());
    /* more clocks than slots: the oldest is forgotten, none overflows */
    for (uint32_t i = 0; i < 3 * TI_SCI_CLOCK_SLOTS; i++) {
        hdr(TI_SCI_MSG_SET_CLOCK_FREQ, HOST, ACK_REQ);
        rp_put_le32(msg + TI_SCI_CLK_DEV_ID, 1000 + i);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_MIN, 1);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_TARGET, 1000 + i);
        rp_put_le32(msg + TI_SCI_CLK_FREQ_MAX, 1u << 31);
        send_on(HOST, TI_SCI_CLK_FREQ_SIZE);
        ck_assert(acked());
    }
    ck_assert(ti_sci_valid(&st));
    ck_assert_uint_eq(st.count[TI_SCI_K_CLOCK], 12 + 3 * TI_SCI_CLOCK_SLOTS);
}
END_TEST

/* Each type's layout: one byte less is a NACK, with no effect */
START_TEST(short_messages_nacked)
{
    static const struct {
        uint16_t type;
        size_t size;
    } t[] = {
        { TI_SCI_MSG_SET_DEVICE_STATE, TI_SCI_SET_DEV_SIZE },
        { TI_SCI_MSG_GET_DEVICE_STATE, TI_SCI_GET_DEV_SIZE },
        { TI_SCI_MSG_SET_DEVICE_RESETS, TI_SCI_SET_RESETS_SIZE },
        { TI_SCI_MSG_PROC_REQUEST, TI_SCI_PROC_SIZE },
        { TI_SCI_MSG_PROC_RELEASE, TI_SCI_PROC_SIZE },
        { TI_SCI_MSG_PROC_HANDOVER, TI_SCI_PROC_HANDOVER_SIZE },
        { TI_SCI_MSG_SET_CONFIG, TI_SCI_SET_CONFIG_SIZE },
        { TI_SCI_MSG_SET_CTRL, TI_SCI_SET_CTRL_SIZE },
        { TI_SCI_MSG_GET_STATUS, TI_SCI_PROC_SIZE },
        { TI_SCI_MSG_SET_CLOCK_STATE, TI_SCI_SET_CLK_STATE_SIZE },
        { TI_SCI_MSG_GET_CLOCK_STATE, TI_SCI_GET_CLK_SIZE },
        { TI_SCI_MSG_SET_CLOCK_PARENT, TI_SCI_SET_CLK_PARENT_SIZE },
        { TI_SCI_MSG_GET_CLOCK_PARENT, TI_SCI_GET_CLK_SIZE },
        { TI_SCI_MSG_GET_NUM_CLOCK_PARENTS, TI_SCI_GET_CLK_SIZE },
        { TI_SCI_MSG_SET_CLOCK_FREQ, TI_SCI_CLK_FREQ_SIZE },
        { TI_SCI_MSG_QUERY_CLOCK_FREQ, TI_SCI_CLK_FREQ_SIZE },
        { TI_SCI_MSG_GET_CLOCK_FREQ, TI_SCI_GET_CLK_SIZE },
    };

    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
        hdr(t[i].type, HOST, ACK_REQ | TI_SCI_FLAG_DEVICE_EXCLUSIVE);
        rp_put_le32(msg + 8, t[i].type == TI_SCI_MSG_SET_CONFIG ? 1 : CORE0);
        msg[TI_SCI_SET_DEV_STATE] = TI_SCI_DEV_SW_STATE_ON;
        msg[TI_SCI_PROC_HANDOVER_HOST] = OTHER;
        ck_assert_uint_eq(send_on(HOST, t[i].size - 1), TI_SCI_GENERIC_RESP_SIZE);
        ck_assert_msg(!acked(), "type 0x%04x", t[i].type);
        ck_assert(g_str_has_suffix(rep.reason, "its layout has") ||
                  strstr(rep.reason, "its layout has"));
    }
    ck_assert_uint_eq(st.nacks, G_N_ELEMENTS(t));
    ck_assert_uint_eq(fk.logged, G_N_ELEMENTS(t));
    ck_assert_str_eq(fk.log->str, "");
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->owner, HOST);
    ck_assert_uint_eq(ti_sci_device(&st, CORE0)->programmed, TI_SCI_DEV_SW_STATE_AUTO_OFF);
}
END_TEST

START_TEST(bad_requests_nacked)
{
    DevState ds;
    ProcStatus ps;
    uint8_t small[16];

    /* unknown type (a real TI-SCI one the simulator does not serve) */
    hdr(0x0004 /* GOODBYE */, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_MAX_MSG_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(!acked());
    ck_assert_str_eq(rep.name, "unknown");
    ck_assert_str_eq(rep.reason, "message type 0x0004 is not simulated");
    ck_assert_str_eq(fk.last_reason, rep.reason);
    ck_assert_uint_eq(st.count[TI_SCI_K_UNKNOWN], 1);

    /* header host not the channel's */
    hdr(TI_SCI_MSG_VERSION, OTHER, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_GENERIC_RESP_SIZE);
    ck_assert(!acked());
    ck_assert_uint_eq(resp[TI_SCI_HDR_HOST], OTHER);
    ck_assert_str_eq(rep.reason, "VERSION from host 35 on the channel of host 12");

    /* unknown devices and processors */
    ck_assert(!set_dev(HOST, 120, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert_str_eq(rep.reason, "device 120 is not simulated");
    ck_assert_uint_eq(rep.id, 120);
    ck_assert(!get_dev(HOST, 0xffffffffu, &ds));
    ck_assert(!set_resets(HOST, 7, 1));
    ck_assert(!proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 3));
    ck_assert_str_eq(rep.reason, "processor 3 is not simulated");
    ck_assert(!proc_msg(HOST, TI_SCI_MSG_PROC_RELEASE, 0));
    ck_assert(!set_config(HOST, 0xff, 0, 0, 0));
    ck_assert(!set_ctrl(HOST, 9, 0, 0));
    ck_assert(!get_status(HOST, 4, &ps));

    /* a bad state */
    ck_assert(!set_dev(HOST, CORE0, 3, 0));
    ck_assert_str_eq(rep.reason, "state 3 of device 121 is not a software state");

    /* no header: nothing to answer, still counted and logged */
    ck_assert_uint_eq(ti_sci_handle(&st, &ops, &fk, HOST, msg, 7, resp, sizeof(resp), &rep), 0);
    ck_assert_str_eq(rep.reason, "message of 7 bytes has no header");
    ck_assert_uint_eq(ti_sci_handle(&st, &ops, &fk, HOST, NULL, 0, resp, sizeof(resp), NULL),
                      0);
    /* the caller's buffer too small: nothing written */
    hdr(TI_SCI_MSG_VERSION, HOST, ACK_REQ);
    memset(small, 0xaa, sizeof(small));
    ck_assert_uint_eq(ti_sci_handle(&st, &ops, &fk, HOST, msg, 8, small, sizeof(small), &rep),
                      0);
    ck_assert_uint_eq(small[0], 0xaa);
    ck_assert_uint_eq(st.nacks, 14);
    ck_assert_uint_eq(fk.logged, 14);
    ck_assert_str_eq(fk.log->str, "");
}
END_TEST

/* Without an ACK flag the request is carried out and not answered */
START_TEST(no_ack_requested)
{
    hdr(TI_SCI_MSG_SET_DEVICE_STATE, HOST, 0);
    rp_put_le32(msg + TI_SCI_SET_DEV_ID, CLUSTER);
    msg[TI_SCI_SET_DEV_STATE] = TI_SCI_DEV_SW_STATE_ON;
    ck_assert_uint_eq(send_on(HOST, TI_SCI_SET_DEV_SIZE), 0);
    ck_assert(rep.ack);
    ck_assert_uint_eq(rep.resp_len, 0);
    ck_assert_str_eq(fk.log->str, "module 119 on; ");
    for (size_t i = 0; i < sizeof(resp); i++) {
        ck_assert_uint_eq(resp[i], 0);
    }
    hdr(0x7777, HOST, 0);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_MAX_MSG_SIZE), 0);
    ck_assert(!rep.ack);
    ck_assert_uint_eq(fk.logged, 1);
}
END_TEST

/*
 * The 6.12 driver's calls in order (ti-k3.md §3): ti_sci probe, the
 * cluster's genpd, k3_r5_core_of_init, configure_mode, configure; then
 * prepare + start; stop + unprepare; remove.
 */
START_TEST(r5f_driver_sequence)
{
    DevState ds;
    ProcStatus ps;

    /* probe */
    hdr(TI_SCI_MSG_VERSION, HOST, ACK_REQ);
    ck_assert_uint_eq(send_on(HOST, TI_SCI_HDR_SIZE), TI_SCI_VERSION_RESP_SIZE);
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert(get_dev(HOST, CORE0, &ds));               /* is_on */
    ck_assert_uint_eq(ds.programmed == TI_SCI_DEV_SW_STATE_ON, false);
    ck_assert_uint_eq(ds.current == TI_SCI_DEV_HW_STATE_ON, false);
    ck_assert(get_dev(HOST, CORE0, &ds));               /* reset status */
    ck_assert_uint_eq(ds.resets & 1, 0);
    ck_assert(get_status(HOST, 1, &ps));
    /* remoteproc mode: module off; no single-core, no lockstep */
    ck_assert_uint_eq(ps.cfg & (TI_SCI_R5_CFG_SINGLE_CORE | TI_SCI_R5_CFG_LOCKSTEP), 0);
    ck_assert(get_status(HOST, 1, &ps));               /* k3_r5_rproc_configure */
    ck_assert_uint_eq(ps.status & (TI_SCI_R5_STATUS_SINGLECORE_ONLY |
                                   TI_SCI_R5_STATUS_LOCKSTEP_PERMITTED), 0);
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ck_assert(set_config(HOST, 1, 0, TI_SCI_R5_CFG_ATCM_EN | TI_SCI_R5_CFG_BTCM_EN |
                         TI_SCI_R5_CFG_TCM_RSTBASE, TI_SCI_R5_CFG_TEINIT));
    ck_assert_str_eq(fk.log->str, "module 119 on; halt 1 set; bv 1 0x0; ");
    ck_assert(!running(0));

    /* boot: prepare */
    g_string_truncate(fk.log, 0);
    ck_assert(get_status(HOST, 1, &ps));
    ck_assert_uint_eq(ps.cfg & TI_SCI_R5_CFG_MEM_INIT_DIS, 0);  /* TCM autoinit: no memset */
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_ON, 0));  /* get_device */
    ck_assert(!running(0));                                     /* still halted */
    local_reset(CORE0, false);
    ck_assert(!running(0));
    /* start */
    ck_assert(set_config(HOST, 1, 0x100, 0, 0));
    ck_assert(set_ctrl(HOST, 1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert(running(0));
    ck_assert_uint_eq(fk.bv[0], 0x100);
    ck_assert_str_eq(fk.log->str, "module 121 on; bv 1 0x100; halt 1 clear; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_ON);
    fk.status[0] = TI_SCI_R5_STATUS_WFI;
    ck_assert(get_status(HOST, 1, &ps));
    ck_assert_uint_eq(ps.status, TI_SCI_R5_STATUS_WFI);
    ck_assert_uint_eq(ps.cfg, TI_SCI_R5_CFG_ATCM_EN | TI_SCI_R5_CFG_BTCM_EN |
                              TI_SCI_R5_CFG_TCM_RSTBASE);
    ck_assert_uint_eq(ps.ctrl, 0);

    /* stop, unprepare */
    g_string_truncate(fk.log, 0);
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    local_reset(CORE0, true);
    ck_assert(!running(0));
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));  /* put_device */
    ck_assert_str_eq(fk.log->str, "halt 1 set; reset 121 held; module 121 off; ");
    ck_assert(get_dev(HOST, CORE0, &ds));
    ck_assert_uint_eq(ds.current, TI_SCI_DEV_HW_STATE_OFF);
    ck_assert_uint_eq(ds.resets, 1);
    ck_assert_uint_eq(ds.clc, 1);

    /* a second boot works the same way */
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_ON, 0));
    local_reset(CORE0, false);
    ck_assert(set_config(HOST, 1, 0x200, 0, 0));
    ck_assert(set_ctrl(HOST, 1, 0, TI_SCI_R5_CTRL_CORE_HALT));
    ck_assert(running(0));
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    local_reset(CORE0, true);
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));

    /* remove */
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_RELEASE, 1));
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_AUTO_OFF, 0));
    ck_assert_uint_eq(st.nacks, 0);
    ck_assert_uint_eq(fk.logged, 0);
    ck_assert_uint_eq(st.count[TI_SCI_K_VERSION], 1);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_DEVICE_STATE], 6);
    ck_assert_uint_eq(st.count[TI_SCI_K_GET_DEVICE_STATE], 8);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_DEVICE_RESETS], 4);
    ck_assert_uint_eq(st.count[TI_SCI_K_GET_STATUS], 4);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_CTRL], 5);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_CONFIG], 3);
    ck_assert_uint_eq(st.count[TI_SCI_K_PROC_REQUEST], 1);
    ck_assert_uint_eq(st.count[TI_SCI_K_PROC_RELEASE], 1);
    ck_assert(ti_sci_valid(&st));
}
END_TEST

START_TEST(reset_and_valid)
{
    ck_assert(set_dev(HOST, CLUSTER, TI_SCI_DEV_SW_STATE_ON, TI_SCI_FLAG_DEVICE_EXCLUSIVE));
    ck_assert(set_dev(HOST, CORE0, TI_SCI_DEV_SW_STATE_ON, 0));
    ck_assert(proc_msg(HOST, TI_SCI_MSG_PROC_REQUEST, 1));
    ck_assert(set_ctrl(HOST, 1, TI_SCI_R5_CTRL_CORE_HALT, 0));
    ti_sci_reset(&st);
    ck_assert_uint_eq(st.ndevices, 3);
    ck_assert(!ti_sci_device(&st, CORE0)->powered);
    ck_assert_uint_eq(ti_sci_device(&st, CLUSTER)->owner, TI_SCI_NO_HOST);
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->owner, TI_SCI_NO_HOST);
    ck_assert_uint_eq(ti_sci_proc(&st, 1)->ctrl, 0);
    ck_assert_uint_eq(st.count[TI_SCI_K_SET_DEVICE_STATE], 0);
    ck_assert(ti_sci_valid(&st));

    /* what a migration stream must not carry */
    st.dev[1].programmed = 7;
    ck_assert(!ti_sci_valid(&st));
    st.dev[1].programmed = TI_SCI_DEV_SW_STATE_ON;
    ck_assert(ti_sci_valid(&st));                   /* on inside an unpowered cluster */
    st.dev[1].powered = true;
    ck_assert(!ti_sci_valid(&st));                  /* powered, but the cluster is off */
    st.dev[0].programmed = TI_SCI_DEV_SW_STATE_ON;
    st.dev[0].powered = true;
    st.dev[1].powered = true;
    ck_assert(ti_sci_valid(&st));
    st.dev[1].exclusive = true;
    ck_assert(!ti_sci_valid(&st));                  /* exclusive without an owner */
    st.dev[1].exclusive = false;
    st.proc[0].ctrl = 2;
    ck_assert(!ti_sci_valid(&st));
    st.proc[0].ctrl = 0;
    st.clock_next = TI_SCI_CLOCK_SLOTS;
    ck_assert(!ti_sci_valid(&st));
    st.clock_next = 0;
    ck_assert_str_eq(ti_sci_kind_name(TI_SCI_K_SET_CONFIG), "SET_CONFIG");
    ck_assert_str_eq(ti_sci_kind_name(TI_SCI_KINDS), "unknown");
}
END_TEST

Suite *rp_test_suite(void)
{
    const RpTest tests[] = {
        { "tables", board_tables },
        { "tables", reset_and_valid },
        { "generic", version_answer },
        { "generic", fw_caps_and_sys_reset },
        { "devices", device_power_follows_the_cluster },
        { "devices", device_exclusive_owner },
        { "devices", device_resets },
        { "procs", proc_ownership },
        { "procs", proc_config_ctrl_status },
        { "clocks", clock_messages },
        { "nack", short_messages_nacked },
        { "nack", bad_requests_nacked },
        { "nack", no_ack_requested },
        { "driver", r5f_driver_sequence },
    };

    return rp_suite_new("ti-sci", tests, G_N_ELEMENTS(tests),
                        &(RpSuiteOptions){ .setup = setup, .teardown = teardown });
}
