#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Publish the built packages (make deb rpm) into signed package
# repositories: static files, ready to copy to any web server as they are.
#
# usage: mk/repo.sh PKGDIR REPODIR      (make repo REPO_URL=https://...)
#
# Environment:
#   REPO_URL              required: the https:// address REPODIR will be
#                         served from (file:/PATH for a repository read
#                         from this machine's disk, as the tests do);
#                         written into the apt source, the .repo file and
#                         the keyring package
#   MCTP_PCC_SIGNING_KEY  the signing keys' fingerprints, blank-separated:
#                         the current key, and during a rotation the next
#                         one too (docs/packaging.md, "The signing keys").
#                         Each must have an expiry date; their secret parts
#                         in GNUPGHOME, usable without a prompt (gpg-agent
#                         with the passphrase preset, or no passphrase);
#                         never stored in the tree
#   GNUPGHOME             gpg's home (default ~/.gnupg)
#   REPO_SUITE            the apt suite (default: stable)
#   REPO_VALID_DAYS       how long apt trusts the signed Release (its
#                         Valid-Until), in days (default 90): publish
#                         again (make repo) before it lapses, new packages
#                         or not
#
# Publishing only adds (issue 17).  REPODIR keeps everything published
# before; a package, source or tarball already there is left as it is if
# PKGDIR has the same bytes, and the run is refused, before anything
# changes, if PKGDIR has other bytes under the same name (a new version
# is the way to publish a change).  The indexes are signed anew, with
# every key; by-hash copies of every index generation, and every
# generation of the RPM metadata, stay.  REPODIR gets:
#   apt/      pool/main/ (.debs for all, amd64 and arm64, the Debian
#             source, the keyring package), dists/SUITE/ with Release,
#             InRelease, Release.gpg and by-hash indexes
#   rpm/      packages/ (noarch, x86_64 and aarch64, the source RPM; signed
#             with rpmsign by the first key), repodata/ (createrepo_c,
#             repomd.xml.asc), RPM-GPG-KEY-mctp-pcc (every key that has
#             signed, the current ones and those before),
#             mctp-pcc.repo
#   releases/ the release tarballs with .sha256 and .asc
#   mctp-pcc-archive-keyring.pgp, .asc, .deb: the current keys and
#             keyring package (the addresses the docs give users)
# The keyring package (mctp-pcc-archive-keyring, in apt's pool; built in
# PKGDIR/keyring/) carries the keys and the deb822 source with Signed-By.
# Its version goes up by one whenever the keys or the source change, so
# apt upgrade brings a new key to every client.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
name=mctp-pcc
die() { echo "repo.sh: $*" >&2; exit 1; }
[ $# -eq 2 ] || { sed -n '5,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }
repoarg=$2

url=${REPO_URL:-}
case $url in
https://?*) ;;
file:/?*) ;;
'') die "set REPO_URL to the https:// address the repository will be served from (make repo REPO_URL=https://...)" ;;
*) die "REPO_URL '$url' is not an https:// address (file:/PATH for a repository on this machine's disk)" ;;
esac
url=${url%/}
suite=${REPO_SUITE:-stable}
valid_days=${REPO_VALID_DAYS:-90}
case $valid_days in
'' | *[!0-9]* | 0*) die "REPO_VALID_DAYS '$valid_days' is not a number of days (1 or more)" ;;
esac
[ -d "$1" ] || die "no packages in $1: run make deb rpm first (then make repo)"
pkgdir=$(cd "$1" && pwd)
set -- "$pkgdir"/*.deb
[ -e "$1" ] || die "no .deb in $pkgdir: run make deb first"
set -- "$pkgdir"/*.rpm
[ -e "$1" ] || die "no .rpm in $pkgdir: run make rpm first"

# The keys: each known with its secret part, with an expiry date, not
# expired; a warning when one expires within 60 days.
keys=${MCTP_PCC_SIGNING_KEY:-}
[ -n "$keys" ] || die "set MCTP_PCC_SIGNING_KEY to the signing key's fingerprint (its secret part in GNUPGHOME)"
fprs=
now=$(date +%s)
for k in $keys; do
	fpr=$(gpg --batch --with-colons --list-secret-keys -- "$k" 2>/dev/null |
		awk -F: '$1 == "fpr" { print $10; exit }')
	[ -n "$fpr" ] || die "no secret key '$k' in ${GNUPGHOME:-~/.gnupg}"
	expires=$(gpg --batch --with-colons --list-keys -- "$fpr" 2>/dev/null | awk -F: '$1 == "pub" { print $7; exit }')
	[ -n "$expires" ] ||
		die "key $fpr has no expiry date: give it one (gpg --quick-set-expire $fpr 2y)"
	[ "$expires" -gt "$now" ] ||
		die "key $fpr expired on $(date -u -d "@$expires" +%F): extend it (gpg --quick-set-expire $fpr 1y) or rotate"
	[ "$expires" -gt $((now + 60 * 86400)) ] ||
		echo "repo.sh: warning: key $fpr expires on $(date -u -d "@$expires" +%F): extend it and publish again" >&2
	case " $fprs " in *" $fpr "*) ;; *) fprs="${fprs:+$fprs }$fpr" ;; esac
done
# shellcheck disable=SC2046 # one -u per key
gpgs() { gpg --batch --yes --no-tty $(for f in $fprs; do printf -- '-u %s ' "$f"; done) "$@"; }
current=${fprs%% *}

mkdir -p "$repoarg"
repo=$(cd "$repoarg" && pwd)
pool=$repo/apt/pool/main
rdir=$repo/rpm
kdir=$pkgdir/keyring
rm -rf "$kdir"
mkdir -p "$kdir" "$pool" "$rdir/packages" "$repo/releases"

# ---------------------------------------------------------- what to add
# The files to publish, each as "SOURCE DEST"; the debug symbols are not
# published (as Debian's and Fedora's main repositories have them apart).
: >"$kdir/add"
for f in "$pkgdir"/*.deb "$pkgdir"/*.dsc "$pkgdir"/*.tar.*; do
	case ${f##*/} in *-dbgsym_*) continue ;; esac
	echo "$f $pool/${f##*/}" >>"$kdir/add"
