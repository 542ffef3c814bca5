#!/bin/sh
# make check: run every test part, then one closing line with the totals.
#
# usage: run-all.sh PART...   (a PART is a command printing its own
#                              "NAME: N passed, N failed" as its last line)
set -u
# shellcheck source=tests/lib/result.sh
. "$(dirname "$0")/lib/result.sh"
passed=0
failed=0
status=0
for part in "$@"; do
	echo "=== $part"
	log=$(mktemp)
	# shellcheck disable=SC2086 # a part is a command with arguments
	$part 2>&1 | tee "$log"
	add_result "$log" "$part"
	[ "$f" -eq 0 ] || status=1
	rm -f "$log"
done
echo "$passed passed, $failed failed"
exit $status
