#!/bin/sh
# Build and run the host unit tests; ends with "N passed, N failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${MCTP_PCC_BUILD:-$top/build}/unit
mkdir -p "$out"
# shellcheck source=tests/lib/result.sh
. "$here/../lib/result.sh"

cflags="-O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined -fno-sanitize-recover=all"
# shellcheck disable=SC2086 # cflags is a list of flags
cc $cflags -I"$here/shim" -I"$top/src" -o "$out/test-turnaround" "$here/test-turnaround.c"
# shellcheck disable=SC2086
cc $cflags -I"$here/shim" -I"$top/src" -o "$out/test-pcc-wire" "$here/test-pcc-wire.c"
# shellcheck disable=SC2086
cc $cflags -I"$here/shim" -I"$top/src" -o "$out/test-control" "$here/test-control.c"
# shellcheck disable=SC2086
cc $cflags -I"$here/shim" -I"$top/src" -o "$out/test-pcct" "$here/test-pcct.c"
# shellcheck disable=SC2086
cc $cflags -I"$top/tools" -o "$out/test-args" "$here/test-args.c" "$top/tools/args.c"
# shellcheck disable=SC2086
cc $cflags -I"$top/tools" -o "$out/test-ctrl" "$here/test-ctrl.c" "$top/tools/ctrl.c"

passed=0
failed=0
for t in test-turnaround test-pcc-wire test-control test-pcct test-args test-ctrl; do
	"$out/$t" >"$out/$t.log" 2>&1 || true
	cat "$out/$t.log"
	add_result "$out/$t.log" "$t"
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
