#!/usr/bin/env bash
# Load test: our Rust token server against the Node and Python servers a team would otherwise
# run (peers/), over HTTP on loopback with wrk. See --help, or LOAD.md.
#
# The driver is the Python package beside this script (loadbench/: standard library only, with
# unit tests); this only finds python3 and hands it the flags.
set -euo pipefail
command -v python3 >/dev/null 2>&1 || { echo "load.sh: python3 is not installed" >&2; exit 1; }
exec python3 "$(dirname "${BASH_SOURCE[0]}")/loadbench" "$@"
