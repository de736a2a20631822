/*
 * rprocsim firmware stubs: the firmware of a simulated subsystem.
 *
 * After TrustZone releases the core it: reads its identity from the Q6SS
 * block, starts a 10 ms SysTick that pets the watchdog, opens its SMP2P
 * item in SMEM under the hardware mutex (clearing its bits after a
 * restart, with the SSR handshake when Linux supports it), raises ready and
 * handover, and then idles in WFI. It answers Linux's stop bit with
 * stop-ack, carries out injected faults, and on a CPU fault or a requested
 * fatal error writes a crash record and the reason (into the SMEM crash
 * item) and raises fatal. Protocol facts: drivers/remoteproc/qcom_q6v5.c,
 * drivers/soc/qcom/smp2p.c (Linux 6.12); see docs/subsystems.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fw.h"
#include "regs.h"
#include "rprocsim/crash-record.h"
#include "rprocsim/smem-layout.h"
#include "../lib/smp2p.h"
#include "../lib/text.h"

#define BIT_FATAL       (1u << 0)
#define BIT_READY       (1u << 1)
#define BIT_HANDOVER    (1u << 2)
#define BIT_STOP_ACK    (1u << 3)
#define BIT_SHUTDOWN_ACK (1u << 7)      /* "shutdown-ack": sysmon's graceful stop done */
#define STOP_BIT        (1u << 0)       /* Linux's "master-kernel" bit 0 */
#define CRASH_REASON_SIZE 128
#define WDOG_BARK_TICKS 32768           /* 1 s of 32768 Hz */
#define WDOG_BITE_TICKS 65536           /* 2 s */
#define SSR_ACK_WAIT_MS 1000

/* The crash record lives in .bss: inside the writable segment, so in any coredump */
struct rp_crash_record crash_record;

/*
 * Minidump (qcom_common.c qcom_minidump, Linux 6.12): our slot of the SMEM
 * table of contents points at this array of regions (smem-layout.h).
 */
#define MD_REGIONS              2

static struct minidump_region md_regions[MD_REGIONS] __attribute__((aligned(8)));
extern uint32_t __text_start, __text_end, __data_start, __stack_top;

static const struct fw_config *cfg;
static volatile uint32_t ticks;
static volatile uint32_t ipcc_events;
static volatile uint32_t glink_events;
static volatile uint32_t fault_events;
static volatile uint32_t fault_taken;       /* the action the last fault IRQ took */
static volatile int petting = 1;
static struct rp_smp2p edge;
static uint32_t entry;
static uint32_t fault;
static struct rp_smem_part edge_part;

/* --- debug UART ------------------------------------------------------- */

static void putc_(char c)
{
    rp_uart_putc(Q6SS_BASE + Q6SS_REG_UART_TX, c);
}

static void puts_(const char *s)
{
    rp_uart_puts(Q6SS_BASE + Q6SS_REG_UART_TX, s);
}

void fw_puts(const char *s)
{
    puts_(s);
}

const char *fw_name(void)
{
    return cfg ? cfg->name : "fw";
}

uint32_t fw_fault_now(void)
{
    return fault;
}

/* --- shared memory and the mutex, as this core sees them ---------------- */

static uint32_t smem_read32(void *ctx, uint32_t off)
{
    return readl(SMEM_BASE + off);
}

static void smem_write32(void *ctx, uint32_t off, uint32_t v)
{
    writel(SMEM_BASE + off, v);
}

static void smem_barrier(void *ctx)
{
    __asm__ volatile("dmb" ::: "memory");
}

static uint32_t lock_owner;

static int lock_try(void *ctx)
{
    writel(MUTEX_BASE + SMEM_HWLOCK * TCSR_MUTEX_STRIDE, lock_owner);
    return readl(MUTEX_BASE + SMEM_HWLOCK * TCSR_MUTEX_STRIDE) == lock_owner;
}

static void lock_release(void *ctx)
{
    writel(MUTEX_BASE + SMEM_HWLOCK * TCSR_MUTEX_STRIDE, 0);
}

