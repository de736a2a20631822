/*
 * rprocsim R5F firmware: the firmware of a simulated AM64x R5F core.
 *
 * Once TI-SCI releases the core (boot vector 0, start.S) it prints its
 * boot line on the control block's UART and into the trace buffer, reads
 * its mailbox user and FIFOs from the control block, enables its FIFO's
 * NEWMSG interrupt on its user, and idles with IRQs masked (a pending IRQ
 * still ends WFI): it answers every message (lib/rpmbox.c decides), takes
 * the faults the host injects, and waits in WFI. Protocol facts:
 * drivers/remoteproc/ti_k3_r5_remoteproc.c and omap_remoteproc.h (Linux
 * 6.12) and the graceful-shutdown series; see docs/am64x.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "r5f.h"
#include "regs.h"
#include "../lib/rpmbox.h"
#include "../lib/text.h"
#include "../lib/trace.h"
#include "rprocsim/rp-mbox.h"

#ifndef RP_FW_NAME
#error "build with -DRP_FW_NAME=\"<core>\""
#endif

#define LINE_LEN                128

static struct rp_trace trace;
static struct rp_rpmbox proto;
static uint32_t user, rx_fifo, tx_fifo;
static uint32_t tx_dropped;
static uint8_t never_wfi;       /* ack-no-wfi acknowledged a SHUTDOWN: poll, no WFI */
static char fault_msg[K3_R5F_CTL_FAULT_MSG_LEN];   /* of the last fault taken */

/* --- output: UART and trace ---------------------------------------------- */

/* @line, prefixed with the core's name, into the trace and (if @uart) on the UART */
static void say(const char *line, int uart)
{
    char buf[LINE_LEN];
    uint32_t at = 0;

    rp_text_put_str(buf, &at, sizeof(buf), RP_FW_NAME ": ");
    rp_text_put_str(buf, &at, sizeof(buf), line);
    rp_trace_line(&trace, buf);
    if (uart) {
        rp_uart_puts(UART_TX, buf);
        rp_uart_putc(UART_TX, '\n');
    }
}

static void __attribute__((noreturn)) crash(const char *what);

/* Busy-wait @ms (at most RP_RPMBOX_MAX_DELAY_MS) on the control block's clock */
static void wait_ms(uint32_t ms)
{
    uint32_t t0 = ctl(K3_R5F_CTL_REG_TIME_US);

    while (ctl(K3_R5F_CTL_REG_TIME_US) - t0 < ms * 1000u) {
    }
}

/* @what and @n, a number of ms, on the UART and into the trace */
static void say_ms(const char *what, uint32_t n)
{
    char line[LINE_LEN];
    uint32_t at = 0;

    rp_text_put_str(line, &at, sizeof(line), what);
    rp_text_put_dec(line, &at, sizeof(line), n);
    rp_text_put_str(line, &at, sizeof(line), " ms");
    say(line, 1);
}

/* --- mailbox ------------------------------------------------------------- */

/* Put @v on the tx FIFO unless it is full: then count and trace the drop */
static void send(uint32_t v)
{
    char line[LINE_LEN];
    uint32_t at = 0;

    if (mbox(K3_MBOX_REG_FIFOSTATUS(tx_fifo)) & K3_MBOX_FIFOSTATUS_FULL) {
        tx_dropped++;
        rp_text_put_str(line, &at, sizeof(line), "tx FIFO full, dropped 0x");
        rp_text_put_hex(line, &at, sizeof(line), v);
        say(line, 0);
        return;
    }
    writel(MBOX_BASE + K3_MBOX_REG_MESSAGE(tx_fifo), v);
}

static void __attribute__((noreturn)) stop(void)
{
    for (;;) {
        __asm__ volatile("cpsid i\n\tdsb\n\twfi" ::: "memory");
    }
}

static void __attribute__((noreturn)) spin(void)
{
    __asm__ volatile("cpsid i" ::: "memory");
    for (;;) {
        __asm__ volatile("nop" ::: "memory");
    }
}

