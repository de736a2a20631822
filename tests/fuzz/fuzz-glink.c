/*
 * libFuzzer target: the firmware's decoders of what Linux writes
 * (firmware-stubs/lib/glink.c, qrtr.c, qmi.c, ssctl.c). Each input is
 * Linux's FIFO after a well-formed handshake has opened IPCRTR, so its
 * bytes reach the commands of an open channel, the QRTR node and the SSCTL
 * service behind it; the same bytes are also handed to the QRTR and SSCTL
 * decoders directly. Aborts if the edge writes outside its FIFO, its
 * indices leave their range or a decoder reads past its input (ASan).
 *
 * Input: byte 0 bits pick Linux's head (the rest of the bytes are the FIFO
 * from offset 0, the head at their end rounded to 8, or a wild value).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "glink.h"
#include "qrtr.h"
#include "smem-image.h"
#include "ssctl.h"
#include "rprocsim/bytes.h"

#define BASE        0x80900000ull
#define SIZE        0x200000u
#define LINUX_FIFO  16384

static uint8_t pristine[SIZE], mem[SIZE];
static uint32_t fifo0, desc, fifo1, fifo1_len;

static void check(int ok)
{
    if (!ok) {
        abort();
    }
}

static uint32_t rd(void *ctx, uint32_t off)
{
    check(off % 4 == 0 && off + 4 <= SIZE);
    return rp_le32(mem + off);
}

static void wr(void *ctx, uint32_t off, uint32_t v)
{
    check(off % 4 == 0 && off + 4 <= SIZE);
    /* the edge writes only its descriptor words and its own FIFO */
    check((off >= desc && off < desc + RP_GLINK_DESC_SIZE) ||
          (off >= fifo1 && off < fifo1 + fifo1_len) || !desc);
    rp_put_le32(mem + off, v);
}

static void barrier(void *ctx)
{
}

static int trylock(void *ctx)
{
    return 1;
}

static void unlock(void *ctx)
{
}

static const struct rp_shmem sh = { rd, wr, barrier, NULL, SIZE };
static const struct rp_hwlock lock = { trylock, unlock, NULL, 1 };

static struct rp_qrtr qrtr;
static struct rp_glink glink;
static struct rp_glink_channel *ch;

static void kick(void *ctx)
{
}

static void up(void *ctx, struct rp_glink_channel *c)
{
    rp_qrtr_link_up(&qrtr);
}

static void rx(void *ctx, struct rp_glink_channel *c, const uint8_t *data, uint32_t len)
{
    check(len <= RP_GLINK_MTU);
    rp_qrtr_receive(&qrtr, data, len);
}

static const struct rp_glink_ops ops = { kick, NULL, up, NULL, rx, NULL };

static int qrtr_send(void *ctx, const uint8_t *pkt, uint32_t len)
{
    return rp_glink_send(&glink, ch, pkt, len);
}

static void ssctl_rx(struct rp_qrtr *q, const struct rp_qrtr_hdr *h, const uint8_t *data,
                     uint32_t len, void *ctx)
{
    struct rp_qmi_msg msg;
    struct rp_ssctl_event ev;
    enum rp_ssctl_kind kind = rp_ssctl_decode(data, len, &msg, &ev);
    uint8_t answer[64];
    uint32_t n;

    if (kind == RP_SSCTL_EVENT) {
        check(strlen(ev.name) <= RP_SSCTL_NAME_LEN);
    }
    n = rp_ssctl_answer(answer, sizeof(answer), &msg, kind, 0);
    if (n) {
        rp_qrtr_send_data(q, 1, h->src_node, h->src_port, answer, n);
    }
}

/* Linux writes @len bytes of commands at its head */
static void linux_write(const uint8_t *cmd, uint32_t len)
{
    uint32_t head = rp_le32(mem + desc + 4);

    for (uint32_t i = 0; i < len; i++) {
        mem[fifo0 + (head + i) % LINUX_FIFO] = cmd[i];
    }
    rp_put_le32(mem + desc + 4, (head + ((len + 7) & ~7u)) % LINUX_FIFO);
}

