#!/bin/sh
# make bench: echo round trips through mctpecho next to a userspace echo
# server over mctp-serial, in the test VM on a kernel without the debug
# options. Writes build/bench/results.tsv, build/bench/table.txt and
# build/bench/echo-vs-userspace.png and prints the table with the ratio of
# the two paths per row.
#
# Then PCC round trips over the emulated platform (tests/pcc), booted once
# with the test PCCT's timing rules and once without them, side by side:
# build/bench/pcc-table.txt.
#
# usage: run.sh [quick]    quick: a token run, to check that it works
# Ends with "bench: N passed, N failed". Counted: the guest's setup checks,
# that it ran to the end with a clean kernel log, and each measurement. A
# measurement fails if it got no reply at all or a corrupt one, or, on the
# echo path, lost any; replies the userspace path loses are a result, shown
# in the table, not a failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/bench
quick=${1:-}

"$top/tests/lib/install-deps.sh" vm bench >&2 || exit 1
# The distro test kernel: no debug options (KASAN and lockdep slow the data
# path several-fold), and one build fewer than a kernel of its own.
kdir=$("$top/tests/kernel/build.sh" debug nodebug distro) || exit 1
"$top/tests/vm/build-initramfs.sh" "$kdir" "$out/vm" || exit 1

log=$out/bench.log
args=
[ -n "$quick" ] && args=mctp_quick=1
echo "--- booting the benchmark VM (log: $log)"
start=$(date +%s)
MCTP_PCC_PLATFORM=1 MCTP_PCC_GUEST_ARGS=$args "$top/tests/vm/boot.sh" "$kdir" "$out/vm/initramfs.cpio.gz" \
	bench "$log" "${MCTP_PCC_VM_TIMEOUT:-3600}"
echo "--- the VM ran $(($(date +%s) - start)) s"
echo "--- booting the benchmark VM with an unpaced PCCT (log: $log.unpaced)"
start=$(date +%s)
MCTP_PCC_PLATFORM=1 MCTP_PCC_PCCT=unpaced MCTP_PCC_GUEST_ARGS="$args mctp_pcct=unpaced" \
	"$top/tests/vm/boot.sh" "$kdir" "$out/vm/initramfs.cpio.gz" \
	bench "$log.unpaced" "${MCTP_PCC_VM_TIMEOUT:-3600}"
echo "--- the VM ran $(($(date +%s) - start)) s"

# shellcheck source=tests/lib/result.sh
. "$top/tests/lib/result.sh"
# shellcheck source=tests/vm/results.sh
. "$top/tests/vm/results.sh"
passed=0
failed=0
guest_results "$log" bench
guest_results "$log.unpaced" bench bench-unpaced

tsv=$out/results.tsv
{
	grep -a 'BENCH ' "$log.txt"
	grep -a 'BENCH ' "$log.unpaced.txt" | grep -v 'BENCH path '
} | sed 's/^.*BENCH //' | tr ' ' '\t' >"$tsv"

# The table: one row per (MTU, size, requesters), both paths side by side.
# mctp-serial's MTU is fixed at 68, so the userspace path has one
# measurement per (size, requesters), shown in both the MTU 68 and the
# largest-MTU row. TSV columns: 1 path, 2 mtu, 3 size, 4 requesters,
# 5 sent, 6 replied, 7 lost, 8 corrupt, 9 rps, 10 p50_ms, 11 p99_ms,
# 12 cpu_us_per_rt, 13 seconds, 14 status.
awk -F'\t' '
	NR == 1 { next }
	$1 == "userspace" { u[$3, $4] = $0; next }
	$1 == "echo" { e[n++] = $0 }
	END {
		printf "%-5s %5s %3s | %8s %7s %7s %6s %4s | %8s %7s %7s %6s %4s | %6s\n",
			"mtu", "size", "req", "echo/s", "p50 ms", "p99 ms", "cpu us",
			"lost", "user/s", "p50 ms", "p99 ms", "cpu us", "lost", "ratio"
		for (i = 0; i < n; i++) {
			split(e[i], a, "\t")
			b[9] = b[10] = b[11] = b[12] = "-"
			ulost = "-"
			if ((a[3], a[4]) in u) {
				split(u[a[3], a[4]], b, "\t")
				ulost = b[5] - b[6]
			}
			if (b[9] + 0 > 0)
				ratio = sprintf(a[9] / b[9] >= 10 ? "%5.0fx" : "%5.1fx", a[9] / b[9])
			else
				ratio = b[9] == "-" ? "     -" : "  none"
			printf "%-5s %5s %3s | %8s %7s %7s %6s %4s | %8s %7s %7s %6s %4s | %6s\n",
				a[2], a[3], a[4], a[9], a[10], a[11], a[12], a[5] - a[6],
				b[9], b[10], b[11], b[12], ulost, ratio
		}
	}' "$tsv" >"$out/table.txt"
cat "$out/table.txt"
echo "round trips/s (all requesters), RTT p50/p99, CPU time per round trip"
echo "(both vCPUs, all of user and kernel, from /proc/stat); lost: requests"
echo "without their reply (timed out, or a late reply given to another requester"
echo "that reused the tag: the TSV's lost and corrupt columns);"
echo "ratio: echo/s over user/s (none: the userspace path got no reply)"

