# shellcheck shell=sh
# debian_mirror: print the Debian archive's address as this machine's apt
# configuration has it (a user's mirror or proxy is respected), from
# /etc/apt/sources.list.d/*.sources (deb822), *.list and
# /etc/apt/sources.list: the first "deb" source of this release's own
# suite (VERSION_CODENAME in /etc/os-release) with the main component.
# MCTP_PCC_MIRROR, if set, wins.  Fails with a message when there is none.
debian_mirror() {
	if [ -n "${MCTP_PCC_MIRROR:-}" ]; then
		echo "$MCTP_PCC_MIRROR"
		return 0
	fi
	_codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release 2>/dev/null | tr -d "\"'")
	_mirror=
	if [ -n "$_codename" ]; then
		_mirror=$(
			for _f in /etc/apt/sources.list.d/*.sources; do
				[ -r "$_f" ] || continue
				# One stanza per paragraph; fields may continue on
				# indented lines (not needed here: one-line values).
				awk -v suite="$_codename" '
					function flush() {
						if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") &&
						    (" " comps " ") ~ / main / && enabled !~ /^[Nn]o/ && uris != "") {
							split(uris, u, " "); print u[1]; exit
						}
						types = suites = comps = uris = enabled = ""
					}
					/^[ \t]*#/ { next }
					/^[ \t]*$/ { flush(); next }
					{ key = tolower($1); $1 = ""; sub(/^ +/, "") }
					key == "types:" { types = $0 }
					key == "uris:" { uris = $0 }
					key == "suites:" { suites = $0 }
					key == "components:" { comps = $0 }
					key == "enabled:" { enabled = $0 }
					END { flush() }' "$_f"
			done | head -n 1)
		if [ -z "$_mirror" ]; then
			_mirror=$(
				for _f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
					[ -r "$_f" ] || continue
					# deb [options] URI SUITE COMPONENT...
					sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$_f" |
						awk -v suite="$_codename" '$1 == "deb" && $3 == suite {
							for (i = 4; i <= NF; i++) if ($i == "main") { print $2; exit } }'
				done | head -n 1)
		fi
	fi
	if [ -z "$_mirror" ]; then
		echo "no Debian archive for '${_codename:-?}' with main in /etc/apt/sources.list{,.d/}: set MCTP_PCC_MIRROR" >&2
		return 1
	fi
	echo "${_mirror%/}"
}
