# shellcheck shell=sh
# make bench, inside the VM: round trips through an mctpecho interface next
# to the same round trips through what a user has without this driver, a
# userspace echo server behind two mctp-serial interfaces joined by a pty.
# Prints one "BENCH ..." line per measurement for the host to tabulate.
# MCTP_QUICK=1 runs a token subset (make check only checks that it runs).
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

# echo path: net 1, local EID 10, peers 9 and 11..17 via mctpecho0
check "load" insmod "$MOD" echo_devs=1
check "echo path configured" up mctpecho0 10 9 11 12 13 14 15 16 17

# userspace path: requesters in net 3 (EID 20 on mctpserial0), the echo
# server in net 2 owning the peer EIDs on mctpserial1; separate networks
# make the traffic cross the pty instead of being delivered locally.
mctp-serial-pair >/tmp/pair.log 2>&1 &
pair=$!
serial_up() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -d /sys/class/net/mctpserial1 ] && break
		sleep 1
	done
	cat /tmp/pair.log
	mctp-pcc-ctl link set mctpserial0 net 3 up &&
		mctp-pcc-ctl addr add 20 dev mctpserial0 &&
		mctp-pcc-ctl link set mctpserial1 net 2 up &&
		mctp-pcc-ctl route add 20 via mctpserial1 || return 1
	for peer in 9 11 12 13 14 15 16 17; do
		mctp-pcc-ctl addr add $peer dev mctpserial1 &&
			mctp-pcc-ctl route add $peer via mctpserial0 || return 1
	done
}
check "userspace path configured" serial_up
mctp-echo-server 2 >/tmp/server.log 2>&1 &
server=$!
sleep 1
check "userspace path answers" mctp-pcc-ping -q -n 3 -c 2 -i 0 -W 10 9

# cpu_busy: busy jiffies of all CPUs so far (USER_HZ, 100 a second)
cpu_busy() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# measure PATH MTU SIZE REQUESTERS COUNT
measure() {
	path=$1
	mtu=$2
	size=$3
	req=$4
	count=$5
	case $path in
	echo) net=1 ;;
	userspace) net=3 ;;
	esac
	[ "$path" = echo ] && mctp-pcc-ctl link set mctpecho0 mtu "$mtu"
	busy0=$(cpu_busy)
	mctp-pcc-ping -q -n "$net" -j "$req" -c "$count" -i 0 -W 120 -s "$size" \
		9 11-17 >/tmp/bench.out 2>&1
	rc=$?
	busy=$(($(cpu_busy) - busy0))
	awk -v path="$path" -v mtu="$mtu" -v size="$size" -v req="$req" \
		-v busy="$busy" -v rc="$rc" '
		/^--- / { sub(/^--- /, ""); split($0, a, ", ")
			for (i in a) { split(a[i], w, " "); v[w[2]] = w[1] } }
		/replies\/s/ { for (i = 1; i <= NF; i++) if ($i == "replies/s") rps = $(i - 1) }
		/^rtt p50\/p99/ { split($4, p, "/"); p50 = p[1]; p99 = p[2] }
		END {
			n = v["replied"] + 0
			printf "BENCH %s %s %s %s %d %d %s %s %s %.1f %d\n", path, mtu, size, req,
				v["sent"] + 0, n, rps + 0, p50 + 0, p99 + 0,
				n ? busy * 10000.0 / n : 0, rc
		}' /tmp/bench.out
}

# count per requester: enough round trips to measure, fewer for big messages
count_for() {
	if [ -n "${MCTP_QUICK:-}" ]; then
		echo 5
	elif [ "$1" -ge 65535 ]; then
		echo 2
	elif [ "$1" -ge 1024 ]; then
		echo 20
	else
		echo 100
	fi
}

echo "BENCH path mtu size requesters sent replied rps p50_ms p99_ms cpu_us_per_rt status"
if [ -n "${MCTP_QUICK:-}" ]; then
	rows="68:64:1 68:64:8"
else
	rows=
	for mtu in 68 max; do
		for size in 1 64 1024 65535; do
			for req in 1 8 64; do
				rows="$rows $mtu:$size:$req"
			done
		done
	done
fi
for row in $rows; do
	mtu=${row%%:*}
	rest=${row#*:}
	size=${rest%%:*}
	req=${rest#*:}
	count=$(count_for "$size")
	# mctp-serial's MTU is fixed at 68: its "max" row is its only MTU
	echo_mtu=$mtu
	[ "$mtu" = max ] && echo_mtu=65540
	measure echo "$echo_mtu" "$size" "$req" "$count"
	measure userspace 68 "$size" "$req" "$count"
done

kill $server $pair
wait $server $pair 2>/dev/null
check "unload" rmmod mctp_pcc
