#!/bin/sh
# Scan a VM's serial log for reports the debug kernel makes when something is
# wrong. Prints each report with context; exits 1 if there is any.
#
# usage: check-kernel-log.sh LOG
set -eu
log=$1

patterns='BUG:|WARNING:|KASAN|kmemleak: .*new suspected|unreferenced object|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|sleeping function called from invalid context|scheduling while atomic|Oops|general protection fault|Kernel panic|Call Trace:|INFO: task .* blocked|soft lockup|hard LOCKUP|UBSAN|list_add corruption|list_del corruption|refcount_t:|unregister_netdevice: waiting'

# Between the guest's "faults begin" and "faults end" markers allocations
# fail on purpose, and the kernel reports each failure with a stack dump:
# those reports (header to end of stack) are expected, nothing else is.
expected='page allocation failure|vmalloc error|execmem: unable to allocate|SLUB: Unable to allocate'
filtered=$log.checked
awk -v expected="$expected" '
	/mctp-pcc-vm: faults begin/ { faults = 1 }
	/mctp-pcc-vm: faults end/ { faults = 0 }
	faults && $0 ~ expected { skipping = 1 }
	skipping { if ($0 ~ /<\/TASK>/) skipping = 0; next }
	{ print }' "$log" >"$filtered.faults"

# KCSAN (tests/kernel/kcsan.config): a data race one of whose two racing
# accesses is the driver's own code stays in the log, as a failure; one
# whose accesses are both elsewhere (core code, the emulated platform) is
# listed here and taken out.
awk '
	function flush() {
		if (ours) {
			for (i = 0; i < n; i++)
				print block[i]
		} else {
			sub(/^.*BUG: KCSAN: /, "", header)
			print "KCSAN, not in the driver (listed): " header >"/dev/stderr"
		}
		n = 0; inblock = 0; ours = 0
	}
	/BUG: KCSAN: / { inblock = 1; header = $0 }
	inblock {
		block[n++] = $0
		if (top && $0 ~ /\[mctp_(pcc|echo)\]/)
			ours = 1
		top = ($0 ~ / by (task [0-9]+|interrupt) on cpu [0-9]+:/)
		if ($0 ~ /====================/ && n > 1)
			flush()
		next
	}
	{ print }
	END { if (inblock) flush() }' "$filtered.faults" >"$filtered" 2>"$log.kcsan"
if [ -s "$log.kcsan" ]; then
	sort "$log.kcsan" | uniq -c
fi

if grep -Eq "$patterns" "$filtered"; then
	echo "kernel log of $log has reports:"
	grep -En -B2 -A25 "$patterns" "$filtered" | head -n 200
	exit 1
fi
