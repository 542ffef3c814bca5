#!/bin/sh
# Compile the emulated PCC platform's ACPI tables (test VM only) with iasl,
# warnings as errors.
#
# usage: build-tables.sh OUT_DIR
# Leaves OUT_DIR/pcct.aml and OUT_DIR/ssdt-mctp.aml, which tests/vm/boot.sh
# hands to QEMU with -acpitable. pcct.asl and ssdt-mctp.asl explain the
# layout and the contract with the driver. OUT_DIR/pcct-unpaced.aml is the
# same PCCT with no timing rules (access rate and turnaround time 0), for
# the benchmark to show what keeping them costs. Two broken ones, for the
# driver's checks of what firmware says (suites pcc-odd, pcc-truncated):
# OUT_DIR/pcct-odd.aml gives the inbox 512 KiB of shared memory (more than
# the largest MCTP packet) and the outbox a nominal latency of 15 ms (a
# timeout of 1.5 s, which 5 s of silence is no multiple of), and
# OUT_DIR/pcct-truncated.aml ends 64 bytes into the inbox's entry.
set -eu

out=$1
here=$(cd "$(dirname "$0")" && pwd)

"$here/../lib/install-deps.sh" pcc >&2
mkdir -p "$out"
sed -e 's/\(Maximum Access Rate : \)[0-9A-F]*/\100000000/' \
	-e 's/\(Minimum Turnaround Time : \)[0-9A-F]*/\100000000/' \
	"$here/pcct.asl" >"$out/pcct-unpaced.asl"
sed -e '/Base Address : 000000005FF20000/{n;s/\(Address Length : \)00001000/\100080000/;}' \
	-e '/Subtable Type : 03/,/Subtable Type : 04/s/\(Command Latency : \)00000064/\100003A98/' \
	"$here/pcct.asl" >"$out/pcct-odd.asl"
[ "$(grep -c -e 'Address Length : 00080000' -e 'Command Latency : 00003A98' "$out/pcct-odd.asl")" = 2 ] || {
	echo "build-tables.sh: pcct.asl's entries are not where the pcct-odd variant expects them" >&2
	exit 1
}
for t in pcct ssdt-mctp pcct-unpaced pcct-odd; do
	src=$here/$t.asl
	[ -f "$src" ] || src=$out/$t.asl
	iasl -we -vs -p "$out/$t" "$src" >"$out/$t.log" 2>&1 || {
		cat "$out/$t.log" >&2
		echo "build-tables.sh: $t.asl does not compile cleanly" >&2
		exit 1
	}
done

# le32 N: N as four little-endian bytes, in printf's octal escapes
le32() {
	printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}

# The PCCT cut 64 bytes into its second (inbox) entry: header 48, outbox
# entry 164. Its length field and checksum say so, as firmware that got
# them right but the entries wrong would.
cut=$((48 + 164 + 64))
head -c "$cut" "$out/pcct.aml" >"$out/pcct-truncated.body"
{
	head -c 4 "$out/pcct-truncated.body"
	# shellcheck disable=SC2059 # the format is the bytes
	printf "$(le32 "$cut")"
	tail -c +9 "$out/pcct-truncated.body"
} >"$out/pcct-truncated.tmp"
sum=$(od -An -v -tu1 "$out/pcct-truncated.tmp" |
	awk '{ for (i = 1; i <= NF; i++) if (NR > 1 || i != 10) s += $i } END { print s % 256 }')
{
	head -c 9 "$out/pcct-truncated.tmp"
	# shellcheck disable=SC2059
	printf "$(printf '\\%03o' $(((256 - sum) % 256)))"
	tail -c +11 "$out/pcct-truncated.tmp"
} >"$out/pcct-truncated.aml"
rm -f "$out/pcct-truncated.body" "$out/pcct-truncated.tmp"
