#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/load-for-devices (the link right after install, issue 17), with
# a stand-in /sys and stand-ins for udevadm, modprobe and modinfo:
#  - no DMT0001 device (or no /sys: a chroot): nothing run, nothing said;
#  - a device and udev running: udevadm trigger --action=add for the
#    device's modalias, nothing said;
#  - a device, no udev (a container, an initless chroot): modprobe;
#  - the module not built for the running kernel (no CONFIG_MCTP), or
#    modprobe failing: one line, exit status 0;
#  - the module loaded already (an upgrade): nothing;
#  - the packages run it: the .deb's postinst, the RPM's %posttrans.
# The whole path, in a VM with the emulated PCC platform, is the install
# test's (tests/packaging/guest/install-test.sh).
#
# usage: tests/packaging/test-load-for-devices.sh
# Prints "load-for-devices: N passed, N failed" last.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/packaging.sh
. "$here/../lib/packaging.sh"
pkg_test_setup load-for-devices
script=$top/scripts/load-for-devices

mkdir -p "$T/bin"
# stand-ins: each logs its arguments; $T/fail-NAME makes it fail
for cmd in udevadm modprobe modinfo; do
	cat >"$T/bin/$cmd" <<EOF
#!/bin/sh
echo "$cmd \$*" >>"$T/calls"
[ ! -e "$T/fail-$cmd" ]
EOF
	chmod +x "$T/bin/$cmd"
done

# run [SETUP...]: the script in a fresh stand-in world; SETUP words:
# device, udev, loaded, no-module, no-modprobe.  Output in $T/out, calls in
# $T/calls, exit status in $rc.
run() {
	rm -rf "$T/sys" "$T/calls" "$T/control" "$T"/fail-*
	mkdir -p "$T/sys/bus/acpi/devices/PNP0A03:00"
	: >"$T/calls"
	for _w in "$@"; do
		case $_w in
		device) mkdir -p "$T/sys/bus/acpi/devices/DMT0001:00" ;;
		udev) python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/control" ;;
		loaded) mkdir -p "$T/sys/module/mctp_pcc" ;;
		no-module) : >"$T/fail-modinfo" ;;
		no-modprobe) : >"$T/fail-modprobe" ;;
		esac
	done
	MCTP_PCC_SYSFS=$T/sys MCTP_PCC_UDEV_CONTROL=$T/control PATH=$T/bin:$PATH \
		"$script" >"$T/out" 2>&1
	rc=$?
}
said_nothing() { [ "$rc" -eq 0 ] && [ ! -s "$T/out" ]; }
said_one_line() { [ "$rc" -eq 0 ] && [ "$(wc -l <"$T/out")" -eq 1 ] && grep -q "^mctp-pcc: $1" "$T/out"; }
called() { grep -q -x -e "$1" "$T/calls"; }
not_called() { ! grep -q "^$1" "$T/calls"; }
show() { cat "$T/out" "$T/calls"; }

no_device() { said_nothing && not_called udevadm && not_called modprobe; }
run udev
check "no DMT0001 device: nothing run, nothing said" no_device

no_sys() {
	: >"$T/calls"
	MCTP_PCC_SYSFS=$T/nonexistent PATH=$T/bin:$PATH "$script" >"$T/out" 2>&1
	rc=$?
	said_nothing && not_called udevadm && not_called modprobe
}
check "no /sys (a chroot): nothing run, nothing said" no_sys

udev_trigger() {
	show
	said_nothing && not_called modprobe &&
		called "udevadm trigger --action=add --subsystem-match=acpi --subsystem-match=platform --attr-match=modalias=acpi:DMT0001:\*"
}
run device udev
check "a device, udev running: udevadm trigger --action=add for acpi:DMT0001:*, nothing said" udev_trigger

modprobed() { show; said_nothing && not_called udevadm && called "modprobe mctp_pcc"; }
run device
check "a device, no udev: modprobe mctp_pcc, nothing said" modprobed

no_module() { show; said_one_line "no module for the running kernel" && not_called udevadm && not_called modprobe; }
run device udev no-module
check "a device, no module for the running kernel: one line, exit 0" no_module

modprobe_fails() { show; said_one_line "could not load the module now"; }
run device no-modprobe
check "a device, modprobe fails (a container): one line, exit 0" modprobe_fails

loaded() { show; said_nothing && not_called udevadm && not_called modprobe; }
run device udev loaded
check "the module loaded already (an upgrade): nothing run, nothing said" loaded

# The packages: the postinst runs it after the rules are reloaded; the RPM
# in %posttrans, after the transaction.
deb_runs() {
	dpkg-deb --ctrl-tarfile "$pkgs/mctp-pcc-dkms_$version-1_all.deb" | tar -xOf - ./postinst >"$T/postinst" &&
		dpkg-deb -c "$pkgs/mctp-pcc-dkms_$version-1_all.deb" | grep -q ' \./usr/libexec/mctp-pcc/load-for-devices$' &&
		sed -n '/udevadm control --reload-rules/,$p' "$T/postinst" |
		grep -q '^[[:space:]]*/usr/libexec/mctp-pcc/load-for-devices || true$'
}
check "mctp-pcc-dkms.deb ships it and its postinst runs it after reloading the udev rules" deb_runs
rpm_runs() {
	_rpm=$pkgs/mctp-pcc-dkms-$version-1.noarch.rpm
	rpm -qpl "$_rpm" 2>/dev/null | grep -qx /usr/libexec/mctp-pcc/load-for-devices &&
		rpm -qp --scripts "$_rpm" 2>/dev/null | sed -n '/^posttrans scriptlet/,/^[a-z]* scriptlet/p' |
		grep -q '^/usr/libexec/mctp-pcc/load-for-devices || :$'
}
check "mctp-pcc-dkms.rpm ships it and runs it in %posttrans" rpm_runs

echo "load-for-devices: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
