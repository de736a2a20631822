/*
 * rprocsim firmware stubs: the communication contexts of a subsystem, as
 * Linux's sub-devices see them (drivers/remoteproc/qcom_common.c glink
 * and sysmon sub-devices): the GLINK edge over SMEM, a QRTR node on its
 * "IPCRTR" channel and, on that node, the SSCTL service that Linux's
 * sysmon shuts the subsystem down with and tells about its peers.
 *
 * The QRTR node id is the subsystem's SMEM host (the glink-edge's
 * qcom,remote-pid), the SSCTL instance (ssctl_id << 8) | 2 with the id the
 * Q6SS block gives. Faults: ssctl-no-response, ssctl-reject (the shutdown
 * request), glink-no-intents (no receive intents for Linux), qrtr-silent
 * (no NEW_SERVER). See docs/ipc.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fw.h"
#include "regs.h"
#include "../lib/glink.h"
#include "../lib/qrtr.h"
#include "../lib/ssctl.h"
#include "../lib/text.h"

#define SSCTL_PORT      1               /* our server's QRTR port */
#define ANSWER_MAX      64

static struct rp_glink glink;
static struct rp_qrtr qrtr;
static struct rp_glink_channel *ipcrtr;
static int started;

static void log_line(void *ctx, const char *msg)
{
    fw_puts(fw_name());
    fw_puts(": ");
    fw_puts(msg);
    fw_puts("\n");
}

static void glink_kick(void *ctx)
{
    writel(IPCC_FRAME + IPCC_REG_SEND_ID,
           IPCC_CLIENT_APSS << IPCC_CLIENT_SHIFT | IPCC_SIGNAL_GLINK_QMP);
}

static void channel_up(void *ctx, struct rp_glink_channel *ch)
{
    if (ch == ipcrtr) {
        rp_qrtr_link_up(&qrtr);
    }
}

static void channel_down(void *ctx, struct rp_glink_channel *ch)
{
    if (ch == ipcrtr) {
        rp_qrtr_link_down(&qrtr);
    }
}

static void channel_rx(void *ctx, struct rp_glink_channel *ch, const uint8_t *data,
                       uint32_t len)
{
    if (ch == ipcrtr) {
        rp_qrtr_receive(&qrtr, data, len);
    }
}

static const struct rp_glink_ops glink_ops = {
    .kick = glink_kick,
    .log = log_line,
    .up = channel_up,
    .down = channel_down,
    .rx = channel_rx,
};

static int qrtr_send(void *ctx, const uint8_t *pkt, uint32_t len)
{
    return ipcrtr ? rp_glink_send(&glink, ipcrtr, pkt, len) : RP_EINVAL;
}

/* A peer's SSR event, as sysmon tells it: on the UART and in the Q6SS block's log */
static void peer_event(const struct rp_ssctl_event *ev)
{
    const uint32_t *w = (const uint32_t *)ev->name;

    fw_puts(fw_name());
    fw_puts(": ssr event: ");
    fw_puts(ev->name);
    fw_puts(" ");
    fw_puts(rp_ssctl_event_name(ev->event));
    fw_puts("\n");
    for (uint32_t i = 0; i < Q6SS_SSR_NAME_LEN / 4; i++) {
        writel(Q6SS_BASE + Q6SS_REG_SSR_NAME + 4 * i, w[i]);
    }
    writel(Q6SS_BASE + Q6SS_REG_SSR_EVENT,
           (ev->event & 0xff) << Q6SS_SSR_EVENT_TYPE_SHIFT |
           (ev->driven & 0xff) << Q6SS_SSR_EVENT_DRIVEN_SHIFT);
}

/*
 * Linux's sysmon asks to shut down: answer (or not, or refuse, as the
 * fault says); on a yes withdraw the services, say BYE and raise
 * shutdown-ack. Returns 1 if an answer is to be sent.
 */
static int shutdown_request(int *reject)
{
    uint32_t fault = fw_fault_now();

    fw_puts(fw_name());
    if (fault == Q6SS_FAULT_SSCTL_NO_RESPONSE) {
        fw_puts(": ssctl shutdown requested, not answering\n");
        return 0;
    }
    if (fault == Q6SS_FAULT_SSCTL_REJECT) {
        fw_puts(": ssctl shutdown requested, rejected\n");
        *reject = 1;
        return 1;
    }
    fw_puts(": ssctl shutdown requested, acknowledged\n");
    return 1;
}

static void ssctl_rx(struct rp_qrtr *q, const struct rp_qrtr_hdr *h, const uint8_t *data,
                     uint32_t len, void *ctx)
{
    struct rp_qmi_msg msg;
    struct rp_ssctl_event ev;
    enum rp_ssctl_kind kind = rp_ssctl_decode(data, len, &msg, &ev);
    uint8_t answer[ANSWER_MAX];
    uint32_t n;
    int reject = 0;

    switch (kind) {
    case RP_SSCTL_GARBAGE:
        log_line(0, "ssctl: not a QMI request, dropped");
        return;
    case RP_SSCTL_MALFORMED:
        log_line(0, "ssctl: a malformed request, answered with an error");
        break;
    case RP_SSCTL_UNKNOWN:
        log_line(0, "ssctl: an unknown request, answered with an error");
        break;
    case RP_SSCTL_EVENT:
        peer_event(&ev);
        break;
    case RP_SSCTL_SHUTDOWN:
        if (!shutdown_request(&reject)) {
            return;
        }
        break;
    }
    n = rp_ssctl_answer(answer, sizeof(answer), &msg, kind, reject);
    if (n) {
        rp_qrtr_send_data(q, SSCTL_PORT, h->src_node, h->src_port, answer, n);
    }
    if (kind == RP_SSCTL_SHUTDOWN && !reject) {
        rp_qrtr_goodbye(q);
        fw_shutdown_ack();
    }
}

void fw_comms_start(const struct rp_shmem *smem, const struct rp_hwlock *lock,
                    const struct rp_smem_part *part, uint32_t fault)
{
    uint32_t node = q6ss(Q6SS_REG_HOST_ID);
    struct rp_qrtr_server ssctl = {
        .service = RP_SSCTL_SERVICE,
        .instance = rp_ssctl_instance(q6ss(Q6SS_REG_SSCTL_ID)),
        .port = SSCTL_PORT,
        .rx = ssctl_rx,
    };

    if (rp_glink_init(&glink, smem, lock, part, &glink_ops) != RP_OK) {
        log_line(0, "glink: cannot allocate the edge's SMEM items, no GLINK");
        return;
    }
    if (fault == Q6SS_FAULT_GLINK_NO_INTENTS) {
        glink.rx_intents = 0;
        log_line(0, "glink: advertising no receive intents");
    }
    rp_glink_add_channel(&glink, "IPCRTR", &ipcrtr);
    rp_qrtr_init(&qrtr, node, qrtr_send, log_line, 0);
    if (fault == Q6SS_FAULT_QRTR_SILENT) {
        qrtr.announce = 0;
        log_line(0, "qrtr: announcing no services");
    }
    if (q6ss(Q6SS_REG_SSCTL_ID)) {
        rp_qrtr_add_server(&qrtr, &ssctl);
    }
    writel(IPCC_FRAME + IPCC_REG_ENABLE,
           IPCC_CLIENT_APSS << IPCC_CLIENT_SHIFT | IPCC_SIGNAL_GLINK_QMP);
    started = 1;
}

void fw_comms_poll(void)
{
    if (started) {
        rp_glink_poll(&glink);
    }
}
