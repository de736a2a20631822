/*
 * rprocsim K3 R5F core: one simulated Cortex-R5F core of an AM64x R5F
 * cluster, with the things around it: the QEMU cortex-r5f vCPU in a CPU
 * cluster of its own, the core's address space (ATCM and BTCM at their R5
 * addresses, DDR, the mailbox cluster), its TCM RAM (also mapped at the
 * SoC addresses by the board) and the simulator's control block
 * (include/rprocsim/k3-r5f-ctl-regs.h: identity, faults, debug UART).
 *
 * The DMSC (hw/ti-sci.c) drives it with what TI-SCI asks: module power
 * (SET_DEVICE_STATE), local reset (SET_DEVICE_RESETS), HALT (SET_CTRL) and
 * the boot vector (SET_CONFIG), and reads its status (GET_STATUS). The core
 * runs while its module is on, its local reset released and HALT clear;
 * HALT set while it runs is not effective (ti_k3_r5_remoteproc.c
 * k3_r5_rproc_stop(), Linux 6.12), local reset or module off stop it.
 * Described in docs/am64x.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_K3_R5F_H
#define RPROCSIM_HW_K3_R5F_H

#include "hw/sysbus.h"
#include "hw/cpu/cluster.h"
#include "chardev/char-fe.h"
#include "qom/object.h"
#include "target/arm/cpu.h"
#include "hw/rprocsim/hw/core-state.h"
#include "rprocsim/k3-r5f-ctl-regs.h"

#define TYPE_RPROCSIM_K3_R5F "rprocsim-k3-r5f"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimK3R5fState, RPROCSIM_K3_R5F)

/*
 * Properties, all to be set before realize:
 *  - "name": the core's descriptor name ("r5f0_0"), for traces and logs;
 *  - "core-index": 0 or 1, what the control block's CORE register says;
 *  - "cluster-id": the CPU cluster's id (0 is the application cores');
 *  - "mp-affinity": the vCPU's MPIDR, one no PSCI call reaches;
 *  - "atcm-size", "btcm-size": bytes;
 *  - "sci-dev-id", "sci-proc-id": its TI-SCI device and processor ids;
 *  - "mbox": K3_R5F_CTL_REG_MBOX value (user, rx FIFO, tx FIFO);
 *  - "ram" (link) at "ram-base": DDR, mapped into the core's space at the
 *    same address;
 *  - "mailbox" (link): the mailbox cluster's MemoryRegion, mapped into the
 *    core's space at "mailbox-base";
 *  - "chardev": optional, the debug UART's backend.
 * QOM "fault" (string, a K3_R5F_FAULTS name, optionally "name:arg:message"
 * as on the Q6SS), "running" (bool, read-only), "boot-count" (read-only),
 * "status" (read-only, rprocsim_k3_r5f_status()).
 * MMIO region 0: the ATCM, 1: the BTCM, for the board to map at their SoC
 * addresses. GPIO input 0: the core's IRQ (its mailbox user's interrupt).
 *
 * The vCPU's IRQ input is GPIO input 0 OR'd with the fault line, which is
 * a level: high from the moment "fault" sets an action other than "none"
 * until the firmware writes FAULT_ACK (or "fault" is set to "none"). So a
 * core idle in WFI, even with IRQs masked, wakes for the fault, and one
 * that is off finds it, still pending, at its next boot.
 *
 * Test-only QOM properties (bool, write-only), which call the functions
 * below as TI-SCI would, for qtests of the core without the DMSC:
 * "x-module-on", "x-local-reset", "x-halt"; and "x-boot-vector" (uint32).
 */
struct RprocsimK3R5fState {
    SysBusDevice parent_obj;

    CPUClusterState cluster;
    ARMCPU cpu;                 /* a child of the cluster */
    MemoryRegion space;         /* what the core sees */
    MemoryRegion atcm;
    MemoryRegion btcm;
    MemoryRegion atcm_alias;    /* the TCMs at their R5 addresses */
    MemoryRegion btcm_alias;
    MemoryRegion ram_alias;
    MemoryRegion mailbox_alias;
    MemoryRegion ctl;           /* the control block */
    CharBackend uart;
    GString *uart_line;
    RprocsimCoreWatch watch;    /* the core's state changes, as QMP events */
    qemu_irq cpu_irq;           /* the vCPU's ARM_CPU_IRQ input */

    /* configuration (properties) */
    char *name;
    uint32_t core_index;
    uint32_t cluster_id;
    uint64_t mp_affinity;
    uint32_t atcm_size;
    uint32_t btcm_size;
    uint32_t sci_dev_id;
    uint32_t sci_proc_id;
    uint32_t mbox;
    MemoryRegion *ram;
    uint64_t ram_base;
    MemoryRegion *mailbox;
    uint64_t mailbox_base;

    /* state */
    bool module_on;
    bool reset_held;
    bool halt;
    bool running;
    uint32_t boot_vector;
    uint32_t boots;
    uint32_t applied_boots;     /* the boot the vCPU was last started for */
    bool irq_in;                /* GPIO input 0 (the mailbox user's line) */
    uint32_t fault_action;
    uint32_t fault_arg;
    uint8_t fault_msg[K3_R5F_CTL_FAULT_MSG_LEN];
};

/*
 * TI-SCI SET_DEVICE_STATE / put_device of the core's module: @on true for
 * ON, false for AUTO_OFF (and RETENTION, which the model treats as off).
 * Powering off stops the core. BQL held.
 */
void rprocsim_k3_r5f_set_module(RprocsimK3R5fState *s, bool on);

/* SET_DEVICE_RESETS bit 0, the local reset: @held true asserts it. BQL held. */
void rprocsim_k3_r5f_set_local_reset(RprocsimK3R5fState *s, bool held);

/* PROC SET_CTRL CORE_HALT: set (@halt true) or cleared. BQL held. */
void rprocsim_k3_r5f_set_halt(RprocsimK3R5fState *s, bool halt);

/*
 * PROC SET_CONFIG boot vector (R5 address, 32 bits; the high word is
 * ignored), taken at the next release. BQL held.
 */
void rprocsim_k3_r5f_set_boot_vector(RprocsimK3R5fState *s, uint32_t addr);

/*
 * PROC GET_STATUS status flags (ti_k3_r5_remoteproc.c
 * PROC_BOOT_STATUS_FLAG_R5_*): WFI (0x2) while the core runs and its vCPU
 * is halted in WFI.
 */
uint32_t rprocsim_k3_r5f_status(RprocsimK3R5fState *s);

/* Whether the core runs (module on, local reset released, released from HALT). */
bool rprocsim_k3_r5f_running(RprocsimK3R5fState *s);

#endif /* RPROCSIM_HW_K3_R5F_H */
