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
#  - outside a git checkout, make release dates the files by
#    debian/changelog, and a .deb built from that has no 1970 file;
#  - debian/rules takes backport, PPA, +ds and ~rc versions, and refuses
#    another upstream version; the postinst of a +ds or ~rc1 package builds
#    DKMS's version; make new-version changes all three places.
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

# Outside a git checkout, as a distribution's builder has the source (issue
# 17): make release dates the files by debian/changelog, as dpkg does, not
# 1970 (lintian: package-contains-ancient-file).  ($u is such a tree.)
stamp=$(dpkg-parsechangelog -l "$u/debian/changelog" -STimestamp)
utar=$u/build/release/mctp-pcc-$version.tar.gz
check "outside git: make release dates every file by debian/changelog ($(date -u -d "@$stamp" +%F)), not 1970" \
	sh -c "make -s -C '$u' release >/dev/null &&
		[ \"\$(tar --utc --full-time -tvzf '$utar' | awk '{ print \$4 \"T\" \$5 }' | sort -u)\" = \
			'$(date -u -d "@$stamp" +%Y-%m-%dT%H:%M:%S)' ]"

# A repacked (+ds) or prerelease (~rc1) Debian version, which debian/rules
# takes (below): the package's postinst must still build DKMS's version,
# VERSION, not the package's upstream version (issue 17).
# ds_build DEBIAN-VERSION: the arch-independent package of that version,
# from the tarball above and debian/, as make deb builds (no tests).
ds_build() {
	rm -rf "$T/ds"
	mkdir -p "$T/ds"
	tar -xzf "$utar" -C "$T/ds" || return 1
	cp -R "$u/debian" "$T/ds/mctp-pcc-$version/"
	{ printf 'mctp-pcc (%s) unstable; urgency=medium\n\n  * Test.\n\n -- T <t@invalid>  %s\n\n' \
		"$1" "$(date -u -R -d "@$((stamp + 86400))")"
		cat "$u/debian/changelog"; } >"$T/ds/mctp-pcc-$version/debian/changelog"
	(cd "$T/ds/mctp-pcc-$version" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -A) >"$T/ds.log" 2>&1 ||
		{ tail -n 20 "$T/ds.log"; return 1; }
}
# postinst_builds DEB VERSION: DEB's postinst, run as dpkg runs it
# ("configure") with DEB installed -- dpkg-query answers for it -- but
# with stand-ins for the helpers it calls and without debhelper's parts,
# gives dkms-build-all VERSION.
postinst_builds() {
	rm -rf "$T/pi"
	mkdir -p "$T/pi/bin" "$T/pi/libexec"
	dpkg-deb --ctrl-tarfile "$1" | tar -xOf - ./postinst |
		sed -e '/^# Automatically added by/,/^# End automatically added section/d' \
			-e "s|/usr/libexec/mctp-pcc/|$T/pi/libexec/|g" >"$T/pi/postinst" || return 1
	_v=$(dpkg-deb -f "$1" Version)
	# dpkg-query -W -f FORMAT PACKAGE, answered for DEB
	{
		echo '#!/bin/sh'
		printf "printf '%%s' \"\$3\" | sed -e 's/\\\${source:Upstream-Version}/%s/g' -e 's/\\\${Version}/%s/g'\n" \
			"${_v%-*}" "$_v"
	} >"$T/pi/bin/dpkg-query"
	# shellcheck disable=SC2016 # $1: the stand-in's own
	printf '#!/bin/sh\necho "$1" >%s/pi/dkms-version\n' "$T" >"$T/pi/libexec/dkms-build-all"
	for _f in libexec/load-for-devices bin/systemctl bin/udevadm; do
		printf '#!/bin/sh\nexit 0\n' >"$T/pi/$_f"
	done
	chmod +x "$T"/pi/bin/* "$T"/pi/libexec/*
	PATH=$T/pi/bin:$PATH sh "$T/pi/postinst" configure || return 1
	echo "dkms-build-all got: $(cat "$T/pi/dkms-version" 2>/dev/null)"
	[ "$(cat "$T/pi/dkms-version" 2>/dev/null)" = "$2" ]
}
deb=
for v in "$version+ds-1" "$version~rc1-1"; do
	if ds_build "$v" >"$T/log" 2>&1; then
		deb=$T/ds/mctp-pcc-dkms_${v}_all.deb
		check "mctp-pcc-dkms $v: its postinst builds DKMS version $version" postinst_builds "$deb" "$version"
	else
		fail "mctp-pcc-dkms $v builds from the tarball" "$T/log"
	fi
done
check "a .deb built from the tarball outside git: no file dated 1970 (lintian: package-contains-ancient-file)" \
	sh -c "dpkg-deb -c '$deb' >'$T/contents' && awk '{ print \$4 }' '$T/contents' | grep -q . &&
		! awk '{ print \$4 }' '$T/contents' | grep '^1970-'"

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
