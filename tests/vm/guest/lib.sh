# shellcheck shell=sh
# Helpers for guest test suites. Each check prints one line the host
# counts: "TEST ok - NAME" or "TEST FAIL - NAME", with the failing
# command's output indented below it.

# shellcheck disable=SC2034 # used by the suites
MOD=/lib/mctp-pcc.ko
# shellcheck disable=SC2034
ECHO=/lib/mctp-echo.ko
# iproute2's ip and tc: busybox runs its own applets before anything on PATH
IP=/sbin/ip
TC=/sbin/tc
LOG=/tmp/check.log

# check NAME COMMAND...: pass when COMMAND exits 0
check() {
	name=$1
	shift
	if "$@" >"$LOG" 2>&1; then
		echo "TEST ok - $name"
	else
		echo "TEST FAIL - $name (exit $?)"
		sed 's/^/    /' "$LOG"
	fi
}

# fails NAME COMMAND...: pass when COMMAND exits non-zero
fails() {
	name=$1
	shift
	if "$@" >"$LOG" 2>&1; then
		echo "TEST FAIL - $name (succeeded, should have failed)"
		sed 's/^/    /' "$LOG"
	else
		echo "TEST ok - $name"
	fi
}

# fails_saying PATTERN COMMAND...: COMMAND fails and says PATTERN
fails_saying() {
	pattern=$1
	shift
	if "$@" >/tmp/fails_saying.out 2>&1; then
		cat /tmp/fails_saying.out
		return 1
	fi
	cat /tmp/fails_saying.out
	grep -q "$pattern" /tmp/fails_saying.out
}

# as_nobody COMMAND...: run COMMAND as an unprivileged user
as_nobody() {
	su nobody -s /bin/sh -c "$*"
}

# stat DEV COUNTER[+COUNTER...]: a counter of the interface, or a sum
stat() {
	sum=0
	for c in $(echo "$2" | tr + ' '); do
		sum=$((sum + $(cat "/sys/class/net/$1/statistics/$c")))
	done
	echo "$sum"
}

# loaded [MODULE]: MODULE (default mctp_pcc) is loaded
loaded() {
	grep -q "^${1:-mctp_pcc} " /proc/modules
}

# up DEV EID PEER...: configure DEV as the package does on a user's
# machine: the packaged helper (tools/mctp-pcc-setup) with a config of
# local address EID and a route to each PEER gives it its qdisc, brings it
# up and adds the address and routes
up() {
	dev=$1
	eid=$2
	shift 2
	printf 'eid = %s\nroutes = %s\n' "$eid" "${*:-none}" >/tmp/up.conf
	MCTP_PCC_CONF=/tmp/up.conf MCTP_PCC_CONF_DIR=/nonexistent \
		mctp-pcc-setup --local "$dev"
}

# qdisc DEV: the kind of DEV's root qdisc (pfifo, fq_codel, ...)
qdisc() {
	"$TC" qdisc show dev "$1" root | awk '{ print $2; exit }'
}

# count_ifaces: how many echo interfaces exist
count_ifaces() {
	n=0
	for dev in /sys/class/net/mctpecho*; do
		[ -e "$dev" ] && n=$((n + 1))
	done
	echo "$n"
}

# attr DEV NAME: a sysfs attribute of an interface
attr() {
	cat "/sys/class/net/$1/$2"
}

# output_has PATTERN COMMAND...: COMMAND succeeds and prints PATTERN
output_has() {
	pattern=$1
	shift
	"$@" >/tmp/output_has.out || return 1
	cat /tmp/output_has.out
	grep -q "$pattern" /tmp/output_has.out
}

# grew DEV COUNTER BEFORE N: COUNTER went from BEFORE up by exactly N
grew() {
	now=$(stat "$1" "$2")
	echo "$1 $2: $3 -> $now, expected +$4"
	[ $((now - $3)) -eq "$4" ]
}

# no_leaks: kmemleak, scanned twice, reports nothing
no_leaks() {
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
	! grep -q . /sys/kernel/debug/kmemleak
}

# expect_dmesg PATTERN: the kernel log has said PATTERN
expect_dmesg() {
	dmesg | grep -q "$1"
}

# unload_under_flood SIZE [MODULE]: unload MODULE (default mctp_pcc) while 8 requesters flood EIDs
# 9 and 11..17 with SIZE-byte messages; checks that the unload worked, that
# the flood was running, and that the module is gone
unload_under_flood() {
	mctp-pcc-ping -q -f -j 8 -W 2 -s "$1" 9 11-17 >/tmp/flood.log 2>&1 &
	flood=$!
	sleep 3
	check "unload under traffic" rmmod "${2:-mctp_pcc}"
	kill -INT $flood
	wait $flood
	check "the flood was running at unload" output_has "^--- [1-9][0-9]* sent" cat /tmp/flood.log
	fails "module gone" loaded "${2:-mctp_pcc}"
}

# wait_for SECONDS COMMAND...: retry COMMAND until it succeeds; on giving
# up, run it once more with its output shown, to say why. Arguments are
# expanded once: COMMAND itself must read what changes.
wait_for() {
	n=$(($1 * 10))
	shift
	while ! "$@" >/dev/null 2>&1; do
		n=$((n - 1))
		if [ "$n" -le 0 ]; then
			"$@"
			return 1
		fi
		sleep 0.1
	done
}
