# shellcheck shell=sh
# The PCC transport, checked from outside against the emulated platform of
# tests/pcc: ACPI binding by modalias, configuration by the udev helper,
# round trips through the PCC subspaces at every size and with concurrent
# requesters, each firmware fault counted and survived, unload and reload,
# and pcc_loopback. Runs inside the test VM, booted with the PCC tables.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh
# shellcheck source=tests/vm/guest/pcc-lib.sh
. /tests/pcc-lib.sh

# ---- the firmware's description ----
check "PCC mailbox found the two subspaces" expect_dmesg "Detected 2 PCC Subspaces"
check "ACPI device DMT0001 is a platform device" test -e "$ACPI_DEV"
check "its modalias names DMT0001" output_has "^acpi:DMT0001:" cat "$ACPI_DEV/modalias"
check "the emulated platform loads" insmod "$PLATFORM"

# ---- loaded by modalias and configured by the helper, as udev does ----
kmods=/lib/modules/$(uname -r)
mkdir -p "$kmods/extra" /usr/libexec/mctp-pcc
cp "$MOD" "$kmods/extra/"
depmod
cp /bin/mctp-pcc-setup /usr/libexec/mctp-pcc/
uevent /tests/pcc-uevent.sh &
listener=$!
sleep 1
echo add >"$ACPI_DEV/uevent"
check "the device's uevent loads the driver" wait_for 60 loaded
check "$DEV appears with no module parameter" wait_for 30 test -d /sys/class/net/$DEV
check "$DEV belongs to the ACPI device" output_has "DMT0001:00" readlink /sys/class/net/$DEV/device
check "the helper gives $DEV EID 10" wait_for 30 output_has "eid 10 dev $DEV" mctp-pcc-ctl addr show
check "the helper routes EID 9 via $DEV" wait_for 30 output_has "eid min 9 max 9 dev $DEV" mctp-pcc-ctl route show
check "the helper brought $DEV up" output_has " up$" mctp-pcc-ctl link show $DEV
check "the kernel's default qdisc is fq_codel, as on a distribution" \
	test "$(cat /proc/sys/net/core/default_qdisc)" = fq_codel
check "the helper gave $DEV a FIFO as long as its txqueuelen" \
	output_has "qdisc pfifo .* limit 4100p" "$TC" qdisc show dev $DEV root
kill "$listener"
check "default MTU 68" test "$(attr $DEV mtu)" = 68
check "MTU range 68..$MAX_MTU" output_has "minmtu 68 maxmtu $MAX_MTU" "$IP" -d link show $DEV
fails "MTU $((MAX_MTU + 1)) is refused" mctp-pcc-ctl link set $DEV mtu $((MAX_MTU + 1))
fails "MTU 67 is refused" mctp-pcc-ctl link set $DEV mtu 67

# ---- round trips through the platform at every size ----
sizes_upto() {
	# every size to 70, then every 61st, and the edges of one packet
	s=0
	while [ $s -le "$1" ]; do
		echo $s
		if [ $s -lt 70 ]; then s=$((s + 1)); else s=$((s + 61)); fi
	done
	echo "$1" $(($1 + 1))
}
sweep() {
	for size in $(sizes_upto "$1"); do
		mctp-pcc-ping -q -c 1 -i 0 -W 10 -s "$size" 9 || {
			echo "size $size failed"
			return 1
		}
	done
}
# payload after the type byte: MTU less the MCTP header and the type
check "echo at every size in one packet, MTU 68" sweep 63
check "MTU $MAX_MTU" mctp-pcc-ctl link set $DEV mtu $MAX_MTU
check "echo at every size in one packet, MTU $MAX_MTU" sweep $((MAX_MTU - 5))
check "64 KiB messages at MTU $MAX_MTU" mctp-pcc-ping -q -c 3 -i 0 -W 30 -s 65535 9
check "MTU 68 again" mctp-pcc-ctl link set $DEV mtu 68
# (64 KiB at MTU 68 is 1025 transfers each way: more than the kernel's 6 s
# tag lifetime under TCG emulation, so a 16 KiB message stands in; on a
# slow, KCSAN, kernel a 4 KiB one: an arm64 KCSAN guest took longer than
# that lifetime over 257 transfers each way)
big="16383 16 KiB"
[ -n "${MCTP_SLOW:-}" ] && big="4095 4 KiB"
check "${big#* } messages at MTU 68" mctp-pcc-ping -q -c 2 -i 0 -W 60 -s "${big%% *}" 9

