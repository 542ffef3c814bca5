# shellcheck shell=sh
# The emulated endpoint behind an echo interface, checked from outside:
# every control command's response byte for byte through mctp-pcc-ctl,
# malformed and unanswerable messages through sockets and AF_PACKET with
# their counters, the EID and UUID in sysfs, `info` against it, and netem
# on the interface. Sourced by echo.sh once mctpecho0 has address 10 and
# routes to 9 and 11..17.

# ep DEV NAME: an attribute of the interface's endpoint
ep() {
	cat "/sys/class/net/$1/mctp_endpoint/$2"
}

# answer "REQUEST" "RESPONSE": the control message REQUEST (bytes after the
# type byte), sent to EID 0 on mctpecho0, is answered with RESPONSE
answer() {
	# shellcheck disable=SC2086 # a list of bytes
	got=$(mctp-pcc-ctl control 0 dev mctpecho0 $1) || return 1
	echo "sent $1; got $got; want $2"
	[ "$got" = "$2" ]
}

# unanswered COUNTER EID BYTE...: no response comes, and the endpoint's
# COUNTER grows by one
unanswered() {
	counter=$1
	eid=$2
	shift 2
	before=$(ep mctpecho0 "$counter")
	if mctp-pcc-ctl control "$eid" dev mctpecho0 timeout 0.3 "$@"; then
		echo "answered"
		return 1
	fi
	now=$(ep mctpecho0 "$counter")
	echo "$counter: $before -> $now"
	[ $((now - before)) -eq 1 ]
}

# raw COUNTER STAT HEX: the frame HEX written to mctpecho0 with AF_PACKET
# grows the endpoint's COUNTER and the interface's STAT by one each
raw() {
	before=$(ep mctpecho0 "$1")
	stat_before=$(stat mctpecho0 "$2")
	mctp-rawsend mctpecho0 "$3" 1 || return 1
	now=$(ep mctpecho0 "$1")
	echo "$1: $before -> $now"
	[ $((now - before)) -eq 1 ] && grew mctpecho0 "$2" "$stat_before" 1
}

# uuid_bytes DEV: the endpoint's UUID as the bytes Get Endpoint UUID sends
uuid_bytes() {
	ep "$1" uuid | tr -d '-' | sed 's/../& /g; s/ $//'
}

uuid_is_uuid() {
	ep "$1" uuid | grep -Eqx '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
}

# ---- state in sysfs ----
check "endpoint starts with no EID" test "$(ep mctpecho0 eid)" = 0
check "no static EID by default" test "$(ep mctpecho0 static_eid)" = 0
check "UUID is a random (version 4) UUID" uuid_is_uuid mctpecho0
check "second interface for the endpoint checks" "$IP" link add mctpecho8 type mctpecho
check "UUIDs differ between interfaces" \
	test "$(ep mctpecho0 uuid)" != "$(ep mctpecho8 uuid)"
uuid0=$(ep mctpecho0 uuid)
check "link down and up" mctp-pcc-ctl link set mctpecho0 down
check "link up" mctp-pcc-ctl link set mctpecho0 up
check "UUID kept across link down and up" test "$(ep mctpecho0 uuid)" = "$uuid0"
check "second interface removed" "$IP" link del mctpecho8

# ---- each command, byte for byte (physical addressing: EID 0) ----
check "Get Endpoint ID: EID 0, simple endpoint, dynamic" answer "80 02" "00 02 00 00 00 00"
check "Get Endpoint UUID: the UUID in sysfs" answer "81 03" "01 03 00 $(uuid_bytes mctpecho0)"
check "Get MCTP Version Support, base: 1.0 1.1 1.2 1.3.1" \
	answer "82 04 ff" "02 04 00 04 f1 f0 ff 00 f1 f1 ff 00 f1 f2 ff 00 f1 f3 f1 00"
check "Get MCTP Version Support, control: 1.0 1.1 1.2 1.3.1" \
	answer "83 04 00" "03 04 00 04 f1 f0 ff 00 f1 f1 ff 00 f1 f2 ff 00 f1 f3 f1 00"
check "Get MCTP Version Support, PLDM: unsupported type 0x80" answer "84 04 01" "04 04 80"
check "Get MCTP Version Support, VDM type: 0x80" answer "85 04 7e" "05 04 80"
check "Get Message Type Support: control and PCI vendor-defined" \
	answer "86 05" "06 05 00 02 00 7e"
