#!/bin/sh
# make bench: echo round trips through mctpecho next to a userspace echo
# server over mctp-serial, in the test VM on a kernel without the debug
# options. Writes build/bench/results.tsv and build/bench/echo-vs-userspace.png
# and prints the table with the ratio of the two paths per row.
#
# usage: run.sh [quick]    quick: a token run, to check that it works
# Ends with "bench: N passed, N failed" (passed: rows measured cleanly).
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
MCTP_PCC_GUEST_ARGS=$args "$top/tests/vm/boot.sh" "$kdir" "$out/vm/initramfs.cpio.gz" \
	bench "$log" 7200

grep -a 'TEST FAIL' "$log"
tsv=$out/results.tsv
# the serial console ends lines with CR LF
grep -a '^BENCH ' "$log" | tr -d '\r' | sed 's/^BENCH //' | tr ' ' '\t' >"$tsv"

# the table: one row per (mtu, size, requesters), both paths side by side
awk -F'\t' '
	NR == 1 { next }
	{
		mtu = ($1 == "echo" && $2 != 68) ? "max" : $2
		key = mtu "\t" $3 "\t" $4
		if (!(key in seen)) { seen[key] = 1; order[n++] = key }
		rps[key, $1] = $7; p50[key, $1] = $8; p99[key, $1] = $9; cpu[key, $1] = $10
		bad[key] += ($11 != 0 || $6 != $5)
	}
	END {
		printf "%-4s %6s %4s | %9s %8s %8s %7s | %9s %8s %8s %7s | %6s\n",
			"mtu", "size", "req", "echo rt/s", "p50 ms", "p99 ms", "cpu us",
			"user rt/s", "p50 ms", "p99 ms", "cpu us", "ratio"
		for (i = 0; i < n; i++) {
			k = order[i]
			split(k, f, "\t")
			r = rps[k, "userspace"] > 0 ? rps[k, "echo"] / rps[k, "userspace"] : 0
			printf "%-4s %6s %4s | %9s %8s %8s %7s | %9s %8s %8s %7s | %5.1fx%s\n",
				f[1], f[2], f[3], rps[k, "echo"], p50[k, "echo"], p99[k, "echo"],
				cpu[k, "echo"], rps[k, "userspace"], p50[k, "userspace"],
				p99[k, "userspace"], cpu[k, "userspace"], r,
				bad[k] ? "  (incomplete)" : ""
		}
	}' "$tsv" | tee "$out/table.txt"

# the plot: round trips per second, both paths, one group per row
awk -F'\t' 'NR > 1 {
		mtu = ($1 == "echo" && $2 != 68) ? "max" : $2
		key = "mtu " mtu " / " $3 " B / " $4 " req"
		if (!(key in seen)) { seen[key] = 1; order[n++] = key }
		v[key, $1] = $7
	}
	END { for (i = 0; i < n; i++) print "\"" order[i] "\"", v[order[i], "echo"] + 0, v[order[i], "userspace"] + 0 }' \
	"$tsv" >"$out/plot.dat"
if [ -s "$out/plot.dat" ]; then
	gnuplot <<GNUPLOT || echo "bench: gnuplot failed"
set terminal pngcairo size 1400,700 noenhanced font ",10"
set output "$out/echo-vs-userspace.png"
set title "MCTP echo round trips per second: mctpecho vs userspace echo over mctp-serial (log scale)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "round trips / s"
set xtics rotate by -45 scale 0
set key top right
plot "$out/plot.dat" using 2:xtic(1) title "mctpecho (this driver)", "" using 3 title "userspace mctp-echo over mctp-serial"
GNUPLOT
fi

rows=$(($(wc -l <"$tsv") - 1))
bad=$(awk -F'\t' 'NR > 1 && ($11 != 0 || $6 != $5)' "$tsv" | wc -l)
[ "$rows" -gt 0 ] || bad=1
echo "results: $tsv, plot: $out/echo-vs-userspace.png"
echo "bench: $((rows - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
