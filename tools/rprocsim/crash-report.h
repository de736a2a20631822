/*
 * rprocsim: the crash report of a devcoredump, behind 'rprocsim inspect'
 * and the scenario runner's 'inspect' step.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_CRASH_REPORT_H
#define RPROCSIM_CRASH_REPORT_H

#include <glib.h>
#include <json-glib/json-glib.h>

/*
 * Inspect the devcoredump @dump_data with the firmware ELF @fw_data (both
 * borrowed): the text report goes to @out, the same as a JSON object to
 * @b. FALSE with @error if either is malformed, they do not match, or the
 * dump holds no crash record (@out then has what could be read).
 */
gboolean rp_inspect(const guchar *dump_data, gsize dump_len, const guchar *fw_data,
                    gsize fw_len, GString *out, JsonBuilder *b, GError **error);

#endif /* RPROCSIM_CRASH_REPORT_H */
