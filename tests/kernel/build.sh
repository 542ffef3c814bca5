#!/bin/sh
# Build (or reuse) a test kernel from Debian's linux-source-6.12 (or
# another source tarball: $MCTP_PCC_KERNEL_TARBALL).
#
# usage: build.sh [FRAGMENT...]   each names tests/kernel/FRAGMENT.config,
#                                 merged in order over tinyconfig, a later
#                                 one overriding an earlier (default: debug)
# Prints the build directory (usable as `make -C DIR M=...`, with the make
# arguments in DIR/.mctp-pcc-make for another architecture) on stdout.
# The tree is cached under $MCTP_PCC_CACHE, keyed by the source package
# version, the fragments and the recipe number below, so reruns are instant.
# $MCTP_PCC_ARCH=arm64: cross-build for arm64 (gcc-aarch64-linux-gnu), with
# tests/kernel/arm64.config merged last, and FRAGMENT-arm64.config, where
# there is one, right after FRAGMENT; from a copy of the source with
# tests/kernel/patches/acpi-upgrade-pcct.patch applied (why: the patch);
# its own tree, keyed by those too.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

[ $# -gt 0 ] || set -- debug
flavour=$(echo "$*" | tr ' ' +)
arch=${MCTP_PCC_ARCH:-x86_64}
case $arch in
x86_64 | x86 | amd64)
	arch=x86_64
	kmakeargs="ARCH=x86_64"
	image=bzImage
	prefix=
	patches=
	;;
arm64 | aarch64)
	arch=arm64
	kmakeargs="ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-"
	image=Image
	prefix=arm64-
	patches=$here/patches/acpi-upgrade-pcct.patch
	set -- "$@" arm64
	;;
*) echo "build.sh: unknown architecture '$arch' (x86_64 or arm64)" >&2; exit 2 ;;
esac
fragments=
for name in "$@"; do
	[ -f "$here/$name.config" ] || { echo "build.sh: no config fragment $here/$name.config" >&2; exit 2; }
	fragments="$fragments $here/$name.config"
	[ "$arch" = x86_64 ] || [ ! -f "$here/$name-$arch.config" ] ||
		fragments="$fragments $here/$name-$arch.config"
done

"$here/../lib/install-deps.sh" kernel >&2
[ "$arch" = x86_64 ] || "$here/../lib/install-deps.sh" cross-arm64 >&2

# $MCTP_PCC_KERNEL_TARBALL: another kernel source tarball to build the same
# way (e.g. sid's, from fetch-source.sh), keyed by its name and size
if [ -n "${MCTP_PCC_KERNEL_TARBALL:-}" ]; then
	tarball=$MCTP_PCC_KERNEL_TARBALL
	srcver="$(basename "$tarball" .tar.xz)-$(stat -c %s "$tarball")"
else
	tarball=/usr/src/linux-source-6.12.tar.xz
	srcver=$(dpkg-query -W -f '${Version}' linux-source-6.12)
fi
# Bump when the way the kernel is built changes (not for comments).
recipe=1
# shellcheck disable=SC2086 # one path per fragment, none with blanks
key=$( { echo "$srcver $recipe"; cat $fragments $patches; } | sha256sum | cut -c1-12)
src=$MCTP_PCC_CACHE/src/linux-$(echo "$srcver" | tr "~+:" "___")
pristine=$src
# shellcheck disable=SC2086 # one path per patch, none with blanks
[ -z "$patches" ] || src=$src-patched-$(cat $patches | sha256sum | cut -c1-12)
out=$MCTP_PCC_CACHE/kernel-$prefix$flavour-$key

# A finished tree is never written again: no need to wait for the lock,
# which another build may hold for many minutes.
if [ -f "$out/.mctp-pcc-built" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$MCTP_PCC_CACHE"
exec 9>"$MCTP_PCC_CACHE/.kernel.lock"
flock 9

if [ -f "$out/.mctp-pcc-built" ]; then
	echo "$out"
	exit 0
fi

unpack_once "$tarball" "$pristine"
# a patched source: hard links to the pristine one, each file the patches
# touch copied first, so the pristine tree stays as it is
if [ -n "$patches" ] && [ ! -f "$src/.mctp-pcc-patched" ]; then
	rm -rf "$src" "$src.tmp"
	cp -al "$pristine" "$src.tmp"
	# shellcheck disable=SC2086
	sed -n 's,^+++ b/\([^[:space:]]*\).*,\1,p' $patches | while read -r f; do
		cp "$src.tmp/$f" "$src.tmp/$f.new" && mv "$src.tmp/$f.new" "$src.tmp/$f"
	done
	for p in $patches; do
		patch -s -d "$src.tmp" -p1 <"$p"
	done
	touch "$src.tmp/.mctp-pcc-patched"
	mv "$src.tmp" "$src"
fi

echo "build.sh: building $flavour kernel in $out (several minutes)" >&2
rm -rf "$out"
mkdir -p "$out"
# shellcheck disable=SC2086 # make variables without blanks
kmake() { make -C "$src" O="$out" $kmakeargs "$@"; }
kmake tinyconfig >/dev/null
# shellcheck disable=SC2086
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $fragments >/dev/null
kmake olddefconfig >/dev/null

# Every option the fragments ask for (the last word on each) must have
# survived Kconfig -- except one that a later fragment made moot: asked
# for by an earlier fragment and absent from .config altogether, because
# its dependencies are off (debug.config's KASAN_GENERIC once nodebug.config
# has turned KASAN off).
missing=0
# shellcheck disable=SC2086
awk -F= 'FNR == 1 { f++ }
	/^CONFIG_[A-Z0-9_]+=/ { if (!($1 in v)) o[n++] = $1; v[$1] = $0; at[$1] = f }
	END { for (i = 0; i < n; i++) print (at[o[i]] < f ? "earlier" : "last"), v[o[i]] }' \
	$fragments >"$out/.wanted"
while read -r from line; do
	opt=${line%%=*}
	want=${line#*=}
	if [ "$want" = n ]; then
		grep -q "^$opt=" "$out/.config" && { echo "build.sh: $opt is set, wanted off" >&2; missing=1; }
	elif ! grep -qx "$line" "$out/.config"; then
		if [ "$from" = earlier ] && ! grep -q -e "^$opt=" -e "^# $opt is not set\$" "$out/.config"; then
			continue
		fi
		echo "build.sh: $opt did not take the value $want" >&2
		missing=1
	fi
done <"$out/.wanted"
[ "$missing" -eq 0 ] || exit 1

kmake -j"$(nproc)" "$image" modules >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "build.sh: kernel build failed, full log in $out/build.log" >&2
	exit 1
}
# what building a module against this tree takes, and the image to boot
echo "$kmakeargs" >"$out/.mctp-pcc-make"
echo "arch/$arch/boot/$image" | sed 's,/x86_64/,/x86/,' >"$out/.mctp-pcc-image"
touch "$out/.mctp-pcc-built"
echo "$out"
