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
sed -e '/Base Address : 00000000[0-9A-F]\{3\}20000/{n;s/\(Address Length : \)00001000/\100080000/;}' \
	-e '/Subtable Type : 03/,/Subtable Type : 04/s/\(Command Latency : \)00000064/\100003A98/' \
	"$out/pcct.asl" >"$out/pcct-odd.asl"
[ "$(grep -c -e 'Address Length : 00080000' -e 'Command Latency : 00003A98' "$out/pcct-odd.asl")" = 2 ] || {
	echo "build-tables.sh: pcct.asl's entries are not where the pcct-odd variant expects them" >&2
	exit 1
}
for t in pcct ssdt-mctp pcct-unpaced pcct-odd; do
	src=$out/$t.asl
	[ -f "$src" ] || src=$here/$t.asl
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