# ---- concurrent requesters ----
# Four requesters of 4000-byte messages at MTU 68 keep about 250 packets
# queued behind the PCCT's one doorbell a millisecond: a quarter of a
# second, where fq_codel would drop from the middle of messages (the
# issue's measurement: 13 of 28 replies delivered truncated).
# (MCTP_SLOW, on a KCSAN kernel: two, whose 126 packets still queue past
# fq_codel's 5 ms target for longer than its 100 ms interval; four there
# come back near MCTP's 6 s tag lifetime, and some after it)
paced=4
[ -n "${MCTP_SLOW:-}" ] && paced=2
check "$paced requesters x 4000 B at MTU 68, paced: none lost or truncated" \
	mctp-pcc-ping -q -j $paced -c 6 -i 0 -W 20 -s 4000 9
check "and the qdisc dropped nothing" output_has "dropped 0," "$TC" -s qdisc show dev $DEV root
check "routes to 11..17 via $DEV" sh -c "for e in 11 12 13 14 15 16 17; do mctp-pcc-ctl route add \$e via $DEV || exit 1; done"
# (MCTP_SLOW: four, whose 68 packets stay within the tag lifetime there)
many=16
[ -n "${MCTP_SLOW:-}" ] && many=4
check "$many requesters x 1 KiB at MTU 68, 8 peers" \
	mctp-pcc-ping -q -j $many -c 10 -i 0 -W 60 -s 1024 9 11-17
check "MTU $MAX_MTU for the rest" mctp-pcc-ctl link set $DEV mtu $MAX_MTU
check "64 requesters x 100 B at MTU $MAX_MTU" \
	mctp-pcc-ping -q -j 64 -c 10 -i 0 -W 60 -s 100 9 11-17

# ---- the PCCT's timing rules (tests/pcc/pcct.asl: 500 us turnaround,
# one doorbell a millisecond), kept through all the traffic so far ----
platform_is() {
	echo "platform $1: $(platform_count "$1"), expected $2"
	[ "$(platform_count "$1")" -eq "$2" ]
}
check "the platform read the PCCT's rules" expect_dmesg "turnaround 500 us, doorbell period 1000 us"
check "the driver said the packet rate they allow" \
	expect_dmesg "$DEV: PCCT: up to 60000 doorbells a minute (1000 packets a second), turnaround 500 us"
check "no doorbell within the minimum turnaround time" platform_is too_soon 0
check "no doorbell past the maximum access rate" platform_is too_often 0
check "no doorbell while the platform owned the outbox" platform_is early_doorbells 0

# ---- the MCTP core knows it is a PCC link (7.x records the binding) ----
binding_is_pcc() {
	if [ "$(uname -r | cut -d. -f1)" -ge 7 ]; then
		output_has "binding pcc" mctp-pcc-ctl link show "$1"
	else
		! output_has "binding" mctp-pcc-ctl link show "$1"
	fi
}
check "$DEV's physical binding is PCC where the kernel records one" binding_is_pcc $DEV

# ---- counters agree with the platform's ----
counted() {
	tx=$(stat $DEV tx_packets)
	rx=$(stat $DEV rx_packets)
	took=$(platform_count consumed)
	sent=$(platform_count sent)
	mctp-pcc-ping -q -c 10 -i 0 -s 200 9 || return 1
	grew $DEV tx_packets "$tx" 10 &&
		grew $DEV rx_packets "$rx" 10 &&
		test $(($(platform_count consumed) - took)) -eq 10 &&
		test $(($(platform_count sent) - sent)) -eq 10
}
check "each request is one PCC transfer each way, counted on both sides" counted

# ---- unsolicited messages from the platform reach a listener ----
unsolicited() {
	rx=$(stat $DEV rx_packets)
	answered=$(platform_count ignored)
	mctp-echo-server 1 0x7e &
	server=$!
	sleep 1
	inject "send 20 10 9 64"
	wait_for 20 platform_at_least ignored $((answered + 20))
	kill $server
	grew $DEV rx_packets "$rx" 20 || return 1
	echo "platform took $(($(platform_count ignored) - answered)) responses"
	test "$(platform_count ignored)" -eq $((answered + 20))
}
check "20 requests from the platform answered by a socket" unsolicited

