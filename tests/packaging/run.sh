#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The packaging tests that run on the host: build the release tarball, the
# .debs and .rpms and their source packages from it, check them and the
# signed repositories made from them (a throwaway key), lint the packages
# (the repository's signed .rpms), unit-test the setup helper, and try
# dkms.conf with the real dkms.  (The install-in-a-VM test is separate.)
#
# usage: tests/packaging/run.sh
# Ends with "packaging: N passed, N failed".
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${MCTP_PCC_BUILD:-$top/build}
mkdir -p "$build"
log=$build/packaging-step.log
# shellcheck source=tests/lib/result.sh
. "$here/../lib/result.sh"
passed=0
failed=0
check_log=$log

# sub SCRIPT: a test script ending with "N passed, N failed"; add its counts.
sub() {
	"$@" 2>&1 | tee "$log"
	add_result "$log" "$1"
}

"$top/tests/lib/install-deps.sh" pkg repo tools >&2 || exit 1

check "make deb (dpkg-buildpackage -us -uc, from make release's tarball)" make -C "$top" deb
check "make rpm (rpmbuild -ba rpm/mctp-pcc.spec, from the tarball)" make -C "$top" rpm
sub "$here/test-release.sh"
sub "$here/test-repo.sh"
# The repository test's signed .rpms, for rpmlint's signature check.
sub "$here/lint-packages.sh" "$build/packages" "$build/repo-test/rpm"
sub "$here/test-setup-helper.sh"
sub "$here/test-load-for-devices.sh"
sub "$here/test-package-files.sh"
sub "$here/test-dkms.sh"

echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
