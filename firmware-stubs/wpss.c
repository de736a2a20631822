/*
 * rprocsim firmware stub for the simulated wpss: the common firmware
 * (fw/fw.c) under this subsystem's name. Which SMEM host, items and IPCC
 * client it uses it reads from its Q6SS block at start-up.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fw/fw.h"

/* WPSS publishes a minidump table: Linux dumps its regions (qcom_common.c) */
const struct fw_config fw_this = { .name = "wpss" };
