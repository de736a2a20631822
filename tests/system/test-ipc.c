/*
 * System test: shared-memory IPC with the stock kernel. The guest loads
 * qcom_hwspinlock, smem, qcom-ipcc and smp2p; all three SMP2P edges bind
 * without errors. Then this test plays the WPSS, which the kernel does not
 * start by itself (the aDSP and cDSP run their own firmware): through
 * QEMU's qtest channel (the guest keeps running under TCG) it takes the
 * TCSR mutex, allocates the WPSS SMP2P item in SMEM with the firmware
 * library, sets a bit and rings IPCC from the WPSS frame; the guest's SMP2P
 * interrupt count must rise. It also checks that Linux's own kick reached
 * the WPSS frame.
 *
 * Needs RPROCSIM_BUILD (the build folder with qemu/ and guest/).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "guest-fixture.h"
#include "ipcc.h"
#include "smp2p.h"

#include "subsys.h"
#include "rprocsim/qcs6490-map.h"
#include "rprocsim/tcsr-mutex-regs.h"

/* The map and the WPSS's descriptor (boards/qcs6490-subsys.c) */
#define WPSS            rprocsim_subsys_find(&rprocsim_qcs6490_board, "wpss")
#define SMEM_BASE       QCS6490_SIM_SMEM_BASE
#define SMEM_SIZE       ((uint32_t)QCS6490_SIM_SMEM_SIZE)
#define SMEM_LOCK_REG   (QCS6490_SIM_MUTEX_BASE + QCS6490_SIM_SMEM_HWLOCK * TCSR_MUTEX_STRIDE)
#define WPSS_HOST       (WPSS->smem_host)
#define WPSS_HWLOCK_ID  (WPSS_HOST + 1)     /* SMEM host + 1, as Qualcomm remotes use */
#define WPSS_OUT_ITEM   (WPSS->smp2p_in_item)   /* written by the WPSS */
#define WPSS_IN_ITEM    (WPSS->smp2p_out_item)  /* written by Linux */
#define IPCC_FRAME(c)   (QCS6490_SIM_IPCC_BASE + (c) * (uint64_t)IPCC_FRAME_SIZE)
#define IRQ_WAIT_S      30.0

/* Sum of the per-CPU counts of the /proc/interrupts line ending in @name */
static unsigned long irq_count(const char *name)
{
    g_autofree char *text = sys_guest("cat /proc/interrupts");
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

    for (char **l = lines; *l; l++) {
        g_auto(GStrv) w = g_strsplit_set(g_strstrip(*l), " \t", -1);
        guint n = g_strv_length(w);
        unsigned long sum = 0;

        if (n < 2 || !g_str_equal(w[n - 1], name)) {
            continue;
        }
        for (guint i = 1; i < n; i++) {
            guint64 v;

            if (!*w[i]) {
                continue;
            }
            if (!g_ascii_string_to_unsigned(w[i], 10, 0, G_MAXUINT64, &v, NULL)) {
                break;
            }
            sum += v;
        }
        return sum;
    }
    ck_abort_msg("no '%s' in /proc/interrupts:\n%s", name, text);
    return 0;
}

/* The remote side's view of SMEM and the mutex, through qtest */
static uint32_t qt_read32(void *ctx, uint32_t off)
{
    g_autoptr(GError) err = NULL;
    uint32_t v = 0;

    ck_assert_msg(rp_qtest_readl(sys_qt, SMEM_BASE + off, &v, &err), "%s", err->message);
    return v;
}

static void qt_write32(void *ctx, uint32_t off, uint32_t v)
{
    g_autoptr(GError) err = NULL;

    ck_assert_msg(rp_qtest_writel(sys_qt, SMEM_BASE + off, v, &err), "%s", err->message);
}

static void qt_barrier(void *ctx)
{
    /* qtest commands complete in order */
}

static int qt_trylock(void *ctx)
{
    uint32_t owner = 0;

    ck_assert(rp_qtest_writel(sys_qt, SMEM_LOCK_REG, WPSS_HWLOCK_ID, NULL));
    ck_assert(rp_qtest_readl(sys_qt, SMEM_LOCK_REG, &owner, NULL));
    return owner == WPSS_HWLOCK_ID;
}

static void qt_unlock(void *ctx)
{
    ck_assert(rp_qtest_writel(sys_qt, SMEM_LOCK_REG, 0, NULL));
}

static const struct rp_shmem qt_smem = { qt_read32, qt_write32, qt_barrier, NULL, SMEM_SIZE };
static const struct rp_hwlock qt_lock = { qt_trylock, qt_unlock, NULL, 100000 };

