#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) the Debian 12 root filesystem of the package-install VM
# test: systemd as init, udev, dkms and a compiler, rpm -- what a user's
# machine has when they `apt install` the packages.
#
# usage: rootfs.sh [ARCH]  prints the path of the ext4 image on stdout
#   ARCH: amd64 (the default) or arm64
#
# Cached under $MCTP_PCC_CACHE/rootfs-bookworm[-arm64]-KEY/, KEY being a
# hash of the suite, architecture, mirror, package list and this script, so
# reruns are instant and a changed list makes a new one.  The image is never
# modified by the tests: boot it with `-snapshot` or through a qcow2 overlay.
# Needs root (debootstrap) and the Debian archive: the address this
# machine's apt uses (tests/lib/mirror.sh), or MCTP_PCC_MIRROR.
#
# arm64: foreign binaries cannot run on this host (binfmt_misc is not
# available), so `debootstrap --foreign` only unpacks the packages here;
# its second stage, and the configuration the amd64 system gets in a
# chroot, run inside an arm64 guest: the arm64 distro test kernel
# (MCTP_PCC_ARCH=arm64 tests/kernel/build.sh debug nodebug distro, built
# first if it is not cached) boots the half-made image under QEMU with a
# script as init, once.  Its package list is shorter: no rpm and no
# autopkgtest, which the arm64 install test does not use, and every package
# costs minutes in the emulated second stage.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"
# shellcheck source=tests/lib/mirror.sh
. "$here/../lib/mirror.sh"

SUITE=bookworm
MIRROR=$(debian_mirror)
IMAGE_SIZE=${MCTP_PCC_ROOTFS_SIZE:-4G}
ARCH=${1:-amd64}
case $ARCH in
amd64 | x86_64) ARCH=amd64 ;;
arm64 | aarch64) ARCH=arm64 ;;
*) echo "rootfs.sh: unknown architecture '$ARCH' (amd64 or arm64)" >&2; exit 2 ;;
esac

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
[ "$ARCH" = amd64 ] ||
	PACKAGES="systemd-sysv udev dbus dkms gcc make libc6-dev kmod openssl procps less iproute2"

if [ "$(id -u)" -ne 0 ]; then
	echo "rootfs.sh: debootstrap needs root" >&2
	exit 1
fi
"$here/../lib/install-deps.sh" rootfs >&2
[ "$ARCH" = amd64 ] || "$here/../lib/install-deps.sh" vm-arm64 >&2

key=$( { echo "$SUITE $MIRROR $IMAGE_SIZE $ARCH"; echo "$PACKAGES"; cat "$0"; } | sha256sum | cut -c1-12)
out=$MCTP_PCC_CACHE/rootfs-$SUITE$([ "$ARCH" = amd64 ] || echo "-$ARCH")-$key
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

foreign=
[ "$ARCH" = amd64 ] || foreign="--foreign --arch=$ARCH"
echo "rootfs.sh: debootstrap $foreign $SUITE from $MIRROR into $tmp (a few minutes)" >&2
# shellcheck disable=SC2086 # the package list and the options are split on purpose
if ! debootstrap --variant=minbase --components=main $foreign \
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
echo "deb $MIRROR $SUITE main" >"$tree/etc/apt/sources.list"
# What runs in the new system once its packages are configured: here in a
# chroot (amd64), in the guest after the second stage (arm64).
cat >"$tree/mctp-pcc-configure" <<'EOF'
set -e
systemctl enable mctp-pcc-vm-test.service >/dev/null 2>&1
# Root logs in on the console without a password: a throwaway test VM.
passwd -d root >/dev/null
# First boot makes the machine id.
: >/etc/machine-id
rm -f /var/lib/dbus/machine-id
# Nothing periodic may run in the middle of a test.
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
	fstrim.timer dpkg-db-backup.timer; do
	systemctl mask "$unit" >/dev/null 2>&1 || :
