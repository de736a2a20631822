/*
 * rprocsim qcs6490-sim: the memory map and interrupt numbers of the
 * simulated QCS6490, as the board builds it and as the firmware, the tools
 * and the tests see it. The per-subsystem facts (carveouts, Q6SS blocks,
 * SMEM items, IPCC clients, watchdog interrupts) are in the subsystem
 * descriptors, boards/qcs6490-subsys.c.
 *
 * Addresses follow the sc7280 device tree (arch/arm64/boot/dts/qcom/
 * sc7280.dtsi) and the RB3 Gen2 overrides (qcs6490-rb3gen2.dts) of Linux
 * 6.12; see docs/machine.md for every place where the simulated SoC differs.
 *
 * Freestanding: no includes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_QCS6490_MAP_H
#define RPROCSIM_QCS6490_MAP_H

/*
 * Cores: application processor cores (Kryo 670 on the real SoC) plus one
 * Cortex-M4 stand-in core per subsystem (aDSP, cDSP, WPSS). -smp counts
 * both, as QEMU's MTTCG needs: -smp N gives N - 3 application cores.
 */
#define QCS6490_SIM_STANDIN_CORES     3
#define QCS6490_SIM_DEFAULT_AP_CPUS   2
#define QCS6490_SIM_MAX_AP_CPUS       8
#define QCS6490_SIM_STANDIN_CPU_HZ    200000000

/*
 * What each stand-in core sees (docs/subsystems.md): its carveout and SMEM
 * at their physical addresses, and these blocks.
 */
#define QCS6490_SIM_CORE_IPCC_FRAME   0x40000000ULL
#define QCS6490_SIM_CORE_MUTEX        0x40100000ULL
#define QCS6490_SIM_CORE_Q6SS         0x40200000ULL

/* DRAM starts at 0x80000000 as on sc7280 (sc7280.dtsi memory@80000000). */
#define QCS6490_SIM_DRAM_BASE         0x80000000ULL
#define QCS6490_SIM_DEFAULT_RAM       0x40000000ULL     /* 1 GiB */
#define QCS6490_SIM_MIN_RAM           0x20000000ULL     /* 512 MiB */
#define QCS6490_SIM_MAX_RAM           0x400000000ULL    /* 16 GiB */

/* GICv3 distributor and redistributors (sc7280.dtsi intc@17a00000). */
#define QCS6490_SIM_GICD_BASE         0x17a00000ULL
#define QCS6490_SIM_GICD_SIZE         0x10000ULL
#define QCS6490_SIM_GICR_BASE         0x17a60000ULL
#define QCS6490_SIM_GICR_STRIDE       0x20000ULL
/*
 * Interrupt IDs the GIC exposes, the 32 SGIs/PPIs included. sc7280 uses
 * SPIs up to 606 (INTID 638), so at least 640.
 */
#define QCS6490_SIM_GIC_NUM_IRQ       640

/*
 * Debug console: a PL011 at the address and SPI of the GENI debug UART
 * (sc7280.dtsi uart5: serial@994000, GIC_SPI 606). QEMU has no GENI model.
 */
#define QCS6490_SIM_UART_BASE         0x00994000ULL
#define QCS6490_SIM_UART_SIZE         0x1000ULL
#define QCS6490_SIM_UART_SPI          606

/*
 * Agent channel: a second PL011 (ttyAMA1), not present on the real board,
 * that carries the host's commands to the in-guest agent so that they never
 * mix with kernel messages on the console. It sits at the address and SPI
 * of the QUP serial engine next to the debug UART (se6: 0x998000, SPI 607),
 * which RB3 Gen2 does not use.
 */
#define QCS6490_SIM_AGENT_UART_BASE   0x00998000ULL
#define QCS6490_SIM_AGENT_UART_SPI    607

/*
 * TCSR block holding the download-mode register that qcom_scm reaches
 * through SCM IO calls (sc7280.dtsi tcsr_2: syscon@1fc0000; the scm node's
 * qcom,dload-mode = <&tcsr_2 0x13000>).
 */
#define QCS6490_SIM_TCSR2_BASE        0x01fc0000ULL
#define QCS6490_SIM_TCSR2_SIZE        0x30000ULL
#define QCS6490_SIM_DLOAD_MODE_OFFSET 0x13000

/* TCSR hardware mutex (sc7280.dtsi tcsr_mutex: hwlock@1f40000); SMEM uses lock 3 */
#define QCS6490_SIM_MUTEX_BASE        0x01f40000ULL
#define QCS6490_SIM_SMEM_HWLOCK       3

/*
 * IPCC, protocol 0 (MPROC): one 4 KiB frame per client from 0x400000; Linux
 * maps the APSS (client 8) frame (sc7280.dtsi ipcc: mailbox@408000, SPI 229).
 */
#define QCS6490_SIM_IPCC_BASE         0x00400000ULL
#define QCS6490_SIM_IPCC_APSS_FRAME   0x00408000ULL
#define QCS6490_SIM_IPCC_SPI          229

/*
 * SMEM (sc7280.dtsi smem_mem: smem@80900000) and the partitions the board
 * pre-builds: global, and one per remote host shared with the AP (host ids
 * adsp 2, cdsp 5, wpss 13). The item limit lets items 600+ exist.
 */
#define QCS6490_SIM_SMEM_BASE         0x80900000ULL
#define QCS6490_SIM_SMEM_SIZE         0x200000ULL
#define QCS6490_SIM_SMEM_ITEMS        1024
/* the global partition; each subsystem's is in its descriptor */
#define QCS6490_SIM_SMEM_GLOBAL_OFFSET 0x004000
#define QCS6490_SIM_SMEM_GLOBAL_SIZE  0x100000

/* cmd-db, published by the AOP (sc7280.dtsi aop_cmd_db_mem) */
#define QCS6490_SIM_CMD_DB_BASE       0x80860000ULL
#define QCS6490_SIM_CMD_DB_SIZE       0x20000ULL

/*
 * RPMh RSC of the application processor (sc7280.dtsi apps_rsc): three DRV
 * regions, Linux uses drv-2 and its interrupt (SPI 5).
 */
#define QCS6490_SIM_RSC_BASE          0x18200000ULL
#define QCS6490_SIM_RSC_DRV           2
#define QCS6490_SIM_RSC_SPI_BASE      3           /* drv-0..2: SPI 3, 4, 5 */

/* AOSS QMP message RAM (sc7280.dtsi aoss_qmp: power-management@c300000) */
#define QCS6490_SIM_AOSS_QMP_BASE     0x0c300000ULL

/* rpmhpd domain indices (include/dt-bindings/power/qcom,rpmhpd.h) */
#define QCS6490_SIM_RPMHPD_CX         0

/* Board clocks (sc7280.dtsi /clocks, rb3gen2 xo-board frequency). */
#define QCS6490_SIM_XO_BOARD_HZ       76800000
#define QCS6490_SIM_SLEEP_CLK_HZ      32764

#endif /* RPROCSIM_QCS6490_MAP_H */