done
for f in "$pkgdir"/*.rpm; do
	case ${f##*/} in *-debuginfo-* | *-debugsource-*) continue ;; esac
	echo "$f $rdir/packages/${f##*/}" >>"$kdir/add"
done
for t in "$pkgdir"/*.orig.tar.gz; do
	[ -e "$t" ] || continue
	v=${t##*/"$name"_}
	v=${v%.orig.tar.gz}
	echo "$t $repo/releases/$name-$v.tar.gz" >>"$kdir/add"
done

# same SOURCE PUBLISHED: the same package.  An RPM is published signed,
# so compare what signing leaves alone: the header (with the payload's
# digest) by its SHA256.
same() {
	case $1 in
	*.rpm) [ "$(rpm -qp --qf '%{SHA256HEADER}' "$1")" = "$(rpm -qp --qf '%{SHA256HEADER}' "$2")" ] ;;
	*) cmp -s "$1" "$2" ;;
	esac
}
# Refuse before anything changes.
: >"$kdir/conflicts"
while read -r src dest; do
	[ ! -e "$dest" ] || same "$src" "$dest" || echo "  ${dest#"$repo"/}" >>"$kdir/conflicts"
done <"$kdir/add"
if [ -s "$kdir/conflicts" ]; then
	cat "$kdir/conflicts" >&2
	die "refusing to publish other bytes under names already published (above); publishing only adds: make a new version (make new-version NEW=X.Y.Z)"
fi

