#!/usr/bin/env bash
# Starts the warehouse servers (start.sh), runs a command with their connection details in its
# environment, and stops them (stop.sh) however the command ends: failed tests and Ctrl-C included.
# Exits with the command's status.
#
# Usage: .ci/servers/with-servers.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
env_file="$(mktemp "${TMPDIR:-/tmp}/ic-servers-env.XXXXXX")"
trap 'bash .ci/servers/stop.sh "$env_file"; rm -f "$env_file"' EXIT
trap 'exit 130' INT TERM
started=$SECONDS
bash .ci/servers/start.sh "$env_file"
echo "== started in $((SECONDS - started)) s"
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
"$@"
