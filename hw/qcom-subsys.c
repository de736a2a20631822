/*
 * rprocsim Qualcomm subsystem container: stand-in core, its address space
 * and its Q6SS block (hw/qcom-subsys.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/arm/boot.h"
#include "hw/qdev-clock.h"
#include "hw/qdev-properties.h"
#include "target/arm/cpu.h"
#include "hw/rprocsim/hw/qcom-subsys.h"
#include "hw/rprocsim/trace.h"
#include "rprocsim/ipcc-regs.h"
#include "rprocsim/qcs6490-map.h"

OBJECT_DEFINE_SIMPLE_TYPE(RprocsimQcomSubsysState, qcom_subsys,
                          RPROCSIM_QCOM_SUBSYS, SYS_BUS_DEVICE)

/* The Q6SS block's wdog line (a pulse on a bite), out of the container */
static void qcom_subsys_wdog(void *opaque, int n, int level)
{
    RprocsimQcomSubsysState *s = opaque;

    qemu_set_irq(s->wdog_irq, level);
}

static void qcom_subsys_init(Object *obj)
{
    RprocsimQcomSubsysState *s = RPROCSIM_QCOM_SUBSYS(obj);
    DeviceState *dev = DEVICE(obj);
    static const char *const q6ss_props[] = {
        "name", "host-id", "ipcc-client", "smp2p-in-item", "smp2p-out-item",
        "crash-item", "minidump-id", "ssctl-id", "chardev",
    };

    object_initialize_child(obj, "cluster", &s->cluster, TYPE_CPU_CLUSTER);
    object_initialize_child(OBJECT(&s->cluster), "armv7m", &s->core, TYPE_ARMV7M);
    object_initialize_child(obj, "q6ss", &s->q6ss, TYPE_RPROCSIM_Q6SS);
    for (size_t i = 0; i < ARRAY_SIZE(q6ss_props); i++) {
        object_property_add_alias(obj, q6ss_props[i], OBJECT(&s->q6ss), q6ss_props[i]);
    }
    qdev_alias_clock(DEVICE(&s->core), "cpuclk", dev, "cpuclk");
    sysbus_init_mmio(SYS_BUS_DEVICE(obj),
                     sysbus_mmio_get_region(SYS_BUS_DEVICE(&s->q6ss), 0));
    qdev_init_gpio_out_named(dev, &s->wdog_irq, "wdog", 1);
    qemu_init_irq(&s->wdog_in, qcom_subsys_wdog, s, 0);
}

static void qcom_subsys_finalize(Object *obj)
{
}

/* The core's view: carveout and SMEM where they are, blocks in peripheral space */
static void qcom_subsys_init_space(RprocsimQcomSubsysState *s, const char *name)
{
    Object *obj = OBJECT(s);

    memory_region_init(&s->space, obj, name, 4 * GiB);
    memory_region_init_alias(&s->carveout, obj, "carveout", s->ram,
                             s->carveout_base - s->ram_base, s->carveout_size);
    memory_region_add_subregion(&s->space, s->carveout_base, &s->carveout);
    memory_region_init_alias(&s->smem, obj, "smem", s->ram,
                             s->smem_base - s->ram_base, s->smem_size);
    memory_region_add_subregion(&s->space, s->smem_base, &s->smem);
    memory_region_init_alias(&s->ipcc_frame, obj, "ipcc-frame", s->ipcc,
                             (hwaddr)s->q6ss.ipcc_client * IPCC_FRAME_SIZE,
                             IPCC_FRAME_SIZE);
    memory_region_add_subregion(&s->space, QCS6490_SIM_CORE_IPCC_FRAME, &s->ipcc_frame);
    memory_region_init_alias(&s->mutex, obj, "tcsr-mutex", s->mutex_mr, 0,
                             memory_region_size(s->mutex_mr));
    memory_region_add_subregion(&s->space, QCS6490_SIM_CORE_MUTEX, &s->mutex);
    memory_region_init_alias(&s->q6ss_alias, obj, "q6ss",
                             sysbus_mmio_get_region(SYS_BUS_DEVICE(&s->q6ss), 0), 0,
                             Q6SS_MMIO_SIZE);
    memory_region_add_subregion(&s->space, QCS6490_SIM_CORE_Q6SS, &s->q6ss_alias);
}

static bool qcom_subsys_in_ram(RprocsimQcomSubsysState *s, uint64_t base, uint64_t size)
{
    return size && base >= s->ram_base &&
           base - s->ram_base <= memory_region_size(s->ram) &&
           size <= memory_region_size(s->ram) - (base - s->ram_base);
}

