/*
 * rprocsim firmware stubs: what a stand-in core sees (docs/subsystems.md).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_REGS_H
#define RPROCSIM_FW_REGS_H

#include <stdint.h>

#define SMEM_BASE               0x80900000u
#define SMEM_SIZE               0x200000u
#define IPCC_FRAME              0x40000000u
#define MUTEX_BASE              0x40100000u
#define Q6SS_BASE               0x40200000u

#define IPCC_SEND_ID            0x0c
#define IPCC_RECV_ID            0x10
#define IPCC_ENABLE             0x14
#define IPCC_CLEAR              0x1c
#define IPCC_NO_PENDING         0xffffffffu
#define IPCC_CLIENT_APSS        8
#define IPCC_SIGNAL_SMP2P       2

#define SMEM_HWLOCK             3

#define Q6SS_STATUS             0x004
#define Q6SS_BOOT_COUNT         0x008
#define Q6SS_HOST_ID            0x00c
#define Q6SS_IPCC_CLIENT        0x010
#define Q6SS_SMEM_ITEMS         0x014
#define Q6SS_CRASH_ITEM         0x018
#define Q6SS_WDOG_PET           0x100
#define Q6SS_WDOG_CTL           0x104
#define Q6SS_WDOG_BARK_TIME     0x108
#define Q6SS_WDOG_BITE_TIME     0x10c
#define Q6SS_FAULT_ACTION       0x200
#define Q6SS_FAULT_ARG          0x204
#define Q6SS_FAULT_ACK          0x208
#define Q6SS_FAULT_MSG          0x240
#define Q6SS_UART_TX            0x300

/* FAULT_ACTION values (hw/q6ss.h) */
#define FAULT_NONE              0
#define FAULT_NO_READY          1
#define FAULT_READY_DELAY       2
#define FAULT_FATAL             3
#define FAULT_WILD_POINTER      4
#define FAULT_HANG              5
#define FAULT_IGNORE_STOP       6
#define FAULT_WDOG_ON_STOP      7
#define FAULT_NO_MINIDUMP       8

/* Cortex-M system registers */
#define SYST_CSR                0xe000e010u
#define SYST_RVR                0xe000e014u
#define SYST_CVR                0xe000e018u
#define NVIC_ISER0              0xe000e100u
#define SCB_SHCSR               0xe000ed24u
#define SCB_CFSR                0xe000ed28u
#define SCB_HFSR                0xe000ed2cu
#define SCB_MMFAR               0xe000ed34u
#define SCB_BFAR                0xe000ed38u

#define CPU_HZ                  200000000u      /* QCS6490_SIM_STANDIN_CPU_HZ */
#define TICK_MS                 10

static inline uint32_t readl(uint32_t addr)
{
    return *(volatile uint32_t *)addr;
}

static inline void writel(uint32_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t q6ss(uint32_t reg)
{
    return readl(Q6SS_BASE + reg);
}

#endif /* RPROCSIM_FW_REGS_H */
