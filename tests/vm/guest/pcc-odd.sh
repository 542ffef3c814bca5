# shellcheck shell=sh
# Firmware with odd values (booted with tests/pcc's pcct-odd). An inbox
# larger than any MCTP packet (512 KiB): the driver reads at most the
# largest MCTP packet from it, so an inbound copy, made in hard irq, stays
# the size the stack takes. A nominal latency of 15 ms: a 1.5 s timeout,
# of which the 5 s dead rule is no multiple, and the queue still drains
# into counted drops before carrier goes off. Runs inside the test VM.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh
# shellcheck source=tests/vm/guest/pcc-lib.sh
. /tests/pcc-lib.sh

# the largest packet: the largest message in one (MCTP_LINK_MAX_MTU)
LARGEST=$((65536 + 4))

check "the emulated platform loads" insmod "$PLATFORM"
check "the driver loads" insmod "$MOD"
check "$DEV appears" wait_for 30 test -d /sys/class/net/$DEV
check "its MTU is still the outbox's" output_has "maxmtu $MAX_MTU" "$IP" -d link show $DEV
check "configure $DEV" up $DEV 10 9

# timeout_is MS: a packet the platform never completes times out in MS
timeout_is() {
	echo 1 >$PLAT_PARAM/never_complete
	mctp-pcc-ping -q -c 1 -W 3 -s 8 9
	echo 0 >$PLAT_PARAM/never_complete
	wait_for 5 expect_dmesg "$DEV: platform did not complete a transmit within $1 ms"
}

# arrives LEN COUNTER: a message whose PCC length field is LEN grows
# COUNTER by one
arrives() {
	before=$(stat $DEV "$2")
	inject "length $1"
	wait_for 10 at_least $DEV "$2" $((before + 1)) && grew $DEV "$2" "$before" 1
}
check "the largest MCTP packet ($LARGEST bytes) is received" \
	arrives $((4 + LARGEST)) rx_packets
check "one byte more is refused: rx_length_errors" \
	bad_inbound rx_length_errors length $((4 + LARGEST + 1))
check "so is what fills the inbox" \
	bad_inbound rx_length_errors length $((0x80000 - 12))
check "the driver says why" expect_dmesg "$DEV: dropped a message from the platform: longer than the shared memory or the largest MCTP packet"
check "echo after" mctp-pcc-ping -q -c 3 -i 0 -W 10 9

check "the driver took the 15 ms latency: 1.5 s timeout" timeout_is 1500
check "a silent platform, timeout 1.5 s: carrier down, the queue dropped and counted, carrier back" \
	dead_and_back
check "echo once the platform is back" wait_for 10 mctp-pcc-ping -q -c 1 -W 3 9
check "unload" rmmod mctp_pcc
check "the platform unloads" rmmod mctp_pcc_platform
