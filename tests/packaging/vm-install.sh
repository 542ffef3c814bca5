#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the packages as a user would (issue 3): a Debian 12 system with
# systemd as init (tests/packaging/rootfs.sh), booted under QEMU TCG, first
# with test kernel A, then -- after installing kernel B in it -- with B.
# The guest side is tests/packaging/guest/install-test.sh.
#
# usage: vm-install.sh KERNEL_A_DIR KERNEL_B_DIR
#   Each directory holds one test kernel, packaged with the kernel tree's
#   `make bindeb-pkg`: bzImage, linux-image-REL_*.deb, linux-headers-REL_*.deb.
#   A and B must have different release strings (LOCALVERSION), CONFIG_MCTP,
#   and what booting Debian from a virtio disk needs (systemd: CGROUPS,
#   INOTIFY_USER, FHANDLE, DEVTMPFS, ...; VIRTIO_PCI, VIRTIO_BLK, EXT4_FS
#   built in).
# Ends with "install-vm: N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

[ $# -eq 2 ] || { sed -n '2,15s/^# \{0,1\}//p' "$0" >&2; exit 2; }
"$top/tests/lib/install-deps.sh" vm pkg rootfs >&2 || exit 1

out=${MCTP_PCC_BUILD:-$top/build}/install-vm
# Each boot takes 5-8 minutes on 2 cores; a hung guest must not eat the
# whole CI budget.
limit=${MCTP_PCC_VM_TIMEOUT:-1500}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
die() { echo "vm-install: $*" >&2; echo "install-vm: $passed passed, $((failed + 1)) failed"; exit 1; }

rm -rf "$out"
mkdir -p "$out/payload/packages"
payload=$out/payload

# kernel NAME DIR: copy a kernel's bzImage and packages for the guest.
kernel() {
	_name=$1
	_dir=$2
	_image=
	for _f in "$_dir"/linux-image-*.deb; do
		case $_f in *-dbg_*) ;; *) _image=$_f ;; esac
	done
	if [ ! -f "$_dir/bzImage" ] || [ -z "$_image" ] || [ ! -f "$_image" ]; then
		die "$_dir: want bzImage and linux-image-*.deb"
	fi
	set -- "$_dir"/linux-headers-*.deb
	[ -f "$1" ] || die "$_dir: no linux-headers-*.deb"
	mkdir -p "$payload/kernel-$_name"
	_rel=$(dpkg-deb -f "$_image" Package) || die "$_image: not a package"
	echo "${_rel#linux-image-}" >"$payload/kernel-$_name/release"
	cp "$_image" "$1" "$payload/kernel-$_name/"
	cp "$_dir/bzImage" "$out/bzImage-$_name"
}
kernel a "$1"
kernel b "$2"
[ "$(cat "$payload/kernel-a/release")" != "$(cat "$payload/kernel-b/release")" ] ||
	die "kernels A and B have the same release string"

# The packages, built from the tree.
make -s -C "$top" deb rpm >"$out/build.log" 2>&1 || {
	tail -n 30 "$out/build.log" >&2
	die "make deb rpm failed (log: $out/build.log)"
}
pkgs=${MCTP_PCC_BUILD:-$top/build}/packages
cp "$pkgs"/mctp-pcc-dkms_*_all.deb "$pkgs"/mctp-pcc-tools_*_amd64.deb \
	"$pkgs"/mctp-pcc-dkms-*.noarch.rpm "$pkgs"/mctp-pcc-tools-*.x86_64.rpm "$payload/packages/"
cp "$top/VERSION" "$here/guest/install-test.sh" "$payload/"
printf '#!/bin/sh\nexec sh /mnt/test/install-test.sh\n' >"$payload/run"

# Debian's stock headers (a kernel without CONFIG_MCTP) and what they need
# beyond the root filesystem, fetched once into the cache.
meta=$(apt-cache depends --no-recommends --no-suggests linux-headers-amd64 2>/dev/null |
	sed -n 's/^ *Depends: \(linux-headers-[^ ]*\)$/\1/p' | head -n 1)
