#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The package's own files, checked from outside (issue 17, point 7):
#  - the systemd units: systemd-analyze security rates each 2.5 or better
#    (the defaults: 6.5), and systemd-analyze verify takes them;
#  - the udev rule starts units for the driver's own names only (prefix
#    and number): a '-' would become '/' in the instance name (%I);
#  - the man pages document peers, --local, --peers and the peers unit,
#    and render without a groff warning;
#  - debian/tests: echo-ping depends on the kernel headers (resolved for
#    amd64 and arm64 as autopkgtest does) and skips where the running
#    kernel has no headers; debian/control runs autopkgtest-pkg-dkms too;
#  - debian/watch checks the release tarballs' signatures.
# (Whether the hardened units still configure links, and the udev rule on a
# real link, is the install VM's: tests/packaging/guest/install-test.sh.)
#
# usage: tests/packaging/test-package-files.sh
# Prints "package-files: N passed, N failed" last.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/packaging.sh
. "$here/../lib/packaging.sh"
pkg_test_setup package-files

# ---- systemd units
# exposure UNIT: systemd-analyze security's overall rating of the template
# UNIT (an instance of it), times ten
exposure() {
	_i=$T/units/$(basename "$1" .service)x.service
	mkdir -p "$T/units"
	cp "$1" "$_i"
	systemd-analyze security --offline=yes --no-pager "$_i" >"$T/security" 2>&1 || return 1
	sed -n 's/.*Overall exposure level for [^:]*: \([0-9]*\)\.\([0-9]\).*/\1\2/p' "$T/security"
}
for u in mctp-pcc-setup@.service mctp-pcc-peers@.service; do
	rated() {
		_e=$(exposure "$top/systemd/$u")
		tail -n 1 "$T/security"
		[ -n "$_e" ] && [ "$_e" -le 25 ]
	}
	check "$u: systemd-analyze security rates it 2.5 or better" rated
	verified() {
		mkdir -p "$T/verify"
		cp "$top/systemd/$u" "$T/verify/${u%@.service}@mctppcc0.service"
		systemd-analyze verify --man=no "$T/verify/${u%@.service}@mctppcc0.service" >"$T/verify.log" 2>&1
		cat "$T/verify.log"
		# the units it names (mctpd, the device) are not on this machine
		! grep -v -e 'not found' -e 'No such file' -e 'is not loaded' -e '^$' "$T/verify.log" | grep .
	}
	check "$u: systemd-analyze verify takes every line" verified
done

# ---- the udev rule: which names start a unit.  udev matches KERNEL with
# fnmatch(3), as Python's fnmatch does; the rule's KERNEL lines, in order.
starts_unit() { # IFNAME: the rule, read as udev reads its KERNEL lines, starts a unit for IFNAME
	python3 - "$top/udev/70-mctp-pcc.rules" "$1" <<'EOF'
import fnmatch, re, sys
name = sys.argv[2]
for line in open(sys.argv[1]):
    m = re.match(r'\s*KERNEL(==|!=)"([^"]*)",\s*GOTO="mctp_pcc_end"', line)
    if not m:
        continue
    hit = any(fnmatch.fnmatchcase(name, p) for p in m.group(2).split('|'))
    if (m.group(1) == '==') == hit:
        sys.exit(1)
sys.exit(0)
EOF
}
units_for() { # IFNAME...: the rule starts a unit for each
	for _n; do starts_unit "$_n" || { echo "$_n: no unit"; return 1; }; done
}
no_unit_for() { # IFNAME...: the rule starts none for any
	for _n; do ! starts_unit "$_n" || { echo "$_n: a unit"; return 1; }; done
}
check "udev rule: units for mctpecho0, mctpecho12, mctppcc0" units_for mctpecho0 mctpecho12 mctppcc0
check "udev rule: none for mctpecho1-x (its '-' would be a '/' in %I), mctppcc0a, eth0" \
	no_unit_for mctpecho1-x mctppcc0a eth0

