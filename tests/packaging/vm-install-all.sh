#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The install-in-a-VM test (issue 3, steps 2-8) from nothing, as one
# `make check` part: build (or reuse from the cache) the two test kernels as
# linux-image/linux-headers .debs (tests/kernel/build-debs.sh -mctp1 and
# -mctp2) and the Debian 12 root filesystem (tests/packaging/rootfs.sh), then
# run tests/packaging/vm-install.sh with them.
#
# usage: tests/packaging/vm-install-all.sh
# Ends with "install-vm: N passed, N failed"; exits non-zero on a failure.
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
out=${MCTP_PCC_BUILD:-$top/build}/install-vm-all
rm -rf "$out"
mkdir -p "$out"

fail() {
	echo "vm-install-all: $*" >&2
	echo "install-vm: 0 passed, 1 failed"
	exit 1
}
now() { date +%s; }
start=$(now)

# Everything the parts below install, now: two apt-get runs at once would
# fight over dpkg's lock.
"$top/tests/lib/install-deps.sh" kernel kernel-debs rootfs vm pkg repo pcc >&2 ||
	fail "cannot install the build dependencies"

"$here/rootfs.sh" >"$out/rootfs.path" 2>"$out/rootfs.log" &
rootfs_pid=$!

kernel_a=$("$top/tests/kernel/build-debs.sh" -mctp1) || {
	wait "$rootfs_pid"
	fail "build-debs.sh -mctp1 failed"
}
kernel_b=$("$top/tests/kernel/build-debs.sh" -mctp2) || {
	wait "$rootfs_pid"
	fail "build-debs.sh -mctp2 failed"
}
kernels_done=$(now)
if ! wait "$rootfs_pid"; then
	cat "$out/rootfs.log" >&2
	fail "rootfs.sh failed"
fi
echo "vm-install-all: kernels and root filesystem ready after $((kernels_done - start))s (kernels)," \
	"$(($(now) - start))s (all)"

# vm-install.sh reports the time from here on, before its last line.
MCTP_PCC_INSTALL_T0=$start exec "$here/vm-install.sh" "$kernel_a" "$kernel_b"
