#!/usr/bin/env python3
"""Write a newc ("070701") cpio archive from a spec, without needing root.

Like Linux's usr/gen_init_cpio, the archive's contents come from a text
spec rather than from a directory tree, so device nodes and modes need no
privileges.  One entry per line; '#' starts a comment; paths are absolute
paths inside the archive; $VARS in host paths are expanded from the
environment:

    dir  <path> <mode>
    nod  <path> <mode> c|b <major> <minor>
    file <path> <host-path> <mode>
    slink <path> <target> <mode>

--extra-bins "a b" adds each host file under /bin/<basename>, mode 0755.
Missing parent directories are added with mode 0755.  Entries are written
parents first, with uid/gid 0 and mtime 0, so the archive is reproducible.
"""
import argparse
import os
import stat
import sys

TRAILER = "TRAILER!!!"


class Entry:
    """One archive member: its path, st_mode, rdev and data."""

    def __init__(self, path, mode, data=b"", rdev=(0, 0)):
        self.path = path
        self.mode = mode
        self.data = data
        self.rdev = rdev


def parse_mode(text, lineno):
    try:
        mode = int(text, 8)
    except ValueError:
        raise SystemExit(f"spec line {lineno}: bad mode {text!r}")
    if mode & ~0o7777:
        raise SystemExit(f"spec line {lineno}: mode {text!r} has type bits")
    return mode


def read_host(path, lineno):
    path = os.path.expandvars(path)
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise SystemExit(f"spec line {lineno}: {e}")


def parse_spec(lines):
    """Turn spec lines into a list of Entry."""
    entries = []
    for lineno, line in enumerate(lines, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        kind, args = words[0], words[1:]
        if kind == "dir" and len(args) == 2:
            entries.append(Entry(args[0], stat.S_IFDIR | parse_mode(args[1], lineno)))
        elif kind == "nod" and len(args) == 5 and args[2] in ("c", "b"):
            ftype = stat.S_IFCHR if args[2] == "c" else stat.S_IFBLK
            entries.append(Entry(args[0], ftype | parse_mode(args[1], lineno),
                                 rdev=(int(args[3]), int(args[4]))))
        elif kind == "file" and len(args) == 3:
            entries.append(Entry(args[0], stat.S_IFREG | parse_mode(args[2], lineno),
                                 read_host(args[1], lineno)))
        elif kind == "slink" and len(args) == 3:
            entries.append(Entry(args[0], stat.S_IFLNK | parse_mode(args[2], lineno),
                                 args[1].encode()))
        else:
            raise SystemExit(f"spec line {lineno}: cannot parse {line.strip()!r}")
    return entries


def with_parents(entries):
    """All entries plus any missing parent directories, parents first."""
    by_path = {}
    for e in entries:
        path = os.path.normpath(e.path)
        if not path.startswith("/"):
            raise SystemExit(f"archive path {e.path!r} is not absolute")
        if path in by_path:
            raise SystemExit(f"archive path {path} given twice")
        e.path = path
        by_path[path] = e
    for path in list(by_path):
        parent = os.path.dirname(path)
        while parent not in by_path:
            by_path[parent] = Entry(parent, stat.S_IFDIR | 0o755)
            parent = os.path.dirname(parent)
    for path, e in by_path.items():
        if path != "/" and not stat.S_ISDIR(by_path[os.path.dirname(path)].mode):
            raise SystemExit(f"parent of {path} is not a directory")
    return [by_path[p] for p in sorted(by_path, key=lambda p: (p.count("/") if p != "/" else 0, p))]


def pad4(n):
    return b"\0" * (-n % 4)


def member(ino, name, mode, data=b"", rdev=(0, 0), nlink=1):
    """One newc header + name + data, each padded to 4 bytes."""
    name_bytes = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_bytes), 0)
    header = b"070701" + b"".join(b"%08x" % f for f in fields)
    return header + name_bytes + pad4(len(header) + len(name_bytes)) + data + pad4(len(data))


def archive(entries):
    out = []
    for ino, e in enumerate(entries, 1):
        name = "." if e.path == "/" else e.path.lstrip("/")
        nlink = 2 if stat.S_ISDIR(e.mode) else 1
        out.append(member(ino, name, e.mode, e.data, e.rdev, nlink))
    out.append(member(0, TRAILER, 0))
    return b"".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec", help="spec file ('-' for standard input)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--extra-bins", default="",
                    help="space-separated host files to add as /bin/<basename>")
    args = ap.parse_args(argv)

    spec = sys.stdin if args.spec == "-" else open(args.spec)
    with spec:
        entries = parse_spec(spec)
    for host in args.extra_bins.split():
        entries.append(Entry("/bin/" + os.path.basename(host), stat.S_IFREG | 0o755,
                             read_host(host, "--extra-bins")))
    data = archive(with_parents(entries))
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
