#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The package-install test, inside the Debian 12 VM (systemd as init).
# Run by mctp-pcc-vm-test.service from the payload disk (/mnt/test) that
# tests/packaging/vm-install.sh makes; it picks its phase by the running
# kernel:
#   phase a (kernel A): install kernel A's image; the machine has no
#     network, only the project's signed repository at file:/srv/mctp-pcc
#     (the payload's repo-OLD); install the keyring package, apt update,
#     apt install ./linux-headers-A mctp-pcc-dkms -- by name; dkms status;
#     the firmware's DMT0001 device (the emulated PCC platform, loaded
#     before the install) gets its link mctppcc1, configured and answering
#     mctp-pcc-ping, with no modprobe;
#     modprobe with one echo interface -> configured with no further
#     command, mctp-pcc-ping 9; Debian's stock headers (no MCTP) install
#     fine and dkms says why it skipped; a bad config is refused and the
#     interface left alone, fixing it works; kernel B's image and headers
#     install and DKMS builds for B by itself.
#   phase b (kernel B, after a reboot into it): the module is there for B
#     and works; NEW is published (repo-NEW, signed by keys A and B), apt
#     upgrade brings it and keyring package 2 (A and B), and DKMS rebuilds
#     for kernels A and B; the key rotated (repo-rotated, B alone): apt
#     update and upgrade (keyring 3) work; kernel A, removed and installed
#     again, gets its build; the repository unsigned or signed by another
#     key is refused; autopkgtest runs debian/tests; apt remove, apt purge
#     (nothing left behind), reinstall; the RPM scriptlets with rpm.
# It runs what the payload holds: with no kernel B (the arm64 guest,
# vm-install.sh --arch arm64) phase a only, without the steps of kernel B;
# with no stock headers, without the stock kernel's.
# Each check prints "ok   NAME" or "FAIL NAME"; the last line is
# "install-vm PHASE: N passed, N failed", also in /mnt/test/result-PHASE.
set -u

