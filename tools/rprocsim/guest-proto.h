/*
 * rprocsim: what the guest's /init and agent print, and how the host reads
 * it (the other side is guest/init and guest/agent). Pure functions, no I/O.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_GUEST_PROTO_H
#define RPROCSIM_GUEST_PROTO_H

#include <glib.h>

/* Console markers printed by guest/init */
#define RP_MARK_READY         "RPROCSIM-READY "
#define RP_MARK_MODULE        "RPROCSIM-MODULE "
#define RP_MARK_MODULES_DONE  "RPROCSIM-MODULES-DONE"

/* Agent channel lines printed by guest/agent */
#define RP_AGENT_READY        "@@RPROCSIM-AGENT-READY"
#define RP_AGENT_END          "@@RPROCSIM-END "

typedef struct RpReadyMark {
    char *kernel;           /* uname -r of the booted kernel */
    double uptime_s;        /* guest uptime when /init reached userspace */
} RpReadyMark;

/*
 * Parse "RPROCSIM-READY kernel=RELEASE uptime=SECONDS". Returns FALSE (and
 * leaves @mark untouched) for anything else. On success mark->kernel is
 * owned by the caller.
 */
gboolean rp_parse_ready(const char *line, RpReadyMark *mark);

/*
 * Parse "RPROCSIM-MODULE loaded|failed NAME". Returns FALSE for anything
 * else; on success *@name is owned by the caller and *@loaded tells which.
 */
gboolean rp_parse_module(const char *line, char **name, gboolean *loaded);

/*
 * The kernel timestamp of a console line "[   12.345678] ..." in seconds.
 * The console's shell prompt can precede the first kernel line after it
 * ("~ # \e[6n[   12.3] ..."): what comes before the first '[' that opens a
 * timestamp is skipped, if that is the prompt's (no letters or digits but
 * in escape sequences). FALSE if the line has none.
 */
gboolean rp_parse_kernel_time(const char *line, double *seconds);

typedef struct RpAgentEnd {
    guint seq;
    int status;             /* exit status of the command, 0..255 */
} RpAgentEnd;

/*
 * Parse the agent's end line "@@RPROCSIM-END SEQ STATUS" (decimal, nothing
 * after). Returns FALSE for anything else, including out-of-range numbers.
 */
gboolean rp_agent_parse_end(const char *line, RpAgentEnd *end);

/* The request line "SEQ COMMAND\n" for @command (one line). Caller frees. */
char *rp_agent_format_request(guint seq, const char *command);

#endif /* RPROCSIM_GUEST_PROTO_H */
