#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Lint the built packages: lintian on the .changes (both .debs, and the
# source when it was built), rpmlint on the .rpms and their spec.  Fails on
# any tag that is neither fixed nor overridden with a reason
# (debian/*.lintian-overrides, rpm/mctp-pcc.rpmlintrc), and on overrides
# that no longer match anything.
#
# usage: tests/packaging/lint-packages.sh [DIR]   (default: build/packages)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${1:-$top/build/packages}

"$top/tests/lib/install-deps.sh" pkg

fail=0

set -- "$dir"/*.changes
if [ ! -e "$1" ] || [ $# -ne 1 ]; then
	echo "lint-packages: want exactly one .changes in $dir (make deb)" >&2
	fail=1
else
	echo "lint-packages: lintian ${1##*/}"
	out=$(lintian --display-info --pedantic --fail-on error,warning,info,pedantic \
		--tag-display-limit 0 "$1" 2>&1) || fail=1
	# Lintian's own warning about running as root is not about the packages.
	printf '%s\n' "$out" | grep -v 'running with root privileges' || :
	[ "$fail" -eq 0 ] || echo "lint-packages: lintian found tags (above)" >&2
fi

set -- "$dir"/*.rpm
if [ ! -e "$1" ]; then
	echo "lint-packages: no .rpm in $dir (make rpm)" >&2
	fail=1
else
	[ ! -e "$dir/mctp-pcc.spec" ] || set -- "$@" "$dir/mctp-pcc.spec"
	echo "lint-packages: rpmlint $*" | sed "s|$dir/||g"
	rpmlint --strict -r "$top/rpm/mctp-pcc.rpmlintrc" "$@" || {
		echo "lint-packages: rpmlint found tags (above)" >&2
		fail=1
	}
fi

if [ "$fail" -eq 0 ]; then
	echo "lint-packages: clean (lintian and rpmlint; overrides carry their reasons)"
fi
exit "$fail"