# The PCC table: the same rows with and without the PCCT's timing rules
# (500 us turnaround, one doorbell a millisecond), taken in one make bench.
awk -F'\t' '
	$1 == "pcc" { k[n++] = $2 SUBSEP $3 SUBSEP $4; p[$2, $3, $4] = $9; q[$2, $3, $4] = $11 }
	$1 == "pcc-unpaced" { u[$2, $3, $4] = $9; uq[$2, $3, $4] = $11 }
	END {
		printf "%-5s %5s %3s | %8s %7s | %8s %7s | %6s\n", "mtu", "size", "req",
			"paced/s", "p99 ms", "free/s", "p99 ms", "cost"
		for (i = 0; i < n; i++) {
			split(k[i], a, SUBSEP)
			r = (k[i] in u) && p[k[i]] > 0 ? sprintf("%5.2fx", u[k[i]] / p[k[i]]) : "     -"
			printf "%-5s %5s %3s | %8s %7s | %8s %7s | %6s\n", a[1], a[2], a[3],
				p[k[i]], q[k[i]], (k[i] in u) ? u[k[i]] : "-",
				(k[i] in uq) ? uq[k[i]] : "-", r
		}
	}' "$tsv" >"$out/pcc-table.txt"
echo "PCC link over the emulated platform: paced by the test PCCT's rules, and free"
echo "(the same PCCT with no rules); cost: free/s over paced/s"
cat "$out/pcc-table.txt"

# the plot: round trips per second, both paths, one group per row
awk -F'\t' '
	NR == 1 { next }
	$1 == "userspace" { u[$3, $4] = $9; next }
	$1 == "echo" { e[n++] = $0 }
	END {
		# no reply at all has no place on a log scale
		for (i = 0; i < n; i++) {
			split(e[i], a, "\t")
			k = a[3] SUBSEP a[4]
			v = (k in u) && u[k] > 0 ? u[k] : "NaN"
			printf "\"MTU %s, %s B, %s req\" %s %s\n", a[2], a[3], a[4], a[9], v
		}
	}' "$tsv" >"$out/plot.dat"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
kver=$(sed -n 's/.*Linux version \([^ ]*\).*/\1/p' "$log.txt" | head -n 1)
echo "host CPU: $cpu ($(nproc) cores); guest: QEMU TCG, 2 vCPUs, kernel $kver"
if [ -s "$out/plot.dat" ]; then
	gnuplot <<GNUPLOT || echo "bench: gnuplot failed"
set terminal pngcairo size 1400,750 noenhanced font ",10"
set output "$out/echo-vs-userspace.png"
set title "MCTP echo round trips per second (log scale): mctpecho vs a userspace echo server over mctp-serial (MTU 68)\n$cpu, QEMU TCG guest with 2 vCPUs, kernel $kver"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set yrange [0.1:*]
set ylabel "round trips / s"
set xtics rotate by -45 scale 0
set key top right
set grid ytics
plot "$out/plot.dat" using 2:xtic(1) title "mctpecho (this driver)", \
	"" using 3 title "userspace mctp-echo-server over mctp-serial"
GNUPLOT
fi

# the measurements' verdicts; a path with no reply in the whole run fails
# too: in quick mode that is a path not working at all
awk -F'\t' '
	NR == 1 { next }
	{
		got[$1] += $6
		# userspace: nothing sent at all is a broken setup; losses
		# and misdeliveries are results
		bad = $5 == 0 || (($1 == "echo" || $1 ~ /^pcc/) && ($6 != $5 || $8 != 0 || $14 != 0))
		if (bad)
			printf "TEST FAIL - bench: %s MTU %s, %s B, %s requesters: %s sent, %s replied, %s lost, %s corrupt, status %s\n",
				$1, $2, $3, $4, $5, $6, $7, $8, $14
		if (bad) f++; else p++
	}
	END {
		if (!got["echo"]) { print "TEST FAIL - bench: the echo path got no replies"; f++ }
		if (!got["userspace"]) { print "TEST FAIL - bench: the userspace path got no replies"; f++ }
		if (!got["pcc"]) { print "TEST FAIL - bench: the PCC path got no replies"; f++ }
		if (!got["pcc-unpaced"]) { print "TEST FAIL - bench: the unpaced PCC path got no replies"; f++ }
		print p + 0, f + 0
	}' "$tsv" >"$out/verdict.txt"
sed '$d' "$out/verdict.txt"
read -r p f <<EOF_
$(tail -n 1 "$out/verdict.txt")
EOF_
passed=$((passed + p))
failed=$((failed + f))
# every frame sent on a serial link arrives at its other end, or the loss
# shows here
grep -a '^LINK ' "$log.txt" | awk '
	{ tx += $4; rx += $6; drop += $8 + $12; crc += $10 }
	END { if (NR) printf "serial links: %d frames sent, %d received, %d dropped, %d bad CRC\n", tx, rx, drop, crc }'
echo "results: $tsv, plot: $out/echo-vs-userspace.png"
echo "bench: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
