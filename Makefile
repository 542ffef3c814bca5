# mctp-pcc: MCTP over ACPI PCC, with echo interfaces.
#
#   make demo         boot a test VM, load the driver, ping through it
#   make check        every test: unit, lint, VM (kernel built and cached),
#                     packaging on the host and installed in a Debian VM
#   make test-kernel  build or reuse the cached test kernel
#   make module       build the module for KDIR (default: running kernel)
#   make tools        build the userspace tools
#   make lint         checkpatch, sparse, shellcheck
#   make bench        echo vs userspace round trips (QUICK=1: a token run)
#   make matrix       build against 6.1, 6.12, Debian's newest (7.3, for
#                     arm64: the arm64 KCSAN test kernel) and i386
#   make stress       soak, load/unload cycles, failing allocations, fuzz
#   make pcc-test     the PCC transport against the emulated PCC platform
#                     (KERNEL=newest: on the newest kernel Debian has, or
#                     KERNEL=SUITE: that suite's, instead of 6.12)
#   make arm64-test   the echo and PCC suites on an arm64 kernel (cross-built)
#                     under QEMU's virt machine with UEFI (KERNEL=newest
#                     FLAVOUR=debug+kcsan: as make check runs them)
#   make arm64-install-test
#                     the install-in-a-VM test on arm64: a Debian 12 arm64
#                     guest, apt install mctp-pcc-dkms from make repo's
#                     repository, DKMS, udev, ping; not in make check
#   make kcsan-test   the echo and PCC suites on an x86 KCSAN kernel (data
#                     races; KERNEL=newest: Debian's newest)
#   make mctpd-test MCTPD_BUILD=DIR
#                     upstream mctpd (built in DIR, outside the checkout)
#                     discovers the emulated endpoints; not in make check

VERSION := $(shell cat VERSION)
KDIR ?= /lib/modules/$(shell uname -r)/build

all: tools

tools:
	$(MAKE) -C tools

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR)/src modules

test-kernel:
	tests/kernel/build.sh debug

demo:
	MCTP_PCC_VM_SHOW=1 tests/vm/run.sh demo

unit:
	tests/unit/run.sh

lint:
	tests/lint.sh

vm-test:
	tests/vm/run.sh echo

# KERNEL=newest, or a Debian suite: on that kernel instead of 6.12
pcc-test:
	tests/vm/run.sh $(if $(KERNEL),--kernel $(KERNEL)) pcc-platform pcc

arm64-test:
	tests/vm/run.sh --arch arm64 $(if $(KERNEL),--kernel $(KERNEL)) \
		$(if $(FLAVOUR),--flavour $(FLAVOUR)) \
		echo pcc-platform pcc pcc-odd pcc-truncated

arm64-install-test:
	tests/packaging/vm-install-all.sh --arch arm64

kcsan-test:
	tests/vm/run.sh $(if $(KERNEL),--kernel $(KERNEL)) --flavour debug+kcsan \
		echo pcc-platform pcc

stress:
	tests/vm/run.sh stress

mctpd-test:
	tests/vm/run-mctpd.sh $(MCTPD_BUILD)

matrix:
	tests/matrix/run.sh

bench:
	tests/bench/run.sh $(if $(QUICK),quick)

check:
	tests/run-all.sh tests/unit/run.sh tests/tools/test-cli.sh tests/lint.sh \
		"tests/vm/run.sh echo" "tests/vm/run.sh stress" \
		"tests/vm/run.sh pcc-platform pcc" \
		"tests/vm/run.sh --arch arm64 --kernel newest --flavour debug+kcsan \
			echo pcc-platform pcc pcc-odd pcc-truncated" \
		"tests/bench/run.sh quick" \
		tests/matrix/run.sh \
		tests/packaging/run.sh tests/packaging/vm-install-all.sh

clean:
	$(MAKE) -C tools clean
	rm -rf build

.PHONY: all tools module test-kernel demo unit lint vm-test pcc-test arm64-test arm64-install-test kcsan-test stress mctpd-test matrix \
	bench check clean

-include mk/packaging.mk
