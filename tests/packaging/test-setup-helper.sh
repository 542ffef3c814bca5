#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Unit test of tools/mctp-pcc-setup, on the host, no kernel needed: a fake
# mctp-pcc-ctl (and, for one case, a fake upstream `mctp`) on a private PATH
# keeps interface state in files and records every call; a fake busctl
# stands in for mctpd on D-Bus (peers = mctpd).
#
# usage: tests/packaging/test-setup-helper.sh [-v]
# Prints "N passed, N failed" last; exits non-zero if anything failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
helper=$here/../../tools/mctp-pcc-setup
verbose=0
[ "${1-}" = -v ] && verbose=1

T=$(mktemp -d "${TMPDIR:-/tmp}/mctp-pcc-setup-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# A private PATH: the fake tools and the few utilities the helper and the
# fakes use, so a real `mctp` or `mctp-pcc-ctl` on the host is never found.
mkdir -p "$T/bin" "$T/fake"
for u in sh cat tr grep sed awk sort mkdir rm mv cp touch setsid nohup sleep env flock; do
	p=$(command -v "$u") || { echo "test-setup-helper: needs $u" >&2; exit 2; }
	ln -s "$p" "$T/bin/$u"
done

cat >"$T/fake/ctl" <<'EOF'
#!/bin/sh
# Fake MCTP configurator. State in $FAKE_STATE: links ("dev up mtu net"),
# addrs ("eid dev"), routes ("eid dev mtu"); every call appended to calls.
set -u
S=$FAKE_STATE
me=${0##*/}
echo "$me $*" >>"$S/calls"
touch "$S/links" "$S/addrs" "$S/routes"
# FAKE_DELAY: a slow configurator, so that helpers run at once interleave.
[ -z "${FAKE_DELAY:-}" ] || sleep "$FAKE_DELAY"
has_link() { grep -q "^$1 " "$S/links"; }
nodev() { echo "$me: no such device '$1'" >&2; exit 1; }
case "$1 ${2-}" in
"link show")
	[ $# -le 3 ] || exit 2
	[ -z "${3-}" ] || has_link "$3" || nodev "$3"
	awk -v d="${3-}" 'd == "" || $1 == d {
		printf "dev %s index %d net %s mtu %s %s\n", $1, NR + 1, $4, $3, ($2 ? "up" : "down") }' "$S/links"
	;;
"link set")
	dev=$3; shift 3
	has_link "$dev" || nodev "$dev"
	set -- $(grep "^$dev " "$S/links") "$@"
	up=$2 mtu=$3 net=$4; shift 4
	while [ $# -gt 0 ]; do
		case $1 in
		up) up=1 ;; down) up=0 ;;
		mtu) mtu=$2; shift ;; net | network) net=$2; shift ;;
		*) echo "$me: bad link set argument $1" >&2; exit 2 ;;
		esac
		shift
	done
	grep -v "^$dev " "$S/links" >"$S/links.new"
	echo "$dev $up $mtu $net" >>"$S/links.new"
	mv "$S/links.new" "$S/links"
	;;
"addr show" | "address show")
	awk 'FNR == NR { net[$1] = $4; next }
		{ print "eid " $1 " net " net[$2] " dev " $2 }' "$S/links" "$S/addrs"
	;;
"addr add" | "address add")
	[ "$4" = dev ] || exit 2
	has_link "$5" || nodev "$5"
	grep -qx "$3 $5" "$S/addrs" && { echo "$me: addr add: File exists" >&2; exit 1; }
	echo "$3 $5" >>"$S/addrs"
	;;
"route show")
	# the upstream format; mctp-pcc-ctl leaves out "net N"
	awk -v me="$me" 'FNR == NR { net[$1] = $4; next }
		{ printf "eid min %s max %s %sdev %s mtu %s\n", $1, $1,
			(me == "mctp" ? "net " net[$2] " " : ""), $2, $3 }' "$S/links" "$S/routes"
	;;
