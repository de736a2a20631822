/*
 * rprocsim subsystems: the subsystem descriptors of a board
 * (boards/<machine>-subsys.c), as a table or JSON for users, and as the
 * firmware build's linker script for one subsystem.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "commands.h"
#include "common.h"
#include "json-out.h"
#include "subsys.h"
#include "rprocsim/am64x-map.h"

#include <glib.h>
#include <inttypes.h>
#include <stddef.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

/* A TI K3 board's cores: TI-SCI ids, TCMs (SoC addresses), carveout, mailbox FIFOs */
static void print_k3_table(const RprocsimBoard *b)
{
    printf("%-7s %-12s %-7s %-7s %-21s %-21s %-23s %-9s %s\n", "name", "compatible",
           "sci_dev", "proc_id", "atcm", "btcm", "carveout", "mbox", "firmware");
    for (unsigned i = 0; i < b->count; i++) {
        const RprocsimSubsys *s = &b->subsys[i];

        printf("%-7s %-12s %7u %7u 0x%08" PRIx64 "+0x%08x 0x%08" PRIx64 "+0x%08x 0x%08"
               PRIx64 "+0x%08" PRIx64 "  rx %u tx %u %s\n", s->name, s->compatible,
               s->sci_dev_id, s->sci_proc_id, s->reg_base, s->reg_size, s->btcm_base,
               s->btcm_size, s->carveout_base, s->carveout_size, s->mbox_rx_fifo,
               s->mbox_tx_fifo, s->firmware_name);
    }
}

static void print_table(const RprocsimBoard *b)
{
    if (b->family == RPROCSIM_FAMILY_TI_K3) {
        print_k3_table(b);
        return;
    }
    printf("%-6s %-22s %6s %5s %-23s %-10s %-10s %s\n", "name", "compatible",
           "pas_id", "sw_id", "carveout", "q6ss", "auto_boot", "firmware");
    for (unsigned i = 0; i < b->count; i++) {
        const RprocsimSubsys *s = &b->subsys[i];

        printf("%-6s %-22s %6u 0x%03x 0x%08" PRIx64 "+0x%08" PRIx64 "  0x%08" PRIx64
               " %-10s %s\n", s->name, s->compatible, s->pas_id, s->sw_id,
               s->carveout_base, s->carveout_size, s->reg_base,
               s->auto_boot ? "yes" : "no", s->firmware_name);
    }
}

/* The descriptor's number fields, by JSON name, in include/rprocsim/subsys.h order */
#define FIELD_OF(f) { #f, offsetof(RprocsimSubsys, f) }
static const struct { const char *name; size_t offset; } u64_fields[] = {
    FIELD_OF(reg_base), FIELD_OF(carveout_base), FIELD_OF(carveout_size),
    FIELD_OF(btcm_base), FIELD_OF(dma_pool_base), FIELD_OF(dma_pool_size),
}, u32_fields[] = {
    FIELD_OF(reg_size),
    FIELD_OF(pas_id), FIELD_OF(sw_id), FIELD_OF(crash_item), FIELD_OF(minidump_id),
    FIELD_OF(smem_host), FIELD_OF(smp2p_in_item), FIELD_OF(smp2p_out_item),
    FIELD_OF(ipcc_client), FIELD_OF(wdog_spi),
    FIELD_OF(sci_dev_id), FIELD_OF(sci_proc_id), FIELD_OF(btcm_size),
    FIELD_OF(mbox_rx_fifo), FIELD_OF(mbox_tx_fifo), FIELD_OF(mbox_core_user),
};
#undef FIELD_OF

static char *to_json(const RprocsimBoard *b)
{
    g_autoptr(JsonBuilder) jb = json_builder_new();

    json_builder_begin_object(jb);
    rp_json_add_string(jb, "machine", b->machine);
    json_builder_set_member_name(jb, "subsystems");
    json_builder_begin_array(jb);
    for (unsigned i = 0; i < b->count; i++) {
        const RprocsimSubsys *s = &b->subsys[i];

        json_builder_begin_object(jb);
        rp_json_add_string(jb, "name", s->name);
        rp_json_add_string(jb, "compatible", s->compatible);
        rp_json_add_string(jb, "firmware_name", s->firmware_name);
        rp_json_add_bool(jb, "auto_boot", s->auto_boot);
        for (size_t f = 0; f < G_N_ELEMENTS(u64_fields); f++) {
            rp_json_add_int(jb, u64_fields[f].name,
                            *(const uint64_t *)((const char *)s + u64_fields[f].offset));
        }
        for (size_t f = 0; f < G_N_ELEMENTS(u32_fields); f++) {
            rp_json_add_int(jb, u32_fields[f].name,
                            *(const uint32_t *)((const char *)s + u32_fields[f].offset));
        }
        json_builder_end_object(jb);
    }
    json_builder_end_array(jb);
    json_builder_end_object(jb);
    return rp_json_to_text(jb, TRUE);
}

