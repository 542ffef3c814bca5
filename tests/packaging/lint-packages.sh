#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Lint the built packages: lintian on the .changes (both .debs and the
# source; the keyring package's in DIR/keyring/ when make repo built it),
# rpmlint on the .rpms and the committed spec.  Fails on any tag that is
# neither fixed nor overridden with a reason (debian/*.lintian-overrides,
# debian/source/lintian-overrides, archive-keyring/debian/lintian-overrides,
# rpm/mctp-pcc.rpmlintrc), and on overrides that no longer match anything.
#
# usage: tests/packaging/lint-packages.sh [DIR [RPMREPO]]
#   DIR: make deb's and make rpm's output (default: build/packages);
#   RPMREPO: make repo's rpm/ directory: its signed .rpms are linted
#   instead of DIR's, their signature checked against its RPM-GPG-KEY.
# Ends with "lint-packages: N passed, N failed" (lintian, rpmlint).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${1:-${MCTP_PCC_BUILD:-$top/build}/packages}
rpmdir=${2:-$dir}

"$top/tests/lib/install-deps.sh" pkg

passed=0
failed=0

# make deb's: one for the source, all and amd64, one for arm64's tools.
set -- "$dir"/*.changes
if [ ! -e "$1" ]; then
	echo "lint-packages: no .changes in $dir (make deb)" >&2
	failed=$((failed + 1))
else
	for c in "$dir"/keyring/*.changes; do
		[ ! -e "$c" ] || set -- "$@" "$c"
	done
	echo "lint-packages: lintian $*" | sed "s|$dir/||g"
	rc=0
	out=$(lintian --display-info --pedantic --fail-on error,warning,info,pedantic \
		--tag-display-limit 0 "$@" 2>&1) || rc=1
	# Lintian's own warning about running as root is not about the packages.
	printf '%s\n' "$out" | grep -v 'running with root privileges' || :
	if [ "$rc" -eq 0 ]; then
		echo "ok   lintian: no tag but those overridden with a reason"
		passed=$((passed + 1))
	else
		echo "FAIL lintian found tags (above)"
		failed=$((failed + 1))
	fi
fi

set -- "$rpmdir"/*.rpm "$rpmdir"/packages/*.rpm
[ -e "$1" ] || shift
[ -e "$1" ] || shift
if [ ! -e "${1:-}" ]; then
	echo "lint-packages: no .rpm in $rpmdir (make rpm)" >&2
	failed=$((failed + 1))
else
	set -- "$@" "$top/rpm/mctp-pcc.spec"
	echo "lint-packages: rpmlint $*" | sed -e "s|$rpmdir/||g" -e "s|$top/||"
	# rpmlint checks signatures against rpm's keyring: a private one with
	# the repository's key (Debian's rpm keeps its database in ~/.rpmdb).
	home=$(mktemp -d)
	trap 'rm -rf "$home"' EXIT
	[ ! -f "$rpmdir/RPM-GPG-KEY-mctp-pcc" ] || HOME=$home rpmkeys --import "$rpmdir/RPM-GPG-KEY-mctp-pcc"
	if HOME=$home rpmlint --strict -c "$top/rpm/rpmlint-fedora.toml" -r "$top/rpm/mctp-pcc.rpmlintrc" "$@"; then
		echo "ok   rpmlint --strict: no tag but those filtered with a reason"
		passed=$((passed + 1))
	else
		echo "FAIL rpmlint found tags (above)"
		failed=$((failed + 1))
	fi
fi

echo "lint-packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