done
systemctl set-default multi-user.target >/dev/null 2>&1
# Installing packages offline: no lists, no cached .debs.
apt-get clean
rm -rf /var/lib/apt/lists/*
# What was installed, for reports and for comparing file lists later.
dpkg-query -W -f '${Package} ${Version}\n' >/mctp-pcc-packages.txt
rm /mctp-pcc-configure
EOF

make_image() {
	echo "rootfs.sh: making $IMAGE_SIZE ext4 image" >&2
	mke2fs -q -t ext4 -L mctp-pcc-root -d "$tree" "$tmp/rootfs.ext4" "$IMAGE_SIZE" >>"$log" 2>&1 || {
		tail -n 5 "$log" >&2
		echo "rootfs.sh: mke2fs failed" >&2
		exit 1
	}
	rm -rf "$tree"
}

if [ "$ARCH" = amd64 ]; then
	chroot "$tree" /bin/sh /mctp-pcc-configure
	mv "$tree/mctp-pcc-packages.txt" "$tmp/packages.txt"
	make_image
else
	# The guest's init: the second stage (which keeps services from
	# starting, with its own policy-rc.d), the configuration, a mark that
	# the host reads back from the image, and off. The script stays until
	# then (a deleted file still open keeps / from going read-only): the
	# host removes it.
	cat >"$tree/mctp-pcc-stage2" <<'EOF'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
echo "mctp-pcc-stage2: debootstrap --second-stage"
if /debootstrap/debootstrap --second-stage && /bin/sh /mctp-pcc-configure; then
	echo "mctp-pcc-stage2: done"
	: >/mctp-pcc-stage2.done
else
	echo "mctp-pcc-stage2: FAILED"
	[ ! -f /debootstrap/debootstrap.log ] || tail -n 40 /debootstrap/debootstrap.log
fi
sync
mount -o remount,ro /
systemctl reboot -ff
EOF
	chmod +x "$tree/mctp-pcc-stage2"
	make_image
	kdir=$(MCTP_PCC_ARCH=$ARCH "$here/../kernel/build.sh" debug nodebug distro)
	# under the kernel lock: build-debs.sh rebuilds that tree in place
	flock "$MCTP_PCC_CACHE/.kernel.lock" cp "$kdir/$(cat "$kdir/.mctp-pcc-image")" "$tmp/kernel"
	# shellcheck source=tests/lib/qemu.sh
	. "$here/../lib/qemu.sh"
	echo "rootfs.sh: the second stage in an $ARCH guest (console: $tmp/stage2.log)" >&2
	t0=$(date +%s)
	qemu_disk_boot "$ARCH" "$tmp/kernel" "root=/dev/vda rw init=/mctp-pcc-stage2 panic=-1" \
		"$tmp/stage2.log" "${MCTP_PCC_STAGE2_TIMEOUT:-3600}" "$tmp/rootfs.ext4" || :
	echo "rootfs.sh: the second stage took $(($(date +%s) - t0))s" >&2
	# (the journal replayed, should the guest not have made / read-only)
	e2fsck -fy "$tmp/rootfs.ext4" >>"$log" 2>&1 || [ $? -lt 4 ] || {
		echo "rootfs.sh: e2fsck after the second stage failed (log: $log)" >&2
		exit 1
	}
	if ! debugfs -R "stat /mctp-pcc-stage2.done" "$tmp/rootfs.ext4" 2>/dev/null | grep -q '^Inode:'; then
		tail -n 40 "$tmp/stage2.log" >&2
		echo "rootfs.sh: the second stage did not finish, console log in $tmp/stage2.log" >&2
		exit 1
	fi
	debugfs -R "dump /mctp-pcc-packages.txt $tmp/packages.txt" "$tmp/rootfs.ext4" >/dev/null 2>&1
	printf 'rm /mctp-pcc-stage2.done\nrm /mctp-pcc-packages.txt\nrm /mctp-pcc-stage2\n' |
		debugfs -w -f - "$tmp/rootfs.ext4" >/dev/null 2>&1
	rm -f "$tmp/kernel"
fi

touch "$tmp/.mctp-pcc-built"
rm -rf "$out"
mv "$tmp" "$out"
echo "$image"
