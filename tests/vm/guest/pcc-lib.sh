# shellcheck shell=sh
# What the PCC suites share: where the emulated platform and the link are,
# and how to drive and read the platform (tests/pcc/README.md).

# shellcheck disable=SC2034 # used by the suites
PLATFORM=/lib/mctp-pcc-platform.ko
DEV=mctppcc1
# shellcheck disable=SC2034
ACPI_DEV=/sys/bus/platform/devices/DMT0001:00
# shared memory 4096 bytes, less the 16-byte PCC header
# shellcheck disable=SC2034
MAX_MTU=4080

PLAT_DBG=/sys/kernel/debug/mctp-pcc-platform
PLAT_PARAM=/sys/module/mctp_pcc_platform/parameters

# platform_count NAME: one of the emulated platform's counters
platform_count() {
	awk -v n="$1" '$1 == n { print $2 }' $PLAT_DBG/counters
}

# inject COMMAND...: make the platform send something (tests/pcc)
inject() {
	echo "$*" >$PLAT_DBG/inject
}

# at_least DEV COUNTER N: the interface's COUNTER has reached N
at_least() {
	[ "$(stat "$1" "$2")" -ge "$3" ]
}

# platform_at_least NAME N: the platform's counter NAME has reached N
platform_at_least() {
	[ "$(platform_count "$1")" -ge "$2" ]
}

# three_land SIZE COUNTER OTHER: three SIZE-byte packets from the platform
# each grow COUNTER by one and OTHER not at all
three_land() {
	before=$(stat $DEV "$2")
	other=$(stat $DEV "$3")
	inject "send 3 10 9 $1"
	wait_for 10 at_least $DEV "$2" $((before + 3))
	grew $DEV "$2" "$before" 3 && grew $DEV "$3" "$other" 0
}

# bad_inbound COUNTER COMMAND...: one bad message grows rx_errors and
# COUNTER by exactly one, and nothing reaches the stack
bad_inbound() {
	counter=$1
	shift
	errs=$(stat $DEV rx_errors)
	before=$(stat $DEV "$counter")
	rx=$(stat $DEV rx_packets)
	inject "$@"
	wait_for 10 at_least $DEV rx_errors $((errs + 1))
	grew $DEV rx_errors "$errs" 1 && grew $DEV "$counter" "$before" 1 &&
		grew $DEV rx_packets "$rx" 0
}

# carrier_is 0|1: the link's carrier
carrier_is() {
	[ "$(cat /sys/class/net/$DEV/carrier)" = "$1" ]
}

# dead_and_back: a platform that stops completing takes the carrier down
# within 10 s; the 1000 packets queued behind the one it holds are dropped
# and counted, none freed uncounted; its completion brings carrier back
dead_and_back() {
	dropped=$(stat $DEV tx_dropped)
	echo 1 >$PLAT_PARAM/never_complete
	# one the platform sits on, then 1000 queued behind it
	mctp-rawsend $DEV request 1 >/dev/null &&
		mctp-rawsend $DEV request 1000 >/dev/null &&
		wait_for 11 carrier_is 0 &&
		wait_for 10 at_least $DEV tx_dropped $((dropped + 1000))
	away=$?
	echo "dropped $(($(stat $DEV tx_dropped) - dropped)) while the platform was away, carrier $(cat /sys/class/net/$DEV/carrier)"
	echo 0 >$PLAT_PARAM/never_complete
	[ $away -eq 0 ] && wait_for 10 carrier_is 1
}
