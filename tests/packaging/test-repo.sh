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
key_a=$MCTP_PCC_SIGNING_KEY

# Where the repository is (issue 17, point 1): whoever runs make repo
# publishes it, at an address they must give, https.
refuses() { # MESSAGE COMMAND...: COMMAND fails, saying MESSAGE, and leaves no repository
	_m=$1
	shift
	if "$@" >"$T/out" 2>&1 || ! grep -q -e "$_m" "$T/out" || [ -e "$T/norepo/apt" ]; then
		cat "$T/out"
		return 1
	fi
}
check "make repo without REPO_URL: refused, says to set an https:// address" \
	refuses "set REPO_URL to the https:// address" env -u REPO_URL make -s -C "$top" repo REPO_DIR="$T/norepo" MCTP_PCC_BUILD="$build"
check "make repo REPO_URL=http://...: refused, not https" \
	refuses "is not an https:// address" make -s -C "$top" repo REPO_DIR="$T/norepo" REPO_URL=http://example.org/r MCTP_PCC_BUILD="$build"
check "make repo before make deb rpm (a clean checkout): says what to run" \
	refuses "run make deb rpm first" make -s -C "$top" repo REPO_DIR="$T/norepo" REPO_URL=https://example.org/r MCTP_PCC_BUILD="$T/clean"
gpg --batch --quiet --passphrase '' --quick-generate-key "no expiry <never@invalid>" rsa3072 sign never 2>/dev/null
never=$(gpg --batch --with-colons --list-secret-keys never@invalid | awk -F: '$1 == "fpr" { print $10; exit }')
check "make repo with a key without expiry: refused, says how to give it one" \
	refuses "has no expiry date: give it one (gpg --quick-set-expire" env MCTP_PCC_SIGNING_KEY="$never" \
	make -s -C "$top" repo REPO_DIR="$T/norepo" REPO_URL="file:$T/norepo" MCTP_PCC_BUILD="$build"

check "make repo with a throwaway key" \
	make -s -C "$top" repo REPO_DIR="$repo" REPO_URL="file:$repo" MCTP_PCC_BUILD="$build"
check "make repo prints the key's fingerprint and how to check it" \
	sh -c "make -s -C '$top' repo REPO_DIR='$repo' REPO_URL='file:$repo' MCTP_PCC_BUILD='$build' >'$T/repo.log' 2>&1 &&
		grep -q 'key $key_a (expires' '$T/repo.log' &&
		gpg --show-keys --with-colons '$repo/mctp-pcc-archive-keyring.pgp' | grep -q ':$key_a:'"

