#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dkms.conf against the host's real dkms, in private trees (--dkmstree,
# --sourcetree, --installtree: nothing under /var/lib/dkms or /lib/modules
# is touched):
#  - a kernel without CONFIG_MCTP, one older than BUILD_EXCLUSIVE_KERNEL_MIN,
#    and one with its own mctp-pcc driver when /etc/dkms/mctp-pcc.conf says
#    MCTP_PCC_PREFER_IN_TREE=yes are skipped: `dkms build` exits 77, and
#    `dkms autoinstall` (what kernel and header packages' hooks run) exits 0
#    with one line saying why -- dkms 3.0.10 alone would exit 11;
#  - dkms.conf sets no CLEAN (deprecated since dkms 3.1.8);
#  - with the test kernel's tree (CONFIG_MCTP=y): the module builds, its
#    MODULE_VERSION is VERSION, it installs to updates/dkms, and remove and
#    re-add of the same version work.
#
# usage: tests/packaging/test-dkms.sh
# The MCTP kernel tree is $MCTP_PCC_KDIR if set, else tests/kernel/build.sh's.
# Prints "N passed, N failed" last; exits non-zero if anything failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
"$top/tests/lib/install-deps.sh" pkg >&2 || exit 1

version=$(cat "$top/VERSION")
T=$(mktemp -d "${TMPDIR:-/tmp}/mctp-pcc-dkms-test.XXXXXX")
# The in-tree preference lives in dkms's own override file, in /etc: made
# for the test only if the machine has none, and removed afterwards.
override=/etc/dkms/mctp-pcc.conf
own_override=
trap 'rm -rf "$T"; [ -z "$own_override" ] || rm -f "$override"' EXIT
trap 'exit 1' INT TERM HUP
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
nok() {
	fail=$((fail + 1))
	echo "FAIL $1"
	sed 's/^/     | /' "$T/out"
}
check() { # NAME CONDITION...
	_name=$1
	shift
	if "$@"; then ok "$_name"; else nok "$_name"; fi
}
# d ARGS...: dkms in the private trees; output in $T/out, status in $rc.
d() {
	dkms --dkmstree "$T/dkms" --sourcetree "$T/root/usr/src" \
		--installtree "$T/modules" "$@" >"$T/out" 2>&1
	rc=$?
}
out_has() { grep -q -e "$1" "$T/out"; }
# conditions of more than one command, as check runs one
build_excluded() { [ "$rc" -eq 77 ] && out_has "BUILD_EXCLUSIVE"; }
said_once() { [ "$rc" -eq 0 ] && [ "$(grep -c -e "$1" "$T/out")" -eq 1 ]; }

make -s -f "$top/mk/packaging.mk" install-dkms DESTDIR="$T/root" >"$T/out" 2>&1
check "make install-dkms: DKMS source in /usr/src/mctp-pcc-$version" \
	[ -f "$T/root/usr/src/mctp-pcc-$version/dkms.conf" ]
check "dkms.conf carries the version from VERSION" \
	grep -qx "PACKAGE_VERSION=\"$version\"" "$T/root/usr/src/mctp-pcc-$version/dkms.conf"

mkdir -p "$T/dkms" "$T/modules"
d add -m mctp-pcc -v "$version"
check "dkms add" [ "$rc" -eq 0 ]

# A kernel without MCTP: dkms reads only its .config before deciding.
mkdir -p "$T/nomctp"
printf 'CONFIG_NET=y\n# CONFIG_MCTP is not set\n' >"$T/nomctp/.config"
d build -m mctp-pcc -v "$version" -k 9.9.9-nomctp --kernelsourcedir "$T/nomctp"
check "no CONFIG_MCTP: dkms build skips (exit 77, BUILD_EXCLUSIVE)" \
	build_excluded
d autoinstall -k 9.9.9-nomctp --kernelsourcedir "$T/nomctp"
check "no CONFIG_MCTP: dkms autoinstall succeeds, one line says why" \
	said_once 'mctp-pcc: not building for kernel 9.9.9-nomctp'
check "dkms.conf has no CLEAN (deprecated since dkms 3.1.8)" \
	sh -c "! grep -q '^CLEAN=' '$T/root/usr/src/mctp-pcc-$version/dkms.conf'"

