#!/bin/sh
# Package the distro test kernel as linux-image and linux-headers .debs
# (the kernel tree's bindeb-pkg), for installing into a Debian system.
#
# usage: build-debs.sh LOCALVERSION   e.g. -mctp1, -mctp2: a different
#                                     version string is a different kernel
# Prints the directory holding the .debs and that kernel's image (bzImage;
# Image for arm64). Cached like the kernel itself.
# $MCTP_PCC_ARCH=arm64: the arm64 distro kernel (tests/kernel/build.sh
# cross-builds it, arm64.config merged last), packaged as arm64 .debs; its
# headers package holds arm64 host programs (fixdep, modpost: the kernel's
# packaging rebuilds them with the cross compiler), as an arm64 machine
# needs to build modules.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"

localversion=$1
case $localversion in
-[a-z0-9]*) ;;
*) echo "build-debs.sh: LOCALVERSION must look like -mctp1" >&2; exit 2 ;;
esac

"$here/../lib/install-deps.sh" kernel kernel-debs >&2
kdir=$("$here/build.sh" debug nodebug distro)
debs=$kdir-debs$localversion
if [ -f "$debs/.mctp-pcc-built" ]; then
	echo "$debs"
	exit 0
fi

exec 9>"$MCTP_PCC_CACHE/.kernel.lock"
flock 9
echo "build-debs.sh: packaging the kernel as $localversion (a few minutes)" >&2
rm -rf "$debs"
mkdir -p "$debs"
# Cross-built (arm64): dpkg-buildpackage would want the target's
# libssl-dev:arm64 for the headers package's host programs, but the one
# needing it (sign-file) is built only with module signing, which the test
# kernels do not have: no build-dependency check (-d).
dpkg_flags=
case $(cat "$kdir/.mctp-pcc-make") in *CROSS_COMPILE=*) dpkg_flags=-d ;; esac
# bindeb-pkg leaves its packages beside the build tree: collect them.
rm -f "$kdir"/../linux-*"$localversion"*.deb "$kdir"/../linux-upstream*
# shellcheck disable=SC2046 # the make variables of that tree's architecture
make -C "$kdir" $(cat "$kdir/.mctp-pcc-make") -j"$(nproc)" LOCALVERSION="$localversion" \
	KDEB_PKGVERSION="6.12.0$(echo "$localversion" | tr -d -)-1" DPKG_FLAGS="$dpkg_flags" \
	bindeb-pkg >"$debs/build.log" 2>&1 || {
	tail -n 40 "$debs/build.log" >&2
	echo "build-debs.sh: bindeb-pkg failed, full log in $debs/build.log" >&2
	exit 1
}
mv "$kdir"/../linux-image-*"$localversion"_*.deb "$kdir"/../linux-headers-*"$localversion"_*.deb "$debs/"
rm -f "$kdir"/../linux-libc-dev_*.deb "$kdir"/../linux-upstream* "$kdir"/../linux-image-*-dbg_*.deb
# the tree is rebuilt for each LOCALVERSION: keep this one's kernel image
image=$(cat "$kdir/.mctp-pcc-image")
cp "$kdir/$image" "$debs/${image##*/}"
touch "$debs/.mctp-pcc-built"
echo "$debs"