# ---------------------------------------------------------- the keyring
# The public keys, binary (apt's Signed-By) and armored (rpm, people).
# shellcheck disable=SC2086 # one argument per key
gpg --batch --export --export-options export-minimal $fprs >"$kdir/$name-archive-keyring.pgp"
# shellcheck disable=SC2086 # one argument per key
gpg --batch --armor --export $fprs >"$kdir/$name-archive-keyring.asc"
cat >"$kdir/$name.sources" <<EOS
# The mctp-pcc package repository (mctp-pcc-archive-keyring).
Types: deb
URIs: $url/apt
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/$name-archive-keyring.pgp
EOS
# The newest keyring package published: kept if it carries these keys and
# this source, else the next version.
last=$(for d in "$pool/$name-archive-keyring"_*_all.deb; do
	[ -e "$d" ] || continue
	d=${d##*/"$name-archive-keyring_"}
	echo "${d%_all.deb}"
done | sort -n | tail -n 1)
kver=1
if [ -n "$last" ]; then
	kver=$last
	deb=$pool/$name-archive-keyring_${last}_all.deb
	mkdir -p "$kdir/last"
	dpkg-deb -x "$deb" "$kdir/last"
	if ! cmp -s "$kdir/last/usr/share/keyrings/$name-archive-keyring.pgp" "$kdir/$name-archive-keyring.pgp" ||
		! cmp -s "$kdir/last/usr/share/$name-archive-keyring/$name.sources" "$kdir/$name.sources"; then
		kver=$((last + 1))
	fi
fi
if [ "$kver" != "$last" ]; then
	cp -R "$top/archive-keyring" "$kdir/src"
	cp "$kdir/$name-archive-keyring.pgp" "$kdir/$name.sources" "$kdir/src/"
	if [ "$kver" -gt 1 ]; then
		# A changelog entry for this version, above the committed one's.
		maint=$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$kdir/src/debian/changelog" | head -n 1)
		{
			echo "$name-archive-keyring ($kver) unstable; urgency=medium"
			echo
			for f in $fprs; do
				e=$(gpg --batch --with-colons --list-keys "$f" | awk -F: '$1 == "pub" { print $7; exit }')
				echo "  * Key $f, expires $(date -u -d "@$e" +%F)."
			done
			echo "  * Repository $url/apt."
			echo
			echo " -- $maint  $(date -R)"
			echo
			cat "$top/archive-keyring/debian/changelog"
		} >"$kdir/src/debian/changelog"
	fi
	(cd "$kdir/src" && dpkg-buildpackage -us -uc) >"$kdir/build.log" 2>&1 ||
		{ tail -n 20 "$kdir/build.log" >&2; die "building the keyring package failed"; }
	for f in "$kdir"/*.deb "$kdir"/*.dsc "$kdir"/*.tar.*; do
		echo "$f $pool/${f##*/}" >>"$kdir/add"
	done
else
	cp "$pool/$name-archive-keyring_${kver}_all.deb" "$kdir/"
fi

# ---------------------------------------------------------- publish
# The new files (those already there have the same bytes: kept as they
# are, signatures and all).
while read -r src dest; do
	[ -e "$dest" ] && continue
	cp "$src" "$dest.new"
	case $dest in
	*.rpm)
		# (Debian's rpm looks for gpg2; Fedora's for gpg2, a link to gpg.)
		rpmsign --addsign --define "_gpg_name $current" --define "__gpg $(command -v gpg)" \
			"$dest.new" >"$kdir/rpmsign.log" 2>&1 ||
			{ cat "$kdir/rpmsign.log" >&2; rm -f "$dest.new"; die "rpmsign failed"; }
		;;
	"$repo"/releases/*)
		(cd "$repo/releases" && sha256sum <"$dest.new" | sed "s|-\$|${dest##*/}|" >"$dest.sha256")
		gpgs --detach-sign --armor -o "$dest.asc" "$dest.new"
		;;
	esac
	mv "$dest.new" "$dest"
	echo "repo.sh: added ${dest#"$repo"/}"
done <"$kdir/add"
cp "$kdir/$name-archive-keyring.pgp" "$kdir/$name-archive-keyring.asc" "$repo/"
cp "$pool/$name-archive-keyring_${kver}_all.deb" "$repo/$name-archive-keyring.deb"

# apt: the indexes of everything in the pool, then Release signed with
# every key.  by-hash: every index under its SHA256 too, every generation
# kept, so that a client never reads an index that changed under it.
dists=$repo/apt/dists/$suite
for d in binary-amd64 binary-arm64 binary-all source; do
	mkdir -p "$dists/main/$d"
done
conf=$kdir/apt-ftparchive.conf
cat >"$conf" <<EOC
Dir { ArchiveDir "$repo/apt"; CacheDir "$kdir"; };
Default { Packages::Compress ". gzip xz"; Sources::Compress ". gzip xz"; Contents::Compress "gzip"; };
TreeDefault { Directory "pool/main"; SrcDirectory "pool/main"; };
Tree "dists/$suite" { Sections "main"; Architectures "amd64 arm64 all source"; };
EOC
# (apt-ftparchive exits 0 after some errors: its "E:" lines count too.)
if ! (cd "$repo/apt" && apt-ftparchive generate "$conf") >"$kdir/ftparchive.log" 2>&1 ||
	grep -q '^E:' "$kdir/ftparchive.log"; then
	cat "$kdir/ftparchive.log" >&2
	die "apt-ftparchive generate failed"
