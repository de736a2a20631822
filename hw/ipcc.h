/*
 * rprocsim IPCC: the Qualcomm inter-processor communication controller,
 * protocol 0 (MPROC), one 4 KiB frame per client from the block's base.
 * The routing logic is models/ipcc.c; this is the register shell. Each
 * client frame has its own interrupt output (sysbus IRQ number = client):
 * the board wires APSS's to the GIC and the subsystems' to their cores.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_IPCC_H
#define RPROCSIM_HW_IPCC_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/models/ipcc.h"

#define TYPE_RPROCSIM_IPCC "rprocsim-ipcc"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimIpccState, RPROCSIM_IPCC)

struct RprocsimIpccState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq[IPCC_CLIENTS];
    IpccState state;
};

/*
 * Register access to client @client's frame by a device model that plays
 * that client's firmware (e.g. the AOP behind AOSS QMP): the same effect as
 * the client's own MMIO access to @reg (a frame offset). Call with the BQL.
 */
uint32_t rprocsim_ipcc_client_read(RprocsimIpccState *s, unsigned client, hwaddr reg);
void rprocsim_ipcc_client_write(RprocsimIpccState *s, unsigned client, hwaddr reg,
                                uint32_t value);

#endif /* RPROCSIM_HW_IPCC_H */
