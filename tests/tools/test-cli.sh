#!/bin/sh
# The tools' command lines, checked on the host: help, usage errors, and
# what they say on a kernel without MCTP (this machine's, when it has none).
# Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/cli
mkdir -p "$out"
make -s -C "$top/tools" O="$out" || exit 1
ctl=$out/mctp-pcc-ctl
ping=$out/mctp-pcc-ping

# shellcheck source=tests/lib/result.sh
. "$here/../lib/result.sh"
passed=0
failed=0
skipped=0
# expect NAME STATUS PATTERN COMMAND...: exit status and a line of output
expect() {
	name=$1
	want=$2
	pattern=$3
	shift 3
	"$@" >"$out/last.out" 2>&1
	got=$?
	if [ "$got" -eq "$want" ] && grep -q -- "$pattern" "$out/last.out"; then
		pass "$name"
	else
		fail "$name (exit $got, wanted $want and '$pattern')" "$out/last.out"
	fi
}

expect "ctl --help" 0 "usage: mctp-pcc-ctl link show" "$ctl" --help
expect "ctl with no arguments" 2 "usage:" "$ctl"
expect "ctl unknown object" 2 "unknown object 'frob'" "$ctl" frob
expect "ctl unknown command" 2 "unknown command 'frob'" "$ctl" link frob
expect "ctl EID below range" 2 "EID '7' out of range (8..254)" "$ctl" addr add 7 dev lo
expect "ctl EID above range" 2 "EID '255' out of range" "$ctl" route add 255 via lo
expect "ctl EID not a number" 2 "EID 'ten' out of range" "$ctl" addr add ten dev lo
expect "ctl bad mtu" 2 "bad mtu '10'" "$ctl" link set lo mtu 10
expect "ctl bad net" 2 "bad net '0'" "$ctl" link set lo net 0
expect "ctl addr without dev" 2 "addr add/del takes" "$ctl" addr add 20
expect "ctl unknown interface" 1 "no interface 'nosuchdev'" "$ctl" addr add 20 dev nosuchdev

expect "ctl info without EID" 2 "info needs an EID" "$ctl" info
expect "ctl info EID 0 without dev" 2 "EID 0 needs dev DEV" "$ctl" info 0
expect "ctl info reserved EID" 2 "EID '7' out of range (0, or 8..254)" "$ctl" info 7
expect "ctl info broadcast EID" 2 "EID '255' out of range" "$ctl" info 255
expect "ctl info bad timeout" 2 "bad timeout '0'" "$ctl" info 9 timeout 0
expect "ctl info unknown interface" 1 "no interface 'nosuchdev'" "$ctl" info 0 dev nosuchdev
expect "ctl info stray argument" 2 "unexpected 'frob'" "$ctl" info 9 frob
expect "ctl control without bytes" 2 "control needs the message's bytes" "$ctl" control 9
expect "ctl control bad byte" 2 "unexpected '100'" "$ctl" control 9 80 100
expect "ctl control not hex" 2 "unexpected 'zz'" "$ctl" control 9 zz

expect "ping --help" 0 "usage: mctp-pcc-ping" "$ping" --help
expect "ping -h" 0 "Exit status" "$ping" -h
expect "ping without EID" 2 "no EID given" "$ping"
expect "ping broadcast EID" 2 "bad EID '255'" "$ping" 255
expect "ping bad range" 2 "bad EID '20-10'" "$ping" 20-10
expect "ping size too big" 2 "size must be 0..65535" "$ping" -s 65536 9
expect "ping no requesters" 2 "requesters must be 1..256" "$ping" -j 0 9
expect "ping zero timeout" 2 "timeout must be more than 0" "$ping" -W 0 9
expect "ping bad interval" 2 "interval must be" "$ping" -i 1x 9
expect "ping unknown option" 2 "usage:" "$ping" -Z 9

if grep -qw MCTP /proc/net/protocols 2>/dev/null; then
	echo "TEST skipped - no-MCTP messages (this kernel has MCTP)"
	skipped=$((skipped + 4))
else
	expect "ctl on a kernel without MCTP" 1 "no MCTP support (CONFIG_MCTP)" "$ctl" addr add 20 dev lo
	expect "ping on a kernel without MCTP" 1 "no MCTP support (CONFIG_MCTP)" "$ping" -c 1 9
	expect "ctl info on a kernel without MCTP" 1 "no MCTP support (CONFIG_MCTP)" "$ctl" info 9
	# the error alone: nothing on stdout, the error first on stderr
	alone() {
		"$ping" 9 >"$out/ping.stdout" 2>"$out/ping.stderr"
		[ $? -eq 1 ] && [ ! -s "$out/ping.stdout" ] &&
			head -n 1 "$out/ping.stderr" | grep -q "no MCTP support"
	}
	check_log=$out/check.log
	check "ping without MCTP says only the error" alone
fi

echo "cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
