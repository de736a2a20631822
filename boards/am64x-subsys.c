/*
 * rprocsim am64x-sim: the remote processors of the AM64x that the board
 * simulates, the two R5F cores of main_r5fss0 in split mode, one
 * descriptor each (include/rprocsim/subsys.h). Values from
 * arch/arm64/boot/dts/ti/k3-am64-main.dtsi (nodes, TCMs, TI-SCI device and
 * processor ids, firmware names) and k3-am642-evm.dts (reserved memory,
 * mailbox FIFOs) of Linux 6.12. The cores' mailbox users 0 and 1 are the
 * simulator's choice (the EVM's R5F firmware picks its own).
 *
 * No QEMU headers: compiled into QEMU, the host tools and the tests.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "rprocsim/subsys.h"

static const RprocsimSubsys am64x_subsys[] = {
    {
        .name = "r5f0_0",
        .compatible = "ti,am64-r5f",
        .firmware_name = "am64-main-r5f0_0-fw",
        .node_name = "r5f",
        .reg_base = 0x78000000,
        .reg_size = 0x10000,
        .btcm_base = 0x78100000,
        .btcm_size = 0x10000,
        .carveout_base = 0xa0100000,
        .carveout_size = 0xf00000,
        .dma_pool_base = 0xa0000000,
        .dma_pool_size = 0x100000,
        .auto_boot = true,
        .sci_dev_id = 121,
        .sci_proc_id = 0x01,
        .mbox_rx_fifo = 0,
        .mbox_tx_fifo = 1,
        .mbox_core_user = 0,
    },
    {
        .name = "r5f0_1",
        .compatible = "ti,am64-r5f",
        .firmware_name = "am64-main-r5f0_1-fw",
        .node_name = "r5f",
        .reg_base = 0x78200000,
        .reg_size = 0x8000,
        .btcm_base = 0x78300000,
        .btcm_size = 0x8000,
        .carveout_base = 0xa1100000,
        .carveout_size = 0xf00000,
        .dma_pool_base = 0xa1000000,
        .dma_pool_size = 0x100000,
        .auto_boot = true,
        .sci_dev_id = 122,
        .sci_proc_id = 0x02,
        .mbox_rx_fifo = 2,
        .mbox_tx_fifo = 3,
        .mbox_core_user = 1,
    },
};

const RprocsimBoard rprocsim_am64x_board = {
    .machine = "am64x-sim",
    .summary = "TI AM64x: the two R5F cores of main_r5fss0 under ti_k3_r5_remoteproc",
    .ap_cpu = "cortex-a53",
    .family = RPROCSIM_FAMILY_TI_K3,
    .auto_warp = false, /* fault busy:MS keeps an R5F core executing for its length */
    .subsys = am64x_subsys,
    .count = sizeof(am64x_subsys) / sizeof(am64x_subsys[0]),
};