# ---- bad messages from the platform: dropped, counted, survived ----
check "MTU 68 for the bad messages" mctp-pcc-ctl link set $DEV mtu 68
check "bad signature: rx_frame_errors" bad_inbound rx_frame_errors bad_signature 0x50434305
check "command not MCTP: rx_frame_errors" bad_inbound rx_frame_errors bad_command
check "length past the shared memory: rx_length_errors" bad_inbound rx_length_errors too_long
check "shorter than an MCTP header: rx_length_errors" bad_inbound rx_length_errors too_short
# longer than the MTU, as firmware written against the upstream driver
# sends: taken, since it fits the shared memory
check "packets past the MTU but within the shared memory are received" \
	three_land $MAX_MTU rx_packets rx_errors
check "the driver says why, once per burst" expect_dmesg "$DEV: dropped a message from the platform: bad signature"
check "echo after bad messages" mctp-pcc-ping -q -c 3 -i 0 -W 10 9

# ---- the platform fails or never completes a transmit ----
# timed_out: the pending transmit times out once, and the link goes on
timed_out() {
	aborted=$(stat $DEV tx_aborted_errors)
	# one packet at MTU 68: one transmit to time out
	mctp-pcc-ping -q -c 1 -W 3 -s 8 9
	wait_for 10 at_least $DEV tx_aborted_errors $((aborted + 1)) &&
		grew $DEV tx_aborted_errors "$aborted" 1
}
check "error status on a completion" inject error_next
check "a failed completion is timed out and counted" timed_out
check "echo after the failed completion" mctp-pcc-ping -q -c 3 -i 0 -W 10 9
check "the platform stops completing" sh -c "echo 1 >$PLAT_PARAM/never_complete"
check "a transmit never completed is timed out and counted" timed_out
check "the timeout is said" expect_dmesg "$DEV: platform did not complete a transmit within"
check "the platform completes again" sh -c "echo 0 >$PLAT_PARAM/never_complete"
check "echo after the platform recovers" wait_for 20 mctp-pcc-ping -q -c 1 -W 3 9
check "three in a row after recovery" mctp-pcc-ping -q -c 3 -i 0 -W 10 9

# ---- a slow platform: completions late, past the driver's timeout ----
# delayed MS SIZE: with completions MS late, a SIZE-byte message (several
# packets at MTU 68) still comes back whole, the outbox is never written
# while the platform holds it, and each packet's lateness is counted once
delayed() {
	early=$(platform_count early_doorbells)
	aborted=$(stat $DEV tx_aborted_errors)
	packets=$((($2 + 1 + 63) / 64))
	echo "$1" >$PLAT_PARAM/complete_delay_ms
	mctp-pcc-ping -q -c 1 -W 20 -s "$2" 9
	ok=$?
	echo 0 >$PLAT_PARAM/complete_delay_ms
	echo "$(($(stat $DEV tx_aborted_errors) - aborted)) of $packets packets timed out"
	[ $ok -eq 0 ] && platform_is early_doorbells "$early" &&
		[ $(($(stat $DEV tx_aborted_errors) - aborted)) -le "$packets" ]
}
check "MTU 68 for the slow platform" mctp-pcc-ctl link set $DEV mtu 68
check "completions 1.2 s late (past the 1 s timeout): the link stays in step" delayed 1200 120
check "each late packet was counted as timed out" expect_dmesg "$DEV: platform completed a transmit 1[0-9][0-9][0-9] ms after its doorbell"
check "completions exactly at the timeout: no packet aborted early" delayed 1000 120
check "in step after the slow platform" mctp-pcc-ping -q -c 20 -i 0 -W 10 -s 200 9

# ---- completion interrupts late: the bit frees the outbox first ----
# late_irqs MS SIZE: Command Complete set at once, its interrupt MS late,
# past the timeout: the bit, read at the timeout, frees the outbox, and
# the late interrupt, coming while the next packet is in flight, is not
# taken for that packet's completion
late_irqs() {
	early=$(platform_count early_doorbells)
	echo "$1" >$PLAT_PARAM/irq_delay_ms
	mctp-pcc-ping -q -c 1 -W 30 -s "$2" 9
	ok=$?
	echo 0 >$PLAT_PARAM/irq_delay_ms
	# the last interrupts still to come
	sleep 2
	echo "$(platform_count delayed_irqs) interrupts raised late"
	[ $ok -eq 0 ] && platform_is early_doorbells "$early"
}
check "completion interrupts 1.2 s late: the link stays in step" late_irqs 1200 250
check "in step after the late interrupts" mctp-pcc-ping -q -c 20 -i 0 -W 10 -s 200 9