[ -n "$meta" ] || { apt-get update >/dev/null 2>&1; meta=$(apt-cache depends linux-headers-amd64 |
	sed -n 's/^ *Depends: \(linux-headers-[^ ]*\)$/\1/p' | head -n 1); }
[ -n "$meta" ] || die "cannot find Debian's linux-headers package"
stock=$MCTP_PCC_CACHE/stock-headers-$meta
if [ ! -f "$stock/.complete" ]; then
	rm -rf "$stock"
	mkdir -p "$stock"
	deps=$(apt-cache depends --no-recommends --no-suggests "$meta" |
		sed -n 's/^ *Depends: \(linux-[^ ]*\)$/\1/p')
	# shellcheck disable=SC2086 # one argument per package
	(cd "$stock" && apt-get download "$meta" $deps) >"$out/download.log" 2>&1 ||
		die "apt-get download $meta failed (log: $out/download.log)"
	touch "$stock/.complete"
fi
mkdir -p "$payload/stock-headers"
cp "$stock"/*.deb "$payload/stock-headers/"

rootfs=$("$here/rootfs.sh") || die "rootfs.sh failed"
cp --sparse=always "$rootfs" "$out/disk.ext4"
mke2fs -q -t ext4 -L mctp-pcc-test -d "$payload" "$out/payload.ext4" 2G >/dev/null ||
	die "mke2fs of the payload failed"

# boot PHASE: boot kernel PHASE with the disk and the payload; the guest
# runs install-test.sh and powers off.
boot() {
	echo "vm-install: booting kernel $1 ($(cat "$payload/kernel-$1/release")), log $out/console-$1.log"
	_t0=$(date +%s)
	# KVM is present here but its guests hang: software emulation.
	timeout --foreground -k 10 "$limit" \
		qemu-system-x86_64 -accel tcg -smp 2 -m 2048 \
		-nographic -no-reboot -monitor none -serial stdio \
		-kernel "$out/bzImage-$1" \
		-append "console=ttyS0 root=/dev/vda rw panic=-1 systemd.show_status=0" \
		-drive "file=$out/disk.ext4,format=raw,if=virtio" \
		-drive "file=$out/payload.ext4,format=raw,if=virtio" \
		</dev/null >"$out/console-$1.log" 2>&1
	echo "vm-install: kernel $1's boot took $(($(date +%s) - _t0))s"
	# What the guest saved of its boot: the result, the journal, dmesg,
	# the output of each install step.
	for _f in result journal dmesg transcript; do
		debugfs -R "cat /$_f-$1" "$out/payload.ext4" 2>/dev/null >"$out/$_f-$1"
	done
	if grep -q "^install-vm $1: " "$out/result-$1"; then
		grep -v "^install-vm $1: " "$out/result-$1"
		passed=$((passed + $(grep -c '^ok ' "$out/result-$1")))
		failed=$((failed + $(grep -c '^FAIL ' "$out/result-$1")))
	else
		[ ! -s "$out/result-$1" ] || cat "$out/result-$1"
		nok "phase $1 did not finish (console log: $out/console-$1.log)"
		tail -n 40 "$out/console-$1.log" | sed 's/^/     | /'
	fi
}
boot a
# Into kernel B as the guest installed it: its package's /boot/vmlinuz
# (there is no boot loader; QEMU loads the kernel).
rel_b=$(cat "$payload/kernel-b/release")
if debugfs -R "dump /boot/vmlinuz-$rel_b $out/vmlinuz-b" "$out/disk.ext4" >/dev/null 2>&1 &&
	[ -s "$out/vmlinuz-b" ]; then
	ok "kernel B's package installed /boot/vmlinuz-$rel_b: booting it"
	cp "$out/vmlinuz-b" "$out/bzImage-b"
else
	nok "no /boot/vmlinuz-$rel_b in the guest after phase a: booting kernel B's bzImage"
fi
boot b

[ -z "${MCTP_PCC_INSTALL_T0:-}" ] ||
	echo "vm-install: $(($(date +%s) - MCTP_PCC_INSTALL_T0))s with the kernels and the root filesystem"
echo "install-vm: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
