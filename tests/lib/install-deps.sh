#!/bin/sh
# Install the Debian packages a part of the harness needs, if missing.
# usage: install-deps.sh GROUP...   (kernel, vm, pcc, tools, lint, mctpd, pkg,
#                                   rootfs, repo)
set -eu

pkgs=
for group in "$@"; do
	case $group in
	kernel) pkgs="$pkgs linux-source-6.12 build-essential bc flex bison libelf-dev libssl-dev xz-utils kmod cpio" ;;
	kernel-debs) pkgs="$pkgs dpkg-dev fakeroot rsync" ;;
	bench) pkgs="$pkgs gnuplot-nox" ;;
	cross-arm64) pkgs="$pkgs gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;;
	vm-arm64) pkgs="$pkgs qemu-system-arm qemu-efi-aarch64 cpio gzip" ;;
	matrix) pkgs="$pkgs linux-source-6.1 gcc-aarch64-linux-gnu" ;;
	vm) pkgs="$pkgs qemu-system-x86 busybox-static cpio gzip iproute2" ;;
	pcc) pkgs="$pkgs acpica-tools" ;; # iasl, for the emulated PCC platform's tables
	tools) pkgs="$pkgs build-essential" ;;
	lint) pkgs="$pkgs sparse shellcheck" ;;
	mctpd) pkgs="$pkgs dbus-daemon systemd" ;; # what run-mctpd.sh runs with mctpd
	pkg) pkgs="$pkgs debhelper dh-dkms dkms lintian rpm rpmlint fakeroot debugedit elfutils file" ;;
	# the tools for arm64 (make deb, make rpm): Debian's cross compiler and
	# the archive's arm64 libc through multiarch
	cross) pkgs="$pkgs gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev:arm64" ;;
	rootfs) pkgs="$pkgs debootstrap e2fsprogs" ;;
	repo) pkgs="$pkgs apt-utils createrepo-c gnupg gpgv dnf" ;; # make repo, and dnf to read it
	*) echo "install-deps.sh: unknown group '$group'" >&2; exit 2 ;;
	esac
done

missing=
for p in $pkgs; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
case $missing in
*:arm64*)
	dpkg --print-foreign-architectures | grep -qx arm64 || {
		[ "$(id -u)" -eq 0 ] && echo "install-deps.sh: dpkg --add-architecture arm64" >&2 &&
			dpkg --add-architecture arm64 && apt-get update >/dev/null
	} || { echo "install-deps.sh: needs dpkg --add-architecture arm64 (as root)" >&2; exit 1; }
	;;
esac

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps.sh: missing packages:$missing (run as root, or install them)" >&2
	exit 1
fi
echo "install-deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# An apt cache with no lists finds nothing: refresh it once if needed.
# shellcheck disable=SC2086 # word splitting of the package list is wanted
apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
	apt-get update >/dev/null
	# shellcheck disable=SC2086 # word splitting of the package list is wanted
	apt-get install -y --no-install-recommends $missing >/dev/null
}
