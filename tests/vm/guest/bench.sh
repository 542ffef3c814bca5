# shellcheck shell=sh
# make bench, inside the VM: round trips through an mctpecho interface next
# to the same round trips through what a user has without this driver, a
# userspace echo server behind mctp-serial links joined by ptys.
# Then round trips through a PCC link and the emulated PCC platform
# (tests/pcc), as path "pcc", or "pcc-unpaced" when booted with the PCCT
# that sets no timing rules (MCTP_PCCT=unpaced, which measures the PCC
# rows alone).
# Prints one "BENCH ..." line per measurement for the host to tabulate.
# MCTP_QUICK=1 runs a token subset (make check only checks that it runs).
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

# the remote EIDs; requester k of mctp-pcc-ping talks to the k-th (mod 8)
peers="9 11 12 13 14 15 16 17"
# How long a requester waits for a reply. The kernel forgets a request's
# tag 6 s after sending it (mctp_key_lifetime), and a reply after that is
# dropped, so waiting longer only makes a loss cost more.
wait_s=7

pcc_path=pcc${MCTP_PCCT:+-$MCTP_PCCT}
pcc_only=${MCTP_PCCT:+1}

# echo path: net 1, local EID 10, the peers via mctpecho0
check "the emulated PCC platform loads" insmod /lib/mctp-pcc-platform.ko
check "load the echo module" insmod "$ECHO" echo_devs=1
check "load the PCC transport" insmod "$MOD"
# shellcheck disable=SC2086 # one word per peer
check "echo path configured" up mctpecho0 10 $peers
# PCC path: net 4, local EID 10, the peers via mctppcc1
# shellcheck disable=SC2086 # one word per peer
pcc_up() {
	wait_for 10 test -d /sys/class/net/mctppcc1 &&
		mctp-pcc-ctl link set mctppcc1 net 4 &&
		up mctppcc1 10 $peers
}
check "PCC path configured" pcc_up

# userspace path: one mctp-serial link per peer. The kernel sends from the
# first address of the outgoing interface, so a userspace server answers
# as one EID per interface: with all peers on one interface every reply
# came from EID 9, and only the requester talking to 9 got its replies.
# Link k joins mctpserial(2k), requester side in net 3 with local EID 20+k,
# and mctpserial(2k+1), server side in net 2 with the k-th peer's EID.
# Separate networks make the traffic cross the ptys instead of being
# delivered locally. Each interface gets the qdisc room mctpecho0 has, four
# 64 KiB messages at MTU 68: at mctp-serial's default of 1000 packets a
# 64 KiB message (1041 fragments) cannot be sent at all (ENOBUFS).
qlen=4100
mctp-serial-pair 8 >/tmp/pair.log 2>&1 &
pair=$!
serial_up() {
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -d /sys/class/net/mctpserial15 ] && break
		sleep 1
	done
	cat /tmp/pair.log
	k=0
	for peer in $peers; do
		req=mctpserial$((2 * k))
		srv=mctpserial$((2 * k + 1))
		# a FIFO, as the echo and PCC links get from the helper (the
		# test kernel's default is fq_codel, as a distribution's)
		$IP link set dev "$req" txqueuelen $qlen &&
			$IP link set dev "$srv" txqueuelen $qlen &&
			$TC qdisc replace dev "$req" root pfifo limit $qlen &&
			$TC qdisc replace dev "$srv" root pfifo limit $qlen &&
			mctp-pcc-ctl link set "$req" net 3 up &&
			mctp-pcc-ctl addr add $((20 + k)) dev "$req" &&
			mctp-pcc-ctl route add "$peer" via "$req" &&
			mctp-pcc-ctl link set "$srv" net 2 up &&
			mctp-pcc-ctl addr add "$peer" dev "$srv" &&
			mctp-pcc-ctl route add $((20 + k)) via "$srv" || return 1
		k=$((k + 1))
	done
}
check "userspace path configured" serial_up
mctp-echo-server 2 >/tmp/server.log 2>&1 &
server=$!
sleep 1
check "userspace path answers, every peer" \
	mctp-pcc-ping -q -n 3 -j 8 -c 2 -i 0 -W $wait_s 9 11-17

# cpu_busy: busy jiffies of all CPUs so far (USER_HZ, 100 a second)
cpu_busy() {
	awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

# serial_sent: frames the serial links have sent so far
serial_sent() {
	cat /sys/class/net/mctpserial*/statistics/tx_packets | awk '{ n += $1 } END { print n }'
}

# drain: wait until the serial links are idle. Requests a requester gave
# up on still sit in the qdiscs (up to 4100 frames an interface) and would
# cost the next rows' CPU and time.
drain() {
	t=0
	last=$(serial_sent)
	while [ $t -lt 300 ]; do
		sleep 1
		t=$((t + 1))
		now=$(serial_sent)
		[ "$now" = "$last" ] && break
		last=$now
	done
	[ $t -gt 1 ] && echo "# the serial links drained in $t s"
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
	pcc*) net=4 ;;
	esac
	[ "$path" = echo ] && mctp-pcc-ctl link set mctpecho0 mtu "$mtu"
	case $path in pcc*) mctp-pcc-ctl link set mctppcc1 mtu "$mtu" ;; esac
	busy0=$(cpu_busy)
	mctp-pcc-ping -q -n "$net" -j "$req" -c "$count" -i 0 -W $wait_s \
		-s "$size" 9 11-17 >/tmp/bench.out 2>&1
	rc=$?
	busy=$(($(cpu_busy) - busy0))
	# the ping's own words, for the log
	sed 's/^/# /' /tmp/bench.out
	awk -v path="$path" -v mtu="$mtu" -v size="$size" -v req="$req" \
		-v busy="$busy" -v rc="$rc" '
		/^--- / { sub(/^--- /, ""); sub(/ ---$/, ""); split($0, a, ", ")
			for (i in a) { split(a[i], w, " "); v[w[2]] = w[1] } }
		/^rtt p50\/p99/ { split($4, p, "/"); p50 = p[1]; p99 = p[2] }
		END {
			n = v["replied"] + 0
			# replies a second, to 3 digits or more (the ping
			# rounds to whole ones)
			rps = v["s"] > 0 ? n / v["s"] : 0
			rps = sprintf(rps >= 100 ? "%.0f" : rps >= 10 ? "%.1f" : "%.2f", rps)
			printf "BENCH %s %s %s %s %d %d %d %d %s %s %s %.0f %.3f %d\n",
				path, mtu, size, req, v["sent"] + 0, n, v["lost"] + 0,
				v["corrupt"] + 0, rps, p50 + 0, p99 + 0,
				n ? busy * 10000.0 / n : 0, v["s"] + 0, rc
		}' /tmp/bench.out
}