# ---- man pages
man_has() { # PAGE PATTERN...: the page, as man renders it, has each
	_p=$1
	shift
	LC_ALL=C.UTF-8 MANWIDTH=200 man -E UTF-8 -l "$top/docs/man/$_p" 2>/dev/null | col -b >"$T/man"
	for _w in "$@"; do
		grep -q -e "$_w" "$T/man" || { echo "$_p: no '$_w'"; return 1; }
	done
}
check "mctp-pcc-setup(8): --local, --peers, peers = mctpd and the peers unit" \
	man_has mctp-pcc-setup.8 '^ *--local$' '^ *--peers$' 'mctp-pcc-setup --local' 'peers = mctpd' \
	'mctp-pcc-peers@ifname.service' '/mctp-pcc-peers@.service'
check "mctp-pcc.conf(5): the peers key, static and mctpd, and the peers unit" \
	man_has mctp-pcc.conf.5 '^ *peers = static|mctpd$' 'mctp-pcc-peers@ifname.service'
no_groff_warning() {
	for _p in "$top"/docs/man/*.[0-9]; do
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$_p" 2>&1 >/dev/null | sed "s|^|${_p##*/}: |"
	done >"$T/warnings"
	cat "$T/warnings"
	[ ! -s "$T/warnings" ]
}
check "man pages render without a groff warning" no_groff_warning

# ---- autopkgtest
# deps ARCH: echo-ping's Depends, reduced for ARCH as autopkgtest does
deps() {
	_d=$(sed -n '/^Tests: echo-ping/,/^$/{/^Depends:/{s/^Depends: *//;p;}}' "$top/debian/tests/control")
	perl -MDpkg::Deps -e 'print deps_parse($ARGV[0], reduce_arch => 1, host_arch => $ARGV[1])->output(), "\n"' \
		"$_d" "$1"
}
headers_deps() {
	deps amd64 >"$T/deps"
	deps arm64 >>"$T/deps"
	cat "$T/deps"
	grep -q 'linux-headers-generic | linux-headers-amd64' "$T/deps" &&
		grep -q 'linux-headers-generic | linux-headers-arm64' "$T/deps"
}
check "echo-ping depends on the headers: linux-headers-amd64 on amd64, -arm64 on arm64, -generic (Ubuntu)" headers_deps
check "debian/control: Testsuite: autopkgtest-pkg-dkms (dkms-autopkgtest builds for every kernel)" \
	grep -qx 'Testsuite: autopkgtest-pkg-dkms' "$top/debian/control"
# echo-ping where the running kernel has MCTP but no headers: the module
# cannot have been built, which is a skip (77), not a failure
skips_without_headers() {
	mkdir -p "$T/ep/bin" "$T/ep/boot"
	printf 'CONFIG_MCTP=y\n' >"$T/ep/config-9.9.9-nothere"
	for _c in modprobe dkms; do printf '#!/bin/sh\nexit 1\n' >"$T/ep/bin/$_c"; done
	printf '#!/bin/sh\necho 9.9.9-nothere\n' >"$T/ep/bin/uname"
	chmod +x "$T"/ep/bin/*
	sed -e "s|/boot/config-|$T/ep/config-|" -e "s|/lib/modules/|$T/ep/modules/|g" \
		"$top/debian/tests/echo-ping" >"$T/ep/echo-ping"
	_rc=0
	PATH=$T/ep/bin:$PATH sh "$T/ep/echo-ping" || _rc=$?
	echo "exit status $_rc"
	[ "$_rc" -eq 77 ]
}
check "echo-ping: no headers for the running kernel, so no module: skipped (77), not failed" skips_without_headers

# ---- debian/watch
check "debian/watch checks the signatures make repo publishes (pgpsigurlmangle .asc)" \
	grep -q 'pgpsigurlmangle=s/\$/.asc/' "$top/debian/watch"

echo "package-files: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
