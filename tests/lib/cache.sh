# shellcheck shell=sh
# Where the harness keeps what is slow to make (kernel trees, root
# filesystems): outside the checkout, so a fresh clone reuses them.
MCTP_PCC_CACHE=${MCTP_PCC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mctp-pcc}
export MCTP_PCC_CACHE
