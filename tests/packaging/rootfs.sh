#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) the Debian 12 root filesystem of the package-install VM
# test: systemd as init, udev, dkms and a compiler, rpm -- what a user's
# machine has when they `apt install` the packages.
#
# usage: rootfs.sh        prints the path of the ext4 image on stdout
#
# Cached under $MCTP_PCC_CACHE/rootfs-bookworm-KEY/, KEY being a hash of
# the suite, mirror, package list and this script, so reruns are instant
# and a changed list makes a new one.  The image is never modified by the
# tests: boot it with `-snapshot` or through a qcow2 overlay.
# Needs root (debootstrap) and the Debian archive: the address this
# machine's apt uses (tests/lib/mirror.sh), or MCTP_PCC_MIRROR.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"
# shellcheck source=tests/lib/mirror.sh
. "$here/../lib/mirror.sh"

SUITE=bookworm
MIRROR=$(debian_mirror)
IMAGE_SIZE=${MCTP_PCC_ROOTFS_SIZE:-4G}

# systemd-sysv udev dbus: systemd as init, udev events for the rule and
#   template unit, systemctl and journalctl as a user has them
# dkms gcc make libc6-dev kmod: DKMS builds against the test kernel's headers
# openssl: dkms's module-signing key (mok.key, mok.pub)
# rpm: the RPM scriptlet test (rpm -i with dkms present)
# procps less: ps, and journalctl's pager when someone looks by hand
# autopkgtest: runs the package's debian/tests in the VM
# iproute2: tc, which mctp-pcc-dkms depends on (the helper's FIFO qdisc);
#   the guest has no network to fetch it from
PACKAGES="systemd-sysv udev dbus dkms gcc make libc6-dev kmod openssl rpm procps less autopkgtest iproute2"

if [ "$(id -u)" -ne 0 ]; then
	echo "rootfs.sh: debootstrap needs root" >&2
	exit 1
fi
"$here/../lib/install-deps.sh" rootfs >&2

key=$( { echo "$SUITE $MIRROR $IMAGE_SIZE"; echo "$PACKAGES"; cat "$0"; } | sha256sum | cut -c1-12)
out=$MCTP_PCC_CACHE/rootfs-$SUITE-$key
image=$out/rootfs.ext4

mkdir -p "$MCTP_PCC_CACHE"
exec 9>"$MCTP_PCC_CACHE/.rootfs.lock"
flock 9

if [ -f "$out/.mctp-pcc-built" ]; then
	echo "$image"
	exit 0
fi

tmp=$out.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
tree=$tmp/tree
log=$tmp/build.log

echo "rootfs.sh: debootstrap $SUITE from $MIRROR into $tmp (a few minutes)" >&2
# shellcheck disable=SC2086 # the package list is split on purpose
if ! debootstrap --variant=minbase --components=main \
	--include="$(echo $PACKAGES | tr ' ' ,)" \
	"$SUITE" "$tree" "$MIRROR" >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "rootfs.sh: debootstrap failed, full log in $log" >&2
	exit 1
fi

# The guest: one disk (/dev/vda, ext4), serial console, no network.
echo mctp-pcc-vm >"$tree/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tmctp-pcc-vm\n' >"$tree/etc/hosts"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$tree/etc/fstab"
# The test payload (vm-install.sh's second disk), if there is one: its
# `run` is started once the system is up, and the VM powers off after it.
# udev may take long to name it under TCG on a loaded host: without the
# disk after 10s, systemd gave up and the test silently never ran.
echo "LABEL=mctp-pcc-test /mnt/test ext4 rw,nofail,x-systemd.device-timeout=300s 0 0" >>"$tree/etc/fstab"
mkdir -p "$tree/mnt/test"
cat >"$tree/etc/systemd/system/mctp-pcc-vm-test.service" <<'EOF'
[Unit]
Description=mctp-pcc package test from the payload disk
# Not After=multi-user.target: the target is ordered after the units it
# wants, so that would be an ordering cycle that systemd breaks by
# dropping one of them.
Wants=mnt-test.mount
After=mnt-test.mount
ConditionPathExists=/mnt/test/run
SuccessAction=poweroff
FailureAction=poweroff

[Service]
Type=oneshot
ExecStart=/bin/sh /mnt/test/run
StandardOutput=journal+console
StandardError=journal+console
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
EOF
chroot "$tree" systemctl enable mctp-pcc-vm-test.service >/dev/null 2>&1
echo "deb $MIRROR $SUITE main" >"$tree/etc/apt/sources.list"
# Root logs in on the console without a password: a throwaway test VM.
chroot "$tree" passwd -d root >/dev/null
# First boot makes the machine id.
: >"$tree/etc/machine-id"
rm -f "$tree/var/lib/dbus/machine-id"
# Nothing periodic may run in the middle of a test.
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
	fstrim.timer dpkg-db-backup.timer; do
	chroot "$tree" systemctl mask "$unit" >/dev/null 2>&1 || :
done
chroot "$tree" systemctl set-default multi-user.target >/dev/null 2>&1
# Installing packages offline: no lists, no cached .debs.
chroot "$tree" apt-get clean
rm -rf "$tree"/var/lib/apt/lists/*
# What was installed, for reports and for comparing file lists later.
# shellcheck disable=SC2016 # dpkg-query's format, not the shell's
chroot "$tree" dpkg-query -W -f '${Package} ${Version}\n' >"$tmp/packages.txt"

echo "rootfs.sh: making $IMAGE_SIZE ext4 image" >&2
mke2fs -q -t ext4 -L mctp-pcc-root -d "$tree" "$tmp/rootfs.ext4" "$IMAGE_SIZE" >>"$log" 2>&1 || {
	tail -n 5 "$log" >&2
	echo "rootfs.sh: mke2fs failed" >&2
	exit 1
}
rm -rf "$tree"

touch "$tmp/.mctp-pcc-built"
rm -rf "$out"
mv "$tmp" "$out"
echo "$image"
