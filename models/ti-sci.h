/*
 * rprocsim models: the DMSC's TI-SCI service, as the guest's
 * drivers/firmware/ti_sci.c, drivers/pmdomain/ti/ti_sci_pm_domains.c,
 * drivers/reset/reset-ti-sci.c and drivers/remoteproc/ti_k3_r5_remoteproc.c
 * (Linux 6.12; ti_k3_common.c of 7.3) use it. Wire format:
 * include/rprocsim/ti-sci-msg.h.
 *
 * One request in, at most one response out (ti_sci_handle()). A response
 * echoes the request's type, host and seq; its flags hold
 * TI_SCI_FLAG_RESP_ACK, or 0 for a NACK (the header alone). A request
 * whose flags ask for no acknowledgement (neither ACK_ON_RECEIVED nor
 * ACK_ON_PROCESSED) is carried out but not answered.
 *
 * NACKed: a message shorter than its type's layout, an unknown type, a
 * header host other than the channel's, an unknown device or processor, a
 * bad state or flag, a device held exclusively by another host, processor
 * control by a host that does not own the processor. Each NACK's reason
 * goes to the caller's log callback and the report.
 *
 * Devices: a table of TI-SCI device ids, each with an optional parent
 * (the R5F cores 121 and 122 inside the cluster 119). A device is powered
 * while it is programmed ON and its parent is powered; the owner hears of
 * every change of that (module callback), and each loss of power counts
 * in the device's context-loss count. Processors: a table of processor
 * ids, each with its device; owner host (PROC_REQUEST, RELEASE,
 * HANDOVER), boot vector and config flags (SET_CONFIG), control flags
 * (SET_CTRL), status from the owner (GET_STATUS). Clock messages get
 * generic answers (states READY, one parent, frequencies remembered).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_TI_SCI_H
#define RPROCSIM_MODELS_TI_SCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rprocsim/subsys.h"
#include "rprocsim/ti-sci-msg.h"

#define TI_SCI_MAX_DEVICES      8
#define TI_SCI_MAX_PROCS        4
#define TI_SCI_CLOCK_SLOTS      8
#define TI_SCI_NO_PARENT        UINT32_MAX
#define TI_SCI_NO_HOST          0xffu       /* no owner (TI_SCI_IRQ_SECONDARY_HOST_INVALID) */

/* What VERSION answers: the kernel prints "ABI: 3.1 (firmware rev 0x000a 'rprocsim DMSC')" */
#define TI_SCI_SIM_DESCRIPTION  "rprocsim DMSC"
#define TI_SCI_SIM_FW_REV       0x000a
#define TI_SCI_SIM_ABI_MAJOR    3
#define TI_SCI_SIM_ABI_MINOR    1
/* A clock never set answers this frequency (the AM64x HFOSC0, 25 MHz) */
#define TI_SCI_SIM_CLOCK_HZ     25000000ull

/* The message kinds the model counts, one counter each */
typedef enum TiSciKind {
    TI_SCI_K_VERSION,
    TI_SCI_K_SYS_RESET,
    TI_SCI_K_QUERY_FW_CAPS,
    TI_SCI_K_SET_DEVICE_STATE,
    TI_SCI_K_GET_DEVICE_STATE,
    TI_SCI_K_SET_DEVICE_RESETS,
    TI_SCI_K_CLOCK,             /* all of 0x0100..0x010e */
    TI_SCI_K_PROC_REQUEST,
    TI_SCI_K_PROC_RELEASE,
    TI_SCI_K_PROC_HANDOVER,
    TI_SCI_K_SET_CONFIG,
    TI_SCI_K_SET_CTRL,
    TI_SCI_K_GET_STATUS,
    TI_SCI_K_UNKNOWN,
    TI_SCI_KINDS
} TiSciKind;

typedef struct TiSciDevice {
    uint32_t id;                /* TI-SCI device id */
    uint32_t parent;            /* index in the table, TI_SCI_NO_PARENT for none */
    uint8_t programmed;         /* TI_SCI_DEV_SW_STATE_* */
    bool powered;               /* programmed ON and the parent powered */
    bool exclusive;             /* claimed with TI_SCI_FLAG_DEVICE_EXCLUSIVE */
    uint8_t owner;              /* host that last set it on, TI_SCI_NO_HOST */
    uint32_t resets;            /* programmed reset lines (1 = held) */
    uint32_t context_loss;      /* times it lost power */
} TiSciDevice;

typedef struct TiSciProc {
    uint8_t id;                 /* TI-SCI processor id */
    uint32_t dev_id;            /* its device */
    uint8_t owner;              /* TI_SCI_NO_HOST when free */
    uint64_t boot_vector;
    uint32_t cfg;               /* TI_SCI_R5_CFG_* */
    uint32_t ctrl;              /* TI_SCI_R5_CTRL_* */
} TiSciProc;