/* Replace every @name in @out by @v in hex */
static void substitute(GString *out, const char *name, uint64_t v)
{
    g_autofree char *text = g_strdup_printf("0x%" PRIx64, v);

    g_string_replace(out, name, text, 0);
}

/*
 * @template with @BASE@ and @SIZE@ replaced by @s's carveout, to stdout;
 * for a TI R5F core (a BTCM in its descriptor) also @ATCM@, @ATCM_SIZE@,
 * @BTCM@, @BTCM_SIZE@: its TCMs at the core's own addresses (am64x-map.h,
 * ti,loczrama = <1>) with the descriptor's sizes
 */
static int linker_script(const RprocsimSubsys *s, const char *template)
{
    g_autofree char *text = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) out = NULL;

    if (!g_file_get_contents(template, &text, NULL, &err)) {
        fprintf(stderr, "rprocsim subsystems: %s\n", err->message);
        return 2;
    }
    out = g_string_new(text);
    substitute(out, "@BASE@", s->carveout_base);
    substitute(out, "@SIZE@", s->carveout_size);
    if (s->btcm_size) {
        substitute(out, "@ATCM@", AM64X_SIM_R5F_ATCM_LOCAL);
        substitute(out, "@ATCM_SIZE@", s->reg_size);
        substitute(out, "@BTCM@", AM64X_SIM_R5F_BTCM_LOCAL);
        substitute(out, "@BTCM_SIZE@", s->btcm_size);
    }
    fputs(out->str, stdout);
    return 0;
}

int rp_cmd_subsystems(int argc, char **argv)
{
    g_autofree char *machine = NULL, *ld = NULL;
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        { "board", 'b', 0, G_OPTION_ARG_STRING, &machine,
          "the board's QEMU machine (default qcs6490-sim)", "MACHINE" },
        RP_OPTION_JSON(json),
        { "linker-script", 0, 0, G_OPTION_ARG_STRING, &ld,
          "print TEMPLATE with @BASE@ and @SIZE@ set to NAME's carveout, and "
          "for an R5F core @ATCM@, @ATCM_SIZE@, @BTCM@, @BTCM_SIZE@ to its TCMs "
          "(the firmware build uses it)", "NAME" },
        { NULL }
    };
    const RpCommand cmd = {
        "subsystems", "[TEMPLATE] - the board's remote processors", entries, NULL,
        "Lists each subsystem as the board builds it: pas_id, sw_id, carveout,\n"
        "Q6SS block, whether the kernel boots it at probe, its firmware file.\n\n"
        "Example (from the source tree, after 'make'):\n"
        "  build/meson/tools/rprocsim subsystems --json | grep carveout"
    };
    const RprocsimBoard *board;

    if (!rp_command_parse(&cmd, &argc, &argv)) {
        return 2;
    }
    board = machine ? rprocsim_board_find(machine) : rprocsim_board_default();
    if (!board) {
        fprintf(stderr, "rprocsim subsystems: unknown board '%s' (%s)\n", machine,
                rprocsim_board_default()->machine);
        return 2;
    }
    if (ld) {
        const RprocsimSubsys *s = rprocsim_subsys_find(board, ld);

        if (!s || argc != 2) {
            g_autofree char *names = rprocsim_subsys_names(board);

            fprintf(stderr, "rprocsim subsystems: --linker-script takes a subsystem "
                    "(%s) and one TEMPLATE file\n", names);
            return 2;
        }
        return linker_script(s, argv[1]);
    }
    if (json) {
        g_autofree char *text = to_json(board);

        printf("%s\n", text);
    } else {
        print_table(board);
    }
    return 0;
}