static void qcom_subsys_realize(DeviceState *dev, Error **errp)
{
    RprocsimQcomSubsysState *s = RPROCSIM_QCOM_SUBSYS(dev);
    const char *name = s->q6ss.name;
    DeviceState *core = DEVICE(&s->core);
    SysBusDevice *q6ss = SYS_BUS_DEVICE(&s->q6ss);

    if (!name || !s->ram || !s->ipcc || !s->mutex_mr) {
        error_setg(errp, "rprocsim-qcom-subsys needs 'name' and the 'ram', 'ipcc' "
                   "and 'mutex' links");
        return;
    }
    if (!qcom_subsys_in_ram(s, s->carveout_base, s->carveout_size) ||
        !qcom_subsys_in_ram(s, s->smem_base, s->smem_size)) {
        error_setg(errp, "rprocsim-qcom-subsys %s: carveout and SMEM must lie "
                   "inside 'ram'", name);
        return;
    }
    qcom_subsys_init_space(s, name);

    /* the core: held off until TrustZone releases it through the Q6SS block */
    qdev_prop_set_uint32(DEVICE(&s->cluster), "cluster-id", s->cluster_id);
    qdev_prop_set_string(core, "cpu-type", ARM_CPU_TYPE_NAME("cortex-m4"));
    qdev_prop_set_uint32(core, "num-irq", QCOM_SUBSYS_NUM_IRQ);
    qdev_prop_set_bit(core, "start-powered-off", true);
    object_property_set_link(OBJECT(core), "memory", OBJECT(&s->space), &error_abort);
    if (!sysbus_realize(SYS_BUS_DEVICE(core), errp)) {
        return;
    }
    /* arm-powerctl finds the core by it when the Q6SS powers it on or off */
    s->core.cpu->mp_affinity = s->mp_affinity;
    if (!qdev_realize(DEVICE(&s->cluster), NULL, errp)) {
        return;
    }
    armv7m_load_kernel(s->core.cpu, NULL, 0, 0);

    object_property_set_link(OBJECT(q6ss), "core", OBJECT(core), &error_abort);
    if (!sysbus_realize(q6ss, errp)) {
        return;
    }
    sysbus_connect_irq(q6ss, 0, &s->wdog_in);
    sysbus_connect_irq(q6ss, 1, qdev_get_gpio_in(core, Q6SS_NVIC_FAULT));
    sysbus_connect_irq(q6ss, 2, qdev_get_gpio_in(core, Q6SS_NVIC_WDOG_BARK));
    qdev_pass_gpios(core, dev, NULL);
    trace_rprocsim_qcom_subsys_realize(name, s->cluster_id, s->mp_affinity,
                                       s->carveout_base, s->carveout_size);
}

static const Property qcom_subsys_properties[] = {
    DEFINE_PROP_UINT32("cluster-id", RprocsimQcomSubsysState, cluster_id, 0),
    DEFINE_PROP_UINT64("mp-affinity", RprocsimQcomSubsysState, mp_affinity, 0),
    DEFINE_PROP_UINT64("carveout-base", RprocsimQcomSubsysState, carveout_base, 0),
    DEFINE_PROP_UINT64("carveout-size", RprocsimQcomSubsysState, carveout_size, 0),
    DEFINE_PROP_UINT64("smem-base", RprocsimQcomSubsysState, smem_base, 0),
    DEFINE_PROP_UINT64("smem-size", RprocsimQcomSubsysState, smem_size, 0),
    DEFINE_PROP_LINK("ram", RprocsimQcomSubsysState, ram, TYPE_MEMORY_REGION,
                     MemoryRegion *),
    DEFINE_PROP_UINT64("ram-base", RprocsimQcomSubsysState, ram_base, 0),
    DEFINE_PROP_LINK("ipcc", RprocsimQcomSubsysState, ipcc, TYPE_MEMORY_REGION,
                     MemoryRegion *),
    DEFINE_PROP_LINK("mutex", RprocsimQcomSubsysState, mutex_mr, TYPE_MEMORY_REGION,
                     MemoryRegion *),
};

static void qcom_subsys_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Qualcomm remote processor subsystem: stand-in core and Q6SS (rprocsim)";
    dc->realize = qcom_subsys_realize;
    dc->user_creatable = false;
    device_class_set_props(dc, qcom_subsys_properties);
}