"route add")
	[ "$4" = via ] || exit 2
	has_link "$5" || nodev "$5"
	awk -v eid="$3" -v dev="$5" 'FNR == NR { net[$1] = $4; next }
		$1 == eid && net[$2] == net[dev] { found = 1 }
		END { exit !found }' "$S/links" "$S/routes" &&
		{ echo "$me: route add: File exists" >&2; exit 1; }
	echo "$3 $5 ${7:-0}" >>"$S/routes"
	;;
*)
	echo "$me: unsupported: $*" >&2; exit 2 ;;
esac
EOF
chmod +x "$T/fake/ctl"

cat >"$T/fake/tc" <<'EOF'
#!/bin/sh
# Fake tc: root qdiscs in $FAKE_STATE/qdiscs ("dev description"), every
# call appended to tc-calls; an interface starts with the kernel's default.
echo "tc $*" >>"$FAKE_STATE/tc-calls"
touch "$FAKE_STATE/qdiscs"
case "$1 $2 $3 $5" in
"qdisc show dev root")
	q=$(sed -n "s/^$4 //p" "$FAKE_STATE/qdiscs")
	echo "qdisc ${q:-fq_codel 0: root refcnt 2 limit 10240p flows 1024}"
	;;
"qdisc replace dev root")
	[ "$6 $7" = "pfifo limit" ] || exit 2
	grep -v "^$4 " "$FAKE_STATE/qdiscs" >"$FAKE_STATE/qdiscs.new"
	echo "$4 pfifo 8001: root refcnt 2 limit ${8}p" >>"$FAKE_STATE/qdiscs.new"
	mv "$FAKE_STATE/qdiscs.new" "$FAKE_STATE/qdiscs"
	echo "tc qdisc replace $4" >>"$FAKE_STATE/calls"
	;;
*) exit 2 ;;
esac
EOF
chmod +x "$T/fake/tc"

cat >"$T/fake/busctl" <<'EOF'
#!/bin/sh
# Fake busctl: records the call; $FAKE_STATE/mctpd-down makes mctpd absent.
echo "busctl $*" >>"$FAKE_STATE/calls"
if [ -e "$FAKE_STATE/mctpd-down" ]; then
	echo "Call failed: The name au.com.codeconstruct.MCTP1 was not provided by any .service files" >&2
	exit 1
fi
echo 'yisb 8 1 "/au/com/codeconstruct/mctp1/networks/1/endpoints/8" true'
EOF
chmod +x "$T/fake/busctl"

# reset [LINK...]: fresh state with LINKs (down, mtu 68, net 1), fresh config.
reset() {
	rm -rf "${T:?}/state" "${T:?}/etc"
	mkdir -p "$T/state" "$T/etc/mctp-pcc.conf.d"
	: >"$T/state/calls"
	: >"$T/state/links"
	: >"$T/state/tc-calls"
	rm -rf "${T:?}/sys"
	for l; do
		echo "$l 0 68 1" >>"$T/state/links"
		mkdir -p "$T/sys/class/net/$l"
		echo 4100 >"$T/sys/class/net/$l/tx_queue_len"
	done
	: >"$T/state/addrs"
	: >"$T/state/routes"
	rm -f "$T/bin/mctp" "$T/bin/mctp-pcc-ctl" "$T/bin/busctl"
	ln -s "$T/fake/ctl" "$T/bin/mctp-pcc-ctl"
	ln -s "$T/fake/busctl" "$T/bin/busctl"
}

# helper ARGS...: run the helper; output in $T/out and $T/err, status in $rc.
helper() {
	env -i PATH="$T/bin" FAKE_STATE="$T/state" \
		MCTP_PCC_SYSFS="$T/sys" MCTP_PCC_TC="${FAKE_TC-$T/fake/tc}" \
		MCTP_PCC_CONF="$T/etc/mctp-pcc.conf" \
		MCTP_PCC_CONF_DIR="$T/etc/mctp-pcc.conf.d" \
		sh "$helper" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$verbose" -eq 0 ] || sed 's/^/    | /' "$T/out" "$T/err"
}