# skipped NAME KERNEL KSRC REASON: dkms build exits 77, autoinstall 0 with
# one line giving REASON.
skipped() {
	d build -m mctp-pcc -v "$version" -k "$2" --kernelsourcedir "$3"
	check "$1: dkms build skips (exit 77, BUILD_EXCLUSIVE)" \
		build_excluded
	d autoinstall -k "$2" --kernelsourcedir "$3"
	check "$1: dkms autoinstall succeeds, one line says why" \
		said_once "mctp-pcc: not building for kernel $2: $4"
}
# A kernel older than the matrix proves, with MCTP.
mkdir -p "$T/old"
printf 'CONFIG_NET=y\nCONFIG_MCTP=y\n' >"$T/old/.config"
skipped "Linux 5.10" 5.10.0-old "$T/old" "it is older than 6.1"
# A kernel that ships its own mctp-pcc.ko, which the user prefers.
if [ ! -e "$override" ]; then
	mkdir -p /etc/dkms
	echo "MCTP_PCC_PREFER_IN_TREE=yes" >"$override" && own_override=1
fi
if grep -q '^MCTP_PCC_PREFER_IN_TREE=yes$' "$override" 2>/dev/null; then
	mkdir -p "$T/modules/6.99.0-intree/kernel/drivers/net/mctp"
	: >"$T/modules/6.99.0-intree/kernel/drivers/net/mctp/mctp-pcc.ko.xz"
	skipped "in-tree mctp-pcc preferred" 6.99.0-intree "$T/old" "it has its own mctp-pcc driver"
else
	echo "skip the in-tree preference: $override is the machine's own"
fi

kdir=${MCTP_PCC_KDIR:-}
[ -n "$kdir" ] || kdir=$("$top/tests/kernel/build.sh" debug) || kdir=
if [ -z "$kdir" ] || [ ! -f "$kdir/include/config/kernel.release" ]; then
	fail=$((fail + 1))
	echo "FAIL no kernel tree with CONFIG_MCTP (set MCTP_PCC_KDIR)"
else
	kver=$(cat "$kdir/include/config/kernel.release")
	mkdir -p "$T/modules/$kver"
	built=$T/dkms/mctp-pcc/$version/$kver/$(uname -m)/module
	installed=$T/modules/$kver/updates/dkms
	ok_and() { [ "$rc" -eq 0 ] && "$@"; }
	both_in() { [ -f "$1/mctp-pcc.ko" ] && [ -f "$1/mctp-echo.ko" ]; }
	none_in() { [ ! -e "$1/mctp-pcc.ko" ] && [ ! -e "$1/mctp-echo.ko" ]; }
	is_module() { # FILE NAME
		[ "$(modinfo -F name "$1" 2>/dev/null)" = "$2" ] &&
			[ "$(modinfo -F version "$1" 2>/dev/null)" = "$version" ]
	}
	d build -m mctp-pcc -v "$version" -k "$kver" --kernelsourcedir "$kdir"
	check "kernel $kver: dkms build makes both modules" ok_and both_in "$built"
	check "mctp-pcc.ko is mctp_pcc, MODULE_VERSION $version" \
		is_module "$built/mctp-pcc.ko" mctp_pcc
	check "mctp-echo.ko is mctp_echo, MODULE_VERSION $version" \
		is_module "$built/mctp-echo.ko" mctp_echo
	# a production load of mctp_pcc must not bring in test links
	check "mctp_pcc does not depend on mctp_echo" \
		sh -c "! modinfo -F depends '$built/mctp-pcc.ko' | grep -q mctp_echo"
	check "echo_devs is mctp_echo's; mctp_pcc's only says it moved" \
		sh -c "modinfo -F parm '$built/mctp-echo.ko' | grep -q '^echo_devs:Echo interfaces' &&
			modinfo -F parm '$built/mctp-pcc.ko' | grep -q '^echo_devs:Moved to the mctp_echo module'"
	check "vermagic is $kver" \
		sh -c "modinfo -F vermagic '$built/mctp-pcc.ko' | grep -q '^$kver '"
	d install --no-depmod -m mctp-pcc -v "$version" -k "$kver" --kernelsourcedir "$kdir"
	check "dkms install: both into updates/dkms (depmod's first choice)" \
		ok_and both_in "$installed"
	d autoinstall --no-depmod -k "$kver" --kernelsourcedir "$kdir"
	check "kernel with MCTP: autoinstall succeeds and says nothing of skipping" \
		ok_and sh -c "! grep -q 'not building' '$T/out'"
	d remove -m mctp-pcc -v "$version" --all --no-depmod
	check "dkms remove --all: modules and tree gone" \
		ok_and sh -c "[ ! -e '$T/dkms/mctp-pcc/$version' ]"
	check "dkms remove --all: no module left behind" none_in "$installed"
	d add -m mctp-pcc -v "$version"
	check "same version added again (reinstall)" [ "$rc" -eq 0 ]
	d install --no-depmod -m mctp-pcc -v "$version" -k "$kver" --kernelsourcedir "$kdir"
	check "...and built and installed again" ok_and both_in "$installed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
