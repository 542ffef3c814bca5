#!/bin/sh
# Compile the emulated PCC platform's ACPI tables (test VM only) with iasl,
# warnings as errors.
#
# usage: build-tables.sh OUT_DIR
# Leaves OUT_DIR/pcct.aml and OUT_DIR/ssdt-mctp.aml, which tests/vm/boot.sh
# hands to QEMU with -acpitable. pcct.asl and ssdt-mctp.asl explain the
# layout and the contract with the driver. OUT_DIR/pcct-unpaced.aml is the
# same PCCT with no timing rules (access rate and turnaround time 0), for
# the benchmark to show what keeping them costs.
# $MCTP_PCC_ARCH=arm64: the tables for QEMU's arm64 virt machine, the same
# but for where things are there (tests/vm/boot.sh): the memory at
# 0xC0000000 instead of 0x5FF00000 (0x5FF1xxxx becomes 0xC001xxxx, and so
# on), and GSIs 200 and 201 (GIC SPIs 168 and 169, which nothing on virt
# uses) instead of 22 and 23.
set -eu

out=$1
here=$(cd "$(dirname "$0")" && pwd)

"$here/../lib/install-deps.sh" pcc >&2
mkdir -p "$out"
case ${MCTP_PCC_ARCH:-x86_64} in
arm64)
	sed -e 's/\(Address : 00000000\)5FF\([0-9A-F]\)/\1C00\2/' \
		-e 's/\(Platform Interrupt : \)00000016/\1000000C8/' \
		-e 's/\(Platform Interrupt : \)00000017/\1000000C9/' \
		"$here/pcct.asl" >"$out/pcct.asl"
	if grep -q -e 'Address : 000000005FF' -e 'Interrupt : 0000001[67]' "$out/pcct.asl" ||
		[ "$(grep -c 'Address : 00000000C00' "$out/pcct.asl")" -ne 12 ]; then
		echo "build-tables.sh: pcct.asl's addresses or GSIs did not all move for arm64" >&2
		exit 1
	fi
	;;
*) cp "$here/pcct.asl" "$out/pcct.asl" ;;
esac
sed -e 's/\(Maximum Access Rate : \)[0-9A-F]*/\100000000/' \
	-e 's/\(Minimum Turnaround Time : \)[0-9A-F]*/\100000000/' \
	"$out/pcct.asl" >"$out/pcct-unpaced.asl"
for t in pcct ssdt-mctp pcct-unpaced; do
	src=$out/$t.asl
	[ -f "$src" ] || src=$here/$t.asl
	iasl -we -vs -p "$out/$t" "$src" >"$out/$t.log" 2>&1 || {
		cat "$out/$t.log" >&2
		echo "build-tables.sh: $t.asl does not compile cleanly" >&2
		exit 1
	}
done