static const struct rp_shmem smem = { smem_read32, smem_write32, smem_barrier, 0, SMEM_SIZE };
static const struct rp_hwlock lock = { lock_try, lock_release, 0, 1000000 };

/* --- interrupts ------------------------------------------------------- */

void fw_systick(void)
{
    ticks++;
    if (petting) {
        writel(Q6SS_BASE + Q6SS_REG_WDOG_PET, 1);
    }
}

void fw_ipcc_irq(void)
{
    uint32_t id;

    while ((id = readl(IPCC_FRAME + IPCC_REG_RECV_ID)) != IPCC_NO_PENDING) {
        writel(IPCC_FRAME + IPCC_REG_CLEAR, id);
        if ((id & IPCC_SIGNAL_MASK) == IPCC_SIGNAL_GLINK_QMP) {
            glink_events++;
        } else {
            ipcc_events++;
        }
    }
}

void fw_fault_irq(void)
{
    fault_taken = q6ss(Q6SS_REG_FAULT_ACTION);
    writel(Q6SS_BASE + Q6SS_REG_FAULT_ACK, 1);      /* taken: cleared for the next boot */
    fault_events++;
}

void fw_bark_irq(void)
{
    puts_(cfg->name);
    puts_(": watchdog bark\n");
    /* level until the next pet; mask it so the core can idle */
    writel(NVIC_ICER0, 1u << Q6SS_NVIC_WDOG_BARK);
}

static void kick(void)
{
    writel(IPCC_FRAME + IPCC_REG_SEND_ID, IPCC_CLIENT_APSS << IPCC_CLIENT_SHIFT | IPCC_SIGNAL_SMP2P);
}

void fw_shutdown_ack(void)
{
    if (rp_smp2p_update(&edge, entry, BIT_SHUTDOWN_ACK, BIT_SHUTDOWN_ACK) > 0) {
        kick();
    }
}

static void wait_ms(uint32_t ms)
{
    uint32_t until = ticks + (ms + TICK_MS - 1) / TICK_MS;

    while ((int32_t)(ticks - until) < 0) {
        __asm__ volatile("wfi");
    }
}

/* --- fatal errors ----------------------------------------------------- */

/*
 * Write @reason (shorter than CRASH_REASON_SIZE) into the SMEM crash item,
 * global partition (Linux reads it with QCOM_SMEM_HOST_ANY), NUL-padded.
 */
static void store_reason(const char *reason)
{
    struct rp_smem_part global;
    uint32_t data;
    int ret;

    if (rp_smem_find_partition(&smem, SMEM_GLOBAL_HOST, &global) != RP_OK) {
        return;
    }
    ret = rp_smem_alloc(&smem, &lock, &global, q6ss(Q6SS_REG_CRASH_ITEM), CRASH_REASON_SIZE,
                        &data);
    if (ret == RP_OK || ret == RP_EEXIST) {
        rp_shmem_put_name(&smem, data, reason, CRASH_REASON_SIZE);
    }
}

