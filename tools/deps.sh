#!/bin/sh
# deps.sh - install the Debian 12 packages Pagoda needs, if any are missing.
#
# `make run` and `make test` call this with --quiet: it checks each tool and
# only runs apt-get when something is missing. `make deps` calls it plainly.
set -eu

quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true

# "command-or-path package" pairs.
needs="
gcc build-essential
make build-essential
nasm nasm
qemu-system-x86_64 qemu-system-x86
grub-mkrescue grub-common
/usr/lib/grub/i386-pc/modinfo.sh grub-pc-bin
xorriso xorriso
mformat mtools
musl-gcc musl-tools
pytest-3 python3-pytest
gdb gdb
cpio cpio
/bin/busybox busybox-static
git git
"

missing=""
while read -r tool pkg; do
	[ -n "$tool" ] || continue
	case "$tool" in
	/*) [ -e "$tool" ] && continue ;;
	*) command -v "$tool" >/dev/null 2>&1 && continue ;;
	esac
	case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg" ;; esac
done <<EOF_NEEDS
$needs
EOF_NEEDS

if [ -z "$missing" ]; then
	$quiet || echo "deps: everything is installed"
	exit 0
fi

echo "deps: installing$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
