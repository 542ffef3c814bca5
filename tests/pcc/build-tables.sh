#!/bin/sh
# Compile the emulated PCC platform's ACPI tables (test VM only) with iasl,
# warnings as errors.
#
# usage: build-tables.sh OUT_DIR
# Leaves OUT_DIR/pcct.aml and OUT_DIR/ssdt-mctp.aml, which tests/vm/boot.sh
# hands to QEMU with -acpitable. pcct.asl and ssdt-mctp.asl explain the
# layout and the contract with the driver.
set -eu

out=$1
here=$(cd "$(dirname "$0")" && pwd)

"$here/../lib/install-deps.sh" pcc >&2
mkdir -p "$out"
for t in pcct ssdt-mctp; do
	iasl -we -vs -p "$out/$t" "$here/$t.asl" >"$out/$t.log" 2>&1 || {
		cat "$out/$t.log" >&2
		echo "build-tables.sh: $t.asl does not compile cleanly" >&2
		exit 1
	}
done
