/*
 * rprocsim models: the text form of an injected fault, as the QOM "fault"
 * properties of the stand-in cores' control blocks take it (hw/q6ss.c,
 * hw/k3-r5f.c) and scenario files write it: "NAME[:ARG[:MESSAGE]]", with
 * NAME one of the block's fault names, ARG a decimal 32-bit number (empty
 * or absent: 0) and MESSAGE free text, ':' included. Examples:
 * "fatal::dsp fell over", "ready-delay:300", "none".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_FAULT_SPEC_H
#define RPROCSIM_MODELS_FAULT_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* RpError codes of rp_fault_spec_parse() */
enum {
    RP_FAULT_SPEC_OK,
    RP_FAULT_SPEC_UNKNOWN,          /* NAME is not one of the names */
    RP_FAULT_SPEC_BAD_ARG,          /* ARG is not a decimal 32-bit number */
};

/*
 * Parse @spec against @names[0..@n-1]. On success return NAME's index,
 * with *@arg and @msg (@msg_len bytes, zero-filled, MESSAGE cut to fit
 * with its NUL; empty without MESSAGE) set. On failure return -1, leave
 * *@arg and @msg untouched and explain in @err (may be NULL), the known
 * names included.
 */
int rp_fault_spec_parse(const char *spec, const char *const *names, unsigned n,
                        uint32_t *arg, char *msg, size_t msg_len, RpError *err);

/*
 * The text of fault @action (its name; names[0] if out of range), @arg
 * and @msg (NUL-terminated within @msg_len bytes): "NAME:ARG:MESSAGE".
 * Newly allocated (g_free).
 */
char *rp_fault_spec_format(const char *const *names, unsigned n, uint32_t action,
                           uint32_t arg, const char *msg, size_t msg_len);

#endif /* RPROCSIM_MODELS_FAULT_SPEC_H */
