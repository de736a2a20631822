/*
 * rprocsim models: a bounded reader (and a small writer) for ELF32
 * little-endian files: firmware images, MBN metadata, devcoredumps.
 *
 * Layouts and constants: the System V ABI "ELF" chapter (Tool Interface
 * Standard ELF 1.2) and Linux's include/uapi/linux/elf.h. Only ELFCLASS32
 * with ELFDATA2LSB is read; everything the simulator handles is that.
 *
 * Every read takes the buffer length and is checked against it, with the
 * table arithmetic (offset + index * entry size) done in 64 bits, so no
 * input, however malformed, makes a function read outside the buffer: the
 * bytes come from the guest or from files given on the command line.
 *
 * Functions that can fail return false and, if @err is not NULL and
 * @errlen > 0, write a one-line human-readable reason into @err
 * (truncated to @errlen, always NUL-terminated). Nothing here allocates.
 *
 * No QEMU headers: this file is compiled into QEMU, the host tools, the
 * unit tests and the fuzzers. The constants below use the same spelling
 * as include/uapi/linux/elf.h (and QEMU's include/elf.h), so a file that
 * includes both sees identical definitions.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef RPROCSIM_MODELS_ELF32_H
#define RPROCSIM_MODELS_ELF32_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sizes of the ELF32 structures in the file, in bytes */
#define ELF32_EHDR_SIZE     52
#define ELF32_PHDR_SIZE     32
#define ELF32_SHDR_SIZE     40
#define ELF32_SYM_SIZE      16

/* e_ident */
#ifndef EI_NIDENT
#define EI_NIDENT       16
#endif
#ifndef EI_CLASS
#define EI_CLASS        4
#endif
#ifndef EI_DATA
#define EI_DATA         5
#endif
#ifndef EI_VERSION
#define EI_VERSION      6
#endif
#ifndef ELFCLASS32
#define ELFCLASS32      1
#endif
#ifndef ELFDATA2LSB
#define ELFDATA2LSB     1
#endif
#ifndef EV_CURRENT
#define EV_CURRENT      1
#endif

/* e_type, e_machine */
#ifndef ET_EXEC
#define ET_EXEC         2
#endif
#ifndef ET_CORE
#define ET_CORE         4
#endif
#ifndef EM_NONE
#define EM_NONE         0
#endif
#ifndef EM_ARM
#define EM_ARM          40
#endif

/* p_type, p_flags */
#ifndef PT_NULL
#define PT_NULL         0
#endif
#ifndef PT_LOAD
#define PT_LOAD         1
#endif
#ifndef PF_X
#define PF_X            0x1
#endif
#ifndef PF_W
#define PF_W            0x2
#endif
#ifndef PF_R
#define PF_R            0x4
#endif

/* sh_type */
#ifndef SHT_NULL
#define SHT_NULL        0
#endif
#ifndef SHT_PROGBITS
#define SHT_PROGBITS    1
#endif
#ifndef SHT_SYMTAB
#define SHT_SYMTAB      2
#endif
#ifndef SHT_STRTAB
#define SHT_STRTAB      3
#endif

/* symbol type, the low nibble of st_info */
#ifndef STT_OBJECT
#define STT_OBJECT      1
#endif
#ifndef STT_FUNC
#define STT_FUNC        2
#endif

