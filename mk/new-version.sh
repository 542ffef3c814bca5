#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Give the tree a new upstream version (make new-version): VERSION,
# rpm/mctp-pcc.spec's Version, Release 1 and a %changelog entry "- NEW-1",
# and a debian/changelog entry NEW-1.  The maintainer of both entries is
# debian/changelog's newest one (or DEBFULLNAME/DEBEMAIL when set).
# With --check (make release): fail unless the spec's Version and
# debian/changelog's upstream version are VERSION.
#
# usage: mk/new-version.sh TOP NEW MESSAGE
#        mk/new-version.sh --check TOP
set -eu

if [ "$1" = --check ]; then
	version=$(cat "$2/VERSION")
	spec=$(sed -n 's/^Version:[[:space:]]*//p' "$2/rpm/mctp-pcc.spec")
	deb=$(sed -n '1{s/^[^(]*(//;s/[-)].*//;p;}' "$2/debian/changelog")
	[ "$spec" = "$version" ] && [ "$deb" = "$version" ] && exit 0
	echo "new-version.sh: VERSION $version, rpm/mctp-pcc.spec $spec, debian/changelog $deb:" \
		"run make new-version NEW=$version" >&2
	exit 1
fi
top=$1
new=$2
msg=$3
spec=$top/rpm/mctp-pcc.spec
changelog=$top/debian/changelog

case $new in
[0-9]*.[0-9]*) ;;
*) echo "new-version.sh: '$new' is not a version" >&2; exit 2 ;;
esac
who=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$changelog" | head -n 1)
if [ -n "${DEBFULLNAME:-}" ] && [ -n "${DEBEMAIL:-}" ]; then
	who="$DEBFULLNAME <$DEBEMAIL>"
fi
dist=$(sed -n '1s/^[^)]*) \([^;]*\);.*/\1/p' "$changelog")

echo "$new" >"$top/VERSION"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
	printf 'mctp-pcc (%s-1) %s; urgency=medium\n\n  * %s\n\n -- %s  %s\n\n' \
		"$new" "${dist:-unstable}" "$msg" "$who" "$(LC_ALL=C date -R)"
	cat "$changelog"
} >"$tmp"
cat "$tmp" >"$changelog"

LC_ALL=C awk -v new="$new" -v who="$who" -v msg="$msg" -v day="$(LC_ALL=C date '+%a %b %d %Y')" '
	/^Version:/ { sub(/[^[:space:]]+$/, new) }
	/^Release:/ { sub(/^Release:[[:space:]]*[^%]*/, "&X"); sub(/[^[:space:]%]*X/, "1") }
	{ print }
	/^%changelog$/ { printf "* %s %s - %s-1\n- %s\n\n", day, who, new, msg }' "$spec" >"$tmp"
cat "$tmp" >"$spec"
