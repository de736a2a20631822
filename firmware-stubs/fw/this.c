/*
 * rprocsim firmware stubs: which subsystem this image is, the one fact the
 * Q6SS block does not tell (its SMEM host, items, IPCC client and minidump
 * slot are read from the block at start-up). The build compiles this file
 * once per subsystem with RP_FW_NAME set (firmware-stubs/meson.build).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fw.h"

#ifndef RP_FW_NAME
#error "build with -DRP_FW_NAME=\"<subsystem>\""
#endif

const struct fw_config fw_this = { .name = RP_FW_NAME };
