# shellcheck shell=sh
# Where the harness keeps what is slow to make (kernel trees, root
# filesystems): outside the checkout, so a fresh clone reuses them.
MCTP_PCC_CACHE=${MCTP_PCC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mctp-pcc}
export MCTP_PCC_CACHE

# unpack_once TARBALL DIR: TARBALL's top directory unpacked as DIR, unless
# a previous run finished doing so (an interrupted one is started over)
unpack_once() {
	[ ! -f "$2/.mctp-pcc-unpacked" ] || return 0
	echo "unpacking $1 into $2" >&2
	rm -rf "$2" "$2.tmp"
	mkdir -p "$2.tmp"
	tar -xJf "$1" -C "$2.tmp" --strip-components=1 &&
		touch "$2.tmp/.mctp-pcc-unpacked" &&
		mv "$2.tmp" "$2"
}
