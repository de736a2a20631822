/*
 * rprocsim am64x-sim: the memory map, interrupt numbers and TI-SCI
 * identities of the simulated TI AM64x, as the board builds it and as the
 * firmware, the tools and the tests see it. The per-core facts (TCMs,
 * carveouts, TI-SCI device and processor ids, mailbox FIFOs) are in the
 * descriptors, boards/am64x-subsys.c.
 *
 * Addresses follow arch/arm64/boot/dts/ti/k3-am64-main.dtsi and
 * k3-am642-evm.dts of Linux 6.12; docs/am64x.md lists every place where the
 * simulated SoC differs from an AM64x EVM.
 *
 * Freestanding: no includes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_AM64X_MAP_H
#define RPROCSIM_AM64X_MAP_H

/*
 * Cores: two Cortex-A53 application cores and the two Cortex-R5F cores of
 * main_r5fss0 (split mode). -smp counts both: -smp N gives N - 2 A53s.
 */
#define AM64X_SIM_R5F_CORES           2
#define AM64X_SIM_DEFAULT_AP_CPUS     2
#define AM64X_SIM_MAX_AP_CPUS         2

/* DDR (k3-am642-evm.dts memory@80000000) */
#define AM64X_SIM_DRAM_BASE           0x80000000ULL
#define AM64X_SIM_DEFAULT_RAM         0x40000000ULL     /* 1 GiB */
#define AM64X_SIM_MIN_RAM             0x40000000ULL     /* the R5F carveouts sit at 0xa0000000 */
#define AM64X_SIM_MAX_RAM             0x80000000ULL     /* 2 GiB, as the EVM */

/* GIC-500 (k3-am64-main.dtsi gic500: interrupt-controller@1800000), no ITS */
#define AM64X_SIM_GICD_BASE           0x01800000ULL
#define AM64X_SIM_GICD_SIZE           0x10000ULL
#define AM64X_SIM_GICR_BASE           0x01880000ULL
#define AM64X_SIM_GICR_STRIDE         0x20000ULL
#define AM64X_SIM_GIC_NUM_IRQ         256               /* SPIs up to 223 */

/*
 * Console and agent: PL011s at the addresses and SPIs of main_uart0 and
 * main_uart1 (serial@2800000, GIC_SPI 178; serial@2810000, GIC_SPI 179).
 * The EVM's UARTs are 8250-compatible; QEMU's PL011 keeps the host side
 * identical on both boards (ttyAMA0 console, ttyAMA1 agent).
 */
#define AM64X_SIM_UART_BASE           0x02800000ULL
#define AM64X_SIM_UART_SIZE           0x1000ULL
#define AM64X_SIM_UART_SPI            178
#define AM64X_SIM_AGENT_UART_BASE     0x02810000ULL
#define AM64X_SIM_AGENT_UART_SPI      179

/*
 * DMSC, the system controller answering TI-SCI (k3-am64-main.dtsi dmsc:
 * system-controller@44043000, compatible ti,k2g-sci): its debug_messages
 * window, the host id of the A53s and their secure proxy threads.
 */
#define AM64X_SIM_DMSC_DEBUG_BASE     0x44043000ULL
#define AM64X_SIM_DMSC_DEBUG_SIZE     0xfe0ULL
#define AM64X_SIM_TISCI_HOST_A53      12                /* ti,host-id */
#define AM64X_SIM_SPROXY_RX_THREAD    12                /* mboxes = <&secure_proxy_main 12>, rx */
#define AM64X_SIM_SPROXY_TX_THREAD    13                /* <&secure_proxy_main 13>, tx */

/* Secure proxy (secure_proxy_main: mailbox@4d000000, ti,am654-secure-proxy) */
#define AM64X_SIM_SPROXY_DATA_BASE    0x4d000000ULL     /* "target_data" */
#define AM64X_SIM_SPROXY_RT_BASE      0x4a600000ULL     /* "rt" */
#define AM64X_SIM_SPROXY_SCFG_BASE    0x4a400000ULL     /* "scfg" */
#define AM64X_SIM_SPROXY_REGION_SIZE  0x80000ULL
#define AM64X_SIM_SPROXY_RX_SPI       34                /* "rx_012" */

/*
 * TI-SCI device ids (k3-am64-main.dtsi): the R5F cluster's power domain
 * (power-domains = <&k3_pds 119 ...>); the cores' ids are in their
 * descriptors (121, 122).
 */
#define AM64X_SIM_SCI_DEV_R5FSS0      119

/*
 * K3 mailbox cluster 2 (mailbox0_cluster2: mailbox@29020000, ti,am64-mailbox,
 * four users, sixteen FIFOs). Linux is user 2 (k3-am642-evm.dts ti,mbox-rx
 * = <fifo 0 2>), its interrupt the first of the node's, GIC SPI 80; user 3
 * goes to SPI 81. Users 0 and 1 are wired to the IRQ input of R5F core 0
 * and core 1 (on the SoC through the R5F's VIM, which is not modelled).
 */
#define AM64X_SIM_MBOX_BASE           0x29020000ULL
#define AM64X_SIM_MBOX_SIZE           0x200ULL
#define AM64X_SIM_MBOX_USERS          4
#define AM64X_SIM_MBOX_FIFOS          16
#define AM64X_SIM_MBOX_LINUX_USER     2
#define AM64X_SIM_MBOX_SPI_BASE       80                /* user 2: SPI 80, user 3: SPI 81 */

/*
 * What an R5F core sees (docs/am64x.md): its ATCM at 0 and BTCM at
 * 0x41010000 (ti,loczrama = <1>), DDR at its physical addresses, the
 * mailbox cluster at its SoC address, and the simulator's own control
 * block (include/rprocsim/k3-r5f-ctl-regs.h), which the SoC has not.
 */
#define AM64X_SIM_R5F_ATCM_LOCAL      0x00000000ULL
#define AM64X_SIM_R5F_BTCM_LOCAL      0x41010000ULL
#define AM64X_SIM_R5F_CTL_BASE        0x3f000000ULL
#define AM64X_SIM_R5F_CPU_HZ          800000000

#endif /* RPROCSIM_AM64X_MAP_H */
