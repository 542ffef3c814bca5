#!/bin/sh
# Scan a VM's serial log for reports the debug kernel makes when something is
# wrong. Prints each report with context; exits 1 if there is any.
#
# usage: check-kernel-log.sh LOG
set -eu
log=$1

patterns='BUG:|WARNING:|KASAN|kmemleak: .*new suspected|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|scheduling while atomic|Oops|general protection fault|Kernel panic|Call Trace:|INFO: task .* blocked|soft lockup|hard LOCKUP|UBSAN|list_add corruption|list_del corruption|refcount_t:|unregister_netdevice: waiting'

if grep -Eq "$patterns" "$log"; then
	echo "kernel log of $log has reports:"
	grep -En -B2 -A25 "$patterns" "$log" | head -n 200
	exit 1
fi
