#!/bin/sh
# The arm64 programs the test initramfs needs from Debian (binfmt_misc does
# not work on these machines, so nothing foreign runs on the host): static
# busybox, and iproute2's ip and tc with the shared libraries they need.
# Fetched from this release's suite of the archive this machine's apt uses
# (tests/lib/mirror.sh), through a private apt configuration for arm64 (the
# system's is left alone), unpacked with dpkg-deb -x.
#
# usage: arm64-userland.sh
# Prints a directory holding bin/busybox, sbin/ip, sbin/tc and, under lib/
# and usr/lib/, the libraries they load (found through their DT_NEEDED
# entries). Cached under $MCTP_PCC_CACHE; the package lists are refreshed
# at most once a day.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"
# shellcheck source=tests/lib/mirror.sh
. "$here/../lib/mirror.sh"

"$here/../lib/install-deps.sh" cross-arm64 >&2
codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d "\"'")
mirror=$(debian_mirror)
dir=$MCTP_PCC_CACHE/apt-$codename-arm64
out=$dir/userland
[ ! -f "$out/.mctp-pcc-done" ] || { echo "$out"; exit 0; }

mkdir -p "$dir/lists/partial" "$dir/archives/partial"
echo "deb [arch=arm64] $mirror $codename main" >"$dir/sources.list"
: >"$dir/status"
apt_arm64() {
	apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::State::status="$dir/status" \
		-o Dir::Cache::Archives="$dir/archives" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
		-o APT::Architecture=arm64 -o APT::Architectures::=arm64 \
		-o Debug::NoLocking=1 "$@"
}
if [ -z "$(find "$dir/lists" -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
	apt_arm64 update >"$dir/update.log" 2>&1 || {
		cat "$dir/update.log" >&2
		echo "arm64-userland.sh: cannot read $codename's arm64 package lists" >&2
		exit 1
	}
fi
# with an empty status, apt downloads the whole dependency closure
apt_arm64 install -y --download-only --no-install-recommends \
	busybox-static iproute2 >"$dir/download.log" 2>&1 || {
	cat "$dir/download.log" >&2
	echo "arm64-userland.sh: cannot download the arm64 packages" >&2
	exit 1
}

rm -rf "$dir/root" "$out"
mkdir -p "$dir/root" "$out/bin" "$out/sbin"
for deb in "$dir"/archives/*_arm64.deb "$dir"/archives/*_all.deb; do
	[ -f "$deb" ] || continue
	dpkg-deb -x "$deb" "$dir/root"
done
# resolve PATH: PATH inside the unpacked packages with its symbolic links
# followed there (an absolute one, /sbin/ip -> /bin/ip, would otherwise
# lead to the host's file)
resolve() {
	_f=$1
	while [ -L "$dir/root/$_f" ]; do
		_t=$(readlink "$dir/root/$_f")
		case $_t in
		/*) _f=${_t#/} ;;
		*) _f=$(dirname "$_f")/$_t ;;
		esac
	done
	echo "$_f"
}
cp "$dir/root/$(resolve bin/busybox)" "$out/bin/busybox"
for p in ip tc; do
	for d in sbin bin usr/sbin usr/bin; do
		if [ -e "$dir/root/$d/$p" ] || [ -L "$dir/root/$d/$p" ]; then
			cp "$dir/root/$(resolve "$d/$p")" "$out/sbin/$p"
			break
		fi
	done
	[ -f "$out/sbin/$p" ] || { echo "arm64-userland.sh: no $p in iproute2" >&2; exit 1; }
done

# libpath NAME: where NAME is in the unpacked packages (as the guest's
# dynamic loader will look for it)
libpath() {
	for d in lib/aarch64-linux-gnu usr/lib/aarch64-linux-gnu lib usr/lib; do
		if [ -e "$dir/root/$d/$1" ] || [ -L "$dir/root/$d/$1" ]; then
			echo "$d/$1"
			return 0
		fi
	done
	echo "arm64-userland.sh: library $1 is in no package fetched" >&2
	return 1
}
# the libraries, breadth first through DT_NEEDED, and the loader
todo="$out/sbin/ip $out/sbin/tc"
seen=
while [ -n "$todo" ]; do
	next=
	for f in $todo; do
		for lib in $(aarch64-linux-gnu-readelf -d "$f" |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case " $seen " in *" $lib "*) continue ;; esac
			seen="$seen $lib"
			rel=$(libpath "$lib")
			mkdir -p "$out/$(dirname "$rel")"
			cp "$dir/root/$(resolve "$rel")" "$out/$rel"
			next="$next $out/$rel"
		done
	done
	todo=$next
done
interp=$(aarch64-linux-gnu-readelf -l "$out/sbin/ip" |
	sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
mkdir -p "$out$(dirname "$interp")"
cp "$dir/root/$(resolve "${interp#/}")" "$out$interp"
touch "$out/.mctp-pcc-done"
echo "$out"
