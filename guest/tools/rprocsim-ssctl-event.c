/*
 * rprocsim-ssctl-event: a guest program that sends one QMI request to a
 * subsystem's SSCTL service over an AF_QIPCRTR socket, as Linux's sysmon
 * does in the kernel (drivers/remoteproc/qcom_sysmon.c ssctl_send_event()),
 * and prints the answer. It proves that a userspace QRTR client reaches
 * the service the firmware announced.
 *
 * Usage: rprocsim-ssctl-event NODE PORT NAME EVENT
 *   NODE, PORT  the service's QRTR address (qrtr-lookup lists it: service
 *               43, node = the subsystem's SMEM host, port 1)
 *   NAME        the subsystem name the event is about (at most 15 chars)
 *   EVENT       0 before_powerup, 1 after_powerup, 2 before_shutdown,
 *               3 after_shutdown
 * Prints "result R error E" and exits 0 when R is 0 (success), 1 on a
 * failure result, 2 without an answer within 5 s or on bad arguments.
 *
 * Freestanding and static (no libc): arm64 Linux system calls only, so it
 * runs in the guest's busybox initramfs. Message layout: qmi_encdec.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>

#define SYS_CLOSE       57
#define SYS_WRITE       64
#define SYS_PPOLL       73
#define SYS_EXIT_GROUP  94
#define SYS_SOCKET      198
#define SYS_SENDTO      206
#define SYS_RECVFROM    207
#define AF_QIPCRTR      42
#define SOCK_DGRAM      2
#define POLLIN          1
#define SSCTL_SUBSYS_EVENT_REQ 0x23

struct sockaddr_qrtr {
    uint16_t sq_family;
    uint32_t sq_node;
    uint32_t sq_port;
};

struct pollfd {
    int fd;
    short events, revents;
};

struct timespec {
    long tv_sec, tv_nsec;
};

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
                     "r"(x5) : "memory");
    return x0;
}

static unsigned len_of(const char *s)
{
    unsigned n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}

static void say(const char *s)
{
    sys6(SYS_WRITE, 1, (long)s, len_of(s), 0, 0, 0);
}

static void say_num(unsigned long v)
{
    char buf[24];
    int at = sizeof(buf) - 1;

    buf[at] = 0;
    do {
        buf[--at] = '0' + v % 10;
        v /= 10;
    } while (v && at > 0);
    say(buf + at);
}

/* A decimal argument, or -1 */
static long number(const char *s)
{
    long v = 0;

    if (!*s) {
        return -1;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 0xffffffffL) {
            return -1;
        }
        v = v * 10 + (*s - '0');
    }
    return v;
}

static void __attribute__((noreturn)) leave(int status)
{
    sys6(SYS_EXIT_GROUP, status, 0, 0, 0, 0, 0);
    for (;;) {
    }
}

static int run(int argc, char **argv)
{
    struct sockaddr_qrtr to = { AF_QIPCRTR, 0, 0 }, from;
    struct pollfd pfd;
    struct timespec wait = { 5, 0 };
    uint8_t req[40], resp[64];
    long node, port, event, fd, n, fromlen = sizeof(from);
    unsigned name_len, at = 0;

    if (argc != 5 || (node = number(argv[1])) < 0 || (port = number(argv[2])) < 0 ||
        (event = number(argv[4])) < 0 || event > 3 ||
        (name_len = len_of(argv[3])) == 0 || name_len > 15) {
        say("usage: rprocsim-ssctl-event NODE PORT NAME EVENT (0..3)\n");
        return 2;
    }
    to.sq_node = (uint32_t)node;
    to.sq_port = (uint32_t)port;
    /* QMI header: request, txn 1, SSCTL_SUBSYS_EVENT_REQ, length later */
    req[at++] = 0;
    req[at++] = 1;
    req[at++] = 0;
    req[at++] = SSCTL_SUBSYS_EVENT_REQ;
    req[at++] = 0;
    at += 2;
    /* TLV 0x01: the name, a length byte first; TLV 0x02: the event */
    req[at++] = 0x01;
    req[at++] = (uint8_t)(name_len + 1);
    req[at++] = 0;
    req[at++] = (uint8_t)name_len;
    for (unsigned i = 0; i < name_len; i++) {
        req[at++] = (uint8_t)argv[3][i];
    }
    req[at++] = 0x02;
    req[at++] = 4;
    req[at++] = 0;
    req[at++] = (uint8_t)event;
    req[at++] = 0;
    req[at++] = 0;
    req[at++] = 0;
    req[5] = (uint8_t)(at - 7);
    req[6] = 0;

    fd = sys6(SYS_SOCKET, AF_QIPCRTR, SOCK_DGRAM, 0, 0, 0, 0);
    if (fd < 0) {
        say("no AF_QIPCRTR socket (is qrtr loaded?)\n");
        return 2;
    }
    if (sys6(SYS_SENDTO, fd, (long)req, at, 0, (long)&to, sizeof(to)) != (long)at) {
        say("sending the request failed\n");
        return 2;
    }
    pfd.fd = (int)fd;
    pfd.events = POLLIN;
    pfd.revents = 0;
    if (sys6(SYS_PPOLL, (long)&pfd, 1, (long)&wait, 0, 0, 0) <= 0) {
        say("no answer within 5 s\n");
        return 2;
    }
    n = sys6(SYS_RECVFROM, fd, (long)resp, sizeof(resp), 0, (long)&from, (long)&fromlen);
    sys6(SYS_CLOSE, fd, 0, 0, 0, 0, 0);
    /* a response to txn 1 with the result TLV first: 02 01 00 23 00 len, 02 04 00 r r e e */
    if (n < 14 || resp[0] != 2 || resp[1] != 1 || resp[3] != SSCTL_SUBSYS_EVENT_REQ ||
        resp[7] != 0x02 || resp[8] != 4) {
        say("not an answer to the request\n");
        return 2;
    }
    say("result ");
    say_num(resp[10] | resp[11] << 8);
    say(" error ");
    say_num(resp[12] | resp[13] << 8);
    say("\n");
    return (resp[10] | resp[11] << 8) ? 1 : 0;
}

/* The kernel's entry: argc at sp, then argv */
void __attribute__((used)) rp_start(long *sp)
{
    leave(run((int)sp[0], (char **)(sp + 1)));
}

__asm__(".text\n.global _start\n_start:\n mov x0, sp\n b rp_start\n");
