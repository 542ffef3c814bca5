# shellcheck shell=sh
# The emulated PCC platform alone (tests/pcc), before any driver binds:
# the firmware tables reach Linux (two PCC subspaces, the DMT0001 device),
# the memory is kept from the kernel, and the platform module loads, takes
# commands and unloads cleanly. Runs inside the test VM, booted by
# tests/vm/boot.sh with the platform (suite names pcc*).
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

PLAT=/lib/mctp-pcc-platform.ko
DBG=/sys/kernel/debug/mctp-pcc-platform
PARAM=/sys/module/mctp_pcc_platform/parameters
ADEV=/sys/bus/acpi/devices/DMT0001:00

# counter NAME: a counter of the platform
counter() {
	awk -v n="$1" '$1 == n { print $2 }' "$DBG/counters"
}

# counters_are NAME=VALUE...: each counter has its value
counters_are() {
	cat "$DBG/counters"
	for nv in "$@"; do
		[ "$(counter "${nv%%=*}")" = "${nv#*=}" ] || {
			echo "expected $nv"
			return 1
		}
	done
}

# eventually COMMAND...: COMMAND succeeds within about 5 seconds
eventually() {
	n=0
	until "$@"; do
		n=$((n + 1))
		[ "$n" -lt 50 ] || return 1
		sleep 0.1
	done
}

plat_loaded() {
	grep -q '^mctp_pcc_platform ' /proc/modules
}

# ---- the firmware tables ----
check "PCC mailbox found 2 subspaces" expect_dmesg 'Detected 2 PCC Subspaces'
check "PCC mailbox registered" expect_dmesg 'Registering PCC driver as Mailbox controller'
check "PCCT and SSDT loaded" sh -c "dmesg | grep 'ACPI: PCCT' && dmesg | grep 'ACPI: SSDT.*MCTPSSDT'"
check "memmap= keeps 0x5ff00000 from the kernel" \
	expect_dmesg 'user: \[mem 0x000000005ff00000-0x000000005fffffff\] reserved'
check "ACPI device DMT0001:00 exists" test -d "$ADEV"
check "its modalias is acpi:DMT0001:" test "$(cat "$ADEV/modalias")" = "acpi:DMT0001:"
check "its path is \\_SB_.MCTP" test "$(cat "$ADEV/path")" = '\_SB_.MCTP'
check "its _STA is 15" test "$(cat "$ADEV/status")" = 15
check "its _UID is 0" test "$(cat "$ADEV/uid")" = 0

# ---- the platform module ----
fails "queue_len=0 is refused" insmod "$PLAT" queue_len=0
fails "queue_len=0 leaves nothing loaded" plat_loaded
check "platform module loads" insmod "$PLAT"
check "it says which irqs it raises" expect_dmesg 'mctp_pcc_platform: platform up: GSI 22 is irq'
check "debugfs counters start at 0" counters_are doorbells=0 sent=0 queued=0 inbox_drops=0
check "mode is echo by default" test "$(cat "$PARAM/mode")" = echo
check "mode sink" sh -c "echo sink >$PARAM/mode && grep -qx sink $PARAM/mode"
fails "mode bogus is refused" sh -c "echo bogus >$PARAM/mode"
check "mode echo again" sh -c "echo echo >$PARAM/mode && grep -qx echo $PARAM/mode"
fails "unknown inject command is refused" sh -c "echo bogus >$DBG/inject"
fails "send to EID 256 is refused" sh -c "echo send 1 256 >$DBG/inject"
fails "send of 4081 bytes is refused" sh -c "echo send 1 10 9 4081 >$DBG/inject"

# With no driver bound the OS never consumes an inbox message: the platform
# posts the first, raises GSI 23 (nobody acknowledges it), keeps the rest.
check "inject 3 requests" sh -c "echo send 3 >$DBG/inject"
check "one posted, two queued" eventually counters_are injected=3 sent=1 queued=2
check "GSI 23 raised once, unacknowledged" counters_are inbox_irqs=1 inbox_irq_acks=0
check "inject the malformed ones" sh -c "for c in bad_signature bad_command too_long too_short; do echo \$c >$DBG/inject || exit 1; done"
check "they are queued" counters_are injected=7 queued=6
check "error_next is taken" sh -c "echo error_next >$DBG/inject"
check "reset zeroes the counters" sh -c "echo reset >$DBG/inject"
check "after reset" counters_are injected=0 sent=0 queued=6
check "the outbox is idle: no doorbell seen" counters_are doorbells=0
check "platform module unloads" rmmod mctp_pcc_platform
check "it says so" expect_dmesg 'mctp_pcc_platform: platform down'
check "debugfs directory gone" test ! -e "$DBG"

check "reload with queue_len=2" insmod "$PLAT" queue_len=2
check "inject 5 requests" sh -c "echo send 5 >$DBG/inject"
# all 5 arrive in one write: the timer may post the first before or after
# the queue filled up
all_accounted() {
	cat "$DBG/counters"
	[ "$(counter sent)" = 1 ] && [ "$(counter queued)" -ge 1 ] &&
		[ "$(counter inbox_drops)" -ge 2 ] &&
		[ $(($(counter sent) + $(counter queued) + $(counter inbox_drops))) -eq 5 ]
}
check "1 posted, the rest queued up to 2, or dropped" eventually all_accounted
check "unload again" rmmod mctp_pcc_platform

check "no memory leaks (kmemleak)" no_leaks
