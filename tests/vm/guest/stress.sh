# shellcheck shell=sh
# Soak, load/unload cycles, allocation failures and random frames, each
# bounded in count. Runs inside the test VM; the host then reads the kernel
# log for KASAN, lockdep and kmemleak reports.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

SOAK_ROUND_TRIPS=${SOAK_ROUND_TRIPS:-100000}
CYCLES=${CYCLES:-100}
RANDOM_FRAMES=${RANDOM_FRAMES:-100000}

# summary FILE FIELD: a number from mctp-pcc-ping's summary line
summary() {
	awk -v f="$2" '/^--- / { sub(/^--- /, ""); n = split($0, a, ", ")
		for (i = 1; i <= n; i++) { split(a[i], w, " "); if (w[2] == f) print w[1] } }' "$1" | head -n 1
}

# ---- soak: 64 requesters while the configuration churns ----
check "load" insmod "$ECHO" echo_devs=1
check "configure" up mctpecho0 10 9 11 12 13 14 15 16 17

# MTU changes on the busy interface, and interfaces coming and going beside
# it: none of this may cost a reply.
churn() {
	i=0
	while [ ! -e /tmp/stop-churn ]; do
		mctp-pcc-ctl link set mctpecho0 mtu $((68 + (i % 8) * 100)) || return 1
		"$IP" link add "mctpchurn$((i % 4))" type mctpecho 2>/dev/null &&
			mctp-pcc-ctl link set "mctpchurn$((i % 4))" up
		"$IP" link del "mctpchurn$(((i + 2) % 4))" 2>/dev/null
		i=$((i + 1))
	done
	echo "$i churn rounds"
}
rm -f /tmp/stop-churn
churn >/tmp/churn.log 2>&1 &
churner=$!
per_requester=$(((SOAK_ROUND_TRIPS + 63) / 64))
tx0=$(stat mctpecho0 tx_packets)
rx0=$(stat mctpecho0 rx_packets+rx_dropped)
check "soak: $((per_requester * 64)) round trips, 64 requesters, churning config" \
	mctp-pcc-ping -q -j 64 -c "$per_requester" -i 0 -W 30 -s 100 9 11-17
cat "$LOG"
touch /tmp/stop-churn
wait $churner
check "the configuration churned throughout" output_has "churn rounds" cat /tmp/churn.log
check "soak: every echoed packet reached the stack" \
	grew mctpecho0 rx_packets+rx_dropped "$rx0" $(($(stat mctpecho0 tx_packets) - tx0))
check "MTU 68 again" mctp-pcc-ctl link set mctpecho0 mtu 68

# ---- link down and up under load: loss only across the downs ----
mctp-pcc-ping -q -f -j 64 -W 10 -s 100 9 11-17 >/tmp/flood.log 2>&1 &
flood=$!
for i in 1 2 3 4 5; do
	sleep 1
	mctp-pcc-ctl link set mctpecho0 down
	mctp-pcc-ctl link set mctpecho0 up
done
sleep 1
kill -INT $flood
wait $flood
cat /tmp/flood.log
sent=$(summary /tmp/flood.log sent)
replied=$(summary /tmp/flood.log replied)
corrupt=$(summary /tmp/flood.log corrupt)
lost=$(summary /tmp/flood.log lost)
check "link flapping: traffic flowed" test "${replied:-0}" -gt 0
check "link flapping: no corrupt reply" test "${corrupt:-1}" -eq 0
check "link flapping: sent = replied + corrupt + lost" \
	test "${sent:-0}" -eq $((${replied:-0} + ${corrupt:-0} + ${lost:-0}))
check "echo after flapping" mctp-pcc-ping -q -c 3 -i 0 9
check "unload" rmmod mctp_echo

# ---- load, traffic, unload with traffic running ----
cycles() {
	n=0
	while [ $n -lt "$CYCLES" ]; do
		insmod "$ECHO" echo_devs=2 || return 1
		up mctpecho0 10 9 11 || return 1
		mctp-pcc-ping -q -f -j 4 -W 1 -s 300 9 11 >/dev/null 2>&1 &
		pinger=$!
		mctp-pcc-ping -q -c 1 9 >/dev/null || { echo "cycle $n: no echo"; return 1; }
		rmmod mctp_echo || return 1
		kill -INT $pinger
		wait $pinger
		n=$((n + 1))
	done
	echo "$n cycles"
}
check "$CYCLES cycles of load, traffic, unload under traffic" cycles

