# Pagoda - a teaching kernel whose memory management is a miniature of Linux's.
#
#   make            build build/pagoda.elf and build/pagoda.iso
#   make run        boot the ISO in QEMU (serial on this terminal; Ctrl-A x quits)
#   make test       host unit tests + kernel tests + user tests (Pagoda and Linux)
#   make debug      boot and wait for GDB on localhost:$(GDB_PORT)
#   make gdb        attach GDB (symbols, breakpoint at the C entry)
#   make bench      benchmarks of the fast kernel (OPT=2, build-fast/) against Linux
#   make profile    where the fast kernel spends its time running PROG=/bench/mm
#   make labs       the labs; make lab LAB=name, make grade [LAB=name] (tools/labs/labs.mk)
#   make deps       install missing Debian packages
#   make compile_commands.json   for clangd
#
# Variables: OPT=g|2 MEM=512M ACCEL=tcg CPU=max CMDLINE="words" QEMU_EXTRA="..."
#            EXTRA_BINS="prog data.txt" CROSS_COMPILE=x86_64-elf-

VERSION := 0.1.0
# OPT=g (the default): the debuggable kernel in build/, what run, debug, gdb
# and test use: -Og keeps every function of mm/, kernel/ and arch/ that the
# source does not declare inline out of line under its own name, so `break
# NAME` stops there with its arguments (tests/test_gdb.py checks it).
# OPT=2: the fast kernel (-O2, inlining) in build-fast/, what bench uses.
OPT ?= g
FAST_BUILD := build-fast
# The fast kernel is configured as Debian's Linux is (kernel/configs/
# fast.config): no CONFIG_DEBUG_VM, no CONFIG_DEBUG_TLBFLUSH, no frame pointers.
ifeq ($(OPT),2)
BUILD ?= $(FAST_BUILD)
OPT_CFLAGS := -O2
CONFIG_FRAGMENTS := kernel/configs/fast.config
else ifeq ($(OPT),g)
BUILD ?= build
# -Og's flow analysis warns of uninitialised variables that are not (Linux
# turns this warning off in every build: scripts/Makefile.extrawarn).
OPT_CFLAGS := -Og -Wno-maybe-uninitialized
CONFIG_FRAGMENTS :=
else
$(error OPT=$(OPT): expected g (debuggable, the default) or 2 (fast))
endif
# CONFIG_FRAME_POINTER as the merged configuration sets it (its last line
# in pagoda.config and the fragments): every function keeps its frame in
# rbp and returns with a ret, for frame-pointer call traces.
ifeq ($(shell grep -hE '^([#] )?CONFIG_FRAME_POINTER[= ]' kernel/configs/pagoda.config $(CONFIG_FRAGMENTS) | tail -n 1),CONFIG_FRAME_POINTER=y)
OPT_CFLAGS += -fno-omit-frame-pointer -fno-optimize-sibling-calls
else
OPT_CFLAGS += -fomit-frame-pointer
endif
CROSS_COMPILE ?=
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
NM := $(CROSS_COMPILE)nm
NASM ?= nasm
PYTHON ?= python3
PYTEST ?= pytest-3
QEMU ?= qemu-system-x86_64
GDB ?= gdb

MEM ?= 512M
ACCEL ?= tcg
CPU ?= max
CMDLINE ?=
QEMU_EXTRA ?=
GDB_PORT ?= 1234
PYTEST_ARGS ?=

KERNEL := $(BUILD)/pagoda.elf
# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-8s %s\n'
endif
-include userland/userland.mk
include tools/labs/labs.mk
ISO := $(BUILD)/pagoda.iso

CFLAGS := -std=gnu11 $(OPT_CFLAGS) -g -ffreestanding -nostdinc -nostdlib \
	-mcmodel=kernel -mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-avx \
	-mno-80387 -mgeneral-regs-only \
	-fno-pic -fno-pie -fno-stack-protector -fno-strict-aliasing -fno-common \
	-fno-asynchronous-unwind-tables -fcf-protection=none \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wno-sign-compare \
	-Wmissing-prototypes -Wstrict-prototypes \
	-Iinclude -Iarch/x86_64/include -include $(BUILD)/autoconf.h \
	-DPAGODA_VERSION='"$(VERSION)"' -MMD -MP
