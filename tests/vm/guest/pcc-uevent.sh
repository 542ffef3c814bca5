#!/bin/sh
# Run by busybox `uevent` in the test guest for each kernel uevent: what
# udev does for this driver. Load the module a device's MODALIAS asks for,
# and configure each new MCTP interface with the packaged helper, as
# udev/70-mctp-pcc.rules does.
[ "$ACTION" = add ] || exit 0
if [ -n "${MODALIAS:-}" ]; then
	modprobe "$MODALIAS" >>/tmp/uevent.log 2>&1
fi
case "$SUBSYSTEM:${INTERFACE:-}" in
net:mctppcc[0-9]* | net:mctpecho[0-9]*)
	/usr/libexec/mctp-pcc/mctp-pcc-setup "$INTERFACE" >>/tmp/uevent.log 2>&1
	;;
esac
exit 0
