# shellcheck shell=sh
# Reading a guest suite's results off the test VM's serial console log.
# Needs tests/lib/result.sh, $top (the checkout) and $passed/$failed.

# guest_results LOG SUITE [LABEL]: count the suite's TEST lines in LOG,
# whether the guest ran to the end, and whether the kernel log is free of
# reports (LABEL, default SUITE, names the run in the results)
guest_results() {
	label=${3:-$2}
	# the serial console ends lines with CR LF, and kernel messages may
	# share a line with the guest's output
	tr -d '\r' <"$1" >"$1.txt"
	grep -aE 'TEST (ok|FAIL) - |^    ' "$1.txt" | sed 's/^.*TEST /TEST /' || true
	passed=$((passed + $(grep -ac 'TEST ok - ' "$1.txt" || true)))
	failed=$((failed + $(grep -ac 'TEST FAIL - ' "$1.txt" || true)))
	if grep -aq "=== mctp-pcc-vm: suite $2 finished" "$1.txt"; then
		pass "$label: guest ran to the end"
	else
		tail -n 30 "$1.txt" >"$1.tail"
		fail "$label: guest did not finish (hang, panic or timeout); last lines:" "$1.tail"
	fi
	if "${top:?}/tests/vm/check-kernel-log.sh" "$1.txt"; then
		pass "$label: kernel log free of KASAN, KCSAN, lockdep, kmemleak, BUG, WARN"
	else
		fail "$label: kernel log has reports (above)"
	fi
}
