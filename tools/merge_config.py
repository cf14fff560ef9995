#!/usr/bin/env python3
"""merge_config.py BASE [FRAGMENT...] - print BASE with each fragment's
options merged over it, as Linux's scripts/kconfig/merge_config.sh does:
an option a fragment sets (`CONFIG_X=value` or `# CONFIG_X is not set`)
replaces BASE's line for it in place, and one BASE lacks is appended.
Two header lines name the files; comments and blank lines of the
fragments are left out."""
import re
import sys

OPTION_RE = re.compile(r"^(?:# )?(CONFIG_\w+)(?:=| is not set$)")


def option(line):
    m = OPTION_RE.match(line)
    return m.group(1) if m else None


def main(base, *fragments):
    lines = [f"# Pagoda's .config: {' + '.join((base,) + fragments)}",
             "# (tools/merge_config.py)"] + open(base).read().splitlines()
    for fragment in fragments:
        for line in open(fragment).read().splitlines():
            name = option(line)
            if name is None:
                continue
            where = [i for i, old in enumerate(lines) if option(old) == name]
            if where:
                lines[where[0]] = line
            else:
                lines.append(line)
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(*sys.argv[1:])
