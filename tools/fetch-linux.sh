#!/bin/sh
# Fetch Debian's Linux 6.12 kernel image into $BUILD/linux/vmlinuz.
#
# The Linux side of the user-space tests boots the same initramfs under a
# real kernel.  The kernel comes from Debian's linux-image-6.12-amd64
# meta-package: `apt-cache depends` names the versioned image package,
# `apt-get download` fetches its .deb, `dpkg -x` unpacks it, and the
# vmlinuz inside is copied out; the .deb and the unpacked tree are removed.
# Idempotent: does nothing when the kernel is already there.
set -eu

BUILD=${BUILD:-build}
META=linux-image-6.12-amd64
OUT="$BUILD/linux"
KERNEL="$OUT/vmlinuz"

if [ -s "$KERNEL" ]; then
    exit 0
fi
mkdir -p "$OUT"

resolve() {
    apt-cache depends "$META" 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1
}

PKG=$(resolve)
if [ -z "$PKG" ]; then
    echo "fetch-linux: $META unknown to apt-cache; running apt-get update" >&2
    apt-get update -qq
    PKG=$(resolve)
fi
if [ -z "$PKG" ]; then
    echo "fetch-linux: cannot resolve $META" >&2
    exit 1
fi

echo "fetch-linux: $PKG"
(cd "$OUT" && rm -f "$PKG"_*.deb && apt-get download -q -o APT::Sandbox::User=root "$PKG")
DEB=$(ls "$OUT/$PKG"_*.deb | head -n 1)
rm -rf "$OUT/root"
dpkg -x "$DEB" "$OUT/root"
IMAGE=$(ls "$OUT"/root/boot/vmlinuz-* | head -n 1)
cp "$IMAGE" "$KERNEL.tmp"
mv "$KERNEL.tmp" "$KERNEL"
rm -rf "$OUT/root" "$DEB"
echo "fetch-linux: $KERNEL"
