# mctp-pcc: MCTP over ACPI PCC, with echo interfaces.
#
#   make demo         boot a test VM, load the driver, ping through it
#   make check        every test: unit, lint, VM (kernel built and cached)
#   make test-kernel  build or reuse the cached test kernel
#   make module       build the module for KDIR (default: running kernel)
#   make tools        build the userspace tools
#   make lint         checkpatch, sparse, shellcheck

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

check:
	tests/run-all.sh tests/unit/run.sh tests/tools/test-cli.sh tests/lint.sh \
		"tests/vm/run.sh echo"

clean:
	$(MAKE) -C tools clean
	rm -rf build

.PHONY: all tools module test-kernel demo unit lint vm-test check clean

-include mk/packaging.mk