fi
# (The previous Release must not list itself: it waits aside, in case
# this fails.)
for f in Release InRelease Release.gpg; do
	[ ! -e "$dists/$f" ] || mv "$dists/$f" "$kdir/$f.old"
done
(cd "$repo/apt" && apt-ftparchive \
	-o APT::FTPArchive::Release::Origin="$name" \
	-o APT::FTPArchive::Release::Label="$name" \
	-o APT::FTPArchive::Release::Suite="$suite" \
	-o APT::FTPArchive::Release::Codename="$suite" \
	-o APT::FTPArchive::Release::Architectures="amd64 arm64 all" \
	-o APT::FTPArchive::Release::Components=main \
	-o APT::FTPArchive::Release::Acquire-By-Hash=yes \
	-o APT::FTPArchive::Release::ValidTime=$((valid_days * 86400)) \
	-o APT::FTPArchive::Release::Description="mctp-pcc: MCTP over ACPI PCC" \
	release "dists/$suite") >"$kdir/Release"
awk '/^SHA256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1, $3 }' "$kdir/Release" |
while read -r sum file; do
	d=$dists/$(dirname "$file")/by-hash/SHA256
	mkdir -p "$d"
	[ -e "$d/$sum" ] || cp "$dists/$file" "$d/$sum"
done
# Release last, and its signatures from the same bytes.
gpgs --clearsign -o "$kdir/InRelease" "$kdir/Release"
gpgs --detach-sign --armor -o "$kdir/Release.gpg" "$kdir/Release"
mv "$kdir/Release" "$kdir/Release.gpg" "$kdir/InRelease" "$dists/"

# RPM: the metadata of every package, signed with every key; the files of
# earlier metadata generations stay (their names carry their checksums).
# RPM-GPG-KEY-mctp-pcc only gains keys: a published RPM keeps the signature
# it was published with, so a key that signed one stays when it is no
# longer used (a revoked one is removed by hand, docs/packaging.md).
gh=$kdir/rpm-keys
mkdir -m 700 "$gh"
[ ! -f "$rdir/RPM-GPG-KEY-$name" ] || gpg --batch --quiet --no-autostart --homedir "$gh" --import "$rdir/RPM-GPG-KEY-$name"
# shellcheck disable=SC2086 # one argument per key
gpg --batch --export $fprs | gpg --batch --quiet --no-autostart --homedir "$gh" --import
gpg --batch --no-autostart --homedir "$gh" --armor --export >"$kdir/RPM-GPG-KEY-$name"
mv "$kdir/RPM-GPG-KEY-$name" "$rdir/"
mkdir -p "$kdir/repodata-old"
[ ! -d "$rdir/repodata" ] || cp -p "$rdir/repodata/"* "$kdir/repodata-old/" 2>/dev/null || :
createrepo_c --quiet --update "$rdir" >"$kdir/createrepo.log" 2>&1 ||
	{ cat "$kdir/createrepo.log" >&2; die "createrepo_c failed"; }
for f in "$kdir/repodata-old/"*; do
	case ${f##*/} in repomd.xml*) continue ;; esac
	[ ! -e "$f" ] || [ -e "$rdir/repodata/${f##*/}" ] || cp -p "$f" "$rdir/repodata/"
done
gpgs --detach-sign --armor -o "$kdir/repomd.xml.asc" "$rdir/repodata/repomd.xml"
mv "$kdir/repomd.xml.asc" "$rdir/repodata/"
cat >"$rdir/$name.repo" <<EOR
[$name]
name=mctp-pcc: MCTP over ACPI PCC
baseurl=$url/rpm
enabled=1
gpgcheck=1
repo_gpgcheck=1
gpgkey=$url/rpm/RPM-GPG-KEY-$name
EOR

echo "repo.sh: $repo published for $url, signed with:"
for f in $fprs; do
	e=$(gpg --batch --with-colons --list-keys "$f" | awk -F: '$1 == "pub" { print $7; exit }')
	echo "repo.sh:   key $f (expires $(date -u -d "@$e" +%F))"
done
until=$(sed -n 's/^Valid-Until: //p' "$dists/Release")
echo "repo.sh: apt trusts this Release until $until: publish again (make repo) before then"
echo "repo.sh: keyring package $name-archive-keyring $kver; users check the keys with:"
echo "repo.sh:   gpg --show-keys $name-archive-keyring.pgp"