START_TEST(ipc_drivers_bind_without_errors)
{
    g_autofree char *smp2p = NULL, *smem = NULL, *ipcc = NULL, *lock = NULL;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    smp2p = sys_guest("ls /sys/bus/platform/drivers/qcom_smp2p");
    ck_assert_msg(strstr(smp2p, "smp2p-adsp") && strstr(smp2p, "smp2p-cdsp") &&
                  strstr(smp2p, "smp2p-wpss"), "smp2p devices bound: %s", smp2p);
    smem = sys_guest("ls /sys/bus/platform/drivers/qcom-smem");
    ck_assert_msg(strstr(smem, "smem"), "smem not bound: %s", smem);
    ipcc = sys_guest("ls /sys/bus/platform/drivers/qcom-ipcc");
    ck_assert_msg(strstr(ipcc, "408000.mailbox"), "ipcc not bound: %s", ipcc);
    lock = sys_guest("ls /sys/bus/platform/drivers/qcom_hwspinlock");
    ck_assert_msg(strstr(lock, "1f40000.hwlock"), "mutex not bound: %s", lock);

    {
        static const char *const keywords[] = { "smem", "smp2p", "ipcc", "hwspinlock", "hwlock", NULL };

        sys_assert_no_warnings(keywords);
    }
}
END_TEST

/* Linux's kick at SMP2P probe is pending in the WPSS frame */
START_TEST(guest_kick_reaches_the_remote_frame)
{
    const uint32_t from_apss = IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P;
    uint32_t id = 0;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    ck_assert(rp_qtest_writel(sys_qt, IPCC_FRAME(IPCC_CLIENT_WPSS) + 0x14, from_apss, NULL));
    ck_assert(rp_qtest_readl(sys_qt, IPCC_FRAME(IPCC_CLIENT_WPSS) + 0x10, &id, NULL));
    ck_assert_uint_eq(id, from_apss);
    ck_assert(rp_qtest_writel(sys_qt, IPCC_FRAME(IPCC_CLIENT_WPSS) + 0x1c, from_apss, NULL));
    ck_assert(rp_qtest_readl(sys_qt, IPCC_FRAME(IPCC_CLIENT_WPSS) + 0x10, &id, NULL));
    ck_assert_uint_eq(id, IPCC_NO_PENDING);
}
END_TEST

START_TEST(remote_bit_raises_guest_interrupt)
{
    struct rp_smem_part part;
    struct rp_smp2p edge;
    uint32_t entry, value = 0xdead;
    unsigned long before, now;
    gint64 deadline;

    ck_assert_msg(!sys_boot_error, "boot failed: %s", sys_boot_error);
    /* Linux's outbound item is there with its "master-kernel" entry, stop bit clear */
    ck_assert_int_eq(rp_smem_find_partition(&qt_smem, WPSS_HOST, &part), RP_OK);
    ck_assert_int_eq(rp_smp2p_open(&edge, &qt_smem, &qt_lock, &part, WPSS_OUT_ITEM,
                                   WPSS_IN_ITEM, WPSS_HOST, 0), RP_OK);
    ck_assert_int_eq(rp_smp2p_peer_value(&edge, "master-kernel", &value), RP_OK);
    ck_assert_uint_eq(value, 0);

    before = irq_count("smp2p-wpss");
    ck_assert_int_eq(rp_smp2p_add_entry(&edge, "slave-kernel", &entry), RP_OK);
    rp_smp2p_publish(&edge);
    ck_assert_int_eq(rp_smp2p_update(&edge, entry, 1u << 1, 1u << 1), 1);   /* ready */
    ck_assert(rp_qtest_writel(sys_qt, IPCC_FRAME(IPCC_CLIENT_WPSS) + 0x0c,
                              IPCC_CLIENT_APSS << 16 | IPCC_SIGNAL_SMP2P, NULL));

    deadline = g_get_monotonic_time() + (gint64)(IRQ_WAIT_S * G_USEC_PER_SEC);
    while ((now = irq_count("smp2p-wpss")) == before &&
           g_get_monotonic_time() < deadline) {
        g_usleep(100 * 1000);
    }
    ck_assert_msg(now > before, "smp2p-wpss interrupts stayed at %lu", before);
}
END_TEST

Suite *rp_test_suite(void)
{
    /* the last two change what they look at: a guest each */
    const RpTest tests[] = {
        { "qcs6490-sim", ipc_drivers_bind_without_errors },
        { "guest-kick", guest_kick_reaches_the_remote_frame },
        { "remote-bit", remote_bit_raises_guest_interrupt },
    };

    return sys_suite("ipc", tests, G_N_ELEMENTS(tests),
                     &(SysBootOptions){ .qtest = true, .wait_modules = true });
}
