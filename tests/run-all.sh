#!/bin/sh
# make check: run every test part, then one closing line with the totals.
#
# usage: run-all.sh PART...   (a PART is a command printing its own
#                              "NAME: N passed, N failed" as its last line)
set -u
passed=0
failed=0
status=0
for part in "$@"; do
	echo "=== $part"
	log=$(mktemp)
	# shellcheck disable=SC2086 # a part is a command with arguments
	$part 2>&1 | tee "$log"
	last=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$last" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^passed/) print $(i - 1) }')
	f=$(echo "$last" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed/) print $(i - 1) }')
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "run-all: '$part' ended without a result line: counted as failed"
		p=0
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -eq 0 ] || status=1
	rm -f "$log"
done
echo "$passed passed, $failed failed"
exit $status
