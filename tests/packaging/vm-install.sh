#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the packages as a user would (issues 3 and 12): a Debian 12
# system with systemd as init (tests/packaging/rootfs.sh), booted under QEMU
# TCG, first with test kernel A, then -- after installing kernel B in it --
# with B.  The packages come from signed repositories made here with a
# throwaway key (make repo): this tree's version, then 0.1.1 published
# into it with the next key beside the first, then the first key retired;
# the guest reads them as file:/srv/mctp-pcc, never over a network.  The guest side is tests/packaging/guest/install-test.sh.
#
# usage: vm-install.sh KERNEL_A_DIR KERNEL_B_DIR
#        vm-install.sh --arch arm64 KERNEL_A_DIR
#   Each directory holds one test kernel, packaged with the kernel tree's
#   `make bindeb-pkg`: bzImage (arm64: Image), linux-image-REL_*.deb,
#   linux-headers-REL_*.deb. A and B must have different release strings
#   (LOCALVERSION), CONFIG_MCTP, and what booting Debian from a virtio disk
#   needs (systemd: CGROUPS, INOTIFY_USER, FHANDLE, DEVTMPFS, ...;
#   VIRTIO_PCI, VIRTIO_BLK, EXT4_FS built in).
#   --arch arm64: an arm64 guest (the rootfs.sh arm64 image, booted under
#   UEFI on QEMU's virt machine) with one kernel, and the checks of phase a
#   up to kernel B (install-test.sh runs what the payload has: no kernel B,
#   no stock headers, no next version here).
# Ends with "install-vm: N passed, N failed" (arm64: "install-vm-arm64:").
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

arch=amd64
if [ "${1:-}" = --arch ]; then
	arch=$2
	shift 2
fi
case $arch:$# in
amd64:2 | x86_64:2) arch=amd64 ;;
arm64:1 | aarch64:1) arch=arm64 ;;
*) sed -n '2,26s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
name=install-vm
[ "$arch" = amd64 ] || name=install-vm-$arch
"$top/tests/lib/install-deps.sh" pkg repo rootfs pcc "$([ "$arch" = amd64 ] && echo vm || echo vm-arm64)" >&2 ||
	exit 1
# shellcheck source=tests/lib/qemu.sh
. "$here/../lib/qemu.sh"

out=${MCTP_PCC_BUILD:-$top/build}/$name
# Each boot takes 5-8 minutes on 2 cores; a hung guest must not eat the
# whole CI budget.
limit=${MCTP_PCC_VM_TIMEOUT:-$([ "$arch" = amd64 ] && echo 1500 || echo 2400)}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
nok() { failed=$((failed + 1)); echo "FAIL $1"; }
die() { echo "vm-install: $*" >&2; echo "$name: $passed passed, $((failed + 1)) failed"; exit 1; }

rm -rf "$out"
mkdir -p "$out/payload"
payload=$out/payload

# kernel NAME DIR: copy a kernel's image and packages for the guest.
image=bzImage
[ "$arch" = amd64 ] || image=Image
kernel() {
	_name=$1
	_dir=$2
	_image=
	for _f in "$_dir"/linux-image-*.deb; do
		case $_f in *-dbg_*) ;; *) _image=$_f ;; esac
	done
	if [ ! -f "$_dir/$image" ] || [ -z "$_image" ] || [ ! -f "$_image" ]; then
		die "$_dir: want $image and linux-image-*.deb"
	fi
	set -- "$_dir"/linux-headers-*.deb
	[ -f "$1" ] || die "$_dir: no linux-headers-*.deb"
	mkdir -p "$payload/kernel-$_name"
	_rel=$(dpkg-deb -f "$_image" Package) || die "$_image: not a package"
	echo "${_rel#linux-image-}" >"$payload/kernel-$_name/release"
	cp "$_image" "$1" "$payload/kernel-$_name/"
	cp "$_dir/$image" "$out/image-$_name"
}
kernel a "$1"
kernels=$#
if [ "$kernels" -eq 2 ]; then
	kernel b "$2"
	[ "$(cat "$payload/kernel-a/release")" != "$(cat "$payload/kernel-b/release")" ] ||
		die "kernels A and B have the same release string"
fi

