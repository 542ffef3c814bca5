#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Publish the built packages (make deb rpm) into signed package
# repositories: static files, ready to copy to any web server as they are.
#
# usage: mk/repo.sh PKGDIR REPODIR      (make repo)
#
# Environment:
#   MCTP_PCC_SIGNING_KEY  the signing key's fingerprint (or any name gpg
#                         knows it by), with its secret part in GNUPGHOME;
#                         never stored in the tree; gpg must be able to
#                         use it without asking (gpg-agent with the
#                         passphrase preset, or a key without one)
#   GNUPGHOME             gpg's home (default ~/.gnupg)
#   REPO_URL              where REPODIR will be served from: written into
#                         the apt source, the .repo file and the keyring
#   REPO_SUITE            the apt suite (default: stable)
#
# REPODIR keeps what was published before: each run adds PKGDIR's packages
# (a newer version beside the older ones, as a real repository has them)
# and signs the indexes anew.  It gets:
#   apt/      pool/main/ (.debs, the Debian source), dists/SUITE/ with
#             Release, InRelease, Release.gpg and by-hash indexes
#   rpm/      packages/ (signed with rpmsign), repodata/ (createrepo_c,
#             repomd.xml.asc), RPM-GPG-KEY-mctp-pcc, mctp-pcc.repo
#   releases/ the release tarballs with .sha256 and .asc
#   mctp-pcc-archive-keyring.pgp, .asc: the public key
# and PKGDIR/keyring/ the mctp-pcc-archive-keyring package (in apt's pool
# too): the key and the deb822 source with Signed-By.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
[ $# -eq 2 ] || { sed -n '5,6s/^# \{0,1\}//p' "$0" >&2; exit 2; }
pkgdir=$(cd "$1" && pwd)
mkdir -p "$2"
repo=$(cd "$2" && pwd)
key=${MCTP_PCC_SIGNING_KEY:-}
url=${REPO_URL:?set REPO_URL to the address REPODIR will be served from}
url=${url%/}
suite=${REPO_SUITE:-stable}
name=mctp-pcc

die() { echo "repo.sh: $*" >&2; exit 1; }
[ -n "$key" ] || die "set MCTP_PCC_SIGNING_KEY to the signing key (its secret part in GNUPGHOME)"
fpr=$(gpg --batch --with-colons --list-secret-keys -- "$key" 2>/dev/null |
	awk -F: '$1 == "fpr" { print $10; exit }')
[ -n "$fpr" ] || die "no secret key '$key' in ${GNUPGHOME:-~/.gnupg}"
set -- "$pkgdir"/*.deb
[ -e "$1" ] || die "no .deb in $pkgdir (make deb)"
set -- "$pkgdir"/*.rpm
[ -e "$1" ] || die "no .rpm in $pkgdir (make rpm)"
gpgs() { gpg --batch --yes --no-tty --local-user "$fpr" "$@"; }

# The public key, binary (apt's Signed-By) and armored (rpm, people).
gpg --batch --export --export-options export-minimal "$fpr" >"$repo/$name-archive-keyring.pgp"
gpg --batch --armor --export "$fpr" >"$repo/$name-archive-keyring.asc"

# The keyring package: the key and the apt source, for this address.
kdir=$pkgdir/keyring
rm -rf "$kdir"
mkdir -p "$kdir"
cp -R "$top/archive-keyring" "$kdir/src"
cp "$repo/$name-archive-keyring.pgp" "$kdir/src/"
cat >"$kdir/src/$name.sources" <<EOS
# The mctp-pcc package repository (mctp-pcc-archive-keyring).
Types: deb
URIs: $url/apt
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/$name-archive-keyring.pgp
EOS
(cd "$kdir/src" && dpkg-buildpackage -us -uc) >"$kdir/build.log" 2>&1 ||
	{ tail -n 20 "$kdir/build.log" >&2; die "building the keyring package failed"; }

# apt: the pool, then the indexes, then Release signed twice over.
pool=$repo/apt/pool/main
mkdir -p "$pool"
cp "$pkgdir"/*.deb "$pkgdir"/*.dsc "$pkgdir"/*.tar.* "$kdir"/*.deb "$kdir"/*.dsc "$kdir"/*.tar.* "$pool/"
rm -f "$pool"/*-dbgsym_*.deb
dists=$repo/apt/dists/$suite
rm -rf "$dists"
for d in binary-amd64 binary-arm64 binary-all source; do
	mkdir -p "$dists/main/$d"
done
conf=$kdir/apt-ftparchive.conf
cat >"$conf" <<EOC
Dir { ArchiveDir "$repo/apt"; CacheDir "$kdir"; };
Default { Packages::Compress ". gzip xz"; Sources::Compress ". gzip xz"; Contents::Compress "gzip"; };
TreeDefault { Directory "pool/main"; SrcDirectory "pool/main"; };
Tree "dists/$suite" { Sections "main"; Architectures "amd64 arm64 all source"; };
APT::FTPArchive::DoByHash "true";
EOC
# (apt-ftparchive exits 0 after some errors: its "E:" lines count too.)
if ! (cd "$repo/apt" && apt-ftparchive generate "$conf") >"$kdir/ftparchive.log" 2>&1 ||
	grep -q '^E:' "$kdir/ftparchive.log"; then
	cat "$kdir/ftparchive.log" >&2
	die "apt-ftparchive generate failed"
fi
(cd "$repo/apt" && apt-ftparchive \
	-o APT::FTPArchive::Release::Origin="$name" \
	-o APT::FTPArchive::Release::Label="$name" \
	-o APT::FTPArchive::Release::Suite="$suite" \
	-o APT::FTPArchive::Release::Codename="$suite" \
	-o APT::FTPArchive::Release::Architectures="amd64 arm64 all" \
	-o APT::FTPArchive::Release::Components=main \
	-o APT::FTPArchive::Release::Acquire-By-Hash=yes \
	-o APT::FTPArchive::Release::Description="mctp-pcc: MCTP over ACPI PCC" \
	release "dists/$suite") >"$kdir/Release"
mv "$kdir/Release" "$dists/Release"
gpgs --clearsign -o "$dists/InRelease" "$dists/Release"
gpgs --detach-sign --armor -o "$dists/Release.gpg" "$dists/Release"
# by-hash: every index under its SHA256 too (DoByHash makes them for the
# Packages and Sources files; the rest here), so a client never reads an
# index that changed under it.
awk '/^SHA256:/ { on = 1; next } /^[^ ]/ { on = 0 } on { print $1, $3 }' "$dists/Release" |
while read -r sum file; do
	d=$dists/$(dirname "$file")/by-hash/SHA256
	mkdir -p "$d"
	[ -e "$d/$sum" ] || cp "$dists/$file" "$d/$sum"
done

# RPM: signed copies, then the metadata, signed too.
rdir=$repo/rpm
mkdir -p "$rdir/packages"
cp "$pkgdir"/*.rpm "$rdir/packages/"
gpg --batch --armor --export "$fpr" >"$rdir/RPM-GPG-KEY-$name"
# (Debian's rpm looks for gpg2; Fedora's for gpg2, a link to gpg.)
rpmsign --addsign --define "_gpg_name $fpr" --define "__gpg $(command -v gpg)" \
	"$rdir"/packages/*.rpm >"$kdir/rpmsign.log" 2>&1 ||
	{ cat "$kdir/rpmsign.log" >&2; die "rpmsign failed"; }
createrepo_c --quiet --update "$rdir" >"$kdir/createrepo.log" 2>&1 ||
	{ cat "$kdir/createrepo.log" >&2; die "createrepo_c failed"; }
gpgs --detach-sign --armor -o "$rdir/repodata/repomd.xml.asc" "$rdir/repodata/repomd.xml"
cat >"$rdir/$name.repo" <<EOR
[$name]
name=mctp-pcc: MCTP over ACPI PCC
baseurl=$url/rpm
enabled=1
gpgcheck=1
repo_gpgcheck=1
gpgkey=$url/rpm/RPM-GPG-KEY-$name
EOR

# The release tarballs, for debian/watch and anyone building from source.
mkdir -p "$repo/releases"
for t in "$pkgdir"/*.orig.tar.gz; do
	v=${t##*/"$name"_}
	v=${v%.orig.tar.gz}
	cp "$t" "$repo/releases/$name-$v.tar.gz"
	(cd "$repo/releases" && sha256sum "$name-$v.tar.gz" >"$name-$v.tar.gz.sha256")
	gpgs --detach-sign --armor -o "$repo/releases/$name-$v.tar.gz.asc" "$repo/releases/$name-$v.tar.gz"
done
echo "repo.sh: $repo signed with $fpr, for $url"
