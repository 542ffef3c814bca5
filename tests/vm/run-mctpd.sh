#!/bin/sh
# mctpd against the driver's emulated endpoints, in the test VM: the guest
# suite tests/vm/guest/mctpd.sh with the upstream mctpd and mctp (from
# CodeConstruct/mctp, built outside the checkout), busctl and dbus-daemon
# added to the initramfs, and the emulated PCC platform's tables (for a
# pcc_loopback interface). Not part of make check: Debian has no mctpd,
# and nothing fetched goes into the repo.
#
# usage: run-mctpd.sh BUILD_DIR   (meson's build directory: mctpd, mctp)
# Ends with "N passed, N failed"; the guest log (what mctpd and busctl
# printed) is in build/vm-mctpd/mctpd.log.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
up=${1:?usage: run-mctpd.sh BUILD_DIR (holding mctpd and mctp)}
out=${MCTP_PCC_BUILD:-$top/build}/vm-mctpd
for b in mctpd mctp; do
	[ -x "$up/$b" ] || { echo "run-mctpd.sh: no $b in $up" >&2; exit 2; }
done
"$top/tests/lib/install-deps.sh" mctpd >&2

kdir=$("$top/tests/kernel/build.sh" debug)
MCTP_PCC_VM_EXTRA="$up/mctpd $up/mctp $(command -v busctl) $(command -v dbus-daemon)" \
	"$here/build-initramfs.sh" "$kdir" "$out"

# shellcheck source=tests/lib/result.sh
. "$top/tests/lib/result.sh"
# shellcheck source=tests/vm/results.sh
. "$here/results.sh"
passed=0
failed=0
MCTP_PCC_PLATFORM=1 "$here/boot.sh" "$kdir" "$out/initramfs.cpio.gz" mctpd \
	"$out/mctpd.log" "${MCTP_PCC_VM_TIMEOUT:-900}"
guest_results "$out/mctpd.log" mctpd
echo "mctpd: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
