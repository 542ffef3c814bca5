#!/bin/sh
# Static checks: checkpatch --strict and sparse on the module, shellcheck on
# every shell script, warnings-as-errors builds of the tools.
# Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/lint

"$here/lib/install-deps.sh" lint tools kernel pcc >&2 || exit 1
kdir=$("$here/kernel/build.sh" debug) || exit 1

# shellcheck source=tests/lib/result.sh
. "$here/lib/result.sh"
passed=0
failed=0
check_log=$out/last.log

rm -rf "$out"
mkdir -p "$out/module" "$out/pcc-platform"
cp -r "$top/src" "$top/VERSION" "$out/module/"
cp "$top"/tests/pcc/platform/Kbuild "$top"/tests/pcc/platform/*.c "$out/pcc-platform/"

check "checkpatch --strict on src/" \
	"$kdir/source/scripts/checkpatch.pl" --strict --no-tree --terse \
	-f "$top"/src/*.c "$top"/src/*.h

# sparse_clean DIR: sparse and W=1 find nothing in the module in DIR
sparse_clean() {
	make -C "$kdir" M="$1" C=2 W=1 modules >"$out/sparse.log" 2>&1 || {
		cat "$out/sparse.log"
		return 1
	}
	# sparse and W=1 speak as "warning:" or "error:"; there must be none
	! grep -E 'warning:|error:' "$out/sparse.log"
}
check "sparse (C=2) and W=1 on src/" sparse_clean "$out/module/src"

# the emulated PCC platform of the test VM (tests/pcc)
check "checkpatch --strict on tests/pcc/platform/" \
	"$kdir/source/scripts/checkpatch.pl" --strict --no-tree --terse \
	-f "$top"/tests/pcc/platform/*.c
check "sparse (C=2) and W=1 on tests/pcc/platform/" sparse_clean "$out/pcc-platform"
check "iasl compiles tests/pcc's ACPI tables without warnings" \
	"$top/tests/pcc/build-tables.sh" "$out/pcc-tables"

scripts=$(cd "$top" && git ls-files | while read -r f; do
	case $f in
	*.sh | .ci/run | tools/mctp-pcc-setup) echo "$f" ;;
	*) head -n 1 "$f" 2>/dev/null | grep -qE '^#!.*(/sh|bash)' && echo "$f" ;;
	esac
done | sort -u)
shellcheck_all() {
	# one script a line; none has blanks in its name
	(cd "$top" && echo "$scripts" | xargs shellcheck -x)
}
check "shellcheck on every shell script" shellcheck_all

check "tools build with -Werror" \
	make -s -C "$top/tools" O="$out" CFLAGS="-O2 -Werror"

echo "lint: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
