# shellcheck shell=sh
# Helpers of the packaging tests (sourced from tests/packaging/, with $here
# set to that directory).

# shellcheck source=tests/lib/result.sh
. "${here:?}/../lib/result.sh"

# pkg_test_setup NAME: what a host packaging test starts with: top, build,
# pkgs (make deb's and make rpm's output), version, a scratch directory T
# removed on exit, and the counters and check_log of tests/lib/result.sh.
# shellcheck disable=SC2034 # the variables are the caller's
pkg_test_setup() {
	top=$(cd "$here/../.." && pwd)
	build=${MCTP_PCC_BUILD:-$top/build}
	pkgs=$build/packages
	version=$(cat "$top/VERSION")
	T=$(mktemp -d "${TMPDIR:-/tmp}/mctp-pcc-$1-test.XXXXXX")
	# shellcheck disable=SC2064 # T is fixed from here on
	trap "rm -rf '$T'" EXIT
	passed=0
	failed=0
	check_log=$T/log
}

# copy_checkout TOP DIR: the tree at TOP as a checkout has it -- what git
# tracks and new files it does not ignore -- copied to DIR.
copy_checkout() {
	mkdir -p "$2"
	(cd "$1" && git ls-files -c -o --exclude-standard | while IFS= read -r _f; do
		[ ! -f "$_f" ] || printf '%s\n' "$_f"; done | tar -cf - -T -) | tar -xf - -C "$2"
}

# test_key DIR [NAME]: a throwaway signing key for the tests, never for
# publishing: a new GNUPGHOME in DIR with one RSA key without passphrase.
# Exports GNUPGHOME and MCTP_PCC_SIGNING_KEY (the fingerprint).
test_key() {
	rm -rf "$1"
	mkdir -p "$1"
	chmod 700 "$1"
	GNUPGHOME=$1
	export GNUPGHOME
	gpg --batch --quiet --passphrase '' --quick-generate-key \
		"${2:-mctp-pcc test repository} <test@invalid>" rsa3072 sign 1d 2>/dev/null || return 1
	MCTP_PCC_SIGNING_KEY=$(gpg --batch --with-colons --list-secret-keys 2>/dev/null |
		awk -F: '$1 == "fpr" { print $10; exit }')
	export MCTP_PCC_SIGNING_KEY
	[ -n "$MCTP_PCC_SIGNING_KEY" ]
}
