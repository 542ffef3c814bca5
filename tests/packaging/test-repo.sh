#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make repo, checked with the clients' own tools on the host, after make
# deb and make rpm (run.sh): a throwaway key signs a repository served as
# file:, which apt (in private directories: the machine's own sources and
# lists are not touched) and dnf read as a user's machine would.
#  - apt: the keyring package's deb822 source with Signed-By is all apt
#    needs; Release is signed (InRelease, Release.gpg), by-hash indexes
#    match Release; apt update, then mctp-pcc-dkms is found and fetched by
#    name; the same repository unsigned, or signed by another key, is
#    refused;
#  - RPM: the packages are signed by the key (rpmkeys -K), repomd.xml too,
#    and dnf's own resolver reads the metadata (repoquery, with
#    repo_gpgcheck and the key from the .repo file).
#    (Fedora itself cannot be reached from here.)
#
# usage: tests/packaging/test-repo.sh
# The repository stays in build/repo-test (run.sh lints its signed .rpms).
# Prints "repo: N passed, N failed" last.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/packaging.sh
. "$here/../lib/packaging.sh"
pkg_test_setup repo
repo=$build/repo-test
rm -rf "$repo"

test_key "$T/gnupg-other" "someone else" || { echo "repo: 0 passed, 1 failed"; exit 1; }
other=$MCTP_PCC_SIGNING_KEY
test_key "$T/gnupg" || { echo "repo: 0 passed, 1 failed"; exit 1; }
check "make repo with a throwaway key" \
	make -s -C "$top" repo REPO_DIR="$repo" REPO_URL="file:$repo" MCTP_PCC_BUILD="$build"

# apt, as a machine with only the keyring package's source.
set -- "$pkgs"/keyring/mctp-pcc-archive-keyring_*_all.deb
check "keyring package: the key and a deb822 source with Signed-By" \
	sh -c "dpkg-deb -x '$1' '$T/root' &&
		[ -s '$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp' ] &&
		grep -qx 'URIs: file:$repo/apt' '$T/root/etc/apt/sources.list.d/mctp-pcc.sources' &&
		grep -qx 'Signed-By: /usr/share/keyrings/mctp-pcc-archive-keyring.pgp' '$T/root/etc/apt/sources.list.d/mctp-pcc.sources'"
mkdir -p "$T/apt/sources" "$T/apt/lists/partial" "$T/apt/archives/partial"
sed "s|/usr/share/keyrings/|$T/root/usr/share/keyrings/|" \
	"$T/root/etc/apt/sources.list.d/mctp-pcc.sources" >"$T/apt/sources/mctp-pcc.sources"
a() { # apt-get or apt-cache with the private directories
	_cmd=$1
	shift
	"$_cmd" -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$T/apt/sources" \
		-o Dir::State::Lists="$T/apt/lists" -o Dir::Cache::Archives="$T/apt/archives" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o APT::Get::List-Cleanup=false "$@"
}
dists=$repo/apt/dists/stable
check "Release: InRelease and Release.gpg verify with the key, Acquire-By-Hash: yes" \
	sh -c "gpgv --keyring '$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp' '$dists/InRelease' &&
		gpgv --keyring '$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp' '$dists/Release.gpg' '$dists/Release' &&
		grep -qx 'Acquire-By-Hash: yes' '$dists/Release'"
