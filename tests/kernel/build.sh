#!/bin/sh
# Build (or reuse) a test kernel from Debian's linux-source-6.12 (or
# another source tarball: $MCTP_PCC_KERNEL_TARBALL).
#
# usage: build.sh [FRAGMENT...]   each names tests/kernel/FRAGMENT.config,
#                                 merged in order over tinyconfig, a later
#                                 one overriding an earlier (default: debug)
# Prints the build directory (usable as `make -C DIR M=...`) on stdout.
# The tree is cached under $MCTP_PCC_CACHE, keyed by the source package
# version, the fragments and the recipe number below, so reruns are instant.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

[ $# -gt 0 ] || set -- debug
flavour=$(echo "$*" | tr ' ' +)
fragments=
for name in "$@"; do
	[ -f "$here/$name.config" ] || { echo "build.sh: no config fragment $here/$name.config" >&2; exit 2; }
	fragments="$fragments $here/$name.config"
done

"$here/../lib/install-deps.sh" kernel >&2

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
key=$( { echo "$srcver $recipe"; cat $fragments; } | sha256sum | cut -c1-12)
src=$MCTP_PCC_CACHE/src/linux-$(echo "$srcver" | tr "~+:" "___")
out=$MCTP_PCC_CACHE/kernel-$flavour-$key

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

unpack_once "$tarball" "$src"

echo "build.sh: building $flavour kernel in $out (several minutes)" >&2
rm -rf "$out"
mkdir -p "$out"
kmake() { make -C "$src" O="$out" ARCH=x86_64 "$@"; }
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

kmake -j"$(nproc)" bzImage modules >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "build.sh: kernel build failed, full log in $out/build.log" >&2
	exit 1
}
touch "$out/.mctp-pcc-built"
echo "$out"
