# shellcheck shell=sh
# The emulated PCC platform alone (tests/pcc), before any driver binds:
# the firmware tables reach Linux (two PCC subspaces, the DMT0001 device),
# the memory is kept from the kernel, and the platform module loads, takes
# commands and unloads cleanly. Runs inside the test VM, booted by
# tests/vm/boot.sh with the platform (suite names pcc*).
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

PLAT=/lib/mctp-pcc-platform.ko
CLIENT=/lib/pcc-mbox-client.ko
CPARAM=/sys/module/pcc_mbox_client/parameters
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

# not_ram ADDRESS: no System RAM range in /proc/iomem holds ADDRESS
not_ram() {
	grep 'System RAM' /proc/iomem
	grep 'System RAM' /proc/iomem | {
		while IFS='- :' read -r start end _; do
			[ $((0x$start <= $1 && $1 <= 0x$end)) -eq 0 ] || exit 1
		done
	}
}

plat_loaded() {
	grep -q '^mctp_pcc_platform ' /proc/modules
}

# ---- the firmware tables ----
check "PCC mailbox found 2 subspaces" expect_dmesg 'Detected 2 PCC Subspaces'
check "PCC mailbox registered" expect_dmesg 'Registering PCC driver as Mailbox controller'
check "PCCT and SSDT loaded" sh -c "dmesg | grep 'ACPI: PCCT' && dmesg | grep 'ACPI: SSDT.*MCTPSSDT'"
# ("reserved" up to 6.12, "device reserved" in 7.x)
if [ "$(uname -m)" = aarch64 ]; then
	# arm64: a QEMU memory device at 0xc0000000, outside the EFI memory map
	check "the PCCT came in through the initrd" expect_dmesg 'Table Upgrade: install \[PCCT-'
	check "the SSDT came in through the initrd" expect_dmesg 'Table Upgrade: install \[SSDT-'
	check "0xc0000000 is not RAM to the kernel" not_ram 0xc0000000
else
	check "memmap= keeps 0x5ff00000 from the kernel" \
		expect_dmesg 'user: \[mem 0x000000005ff00000-0x000000005fffffff\] .*reserved'
fi
check "ACPI device DMT0001:00 exists" test -d "$ADEV"
check "its modalias is acpi:DMT0001:" test "$(cat "$ADEV/modalias")" = "acpi:DMT0001:"
check "its path is \\_SB_.MCTP" test "$(cat "$ADEV/path")" = '\_SB_.MCTP'
check "its _STA is 15" test "$(cat "$ADEV/status")" = 15
check "its _UID is 0" test "$(cat "$ADEV/uid")" = 0

# ---- the platform module ----
fails "queue_len=0 is refused" insmod "$PLAT" queue_len=0
fails "queue_len=0 leaves nothing loaded" plat_loaded
check "platform module loads" insmod "$PLAT"
check "it says which irqs it raises" expect_dmesg 'mctp_pcc_platform: platform up at .*: GSI [0-9]* is irq'
check "debugfs counters start at 0" counters_are doorbells=0 sent=0 queued=0 inbox_drops=0
check "mode is echo by default" test "$(cat "$PARAM/mode")" = echo
check "mode sink" sh -c "echo sink >$PARAM/mode && grep -qx sink $PARAM/mode"
fails "mode bogus is refused" sh -c "echo bogus >$PARAM/mode"
check "mode echo again" sh -c "echo echo >$PARAM/mode && grep -qx echo $PARAM/mode"
fails "unknown inject command is refused" sh -c "echo bogus >$DBG/inject"
fails "send to EID 256 is refused" sh -c "echo send 1 256 >$DBG/inject"
fails "send of 4081 bytes is refused" sh -c "echo send 1 10 9 4081 >$DBG/inject"

# With no driver bound the OS never consumes an inbox message: the platform
# posts the first, raises the inbox GSI (nobody acknowledges it), keeps the
# rest.
check "inject 3 requests" sh -c "echo send 3 >$DBG/inject"
check "one posted, two queued" wait_for 5 counters_are injected=3 sent=1 queued=2
check "the inbox GSI raised once, unacknowledged" counters_are inbox_irqs=1 inbox_irq_acks=0
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
check "1 posted, the rest queued up to 2, or dropped" wait_for 5 all_accounted
check "unload again" rmmod mctp_pcc_platform

