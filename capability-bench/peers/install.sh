#!/usr/bin/env bash
# Installs the load-test peers (node/ and python/ beside this script) into a scratch folder:
#
#   peers/install.sh [DEST]        DEST defaults to ${TMPDIR:-/tmp}/capability-peers
#
# DEST/node:   server.js + package.json + package-lock.json, then `npm ci`.
# DEST/python: app.py + requirements.txt, then a venv in DEST/python/.venv and `pip install -r`.
#
# Idempotent: the sources are copied every time (cheap); npm ci and pip install run only when
# the manifests' hash differs from the one recorded by the last successful install, or when
# the installed packages are missing. Nothing is written outside DEST.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:-${TMPDIR:-/tmp}/capability-peers}"

case "${1:-}" in
  -h|--help)
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "install.sh: $1 is not installed" >&2; exit 1; }
}

# The hash of the given files plus any extra text (e.g. the runtime's version).
manifest_hash() {
  local extra="$1"; shift
  { cat "$@"; printf '%s\n' "$extra"; } | sha256sum | cut -d' ' -f1
}

install_node() {
  need node
  need npm
  local dir="$dest/node"
  mkdir -p "$dir"
  cp "$here/node/server.js" "$here/node/package.json" "$here/node/package-lock.json" "$dir/"
  local want have=""
  want="$(manifest_hash "node $(node --version)" "$dir/package.json" "$dir/package-lock.json")"
  [[ -f "$dir/.installed-manifest" ]] && have="$(cat "$dir/.installed-manifest")"
  if [[ "$want" == "$have" ]] &&
     (cd "$dir" && node -e "require.resolve('express'); require.resolve('twilio')") 2>/dev/null; then
    echo "install.sh: node peer already installed in $dir"
    return
  fi
  echo "install.sh: npm ci in $dir"
  rm -f "$dir/.installed-manifest"
  (cd "$dir" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$want" > "$dir/.installed-manifest"
}

install_python() {
  local py="${PYTHON:-python3}"
  need "$py"
  local dir="$dest/python"
  mkdir -p "$dir"
  cp "$here/python/app.py" "$here/python/requirements.txt" "$dir/"
  local want have=""
  want="$(manifest_hash "$("$py" --version 2>&1)" "$dir/requirements.txt")"
  [[ -f "$dir/.installed-manifest" ]] && have="$(cat "$dir/.installed-manifest")"
  if [[ "$want" == "$have" && -x "$dir/.venv/bin/gunicorn" ]] &&
     "$dir/.venv/bin/python" -c 'import flask, twilio, gunicorn' 2>/dev/null; then
    echo "install.sh: python peer already installed in $dir"
    return
  fi
  echo "install.sh: venv + pip install -r requirements.txt in $dir"
  rm -f "$dir/.installed-manifest"
  rm -rf "$dir/.venv"
  "$py" -m venv "$dir/.venv"
  "$dir/.venv/bin/pip" install --disable-pip-version-check --no-input -q -r "$dir/requirements.txt"
  echo "$want" > "$dir/.installed-manifest"
}

install_node
install_python
echo "install.sh: peers ready in $dest"