# The emulated PCC platform (tests/pcc) for the first boot on amd64 (issue
# 17: the link right after install): its ACPI tables give the machine a
# DMT0001 device, as firmware with an MCTP-over-PCC channel does; its
# firmware side is a module, built here against kernel A's headers
# package, which the guest loads before it installs mctp-pcc-dkms. (The
# arm64 guest boots without: its tables would come through the initrd.)
if [ "$arch" = amd64 ]; then
	"$top/tests/pcc/build-tables.sh" "$out/pcc" >"$out/pcc.log" 2>&1 ||
		die "tests/pcc/build-tables.sh failed (log: $out/pcc.log)"
	mkdir -p "$out/headers-a" "$out/pcc-platform"
	dpkg-deb -x "$payload"/kernel-a/linux-headers-*.deb "$out/headers-a" ||
		die "cannot unpack kernel A's headers"
	cp "$top"/tests/pcc/platform/Kbuild "$top"/tests/pcc/platform/*.c "$out/pcc-platform/"
	make -s -C "$out/headers-a/usr/src/linux-headers-$(cat "$payload/kernel-a/release")" \
		M="$out/pcc-platform" modules >>"$out/pcc.log" 2>&1 ||
		die "the PCC platform module does not build against kernel A's headers (log: $out/pcc.log)"
	cp "$out/pcc-platform/mctp-pcc-platform.ko" "$payload/"
fi

# The repositories, as a user's machine finds them at file:/srv/mctp-pcc
# (the guest points that at one of these): signed with a throwaway key,
# first with this tree's version, then with a 0.1.1 made from it published
# into it; and two that apt must refuse: unsigned, and signed by another
# key.
# shellcheck source=tests/lib/packaging.sh
. "$here/../lib/packaging.sh"
test_key "$out/gnupg-other" "someone else" || die "cannot make a test key"
other=$MCTP_PCC_SIGNING_KEY
test_key "$out/gnupg" || die "cannot make a test key"
key_a=$MCTP_PCC_SIGNING_KEY
# The next key, for the key rotation (issue 17): NEXT is published signed by
# A and B with keyring package 2 (both keys); then "rotated", the same
# signed by B alone with keyring package 3.
gpg --batch --quiet --passphrase '' --quick-generate-key "mctp-pcc next key <next@invalid>" \
	rsa3072 sign 1d 2>/dev/null || die "cannot make the next test key"
key_b=$(gpg --batch --with-colons --list-secret-keys next@invalid | awk -F: '$1 == "fpr" { print $10; exit }')
version=$(cat "$top/VERSION")
next=0.1.1
[ "$next" != "$version" ] || next=$version.1
url=file:/srv/mctp-pcc
# packages DIR BUILD: make deb rpm in tree DIR, output in BUILD: amd64 and
# x86_64 only for the amd64 guest, which needs no arm64 packages
# (tests/packaging/run.sh checks those); the arm64 guest's tools
# cross-built as well.
packages() {
	MCTP_PCC_BUILD=$2 make -s -C "$1" deb rpm CROSS="$([ "$arch" = amd64 ] && echo no || echo yes)" \
		>"$out/build.log" 2>&1 || {
		tail -n 30 "$out/build.log" >&2
		die "make deb rpm in $1 failed (log: $out/build.log)"
	}
}
packages "$top" "$out/build-$version"
make -s -C "$top" repo MCTP_PCC_BUILD="$out/build-$version" REPO_URL=$url \
	REPO_DIR="$payload/repo-$version" >"$out/repo.log" 2>&1 || die "make repo failed (log: $out/repo.log)"
echo "$version" >"$payload/version-old"
cp "$here/guest/install-test.sh" "$payload/"
printf '#!/bin/sh\nexec sh /mnt/test/install-test.sh\n' >"$payload/run"
# What only phase b (the amd64 guest, with kernel B) uses: the next
# version, the repositories apt must refuse, Debian's stock headers.
phase_b_payload() {
	# The next version: this tree with make new-version, as a maintainer does.
	copy_checkout "$top" "$out/tree-$next"
	make -s -C "$out/tree-$next" new-version NEW="$next" >/dev/null || die "make new-version failed"
	packages "$out/tree-$next" "$out/build-$next"
	# debian/tests with their source, for autopkgtest in the guest.
	cp -R "$out/tree-$next" "$payload/source"
	cp -R "$payload/repo-$version" "$payload/repo-$next"
	MCTP_PCC_SIGNING_KEY="$key_a $key_b" make -s -C "$top" repo MCTP_PCC_BUILD="$out/build-$next" REPO_URL=$url \
		REPO_DIR="$payload/repo-$next" >"$out/repo.log" 2>&1 || die "make repo ($next) failed (log: $out/repo.log)"
	cp -R "$payload/repo-$next" "$payload/repo-rotated"
	MCTP_PCC_SIGNING_KEY=$key_b make -s -C "$top" repo MCTP_PCC_BUILD="$out/build-$next" REPO_URL=$url \
		REPO_DIR="$payload/repo-rotated" >"$out/repo.log" 2>&1 || die "make repo (rotated) failed (log: $out/repo.log)"
	cp -R "$payload/repo-$next" "$payload/repo-unsigned"
	rm "$payload/repo-unsigned/apt/dists/stable/InRelease" "$payload/repo-unsigned/apt/dists/stable/Release.gpg"
	cp -R "$payload/repo-$next" "$payload/repo-otherkey"
	for f in InRelease Release.gpg; do
		case $f in InRelease) how=--clearsign ;; *) how="--detach-sign --armor" ;; esac
		# shellcheck disable=SC2086 # $how is two options for one of them
		GNUPGHOME=$out/gnupg-other gpg --batch --yes -u "$other" $how \
			-o "$payload/repo-otherkey/apt/dists/stable/$f" "$payload/repo-otherkey/apt/dists/stable/Release"
	done
	echo "$next" >"$payload/version-new"

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
	# The headers metapackage too (linux-headers-amd64, which depends on
	# $meta): debian/tests's echo-ping depends on it, as a user's system
	# has it.
	if [ ! -f "$stock/.complete-metapackage" ]; then
		(cd "$stock" && apt-get download linux-headers-amd64) >"$out/download.log" 2>&1 ||
			die "apt-get download linux-headers-amd64 failed (log: $out/download.log)"
		touch "$stock/.complete-metapackage"
	fi
	mkdir -p "$payload/stock-headers"
	cp "$stock"/*.deb "$payload/stock-headers/"
}
[ "$kernels" -eq 1 ] || phase_b_payload

rootfs=$("$here/rootfs.sh" "$arch") || die "rootfs.sh $arch failed"
cp --sparse=always "$rootfs" "$out/disk.ext4"
mke2fs -q -t ext4 -L mctp-pcc-test -d "$payload" "$out/payload.ext4" 2G >/dev/null ||
	die "mke2fs of the payload failed"

# boot PHASE [QEMU_ARG...]: boot kernel PHASE with the disk and the payload
# (and QEMU_ARGs; $append: more of the kernel command line); the guest
# runs install-test.sh and powers off.
boot() {
	_phase=$1
	shift
	echo "vm-install: booting kernel $_phase ($(cat "$payload/kernel-$_phase/release")), log $out/console-$_phase.log"
	_t0=$(date +%s)
	qemu_disk_boot "$arch" "$out/image-$_phase" \
		"root=/dev/vda rw panic=-1 systemd.show_status=0${append:+ $append}" \
		"$out/console-$_phase.log" "$limit" "$out/disk.ext4" "$out/payload.ext4" -- "$@"
	echo "vm-install: kernel $_phase's boot took $(($(date +%s) - _t0))s"
	# What the guest saved of its boot: the result, the journal, dmesg,
	# the output of each install step.
	for _f in result journal dmesg transcript; do
		debugfs -R "cat /$_f-$_phase" "$out/payload.ext4" 2>/dev/null >"$out/$_f-$_phase"
	done
	if grep -q "^install-vm $_phase: " "$out/result-$_phase"; then
		grep -v "^install-vm $_phase: " "$out/result-$_phase"
		passed=$((passed + $(grep -c '^ok ' "$out/result-$_phase")))
		failed=$((failed + $(grep -c '^FAIL ' "$out/result-$_phase")))
	else
		[ ! -s "$out/result-$_phase" ] || cat "$out/result-$_phase"
		nok "phase $_phase did not finish (console log: $out/console-$_phase.log)"
		tail -n 40 "$out/console-$_phase.log" | sed 's/^/     | /'
	fi
}
append=
if [ "$arch" = amd64 ]; then
	# Kernel A's boot has the PCC platform's tables, and its memory kept
	# from the kernel (tests/vm/boot.sh does the same for the pcc suites);
	# kernel B's has neither.
	# shellcheck disable=SC2016 # a literal '$': QEMU passes it on as it is
	append='memmap=1M$0x5ff00000'
	boot a -acpitable "file=$out/pcc/pcct.aml" -acpitable "file=$out/pcc/ssdt-mctp.aml"
	append=
else
	boot a
fi
if [ "$kernels" -eq 2 ]; then
	# Into kernel B as the guest installed it: its package's /boot/vmlinuz
	# (there is no boot loader; QEMU loads the kernel).
	rel_b=$(cat "$payload/kernel-b/release")
	if debugfs -R "dump /boot/vmlinuz-$rel_b $out/vmlinuz-b" "$out/disk.ext4" >/dev/null 2>&1 &&
		[ -s "$out/vmlinuz-b" ]; then
		ok "kernel B's package installed /boot/vmlinuz-$rel_b: booting it"
		cp "$out/vmlinuz-b" "$out/image-b"
	else
		nok "no /boot/vmlinuz-$rel_b in the guest after phase a: booting kernel B's bzImage"
	fi
	boot b
fi

[ -z "${MCTP_PCC_INSTALL_T0:-}" ] ||
	echo "vm-install: $(($(date +%s) - MCTP_PCC_INSTALL_T0))s with the kernels and the root filesystem"
echo "$name: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