# count_for PATH MTU SIZE REQUESTERS: round trips per requester, so that a
# row takes a few seconds on a 2-CPU TCG guest
count_for() {
	if [ -n "${MCTP_QUICK:-}" ]; then
		echo 5
		return
	fi
	case $1:$2:$3:$4 in
	echo:*:1:* | echo:*:64:*) total=40000 ;;
	echo:68:1024:*) total=8000 ;;
	echo:*:1024:*) total=30000 ;;
	echo:68:*) total=128 ;;
	echo:*) total=2000 ;;
	userspace:*:1:1 | userspace:*:64:1) total=500 ;;
	userspace:*:1:* | userspace:*:64:*) total=1500 ;;
	userspace:*:1024:1) total=60 ;;
	userspace:*:1024:*) total=192 ;;
	userspace:*:*:1) total=3 ;;
	userspace:*) total=1 ;;
	pcc*:68:1024:*) total=200 ;;
	pcc*) total=1000 ;;
	esac
	echo $(((total + $4 - 1) / $4))
}

echo "BENCH path mtu size requesters sent replied lost corrupt rps p50_ms p99_ms cpu_us_per_rt seconds status"
if [ -n "${MCTP_QUICK:-}" ]; then
	rows="68:64:1 68:64:8 max:1024:8"
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
# the largest MTU of mctpecho: a 64 KiB message in one packet
max_mtu=$($IP -d link show mctpecho0 | sed -n 's/.* maxmtu \([0-9]*\).*/\1/p')
echo "mctpecho0 max MTU: ${max_mtu:=65540}"
[ -n "$pcc_only" ] && rows=
for row in $rows; do
	mtu=${row%%:*}
	rest=${row#*:}
	size=${rest%%:*}
	req=${rest#*:}
	echo_mtu=$mtu
	[ "$mtu" = max ] && echo_mtu=$max_mtu
	measure echo "$echo_mtu" "$size" "$req" "$(count_for echo "$echo_mtu" "$size" "$req")"
	# mctp-serial's MTU is fixed at 68, its only and so its largest: its
	# "max" rows take the MTU 68 measurement, made once (the quick mode's
	# only max row measures it)
	if [ "$mtu" = 68 ] || [ -n "${MCTP_QUICK:-}" ]; then
		measure userspace 68 "$size" "$req" "$(count_for userspace 68 "$size" "$req")"
		drain
	fi
done

# the PCC link: 64 B and 1 KiB, 1 and 4 requesters, at the default MTU and
# the largest the shared memory takes
pcc_max=$($IP -d link show mctppcc1 | sed -n 's/.* maxmtu \([0-9]*\).*/\1/p')
pcc_rows="68:64:1 68:64:4 68:1024:1 68:1024:4 $pcc_max:64:1 $pcc_max:64:4 $pcc_max:1024:1 $pcc_max:1024:4"
[ -n "${MCTP_QUICK:-}" ] && pcc_rows="68:64:1 $pcc_max:1024:4"
for row in $pcc_rows; do
	mtu=${row%%:*}
	rest=${row#*:}
	measure "$pcc_path" "$mtu" "${rest%%:*}" "${rest#*:}" \
		"$(count_for "$pcc_path" "$mtu" "${rest%%:*}" "${rest#*:}")"
done
too_soon=$(awk '$1 == "too_soon" { print $2 }' /sys/kernel/debug/mctp-pcc-platform/counters)
too_often=$(awk '$1 == "too_often" { print $2 }' /sys/kernel/debug/mctp-pcc-platform/counters)
echo "# PCCT rules broken: $too_soon too soon, $too_often too often"
if [ "$pcc_path" = pcc ]; then
	check "no doorbell broke the PCCT's rules" test "$too_soon$too_often" = 00
fi

# every frame the serial links sent arrived intact, or where it did not
for dev in /sys/class/net/mctpserial*; do
	d=${dev##*/}
	echo "LINK $d tx $(stat "$d" tx_packets) rx $(stat "$d" rx_packets)" \
		"rx_dropped $(stat "$d" rx_dropped) rx_crc $(stat "$d" rx_crc_errors)" \
		"tx_dropped $(stat "$d" tx_dropped)"
done
kill $server $pair
wait $server $pair 2>/dev/null
cat /tmp/pair.log /tmp/server.log
check "unload" rmmod mctp_pcc mctp_echo
