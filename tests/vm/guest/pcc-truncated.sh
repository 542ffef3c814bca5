# shellcheck shell=sh
# Firmware whose PCCT ends inside the inbox's entry (booted with tests/pcc's
# pcct-truncated): the driver reads no field past the table's end, and says
# why it binds no link. Runs inside the test VM.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh
# shellcheck source=tests/vm/guest/pcc-lib.sh
. /tests/pcc-lib.sh

check "the PCCT is the truncated one (276 bytes)" expect_dmesg "ACPI: PCCT 0x[0-9A-F]* 000114 "
check "the driver loads" insmod "$MOD"
check "it says the inbox's entry runs past the PCCT" \
	wait_for 10 expect_dmesg "inbox: PCC subspace 1 runs past the end of the PCCT"
check "it binds no link" test ! -e /sys/class/net/$DEV
check "unload" rmmod mctp_pcc
