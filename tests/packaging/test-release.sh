#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The source packages, from outside, after make deb and make rpm (run.sh):
#  - make release is reproducible, its checksum verifies, and the tarball
#    holds what the packages build and test from and nothing else;
#  - the committed spec parses (rpmspec -q) with VERSION's version, and the
#    source RPM rebuilds (rpmbuild --rebuild) into the same binary packages;
#  - the Debian source is 3.0 (quilt) with a Debian revision, and
#    dpkg-source -b in a used checkout (build output, test harness) makes a
#    source package without any of it and without patches;
#  - debian/rules takes backport and PPA versions, and refuses another
#    upstream version; make new-version changes all three places.
#
# usage: tests/packaging/test-release.sh
# Prints "release: N passed, N failed" last.
set -u

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/packaging.sh
. "$here/../lib/packaging.sh"
pkg_test_setup release
tarball=$build/release/mctp-pcc-$version.tar.gz

# release
check "make release" make -s -C "$top" release
cp "$tarball" "$T/first.tar.gz"
check "make release again: the same bytes" sh -c "make -s -C '$top' release && cmp '$T/first.tar.gz' '$tarball'"
check "the .sha256 verifies" sh -c "cd '$build/release' && sha256sum -c mctp-pcc-$version.tar.gz.sha256"
tar -tzf "$tarball" | sed "s|^mctp-pcc-$version/||" >"$T/files"
check "tarball: one top directory mctp-pcc-$version/" \
	sh -c "! tar -tzf '$tarball' | grep -v '^mctp-pcc-$version/'"
for f in dkms.conf VERSION COPYING rpm/mctp-pcc.spec src/Kbuild tools/mctp-pcc-setup \
	tests/unit/run.sh tests/lib/result.sh mk/packaging.mk udev/70-mctp-pcc.rules; do
	grep -qx "$f" "$T/files" || echo "missing $f"
done >"$T/missing"
check "tarball: has the sources, the spec and the unit tests" sh -c "cat '$T/missing'; [ ! -s '$T/missing' ]"
check "tarball: no debian/, build output or VM and kernel harness" \
	sh -c "! grep -E '^(debian|build|\\.ci)/|^tests/(vm|kernel|packaging|pcc|matrix|bench)/|\\.(o|ko|cmd)\$|^tools/mctp-pcc-(ctl|ping)\$' '$T/files'"

# RPM
check "committed spec parses: rpmspec -q gives $version-1" \
	sh -c "rpmspec -q --qf '%{VERSION}-%{RELEASE}\\n' '$top/rpm/mctp-pcc.spec' | grep -qx '$version-1'"
srpm=$pkgs/mctp-pcc-$version-1.src.rpm
rpmq() { rpm -qp --qf '[%{FILENAMES} %{FILEMODES:octal} %{FILEDIGESTS}\n]' "$1" 2>/dev/null; }
rebuild() {
	make -s -C "$top" -f mk/packaging.mk rpm-rebuild SRPM="$srpm" TOPDIR="$T/rpm" || return 1
	for p in "$pkgs"/mctp-pcc-dkms-*.noarch.rpm "$pkgs"/mctp-pcc-tools-*.x86_64.rpm; do
		q=$T/rpm/RPMS/$(rpm -qp --qf '%{ARCH}' "$p")/${p##*/}
		[ -f "$q" ] || { echo "rebuild made no ${p##*/}"; return 1; }
		case $p in
		*.noarch.rpm) rpmq "$p" >"$T/a"; rpmq "$q" >"$T/b" ;;
		# compiled files differ in build ids: names and modes only
		*)
			rpmq "$p" | grep -v '^/usr/lib/\.build-id' | cut -d' ' -f1-2 >"$T/a"
			rpmq "$q" | grep -v '^/usr/lib/\.build-id' | cut -d' ' -f1-2 >"$T/b"
			;;
		esac
		diff "$T/a" "$T/b" || return 1
	done
}
check "source RPM: rpmbuild --rebuild gives the same packages and files" rebuild

