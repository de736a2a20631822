/*
 * rprocsim qcs6490-sim: the remote processors of the QCS6490, one
 * descriptor each (include/rprocsim/subsys.h). Values from sc7280.dtsi and
 * qcs6490-rb3gen2.dts (nodes, carveouts, SMP2P items, IPCC clients,
 * interrupts, power domains) and drivers/remoteproc/qcom_q6v5_pas.c
 * (sc7280 pas_data: pas_id, crash_reason_smem, minidump_id, auto_boot) of
 * Linux 6.12. The sw_ids of aDSP and cDSP are Qualcomm's; WPSS has no
 * public one, 0x25 is the simulator's choice. The aDSP watchdog goes
 * straight to the GIC here instead of through PDC pin 6.
 *
 * No QEMU headers: compiled into QEMU, the host tools and the tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rprocsim/subsys.h"
#include "rprocsim/ipcc-regs.h"

/* rpmhpd indices (include/dt-bindings/power/qcom,rpmhpd.h) */
#define RPMHPD_CX   0
#define RPMHPD_MX   4
#define RPMHPD_LMX  6
#define RPMHPD_LCX  7

static const RprocsimSubsys qcs6490_subsys[] = {
    {
        .name = "adsp",
        .compatible = "qcom,sc7280-adsp-pas",
        .firmware_name = "qcom/qcs6490/adsp.mbn",
        .reg_base = 0x03700000,
        .reg_size = 0x100,
        .carveout_base = 0x86100000,
        .carveout_size = 0x2800000,
        .auto_boot = true,
        .pas_id = 1,
        .sw_id = 0x04,
        .crash_item = 423,
        .pd_names = { "lcx", "lmx" },
        .pds = { RPMHPD_LCX, RPMHPD_LMX },
        .wdog_spi = 486,
        .ssctl_id = 0x14,
        .glink_label = "lpass",
        .smem_host = 2,
        .smem_part_offset = 0x104000,
        .smem_part_size = 0x20000,
        .smp2p_in_item = 443,
        .smp2p_out_item = 429,
        .ipcc_client = IPCC_CLIENT_LPASS,
    },
    {
        .name = "cdsp",
        .compatible = "qcom,sc7280-cdsp-pas",
        .firmware_name = "qcom/qcs6490/cdsp.mbn",
        .reg_base = 0x0a300000,
        .reg_size = 0x10000,
        .carveout_base = 0x88900000,
        .carveout_size = 0x1e00000,
        .auto_boot = true,
        .pas_id = 18,
        .sw_id = 0x17,
        .crash_item = 601,
        .pd_names = { "cx", "mx" },
        .pds = { RPMHPD_CX, RPMHPD_MX },
        .wdog_spi = 578,
        .ssctl_id = 0x17,
        .glink_label = "cdsp",
        .smem_host = 5,
        .smem_part_offset = 0x124000,
        .smem_part_size = 0x20000,
        .smp2p_in_item = 94,
        .smp2p_out_item = 432,
        .ipcc_client = IPCC_CLIENT_CDSP,
    },
    {
        .name = "wpss",
        .compatible = "qcom,sc7280-wpss-pas",
        .firmware_name = "qcom/qcs6490/wpss.mbn",
        .reg_base = 0x08a00000,
        .reg_size = 0x10000,
        .carveout_base = 0x84800000,
        .carveout_size = 0x1900000,
        .auto_boot = false,
        .pas_id = 6,
        .sw_id = 0x25,
        .crash_item = 626,
        .minidump_id = 4,
        .pd_names = { "cx", "mx" },
        .pds = { RPMHPD_CX, RPMHPD_MX },
        .wdog_spi = 587,
        .ssctl_id = 0x19,
        .glink_label = "wpss",
        .smem_host = 13,
        .smem_part_offset = 0x144000,
        .smem_part_size = 0x20000,
        .smp2p_in_item = 617,
        .smp2p_out_item = 616,
        .smp2p_wlan = true,
        .ipcc_client = IPCC_CLIENT_WPSS,
    },
};

const RprocsimBoard rprocsim_qcs6490_board = {
    .machine = "qcs6490-sim",
    .summary = "Qualcomm QCS6490: aDSP, cDSP and WPSS under qcom_q6v5_pas",
    .ap_cpu = "cortex-a55",
    .family = RPROCSIM_FAMILY_QCOM_PAS,
    .auto_warp = true,  /* the Q6SS stand-ins idle in WFI between the kernel's requests */
    .subsys = qcs6490_subsys,
    .count = sizeof(qcs6490_subsys) / sizeof(qcs6490_subsys[0]),
};
