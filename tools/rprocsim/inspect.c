/*
 * rprocsim inspect: print the crash report of a devcoredump
 * (crash-report.c) as text or JSON.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "crash-report.h"
#include "json-out.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

int rp_cmd_inspect(int argc, char **argv)
{
    g_autofree char *firmware = NULL, *dump_data = NULL, *fw_data = NULL;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        { "firmware", 'f', 0, G_OPTION_ARG_FILENAME, &firmware,
          "the unstripped firmware ELF the dump came from (required)", "ELF" },
        RP_OPTION_JSON(json),
        { NULL }
    };
    const RpCommand cmd = {
        "inspect", "DUMP - read a devcoredump", entries, NULL,
        "DUMP is a remoteproc devcoredump (full or minidump), e.g. BUILD/demo/adsp.core;\n"
        "ELF is the firmware it ran, e.g. BUILD/meson/firmware-stubs/adsp.elf. Prints the\n"
        "crash reason, fault status, registers, the faulting instruction in its function,\n"
        "return addresses found on the stack and the dump's regions. Exit status 1 if\n"
        "the files are unusable or do not match, or the dump holds no crash record;\n"
        "2 if they cannot be read.\n\n"
        "Example (from the source tree, after 'make demo', which writes the dump):\n"
        "  build/meson/tools/rprocsim inspect build/demo/adsp.core \\\n"
        "      --firmware build/meson/firmware-stubs/adsp.elf"
    };
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(GString) out = g_string_new(NULL);
    g_autoptr(GError) err = NULL;
    gsize dump_len, fw_len;
    gboolean ok;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    if (argc != 2 || !firmware) {
        fprintf(stderr, "rprocsim inspect: give one DUMP and --firmware ELF\n");
        return 2;
    }
    /* the build's firmware ELFs say what builds them; other files are the user's */
    if (!g_file_get_contents(argv[1], &dump_data, &dump_len, &err) ||
        (strstr(firmware, "firmware-stubs/") ? !rp_read_firmware_elf(firmware, &fw_data,
                                                                    &fw_len, &err)
                                             : !g_file_get_contents(firmware, &fw_data,
                                                                    &fw_len, &err))) {
        fprintf(stderr, "rprocsim inspect: %s\n", err->message);
        return 2;
    }
    ok = rp_inspect((const guchar *)dump_data, dump_len, (const guchar *)fw_data, fw_len,
                    out, b, &err);
    if (json) {
        g_autofree char *text = rp_json_to_text(b, TRUE);

        printf("%s\n", text);
    } else {
        fputs(out->str, stdout);
    }
    if (!ok) {
        fprintf(stderr, "rprocsim inspect: %s\n", err->message);
    }
    return ok ? 0 : 1;
}