NASMFLAGS := -f elf64 -g -F dwarf
LDFLAGS := -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments

C_SRCS := $(wildcard arch/x86_64/*.c arch/x86_64/mm/*.c kernel/*.c kernel/*/*.c mm/*.c tests/kernel/*.c)
ASM_SRCS := $(wildcard boot/*.asm arch/x86_64/*.asm)
OBJS := $(C_SRCS:%.c=$(BUILD)/obj/%.o) $(ASM_SRCS:%.asm=$(BUILD)/obj/%.o)

.PHONY: all kernel iso run debug gdb test bench profile clean deps deps-check FORCE
# A rule that fails leaves no half-written target that looks up to date.
.DELETE_ON_ERROR:

all: $(KERNEL) $(ISO)
kernel: $(KERNEL)
iso: $(ISO)

$(BUILD)/obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(quiet) CC $<
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

# The configuration: kernel/configs/pagoda.config with the build's
# fragments merged over it (Linux's merge_config.sh), and its C view, one
# #define per =y option (Linux's include/generated/autoconf.h). Every C
# file includes it; /proc/config.gz (kernel/configs.c) embeds the .config.
# $(BUILD)/fragments names them, so that building another OPT into the
# same directory remakes the configuration and everything after it.
$(BUILD)/fragments: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CONFIG_FRAGMENTS)' | cmp -s - $@ || echo '$(CONFIG_FRAGMENTS)' > $@

$(BUILD)/.config: kernel/configs/pagoda.config $(CONFIG_FRAGMENTS) $(BUILD)/fragments \
		tools/merge_config.py
	$(Q)$(PYTHON) tools/merge_config.py kernel/configs/pagoda.config $(CONFIG_FRAGMENTS) > $@

$(BUILD)/autoconf.h: $(BUILD)/.config
	$(Q)sed -n 's/^\(CONFIG_[A-Za-z0-9_]*\)=y$$/#define \1 1/p' $< > $@

$(C_SRCS:%.c=$(BUILD)/obj/%.o): $(BUILD)/autoconf.h
$(BUILD)/obj/kernel/configs.o: $(BUILD)/.config
$(BUILD)/obj/kernel/configs.o: CFLAGS += -DKCONFIG_FILE='"$(BUILD)/.config"'

$(BUILD)/obj/%.o: %.asm Makefile
	@mkdir -p $(dir $@)
	$(quiet) NASM $<
	$(Q)$(NASM) $(NASMFLAGS) $< -o $@

# Two link passes embed the symbol table (like Linux's kallsyms): pass 1
# links with an empty table, tools/kallsyms.py turns its `nm` output into
# an assembler table, pass 2 links that in. .kallsyms is the last section,
# so no code or data moves between the passes; the check below proves it.
$(BUILD)/kallsyms0.S:
	@mkdir -p $(BUILD)
	$(PYTHON) tools/kallsyms.py < /dev/null > $@

$(BUILD)/%.o: $(BUILD)/%.S
	$(CC) -c $< -o $@

$(KERNEL): $(OBJS) linker.ld tools/kallsyms.py $(BUILD)/kallsyms0.o
	$(quiet) LD $@
	$(Q)$(LD) $(LDFLAGS) -T linker.ld -o $(BUILD)/pagoda.pass1.elf $(OBJS) $(BUILD)/kallsyms0.o
	$(Q)$(NM) -n $(BUILD)/pagoda.pass1.elf | $(PYTHON) tools/kallsyms.py > $(BUILD)/kallsyms1.S
	$(Q)$(CC) -c $(BUILD)/kallsyms1.S -o $(BUILD)/kallsyms1.o
	$(Q)$(LD) $(LDFLAGS) -T linker.ld -o $@.tmp $(OBJS) $(BUILD)/kallsyms1.o
	$(Q)$(NM) -n $@.tmp | $(PYTHON) tools/kallsyms.py --check $(BUILD)/kallsyms1.S
	$(Q)mv $@.tmp $@

# The ISO: GRUB (BIOS) with iso/grub.cfg, the kernel and the initramfs.
# CMDLINE is remembered in build/cmdline so that changing it rebuilds.
$(BUILD)/cmdline: FORCE
	@mkdir -p $(BUILD)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(ISO): $(KERNEL) $(INITRAMFS) iso/grub.cfg $(BUILD)/cmdline
	$(Q)rm -rf $(BUILD)/isodir && mkdir -p $(BUILD)/isodir/boot/grub
	$(Q)cp $(KERNEL) $(BUILD)/isodir/boot/pagoda.elf
	$(Q)$(if $(INITRAMFS),cp $(INITRAMFS) $(BUILD)/isodir/boot/initramfs.cpio)
	$(quiet) ISO $@
	$(Q)sed -e 's|@CMDLINE@|$(CMDLINE)|g' -e 's|@VERSION@|$(VERSION)|g' \
		$(if $(INITRAMFS),,-e '/module2/d') iso/grub.cfg > $(BUILD)/isodir/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(BUILD)/isodir 2> $(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

QEMU_ARGS = -accel $(ACCEL) -cpu $(CPU) -m $(MEM) -cdrom $(ISO) -boot d \
	-display none -serial mon:stdio -no-reboot -nic none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(QEMU_EXTRA)

run: deps-check
	$(MAKE) all
	$(QEMU) $(QEMU_ARGS)

debug: deps-check
	$(MAKE) all
	@echo "QEMU waits for GDB on localhost:$(GDB_PORT); run 'make gdb' in another terminal."
	$(QEMU) $(QEMU_ARGS) -gdb tcp::$(GDB_PORT) -S

gdb: $(KERNEL)
	$(GDB) -q -x tools/gdb/pagoda.gdb -ex 'file $(KERNEL)' -ex 'pagoda-attach $(GDB_PORT)'

test: deps-check
	$(MAKE) all
	$(PYTEST) -ra $(PYTEST_ARGS) tests

# The fast kernel (build-fast/) against Debian's Linux (in $(BUILD)/linux/).
bench: deps-check
	$(MAKE) OPT=2 BUILD=$(FAST_BUILD) all
	$(MAKE) linux-kernel
	PAGODA_BUILD=$(FAST_BUILD) PAGODA_LINUX=$(BUILD)/linux/vmlinuz $(PYTHON) tests/bench.py $(BENCH_ARGS)

# The fast kernel booted with profile=PROFILE_SHIFT runs PROG under
# /tests/helpers/profile; tools/readprofile names the hottest functions.
PROG ?= /bench/mm
PROFILE_SHIFT ?= 2
PROFILE_LOG := $(FAST_BUILD)/profile.log
profile: MEM := 2G
profile: deps-check
	$(MAKE) OPT=2 BUILD=$(FAST_BUILD) CMDLINE="profile=$(PROFILE_SHIFT) -- run /tests/helpers/profile $(PROG)" all
	$(QEMU) $(subst $(ISO),$(FAST_BUILD)/pagoda.iso,$(QEMU_ARGS)) < /dev/null > $(PROFILE_LOG) || true
	$(PYTHON) tools/readprofile -m $(FAST_BUILD)/pagoda.elf $(PROFILE_LOG)

deps:
	tools/deps.sh

deps-check:
	@tools/deps.sh --quiet

compile_commands.json: FORCE
	bear --output $@ -- $(MAKE) -B $(KERNEL)

clean:
	rm -rf $(BUILD) $(FAST_BUILD) compile_commands.json

-include $(OBJS:.o=.d)
