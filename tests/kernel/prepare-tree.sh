#!/bin/sh
# Prepare a compile-only kernel tree (modules_prepare) for building the
# module against another kernel version or architecture.
#
# usage: prepare-tree.sh SOURCE ARCH [CROSS_COMPILE]
#   SOURCE: a linux-source-X.Y tarball (.tar.xz)
#   ARCH:   x86_64, i386 or arm64
# Prints the tree, usable as `make -C TREE M=... modules`. Cached under
# $MCTP_PCC_CACHE, keyed by the tarball, the architecture and compile.config.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

tarball=$1
arch=$2
cross=${3:-}
fragment=$here/compile.config
recipe=1
key=$( { echo "$recipe $arch $cross"; basename "$tarball"; stat -c %s "$tarball"; cat "$fragment"; } |
	sha256sum | cut -c1-12)
name=$(basename "$tarball" .tar.xz)
src=$MCTP_PCC_CACHE/src/$name-$key
out=$MCTP_PCC_CACHE/tree-$name-$arch-$key

mkdir -p "$MCTP_PCC_CACHE"
exec 9>"$MCTP_PCC_CACHE/.kernel.lock"
flock 9
if [ -f "$out/.mctp-pcc-prepared" ]; then
	echo "$out"
	exit 0
fi

unpack_once "$tarball" "$src"

echo "prepare-tree.sh: preparing $name for $arch" >&2
rm -rf "$out"
mkdir -p "$out"
kmake() { make -C "$src" O="$out" ARCH="$arch" ${cross:+CROSS_COMPILE=$cross} "$@"; }
kmake tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" >/dev/null
kmake olddefconfig >/dev/null
grep -qx CONFIG_MCTP=y "$out/.config" || { echo "prepare-tree.sh: CONFIG_MCTP did not take" >&2; exit 1; }
kmake -j"$(nproc)" modules_prepare >"$out/prepare.log" 2>&1 || {
	tail -n 30 "$out/prepare.log" >&2
	exit 1
}
touch "$out/.mctp-pcc-prepared"
echo "$out"
