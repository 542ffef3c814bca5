#!/bin/sh
# Build the test initramfs: static busybox, the module and the emulated PCC
# platform's module (tests/pcc) built against the test kernel, the tools
# linked statically, and the guest test suites.
#
# usage: build-initramfs.sh KERNEL_BUILD_DIR OUT_DIR
# For an arm64 kernel (tests/kernel/build.sh with MCTP_PCC_ARCH=arm64; its
# DIR/.mctp-pcc-make says so) everything is cross-built, and busybox, ip and
# tc come from Debian's arm64 packages (tests/vm/arm64-userland.sh).
# Leaves OUT_DIR/initramfs.cpio.gz, OUT_DIR/module/src/mctp-{pcc,echo}.ko and
# OUT_DIR/pcc-platform/{mctp-pcc-platform,pcc-mbox-client}.ko (guest: /lib/).
set -eu

kdir=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

# what building against this kernel takes (x86_64 trees built before
# build.sh wrote it have none)
kmakeargs=ARCH=x86_64
[ ! -f "$kdir/.mctp-pcc-make" ] || kmakeargs=$(cat "$kdir/.mctp-pcc-make")
case $kmakeargs in
*ARCH=arm64*)
	arch=arm64
	cc=aarch64-linux-gnu-gcc
	userland=$("$here/arm64-userland.sh")
	if [ -n "${MCTP_PCC_VM_EXTRA:-}" ]; then
		echo "build-initramfs.sh: MCTP_PCC_VM_EXTRA (host programs) cannot go into an arm64 initramfs" >&2
		exit 2
	fi
	;;
*)
	arch=x86_64
	cc=cc
	"$here/../lib/install-deps.sh" vm tools >&2
	;;
esac

# build_module DIR NAME: Kbuild module in DIR for the test kernel, W=1,
# no warnings allowed (NAME names the log and the messages)
build_module() {
	# shellcheck disable=SC2086 # make variables without blanks
	make -s -C "$kdir" $kmakeargs M="$1" W=1 modules >"$out/$2.log" 2>&1 || {
		cat "$out/$2.log" >&2
		echo "build-initramfs.sh: $2 build failed" >&2
		exit 1
	}
	if grep -q 'warning:' "$out/$2.log"; then
		cat "$out/$2.log" >&2
		echo "build-initramfs.sh: $2 build has warnings" >&2
		exit 1
	fi
}

# The modules are built from copies, so builds for several kernels can
# share the checkout and leave it clean.
rm -rf "$out/module" "$out/pcc-platform" "$out/root"
mkdir -p "$out/module" "$out/pcc-platform" "$out/root" "$out/bin"
cp -r "$top/src" "$top/VERSION" "$out/module/"
build_module "$out/module/src" module
# the emulated PCC platform's firmware side (tests/pcc; tests only)
cp "$top"/tests/pcc/platform/Kbuild "$top"/tests/pcc/platform/*.c "$out/pcc-platform/"
build_module "$out/pcc-platform" pcc-platform

make -s -C "$top/tools" CC="$cc" O="$out/bin" LDFLAGS=-static >&2
# test-only tools: frame injection, and the benchmark's userspace baseline
for c in "$top"/tests/tools/*.c "$top"/tests/bench/*.c; do
	"$cc" -O2 -Wall -Wextra -Werror -static -o "$out/bin/$(basename "$c" .c)" "$c"
done

root=$out/root
mkdir -p "$root/bin" "$root/lib" "$root/tests" "$root/proc" "$root/sys" \
	"$root/dev" "$root/tmp" "$root/etc"
if [ "$arch" = arm64 ]; then
	cp "$userland/bin/busybox" "$root/bin/busybox"
else
	cp /bin/busybox "$root/bin/busybox"
fi
ln -s busybox "$root/bin/sh"
cp "$out"/bin/* "$root/bin/"
# the packaged helper that configures each new interface (the PCC suite
# runs it from uevents, as the udev rule does)
cp "$top/tools/mctp-pcc-setup" "$root/bin/"
cp "$out/module/src/mctp-pcc.ko" "$out/module/src/mctp-echo.ko" "$root/lib/"
cp "$out"/pcc-platform/*.ko "$root/lib/"
# iproute2's ip, for what busybox's lacks (ip -s link, rtnl link kinds),
# and its tc (netem), with the shared libraries they need; and the
# programs in $MCTP_PCC_VM_EXTRA (run-mctpd.sh's mctpd), in /usr/bin.
mkdir -p "$root/sbin" "$root/usr/bin"
if [ "$arch" = arm64 ]; then
	# ip, tc and their libraries, laid out as in the guest
	(cd "$userland" && find sbin lib usr -type f) | while read -r f; do
		mkdir -p "$root/$(dirname "$f")"
		cp "$userland/$f" "$root/$f"
	done
else
	cp "$(command -v ip)" "$root/sbin/ip"
	cp "$(command -v tc)" "$root/sbin/tc"
	# shellcheck disable=SC2086 # a list of paths without blanks
	[ -z "${MCTP_PCC_VM_EXTRA:-}" ] || cp ${MCTP_PCC_VM_EXTRA} "$root/usr/bin/"
	# shellcheck disable=SC2086
	ldd "$(command -v ip)" "$(command -v tc)" ${MCTP_PCC_VM_EXTRA:-} |
		awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' | sort -u |
		while read -r lib; do
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
fi
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
cp "$here/guest/init" "$root/init"
cp "$here"/guest/*.sh "$root/tests/"
chmod 0755 "$root/init" "$root/bin/"*
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out/initramfs.cpio.gz"
