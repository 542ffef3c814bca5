#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream signing key of the Debian source (make deb): debian/watch
# has uscan check each release tarball's .asc, which make repo signs with
# the keys of MCTP_PCC_SIGNING_KEY.  With those keys set, their public part
# goes into DEBIAN_DIR/upstream/signing-key.asc, where uscan looks; without
# (a developer's or the tests' build, never published), the check is taken
# out of DEBIAN_DIR/watch, so that the source is not one whose watch file
# names a key it lacks.  DEBIAN_DIR is make deb's copy, not the tree's.
# With the keys, ORIG (the orig tarball) gets its signature ORIG.asc too,
# by the first key, which dpkg-source puts into the Debian source beside it
# (lintian: orig-tarball-missing-upstream-signature).
#
# usage: mk/watch-key.sh DEBIAN_DIR [ORIG]
set -eu

d=$1
orig=${2:-}
if [ -n "${MCTP_PCC_SIGNING_KEY:-}" ]; then
	mkdir -p "$d/upstream"
	# shellcheck disable=SC2086 # one fingerprint per argument
	gpg --batch --armor --export-options export-minimal --export $MCTP_PCC_SIGNING_KEY \
		>"$d/upstream/signing-key.asc"
	[ -s "$d/upstream/signing-key.asc" ] || {
		echo "watch-key.sh: gpg exported no key for MCTP_PCC_SIGNING_KEY ($MCTP_PCC_SIGNING_KEY)" >&2
		exit 1
	}
	echo "watch-key.sh: debian/upstream/signing-key.asc: the keys $MCTP_PCC_SIGNING_KEY"
	if [ -n "$orig" ]; then
		# shellcheck disable=SC2086 # the first fingerprint
		set -- $MCTP_PCC_SIGNING_KEY
		# Dated by the tarball (or the key's creation, if later), so that
		# make deb run again gives the same bytes, which make repo, that
		# only adds, then takes as already published.
		_t=$(stat -c %Y "$orig")
		_k=$(gpg --batch --with-colons --list-keys "$1" | awk -F: '$1 == "pub" { print $6; exit }')
		[ "${_k:-0}" -le "$_t" ] || _t=$_k
		gpg --batch --yes --faked-system-time "$_t!" --armor --detach-sign -u "$1" -o "$orig.asc" "$orig"
	fi
else
	sed -i '/^opts=pgpsigurlmangle=/d' "$d/watch"
	echo "watch-key.sh: no MCTP_PCC_SIGNING_KEY: debian/watch of this build does not check signatures"
fi