# apt, as a machine with only the keyring package's source.
set -- "$pkgs"/keyring/mctp-pcc-archive-keyring_*_all.deb
# (/etc/apt/sources.list.d/mctp-pcc.sources is a symlink to this one.)
ksrc=$T/root/usr/share/mctp-pcc-archive-keyring/mctp-pcc.sources
check "keyring package: the key and a deb822 source with Signed-By, linked from /etc/apt/sources.list.d" \
	sh -c "dpkg-deb -x '$1' '$T/root' &&
		[ -s '$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp' ] &&
		grep -qx 'URIs: file:$repo/apt' '$ksrc' &&
		grep -qx 'Signed-By: /usr/share/keyrings/mctp-pcc-archive-keyring.pgp' '$ksrc' &&
		[ \"\$(readlink '$T/root/etc/apt/sources.list.d/mctp-pcc.sources')\" = \
			/usr/share/mctp-pcc-archive-keyring/mctp-pcc.sources ]"
# apt remove (not purge) of the keyring package takes the apt source away
# with the key (issue 17): a source left behind, whose Signed-By key is
# gone, breaks apt update.  dpkg itself, in a private root.
keyring_removed() {
	_r=$T/dpkg-root
	rm -rf "$_r"
	mkdir -p "$_r/var/lib/dpkg/info" "$_r/var/lib/dpkg/updates" "$_r/etc/apt/sources.list.d"
	: >"$_r/var/lib/dpkg/status"
	dpkg --root="$_r" --force-script-chrootless --force-not-root -i "$1" &&
		{ [ -L "$_r/etc/apt/sources.list.d/mctp-pcc.sources" ] || [ -s "$_r/etc/apt/sources.list.d/mctp-pcc.sources" ]; } &&
		dpkg --root="$_r" --force-script-chrootless --force-not-root -r mctp-pcc-archive-keyring &&
		[ ! -e "$_r/etc/apt/sources.list.d/mctp-pcc.sources" ] && [ ! -L "$_r/etc/apt/sources.list.d/mctp-pcc.sources" ]
}
check "keyring package: dpkg -r (remove, not purge) leaves no apt source behind" keyring_removed "$1"
mkdir -p "$T/apt/sources" "$T/apt/lists/partial" "$T/apt/archives/partial"
sed "s|/usr/share/keyrings/|$T/root/usr/share/keyrings/|" \
	"$ksrc" >"$T/apt/sources/mctp-pcc.sources"
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
# debian/watch (issue 17): uscan checks the release tarball's signature
# that make repo publishes, with debian/upstream/signing-key.asc, which
# make deb writes from MCTP_PCC_SIGNING_KEY (mk/watch-key.sh): the .asc
# that the watch file's pgpsigurlmangle names verifies with that key file.
watch_verifies() {
	rm -rf "$T/wdeb"
	cp -R "$top/debian" "$T/wdeb"
	"$top/mk/watch-key.sh" "$T/wdeb" || return 1
	_mangle=$(sed -n 's/^opts=pgpsigurlmangle=\([^ ]*\).*/\1/p' "$T/wdeb/watch")
	[ -n "$_mangle" ] || { echo "debian/watch has no pgpsigurlmangle"; return 1; }
	_tar=$repo/releases/mctp-pcc-$version.tar.gz
	_sig=$(echo "$_tar" | sed "$_mangle")
	gpg --batch --dearmor <"$T/wdeb/upstream/signing-key.asc" >"$T/wdeb/key.gpg" &&
		gpgv --keyring "$T/wdeb/key.gpg" "$_sig" "$_tar"
}
check "debian/watch: the release tarball's .asc (pgpsigurlmangle) verifies with debian/upstream/signing-key.asc" \
	watch_verifies
unsigned_watch() {
	rm -rf "$T/wdeb"
	cp -R "$top/debian" "$T/wdeb"
	MCTP_PCC_SIGNING_KEY='' "$top/mk/watch-key.sh" "$T/wdeb" &&
		! grep -q pgpsigurlmangle "$T/wdeb/watch" && [ ! -e "$T/wdeb/upstream/signing-key.asc" ] &&
		grep -q '^https://.*/releases/ ' "$T/wdeb/watch"
}
check "debian/watch of a build without the keys: no signature check, no key file (lintian has no missing key)" \
	unsigned_watch

# Valid-Until (issue 17): apt refuses the Release after it, so a
# repository whose signer stops publishing does not go on forever.
valid_until() {
	_d=$(sed -n 's/^Date: //p' "$dists/Release")
	_v=$(sed -n 's/^Valid-Until: //p' "$dists/Release")
	echo "Date: $_d, Valid-Until: $_v"
	[ -n "$_d" ] && [ -n "$_v" ] &&
		[ $(($(date -d "$_v" +%s) - $(date -d "$_d" +%s))) -eq $((90 * 86400)) ] &&
		grep -q "^Valid-Until: $_v\$" "$dists/InRelease"
}
check "Release: Valid-Until 90 days after its Date (REPO_VALID_DAYS), signed" valid_until
check "make repo says until when apt trusts the Release" grep -q 'apt trusts this Release until ' "$T/repo.log"
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

# arm64 (issue 16): apt configured for arm64 resolves mctp-pcc-dkms by name,
# with mctp-pcc-tools for arm64 (a dpkg status with Debian's dkms and arm64
# libc installed stands in for an arm64 machine).
# (what mctp-pcc-dkms and mctp-pcc-tools depend on from Debian)
for arch in arm64 amd64; do
	printf 'Package: %s\nStatus: install ok installed\nArchitecture: %s\nVersion: %s\n\n' \
		dkms all 3.0.10-8+deb12u1 iproute2 "$arch" 6.1.0-3 >"$T/status.$arch"
	printf 'Package: libc6\nStatus: install ok installed\nArchitecture: %s\nVersion: 2.36-9+deb12u14\nMulti-Arch: same\n' \
		"$arch" >>"$T/status.$arch"
done
check "apt for arm64: apt-get install mctp-pcc-dkms resolves, with mctp-pcc-tools:arm64" \
	sh -c "$(command -v apt-get) -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Dir::State::status='$T/status.arm64' \
		-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts='$T/apt/sources' -o Dir::State::Lists='$T/apt/lists' \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= --simulate --no-install-recommends install mctp-pcc-dkms >'$T/sim' &&
		grep -q '^Inst mctp-pcc-tools ($version-1 .*\[arm64\])' '$T/sim' && grep -q '^Inst mctp-pcc-dkms ' '$T/sim' || { cat '$T/sim'; exit 1; }"
check "apt for amd64: the same, with mctp-pcc-tools:amd64" \
	sh -c "$(command -v apt-get) -o APT::Architecture=amd64 -o APT::Architectures::=amd64 -o Dir::State::status='$T/status.amd64' \
		-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts='$T/apt/sources' -o Dir::State::Lists='$T/apt/lists' \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= --simulate --no-install-recommends install mctp-pcc-dkms >'$T/sim' &&
		grep -q '^Inst mctp-pcc-tools ($version-1 .*\[amd64\])' '$T/sim' || { cat '$T/sim'; exit 1; }"

# Publishing only adds (issue 17, point 3).  immutable: every file but the
# indexes, their signatures and the current-key copies, with its SHA256.
immutable() {
	(cd "$repo" && find . -type f | LC_ALL=C sort | grep -v -E \
		-e '^\./apt/dists/[^/]+/(Release|InRelease|Release\.gpg|Contents-.*)$' \
		-e '^\./apt/dists/[^/]+/main/[^/]+/(Packages|Sources|Release)(\.gz|\.xz)?$' \
		-e '^\./rpm/repodata/repomd\.xml(\.asc)?$' -e '^\./rpm/(RPM-GPG-KEY-mctp-pcc|mctp-pcc\.repo)$' \
		-e '^\./mctp-pcc-archive-keyring\.(pgp|asc|deb)$' | xargs sha256sum)
}
still_there() { # SNAPSHOT: every file of SNAPSHOT is still there with the same bytes
	(cd "$repo" && sha256sum --quiet -c "$1") || return 1
}
immutable >"$T/published-1"
check "make repo again, the same packages: nothing published changes, nothing added" \
	sh -c "make -s -C '$top' repo REPO_DIR='$repo' REPO_URL='file:$repo' MCTP_PCC_BUILD='$build' >'$T/again' 2>&1 &&
		! grep 'added' '$T/again' && (cd '$repo' && sha256sum --quiet -c '$T/published-1')"
# Other bytes under a published name: a .deb and an .rpm of the same name
# and version, rebuilt with a change.
mkdir -p "$T/other-build/packages" "$T/x"
cp "$pkgs"/*.deb "$pkgs"/*.dsc "$pkgs"/*.tar.* "$pkgs"/*.rpm "$T/other-build/packages/"
deb=mctp-pcc-tools_${version}-1_amd64.deb
dpkg-deb -R "$pkgs/$deb" "$T/x/deb" && echo changed >>"$T/x/deb/usr/share/doc/mctp-pcc-tools/copyright" &&
	dpkg-deb -b --root-owner-group "$T/x/deb" "$T/other-build/packages/$deb" >/dev/null
check "make repo with another .deb under a published name: refused, names it, the pool unchanged" \
	sh -c "! make -s -C '$top' repo REPO_DIR='$repo' REPO_URL='file:$repo' MCTP_PCC_BUILD='$T/other-build' >'$T/out' 2>&1 &&
		grep -q 'apt/pool/main/$deb' '$T/out' && grep -q 'refusing to publish other bytes' '$T/out' &&
		(cd '$repo' && sha256sum --quiet -c '$T/published-1') || { cat '$T/out'; exit 1; }"
cp "$pkgs/$deb" "$T/other-build/packages/"
mkdir -p "$T/x/rpm/SPECS"
printf 'Name: mctp-pcc-tools\nVersion: %s\nRelease: 1\nSummary: x\nLicense: GPL-2.0-only\n%%description\nx\n%%files\n' \
	"$version" >"$T/x/rpm/SPECS/x.spec"
rpmbuild -bb --nodeps --quiet --target x86_64-linux --define "_topdir $T/x/rpm" "$T/x/rpm/SPECS/x.spec" >/dev/null 2>&1 &&
	cp "$T/x/rpm/RPMS/x86_64/mctp-pcc-tools-$version-1.x86_64.rpm" "$T/other-build/packages/"
check "make repo with another .rpm under a published name: refused, names it, nothing changed" \
	sh -c "! make -s -C '$top' repo REPO_DIR='$repo' REPO_URL='file:$repo' MCTP_PCC_BUILD='$T/other-build' >'$T/out' 2>&1 &&
		grep -q 'rpm/packages/mctp-pcc-tools-$version-1.x86_64.rpm' '$T/out' &&
		(cd '$repo' && sha256sum --quiet -c '$T/published-1') || { cat '$T/out'; exit 1; }"

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
	check "dnf for aarch64 (--forcearch=aarch64): mctp-pcc-tools.aarch64 $version-1 and mctp-pcc-dkms" \
		sh -c "$(command -v dnf) -q -y --installroot='$T/dnf' --setopt=reposdir='$T/dnf/etc/yum.repos.d' \
			--setopt=cachedir='$T/dnf-cache-aarch64' --releasever=1 --forcearch=aarch64 \
			repoquery --qf '%{name}-%{version}-%{release}.%{arch}' mctp-pcc-tools mctp-pcc-dkms >'$T/rq' &&
			grep -qx 'mctp-pcc-tools-$version-1.aarch64' '$T/rq' && grep -qx 'mctp-pcc-dkms-$version-1.noarch' '$T/rq' ||
			{ cat '$T/rq'; exit 1; }"
	check "dnf repoquery: mctp-pcc-dkms requires dkms >= 3.0.11" \
		sh -c "$(command -v dnf) -q -y --installroot='$T/dnf' --setopt=reposdir='$T/dnf/etc/yum.repos.d' \
			--setopt=cachedir='$T/dnf-cache' --releasever=1 --forcearch=x86_64 \
			repoquery --requires mctp-pcc-dkms | grep -q 'dkms >= 3.0.11'"
else
	echo "dnf is not installed: its checks skipped"
fi

# A key lifecycle (issue 17, point 2): the next key B published beside A
# (keyring package 2, both keys, indexes signed with both), then A retired
# (keyring package 3, B alone).  apt keeps working for a client that
# follows the keyring package's upgrades.
gpg --batch --quiet --passphrase '' --quick-generate-key "mctp-pcc next key <next@invalid>" rsa3072 sign 1d 2>/dev/null
key_b=$(gpg --batch --with-colons --list-secret-keys next@invalid | awk -F: '$1 == "fpr" { print $10; exit }')
keyring_has() { # DEB KEY...: the keyring package DEB carries exactly KEYs
	_d=$1
	shift
	rm -rf "$T/k"
	dpkg-deb -x "$_d" "$T/k" || return 1
	_got=$(gpg --show-keys --with-colons "$T/k/usr/share/keyrings/mctp-pcc-archive-keyring.pgp" |
		awk -F: '$1 == "fpr" && p == "pub" { print $10 } { p = $1 }' | sort | tr '\n' ' ')
	_want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	[ "$_got" = "$_want" ] || { echo "keys: $_got, not $_want"; return 1; }
}
apt_clean() { # apt update with the client's keyring, no error or warning
	if ! a apt-get -o APT::Sandbox::User=root update >"$T/aptlog" 2>&1 || grep -q '^[WE]:' "$T/aptlog"; then
		cat "$T/aptlog"
		return 1
	fi
}
client_keyring() { # DEB: the client has the keyring package DEB installed
	rm -rf "$T/k"
	dpkg-deb -x "$1" "$T/k" && cp "$T/k/usr/share/keyrings/mctp-pcc-archive-keyring.pgp" \
		"$T/root/usr/share/keyrings/mctp-pcc-archive-keyring.pgp"
}
kpool=$repo/apt/pool/main/mctp-pcc-archive-keyring
# (the client's source: this repository again, after the refusals above)
sed "s|/usr/share/keyrings/|$T/root/usr/share/keyrings/|" \
	"$ksrc" >"$T/apt/sources/mctp-pcc.sources"
rm -rf "$T/apt/lists"
mkdir -p "$T/apt/lists/partial"
check "rotation, step 1: make repo with keys A and B" \
	env MCTP_PCC_SIGNING_KEY="$key_a $key_b" make -s -C "$top" repo REPO_DIR="$repo" REPO_URL="file:$repo" MCTP_PCC_BUILD="$build"
check "rotation, step 1: keyring package 2 carries A and B" keyring_has "${kpool}_2_all.deb" "$key_a" "$key_b"
good_sigs() { # KEY: InRelease, Release.gpg and repomd.xml.asc have a good signature by KEY
	gpg --batch --export "$1" >"$T/one.pgp"
	for _s in "apt/dists/stable/InRelease" "apt/dists/stable/Release.gpg apt/dists/stable/Release" \
		"rpm/repodata/repomd.xml.asc rpm/repodata/repomd.xml"; do
		# shellcheck disable=SC2086 # signature and file
		(cd "$repo" && gpgv --status-fd 1 --keyring "$T/one.pgp" $_s 2>/dev/null) |
			grep -q "^\[GNUPG:\] VALIDSIG $1 " || { echo "$_s: no good signature by $1"; return 1; }
	done
}
both_sigs() { good_sigs "$key_a" && good_sigs "$key_b"; }
check "rotation, step 1: InRelease, Release.gpg, repomd.xml.asc signed by A and by B" both_sigs
check "rotation, step 1: a client with keyring 1 (A): apt update, no warning" apt_clean
check "rotation, step 1: apt offers keyring package 2 as an upgrade" \
	sh -c "$(command -v apt-cache) -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts='$T/apt/sources' \
		-o Dir::State::Lists='$T/apt/lists' -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
		policy mctp-pcc-archive-keyring | grep -q 'Candidate: 2\$'"
check "publishing only adds: every file published before is still there, by-hash generations too" \
	still_there "$T/published-1"
client_keyring "${kpool}_2_all.deb"
check "rotation, step 2: make repo with key B alone" \
	env MCTP_PCC_SIGNING_KEY="$key_b" make -s -C "$top" repo REPO_DIR="$repo" REPO_URL="file:$repo" MCTP_PCC_BUILD="$build"
check "rotation, step 2: keyring package 3 carries B alone" keyring_has "${kpool}_3_all.deb" "$key_b"
check "the download address of the docs, REPO/mctp-pcc-archive-keyring.deb, is keyring package 3" \
	cmp "$repo/mctp-pcc-archive-keyring.deb" "${kpool}_3_all.deb"
check "rotation, step 2: a client that upgraded to keyring 2: apt update, no warning" apt_clean
client_keyring "${kpool}_3_all.deb"
check "rotation, step 2: and after upgrading to keyring 3" apt_clean
check "rotation, step 2: RPM-GPG-KEY-mctp-pcc carries B, and A, whose signature the published RPMs keep" \
	sh -c "gpg --show-keys --with-colons '$repo/rpm/RPM-GPG-KEY-mctp-pcc' >'$T/rk' && grep -q ':$key_b:' '$T/rk' &&
		grep -q ':$key_a:' '$T/rk'"
mkdir -p "$T/rpmhome2"
HOME=$T/rpmhome2 rpmkeys --import "$repo/rpm/RPM-GPG-KEY-mctp-pcc"
check "rotation, step 2: rpmkeys -K with RPM-GPG-KEY-mctp-pcc: every package's signature checks" \
	sh -c "for p in '$repo'/rpm/packages/*.rpm; do HOME='$T/rpmhome2' rpmkeys -K \"\$p\" | grep -q 'signatures OK' || exit 1; done"

echo "repo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