T=/mnt/test
kernel_a=$(cat "$T/kernel-a/release")
kernel_b=$(cat "$T/kernel-b/release" 2>/dev/null) || kernel_b=none
running=$(uname -r)
case $running in
"$kernel_a") phase=a ;;
"$kernel_b") phase=b ;;
*) echo "install-test: running $running, neither $kernel_a nor $kernel_b" >&2; exit 1 ;;
esac
result=$T/result-$phase
work=/var/tmp/mctp-pcc-test
mkdir -p "$work"
log=$work/step.log
: >"$result"
: >"$T/transcript-$phase"
# Debian's stock kernel, whose headers the test installs: 6.1.0-N-amd64.
stock=
for f in "$T"/stock-headers/linux-headers-*-amd64_*.deb; do
	[ -f "$f" ] || continue
	stock=${f##*/linux-headers-}
	stock=${stock%%_*}
done
old=$(cat "$T/version-old")
new=$(cat "$T/version-new" 2>/dev/null) || new=none
passed=0
failed=0
export DEBIAN_FRONTEND=noninteractive

say() { echo "$*" | tee -a "$result"; }
ok() { passed=$((passed + 1)); say "ok   $1"; }
nok() {
	failed=$((failed + 1))
	say "FAIL $1"
	[ ! -s "$log" ] || tail -n 30 "$log" | sed 's/^/     | /' | tee -a "$result"
}
# check NAME COMMAND...: COMMAND's output goes to $log, shown on failure.
check() {
	_name=$1
	shift
	if "$@" >"$log" 2>&1; then ok "$_name"; else nok "$_name"; fi
}
# run COMMAND...: a step whose output later checks look at ($log.run).
run() { "$@" >"$log.run" 2>&1; }
ran_ok() { [ "$run_rc" -eq 0 ]; }
run_said() { grep -q -e "$1" "$log.run"; }
# said_once PATTERN WORD: the output has a line matching PATTERN, and only
# one line with WORD in it.
said_once() { run_said "$1" && [ "$(grep -c -F -e "$2" "$log.run")" -eq 1 ]; }
# step COMMAND...: run it, keep its output for the checks that follow and,
# with the command, in the phase's transcript (vm-install.sh saves it).
step() {
	run_rc=0
	run "$@" || run_rc=$?
	cp "$log.run" "$log"
	{ echo "### $*"; cat "$log.run"; echo "### exit status $run_rc"; } >>"$T/transcript-$phase"
}

# wait_for SECONDS COMMAND...: poll COMMAND until it succeeds.
wait_for() {
	_n=$(($1 * 2))
	shift
	while [ "$_n" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.5
		_n=$((_n - 1))
	done
	"$@"
}

configured() { # IFNAME: link up, local EID 10, route to 9 -- by the helper
	mctp-pcc-ctl link show "$1" | grep -q ' up$' &&
		mctp-pcc-ctl addr show | grep -q "^eid 10 .*dev $1\$" &&
		mctp-pcc-ctl route show | grep -q "^eid min 9 max 9 .*dev $1 "
}
untouched() { # IFNAME: link down and no address on it
	mctp-pcc-ctl link show "$1" | grep -q ' down$' &&
		! mctp-pcc-ctl addr show | grep -q "dev $1\$"
}
unit_failed() { systemctl is-failed --quiet "mctp-pcc-setup@$1.service"; }
# several_links N: mctpecho0..N-1 each up with EID 10 by its own unit, which
# succeeded, and one route to 9, via mctpecho0 (the shipped defaults).
several_links() {
	_i=0
	while [ "$_i" -lt "$1" ]; do
		systemctl is-active --quiet "mctp-pcc-setup@mctpecho$_i.service" &&
			mctp-pcc-ctl addr show | grep -q "^eid 10 .*dev mctpecho$_i\$" || return 1
		_i=$((_i + 1))
	done
	[ "$(mctp-pcc-ctl route show | grep -c '^eid min 9 max 9 ')" -eq 1 ] &&
		mctp-pcc-ctl route show | grep -q '^eid min 9 max 9 .*dev mctpecho0 '
}
module_file() { # KERNEL: the modules dkms installed for KERNEL
	find "/lib/modules/$1/updates" -name 'mctp-pcc.ko*' 2>/dev/null | grep -q . &&
		find "/lib/modules/$1/updates" -name 'mctp-echo.ko*' 2>/dev/null | grep -q .
}
# mctp_pcc alone, as udev loads it for a DMT0001 device: no test module
pcc_alone() {
	modprobe mctp_pcc || return 1
	if grep -q '^mctp_echo ' /proc/modules; then
		echo "loading mctp_pcc loaded mctp_echo"
		return 1
	fi
	modprobe -r mctp_pcc
}
dkms_installed() { dkms status -m mctp-pcc -k "$1" | grep -q ': installed'; }

# The echo test of step 3: load with one echo interface (the way the
# packaged file says to: /etc/modprobe.d/mctp-pcc.conf, which replaces it),
# wait for udev and the helper to configure it, ping through it.
echo_test() { # LABEL VERSION
	modprobe -r mctp_echo 2>/dev/null
	echo "options mctp_echo echo_devs=1" >/etc/modprobe.d/mctp-pcc.conf
	check "$1: modprobe mctp_echo (echo_devs=1 from /etc/modprobe.d/mctp-pcc.conf)" modprobe mctp_echo
	rm /etc/modprobe.d/mctp-pcc.conf
	check "$1: modinfo version is the package's, $2, for both modules" \
		sh -c "[ \"\$(modinfo -F version mctp_pcc)\" = '$2' ] &&
			[ \"\$(modinfo -F version mctp_echo)\" = '$2' ]"
	check "$1: mctpecho0 up with EID 10 and a route to 9, no command given" \
		wait_for 30 configured mctpecho0
	check "$1: the unit's helper gave mctpecho0 a FIFO qdisc (tc in the hardened unit)" \
		sh -c "tc qdisc show dev mctpecho0 root | grep -q pfifo"
	check "$1: mctp-pcc-ping -c 5 9 gets every reply" mctp-pcc-ping -c 5 -i 0.2 -W 5 9
}

# Every file on the system, but what changes by itself (logs, caches,
# package databases -- Debian's rpm keeps its own in ~/.rpmdb --, and
# dkms's signing key, which belongs to dkms).
file_list() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path /tmp -o -path /var/tmp -o -path /var/log -o -path /var/cache \
		-o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /var/lib/systemd \
		-o -path /var/lib/rpm -o -path /root/.rpmdb -o -path /mnt \) -prune -o -print 2>/dev/null |
		grep -v -x -e /var/lib/dkms/mok.key -e /var/lib/dkms/mok.pub | sort
}

# Drop the files of the kernels and headers installed after the "before"
# list (kernel A's headers, kernel B, Debian's stock headers): not ours;
# nor are the byte-code caches Python writes when autopkgtest runs.
# The checks above make sure no mctp-pcc module is left under them.
kernel_files_out() {
	# (/lib is /usr/lib on Debian 12: find lists files under /usr/lib.)
	grep -v -e '^/usr/src/linux-headers-' -e '^/usr/src/linux-kbuild-' -e '/__pycache__' \
		-e '^/usr/lib/linux-kbuild-' -e '^/usr/share/doc/linux-' -e '^/boot/' \
		-e '^/usr/share/lintian/overrides/linux-' \
		-e "^/usr/lib/modules/$kernel_b" -e '^/usr/lib/modules/6\.1\.' \
		-e '^/usr/lib/modules$' -e '^/usr/lib/modules/[^/]*/build$' -e '^/usr/lib/modules/[^/]*/source$' |
		sed 's|^/lib/|/usr/lib/|'
}

# publish NAME: the repository at file:/srv/mctp-pcc is now the payload's
# repo-NAME (what a maintainer's upload to the web server does).
publish() { mkdir -p /srv && ln -sfn "$T/repo-$1" /srv/mctp-pcc; }
keyring_version() { [ "$(dpkg-query -W -f '${Version}' mctp-pcc-archive-keyring)" = "$1" ]; }
upgraded_keyring() { [ "$run_rc" -eq 0 ] && keyring_version "$1"; }
# installed VERSION: mctp-pcc-dkms and mctp-pcc-tools are VERSION-1
installed() {
	[ "$(dpkg-query -W -f '${Version}' mctp-pcc-dkms)" = "$1-1" ] &&
		[ "$(dpkg-query -W -f '${Version}' mctp-pcc-tools)" = "$1-1" ]
}

if [ "$phase" = a ]; then
	# The system's own kernel A, as a user has it.
	check "kernel A image installs ($kernel_a)" \
		apt-get install -y "$T"/kernel-a/linux-image-*.deb

	# The repository, as a user adds it: the keyring package (the key and
	# its deb822 source with Signed-By), apt update; nothing but it (no
	# network here, so no Debian archive).
	[ ! -e /etc/apt/sources.list ] || mv /etc/apt/sources.list /etc/apt/sources.list.offline
	publish "$old"
	step apt-get install -y "$T/repo-$old"/apt/pool/main/mctp-pcc-archive-keyring_*_all.deb
	check "install mctp-pcc-archive-keyring" ran_ok
	check "keyring: /etc/apt/sources.list.d/mctp-pcc.sources with Signed-By its key" \
		grep -qx 'Signed-By: /usr/share/keyrings/mctp-pcc-archive-keyring.pgp' \
		/etc/apt/sources.list.d/mctp-pcc.sources
	step apt-get update
	check "apt update: the signed repository, no warning" sh -c "[ $run_rc -eq 0 ] && ! grep -q '^[WE]:' '$log.run'"
	file_list >"$work/files-before"

	# This boot's firmware has an MCTP-over-PCC device (vm-install.sh gives
	# QEMU the emulated platform's ACPI tables), whose far end, the
	# platform, is a module: loaded now, before the package is there.
	# (amd64: the payload has the platform; the arm64 guest has no PCC.)
	pcc=
	[ ! -f "$T/mctp-pcc-platform.ko" ] || pcc=1
	if [ -n "$pcc" ]; then
		check "PCC: the firmware has a DMT0001 device, no driver for it yet" \
			sh -c "[ -e /sys/bus/acpi/devices/DMT0001:00 ] && [ ! -e /sys/module/mctp_pcc ]"
		check "PCC: the emulated platform loads" insmod "$T/mctp-pcc-platform.ko"
	fi

	# Step 3, by name from the repository (kernel A's headers from a file).
	step apt-get install -y "$T"/kernel-a/linux-headers-*.deb mctp-pcc-dkms
	check "apt install ./linux-headers-A mctp-pcc-dkms" ran_ok
	check "mctp-pcc-dkms and mctp-pcc-tools $old-1 from the repository" installed "$old"
	check "dkms status: installed for the running kernel" dkms_installed "$kernel_a"
	check "mctp-pcc.ko and mctp-echo.ko both installed for it" module_file "$kernel_a"

	# The link right after install (issue 17): the package's postinst has
	# udev load the module for the DMT0001 device; no modprobe here.  The
	# link is named after its inbox subspace: 1 in tests/pcc/pcct.asl.
	if [ -n "$pcc" ]; then
		check "PCC: right after apt install, mctppcc1 up with EID 10 and a route to 9 (no modprobe, no reboot)" \
			wait_for 60 configured mctppcc1
		check "PCC: mctp-pcc-ping 9 answers through mctppcc1 and the platform" \
			sh -c "mctp-pcc-ping -c 3 -i 0.2 -W 5 9 &&
				grep -q -E '^replies ([3-9]|[1-9][0-9]+)\$' /sys/kernel/debug/mctp-pcc-platform/counters"
		check "PCC: udev loaded mctp_pcc alone, no module that can create test links" \
			sh -c "! grep -q '^mctp_echo ' /proc/modules"
		# The rest of this boot is about echo interfaces, whose route to 9
		# the PCC link would take: the device is kept from the driver from
		# here on (driver_override), and the platform unloaded.  (Kernel B
		# boots without the PCC tables.)
		echo none >/sys/bus/platform/devices/DMT0001:00/driver_override
		check "PCC: the driver and the platform unload" \
			sh -c "modprobe -r mctp_pcc && rmmod mctp_pcc_platform && [ ! -e /sys/class/net/mctppcc1 ]"
	fi
	modprobe -r mctp_echo 2>/dev/null
	check "kernel A: modprobe mctp_pcc loads no module that can create test links" pcc_alone
	echo_test "kernel A" "$old"

	# Several links appearing at once, as udev brings them (issue 17).
	modprobe -r mctp_echo
	check "several links: modprobe mctp_echo echo_devs=4" modprobe mctp_echo echo_devs=4
	check "several links: every mctp-pcc-setup@ unit succeeds, EID 10 on each, the route to 9 via mctpecho0 only" \
		wait_for 30 several_links 4
	check "several links: ping 9" mctp-pcc-ping -c 3 -i 0.2 -W 5 9

	# A link made by hand under a name with a '-' (issue 17): udev starts
	# no unit for it (its instance name would say mctpecho9/x); the helper,
	# run by hand, configures it.
	check "a link made by hand, mctpecho9-x: ip link add" ip link add mctpecho9-x type mctpecho
	udevadm settle
	sleep 2
	check "mctpecho9-x: udev starts no mctp-pcc-setup@ unit for it" \
		sh -c "! systemctl list-units --all --plain --no-legend 'mctp-pcc-setup@mctpecho9*' | grep ."
	check "mctpecho9-x: the helper run by hand configures it (EID 10)" \
		sh -c "/usr/libexec/mctp-pcc/mctp-pcc-setup mctpecho9-x &&
			mctp-pcc-ctl addr show | grep -q '^eid 10 .*dev mctpecho9-x\$'"
	ip link del mctpecho9-x

	# Step 5: Debian's stock headers, a kernel without MCTP.
	if [ -n "$stock" ]; then
		step apt-get install -y "$T"/stock-headers/*.deb
		check "stock linux-headers (no CONFIG_MCTP) install succeeds" ran_ok
		check "dkms says why it skipped the stock kernel, in one line" \
			said_once "mctp-pcc: not building for kernel $stock: it has no MCTP support (CONFIG_MCTP)" mctp-pcc
	fi

	# Step 6: a bad value; the interface is left alone, with a clear message.
	mkdir -p /etc/mctp-pcc.conf.d
	printf '[mctpecho*]\neid = 300\n' >/etc/mctp-pcc.conf.d/50-bad.conf
	since=$(date '+%Y-%m-%d %H:%M:%S')
	modprobe -r mctp_echo
	modprobe mctp_echo echo_devs=1
	check "bad config: the unit fails" wait_for 30 unit_failed mctpecho0
	check "bad config: the journal says which file, line and value" \
		sh -c "journalctl --since '$since' -u mctp-pcc-setup@mctpecho0.service |
			grep -q \"50-bad.conf:2: eid = '300' is not a unicast EID\""
	check "bad config: mctpecho0 left untouched (down, no address)" untouched mctpecho0
	rm /etc/mctp-pcc.conf.d/50-bad.conf
	check "fixed config: systemctl restart mctp-pcc-setup@mctpecho0" \
		systemctl restart mctp-pcc-setup@mctpecho0.service
	check "fixed config: mctpecho0 configured" wait_for 30 configured mctpecho0
	check "fixed config: ping" mctp-pcc-ping -c 3 -i 0.2 -W 5 9
	rmdir /etc/mctp-pcc.conf.d

	# Step 4: kernel B arrives; DKMS builds for it with no command from us.
	if [ -d "$T/kernel-b" ]; then
		step apt-get install -y "$T"/kernel-b/linux-image-*.deb "$T"/kernel-b/linux-headers-*.deb
		check "kernel B image and headers install ($kernel_b)" ran_ok
		check "DKMS built and installed the module for kernel B by itself" \
			sh -c "dkms status -m mctp-pcc -k '$kernel_b' | grep -q ': installed' &&
				find '/lib/modules/$kernel_b/updates' -name 'mctp-pcc.ko*' | grep -q ."
		cp "$work/files-before" "$T/files-before"
	fi
else
	# Step 4, after the reboot into kernel B.
	check "running kernel B; dkms status: installed for it" dkms_installed "$kernel_b"
	echo_test "kernel B" "$old"

	# Steps 5 and 6: the new version is published; apt upgrade brings it,
	# and DKMS rebuilds for every installed kernel (not only the running
	# and the newest, which is all dh_dkms's postinst does).
	publish "$new"
	step apt-get update
	check "apt update: $new published, signed by keys A and B: no warning" sh -c "[ $run_rc -eq 0 ] &&
		! grep -q '^[WE]:' '$log.run' && apt-cache policy mctp-pcc-dkms | grep -q 'Candidate: $new-1'"
	modprobe -r mctp_echo
	step apt-get upgrade -y
	check "apt upgrade" ran_ok
	check "apt upgrade: mctp-pcc-dkms and mctp-pcc-tools $new-1" installed "$new"
	check "apt upgrade: DKMS built $new for kernel A and kernel B, and $old is gone" \
		sh -c "dkms status -m mctp-pcc -v '$new' -k '$kernel_a' | grep -q ': installed' &&
			dkms status -m mctp-pcc -v '$new' -k '$kernel_b' | grep -q ': installed' &&
			[ -z \"\$(dkms status -m mctp-pcc -v '$old')\" ]"
	check "apt upgrade: the stock kernel skipped in one line" \
		said_once "mctp-pcc: kernel $stock has no CONFIG_MCTP: skipped" "$stock"
	check "apt upgrade: keyring package 2, the next key beside the current one" keyring_version 2

	# The key rotation done: the repository signed by the new key alone.
	publish rotated
	step apt-get update
	check "key rotated (signed by the new key alone): apt update, no warning" \
		sh -c "[ $run_rc -eq 0 ] && ! grep -q '^[WE]:' '$log.run'"
	step apt-get upgrade -y
	check "key rotated: apt upgrade brings keyring package 3 (the new key alone)" upgraded_keyring 3
	echo_test "after the upgrade" "$new"
	modprobe -r mctp_echo

	# Step 7: a kernel installed after the upgrade gets its build: kernel
	# A, removed and installed again.
	step apt-get purge -y "linux-image-$kernel_a" "linux-headers-$kernel_a"
	check "kernel A removed, and its build" \
		sh -c "[ $run_rc -eq 0 ] && ! dkms status -m mctp-pcc -k '$kernel_a' | grep -q -F '$kernel_a'"
	step apt-get install -y "$T"/kernel-a/linux-image-*.deb "$T"/kernel-a/linux-headers-*.deb
	check "kernel A installed again: DKMS built $new for it by itself" \
		sh -c "[ $run_rc -eq 0 ] && dkms status -m mctp-pcc -v '$new' -k '$kernel_a' | grep -q ': installed' &&
			find '/lib/modules/$kernel_a/updates' -name 'mctp-pcc.ko*' | grep -q ."

	# Step 8: apt refuses the repository unsigned or signed by another key,
	# and keeps what it had: for the unsigned one an error ("no longer
	# signed", exit status 100); for the other key's signature a warning
	# (NO_PUBKEY, "The repository is not updated and the previous index
	# files will be used", exit status 0).
	for bad in unsigned otherkey; do
		publish "$bad"
		step apt-get update
		check "repository $bad: apt update refuses it" \
			sh -c "{ [ $run_rc -ne 0 ] && grep -q -e 'is not signed' -e 'is no longer signed' '$log.run'; } ||
				{ grep -q NO_PUBKEY '$log.run' && grep -q 'The repository is not updated' '$log.run'; }"
	done
	publish "$new"
	step apt-get update
	check "signed repository back: apt update" ran_ok

	# apt remove (not purge) of the keyring package takes its apt source
	# with it (issue 17): apt update then works, without the repository;
	# the keyring package installed again brings both back.
	step apt-get remove -y mctp-pcc-archive-keyring
	check "keyring package removed (not purged): no apt source left" \
		sh -c "[ $run_rc -eq 0 ] && [ ! -e /etc/apt/sources.list.d/mctp-pcc.sources ]"
	step apt-get update
	check "keyring package removed: apt update, no error or warning" \
		sh -c "[ $run_rc -eq 0 ] && ! grep -q '^[WE]:' '$log.run'"
	step apt-get install -y "$T/repo-rotated/apt/pool/main/mctp-pcc-archive-keyring_3_all.deb"
	check "keyring package 3 installed again: apt update" \
		sh -c "[ $run_rc -eq 0 ] && apt-get update"

	# autopkgtest: debian/tests of the source, against the installed
	# packages, on this machine.
	step autopkgtest -B "$T/source/" -- null
	check "autopkgtest: echo-ping passes (module, udev and helper, ping)" \
		sh -c "[ $run_rc -eq 0 ] && grep -q '^echo-ping  *PASS' '$log.run'"

	# Remove, purge, nothing left behind; reinstall.
	modprobe -r mctp_echo 2>/dev/null
	step apt-get remove -y mctp-pcc-dkms mctp-pcc-tools
	check "apt remove" ran_ok
	check "apt remove: module gone for both kernels" \
		sh -c "! find /lib/modules/*/updates -name 'mctp-pcc.ko*' 2>/dev/null | grep -q ."
	check "apt remove: dkms tree, source, rule, unit, helper gone" \
		sh -c "[ -z \"\$(dkms status -m mctp-pcc)\" ] && [ ! -e /var/lib/dkms/mctp-pcc ] &&
			! ls -d /usr/src/mctp-pcc-* 2>/dev/null && [ ! -e /lib/udev/rules.d/70-mctp-pcc.rules ] &&
			[ ! -e /lib/systemd/system/mctp-pcc-setup@.service ] && [ ! -e /lib/systemd/system/mctp-pcc-peers@.service ] && [ ! -e /usr/libexec/mctp-pcc ]"
	step apt-get purge -y mctp-pcc-dkms mctp-pcc-tools
	check "apt purge" ran_ok
	file_list | kernel_files_out >"$work/files-after"
	kernel_files_out <"$T/files-before" >"$work/files-before"
	check "apt purge: file list as before the install (diff below if not)" \
		diff "$work/files-before" "$work/files-after"
	step apt-get install -y mctp-pcc-dkms
	check "reinstall after purge, by name" ran_ok
	check "reinstall: $new from the repository" installed "$new"
	check "reinstall: installed for the running kernel" dkms_installed "$kernel_b"
	step apt-get purge -y mctp-pcc-dkms mctp-pcc-tools
	check "purge again before the RPM test" ran_ok

	# Step 8: the RPM scriptlets (this Debian system stands in for Fedora;
	# rpm's database knows none of dpkg's packages, hence --nodeps).
	rpms=$T/repo-$new/rpm/packages
	step rpm -i --nodeps "$rpms/mctp-pcc-dkms-$new-1.noarch.rpm" "$rpms/mctp-pcc-tools-$new-1.x86_64.rpm"
	check "rpm -i: %post builds and installs the module" \
		sh -c "[ $run_rc -eq 0 ] && dkms status -m mctp-pcc -k '$kernel_b' | grep -q ': installed'"
	check "rpm -i: %post skips the kernel without MCTP in one line" \
		said_once "mctp-pcc: kernel $stock has no CONFIG_MCTP: skipped" "$stock"
	echo_test "rpm" "$new"
	modprobe -r mctp_echo
	step rpm -e mctp-pcc-dkms mctp-pcc-tools
	check "rpm -e: %preun removes the module and the dkms tree" \
		sh -c "[ $run_rc -eq 0 ] && [ -z \"\$(dkms status -m mctp-pcc)\" ] &&
			! find /lib/modules/*/updates -name 'mctp-pcc.ko*' 2>/dev/null | grep -q ."
fi

# The whole boot, for vm-install.sh to keep (and for anyone to read); and
# nothing in it may have gone wrong.
dmesg >"$T/dmesg-$phase" 2>&1
journalctl -b --no-pager -o short-monotonic >"$T/journal-$phase" 2>&1
check "phase $phase: no kernel warning, BUG or oops in dmesg" \
	sh -c "! grep -E -e 'WARNING:|BUG:|Oops|Call Trace|general protection|segfault' '$T/dmesg-$phase'"
no_failed_unit() {
	systemctl --failed --no-legend --plain
	[ -z "$(systemctl --failed --no-legend --plain)" ]
}
check "phase $phase: no failed systemd unit" no_failed_unit

say "install-vm $phase: $passed passed, $failed failed"
sync
