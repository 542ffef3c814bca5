# shellcheck shell=sh
# Adding up test parts: each ends with a line "N passed, N failed".
#
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
