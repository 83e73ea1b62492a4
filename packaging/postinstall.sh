#!/bin/sh
# The service is installed, not started: configure /etc/rmad first.
set -e
if [ -d /run/systemd/system ]; then
	systemctl daemon-reload || true
fi
echo "rmad: edit /etc/rmad/rmad.toml and /etc/rmad/rmad.env, check with 'rmad config check --config /etc/rmad/rmad.toml', then 'systemctl enable --now rmad'"
