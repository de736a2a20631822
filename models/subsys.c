/*
 * rprocsim models: subsystem descriptor lookups.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "subsys.h"

#include <glib.h>
#include <inttypes.h>
#include <string.h>

static const RprocsimBoard *const boards[] = {
    &rprocsim_qcs6490_board,
    &rprocsim_am64x_board,
    NULL,
};

const RprocsimBoard *const *rprocsim_boards(void)
{
    return boards;
}

const RprocsimBoard *rprocsim_board_find(const char *machine)
{
    for (size_t i = 0; machine && boards[i]; i++) {
        if (!strcmp(boards[i]->machine, machine)) {
            return boards[i];
        }
    }
    return NULL;
}

const RprocsimBoard *rprocsim_board_default(void)
{
    return boards[0];
}

char *rprocsim_board_names(void)
{
    GString *s = g_string_new(NULL);

    for (size_t i = 0; boards[i]; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", boards[i]->machine);
    }
    return g_string_free(s, FALSE);
}

const RprocsimSubsys *rprocsim_subsys_find(const RprocsimBoard *board,
                                           const char *name)
{
    for (unsigned i = 0; name && i < board->count; i++) {
        if (!strcmp(board->subsys[i].name, name)) {
            return &board->subsys[i];
        }
    }
    return NULL;
}

char *rprocsim_subsys_names(const RprocsimBoard *board)
{
    GString *s = g_string_new(NULL);

    for (unsigned i = 0; i < board->count; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", board->subsys[i].name);
    }
    return g_string_free(s, FALSE);
}

char *rprocsim_subsys_device(const RprocsimSubsys *ss)
{
    return g_strdup_printf("%" PRIx64 ".%s", ss->reg_base,
                           ss->node_name ? ss->node_name : "remoteproc");
}