# ---- allocation failures during load and traffic ----
fault=/sys/kernel/debug/failslab
if [ -d $fault ] && [ -d /sys/kernel/debug/fail_page_alloc ]; then
	# Fail 1 in 10 of the allocations made by tasks marked make-it-fail
	# with module code on the stack: the driver's, not the module
	# loader's. x86_64 puts modules from 0xffffffffa0000000 up.
	echo "mctp-pcc-vm: faults begin" >/dev/kmsg
	for f in $fault /sys/kernel/debug/fail_page_alloc; do
		echo 0xffffffffa0000000 >"$f/require-start"
		echo 0xffffffffff000000 >"$f/require-end"
		echo 32 >"$f/stacktrace-depth"
		echo Y >"$f/task-filter"
		echo 10 >"$f/probability"
		echo -1 >"$f/times"
		echo 0 >"$f/verbose"
		echo N >"$f/ignore-gfp-wait"
	done
	echo N >/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem
	echo 0 >/sys/kernel/debug/fail_page_alloc/min-order
	failing() {
		sh -c 'echo 1 >/proc/self/make-it-fail && exec "$@"' failing "$@"
	}
	faulty_loads() {
		ok=0
		refused=0
		for _ in $(seq 40); do
			if failing insmod "$ECHO" echo_devs=16 2>/dev/null; then
				ok=$((ok + 1))
				rmmod mctp_echo || return 1
			else
				refused=$((refused + 1))
				loaded mctp_echo && { echo "failed load left the module in"; return 1; }
			fi
		done
		echo "loads: $ok succeeded, $refused failed cleanly"
		[ "$refused" -gt 0 ]
	}
	check "loads with failing allocations fail cleanly" faulty_loads
	check "load" insmod "$ECHO" echo_devs=1
	check "configure" up mctpecho0 10 9 11 12 13 14 15 16 17
	faulty_traffic() {
		for _ in $(seq 20); do
			failing mctp-pcc-ping -q -j 8 -c 20 -i 0 -W 5 -s 1000 9 11-17
		done
		failing "$IP" link add mctpfail type mctpecho
		"$IP" link del mctpfail 2>/dev/null
		return 0
	}
	check "traffic with failing allocations" faulty_traffic
	for f in $fault /sys/kernel/debug/fail_page_alloc; do
		echo 0 >"$f/probability"
	done
	echo "mctp-pcc-vm: faults end" >/dev/kmsg
	check "echo works once allocations succeed again" mctp-pcc-ping -q -c 3 -i 0 9
	check "unload" rmmod mctp_echo
fi

# ---- random frames ----
check "load for random frames" insmod "$ECHO"
check "fuzz interface in a network with no routes" "$IP" link add mctpfuzz type mctpecho
# every frame sent must reach the driver to be accounted for: a FIFO, as
# the helper gives a configured link, not the default fq_codel
check "fuzz interface gets a FIFO qdisc" "$TC" qdisc replace dev mctpfuzz root pfifo limit 4100
check "fuzz interface up" mctp-pcc-ctl link set mctpfuzz up mtu 256 net 2
random_accounted() {
	tx=$(stat mctpfuzz tx_packets+tx_dropped+tx_errors)
	echoed=$(stat mctpfuzz tx_packets)
	rx=$(stat mctpfuzz rx_packets+rx_dropped)
	sent=$(mctp-rawsend mctpfuzz random "$RANDOM_FRAMES" 20261125) || return 1
	echoed=$(($(stat mctpfuzz tx_packets) - echoed))
	echo "random: sent $sent, $echoed echoed"
	grew mctpfuzz tx_packets+tx_dropped+tx_errors "$tx" "$sent" || return 1
	grew mctpfuzz rx_packets+rx_dropped "$rx" "$echoed"
}
check "$RANDOM_FRAMES seeded random frames, each accounted for" random_accounted
check "unload" rmmod mctp_echo

if [ -e /sys/kernel/debug/kmemleak ]; then
	sleep 6
	check "kmemleak finds no leak" no_leaks
fi
