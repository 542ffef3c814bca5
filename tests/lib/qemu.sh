# shellcheck shell=sh
# qemu_disk_boot ARCH KERNEL APPEND LOG LIMIT DISK... [-- QEMU_ARG...]:
# boot KERNEL under
# QEMU's software emulation (KVM is present on these machines but its
# guests hang) with the raw images DISK... as virtio disks (/dev/vda,
# /dev/vdb, ...), 2 CPUs and 2 GiB, no network; the serial console goes to
# LOG, and the guest gets at most LIMIT seconds. APPEND is the kernel
# command line after the console. Returns when the guest powers off or
# reboots (-no-reboot), or is killed at LIMIT.
#   ARCH amd64 (or x86_64): qemu-system-x86_64's pc machine, console ttyS0.
#   ARCH arm64: qemu-system-aarch64's virt machine under UEFI (AAVMF: a
#   fresh copy of its variable store each boot) with ACPI, as an arm64
#   server boots, console ttyAMA0 (the PL011).
qemu_disk_boot() {
	_arch=$1
	_kernel=$2
	_append=$3
	_log=$4
	_limit=$5
	shift 5
	# the disks, then what follows a "--" as it is (e.g. -acpitable)
	_n=$#
	_extra=
	for _arg; do
		if [ -n "$_extra" ]; then
			set -- "$@" "$_arg"
		elif [ "$_arg" = -- ]; then
			_extra=1
		else
			set -- "$@" -drive "file=$_arg,format=raw,if=virtio"
		fi
	done
	shift "$_n"
	set -- -accel tcg -smp 2 -m 2048 -nographic -no-reboot -monitor none -serial stdio "$@"
	case $_arch in
	arm64 | aarch64)
		cp /usr/share/AAVMF/AAVMF_VARS.fd "$_log.vars.fd"
		timeout --foreground -k 10 "$_limit" \
			qemu-system-aarch64 -M virt -cpu cortex-a57 "$@" -nic none \
			-drive if=pflash,format=raw,readonly=on,file=/usr/share/AAVMF/AAVMF_CODE.fd \
			-drive "if=pflash,format=raw,file=$_log.vars.fd" \
			-kernel "$_kernel" -append "console=ttyAMA0 acpi=force $_append" \
			</dev/null >"$_log" 2>&1
		_rc=$?
		rm -f "$_log.vars.fd"
		return "$_rc"
		;;
	*)
		timeout --foreground -k 10 "$_limit" \
			qemu-system-x86_64 "$@" -kernel "$_kernel" -append "console=ttyS0 $_append" \
			</dev/null >"$_log" 2>&1
		;;
	esac
}
