#!/usr/bin/env bash
# Installs what rmad's tests and demo need from Debian's packages:
# PostgreSQL (initdb, pg_ctl) and Dovecot's IMAP server. Under root it also
# creates the unprivileged account `rmadtest` the throwaway servers run as.
set -euo pipefail

missing=()
have_pg() {
	command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 && return 0
	compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}
have_pg || missing+=(postgresql)
{ command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ]; } && [ -e /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)

if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "make deps: missing ${missing[*]}. Install them with:" >&2
		echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "make deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# The packages' own services are not needed: tests start private servers.
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$(id -u)" -eq 0 ] && ! id rmadtest >/dev/null 2>&1; then
	useradd --system --no-create-home --shell /usr/sbin/nologin rmadtest
fi
