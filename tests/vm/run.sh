#!/bin/sh
# Run guest test suites in the test VM and report the results.
#
# usage: run.sh [--arch arm64] [--kernel SUITE] [--flavour F[+F...]] SUITE...
#   (suites are tests/vm/guest/SUITE.sh)
#   --kernel SUITE   boot the newest kernel of that Debian suite (e.g. sid;
#                    newest: the newest of any suite;
#                    tests/kernel/fetch-source.sh) instead of 6.12
#   --flavour F+G    build the kernel from tests/kernel/F.config, then
#                    G.config over it (default: debug; debug+kcsan: KCSAN)
#   --arch arm64     an arm64 kernel (cross-built), booted on QEMU's virt
#                    machine under UEFI (tests/vm/boot.sh)
# Builds (or reuses) the test kernel, builds the initramfs, boots once per
# suite, counts the guest's TEST lines, and checks the kernel log. Ends with
# "N passed, N failed"; exits 1 if anything failed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

flavour=debug
tag=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel)
		MCTP_PCC_KERNEL_TARBALL=$("$top/tests/kernel/fetch-source.sh" "$2")
		export MCTP_PCC_KERNEL_TARBALL
		tag="$tag-$2"
		shift 2
		;;
	--arch)
		MCTP_PCC_ARCH=$2
		export MCTP_PCC_ARCH
		case $2 in x86_64 | x86 | amd64) ;; *) tag="$tag-$2" ;; esac
		shift 2
		;;
	--flavour)
		flavour=$2
		[ "$2" = debug ] || tag="$tag-$(echo "$2" | sed 's/^debug+//')"
		# KCSAN slows every memory access: the suites go easier
		case $2 in *kcsan*)
			MCTP_PCC_GUEST_ARGS="${MCTP_PCC_GUEST_ARGS:-} mctp_slow=1"
			export MCTP_PCC_GUEST_ARGS
			;;
		esac
		shift 2
		;;
	*) break ;;
	esac
done
out=${MCTP_PCC_BUILD:-$top/build}/vm$tag

# shellcheck disable=SC2046 # one fragment name per word
kdir=$("$top/tests/kernel/build.sh" $(echo "$flavour" | tr + ' '))
"$here/build-initramfs.sh" "$kdir" "$out"

# shellcheck source=tests/lib/result.sh
. "$top/tests/lib/result.sh"
# shellcheck source=tests/vm/results.sh
. "$here/results.sh"
passed=0
failed=0
for suite in "$@"; do
	log=$out/$suite.log
	echo "--- booting test VM for suite '$suite'${tag:+ on kernel ${tag#-}} (log: $log)"
	"$here/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$suite" "$log" \
		"${MCTP_PCC_VM_TIMEOUT:-1500}"
	if [ -n "${MCTP_PCC_VM_SHOW:-}" ]; then
		sed -n '/=== mctp-pcc-vm: suite/,$p' "$log"
	fi
	guest_results "$log" "$suite" "$suite$tag"
done

echo "vm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
