# Packaging: make install, make deb, make rpm, make lint-packages.
# Included from the top Makefile; also usable alone: make -f mk/packaging.mk ...
#
#   make install DESTDIR=/tmp/root   every file where the distributions expect it
#   make release                     build/release/mctp-pcc-VERSION.tar.gz and
#                                    its .sha256: the source of both below
#   make deb                         build/packages/*.deb and the 3.0 (quilt)
#                                    source package (dpkg-buildpackage -us -uc),
#                                    and the tools for arm64 (-a arm64: Debian's
#                                    cross compiler, the archive's libc6-dev:arm64)
#   make rpm                         build/packages/*.rpm and the source RPM
#                                    (rpmbuild -ba rpm/mctp-pcc.spec), and the
#                                    tools for aarch64 (--target, cross compiler)
#   make repo REPO_URL=https://...   signed apt and RPM repositories in
#                                    build/repo, for that address (mk/repo.sh:
#                                    the keys from MCTP_PCC_SIGNING_KEY, GNUPGHOME)
#   make new-version NEW=X.Y.Z       VERSION, spec and debian/changelog
#   make lint-packages               lintian + rpmlint (the signed .rpms of
#                                    make repo); fails on any tag not
#                                    overridden with a reason
#   make test-packaging              host tests (no VM): the helper with a fake
#                                    configurator; dkms.conf with the real dkms
#
# Directory variables (override on the command line):
#   PREFIX=/usr SYSCONFDIR=/etc LIBEXECDIR=$(PREFIX)/libexec
#   UDEVRULESDIR=$(PREFIX)/lib/udev/rules.d MODPROBEDIR=$(PREFIX)/lib/modprobe.d
#   SYSTEMDUNITDIR=$(PREFIX)/lib/systemd/system DKMSSRCDIR=$(PREFIX)/src
# debian/rules passes the /lib/... directories debhelper 13 uses on Debian 12.

PKG_TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
PKG_NAME := mctp-pcc
VERSION ?= $(shell cat $(PKG_TOP)/VERSION)
PKG_VERSION := $(strip $(VERSION))

DESTDIR ?=
PREFIX ?= /usr
SYSCONFDIR ?= /etc
LIBEXECDIR ?= $(PREFIX)/libexec
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
MODPROBEDIR ?= $(PREFIX)/lib/modprobe.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
DKMSSRCDIR ?= $(PREFIX)/src
MANDIR ?= $(PREFIX)/share/man

