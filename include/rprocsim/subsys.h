/*
 * rprocsim: one descriptor per simulated remote processor, in the kernel's
 * terms (as drivers/remoteproc/qcom_q6v5_pas.c describes each one with a
 * struct qcom_pas_data), and one table of them per board. The board builds
 * its cores, blocks and device-tree nodes from it, TrustZone authenticates
 * against it, the host tools find the kernel's remoteprocs with it, the
 * scenario runner validates subsystem names with it, and the firmware build
 * links each image at its carveout from it (rprocsim subsystems). Adding a
 * subsystem adds an entry; adding a board adds a table and its file.
 *
 * Freestanding: only <stdbool.h> and <stdint.h>; the lookups live in
 * models/subsys.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_SUBSYS_H
#define RPROCSIM_SUBSYS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct RprocsimSubsys {
    const char *name;               /* "adsp": the kernel's name for it, and ours */
    const char *compatible;         /* of its remoteproc node */
    const char *firmware_name;      /* firmware-name, under /lib/firmware */
    const char *node_name;          /* its DT node's name, NULL for "remoteproc" ("r5f") */
    uint64_t reg_base;              /* the remoteproc node's reg, our Q6SS block */
    uint32_t reg_size;
    uint64_t carveout_base;         /* its reserved-memory region (no-map) */
    uint64_t carveout_size;
    bool auto_boot;                 /* the driver boots it at probe (pas_data auto_boot) */

    /* Qualcomm PAS (qcom_q6v5_pas.c, qcom_scm.c) */
    uint32_t pas_id;                /* pas_data pas_id: adsp 1, cdsp 18, wpss 6 */
    uint32_t sw_id;                 /* the software ID its images are signed for */
    uint32_t crash_item;            /* pas_data crash_reason_smem */
    uint32_t minidump_id;           /* pas_data minidump_id, 0 for none */
    const char *pd_names[2];        /* power-domain-names, with their */
    uint32_t pds[2];                /* rpmhpd indices (dt-bindings/power/qcom,rpmhpd.h) */
    uint32_t wdog_spi;              /* the "wdog" interrupt, a GIC SPI */
    uint32_t ssctl_id;              /* pas_data ssctl_id: its SSCTL instance, 0 for none */
    const char *glink_label;        /* its glink-edge's label (sc7280.dtsi) */

    /* Its SMEM partition and SMP2P edge (drivers/soc/qcom/smp2p.c) */
    uint32_t smem_host;             /* SMEM host id, also the SMP2P remote-pid */
    uint32_t smem_part_offset;      /* partition shared with the AP, from the SMEM base */
    uint32_t smem_part_size;
    uint32_t smp2p_in_item;         /* Linux's inbound item: the remote writes it */
    uint32_t smp2p_out_item;        /* Linux's outbound item: Linux writes it */
    bool smp2p_wlan;                /* the edge also carries the ath11k "wlan" entries */
    uint32_t ipcc_client;           /* its IPCC client (dt-bindings/mailbox/qcom-ipcc.h) */

    /*
     * TI K3 (drivers/remoteproc/ti_k3_r5_remoteproc.c, drivers/firmware/
     * ti_sci.c): reg_base/reg_size are the ATCM's SoC address ("atcm"),
     * carveout_* the static carveout (memory-region[1]).
     */
    uint32_t sci_dev_id;            /* ti,sci-dev-id: core0 121, core1 122 */
    uint32_t sci_proc_id;           /* ti,sci-proc-ids[0]: 1, 2 */
    uint64_t btcm_base;             /* "btcm", SoC address */
    uint32_t btcm_size;
    uint64_t dma_pool_base;         /* memory-region[0], the vring DMA pool */
    uint64_t dma_pool_size;
    uint32_t mbox_rx_fifo;          /* ti,mbox-rx fifo: Linux reads it, the core writes it */
    uint32_t mbox_tx_fifo;          /* ti,mbox-tx fifo: Linux writes it, the core reads it */
    uint32_t mbox_core_user;        /* the mailbox user whose interrupt is the core's */
} RprocsimSubsys;

/* How a board's remote processors are driven, which decides what a tool can ask */
typedef enum RprocsimFamily {
    RPROCSIM_FAMILY_QCOM_PAS,       /* qcom_q6v5_pas: TrustZone PAS, SMP2P, SSR, coredumps */
    RPROCSIM_FAMILY_TI_K3,          /* ti_k3_r5_remoteproc: TI-SCI, RP_MBOX, no recovery */
} RprocsimFamily;

typedef struct RprocsimBoard {
    const char *machine;            /* the QEMU machine: "qcs6490-sim" */
    const char *summary;            /* one line for --help and reports */
    const char *ap_cpu;             /* default -cpu of its application cores */
    RprocsimFamily family;
    /*
     * rprocsim's --time auto warps idle time on this board (QEMU icount,
     * every core on one host thread): true where its firmware only waits
     * on the kernel, false where busy firmware tasks would then run
     * slower than in real time (docs/scenarios.md "Idle time").
     */
    bool auto_warp;
    const RprocsimSubsys *subsys;   /* @count entries, in a fixed order */
    unsigned count;
} RprocsimBoard;

/* The boards, each defined in boards/<machine>-subsys.c */
extern const RprocsimBoard rprocsim_qcs6490_board;
extern const RprocsimBoard rprocsim_am64x_board;

#endif /* RPROCSIM_SUBSYS_H */
