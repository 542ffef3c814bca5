#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Lint the built packages: lintian on the .changes (both .debs, and the
# source when it was built), rpmlint on the .rpms and their spec.  Fails on
# any tag that is neither fixed nor overridden with a reason
# (debian/*.lintian-overrides, rpm/mctp-pcc.rpmlintrc), and on overrides
# that no longer match anything.
#
# usage: tests/packaging/lint-packages.sh [DIR]   (default: build/packages)
# Ends with "lint-packages: N passed, N failed" (lintian, rpmlint).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${1:-${MCTP_PCC_BUILD:-$top/build}/packages}

"$top/tests/lib/install-deps.sh" pkg

passed=0
failed=0

set -- "$dir"/*.changes
if [ ! -e "$1" ] || [ $# -ne 1 ]; then
	echo "lint-packages: want exactly one .changes in $dir (make deb)" >&2
	failed=$((failed + 1))
else
	echo "lint-packages: lintian ${1##*/}"
	rc=0
	out=$(lintian --display-info --pedantic --fail-on error,warning,info,pedantic \
		--tag-display-limit 0 "$1" 2>&1) || rc=1
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

set -- "$dir"/*.rpm
if [ ! -e "$1" ]; then
	echo "lint-packages: no .rpm in $dir (make rpm)" >&2
	failed=$((failed + 1))
else
	[ ! -e "$dir/mctp-pcc.spec" ] || set -- "$@" "$dir/mctp-pcc.spec"
	echo "lint-packages: rpmlint $*" | sed "s|$dir/||g"
	if rpmlint --strict -r "$top/rpm/mctp-pcc.rpmlintrc" "$@"; then
		echo "ok   rpmlint --strict: no tag but those filtered with a reason"
		passed=$((passed + 1))
	else
		echo "FAIL rpmlint found tags (above)"
		failed=$((failed + 1))
	fi
fi

echo "lint-packages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