# Mutating calls made by the last runs (show calls are read-only; the
# qdisc's are checked on their own).
changes() { grep -v -e ' show' -e '^tc ' "$T/state/calls"; }
state() { cat "$T/state/links" "$T/state/addrs" "$T/state/routes"; }

ok() { pass=$((pass + 1)); echo "ok   $1"; }
nok() {
	fail=$((fail + 1))
	echo "FAIL $1"
	sed 's/^/     calls: /' "$T/state/calls"
	sed 's/^/     out: /' "$T/out"
	sed 's/^/     err: /' "$T/err"
}
check() { # NAME CONDITION...
	_name=$1; shift
	if "$@"; then ok "$_name"; else nok "$_name"; fi
}
calls_are() { [ "$(changes)" = "$1" ]; }
no_changes() { [ -z "$(changes)" ]; }
err_has() { grep -q -e "$1" "$T/err"; }
one_err_line() { [ "$(grep -c . "$T/err")" -eq 1 ]; }
# The compound conditions, as functions: check runs one command, so a
# "check NAME A && B" would check A alone.
exited() { [ "$rc" -eq "$1" ]; }
exit_untouched() { exited "$1" && no_changes; }      # STATUS
exit_says() { exited "$1" && err_has "$2"; }         # STATUS REGEX
exit_untouched_says() { exit_untouched "$1" && err_has "$2"; }
ok_calls_are() { exited 0 && calls_are "$1"; }
ok_out_has() { exited 0 && grep -q -e "$1" "$T/out"; }
dry_run_prints() { exit_untouched 0 && grep -q -F "would run: $1" "$T/out"; }

# ---------------------------------------------------------------- cases

reset mctpecho0
helper mctpecho0
check "defaults: link up, eid 10, route to 9" \
	calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0
mctp-pcc-ctl route add 9 via mctpecho0"
check "defaults: exit 0" [ "$rc" -eq 0 ]

before=$(state)
: >"$T/state/calls"
helper mctpecho0
check "idempotent: second run makes no change" no_changes
same_state() { exited 0 && [ "$(state)" = "$before" ]; }
check "idempotent: second run exits 0, state identical" same_state
check "idempotent: says it was already configured" err_has "already configured"

# ---- the qdisc: a FIFO as long as txqueuelen, before the link comes up
reset mctpecho0
helper mctpecho0
check "qdisc: a FIFO as long as txqueuelen" \
	grep -qx "tc qdisc replace dev mctpecho0 root pfifo limit 4100" "$T/state/tc-calls"
