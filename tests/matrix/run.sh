#!/bin/sh
# Build the module, warnings as failures (W=1), against each kernel the
# project supports: the 6.12 test kernel, Debian 12's 6.1, the newest kernel
# Debian has (7.3, trixie-backports: tests/kernel/fetch-source.sh newest)
# for arm64, cross-compiled (the arm64 KCSAN test kernel make check boots),
# and 6.12 for 32-bit x86 (where u64 statistics need their seqcount).
# Compile-only trees are prepared with modules_prepare. Ends with
# "matrix: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/matrix
kernel=$top/tests/kernel

"$top/tests/lib/install-deps.sh" kernel matrix >&2 || exit 1

# shellcheck source=tests/lib/result.sh
. "$top/tests/lib/result.sh"
passed=0
failed=0

# build NAME TREE [ARCH CROSS_COMPILE]: the module against TREE, W=1
build() {
	name=$1
	tree=$2
	dir=$out/$name
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -r "$top/src" "$top/VERSION" "$dir/"
	# a compile-only tree has no vmlinux symbols to check against
	nosyms=
	[ -f "$tree/Module.symvers" ] || nosyms=KBUILD_MODPOST_WARN=1
	make -C "$tree" M="$dir/src" W=1 ${3:+ARCH=$3} ${4:+CROSS_COMPILE=$4} \
		$nosyms modules >"$dir/build.log" 2>&1
	rc=$?
	# compiler diagnostics; modpost's about missing vmlinux symbols are
	# in capitals
	if [ $rc -ne 0 ] || grep -E 'warning:|error:' "$dir/build.log" ||
		[ ! -f "$dir/src/mctp-pcc.ko" ]; then
		sed 's/^/    /' "$dir/build.log"
		return 1
	fi
	# every tree has the PCC mailbox: the transport must be in the module
	if [ ! -f "$dir/src/mctp-pcc-link.o" ]; then
		echo "    the PCC transport was not built (CONFIG_PCC unset in $tree?)"
		return 1
	fi
	modinfo -F vermagic "$dir/src/mctp-pcc.ko"
}

tree=$("$kernel/build.sh" debug) && build linux-6.12-x86_64 "$tree"
result $? "builds against 6.12 (x86_64, the test kernel)"

tree=$("$kernel/prepare-tree.sh" /usr/src/linux-source-6.1.tar.xz x86_64) &&
	build linux-6.1-x86_64 "$tree"
result $? "builds against 6.1 (x86_64, Debian 12's kernel)"

# the newest, for arm64: the arm64 KCSAN test kernel make check boots,
# fully built (its symbols are checked too), rather than a compile-only
# tree of its own; one tree gives the newest kernel and arm64 both
if tarball=$("$kernel/fetch-source.sh" newest); then
	name=$(basename "$tarball" .tar.xz)
	tree=$(MCTP_PCC_ARCH=arm64 MCTP_PCC_KERNEL_TARBALL=$tarball \
		"$kernel/build.sh" debug kcsan) &&
		build "$name-arm64" "$tree" arm64 aarch64-linux-gnu-
	result $? "builds against $name (arm64, cross-compiled: the newest Debian has)"
else
	result 1 "fetch the newest kernel source Debian has"
fi

tree=$("$kernel/prepare-tree.sh" /usr/src/linux-source-6.12.tar.xz i386) &&
	build linux-6.12-i386 "$tree" i386
result $? "builds against 6.12 (i386, 32-bit)"

echo "matrix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
