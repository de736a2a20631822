/*
 * rprocsim RPMh RSC: the application processor's DRV (drv-2) of the RPMh
 * resource state coordinator, so that the built-in rpmh-rsc, rpmhpd and
 * clk-rpmh drivers probe and their votes complete. Register logic in
 * models/rpmh-rsc.c; every applied vote is traced and kept, and the QOM
 * property "votes" lists them by cmd-db name.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_HW_RPMH_RSC_H
#define RPROCSIM_HW_RPMH_RSC_H

#include "hw/sysbus.h"
#include "qom/object.h"
#include "hw/rprocsim/models/cmd-db.h"
#include "hw/rprocsim/models/rpmh-rsc.h"

#define TYPE_RPROCSIM_RPMH_RSC "rprocsim-rpmh-rsc"
OBJECT_DECLARE_SIMPLE_TYPE(RprocsimRpmhRscState, RPROCSIM_RPMH_RSC)

#define RPMH_RSC_DRV_SIZE       0x10000

struct RprocsimRpmhRscState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;
    RscState state;

    /* configuration: cmd-db, to name the resources (set by the board) */
    const CmdDbEntry *cmd_db;
    unsigned cmd_db_count;
};

/* Give the resource table used to name votes (must outlive the device). */
void rprocsim_rpmh_rsc_set_cmd_db(RprocsimRpmhRscState *s, const CmdDbEntry *entries,
                                  unsigned n);

#endif /* RPROCSIM_HW_RPMH_RSC_H */