# ---- a platform that stops, then comes back ----
check "a silent platform takes the carrier down within 10 s, drops the queue, and brings it back" dead_and_back
check "the driver says the platform is away" expect_dmesg "$DEV: platform silent for [0-9]* ms: link down until it completes"
check "and back" expect_dmesg "$DEV: platform completed again after [0-9]* ms: link up"
check "echo once the platform is back" wait_for 10 mctp-pcc-ping -q -c 1 -W 3 9
check "still no doorbell while the platform owned the outbox" platform_is early_doorbells 0

# ---- drops the core makes are counted once ----
# With no backlog, a burst of messages inside one interrupt overflows
# netif_rx(): what was posted is received or dropped, each counted once.
core_drops_once() {
	backlog=$(cat /proc/sys/net/core/netdev_max_backlog)
	rx=$(stat $DEV rx_packets)
	dropped=$(stat $DEV rx_dropped)
	sent=$(platform_count sent)
	echo 0 >/proc/sys/net/core/netdev_max_backlog
	echo 16 >$PLAT_PARAM/inbox_burst
	inject "send 64 10 9 8"
	wait_for 20 platform_at_least sent $((sent + 64))
	echo 1 >$PLAT_PARAM/inbox_burst
	echo "$backlog" >/proc/sys/net/core/netdev_max_backlog
	got=$(($(stat $DEV rx_packets) - rx))
	lost=$(($(stat $DEV rx_dropped) - dropped))
	echo "64 posted: $got received, $lost dropped"
	[ "$lost" -gt 0 ] && [ $((got + lost)) -eq 64 ]
}
check "a drop in netif_rx() is counted once in rx_dropped" core_drops_once

# ---- inbound while the link is down ----
check "link down" mctp-pcc-ctl link set $DEV down
check "messages for a down link are dropped and counted" three_land 64 rx_dropped rx_packets
check "link up" mctp-pcc-ctl link set $DEV up
check "routes back after link up" sh -c "mctp-pcc-ctl route show | grep -q 'eid min 9 max 9 dev $DEV' || mctp-pcc-ctl route add 9 via $DEV"
check "echo after link down/up" mctp-pcc-ping -q -c 3 -i 0 -W 10 9

# ---- unload and reload with traffic in flight ----
unload_under_flood 1000
fails "$DEV gone" test -d /sys/class/net/$DEV
# A message the platform posted while no driver was bound: up to 6.12 it
# comes in as the channel is set up (read if the link is ready, else
# dropped and counted); 7.x's PCC mailbox acknowledges it away at startup.
# Either way the inbox must not stay blocked.
inbox_drained() {
	[ "$(platform_count queued)" = 0 ] &&
		[ "$(platform_count sent)" -eq "$(platform_count inbox_acks)" ]
}
check "platform posts with no driver bound" inject "send 1 10 9 8"
check "reload" insmod "$MOD"
check "$DEV is back" wait_for 10 test -d /sys/class/net/$DEV
check "the pending message does not block the inbox" wait_for 10 inbox_drained
check "configure $DEV again" up $DEV 10 9
check "echo after reload" mctp-pcc-ping -q -c 3 -i 0 -W 10 9
check "unload" rmmod mctp_pcc

