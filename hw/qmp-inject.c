/*
 * rprocsim: QMP command x-rprocsim-inject (qemu/overlay/rprocsim.json).
 *
 * A front for the QOM "fault" properties of the Q6SS blocks and of
 * TrustZone (docs/faults.md): the same values, the same errors.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands-rprocsim.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/rprocsim/hw/q6ss.h"
#include "hw/rprocsim/hw/trustzone.h"

/* Collect the names of the machine's Q6SS blocks and TrustZone */
static int add_subsystem(Object *child, void *opaque)
{
    GString *names = opaque;

    if (object_dynamic_cast(child, TYPE_RPROCSIM_Q6SS) ||
        object_dynamic_cast(child, TYPE_RPROCSIM_TZ)) {
        const char *name = object_get_canonical_path_component(child);

        g_string_append_printf(names, "%s%s", names->len ? ", " : "", name);
    }
    return 0;
}

/*
 * Set the fault of /machine/@subsystem, which must be a Q6SS block or
 * TrustZone; anything else (including paths into other objects) is an
 * error naming the valid subsystems.
 */
void qmp_x_rprocsim_inject(const char *subsystem, const char *fault, Error **errp)
{
    g_autofree char *path = g_strdup_printf("/machine/%s", subsystem);
    Object *obj = strchr(subsystem, '/') ? NULL : object_resolve_path(path, NULL);

    if (!obj || (!object_dynamic_cast(obj, TYPE_RPROCSIM_Q6SS) &&
                 !object_dynamic_cast(obj, TYPE_RPROCSIM_TZ))) {
        g_autoptr(GString) names = g_string_new(NULL);

        object_child_foreach(qdev_get_machine(), add_subsystem, names);
        error_setg(errp, "'%s' is not a subsystem of this machine (it has %s)",
                   subsystem, names->str);
        return;
    }
    object_property_set_str(obj, "fault", fault, errp);
}