/* VERSION, OPEN_ACK of ours, its OPEN (lcid 3), one intent: IPCRTR is up */
static void handshake(void)
{
    static const uint8_t script[] = {
        0, 0, 1, 0, 1, 0, 0, 0,                             /* VERSION 1, reuse */
        4, 0, 1, 0, 0, 0, 0, 0,                             /* OPEN_ACK 1 */
        2, 0, 3, 0, 7, 0, 0, 0, 'I', 'P', 'C', 'R', 'T', 'R', 0, 0,  /* OPEN 3 */
        5, 0, 3, 0, 1, 0, 0, 0, 0, 4, 0, 0, 1, 0, 0, 0,     /* INTENT 1024, id 1 */
    };

    linux_write(script, sizeof(script));
    rp_glink_poll(&glink);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const SmemPartSpec parts[] = {
        { SMEM_GLOBAL_HOST, SMEM_GLOBAL_HOST, 0x004000, 0x100000 },
        { 0, 2, 0x104000, 0x20000 },
    };
    SmemLayout l = { BASE, SIZE, 1024, parts, 2 };
    char err[128];

    check(smem_image_build(pristine, &l, err, sizeof(err)));
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct rp_smem_part part;
    struct rp_qrtr_server ssctl = { RP_SSCTL_SERVICE, rp_ssctl_instance(0x14), 1, ssctl_rx,
                                    NULL };
    uint32_t len = size > LINUX_FIFO - 8 ? LINUX_FIFO - 8 : (uint32_t)size;
    uint32_t head;

    memcpy(mem, pristine, SIZE);
    desc = 0;
    check(rp_smem_find_partition(&sh, 2, &part) == RP_OK);
    check(rp_smem_alloc(&sh, &lock, &part, RP_GLINK_ITEM_FIFO_LINUX, LINUX_FIFO, &fifo0) ==
          RP_OK);
    rp_qrtr_init(&qrtr, 2, qrtr_send, NULL, NULL);
    rp_qrtr_add_server(&qrtr, &ssctl);
    check(rp_glink_init(&glink, &sh, &lock, &part, &ops) == RP_OK);
    check(rp_smem_get(&sh, &part, RP_GLINK_ITEM_DESC, &desc, &(uint32_t){ 0 }) == RP_OK);
    check(rp_smem_get(&sh, &part, RP_GLINK_ITEM_FIFO_REMOTE, &fifo1, &fifo1_len) == RP_OK);
    rp_glink_add_channel(&glink, "IPCRTR", &ch);
    handshake();
    check(ch->up);

    /* the input as Linux's next commands, or with a wild head */
    head = rp_le32(mem + desc + 4);
    for (uint32_t i = 0; i < len; i++) {
        mem[fifo0 + (head + i) % LINUX_FIFO] = data[i];
    }
    if (size && (data[0] & 0x80)) {
        rp_put_le32(mem + desc + 4, size >= 4 ? rp_le32(data) : data[0]);
    } else {
        rp_put_le32(mem + desc + 4, (head + ((len + 7) & ~7u)) % LINUX_FIFO);
    }
    rp_glink_poll(&glink);
    rp_glink_poll(&glink);
    check(rp_le32(mem + desc + 4 * RP_GLINK_DESC_RX_HEAD) < fifo1_len);
    check(rp_le32(mem + desc + 4 * RP_GLINK_DESC_RX_HEAD) % 8 == 0);

    /* and straight to the QRTR node and the SSCTL decoder */
    rp_qrtr_receive(&qrtr, data, (uint32_t)(size > 4096 ? 4096 : size));
    {
        struct rp_qmi_msg msg;
        struct rp_ssctl_event ev;

        rp_ssctl_decode(data, (uint32_t)size, &msg, &ev);
    }
    return 0;
}