by_hash() {
	awk '/^SHA256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1, $3 }' "$dists/Release" >"$T/sums"
	[ -s "$T/sums" ] || return 1
	while read -r sum file; do
		f=$dists/$(dirname "$file")/by-hash/SHA256/$sum
		[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$sum" ] || { echo "bad or missing $f"; return 1; }
	done <"$T/sums"
}
check "by-hash: every index in Release under its SHA256" by_hash
check "apt update with the keyring's source" a apt-get update
check "apt finds mctp-pcc-dkms $version-1 and mctp-pcc-tools by name" \
	sh -c "$(command -v apt-cache) -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts='$T/apt/sources' \
		-o Dir::State::Lists='$T/apt/lists' -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
		show mctp-pcc-dkms=$version-1 mctp-pcc-tools=$version-1 >/dev/null"
check "apt-get download mctp-pcc-dkms (hashes checked against the signed indexes)" \
	sh -c "cd '$T/apt/archives' && $(command -v apt-get) -o Dir::Etc::SourceList=/dev/null \
		-o Dir::Etc::SourceParts='$T/apt/sources' -o Dir::State::Lists='$T/apt/lists' \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= download mctp-pcc-dkms &&
		cmp mctp-pcc-dkms_${version}-1_all.deb '$pkgs/mctp-pcc-dkms_${version}-1_all.deb'"
# refused REPO NAME: apt update of REPO (a copy of the repository) fails
# and leaves no package list of it.
refused() {
	rm -rf "$T/apt/lists"
	mkdir -p "$T/apt/lists/partial"
	sed "s|file:$repo/apt|file:$1/apt|" "$T/apt/sources/mctp-pcc.sources" >"$T/apt/sources/x.sources"
	mv "$T/apt/sources/x.sources" "$T/apt/sources/mctp-pcc.sources"
	if a apt-get update >"$T/log" 2>&1 && ! grep -q '^[WE]:' "$T/log"; then
		fail "$2: apt update accepted it" "$T/log"
	elif find "$T/apt/lists" -name '*Packages*' | grep -q .; then
		fail "$2: apt update kept its package lists" "$T/log"
	elif ! grep -q -e NO_PUBKEY -e 'is not signed' "$T/log"; then
		fail "$2: apt update failed, but not for the signature" "$T/log"
	else
		pass "$2: apt update refuses it ($(grep -o -e 'NO_PUBKEY [0-9A-F]*' -e 'is not signed' "$T/log" | sort -u | tr '\n' ' '))"
	fi
}
cp -R "$repo" "$T/unsigned"
rm "$T/unsigned/apt/dists/stable/InRelease" "$T/unsigned/apt/dists/stable/Release.gpg"
refused "$T/unsigned" "unsigned repository"
cp -R "$repo" "$T/other"
GNUPGHOME=$T/gnupg-other gpg --batch --yes -u "$other" --clearsign \
	-o "$T/other/apt/dists/stable/InRelease" "$T/other/apt/dists/stable/Release"
GNUPGHOME=$T/gnupg-other gpg --batch --yes -u "$other" --detach-sign --armor \
	-o "$T/other/apt/dists/stable/Release.gpg" "$T/other/apt/dists/stable/Release"
refused "$T/other" "repository signed by another key"

# RPM: the signatures, then dnf's resolver on the metadata.
mkdir -p "$T/rpmhome"
HOME=$T/rpmhome rpmkeys --import "$repo/rpm/RPM-GPG-KEY-mctp-pcc"
check "rpmkeys -K: every package in the repository signed by the key" \
	sh -c "for p in '$repo'/rpm/packages/*.rpm; do HOME='$T/rpmhome' rpmkeys -K \"\$p\" | grep -q 'signatures OK' || exit 1; done"
check "repomd.xml.asc verifies with the key" \
	gpgv --keyring "$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp" \
	"$repo/rpm/repodata/repomd.xml.asc" "$repo/rpm/repodata/repomd.xml"
check ".repo file: baseurl and gpgkey of the repository, gpgcheck and repo_gpgcheck on" \
	sh -c "grep -qx 'baseurl=file:$repo/rpm' '$repo/rpm/mctp-pcc.repo' &&
		grep -qx 'gpgkey=file:$repo/rpm/RPM-GPG-KEY-mctp-pcc' '$repo/rpm/mctp-pcc.repo' &&
		grep -qx 'gpgcheck=1' '$repo/rpm/mctp-pcc.repo' && grep -qx 'repo_gpgcheck=1' '$repo/rpm/mctp-pcc.repo'"
if command -v dnf >/dev/null 2>&1; then
	mkdir -p "$T/dnf/etc/yum.repos.d"
	sed 's|=file:|=file://|' "$repo/rpm/mctp-pcc.repo" >"$T/dnf/etc/yum.repos.d/mctp-pcc.repo"
	check "dnf repoquery (repo_gpgcheck): mctp-pcc-dkms $version-1 and mctp-pcc-tools" \
		sh -c "$(command -v dnf) -q -y --installroot='$T/dnf' --setopt=reposdir='$T/dnf/etc/yum.repos.d' \
			--setopt=cachedir='$T/dnf-cache' --releasever=1 --forcearch=x86_64 \
			repoquery --qf '%{name}-%{version}-%{release}' --arch noarch,x86_64 >'$T/rq' &&
			grep -qx 'mctp-pcc-dkms-$version-1' '$T/rq' && grep -qx 'mctp-pcc-tools-$version-1' '$T/rq'"
	check "dnf repoquery: mctp-pcc-dkms requires dkms >= 3.0.11" \
		sh -c "$(command -v dnf) -q -y --installroot='$T/dnf' --setopt=reposdir='$T/dnf/etc/yum.repos.d' \
			--setopt=cachedir='$T/dnf-cache' --releasever=1 --forcearch=x86_64 \
			repoquery --requires mctp-pcc-dkms | grep -q 'dkms >= 3.0.11'"
else
	echo "dnf is not installed: its checks skipped"
fi

echo "repo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
