/*
 * rprocsim TI-SCI: the DMSC (system controller) of the simulated AM64x,
 * answering the A53s' TI-SCI requests with models/ti-sci.c and carrying
 * out their effects on the R5F cores (hw/k3-r5f.h): module power, local
 * reset, HALT, boot vector, status. Its requests arrive through the secure
 * proxy (hw/k3-sec-proxy.c, rprocsim_ti_sci_request()). Described in
 * docs/am64x.md; wire format include/rprocsim/ti-sci-msg.h.
 *
 * Properties (before realize): "host-id" (the A53s' ti,host-id, default
 * AM64X_SIM_TISCI_HOST_A53), "cluster-dev-id" (the R5F cluster's device,
 * default AM64X_SIM_SCI_DEV_R5FSS0), links "r5f0-0" and "r5f0-1" to the
 * cores (TYPE_RPROCSIM_K3_R5F; each core's device and processor ids come
 * from its "sci-dev-id" and "sci-proc-id"; an unset link leaves that
 * core's ids answered with NACKs).
 *
 * QOM, read-only: "requests" and "nacks" (counts since reset), "count-KIND"
 * for each message kind ("count-SET_DEVICE_STATE", ...), and per core,
 * named by its descriptor (boards/am64x-subsys.c): "r5f0_0-status" (its
 * GET_STATUS status word), "r5f0_0-state" (the device's programmed/current
 * state, e.g. "on/on", and "reset" while its local reset is held),
 * "r5f0_0-owner" (the processor's owner host, 255 for none); "last-nack"
 * (the reason of the last NACK).
 *
 * MMIO region 0: the "debug_messages" window (AM64X_SIM_DMSC_DEBUG_SIZE
 * bytes): reads give the firmware's text log, NUL-terminated, then zeros;
 * writes are ignored and logged.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_TI_SCI_H
#define RPROCSIM_HW_TI_SCI_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/hw/k3-r5f.h"
#include "hw/rprocsim/models/ti-sci.h"
#include "rprocsim/am64x-map.h"

#define TYPE_RPROCSIM_TI_SCI "rprocsim-ti-sci"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimTiSciState, RPROCSIM_TI_SCI)

#define RPROCSIM_TI_SCI_CORES 2

struct RprocsimTiSciState {
    SysBusDevice parent_obj;

    MemoryRegion debug;
    TiSciState sci;
    uint8_t last_nack[sizeof(((TiSciReport *)0)->reason)];     /* NUL-terminated */
    uint8_t debug_text[AM64X_SIM_DMSC_DEBUG_SIZE];  /* the debug_messages window */

    /* configuration (properties) */
    uint8_t host_id;
    uint32_t cluster_dev_id;
    RprocsimK3R5fState *core[RPROCSIM_TI_SCI_CORES];
};

/*
 * Handle the TI-SCI request of @len bytes at @req arriving on the A53s'
 * channel. Writes the response (TI_SCI_MAX_MSG_SIZE bytes at @resp,
 * zero-filled past its length) and returns its length, 0 for none.
 * BQL held: the effects reach the R5F cores at once.
 */
size_t rprocsim_ti_sci_request(RprocsimTiSciState *s, const uint8_t *req, size_t len,
                               uint8_t resp[TI_SCI_MAX_MSG_SIZE]);

#endif /* RPROCSIM_HW_TI_SCI_H */