check "qdisc: before the link comes up" \
	[ "$(grep -v ' show' "$T/state/calls" | head -n 2)" = "tc qdisc replace mctpecho0
mctp-pcc-ctl link set mctpecho0 up" ]
: >"$T/state/tc-calls"
helper mctpecho0
fifo_left_alone() { [ "$rc" -eq 0 ] && ! grep -q replace "$T/state/tc-calls"; }
check "qdisc: the second run leaves the FIFO alone" fifo_left_alone
echo 9000 >"$T/sys/class/net/mctpecho0/tx_queue_len"
helper mctpecho0
check "qdisc: a new txqueuelen, a new FIFO" \
	grep -qx "tc qdisc replace dev mctpecho0 root pfifo limit 9000" "$T/state/tc-calls"
reset mctpecho0
echo "qdisc = kernel" >"$T/etc/mctp-pcc.conf"
helper mctpecho0
no_tc_run() { [ "$rc" -eq 0 ] && [ ! -s "$T/state/tc-calls" ]; }
check "qdisc = kernel: tc is not run" no_tc_run
reset mctpecho0
echo "qdisc = codel" >"$T/etc/mctp-pcc.conf"
helper mctpecho0
bad_qdisc_refused() {
	[ "$rc" -eq 1 ] && no_changes && [ ! -s "$T/state/tc-calls" ] &&
		err_has "qdisc = 'codel' is not fifo or kernel"
}
check "qdisc = codel: refused, nothing done" bad_qdisc_refused
reset mctpecho0
FAKE_TC=$T/nonexistent helper mctpecho0
warned_and_configured() {
	[ "$rc" -eq 0 ] && err_has "tc (iproute2) is not installed" &&
		grep -qx "10 mctpecho0" "$T/state/addrs"
}
check "no tc: configured all the same, with a warning" warned_and_configured

reset mctpecho0
echo "10 mctpecho0" >"$T/state/addrs"
echo "9 mctpecho0 0" >"$T/state/routes"
helper mctpecho0
check "existing addr and route are not errors (only link up)" \
	calls_are "mctp-pcc-ctl link set mctpecho0 up"
check "existing addr and route: exit 0" [ "$rc" -eq 0 ]

reset mctppcc0 mctppcc1 mctpecho0
cat >"$T/etc/mctp-pcc.conf" <<'EOF'
# global defaults
routes = 9

[mctppcc*]          # every PCC interface
eid = 20
routes = 9, 11 12 11
net = 2
mtu = 100
route_mtu = 80
EOF
printf '[mctppcc1]\r\neid = 21\r\n' >"$T/etc/mctp-pcc.conf.d/50-second.conf"
printf '[nomatch*]\neid = 99\n' >"$T/etc/mctp-pcc.conf.d/60-other.conf"
printf 'eid = 30\n' >"$T/etc/mctp-pcc.conf.d/README"
helper mctppcc0
check "pattern section: mtu, net, eid 20, deduplicated routes with mtu" \
	calls_are "mctp-pcc-ctl link set mctppcc0 mtu 100 net 2 up
mctp-pcc-ctl addr add 20 dev mctppcc0
mctp-pcc-ctl route add 9 via mctppcc0 mtu 80
mctp-pcc-ctl route add 11 via mctppcc0 mtu 80
mctp-pcc-ctl route add 12 via mctppcc0 mtu 80"
: >"$T/state/calls"
helper mctppcc1
check "drop-in overrides (CRLF file), routes to same peers via another link refused" \
	exit_untouched_says 1 "EID 9 is already routed via mctppcc0"
: >"$T/state/calls"
printf 'routes = none\n' >>"$T/etc/mctp-pcc.conf.d/50-second.conf"
helper mctppcc1
check "drop-in: eid 21, routes = none" \
	calls_are "mctp-pcc-ctl link set mctppcc1 mtu 100 net 2 up
mctp-pcc-ctl addr add 21 dev mctppcc1"
: >"$T/state/calls"
helper mctpecho0
check "non-matching sections and non-.conf files ignored; other net's routes no conflict" \
	calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0
mctp-pcc-ctl route add 9 via mctpecho0"
: >"$T/state/calls"
helper mctppcc0
check "pattern section: second run makes no change" no_changes

# Every invalid value: exit 1, one message naming file:line, interface untouched.
refused_in_one_line() { # REGEX
	exit_untouched_says 1 "$1" && one_err_line && err_has "mctpecho0 left untouched"
}
bad_case() { # NAME CONFIG-TEXT EXPECTED-MESSAGE-REGEX
	reset mctpecho0
	printf '%s\n' "$2" >"$T/etc/mctp-pcc.conf"
	helper mctpecho0
	check "bad config: $1" refused_in_one_line "$3"
}
bad_case "eid out of range" "eid = 300" "mctp-pcc.conf:1: eid = '300' is not a unicast EID"
bad_case "reserved eid" "# x
eid = 7" "mctp-pcc.conf:2: eid = '7'"
bad_case "eid not a number" "eid = ten" "eid = 'ten'"
bad_case "eid with leading zero" "eid = 010" "eid = '010'"
bad_case "eid broadcast" "eid = 255" "eid = '255'"
bad_case "route not a number" "routes = 9 x" "routes: 'x' is not a unicast EID"
bad_case "route out of range" "routes = 9,256" "routes: '256'"
bad_case "routes only commas" "routes = ,," "lists no EID"
bad_case "mtu too small" "mtu = 10" "mtu = '10' is not an MTU"
bad_case "net zero" "net = 0" "net = '0' is not a network id"
bad_case "net too big" "net = 4294967296" "net = '4294967296'"
bad_case "route_mtu too small" "route_mtu = 20" "route_mtu = '20'"
bad_case "setup not boolean" "setup = maybe" "setup = 'maybe'"
bad_case "unknown key" "eidd = 10" "unknown key 'eidd'"
bad_case "not key = value" "eid 10" "expected 'key = value'"
bad_case "empty section" "[]" "empty section"
bad_case "bad section characters" "[mctp\$(reboot)]" "is not a list of interface names"
bad_case "bad value in a section for another interface" "[other]
mtu = 1" "mctp-pcc.conf:2: mtu = '1'"
bad_case "routes include the local eid" "eid = 9" "routes include the local EID 9"
bad_case "peers neither static nor mctpd" "peers = dbus" "peers = 'dbus' is not static or mctpd"

reset mctpecho0
printf 'eid = 12\n' >"$T/etc/mctp-pcc.conf"
printf '[mctpecho0]\nmtu = x\n' >"$T/etc/mctp-pcc.conf.d/10-bad.conf"
helper mctpecho0
check "bad drop-in: named by path and line, untouched" \
	exit_untouched_says 1 "10-bad.conf:2: mtu = 'x'"
sed -i 's/mtu = x/mtu = 80/' "$T/etc/mctp-pcc.conf.d/10-bad.conf"
helper mctpecho0
check "fixed drop-in: re-running configures it" \
	calls_are "mctp-pcc-ctl link set mctpecho0 mtu 80 up
mctp-pcc-ctl addr add 12 dev mctpecho0
mctp-pcc-ctl route add 9 via mctpecho0"

reset mctpecho0
printf '[mctpecho*]\nsetup = no\n' >"$T/etc/mctp-pcc.conf"
helper mctpecho0
check "setup = no: nothing is touched, exit 0" exit_untouched 0

reset mctpecho0
helper mctpecho7
check "missing interface: exit 3, nothing touched" exit_untouched_says 3 "mctpecho7"

reset mctpecho0
ln -s "$T/fake/ctl" "$T/bin/mctp"
helper mctpecho0
check "upstream mctp preferred when installed" \
	calls_are "mctp link set mctpecho0 up
mctp addr add 10 dev mctpecho0
mctp route add 9 via mctpecho0"
echo "mctpecho1 1 68 1" >>"$T/state/links"
mkdir -p "$T/sys/class/net/mctpecho1"
echo 4100 >"$T/sys/class/net/mctpecho1/tx_queue_len"
: >"$T/state/calls"
printf 'routes = 9\n' >"$T/etc/mctp-pcc.conf"
helper mctpecho1
check "upstream mctp format: same-net route (configured) via another link refused" \
	exit_untouched_says 1 "EID 9 is already routed via mctpecho0"
printf '[mctpecho1]\nnet = 5\n' >"$T/etc/mctp-pcc.conf"
helper mctpecho1
check "upstream mctp format: in another net the same peer EID is fine" \
	calls_are "mctp link set mctpecho1 net 5
mctp addr add 10 dev mctpecho1
mctp route add 9 via mctpecho1"

# ---- several links (issue 17): the defaults work with several links, and
# helpers started at once, as udev starts them, are serialised.

# at_once LINK...: one helper per LINK, all started together, with a slow
# configurator; statuses in $T/rc-LINK, messages in $T/err-LINK.
at_once() {
	for l; do
		(env -i PATH="$T/bin" FAKE_STATE="$T/state" FAKE_DELAY=0.05 \
			MCTP_PCC_SYSFS="$T/sys" MCTP_PCC_TC="${FAKE_TC-$T/fake/tc}" \
			MCTP_PCC_CONF="$T/etc/mctp-pcc.conf" MCTP_PCC_CONF_DIR="$T/etc/mctp-pcc.conf.d" \
			sh "$helper" "$l" >"$T/out-$l" 2>"$T/err-$l"
		echo $? >"$T/rc-$l") &
	done
	wait
}
all_ok() { for l; do [ "$(cat "$T/rc-$l")" = 0 ] || return 1; done; }
routes_are() { [ "$(sort "$T/state/routes")" = "$1" ]; }
addr_on_each() { for l; do grep -qx "10 $l" "$T/state/addrs" || return 1; done; }
several=ok
for run in 1 2 3; do
	reset mctpecho0 mctpecho1 mctpecho2 mctpecho3
	at_once mctpecho3 mctpecho1 mctpecho2 mctpecho0
	all_ok mctpecho0 mctpecho1 mctpecho2 mctpecho3 && routes_are "9 mctpecho0 0" &&
		addr_on_each mctpecho0 mctpecho1 mctpecho2 mctpecho3 || several="run $run"
done
for l in mctpecho0 mctpecho1 mctpecho2 mctpecho3; do
	sed "s/^/$l: /" "$T/err-$l" >>"$T/err"
	sed "s/^/$l: exit status /" "$T/rc-$l" >>"$T/err"
done
check "four links at once, default config, 3 times: every helper exits 0, EID 10 on each, the route to 9 via mctpecho0 (lowest ifindex) every time ($several)" \
	[ "$several" = ok ]
check "four links at once: the others say whose the default route is" \
	grep -q "mctpecho2: no default route to EID 9: it is mctpecho0's" "$T/err-mctpecho2"

reset mctpecho0 mctpecho1
echo "9 mctpecho1 0" >"$T/state/routes"
helper mctpecho0
# (check runs one command: conditions joined with && go in a function.)
taken_later() {
	[ "$rc" -eq 0 ] && err_has "no default route to EID 9: it is mctpecho1's" &&
		calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0"
}
check "default route already taken by a later link: skipped with a notice, exit 0" taken_later

reset mctpecho0 mctppcc0
printf '[mctpecho*]\nsetup = no\n' >"$T/etc/mctp-pcc.conf"
helper mctppcc0
routed_via() { [ "$rc" -eq 0 ] && grep -qx "9 $1 0" "$T/state/routes"; }
check "the lower link has setup = no: the default route is the next link's" routed_via mctppcc0

reset mctpecho0 mctpecho1
printf '[mctpecho0]\nroutes = 12\n' >"$T/etc/mctp-pcc.conf"
helper mctpecho1
check "the lower link routes other EIDs: the default route to 9 is this link's" routed_via mctpecho1

reset mctpecho0
# shellcheck disable=SC2016 # $1 is the inner shell's
flock "$helper" sh -c ': >"$1"; sleep 3; echo released >"$1"' sh "$T/held" &
while [ ! -e "$T/held" ]; do sleep 0.1; done
helper mctpecho0
held=$(cat "$T/held")
wait
waited() { [ "$held" = released ] && routed_via mctpecho0; }
check "the helper waits while another one holds the lock (the helper file, read-only)" waited

# ---- peers = mctpd: local setup by the helper, the peer and route by mctpd
setup_endpoint="busctl --timeout=10 call au.com.codeconstruct.MCTP1 /au/com/codeconstruct/mctp1/interfaces/mctpecho0 au.com.codeconstruct.MCTP.BusOwner1 SetupEndpoint ay 0"
reset mctpecho0
printf '[mctpecho*]\npeers = mctpd\n' >"$T/etc/mctp-pcc.conf"
helper mctpecho0
check "peers = mctpd: link, address, then SetupEndpoint instead of routes" \
	ok_calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0
$setup_endpoint"
check "peers = mctpd: logs mctpd's EID" err_has "mctpd set up the peer: eid 8, net 1"
check "peers = mctpd: no static route" [ ! -s "$T/state/routes" ]

reset mctpecho0
printf 'peers = mctpd\n' >"$T/etc/mctp-pcc.conf"
helper --local mctpecho0
check "peers = mctpd, --local (before mctpd): link and address only" \
	ok_calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0"
: >"$T/state/calls"
helper --peers mctpecho0
check "peers = mctpd, --peers (after mctpd): SetupEndpoint only" \
	ok_calls_are "$setup_endpoint"

reset mctpecho0
helper --peers mctpecho0
check "peers = static, --peers: nothing to do" exit_untouched 0
helper --local mctpecho0
check "peers = static, --local: link, address and routes" \
	ok_calls_are "mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0
mctp-pcc-ctl route add 9 via mctpecho0"

reset mctpecho0
printf 'peers = mctpd\neid = 9\n' >"$T/etc/mctp-pcc.conf"
helper --check mctpecho0
check "peers = mctpd: routes do not apply (no clash with the local EID)" \
	ok_out_has "peers=mctpd eid=9 routes=none"

reset mctpecho0
printf 'peers = mctpd\n' >"$T/etc/mctp-pcc.conf"
touch "$T/state/mctpd-down"
helper --peers mctpecho0
no_mctpd() { exit_says 4 "SetupEndpoint failed" && one_err_line && err_has "not provided by any"; }
check "peers = mctpd without mctpd: exit 4, says why" no_mctpd

reset mctpecho0
printf 'peers = mctpd\n' >"$T/etc/mctp-pcc.conf"
rm -f "$T/bin/busctl"
helper --peers mctpecho0
check "peers = mctpd without busctl: exit 3, says why" exit_says 3 "needs busctl"

reset mctpecho0
printf 'peers = mctpd\n' >"$T/etc/mctp-pcc.conf"
helper -n mctpecho0
check "peers = mctpd, dry run: prints the busctl call, changes nothing" \
	dry_run_prints "$setup_endpoint"

reset mctpecho0
rm -f "$T/bin/mctp-pcc-ctl"
helper mctpecho0
check "no configurator installed: exit 3" exit_says 3 "neither mctp nor mctp-pcc-ctl"

reset mctpecho0
helper -n mctpecho0
check "dry run (-n): prints, changes nothing" \
	dry_run_prints "mctp-pcc-ctl addr add 10 dev mctpecho0"

reset mctpecho0
printf '[mctpecho0]\neid = 11 # trailing comment\n' >"$T/etc/mctp-pcc.conf"
helper --check
check "--check: valid config" exit_untouched 0
helper --check mctpecho0
check "--check IFNAME: shows the effective settings" \
	grep -q "eid=11 routes=9" "$T/out"
printf 'mtu = 1\n' >>"$T/etc/mctp-pcc.conf"
helper --check
check "--check: invalid config exits 1" exit_says 1 "mctp-pcc.conf:3"

reset mctpecho0
helper
check "no interface: usage, exit 2" [ "$rc" -eq 2 ]
helper "../etc"
check "interface name with a slash refused" exit_untouched 2

reset mctpecho0
start=$(date +%s)
helper --detach mctpecho0
end=$(date +%s)
at_once() { exited 0 && [ $((end - start)) -le 2 ]; }
check "--detach returns at once" at_once
i=0
while [ "$i" -lt 50 ] && ! grep -q "route add" "$T/state/calls"; do
	sleep 0.1
	i=$((i + 1))
done
check "--detach: the background run configures the interface" \
	grep -q "route add 9 via mctpecho0" "$T/state/calls"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