# The binary RPMs as Fedora builds them (issue 17): on Debian, make rpm
# gives rpmbuild Fedora's flags and stripping (mk/rpm-on-debian.macros).
fedora_built() { # RPM
	rm -rf "$T/x"
	mkdir -p "$T/x"
	(cd "$T/x" && rpm2cpio "$1" | cpio -idm --quiet) || return 1
	for f in "$T"/x/usr/bin/*; do
		readelf -d "$f" | grep -q '(FLAGS).*BIND_NOW' || { echo "$f: no BIND_NOW (-z now)"; return 1; }
		file "$f" | grep -q ', stripped' || { echo "$f: not stripped"; return 1; }
	done
	readelf --dyn-syms -W "$T"/x/usr/bin/* >"$T/syms"
	grep -q ' __stack_chk_fail@' "$T/syms" || { echo "no stack protector (__stack_chk_fail)"; return 1; }
	grep -q ' __[a-z]*_chk@' "$T/syms" || { echo "not fortified (no __*_chk)"; return 1; }
	! find "$T/x/usr/share/man" -type f ! -name '*.gz' | grep .
}
for arch in x86_64 aarch64; do
	check "mctp-pcc-tools.$arch.rpm built as Fedora builds: BIND_NOW, stack protector, fortify, stripped, man pages gzipped" \
		fedora_built "$pkgs/mctp-pcc-tools-$version-1.$arch.rpm"
done
check "mctp-pcc-tools.aarch64.rpm holds aarch64 programs" \
	sh -c "file '$T'/x/usr/bin/mctp-pcc-ctl | grep -q 'ARM aarch64'"
check "the spec takes the distribution's dist tag: release 1.fc41 where dist is .fc41" \
	sh -c "rpmspec -q --srpm --define 'dist .fc41' --qf '%{RELEASE}\\n' '$top/rpm/mctp-pcc.spec' | grep -qx 1.fc41"
check "COPR: make -f .copr/Makefile srpm outdir=DIR makes the source RPM of the committed spec" \
	sh -c "make -s -f '$top/.copr/Makefile' srpm outdir='$T/copr' spec='$top/rpm/mctp-pcc.spec' >'$T/copr.log' 2>&1 &&
		rpm -qpl '$T'/copr/mctp-pcc-$version-1*.src.rpm | sort | tr '\\n' ' ' | grep -qx 'mctp-pcc-$version.tar.gz mctp-pcc.spec '"

# Debian
check "Debian source: 3.0 (quilt), version $version-1, orig is the release tarball" \
	sh -c "grep -qx 'Format: 3.0 (quilt)' '$pkgs/mctp-pcc_$version-1.dsc' &&
		grep -qx 'Version: $version-1' '$pkgs/mctp-pcc_$version-1.dsc' &&
		cmp '$pkgs/mctp-pcc_$version.orig.tar.gz' '$tarball'"
# A used checkout: the tree as git has it, plus build output.
copy_checkout "$top" "$T/deb/mctp-pcc-$version"
u=$T/deb/mctp-pcc-$version
mkdir -p "$u/build/unit"
echo junk >"$u/build/unit/log"
echo junk >"$u/tools/mctp-pcc-ctl"
echo junk >"$u/src/mctp-pcc-main.o"
echo junk >"$u/src/.mctp-pcc-main.o.cmd"
cp "$tarball" "$T/deb/mctp-pcc_$version.orig.tar.gz"
check "dpkg-source -b in a used checkout" sh -c "cd '$T/deb' && dpkg-source -b mctp-pcc-$version"
check "...its debian tarball is debian/ alone, with no patches" \
	sh -c "tar -tJf '$T/deb/mctp-pcc_$version-1.debian.tar.xz' >'$T/dt' &&
		! grep -v '^debian/' '$T/dt' && ! grep -q '^debian/patches' '$T/dt'"

# debian/rules and the version: the upstream part must be VERSION.
configure_as() { # DEBIAN-VERSION: debian/rules' version check with it
	cp "$u/debian/changelog" "$T/changelog"
	{ printf 'mctp-pcc (%s) unstable; urgency=medium\n\n  * Test.\n\n -- T <t@invalid>  Tue, 01 Dec 2026 00:00:00 +0000\n\n' "$1"
		cat "$T/changelog"; } >"$u/debian/changelog"
	(cd "$u" && make -s -f debian/rules override_dh_auto_configure)
	_rc=$?
	cp "$T/changelog" "$u/debian/changelog"
	return $_rc
}
if configure_as "$version-1~bpo12+1" && configure_as "$version-0ppa1~noble1"; then
	pass "debian/rules takes $version-1~bpo12+1 and $version-0ppa1~noble1"
else
	fail "debian/rules takes $version-1~bpo12+1 and $version-0ppa1~noble1"
fi
if configure_as "9.9.9-1" >"$T/log" 2>&1; then
	fail "debian/rules refuses upstream 9.9.9 (VERSION $version)"
else
	pass "debian/rules refuses upstream 9.9.9 (VERSION $version)"
fi
check "make new-version NEW=9.9.9: VERSION, spec and changelog agree" \
	sh -c "make -s -C '$u' new-version NEW=9.9.9 && [ \"\$(cat '$u/VERSION')\" = 9.9.9 ] &&
		'$u/mk/new-version.sh' --check '$u' &&
		rpmspec -q --qf '%{VERSION}-%{RELEASE}\\n' '$u/rpm/mctp-pcc.spec' | grep -qx 9.9.9-1 &&
		head -n 1 '$u/debian/changelog' | grep -q '^mctp-pcc (9.9.9-1) ' &&
		grep -q -- '- 9.9.9-1\$' '$u/rpm/mctp-pcc.spec'"

echo "release: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