# ---- end to end through Linux's PCC mailbox driver, no MCTP driver ----
# pcc-mbox-client takes both subspaces; "echo N >run" sends N requests
# through subspace 0 and checks the platform's echoes in subspace 1.
run() {
	echo "$1" >"$CPARAM/run"
}
cparam() {
	cat "$CPARAM/$1"
}
# cparam_is NAME VALUE: the client's counter NAME is VALUE (read each time)
cparam_is() {
	echo "$1 $(cparam "$1"), expected $2"
	[ "$(cparam "$1")" -eq "$2" ]
}
check "platform loads (echo)" insmod "$PLAT"
check "client takes both subspaces" insmod "$CLIENT"
check "client: 4 requests of 64 bytes echoed" run 4
check "it says so" expect_dmesg 'pcc_mbox_client: 4 requests of 64 bytes answered'
check "platform saw 4 doorbells, completed and answered each" \
	wait_for 5 counters_are doorbells=4 consumed=4 bad=0 replies=4 \
	completions=4 outbox_irqs=4 outbox_irq_acks=4
check "each answer posted, its interrupt acknowledged, consumed" \
	wait_for 5 counters_are sent=4 inbox_irqs=4 inbox_irq_acks=4 inbox_acks=4
check "the OS rang the inbox doorbell for each ack (flags bit 0)" \
	counters_are inbox_doorbells=4
check "largest message: 4080 bytes" sh -c "echo 4080 >$CPARAM/size && echo 2 >$CPARAM/run"
check "smallest message: a bare 4-byte header" sh -c "echo 4 >$CPARAM/size && echo 2 >$CPARAM/run"
check "8 more exchanges" sh -c "echo 64 >$CPARAM/size && echo 8 >$CPARAM/run"
check "client received 16, nothing bad or stray" \
	sh -c "[ $(cparam received) -eq 16 ] && [ $(cparam bad) -eq 0 ] && [ $(cparam stray) -eq 0 ]"

check "unsolicited: inject 3 requests" sh -c "echo send 3 9 10 >$DBG/inject"
check "the client got them" wait_for 5 cparam_is received 19
check "and the platform saw them consumed" wait_for 5 counters_are sent=19 inbox_acks=19 queued=0
for c in bad_signature bad_command too_long too_short; do
	check "inject $c" sh -c "echo $c >$DBG/inject"
done
check "the client refused the 4 malformed ones" wait_for 5 cparam_is bad 4
check "malformed ones were consumed too" wait_for 5 counters_are sent=23 inbox_acks=23 queued=0

check "sink mode" sh -c "echo sink >$PARAM/mode"
fails "client: no answer in sink mode" run 1
check "the platform consumed it, answered nothing" \
	counters_are doorbells=17 consumed=17 replies=16 completions=17
check "echo mode" sh -c "echo echo >$PARAM/mode"
check "echo works again" run 1

# (unsolicited messages count as stray too: the client was not waiting)
stray=$(cparam stray)
check "never_complete" sh -c "echo 1 >$PARAM/never_complete"
fails "client: no completion while never_complete" run 1
check "the doorbell is taken, not completed" counters_are doorbells=19 completions=18
check "never_complete cleared" sh -c "echo 0 >$PARAM/never_complete"
check "the late command completes" wait_for 5 counters_are doorbells=19 completions=19 replies=18
check "its late answer comes in as stray" wait_for 5 cparam_is stray $((stray + 1))
check "echo works again" run 1

check "error_next" sh -c "echo error_next >$DBG/inject"
fails "client: the completion with the error bit is dropped" run 1
check "the platform set the error bit once" counters_are errors=1 completions=21
check "echo works after the error" run 2
check "client unloads" rmmod pcc_mbox_client

# a message posted before any client binds comes in as the channel's
# interrupt is requested, before pcc_mbox_request_channel() returns
check "inject a request with no client bound" sh -c "echo send 1 >$DBG/inject"
one_unconsumed() {
	cat "$DBG/counters"
	[ "$(counter queued)" = 0 ] &&
		[ "$(counter sent)" -eq $(($(counter inbox_acks) + 1)) ]
}
check "it is posted, not consumed" wait_for 5 one_unconsumed
check "client loads again" insmod "$CLIENT"
# whether it lands before pcc_mbox_request_channel() returns depends on
# timing (under load the platform's next poll may come first): either way
# the client must get it, exactly once
all_consumed() {
	[ "$(counter queued)" = 0 ] &&
		[ "$(counter sent)" -eq "$(counter inbox_acks)" ]
}
check "the posted message reaches the new client" wait_for 5 all_consumed
check "echo works" run 1
check "client unloads" rmmod pcc_mbox_client
check "platform unloads" rmmod mctp_pcc_platform

check "no memory leaks (kmemleak)" no_leaks