void fw_fatal(const char *reason, uint32_t exception)
{
    uint32_t at = 0;

    __asm__ volatile("cpsid i");
    crash_record.exception = exception;
    crash_record.boot = q6ss(Q6SS_REG_BOOT_COUNT);
    rp_text_put_str(crash_record.reason, &at, RP_CRASH_REASON_LEN, reason);
    crash_record.version = RP_CRASH_VERSION;
    crash_record.magic = RP_CRASH_MAGIC;
    puts_(cfg ? cfg->name : "fw");
    puts_(": fatal: ");
    puts_(reason);
    putc_('\n');

    /* a dying firmware stops its watchdog so a bite does not race recovery */
    writel(Q6SS_BASE + Q6SS_REG_WDOG_CTL, 0);
    store_reason(crash_record.reason);
    if (edge.m) {
        rp_smp2p_update(&edge, entry, BIT_FATAL, BIT_FATAL);
        kick();
    }
    /*
     * Then it goes quiet: no tick, no interrupt enabled, nothing pending.
     * A pending interrupt ends WFI even while PRIMASK masks it (ARMv7-M
     * B1.5.19), so without this the dead core would spin through its WFI
     * until the kernel shuts it down (or for ever, with recovery disabled).
     */
    writel(SYST_CSR, 0);
    writel(NVIC_ICER0, 0xffffffffu);
    writel(NVIC_ICPR0, 0xffffffffu);
    writel(SCB_ICSR, SCB_ICSR_PENDSTCLR);
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void fw_fault(uint32_t *frame, uint32_t exc_return, uint32_t *callee_saved)
{
    static const char *const names[RP_CRASH_EXCEPTIONS] = RP_CRASH_EXCEPTION_NAMES;
    uint32_t ipsr, at = 0;
    char reason[RP_CRASH_REASON_LEN];

    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1ff;
    for (int i = 0; i < 4; i++) {
        crash_record.r[i] = frame[i];
    }
    for (int i = 0; i < 8; i++) {
        crash_record.r[4 + i] = callee_saved[i];
    }
    crash_record.r[12] = frame[4];
    crash_record.lr = frame[5];
    crash_record.pc = frame[6];
    crash_record.xpsr = frame[7];
    crash_record.sp = (uint32_t)(frame + 8);
    crash_record.cfsr = readl(SCB_CFSR);
    crash_record.hfsr = readl(SCB_HFSR);
    crash_record.mmfar = readl(SCB_MMFAR);
    crash_record.bfar = readl(SCB_BFAR);

    rp_text_put_str(reason, &at, sizeof(reason), cfg ? cfg->name : "fw");
    rp_text_put_str(reason, &at, sizeof(reason), ": ");
    rp_text_put_str(reason, &at, sizeof(reason), ipsr < RP_CRASH_EXCEPTIONS ? names[ipsr] : "exception");
    rp_text_put_str(reason, &at, sizeof(reason), " at pc 0x");
    rp_text_put_hex(reason, &at, sizeof(reason), crash_record.pc);
    rp_text_put_str(reason, &at, sizeof(reason), " cfsr 0x");
    rp_text_put_hex(reason, &at, sizeof(reason), crash_record.cfsr);
    if (crash_record.cfsr & (1u << 15)) {       /* BFARVALID */
        rp_text_put_str(reason, &at, sizeof(reason), " addr 0x");
        rp_text_put_hex(reason, &at, sizeof(reason), crash_record.bfar);
    }
    (void)exc_return;
    fw_fatal(reason, ipsr);
}

/* --- faults the host injects --------------------------------------------- */

static void fault_message(char *buf, uint32_t len)
{
    rp_text_from_words(buf, len, (const volatile uint32_t *)(Q6SS_BASE + Q6SS_REG_FAULT_MSG),
                       Q6SS_FAULT_MSG_LEN);
}

static void wild_pointer(void)
{
    /* nothing is mapped there in this core's address space: a bus fault */
    (void)readl(0x30000000u);
}

/* Act on a fault that needs no boot-time context */
static void apply_fault(uint32_t action)
{
    char msg[64];

    fault = action;
    switch (action) {
    case Q6SS_FAULT_FATAL:
        fault_message(msg, sizeof(msg));
        fw_fatal(msg[0] ? msg : "fatal error requested", 0);
    case Q6SS_FAULT_WILD_POINTER:
        wild_pointer();
        break;
    case Q6SS_FAULT_HANG:
        petting = 0;
        puts_(cfg->name);
        puts_(": hanging, no more watchdog pets\n");
        break;
    }
}

/* --- main -------------------------------------------------------------- */

static void open_edge(void)
{
    uint32_t items = q6ss(Q6SS_REG_SMEM_ITEMS);
    uint32_t host = q6ss(Q6SS_REG_HOST_ID);
    struct rp_smem_part part;
    int ret, restart;

    if (rp_smem_find_partition(&smem, host, &part) != RP_OK &&
        rp_smem_find_partition(&smem, SMEM_GLOBAL_HOST, &part) != RP_OK) {
        fw_fatal("no SMEM partition", 0);
    }
    edge_part = part;
    ret = rp_smp2p_open(&edge, &smem, &lock, &part, items >> Q6SS_SMEM_ITEMS_IN_SHIFT & 0xffff,
                        items >> Q6SS_SMEM_ITEMS_OUT_SHIFT & 0xffff, host,
                        RP_SMP2P_FEATURE_SSR_ACK);
    if (ret != RP_OK) {
        edge.m = 0;
        fw_fatal("cannot allocate the SMP2P item", 0);
    }
    restart = rp_smp2p_value(&edge, 0) != 0 ||
              (smem_read32(0, edge.out + RP_SMP2P_OFF_ENTRIES) >> 16) != 0;
    rp_smp2p_add_entry(&edge, "slave-kernel", &entry);
    rp_smp2p_publish(&edge);
    if (restart) {
        /* the last boot's bits go, so that ready is a rising edge again */
        rp_smp2p_update(&edge, entry, 0xffffffffu, 0);
        if (rp_smp2p_ssr_ack_enabled(&edge)) {
            rp_smp2p_restart_done(&edge);
            kick();
            for (uint32_t waited = 0; !rp_smp2p_restart_acked(&edge) &&
                 waited < SSR_ACK_WAIT_MS; waited += TICK_MS) {
                wait_ms(TICK_MS);
            }
        } else {
            kick();
            wait_ms(50);
        }
    }
}

static void md_region(unsigned i, const char *name, uint32_t start, uint32_t end)
{
    for (unsigned c = 0; c < sizeof(md_regions[i].name); c++) {
        md_regions[i].name[c] = c < 15 ? name[c] : 0;
        if (!name[c]) {
            for (; c < sizeof(md_regions[i].name); c++) {
                md_regions[i].name[c] = 0;
            }
            break;
        }
    }
    md_regions[i].seq_num = i;
    md_regions[i].address = start;
    md_regions[i].size = end - start;
    md_regions[i].valid = MINIDUMP_REGION_VALID;
}

/* Publish this subsystem's minidump regions in the SMEM table of contents */
static void publish_minidump(void)
{
    struct rp_smem_part global;
    uint32_t toc, slot;
    int ret;
    uint32_t id = q6ss(Q6SS_REG_MINIDUMP_ID);

    if (!id || id >= MINIDUMP_TOC_SLOTS ||
        rp_smem_find_partition(&smem, SMEM_GLOBAL_HOST, &global) != RP_OK) {
        return;
    }
    md_region(0, "code", (uint32_t)&__text_start, (uint32_t)&__text_end);
    md_region(1, "data", (uint32_t)&__data_start, (uint32_t)&__stack_top);
    ret = rp_smem_alloc(&smem, &lock, &global, SMEM_MINIDUMP_TOC_ITEM, MINIDUMP_TOC_SIZE,
                        &toc);
    if (ret != RP_OK && ret != RP_EEXIST) {
        return;
    }
    slot = toc + MINIDUMP_TOC_HDR_SIZE + MINIDUMP_TOC_SLOT_SIZE * id;
    smem_write32(0, slot + MINIDUMP_SLOT_REGION_COUNT, MD_REGIONS);
    smem_write32(0, slot + MINIDUMP_SLOT_REGIONS_BASE, (uint32_t)md_regions);
    smem_write32(0, slot + MINIDUMP_SLOT_REGIONS_BASE + 4, 0);
    smem_write32(0, slot + MINIDUMP_SLOT_ENCRYPTION_STATUS, MINIDUMP_ENCRYPTION_DONE);
    smem_write32(0, slot + MINIDUMP_SLOT_ENCRYPTION_REQUIRED, 0);
    smem_write32(0, slot + MINIDUMP_SLOT_ENABLED, MINIDUMP_ENABLED);
    smem_barrier(0);
    smem_write32(0, slot + MINIDUMP_SLOT_STATUS, 1);
    smem_write32(0, toc + MINIDUMP_TOC_ENABLED, MINIDUMP_ENABLED);
    smem_write32(0, toc + 4, 1);                                /* md_revision */
    smem_barrier(0);
    smem_write32(0, toc, 1);                                    /* status */
}

static void handle_stop(uint32_t *last_stop)
{
    uint32_t stop = 0;

    if (rp_smp2p_peer_value(&edge, "master-kernel", &stop) != RP_OK) {
        return;
    }
    stop &= STOP_BIT;
    if (stop && !*last_stop) {
        puts_(cfg->name);
        if (fault == Q6SS_FAULT_IGNORE_STOP) {
            puts_(": stop requested, ignored\n");
        } else if (fault == Q6SS_FAULT_WDOG_ON_STOP) {
            puts_(": stop requested, letting the watchdog bite\n");
            petting = 0;
        } else {
            puts_(": stop requested, acknowledged\n");
            if (rp_smp2p_update(&edge, entry, BIT_STOP_ACK, BIT_STOP_ACK) > 0) {
                kick();
            }
        }
    }
    *last_stop = stop;
}

void fw_main(const struct fw_config *c)
{
    uint32_t last_stop = 0, seen_ipcc = 0, seen_faults = 0, seen_glink = 0;

    cfg = c;
    lock_owner = q6ss(Q6SS_REG_HOST_ID) + 1;   /* SMEM_HOST_ID_TO_HWSPINLOCK_ID */
    puts_(cfg->name);
    puts_(": firmware started\n");

    /* faults at HardFault priority and above get their own handlers */
    writel(SCB_SHCSR, readl(SCB_SHCSR) | (7u << 16));
    writel(SYST_RVR, CPU_HZ / 1000 * TICK_MS - 1);
    writel(SYST_CVR, 0);
    writel(SYST_CSR, 7);
    writel(Q6SS_BASE + Q6SS_REG_WDOG_BARK_TIME, WDOG_BARK_TICKS);
    writel(Q6SS_BASE + Q6SS_REG_WDOG_BITE_TIME, WDOG_BITE_TICKS);
    writel(Q6SS_BASE + Q6SS_REG_WDOG_CTL, 1);
    writel(IPCC_FRAME + IPCC_REG_ENABLE, IPCC_CLIENT_APSS << IPCC_CLIENT_SHIFT | IPCC_SIGNAL_SMP2P);
    /* a fault set while the core was off is for this boot: take it */
    fault = q6ss(Q6SS_REG_FAULT_ACTION);
    writel(Q6SS_BASE + Q6SS_REG_FAULT_ACK, 1);
    writel(NVIC_ISER0, 7);

    open_edge();
    fw_comms_start(&smem, &lock, &edge_part, fault);
    if (fault != Q6SS_FAULT_NO_MINIDUMP) {
        publish_minidump();
    }
    apply_fault(fault);
    if (fault == Q6SS_FAULT_READY_DELAY) {
        wait_ms(q6ss(Q6SS_REG_FAULT_ARG));
    }
    if (fault != Q6SS_FAULT_NO_READY) {
        rp_smp2p_update(&edge, entry, BIT_READY | BIT_HANDOVER, BIT_READY | BIT_HANDOVER);
        kick();
        puts_(cfg->name);
        puts_(": ready\n");
    }

    for (;;) {
        __asm__ volatile("cpsid i");
        if (ipcc_events == seen_ipcc && fault_events == seen_faults &&
            glink_events == seen_glink) {
            __asm__ volatile("wfi");
        }
        __asm__ volatile("cpsie i");
        if (fault_events != seen_faults) {
            seen_faults = fault_events;
            apply_fault(fault_taken);
        }
        if (ipcc_events != seen_ipcc) {
            seen_ipcc = ipcc_events;
            if (rp_smp2p_follow_version(&edge) > 0) {
                kick();
            }
            handle_stop(&last_stop);
        }
        if (glink_events != seen_glink) {
            seen_glink = glink_events;
            fw_comms_poll();
        }
    }
}
