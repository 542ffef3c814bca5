# shellcheck shell=sh
# mctpd (CodeConstruct/mctp, built outside the checkout; run-mctpd.sh puts
# it in the initramfs) against the driver's emulated endpoints: an echo
# interface and a pcc_loopback one. mctpd discovers and registers each with
# SetupEndpoint, its endpoint object carries the message types and UUID,
# traffic flows over its route, LearnEndpoint finds the same EID, and
# mctp-pcc-setup's "peers = mctpd" hands a third interface to it.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh

BUS=au.com.codeconstruct.MCTP1
OBJ=/au/com/codeconstruct/mctp1

# show COMMAND...: run COMMAND with what it printed in the log, for the record
show() {
	echo "# $*"
	"$@" 2>&1 | sed 's/^/#   /'
}

have() {
	for p; do
		command -v "$p" || return 1
	done
}
check "mctpd, mctp, busctl, dbus-daemon in the initramfs" \
	have mctpd mctp busctl dbus-daemon

# a system bus: any local user may talk to anyone
mkdir -p /run/dbus
cat >/tmp/dbus.conf <<'EOF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
EOF
tr -d '-' </proc/sys/kernel/random/uuid >/etc/machine-id
check "dbus-daemon runs" dbus-daemon --config-file=/tmp/dbus.conf --fork

cat >/etc/mctpd.conf <<'EOF'
role = "bus-owner"
[mctp]
message_timeout_ms = 250
[bus-owner]
dynamic_eid_range = [100, 199]
EOF
# The local EIDs (10..12 below) stay out of mctpd's range: an EID mctpd
# hands to a peer must not be one of ours.

check "load: two echo interfaces" insmod "$ECHO" echo_devs=2
check "load: pcc_loopback" insmod "$MOD" pcc_loopback=1
pcc=
for d in /sys/class/net/mctppcc*; do
	[ -e "$d" ] && pcc=${d##*/} && break
done
check "a pcc_loopback interface" test -n "$pcc"
# local addresses first, as mctp-local.target orders it
check "mctpecho0: up, local EID 10" up mctpecho0 10
check "$pcc: up, local EID 11" up "$pcc" 11

mctpd -c /etc/mctpd.conf >/tmp/mctpd.log 2>&1 &
check "mctpd on the bus" wait_for 30 busctl introspect "$BUS" "$OBJ/interfaces/mctpecho0"

# bus_owner DEV METHOD ARGS...: a BusOwner1 method on DEV's object
bus_owner() {
	dev=$1
	shift
	busctl call "$BUS" "$OBJ/interfaces/$dev" au.com.codeconstruct.MCTP.BusOwner1 "$@"
}

# discovered DEV: what the issue asks of mctpd for the endpoint behind DEV
discovered() {
	dev=$1
	show bus_owner "$dev" SetupEndpoint ay 0
	out=$(bus_owner "$dev" SetupEndpoint ay 0)
	eid=$(echo "$out" | awk '{ print $2 }')
	check "$dev: SetupEndpoint returns an EID of mctpd's range" \
		test -n "$eid" -a "$eid" -ge 100 -a "$eid" -le 199
	check "$dev: the endpoint's EID in sysfs is mctpd's" \
		test "$(cat "/sys/class/net/$dev/mctp_endpoint/eid")" = "$eid"
	path=$OBJ/networks/1/endpoints/$eid
	show busctl introspect "$BUS" "$path"
	check "$dev: the endpoint object has the message types" \
		output_has '^ay 2 0 126$' busctl get-property "$BUS" "$path" \
		xyz.openbmc_project.MCTP.Endpoint SupportedMessageTypes
	check "$dev: the endpoint object has the UUID" \
		output_has "^s \"$(cat "/sys/class/net/$dev/mctp_endpoint/uuid")\"$" \
		busctl get-property "$BUS" "$path" xyz.openbmc_project.Common.UUID UUID
	show mctp route
	check "$dev: mctpd's route to $eid" \
		output_has "min $eid max $eid .*dev $dev" mctp route
	check "$dev: traffic over mctpd's route (vendor-defined type)" \
		mctp-pcc-ping -q -c 5 -i 0 -t 126 "$eid"
	check "$dev: mctp-pcc-ctl info over mctpd's route" \
		output_has "^eid $eid " mctp-pcc-ctl info "$eid"
	show bus_owner "$dev" LearnEndpoint ay 0
	check "$dev: LearnEndpoint finds the same EID" \
		output_has "^yisb $eid 1 " bus_owner "$dev" LearnEndpoint ay 0
}
discovered mctpecho0
discovered "$pcc"

# ---- mctp-pcc-setup with peers = mctpd ----
printf '[mctpecho1]\neid = 12\npeers = mctpd\n' >/tmp/mctp-pcc.conf
check "mctp-pcc-setup, peers = mctpd: configures mctpecho1" \
	env MCTP_PCC_CONF=/tmp/mctp-pcc.conf mctp-pcc-setup mctpecho1
eid1=$(cat /sys/class/net/mctpecho1/mctp_endpoint/eid)
check "mctpecho1's endpoint has an EID from mctpd" test "$eid1" -ge 100
check "mctpd's route to it" output_has "min $eid1 max $eid1 .*dev mctpecho1" mctp route
check "traffic to it" mctp-pcc-ping -q -c 5 -i 0 -t 126 "$eid1"
show mctp route
show mctp address

echo "# mctpd's log:"
sed 's/^/#   /' /tmp/mctpd.log
kill "$(pidof mctpd)"