# Build output: build/ (gitignored), or $MCTP_PCC_BUILD as the tests use.
PKG_BUILD := $(abspath $(or $(MCTP_PCC_BUILD),$(PKG_TOP)/build))
PKG_OUT := $(PKG_BUILD)/packages
# DESTDIR made absolute: the tools' install runs in tools/.
PKG_DESTDIR = $(if $(DESTDIR),$(abspath $(DESTDIR)))
PKG_DKMS_DEST = $(PKG_DESTDIR)$(DKMSSRCDIR)/$(PKG_NAME)-$(PKG_VERSION)
# The module source DKMS needs: Kbuild, Makefile, *.c, *.h (no build output).
PKG_MODULE_SRC = $(sort $(wildcard $(PKG_TOP)/src/Kbuild $(PKG_TOP)/src/Makefile \
	$(PKG_TOP)/src/*.c $(PKG_TOP)/src/*.h))

# rpmbuild on Debian (apt package rpm): the build dependencies are dpkg's,
# invisible to rpm, so skip that check.
RPMBUILD_FLAGS ?= $(if $(wildcard /etc/debian_version),--nodeps)
# Directory macros that systemd-rpm-macros gives on Fedora/RHEL, defined
# here only where rpm lacks them (Debian's rpm).
PKG_RPM_DIRS := _unitdir=/usr/lib/systemd/system _udevrulesdir=/usr/lib/udev/rules.d \
	_modprobedir=/usr/lib/modprobe.d
PKG_RPM_DEFINES = $(foreach d,$(PKG_RPM_DIRS),$(if $(shell rpm --eval '%{?$(word 1,$(subst =, ,$(d)))}'),,\
	--define "$(subst =, ,$(d))"))
# Debian's rpm has none of Fedora's build flags, debuginfo stripping or
# reproducible-build settings: mk/rpm-on-debian.macros gives them, on
# Debian only (Fedora and COPR build with their own): last in rpm's macro
# path, which --target reads again (it would drop a --load).
PKG_RPM_LOAD = $(if $(wildcard /etc/debian_version),--macros \
	"$(shell rpm --showrc | sed -n 's/^Macro path: //p'):$(PKG_TOP)/mk/rpm-on-debian.macros")
# The second architecture of the tools, cross-built: Debian's arm64 and
# RPM's aarch64, with Debian's cross compiler (gcc-aarch64-linux-gnu).
PKG_CROSS_DEB := arm64
PKG_CROSS_RPM := aarch64
PKG_CROSS_GNU := aarch64-linux-gnu
# CROSS=no: the machine's own architecture only (the install VM test, whose
# guest needs no arm64 packages, saves the time).
CROSS ?= yes
PKG_CROSS_DEPS = $(if $(filter no,$(CROSS)),,cross)

.PHONY: install install-dkms install-tools deb rpm lint-packages test-packaging

install: install-dkms install-tools

# Everything of mctp-pcc-dkms: DKMS source, udev rule, unit, modprobe.d,
# helper and its config with their man pages, the build-for-every-kernel
# script of the postinst/%post and the load-for-the-device one.
install-dkms:
	@test -n "$(PKG_VERSION)" || { echo "packaging.mk: VERSION is empty" >&2; exit 1; }
	install -d $(PKG_DKMS_DEST)/src
	sed 's/#MODULE_VERSION#/$(PKG_VERSION)/g' $(PKG_TOP)/dkms.conf >$(PKG_DKMS_DEST)/dkms.conf
	chmod 0644 $(PKG_DKMS_DEST)/dkms.conf
	install -m 0644 $(PKG_TOP)/VERSION $(PKG_DKMS_DEST)/VERSION
	install -m 0644 $(PKG_MODULE_SRC) $(PKG_DKMS_DEST)/src/
	install -d $(PKG_DESTDIR)$(UDEVRULESDIR) $(PKG_DESTDIR)$(SYSTEMDUNITDIR)
	sed 's|/usr/libexec/|$(LIBEXECDIR)/|g' $(PKG_TOP)/udev/70-mctp-pcc.rules \
		>$(PKG_DESTDIR)$(UDEVRULESDIR)/70-mctp-pcc.rules
	for unit in mctp-pcc-setup@.service mctp-pcc-peers@.service; do \
		sed 's|/usr/libexec/|$(LIBEXECDIR)/|g' $(PKG_TOP)/systemd/$$unit \
			>$(PKG_DESTDIR)$(SYSTEMDUNITDIR)/$$unit && \
		chmod 0644 $(PKG_DESTDIR)$(SYSTEMDUNITDIR)/$$unit || exit 1; \
	done
	chmod 0644 $(PKG_DESTDIR)$(UDEVRULESDIR)/70-mctp-pcc.rules
	install -D -m 0644 $(PKG_TOP)/modprobe.d/mctp-pcc.conf $(PKG_DESTDIR)$(MODPROBEDIR)/mctp-pcc.conf
	install -D -m 0755 $(PKG_TOP)/tools/mctp-pcc-setup $(PKG_DESTDIR)$(LIBEXECDIR)/mctp-pcc/mctp-pcc-setup
	install -D -m 0755 $(PKG_TOP)/scripts/dkms-build-all $(PKG_DESTDIR)$(LIBEXECDIR)/mctp-pcc/dkms-build-all
	install -D -m 0755 $(PKG_TOP)/scripts/load-for-devices $(PKG_DESTDIR)$(LIBEXECDIR)/mctp-pcc/load-for-devices
	install -D -m 0644 $(PKG_TOP)/conf/mctp-pcc.conf $(PKG_DESTDIR)$(SYSCONFDIR)/mctp-pcc.conf
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc-setup.8 $(PKG_DESTDIR)$(MANDIR)/man8/mctp-pcc-setup.8
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc.conf.5 $(PKG_DESTDIR)$(MANDIR)/man5/mctp-pcc.conf.5

# Everything of mctp-pcc-tools.
install-tools:
	$(MAKE) -C $(PKG_TOP)/tools install DESTDIR=$(PKG_DESTDIR) PREFIX=$(PREFIX)
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc-ctl.1 $(PKG_DESTDIR)$(MANDIR)/man1/mctp-pcc-ctl.1
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc-ping.1 $(PKG_DESTDIR)$(MANDIR)/man1/mctp-pcc-ping.1

# The release tarball: what the packages build from and test with (at
# package build time they run the host unit tests), nothing else -- no
# debian/ (the Debian source's own tarball), no build output, none of the
# VM and kernel harness.  It is the orig tarball of the 3.0 (quilt) Debian
# source and the RPM's Source0.  Files are those git tracks plus new ones
# it does not ignore where the tree is a checkout of its own, or otherwise
# (outside git, or a copy inside another checkout's build/) what is there.
PKG_RELEASE_PATHS := COPYING Makefile README.md VERSION dkms.conf conf docs/man \
	docs/packaging.md docs/mctpd.md mk modprobe.d rpm scripts src systemd tools udev tests/unit tests/lib/result.sh
PKG_RELEASE := $(PKG_BUILD)/release
PKG_TARBALL := $(PKG_RELEASE)/$(PKG_NAME)-$(PKG_VERSION).tar.gz
# The tarball's timestamps: the last commit's, so the same tree gives the
# same bytes (SOURCE_DATE_EPOCH wins).  Outside a git checkout (a
# distribution builder's unpacked source) the date of the newest
# debian/changelog entry, as dpkg-buildpackage takes it, else of the spec's
# newest %changelog entry: never 1970, which lintian calls ancient.
PKG_SPEC_DATE = $(shell sed -n '/^%changelog/{n;s/^\* [A-Za-z]* \([A-Za-z]* [0-9]* [0-9]*\) .*/\1/p;q;}' \
	$(PKG_TOP)/rpm/$(PKG_NAME).spec 2>/dev/null)
PKG_EPOCH = $(or $(SOURCE_DATE_EPOCH),$(shell git -C $(PKG_TOP) log -1 --format=%ct 2>/dev/null),$(shell \
	dpkg-parsechangelog -l $(PKG_TOP)/debian/changelog -STimestamp 2>/dev/null),$(if $(PKG_SPEC_DATE),$(shell \
	TZ=UTC date -d '$(PKG_SPEC_DATE)' +%s 2>/dev/null)),$(error packaging.mk: no date for the release \
	tarball: no SOURCE_DATE_EPOCH, git, debian/changelog or spec %changelog))

.PHONY: release new-version repo rpm-rebuild

release:
	$(PKG_TOP)/mk/new-version.sh --check $(PKG_TOP)
	rm -rf $(PKG_RELEASE)
	mkdir -p $(PKG_RELEASE)
	cd $(PKG_TOP) && \
	if [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$$(pwd -P)" ]; then \
		git ls-files -c -o --exclude-standard -- $(PKG_RELEASE_PATHS) | \
		while IFS= read -r f; do [ ! -f "$$f" ] || printf '%s\n' "$$f"; done; \
	else \
		find $(PKG_RELEASE_PATHS) -type f -print; \
	fi | LC_ALL=C sort | \
	tar -cf - --no-recursion -T - --transform 's|^|$(PKG_NAME)-$(PKG_VERSION)/|' \
		--owner=0 --group=0 --numeric-owner --mode=u+rw,go+r,go-w \
		--mtime=@$(PKG_EPOCH) --format=gnu | gzip -n -9 >$(PKG_TARBALL)
	cd $(PKG_RELEASE) && sha256sum $(notdir $(PKG_TARBALL)) >$(notdir $(PKG_TARBALL)).sha256
	@cat $(PKG_TARBALL).sha256

# make new-version NEW=X.Y.Z [MSG=...]: the one way to change the version:
# VERSION, the spec's Version (Release 1) with a %changelog entry, and a
# debian/changelog entry NEW-1.
new-version:
	@test -n "$(NEW)" || { echo "usage: make new-version NEW=X.Y.Z [MSG='...']" >&2; exit 2; }
	$(PKG_TOP)/mk/new-version.sh $(PKG_TOP) $(NEW) '$(or $(MSG),New upstream version $(NEW).)'

# The .debs and the Debian source (.dsc, orig and debian tarballs), built
# from the release tarball as a distribution's builder would.
deb: release
	$(PKG_TOP)/tests/lib/install-deps.sh pkg $(PKG_CROSS_DEPS)
	rm -rf $(PKG_BUILD)/deb
	mkdir -p $(PKG_BUILD)/deb
	cp $(PKG_TARBALL) $(PKG_BUILD)/deb/$(PKG_NAME)_$(PKG_VERSION).orig.tar.gz
	tar -xzf $(PKG_TARBALL) -C $(PKG_BUILD)/deb
	cp -R $(PKG_TOP)/debian $(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION)/
	$(PKG_TOP)/mk/watch-key.sh $(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION)/debian \
		$(PKG_BUILD)/deb/$(PKG_NAME)_$(PKG_VERSION).orig.tar.gz
	cd $(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION) && dpkg-buildpackage -us -uc
ifneq ($(CROSS),no)
	cd $(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION) && dpkg-buildpackage -us -uc -B -a $(PKG_CROSS_DEB)
endif
	mkdir -p $(PKG_OUT)
	rm -f $(PKG_OUT)/*.deb $(PKG_OUT)/*.changes $(PKG_OUT)/*.buildinfo $(PKG_OUT)/*.dsc $(PKG_OUT)/*.tar.*
	cp $(PKG_BUILD)/deb/*.deb $(PKG_BUILD)/deb/*.changes $(PKG_BUILD)/deb/*.buildinfo \
		$(PKG_BUILD)/deb/*.dsc $(PKG_BUILD)/deb/*.tar.* $(PKG_OUT)/
	@ls -l $(PKG_OUT)/*.deb

# The .rpms and the source RPM: the committed spec, the release tarball.
PKG_RPMBUILD = rpmbuild $(RPMBUILD_FLAGS) $(PKG_RPM_DEFINES) $(PKG_RPM_LOAD)
# (With the macro path of PKG_RPM_LOAD, Debian's rpmbuild reads it only for
# a --target: name the machine's own for the native build.)
PKG_RPM_TARGET = $(if $(PKG_RPM_LOAD),--target $(shell rpm --eval %_target_cpu)-linux)
rpm: release
	$(PKG_TOP)/tests/lib/install-deps.sh pkg $(PKG_CROSS_DEPS)
	rm -rf $(PKG_BUILD)/rpm $(PKG_BUILD)/rpm-$(PKG_CROSS_RPM)
	mkdir -p $(PKG_BUILD)/rpm/SOURCES $(PKG_BUILD)/rpm-$(PKG_CROSS_RPM)/SOURCES $(PKG_OUT)
	cp $(PKG_TARBALL) $(PKG_BUILD)/rpm/SOURCES/
	cp $(PKG_TARBALL) $(PKG_BUILD)/rpm-$(PKG_CROSS_RPM)/SOURCES/
	$(PKG_RPMBUILD) -ba $(PKG_RPM_TARGET) --define "_topdir $(PKG_BUILD)/rpm" $(PKG_TOP)/rpm/$(PKG_NAME).spec
ifneq ($(CROSS),no)
	$(PKG_RPMBUILD) -bb --nocheck --target $(PKG_CROSS_RPM)-linux \
		--define "_topdir $(PKG_BUILD)/rpm-$(PKG_CROSS_RPM)" --define "__cc $(PKG_CROSS_GNU)-gcc" \
		--define "__strip $(PKG_CROSS_GNU)-strip" --define "__objdump $(PKG_CROSS_GNU)-objdump" \
		$(PKG_TOP)/rpm/$(PKG_NAME).spec
endif
	rm -f $(PKG_OUT)/*.rpm $(PKG_OUT)/*.spec
	cp $(PKG_TOP)/rpm/$(PKG_NAME).spec $(PKG_OUT)/
	cp $(PKG_BUILD)/rpm/RPMS/*/*.rpm $(PKG_BUILD)/rpm/SRPMS/*.rpm $(PKG_OUT)/
ifneq ($(CROSS),no)
	cp $(PKG_BUILD)/rpm-$(PKG_CROSS_RPM)/RPMS/$(PKG_CROSS_RPM)/*.rpm $(PKG_OUT)/
endif
	@ls -l $(PKG_OUT)/*.rpm

# make rpm-rebuild SRPM=... TOPDIR=...: rpmbuild --rebuild, as make rpm builds.
rpm-rebuild:
	$(PKG_RPMBUILD) --rebuild $(PKG_RPM_TARGET) --define "_topdir $(TOPDIR)" $(SRPM)

# rpmlint wants the signed .rpms: those of make repo's REPO_DIR.
lint-packages:
	$(PKG_TOP)/tests/packaging/lint-packages.sh $(PKG_OUT) $(REPO_DIR)/rpm

test-packaging:
	$(PKG_TOP)/tests/packaging/test-setup-helper.sh
	$(PKG_TOP)/tests/packaging/test-dkms.sh

# make repo REPO_URL=https://...: build/packages added to the signed
# repositories in build/repo (REPO_DIR), which whoever runs it serves at
# REPO_URL (required: there is no default address); the keys from
# MCTP_PCC_SIGNING_KEY and GNUPGHOME.  Needs make deb rpm first.
REPO_DIR ?= $(PKG_BUILD)/repo
repo:
	REPO_URL='$(REPO_URL)' $(PKG_TOP)/mk/repo.sh $(PKG_OUT) $(REPO_DIR)
