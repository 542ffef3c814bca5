# Packaging: make install, make deb, make rpm, make lint-packages.
# Included from the top Makefile; also usable alone: make -f mk/packaging.mk ...
#
#   make install DESTDIR=/tmp/root   every file where the distributions expect it
#   make deb                         build/packages/*.deb, and the native source
#                                    package (dpkg-buildpackage -us -uc)
#   make rpm                         build/packages/*.rpm (rpmbuild -ba)
#   make lint-packages               lintian + rpmlint; fails on any tag not
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

.PHONY: install install-dkms install-tools deb rpm lint-packages test-packaging

install: install-dkms install-tools

# Everything of mctp-pcc-dkms: DKMS source, udev rule, unit, modprobe.d,
# helper and its config.
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
	sed 's|/usr/libexec/|$(LIBEXECDIR)/|g' $(PKG_TOP)/systemd/mctp-pcc-setup@.service \
		>$(PKG_DESTDIR)$(SYSTEMDUNITDIR)/mctp-pcc-setup@.service
	chmod 0644 $(PKG_DESTDIR)$(UDEVRULESDIR)/70-mctp-pcc.rules $(PKG_DESTDIR)$(SYSTEMDUNITDIR)/mctp-pcc-setup@.service
	install -D -m 0644 $(PKG_TOP)/modprobe.d/mctp-pcc.conf $(PKG_DESTDIR)$(MODPROBEDIR)/mctp-pcc.conf
	install -D -m 0755 $(PKG_TOP)/tools/mctp-pcc-setup $(PKG_DESTDIR)$(LIBEXECDIR)/mctp-pcc/mctp-pcc-setup
	install -D -m 0644 $(PKG_TOP)/conf/mctp-pcc.conf $(PKG_DESTDIR)$(SYSCONFDIR)/mctp-pcc.conf

# Everything of mctp-pcc-tools.
install-tools:
	$(MAKE) -C $(PKG_TOP)/tools install DESTDIR=$(PKG_DESTDIR) PREFIX=$(PREFIX)
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc-ctl.1 $(PKG_DESTDIR)$(MANDIR)/man1/mctp-pcc-ctl.1
	install -D -m 0644 $(PKG_TOP)/docs/man/mctp-pcc-ping.1 $(PKG_DESTDIR)$(MANDIR)/man1/mctp-pcc-ping.1

# pkg_tree DIR: copy the tree, as a checkout would have it, to DIR: the
# files git tracks plus new ones it does not ignore (no build output), or,
# outside git, everything but build/.
define pkg_tree
	rm -rf $(1)
	mkdir -p $(1)
	cd $(PKG_TOP) && \
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -c -o --exclude-standard | \
		while IFS= read -r f; do [ ! -e "$$f" ] || printf '%s\n' "$$f"; done; \
	else \
		find . -path ./build -prune -o -type f -print | sed 's|^\./||'; \
	fi | LC_ALL=C sort | tar -cf - --no-recursion -T - | tar -xf - -C $(1)
endef

deb:
	$(PKG_TOP)/tests/lib/install-deps.sh pkg
	rm -rf $(PKG_BUILD)/deb
	$(call pkg_tree,$(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION))
	cd $(PKG_BUILD)/deb/$(PKG_NAME)-$(PKG_VERSION) && dpkg-buildpackage -us -uc
	mkdir -p $(PKG_OUT)
	rm -f $(PKG_OUT)/*.deb $(PKG_OUT)/*.changes $(PKG_OUT)/*.buildinfo $(PKG_OUT)/*.dsc $(PKG_OUT)/*.tar.*
	cp $(PKG_BUILD)/deb/*.deb $(PKG_BUILD)/deb/*.changes $(PKG_BUILD)/deb/*.buildinfo \
		$(PKG_BUILD)/deb/*.dsc $(PKG_BUILD)/deb/*.tar.* $(PKG_OUT)/
	@ls -l $(PKG_OUT)/*.deb

rpm:
	$(PKG_TOP)/tests/lib/install-deps.sh pkg
	rm -rf $(PKG_BUILD)/rpm
	$(call pkg_tree,$(PKG_BUILD)/rpm/tree/$(PKG_NAME)-$(PKG_VERSION))
	mkdir -p $(PKG_BUILD)/rpm/SOURCES $(PKG_OUT)
	tar -C $(PKG_BUILD)/rpm/tree -czf $(PKG_BUILD)/rpm/SOURCES/$(PKG_NAME)-$(PKG_VERSION).tar.gz \
		--owner=0 --group=0 --sort=name $(PKG_NAME)-$(PKG_VERSION)
	mkdir -p $(PKG_BUILD)/rpm/SPECS
	sed 's/@VERSION@/$(PKG_VERSION)/g' $(PKG_TOP)/rpm/$(PKG_NAME).spec >$(PKG_BUILD)/rpm/SPECS/$(PKG_NAME).spec
	rpmbuild -ba $(RPMBUILD_FLAGS) $(PKG_RPM_DEFINES) \
		--define "_topdir $(PKG_BUILD)/rpm" \
		$(PKG_BUILD)/rpm/SPECS/$(PKG_NAME).spec
	cp $(PKG_BUILD)/rpm/SPECS/$(PKG_NAME).spec $(PKG_OUT)/
	rm -f $(PKG_OUT)/*.rpm
	cp $(PKG_BUILD)/rpm/RPMS/*/*.rpm $(PKG_BUILD)/rpm/SRPMS/*.rpm $(PKG_OUT)/
	@ls -l $(PKG_OUT)/*.rpm

lint-packages:
	$(PKG_TOP)/tests/packaging/lint-packages.sh $(PKG_OUT)

test-packaging:
	$(PKG_TOP)/tests/packaging/test-setup-helper.sh
	$(PKG_TOP)/tests/packaging/test-dkms.sh
