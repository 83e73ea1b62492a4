#!/bin/sh
# Creates the system user rmad runs as (no home, no shell, no password).
set -e
if ! getent group rmad >/dev/null; then
	groupadd --system rmad
fi
if ! getent passwd rmad >/dev/null; then
	useradd --system --gid rmad --home-dir /nonexistent --no-create-home \
		--shell /usr/sbin/nologin --comment "rmad support desk" rmad
fi
