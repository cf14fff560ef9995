# pagoda.gdb - GDB setup for Pagoda (used by `make gdb`).
#
#   make debug        # terminal 1: QEMU waits for GDB on localhost:1234
#   make gdb          # terminal 2: loads symbols, stops at x86_64_start_kernel
#
# The kernel runs in 64-bit long mode with its symbols in the higher half,
# so GDB is told the architecture up front (otherwise it assumes the 32-bit
# protected mode QEMU reports at reset and rejects the 64-bit registers).
# Breakpoints are hardware breakpoints (hbreak): at reset the kernel's
# virtual addresses are not mapped yet, so GDB could not write an int3 there.
# See README.md for stepping through the 32-bit boot code.
set pagination off
set confirm off
file build/pagoda.elf
set architecture i386:x86-64
source tools/gdb/pagoda.py

define pagoda-attach
  target remote 127.0.0.1:$arg0
  hbreak x86_64_start_kernel
  continue
end
document pagoda-attach
pagoda-attach PORT: connect to QEMU's GDB stub and run to the C entry.
end
