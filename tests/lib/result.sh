# shellcheck shell=sh
# Counting checks and adding up test parts. Every runner prints a line per
# check ("TEST ok - NAME" or "TEST FAIL - NAME", the failure's output
# indented below) and ends with "N passed, N failed".
#
# The caller sets passed=0 failed=0, and check_log to a scratch file.

# pass NAME: a check that passed
pass() {
	echo "TEST ok - $1"
	passed=$((passed + 1))
}

# fail NAME [LOG]: a check that failed, with LOG's lines below it
fail() {
	echo "TEST FAIL - $1"
	[ -z "${2:-}" ] || sed 's/^/    /' "$2"
	failed=$((failed + 1))
}

# result STATUS NAME: pass when STATUS is 0
result() {
	if [ "$1" -eq 0 ]; then
		pass "$2"
	else
		fail "$2"
	fi
}

# check NAME COMMAND...: pass when COMMAND exits 0; its output is shown only
# when it fails
check() {
	_name=$1
	shift
	if "$@" >"${check_log:?the caller sets check_log}" 2>&1; then
		pass "$_name"
	else
		fail "$_name" "$check_log"
	fi
}

# add_result LOG NAME: add the counts of LOG's last result line to $passed
# and $failed (a part with no such line counts as one failure); leaves that
# part's own counts in $p and $f.
add_result() {
	last=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	p=$(echo "$last" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^passed/) print $(i - 1) }')
	f=$(echo "$last" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed/) print $(i - 1) }')
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "FAIL $2 ended without a result line: counted as failed"
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}