/* A frequency a host set (SET_CLOCK_FREQ), answered by GET_CLOCK_FREQ */
typedef struct TiSciClock {
    uint32_t dev_id;
    uint32_t clk_id;
    uint64_t hz;                /* 0: slot unused */
} TiSciClock;

typedef struct TiSciState {
    uint8_t host_id;            /* the A53s' host (ti,host-id), for reference */
    unsigned ndevices;
    unsigned nprocs;
    TiSciDevice dev[TI_SCI_MAX_DEVICES];
    TiSciProc proc[TI_SCI_MAX_PROCS];
    TiSciClock clock[TI_SCI_CLOCK_SLOTS];
    uint32_t clock_next;        /* the slot the next new clock takes */
    uint32_t count[TI_SCI_KINDS];   /* requests per kind */
    uint32_t nacks;
} TiSciState;

/*
 * The effects of TI-SCI on the rest of the SoC; every member may be NULL.
 * @opaque is the caller's. Called while ti_sci_handle() runs.
 */
typedef struct TiSciOps {
    /* device @dev_id gained (@on) or lost power */
    void (*module)(void *opaque, uint32_t dev_id, bool on);
    /* device @dev_id's local reset (TI_SCI_RESET_LOCAL) is now @held */
    void (*local_reset)(void *opaque, uint32_t dev_id, bool held);
    /* processor @proc_id's CORE_HALT is now @halt */
    void (*halt)(void *opaque, uint8_t proc_id, bool halt);
    /* processor @proc_id's boot vector is now @addr */
    void (*boot_vector)(void *opaque, uint8_t proc_id, uint64_t addr);
    /* processor @proc_id's status flags (TI_SCI_R5_STATUS_*) */
    uint32_t (*status)(void *opaque, uint8_t proc_id);
    /* SYS_RESET was accepted */
    void (*sys_reset)(void *opaque);
    /* why a request was refused: a sentence, no newline */
    void (*log)(void *opaque, const char *reason);
} TiSciOps;

/* What one request did, for traces and tests */
typedef struct TiSciReport {
    uint16_t type;
    uint8_t host;
    uint8_t seq;
    uint32_t flags;
    const char *name;           /* "VERSION", ..., "unknown" */
    TiSciKind kind;
    uint32_t id;                /* the device, processor or clock device named, else 0 */
    bool ack;
    size_t resp_len;            /* 0: no response */
    char reason[160];           /* why it was NACKed, else empty */
} TiSciReport;

/* An empty service for host @host_id: no devices, no processors. */
void ti_sci_init(TiSciState *s, uint8_t host_id);

/*
 * Add device @id, inside device @parent_id (TI_SCI_NO_PARENT: none, else
 * added before), AUTO_OFF with its resets released. False if the table is
 * full, @id known or @parent_id unknown.
 */
bool ti_sci_add_device(TiSciState *s, uint32_t id, uint32_t parent_id);

/* Add processor @proc_id of device @dev_id (known); false if full or known. */
bool ti_sci_add_proc(TiSciState *s, uint8_t proc_id, uint32_t dev_id);

/*
 * The AM64x set-up: cluster device @cluster_dev and, for each descriptor
 * of @board with a sci_dev_id, its core device inside the cluster and its
 * processor. False if the tables cannot hold them.
 */
bool ti_sci_init_board(TiSciState *s, uint8_t host_id, const RprocsimBoard *board,
                       uint32_t cluster_dev);

/*
 * Back to power-on: devices AUTO_OFF and unpowered, resets released,
 * context-loss counts 0, no owners, boot vectors, cfg and ctrl 0, clocks
 * and counters cleared. The tables stay.
 */
void ti_sci_reset(TiSciState *s);

/*
 * Handle the request of @len bytes at @req arriving on a channel of host
 * @channel_host. Writes the response (at most @resp_cap bytes, which must
 * be at least TI_SCI_MAX_MSG_SIZE; zero-filled past its length) to @resp,
 * describes it in @rep (may be NULL), returns its length, 0 for none (no
 * acknowledgement asked, or @len below the header: nothing to echo).
 */
size_t ti_sci_handle(TiSciState *s, const TiSciOps *ops, void *opaque,
                     uint8_t channel_host, const uint8_t *req, size_t len,
                     uint8_t *resp, size_t resp_cap, TiSciReport *rep);

/* The device of id @id, or NULL. */
TiSciDevice *ti_sci_device(TiSciState *s, uint32_t id);

/* The processor of id @proc_id, or NULL. */
TiSciProc *ti_sci_proc(TiSciState *s, uint8_t proc_id);

/* Name of the kind, e.g. "SET_DEVICE_STATE" (for properties and traces). */
const char *ti_sci_kind_name(TiSciKind k);

/*
 * Whether @s holds values a migration stream may carry: states, parents,
 * hosts and flags in range, powered consistent with the tables.
 */
bool ti_sci_valid(const TiSciState *s);

#endif /* RPROCSIM_MODELS_TI_SCI_H */