/* The ELF header, decoded (host byte order) */
typedef struct Elf32Header {
    uint8_t e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint32_t e_entry;
    uint32_t e_phoff;           /* file offset of the program header table */
    uint32_t e_shoff;           /* file offset of the section header table */
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf32Header;

/* A program header (segment) */
typedef struct Elf32Phdr {
    uint32_t p_type;
    uint32_t p_offset;          /* file offset of the segment's bytes */
    uint32_t p_vaddr;
    uint32_t p_paddr;
    uint32_t p_filesz;          /* bytes in the file */
    uint32_t p_memsz;           /* bytes in memory (>= p_filesz when well formed) */
    uint32_t p_flags;
    uint32_t p_align;
} Elf32Phdr;

/* A section header */
typedef struct Elf32Shdr {
    uint32_t sh_name;           /* offset in the e_shstrndx string table */
    uint32_t sh_type;
    uint32_t sh_flags;
    uint32_t sh_addr;
    uint32_t sh_offset;         /* file offset of the section's bytes */
    uint32_t sh_size;
    uint32_t sh_link;           /* for SHT_SYMTAB: index of its string table */
    uint32_t sh_info;
    uint32_t sh_addralign;
    uint32_t sh_entsize;
} Elf32Shdr;

/* A symbol table entry */
typedef struct Elf32Sym {
    uint32_t st_name;           /* offset in the linked string table, 0: none */
    uint32_t st_value;
    uint32_t st_size;
    uint8_t st_info;            /* binding << 4 | type */
    uint8_t st_other;
    uint16_t st_shndx;
} Elf32Sym;

/* The symbol type (STT_*) of @st_info */
static inline unsigned elf32_st_type(uint8_t st_info)
{
    return st_info & 0xf;
}

/*
 * True if [@off, @off + @size) lies inside a buffer of @len bytes, without
 * overflow for any values. An empty range at @off == @len is inside.
 */
bool elf32_range_ok(size_t len, uint64_t off, uint64_t size);

/*
 * Decode and check the ELF header at the start of @buf (@len bytes):
 * the \177ELF magic, at least ELF32_EHDR_SIZE bytes, EI_CLASS ELFCLASS32,
 * EI_DATA ELFDATA2LSB, EI_VERSION EV_CURRENT, and ELF32_EHDR_SIZE <=
 * e_ehsize <= @len. The tables are not looked at: see elf32_check_phdrs()
 * and elf32_check_shdrs(). On failure *@eh is unspecified.
 */
bool elf32_parse_header(const uint8_t *buf, size_t len, Elf32Header *eh,
                        char *err, size_t errlen);

/*
 * Check @eh's program header table against a file of @len bytes: when
 * e_phnum > 0, e_phentsize must be ELF32_PHDR_SIZE and all e_phnum entries
 * must lie inside the file. An empty table (e_phnum 0) always passes,
 * whatever e_phoff says.
 */
bool elf32_check_phdrs(size_t len, const Elf32Header *eh, char *err, size_t errlen);

/* The same for the section header table (e_shoff, e_shnum, ELF32_SHDR_SIZE). */
bool elf32_check_shdrs(size_t len, const Elf32Header *eh, char *err, size_t errlen);

/*
 * Program header @i of the file @buf (@len bytes, @eh its decoded header)
 * into *@ph. False, with *@ph untouched, if @i >= e_phnum, e_phentsize is
 * not ELF32_PHDR_SIZE or the entry lies outside the buffer; never reads
 * outside it, checked or not. The segment's bytes are not checked: see
 * elf32_range_ok().
 */
bool elf32_phdr(const uint8_t *buf, size_t len, const Elf32Header *eh, unsigned i,
                Elf32Phdr *ph);

/* Section header @i into *@sh, on the same terms (e_shnum, ELF32_SHDR_SIZE). */
bool elf32_shdr(const uint8_t *buf, size_t len, const Elf32Header *eh, unsigned i,
                Elf32Shdr *sh);

/*
 * Number of ELF32_SYM_SIZE entries in symbol table section @symtab
 * (sh_size / 16; entry 0 is the undefined symbol).
 */
unsigned elf32_sym_count(const Elf32Shdr *symtab);

/*
 * Symbol @i of the symbol table section @symtab into *@sym. False, with
 * *@sym untouched, if @i >= elf32_sym_count(@symtab) or the entry lies
 * outside the buffer.
 */
bool elf32_sym(const uint8_t *buf, size_t len, const Elf32Shdr *symtab, unsigned i,
               Elf32Sym *sym);

/*
 * The string at offset @off of string table section @strtab: a pointer
 * into @buf (borrowed) and in *@n its length, up to its NUL or the end of
 * the section, whichever comes first (so the string need not be
 * terminated). NULL if @off is not inside the section or the section is
 * not inside the buffer.
 */
const char *elf32_str(const uint8_t *buf, size_t len, const Elf32Shdr *strtab,
                      uint32_t off, size_t *n);

/*
 * Writer side, for image builders. @eh gets the identification of an
 * ELF32 little-endian file of type @type for @machine: magic, ELFCLASS32,
 * ELFDATA2LSB, EV_CURRENT (e_ident and e_version), e_ehsize
 * ELF32_EHDR_SIZE; every other field 0 (the caller sets the tables).
 */
void elf32_header_init(Elf32Header *eh, uint16_t type, uint16_t machine);

/* Encode @eh into the ELF32_EHDR_SIZE bytes at @buf (caller's buffer). */
void elf32_put_header(uint8_t *buf, const Elf32Header *eh);

/* Encode @ph into the ELF32_PHDR_SIZE bytes at @buf. */
void elf32_put_phdr(uint8_t *buf, const Elf32Phdr *ph);

/* Encode @sh into the ELF32_SHDR_SIZE bytes at @buf. */
void elf32_put_shdr(uint8_t *buf, const Elf32Shdr *sh);

/* Encode @sym into the ELF32_SYM_SIZE bytes at @buf. */
void elf32_put_sym(uint8_t *buf, const Elf32Sym *sym);

#endif /* RPROCSIM_MODELS_ELF32_H */