/* Handle every message in the rx FIFO */
static void drain(void)
{
    char line[LINE_LEN];

    /* clear first: a message that comes after the last read raises it again */
    writel(MBOX_BASE + K3_MBOX_REG_IRQSTATUS_CLR(user), K3_MBOX_IRQ_NEWMSG(rx_fifo));
    while (mbox(K3_MBOX_REG_MSGSTATUS(rx_fifo)) & K3_MBOX_MSGSTATUS_MASK) {
        uint32_t msg = mbox(K3_MBOX_REG_MESSAGE(rx_fifo));
        struct rp_rpmbox_answer a;
        uint32_t at = 0;

        rp_rpmbox_handle(&proto, msg, &a);
        rp_rpmbox_describe(line, &at, sizeof(line), msg, &a);
        say(line, a.next != RP_RPMBOX_IDLE);
        if (a.delay_ms) {
            say_ms("acknowledging after ", a.delay_ms);
            wait_ms(a.delay_ms);
        }
        if (a.send) {
            send(a.reply);
        }
        switch (a.next) {
        case RP_RPMBOX_STOP:
            stop();
        case RP_RPMBOX_RUN_ON:
            say("running on after the ACK, no WFI", 1);
            never_wfi = 1;
            break;
        case RP_RPMBOX_ABORT:
            /* a real data abort: r5f_exception() reports it and idles */
            (void)readl(UNMAPPED_ADDR);
            crash("the read of an unmapped address did not abort");
        case RP_RPMBOX_IDLE:
            break;
        }
    }
}

/* --- faults -------------------------------------------------------------- */

static void __attribute__((noreturn)) crash(const char *what)
{
    char line[LINE_LEN];
    uint32_t at = 0;

    __asm__ volatile("cpsid i" ::: "memory");
    rp_text_put_str(line, &at, sizeof(line), "crash: ");
    rp_text_put_str(line, &at, sizeof(line), what);
    say(line, 1);
    send(RP_MBOX_CRASH);
    stop();
}

#define FAULT_NAME_(id, name) [K3_R5F_FAULT_##id] = name,
static const char *const fault_names[K3_R5F_FAULT_COUNT] = {
    K3_R5F_FAULTS(FAULT_NAME_)
};
#undef FAULT_NAME_

/* Take the fault the host set, if any (one-shot: acknowledged here) */
static void take_fault(void)
{
    uint32_t action = ctl(K3_R5F_CTL_REG_FAULT_ACTION);

    if (action == K3_R5F_FAULT_NONE) {
        return;
    }
    rp_text_from_words(fault_msg, sizeof(fault_msg),
                       (const volatile uint32_t *)(CTL_BASE + K3_R5F_CTL_REG_FAULT_MSG),
                       K3_R5F_CTL_FAULT_MSG_LEN);
    writel(CTL_BASE + K3_R5F_CTL_REG_FAULT_ACK, 1);
    switch (rp_rpmbox_take_fault(&proto, action, ctl(K3_R5F_CTL_REG_FAULT_ARG))) {
    case RP_RPMBOX_FAULT_HANG:
        say("hanging: interrupts off, no WFI", 1);
        spin();
    case RP_RPMBOX_FAULT_CRASH:
        crash(fault_msg[0] ? fault_msg : "crash requested");
    case RP_RPMBOX_FAULT_WILD:
        say("reading an unmapped address", 1);
        (void)readl(UNMAPPED_ADDR);
        crash("the wild read did not abort");
    case RP_RPMBOX_FAULT_BUSY:
        say_ms("busy: a task of ", proto.busy_ms);
        wait_ms(proto.busy_ms);
        say("busy: task done", 1);
        fault_msg[0] = '\0';
        break;
    case RP_RPMBOX_FAULT_LATER:
        if (action < K3_R5F_FAULT_COUNT) {
            char line[LINE_LEN];
            uint32_t at = 0;

            rp_text_put_str(line, &at, sizeof(line), "fault ");
            rp_text_put_str(line, &at, sizeof(line), fault_names[action]);
            rp_text_put_str(line, &at, sizeof(line), " taken");
            say(line, 0);
        }
        if (action != K3_R5F_FAULT_CRASHED) {
            fault_msg[0] = '\0';     /* only the aborts (wild-pointer, crashed) report it */
        }
        break;
    }
}