check "Get Vendor Defined Message Support: PCI 0xffff, command set 0" \
	answer "87 06 00" "07 06 00 ff 00 ff ff 00 00"
check "Get Vendor Defined Message Support, selector 1: invalid data" \
	answer "88 06 01" "08 06 02"
check "Resolve Endpoint ID (0x07): unsupported command" answer "89 07 09" "09 07 05"
check "command 0x00: unsupported command" answer "8a 00" "0a 00 05"
check "transport-specific 0xf0: unsupported command" answer "8b f0" "0b f0 05"
check "Get Endpoint ID with a byte too many: invalid length" answer "8c 02 00" "0c 02 03"
check "Set Endpoint ID a byte short: invalid length" answer "8d 01 00" "0d 01 03"
check "Set Endpoint ID to 0: invalid data" answer "8e 01 00 00" "0e 01 02"
check "Set Endpoint ID to 255: invalid data" answer "8f 01 00 ff" "0f 01 02"
check "Set Endpoint ID to 5 (reserved): invalid data" answer "90 01 00 05" "10 01 02"
check "Reset Endpoint ID without a static EID: invalid data" answer "91 01 02 00" "11 01 02"
check "Set Discovered Flag: invalid data" answer "92 01 03 20" "12 01 02"
check "EID still 0 after refused sets" test "$(ep mctpecho0 eid)" = 0
check "Set Endpoint ID 32: accepted, no pool" answer "93 01 00 20" "13 01 00 00 20 00"
check "sysfs shows EID 32" test "$(ep mctpecho0 eid)" = 32
check "Get Endpoint ID: 32" answer "94 02" "14 02 00 20 00 00"
check "Force Endpoint ID 33: accepted" answer "95 01 01 21" "15 01 00 00 21 00"
check "instance ID 0x1f kept, Rq cleared" answer "9f 02" "1f 02 00 21 00 00"
check "instance ID 0 kept" answer "80 02" "00 02 00 21 00 00"

# ---- to its EID: by route and by physical address ----
check "route to the endpoint's EID 33" mctp-pcc-ctl route add 33 via mctpecho0
check "Get Endpoint ID to EID 33 through the route" \
	output_has "^00 02 00 21 00 00$" mctp-pcc-ctl control 33 80 02
info_want="eid 33 endpoint-type simple eid-type dynamic medium 0x00
uuid $uuid0
version base 1.0 1.1 1.2 1.3.1
version control 1.0 1.1 1.2 1.3.1
types 0x00 0x7e
vendor 0 pci 0xffff cmd-set 0x0000"
info_is() {
	got=$(mctp-pcc-ctl info "$@") || { echo "$got"; return 1; }
	echo "$got"
	[ "$got" = "$info_want" ]
}
check "info 33: EID, UUID, versions, types, vendor set" info_is 33
check "info 0 dev mctpecho0: the same" info_is 0 dev mctpecho0
check "another message type still echoes (type 0x7e)" \
	mctp-pcc-ping -q -c 3 -i 0 -t 126 -s 100 33
check "PLDM (type 1) to the endpoint's EID still echoes" mctp-pcc-ping -q -c 3 -i 0 33
requests=$(ep mctpecho0 requests)
check "requests counts the answered ones" test "$requests" -ge 28

# ---- not answered: counted, and nothing comes back ----
check "to another EID (40): not ours" unanswered not_ours 40 80 02
check "a datagram (D bit): no response" unanswered datagrams 0 c0 02
check "a datagram Set Endpoint ID changes nothing" \
	unanswered datagrams 0 c0 01 00 30
check "EID still 33 after the datagram" test "$(ep mctpecho0 eid)" = 33
# (the stack sends with Tag Owner set: a response never has it)
check "Rq clear with Tag Owner set: malformed, not a response" \
	unanswered malformed 0 00 02 00 08 00 00
check "no command code: malformed" unanswered malformed 0 80
# raw frames: header (version, dest, src, flags), type, Rq/D/IID, command
check "raw: integrity check bit set: malformed, tx_errors" \
	raw malformed tx_errors 01000ac8808002
