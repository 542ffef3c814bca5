# shellcheck shell=sh
# make demo: load the driver with one echo interface, configure it with the
# project's tool, and ping through it.
# shellcheck source=tests/vm/guest/lib.sh
. /tests/lib.sh
set -x
insmod "$ECHO" echo_devs=1
mctp-pcc-ctl link set mctpecho0 up
mctp-pcc-ctl addr add 10 dev mctpecho0
mctp-pcc-ctl route add 9 via mctpecho0
mctp-pcc-ctl link show
mctp-pcc-ctl addr show
mctp-pcc-ctl route show
mctp-pcc-ping -c 4 -i 0.2 9
mctp-pcc-ping -c 2 -s 4000 9
rc=$?
set +x
"$IP" -s link show mctpecho0
rmmod mctp_echo
echo "TEST $([ $rc -eq 0 ] && echo ok || echo FAIL) - demo ping"
