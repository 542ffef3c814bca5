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
set -eu

out=$1
here=$(cd "$(dirname "$0")" && pwd)

"$here/../lib/install-deps.sh" pcc >&2
mkdir -p "$out"
sed -e 's/\(Maximum Access Rate : \)[0-9A-F]*/\100000000/' \
	-e 's/\(Minimum Turnaround Time : \)[0-9A-F]*/\100000000/' \
	"$here/pcct.asl" >"$out/pcct-unpaced.asl"
for t in pcct ssdt-mctp pcct-unpaced; do
	src=$here/$t.asl
	[ -f "$src" ] || src=$out/$t.asl
	iasl -we -vs -p "$out/$t" "$src" >"$out/$t.log" 2>&1 || {
		cat "$out/$t.log" >&2
		echo "build-tables.sh: $t.asl does not compile cleanly" >&2
		exit 1
	}
done
