#!/bin/sh
# Fetch the newest linux-source-X.Y package of a Debian suite without adding
# the suite to the system's apt sources, and unpack its tarball.
#
# usage: fetch-source.sh SUITE      e.g. sid
#        fetch-source.sh newest    the newest kernel in any of Debian's
#                                  suites that carry new ones: sid,
#                                  experimental, $NEWEST_BACKPORTS
# Prints the path of linux-source-X.Y.tar.xz. Cached under $MCTP_PCC_CACHE.
# The archive is the one this machine's apt uses (tests/lib/mirror.sh), or
# MCTP_PCC_MIRROR.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/cache.sh
. "$here/../lib/cache.sh"
# shellcheck source=tests/lib/mirror.sh
. "$here/../lib/mirror.sh"

# the suites "newest" looks in (trixie-backports had 7.3.4 when
# experimental had 7.3~rc7 and sid 7.2)
NEWEST_SUITES="sid experimental trixie-backports"

# newest: the suite whose newest linux-source-X.Y package is the highest
# version; each suite's lists are read with this script's --version
if [ "$1" = newest ]; then
	best=
	best_ver=
	for s in $NEWEST_SUITES; do
		ver=$("$0" --version "$s") || continue
		if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$best_ver"; then
			best=$s
			best_ver=$ver
		fi
	done
	[ -n "$best" ] || { echo "fetch-source.sh: no kernel source in $NEWEST_SUITES" >&2; exit 1; }
	echo "fetch-source.sh: the newest kernel source is $best_ver, in $best" >&2
	exec "$0" "$best"
fi
version_only=0
if [ "$1" = --version ]; then
	version_only=1
	shift
fi
suite=$1
mirror=$(debian_mirror)
dir=$MCTP_PCC_CACHE/apt-$suite
mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/debs"
echo "deb $mirror $suite main" >"$dir/sources.list"
apt_suite() {
	apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache::Archives="$dir/archives" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= "$@"
}
apt_cache_suite() {
	apt-cache -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= "$@"
}

# Refresh the suite's package lists at most once a day.
if [ -z "$(find "$dir/lists" -name '*Packages*' -mtime -1 2>/dev/null)" ]; then
	apt_suite update >"$dir/update.log" 2>&1 || {
		cat "$dir/update.log" >&2
		echo "fetch-source.sh: cannot read $suite's package lists" >&2
		exit 1
	}
fi

pkg=$(apt_cache_suite pkgnames linux-source- | grep -E '^linux-source-[0-9]+\.[0-9]+$' |
	sort -t- -k3 -V | tail -n 1)
[ -n "$pkg" ] || { echo "fetch-source.sh: no linux-source package in $suite" >&2; exit 1; }
if [ "$version_only" = 1 ]; then
	# the upstream version first (7.3 sorts above 7.2.13), then Debian's
	apt_cache_suite show "$pkg" | sed -n 's/^Version: //p' | sort -V | tail -n 1
	exit 0
fi
tarball=$dir/debs/$pkg/usr/src/$pkg.tar.xz
if [ ! -f "$tarball" ]; then
	echo "fetch-source.sh: downloading $pkg from $suite" >&2
	(cd "$dir/debs" && rm -f "$pkg"_*.deb && apt_suite download "$pkg" >/dev/null)
	dpkg-deb -x "$dir/debs/$pkg"_*.deb "$dir/debs/$pkg"
fi
echo "$tarball"
