/*
 * rprocsim models: why a model refused its input. One form for every
 * decoder (MBN metadata, the mdt_loader stand-in, SIMSIG-1): a code from
 * the decoder's own enumeration (MbnStatus, MdtStatus), the program header
 * concerned, and a sentence for logs and users.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_ERROR_H
#define RPROCSIM_MODELS_ERROR_H

#include <stdbool.h>

typedef struct RpError {
    int code;               /* 0: no error; else the decoder's status code */
    int segment;            /* phdr index concerned, -1 if none */
    char detail[200];       /* NUL-terminated, cut to fit */
} RpError;

/*
 * Record refusal @code for phdr @segment (-1: none) with a printf-style
 * detail in @err (may be NULL). Always returns false, for "return
 * rp_error_set(...)".
 */
bool rp_error_set(RpError *err, int code, int segment, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Mark @err (may be NULL) as no error: code 0, segment -1, empty detail. */
void rp_error_clear(RpError *err);

#endif /* RPROCSIM_MODELS_ERROR_H */
