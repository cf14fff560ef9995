"""pagoda.py - GDB commands for looking inside Pagoda (sourced by pagoda.gdb).

  pagoda-dmesg      print the kernel log buffer (log_buf)
"""
import gdb


class Dmesg(gdb.Command):
    """pagoda-dmesg: print the kernel log (printk's log_buf ring)."""

    def __init__(self):
        super().__init__("pagoda-dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval("log_buf")
        size = int(buf.type.sizeof)
        total = int(gdb.parse_and_eval("log_next"))
        data = gdb.selected_inferior().read_memory(buf.address, size).tobytes()
        if total <= size:
            text = data[:total]
        else:
            start = total % size
            text = data[start:] + data[:start]
        gdb.write(text.decode("utf-8", "replace"))


Dmesg()
