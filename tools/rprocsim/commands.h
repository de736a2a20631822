/*
 * rprocsim CLI commands. Each takes the arguments after the command name
 * (argv[0] is the command) and returns the process exit status.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_COMMANDS_H
#define RPROCSIM_COMMANDS_H

int rp_cmd_demo(int argc, char **argv);
int rp_cmd_shell(int argc, char **argv);
int rp_cmd_bench(int argc, char **argv);
int rp_cmd_pack(int argc, char **argv);
int rp_cmd_run(int argc, char **argv);
int rp_cmd_inspect(int argc, char **argv);
int rp_cmd_subsystems(int argc, char **argv);
int rp_cmd_verify(int argc, char **argv);
int rp_cmd_fuzz_images(int argc, char **argv);
int rp_cmd_junit_merge(int argc, char **argv);

#endif /* RPROCSIM_COMMANDS_H */