void r5f_exception(uint32_t kind, uint32_t lr, uint32_t spsr)
{
    static const char *const names[8] = {
        "reset", "undefined instruction", "SVC", "prefetch abort", "data abort",
        "reserved vector", "IRQ", "FIQ",
    };
    char line[LINE_LEN];
    uint32_t at = 0;

    rp_text_put_str(line, &at, sizeof(line), names[kind & 7]);
    rp_text_put_str(line, &at, sizeof(line), " at pc 0x");
    /* lr is the faulting instruction + 8 for a data abort, + 4 otherwise (ARM state) */
    rp_text_put_hex(line, &at, sizeof(line), lr - (kind == 4 ? 8 : 4));
    rp_text_put_str(line, &at, sizeof(line), " spsr 0x");
    rp_text_put_hex(line, &at, sizeof(line), spsr);
    if (kind == 4) {
        rp_text_put_str(line, &at, sizeof(line), " dfsr 0x");
        rp_text_put_hex(line, &at, sizeof(line), cp15_dfsr());
        rp_text_put_str(line, &at, sizeof(line), " dfar 0x");
        rp_text_put_hex(line, &at, sizeof(line), cp15_dfar());
    } else if (kind == 3) {
        rp_text_put_str(line, &at, sizeof(line), " ifsr 0x");
        rp_text_put_hex(line, &at, sizeof(line), cp15_ifsr());
        rp_text_put_str(line, &at, sizeof(line), " ifar 0x");
        rp_text_put_hex(line, &at, sizeof(line), cp15_ifar());
    }
    if (fault_msg[0]) {
        rp_text_put_str(line, &at, sizeof(line), ": ");
        rp_text_put_str(line, &at, sizeof(line), fault_msg);
    }
    crash(line);
}

/* --- main ---------------------------------------------------------------- */

void r5f_main(void)
{
    char line[LINE_LEN];
    uint32_t at = 0, cfg = ctl(K3_R5F_CTL_REG_MBOX);
    const uint32_t field = (1u << K3_R5F_CTL_MBOX_WIDTH) - 1;

    rp_trace_init(&trace, r5f_trace_buf, sizeof(r5f_trace_buf));
    user = cfg >> K3_R5F_CTL_MBOX_USER_SHIFT & field;
    rx_fifo = cfg >> K3_R5F_CTL_MBOX_RX_SHIFT & field;
    tx_fifo = cfg >> K3_R5F_CTL_MBOX_TX_SHIFT & field;

    rp_text_put_str(line, &at, sizeof(line), "firmware started, core ");
    rp_text_put_dec(line, &at, sizeof(line), ctl(K3_R5F_CTL_REG_CORE));
    rp_text_put_str(line, &at, sizeof(line), ", boot ");
    rp_text_put_dec(line, &at, sizeof(line), ctl(K3_R5F_CTL_REG_BOOT_COUNT));
    rp_text_put_str(line, &at, sizeof(line), ", mailbox user ");
    rp_text_put_dec(line, &at, sizeof(line), user);
    rp_text_put_str(line, &at, sizeof(line), " rx ");
    rp_text_put_dec(line, &at, sizeof(line), rx_fifo);
    rp_text_put_str(line, &at, sizeof(line), " tx ");
    rp_text_put_dec(line, &at, sizeof(line), tx_fifo);
    say(line, 1);
    if (ctl(K3_R5F_CTL_REG_ID) != K3_R5F_CTL_ID_VALUE || user >= K3_MBOX_MAX_USERS ||
        rx_fifo >= K3_MBOX_MAX_FIFOS || tx_fifo >= K3_MBOX_MAX_FIFOS) {
        say("no control block or a bad mailbox assignment: idling", 1);
        stop();
    }

    writel(MBOX_BASE + K3_MBOX_REG_IRQENABLE_SET(user), K3_MBOX_IRQ_NEWMSG(rx_fifo));
    for (;;) {
        take_fault();
        drain();
        if (!never_wfi) {
            __asm__ volatile("dsb\n\twfi" ::: "memory");
        }
    }
}
