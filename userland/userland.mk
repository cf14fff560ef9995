# User space: the init, the test programs and benchmarks, all
# static musl binaries, packed into $(BUILD)/initramfs.cpio with Debian's
# busybox-static (/bin/busybox and its applets) and the files of userland/etc/.
#
# Included by the top-level Makefile; also usable alone:
#   make -f userland/userland.mk [userland|initramfs|linux-kernel|test-linux]
#
#   userland      build every program into $(BUILD)/userland/
#   initramfs     $(BUILD)/initramfs.cpio (+ EXTRA_BINS="host paths" in /bin)
#   linux-kernel  fetch Debian's Linux into $(BUILD)/linux/vmlinuz (once)
#   test-linux    run the user tests against Linux only

# Rules defined here must not become the including Makefile's default goal.
USERLAND_SAVED_GOAL := $(.DEFAULT_GOAL)

BUILD ?= build
USER_CC ?= musl-gcc
PYTHON ?= python3
PYTEST ?= pytest-3
EXTRA_BINS ?=

USER_SRC := userland
USER_OUT := $(BUILD)/userland
USER_CFLAGS := -static -O2 -g -Wall -Wextra -Werror -std=gnu11 -D_GNU_SOURCE -I$(USER_SRC)/lib \
	-I$(USER_OUT)

USER_LIB := $(USER_OUT)/lib/libtest.a
USER_LIB_OBJS := $(patsubst $(USER_SRC)/%.c,$(USER_OUT)/%.o,$(wildcard $(USER_SRC)/lib/*.c))

# Program names: /tests/NAME, /tests/helpers/NAME, /bench/NAME.
USER_TESTS := $(sort $(basename $(notdir $(wildcard $(USER_SRC)/tests/*.c))))
USER_HELPERS := $(sort $(basename $(notdir $(wildcard $(USER_SRC)/tests/helpers/*.c))))
USER_BENCHES := $(sort $(basename $(notdir $(wildcard $(USER_SRC)/bench/*.c))))

USER_PROGS := $(USER_OUT)/init \
	$(USER_TESTS:%=$(USER_OUT)/tests/%) \
	$(USER_HELPERS:%=$(USER_OUT)/tests/helpers/%) \
	$(USER_BENCHES:%=$(USER_OUT)/bench/%)

# Debian's busybox-static; its applets become symlinks to it in /bin and
# /sbin (where `busybox --install -s` puts them, /usr folded into /), /bin/sh
# (ash) included, but for /sbin/init (Pagoda's own) and linuxrc (BUSYBOX_SKIP).
BUSYBOX ?= /bin/busybox
BUSYBOX_SKIP := bin/busybox linuxrc sbin/init
USER_ETC := $(sort $(notdir $(wildcard $(USER_SRC)/etc/*)))

INITRAMFS := $(BUILD)/initramfs.cpio
export INITRAMFS

.PHONY: userland initramfs linux-kernel test-linux FORCE

userland: $(USER_PROGS)
initramfs: $(INITRAMFS)
linux-kernel: $(BUILD)/linux/vmlinuz

$(USER_OUT)/lib/%.o: $(USER_SRC)/lib/%.c
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -MMD -MP -c $< -o $@

$(USER_LIB): $(USER_LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(USER_OUT)/%: $(USER_SRC)/%.c $(USER_LIB)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -MMD -MP -MF $@.d $< $(USER_LIB) -o $@

# misc's ENOSYS check needs the numbers Pagoda implements: every
# SYSCALL_DEFINEn(name) in the kernel, numbered by its system call table.
SYSCALL_TABLE := arch/x86_64/include/asm/syscall_table.h
$(USER_OUT)/pagoda_syscalls.h: $(SYSCALL_TABLE) $(shell find kernel mm arch -name '*.c')
	@mkdir -p $(dir $@)
	@grep -rhoE 'SYSCALL_DEFINE[0-6]\([a-z0-9_]+' kernel mm arch | sed 's/.*(//' | sort -u | \
	awk 'NR == FNR { want[$$0] = 1; next } \
	     /^__SYSCALL\(/ { split($$0, f, /[(, )]+/); if (f[3] in want) printf "%s, ", f[2] }' \
	     - $(SYSCALL_TABLE) | { printf '#define PAGODA_SYSCALLS '; cat; echo; } > $@

$(USER_OUT)/tests/misc: $(USER_OUT)/pagoda_syscalls.h

# EXTRA_BINS is remembered so that changing it rebuilds the archive.
$(USER_OUT)/extra-bins: FORCE
	@mkdir -p $(dir $@)
	@echo '$(EXTRA_BINS)' | cmp -s - $@ || echo '$(EXTRA_BINS)' > $@

$(USER_OUT)/initramfs.spec: $(USER_SRC)/userland.mk FORCE
	@mkdir -p $(dir $@)
	@{ \
	for d in / /bin /sbin /tests /tests/helpers /bench /proc /sys /dev /tmp /etc; do \
		echo "dir $$d 0755"; done; \
	echo "dir /root 0700"; \
	echo "nod /dev/console 0600 c 5 1"; \
	echo "nod /dev/null 0666 c 1 3"; \
	echo "nod /dev/zero 0666 c 1 5"; \
	echo "nod /dev/random 0666 c 1 8"; \
	echo "nod /dev/urandom 0666 c 1 9"; \
	echo "nod /dev/tty 0666 c 5 0"; \
	echo "file /init $(USER_OUT)/init 0755"; \
	echo "file /sbin/init $(USER_OUT)/init 0755"; \
	for p in $(USER_TESTS); do echo "file /tests/$$p $(USER_OUT)/tests/$$p 0755"; done; \
	for p in $(USER_HELPERS); do \
		echo "file /tests/helpers/$$p $(USER_OUT)/tests/helpers/$$p 0755"; done; \
	for p in $(USER_BENCHES); do echo "file /bench/$$p $(USER_OUT)/bench/$$p 0755"; done; \
	for f in $(USER_ETC); do echo "file /etc/$$f $(USER_SRC)/etc/$$f 0644"; done; \
	echo "file /bin/busybox $(BUSYBOX) 0755"; \
	$(BUSYBOX) --list-full | sed 's|^usr/||' | grep -vxF $(BUSYBOX_SKIP:%=-e %) | \
		sed 's|.*|slink /& /bin/busybox 0777|'; \
	} > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(INITRAMFS): $(USER_PROGS) $(EXTRA_BINS) $(USER_OUT)/initramfs.spec $(BUSYBOX) \
		$(USER_ETC:%=$(USER_SRC)/etc/%) \
		$(USER_OUT)/extra-bins tools/mkinitramfs.py
	$(PYTHON) tools/mkinitramfs.py $(USER_OUT)/initramfs.spec \
		--extra-bins "$(EXTRA_BINS)" -o $@

$(BUILD)/linux/vmlinuz:
	BUILD=$(BUILD) tools/fetch-linux.sh

test-linux: $(INITRAMFS) $(BUILD)/linux/vmlinuz
	$(PYTEST) -q tests/test_user.py -k linux

-include $(USER_LIB_OBJS:.o=.d) $(USER_PROGS:=.d)

# Alone, `make -f userland/userland.mk` builds the programs.
ifeq ($(firstword $(MAKEFILE_LIST)),$(USER_SRC)/userland.mk)
.DEFAULT_GOAL := userland
else
.DEFAULT_GOAL := $(USERLAND_SAVED_GOAL)
endif
