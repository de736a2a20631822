/*
 * rprocsim firmware stubs: what a stand-in core sees (docs/subsystems.md).
 * The Q6SS and IPCC maps and the addresses come from the shared layout
 * headers; only the Cortex-M system registers are the firmware's own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_FW_REGS_H
#define RPROCSIM_FW_REGS_H

#include <stdint.h>

#include "../lib/mmio.h"
#include "rprocsim/ipcc-regs.h"
#include "rprocsim/q6ss-regs.h"
#include "rprocsim/qcs6490-map.h"
#include "rprocsim/tcsr-mutex-regs.h"

/* The core's view (qcs6490-map.h): SMEM where it is, blocks in peripheral space */
#define SMEM_BASE               ((uint32_t)QCS6490_SIM_SMEM_BASE)
#define SMEM_SIZE               ((uint32_t)QCS6490_SIM_SMEM_SIZE)
#define SMEM_HWLOCK             QCS6490_SIM_SMEM_HWLOCK
#define IPCC_FRAME              ((uint32_t)QCS6490_SIM_CORE_IPCC_FRAME)
#define MUTEX_BASE              ((uint32_t)QCS6490_SIM_CORE_MUTEX)
#define Q6SS_BASE               ((uint32_t)QCS6490_SIM_CORE_Q6SS)
#define CPU_HZ                  QCS6490_SIM_STANDIN_CPU_HZ

/* Cortex-M system registers (ARMv7-M Architecture Reference Manual, B3) */
#define SYST_CSR                0xe000e010u
#define SYST_RVR                0xe000e014u
#define SYST_CVR                0xe000e018u
#define NVIC_ISER0              0xe000e100u
#define NVIC_ICER0              0xe000e180u
#define NVIC_ICPR0              0xe000e280u
#define SCB_ICSR                0xe000ed04u
#define   SCB_ICSR_PENDSTCLR    (1u << 25)
#define SCB_SHCSR               0xe000ed24u
#define SCB_CFSR                0xe000ed28u
#define SCB_HFSR                0xe000ed2cu
#define SCB_MMFAR               0xe000ed34u
#define SCB_BFAR                0xe000ed38u

#define TICK_MS                 10

static inline uint32_t q6ss(uint32_t reg)
{
    return readl(Q6SS_BASE + reg);
}

#endif /* RPROCSIM_FW_REGS_H */
