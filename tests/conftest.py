"""pytest configuration shared by the whole suite.

`make test` builds everything first. Tests that boot the kernel need
build/pagoda.elf; tests/qemu.py says so plainly when it is missing, and host
unit tests do not need it at all.
"""