check "raw: first packet of several: malformed" raw malformed tx_errors 01000a88008002
check "raw: request without Tag Owner: malformed" raw malformed tx_errors 01000ac0008002
check "raw: response, no Tag Owner: dropped" raw responses tx_dropped 01000ac0000200
check "raw: to broadcast: not ours, dropped" raw not_ours tx_dropped 01ff0ac8008002
check "raw: from a reserved EID: not ours" raw not_ours tx_dropped 010003c8008002
check "raw: datagram: dropped" raw datagrams tx_dropped 01000ac800c002
check "raw: valid request: answered, tx_packets" raw requests tx_packets 01000ac8008002
# the rest of a control message whose first packet was refused goes with
# it: dropped, not echoed back as if it were another type's
control_rest_dropped() {
	mctp-rawsend mctpecho0 01000a88008002 1 || return 1
	tx=$(stat mctpecho0 tx_packets)
	dropped=$(stat mctpecho0 tx_dropped)
	# sequence 1, then 2 with EOM, Tag Owner, tag 0; then one more
	mctp-rawsend mctpecho0 01000a180000 1 && mctp-rawsend mctpecho0 01000a680000 1 || return 1
	grew mctpecho0 tx_packets "$tx" 0 && grew mctpecho0 tx_dropped "$dropped" 2 || return 1
	# the message ended with EOM: the same tag's next packets are echoed
	mctp-rawsend mctpecho0 01000a787e00 1 && grew mctpecho0 tx_packets "$tx" 1
}
check "raw: the rest of a multi-packet control request is dropped" control_rest_dropped
rx_raw=$(stat mctpecho0 rx_packets+rx_dropped)
check "raw: valid request: its response reaches the stack" raw requests tx_packets 01210ac8008002
check "raw: the response counted on receive" grew mctpecho0 rx_packets+rx_dropped "$rx_raw" 1
check "echo still works after them" mctp-pcc-ping -q -c 3 -i 0 9
check "route to 33 removed" mctp-pcc-ctl route del 33 via mctpecho0

# ---- netem: a slow, lossy endpoint from the standard qdisc ----
check "netem on mctpecho0: delay 20ms loss 5%" \
	"$TC" qdisc add dev mctpecho0 root netem delay 20ms loss 5%
# 200 requests: the chance that none is lost is 0.95^200, 4e-5
netem_ping() {
	mctp-pcc-ping -q -c 200 -i 0 -W 0.5 9 >/tmp/netem.log 2>&1
	rc=$?
	cat /tmp/netem.log
	lost=$(sed -n 's/.* \([0-9]*\) lost,.*/\1/p' /tmp/netem.log)
	min=$(sed -n 's|^rtt min/avg/max = \([0-9]*\)\..*|\1|p' /tmp/netem.log)
	echo "exit $rc, lost $lost, min rtt $min ms"
	[ "$rc" -eq 1 ] && [ "$lost" -ge 1 ] && [ "$lost" -le 40 ] && [ "$min" -ge 20 ]
}
check "netem: every reply 20 ms late, some requests lost" netem_ping
check "netem: the qdisc counts its drops" output_has "dropped [1-9]" "$TC" -s qdisc show dev mctpecho0
check "netem: info retries through the loss" info_is 0 dev mctpecho0
check "netem removed" "$TC" qdisc del dev mctpecho0 root
check "without netem: no loss again" mctp-pcc-ping -q -c 50 -i 0 9

# ---- a static EID (echo_eid) ----
check "unload for echo_eid" rmmod mctp_echo
for bad in 1 7 255 1000; do
	fails "echo_eid=$bad is refused" insmod "$ECHO" echo_devs=1 echo_eid=$bad
done
check "echo_eid=7 says why" expect_dmesg 'echo_eid=7 is not 0 or a unicast EID (8..254)'
check "load with echo_eid=50" insmod "$ECHO" echo_devs=1 echo_eid=50
check "sysfs: static EID 50" test "$(ep mctpecho0 static_eid)" = 50
check "sysfs: starts with EID 50" test "$(ep mctpecho0 eid)" = 50
check "configure mctpecho0 again" up mctpecho0 10 9 11 12 13 14 15 16 17
check "Get Endpoint ID: 50, static and present" answer "80 02" "00 02 00 32 02 00"
check "Set Endpoint ID 60: accepted" answer "81 01 00 3c" "01 01 00 00 3c 00"
check "Get Endpoint ID: 60, static EID not present" answer "82 02" "02 02 00 3c 03 00"
check "Reset Endpoint ID: back to the static 50" answer "83 01 02 00" "03 01 00 00 32 00"
check "sysfs: EID 50 again" test "$(ep mctpecho0 eid)" = 50
check "echo after the reload" mctp-pcc-ping -q -c 3 -i 0 9