# ---- late interrupts while the driver lets go of the channels ----
# The platform keeps the inbox full and its interrupt raised while the
# driver is unbound and bound, removed and loaded, and loaded in
# pcc_loopback (which checks the channels and lets them go at once); the
# kernel log (KASAN) is read at the end of the suite.
ACPI_DRV=/sys/bus/platform/drivers/mctp-pcc
cycle_bind() {
	i=0
	while [ $i -lt "$1" ]; do
		echo DMT0001:00 >$ACPI_DRV/unbind || return 1
		echo DMT0001:00 >$ACPI_DRV/bind || return 1
		i=$((i + 1))
	done
}
cycle_load() {
	i=0
	while [ $i -lt "$1" ]; do
		rmmod mctp_pcc || return 1
		insmod "$MOD" "$2" || return 1
		i=$((i + 1))
	done
}
flood_on() {
	echo 10 >$PLAT_PARAM/poll_busy_us
	echo 1 >$PLAT_PARAM/inbox_flood
}
flood_off() {
	echo 0 >$PLAT_PARAM/inbox_flood
	echo 50 >$PLAT_PARAM/poll_busy_us
}
check "load for the flood" insmod "$MOD"
check "$DEV is back for the flood" wait_for 10 test -d /sys/class/net/$DEV
check "the platform floods the inbox" flood_on
check "the flood reaches the driver" wait_for 10 platform_at_least inbox_acks $(($(platform_count inbox_acks) + 100))
# (MCTP_SLOW, on the KCSAN kernel, which looks for races rather than the
# teardown order KASAN caught: 30 each, a minute less)
cycles=100
[ -n "${MCTP_SLOW:-}" ] && cycles=30
check "unbind and bind $cycles times under the flood" cycle_bind $cycles
check "remove and load $cycles times under the flood" cycle_load $cycles pcc_loopback=0
check "load in pcc_loopback $cycles times under the flood" cycle_load $cycles pcc_loopback=1
check "the platform stops flooding" flood_off
check "load as a link again" cycle_load 1 pcc_loopback=0
check "the inbox drains after the flood" wait_for 10 inbox_drained
check "configure $DEV after the flood" up $DEV 10 9
check "echo after the flood" mctp-pcc-ping -q -c 3 -i 0 -W 10 9

# ---- the link's name taken before it binds (the MCTP core leaks its
# device state when mctp_register_netdev() fails; kmemleak reads at the
# end) ----
check "unbind $DEV" sh -c "echo DMT0001:00 >$ACPI_DRV/unbind"
check "an echo link takes the name $DEV" "$IP" link add $DEV type mctpecho
fails "binding now fails" sh -c "echo DMT0001:00 >$ACPI_DRV/bind"
check "and says why" expect_dmesg "cannot register $DEV: -17"
check "the echo link goes" "$IP" link del $DEV
check "binding works again" sh -c "echo DMT0001:00 >$ACPI_DRV/bind"
check "$DEV is back after the clash" wait_for 10 test -d /sys/class/net/$DEV
check "configure $DEV after the clash" up $DEV 10 9
check "echo after the clash" mctp-pcc-ping -q -c 3 -i 0 -W 10 9
check "unload after the flood" rmmod mctp_pcc

# ---- pcc_loopback: echo without the platform ----
check "platform unloaded" rmmod mctp_pcc_platform
check "load with pcc_loopback=1" insmod "$MOD" pcc_loopback=1
check "$DEV exists in loopback" wait_for 10 test -d /sys/class/net/$DEV
check "loopback says so" expect_dmesg "$DEV: loopback: echoing instead of using PCC subspaces 0 and 1"
check "loopback MTU range is the link's" output_has "maxmtu $MAX_MTU" "$IP" -d link show $DEV
check "loopback's physical binding is PCC where the kernel records one" binding_is_pcc $DEV
check "configure $DEV in loopback" up $DEV 10 9
check "echo in loopback, no platform loaded" mctp-pcc-ping -q -c 5 -i 0 -s 1000 9
# the emulated endpoint stands in for the platform's: it answers control
# messages, so mctpd can discover it before the firmware is ready
check "loopback's endpoint answers Get Endpoint ID" \
	output_has "^eid 0 endpoint-type simple" mctp-pcc-ctl info 0 dev $DEV
check "loopback's endpoint takes an EID" \
	output_has "^13 01 00 00 20 00$" mctp-pcc-ctl control 0 dev $DEV 93 01 00 20
check "and says so in sysfs" test "$(cat /sys/class/net/$DEV/mctp_endpoint/eid)" = 32
fails "loopback interface cannot be deleted by hand" "$IP" link del $DEV
check "unload loopback" rmmod mctp_pcc
fails "pcc_loopback=maybe is refused" insmod "$MOD" pcc_loopback=maybe
fails "nothing left loaded" loaded

# ---- kernel health ----
if [ -e /sys/kernel/debug/kmemleak ]; then
	sleep 6
	check "kmemleak finds no leak" no_leaks
fi
