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

static bool is_subsystem(Object *obj)
{
    return obj && (object_dynamic_cast(obj, TYPE_RPROCSIM_Q6SS) ||
                   object_dynamic_cast(obj, TYPE_RPROCSIM_TZ));
}

/*
 * The names under /machine of its Q6SS blocks and TrustZone, ", "-separated:
 * children, and links such as /machine/adsp to the Q6SS block inside the
 * subsystem's container.
 */
static void list_subsystems(Object *machine, GString *names)
{
    ObjectPropertyIterator iter;
    ObjectProperty *prop;

    object_property_iter_init(&iter, machine);
    while ((prop = object_property_iter_next(&iter))) {
        if (is_subsystem(object_resolve_path_component(machine, prop->name))) {
            g_string_append_printf(names, "%s%s", names->len ? ", " : "", prop->name);
        }
    }
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

    if (!is_subsystem(obj)) {
        g_autoptr(GString) names = g_string_new(NULL);

        list_subsystems(qdev_get_machine(), names);
        error_setg(errp, "'%s' is not a subsystem of this machine (it has %s)",
                   subsystem, names->str);
        return;
    }
    object_property_set_str(obj, "fault", fault, errp);
}
