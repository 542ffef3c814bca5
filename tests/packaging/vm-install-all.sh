#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The install-in-a-VM test (issue 3, steps 2-8) from nothing, as one
# `make check` part: build (or reuse from the cache) the two test kernels as
# linux-image/linux-headers .debs (tests/kernel/build-debs.sh -mctp1 and
# -mctp2) and the Debian 12 root filesystem (tests/packaging/rootfs.sh), then
# run tests/packaging/vm-install.sh with them.
#
# usage: tests/packaging/vm-install-all.sh [--arch arm64]
# Ends with "install-vm: N passed, N failed"; exits non-zero on a failure.
#
# --arch arm64 (make arm64-install-test, not in make check): the same on
# arm64, with one kernel: the distro kernel cross-built for arm64
# (MCTP_PCC_ARCH=arm64 tests/kernel/build-debs.sh -mctp1), the arm64 root
# filesystem (rootfs.sh arm64, whose debootstrap second stage boots that
# kernel), and vm-install.sh --arch arm64. Ends with "install-vm-arm64: N
# passed, N failed".
#
# From a cold cache on 2 cores this is the distro kernel build, two
# bindeb-pkg runs, debootstrap, the packages and signed repositories of two
# versions, and two boots under QEMU TCG (with several DKMS builds inside):
# see docs/packaging.md for the times.  The root
# filesystem is made while the kernels build: debootstrap waits mostly on
# the network and the disk, the kernel build on the CPUs.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
arch=amd64
name=install-vm
case ${1:-}:${2:-} in
: | --arch:amd64 | --arch:x86_64) ;;
--arch:arm64 | --arch:aarch64)
	arch=arm64
	name=install-vm-arm64
	;;
*) sed -n '2,23s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
out=${MCTP_PCC_BUILD:-$top/build}/$name-all
rm -rf "$out"
mkdir -p "$out"

fail() {
	echo "vm-install-all: $*" >&2
	echo "$name: 0 passed, 1 failed"
	exit 1
}
now() { date +%s; }
start=$(now)

# Everything the parts below install, now: two apt-get runs at once would
# fight over dpkg's lock.
deps="kernel kernel-debs rootfs vm pkg repo pcc"
[ "$arch" = amd64 ] || deps="$deps cross-arm64 cross vm-arm64"
# shellcheck disable=SC2086 # one group a word
"$top/tests/lib/install-deps.sh" $deps >&2 ||
	fail "cannot install the build dependencies"

# (arm64: rootfs.sh's second stage waits for the kernel build.sh makes.)
"$here/rootfs.sh" "$arch" >"$out/rootfs.path" 2>"$out/rootfs.log" &
rootfs_pid=$!

# Two kernels, A and B (arm64: one), packaged from the one distro kernel.
kernels=
for localversion in -mctp1 $([ "$arch" = arm64 ] || echo -mctp2); do
	kernel=$(MCTP_PCC_ARCH=$arch "$top/tests/kernel/build-debs.sh" "$localversion") || {
		wait "$rootfs_pid"
		fail "MCTP_PCC_ARCH=$arch build-debs.sh $localversion failed"
	}
	kernels="$kernels $kernel"
done
kernels_done=$(now)
if ! wait "$rootfs_pid"; then
	cat "$out/rootfs.log" >&2
	fail "rootfs.sh $arch failed"
fi
echo "vm-install-all: kernels and root filesystem ready after $((kernels_done - start))s (kernels)," \
	"$(($(now) - start))s (all)"

# vm-install.sh reports the time from here on, before its last line.
# shellcheck disable=SC2086 # one directory a kernel, none with blanks
MCTP_PCC_INSTALL_T0=$start exec "$here/vm-install.sh" --arch "$arch" $kernels
