#!/usr/bin/env bash
# Load test: our Rust token server against the Node and Python servers a team would otherwise
# run (peers/), over HTTP on loopback with wrk. See usage() below, or LOAD.md.
set -euo pipefail

# ---- What is measured. Change the routes here. -------------------------------------------------
# Our server's token route, and its floor route: a fixed JSON body of the same size, no token.
OURS_PATH=/token
FLOOR_PATH=/floor
# The peers' token route.
PEER_PATH=/token
IDENTITY=alice
# Ours takes the caller from the header an authenticating proxy sets (TOKEN_SERVER_USER_HEADER),
# and its floor gets the same request; the peers take ?identity=, as Twilio's quickstarts do.
USER_HEADER=X-Auth-Request-User

# Demo credentials, the same for every server. Not real: no token minted here works at Twilio.
DEMO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef
DEMO_API_KEY=SK0123456789abcdef0123456789abcdef
DEMO_API_SECRET=demo-api-secret-for-load-tests-only
DEMO_AUTH_TOKEN=demo-auth-token-for-load-tests-only

ALL_SERVERS=ours,floor,node,python

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench_dir")"
peers_src="$bench_dir/peers"

usage() {
  cat <<EOF
Usage: capability-bench/load.sh [OPTIONS]

Benchmarks our token server (examples/token_server, route $OURS_PATH), its floor route
($FLOOR_PATH: a fixed body of the same size, no token) and two peers written as Twilio's Voice
quickstarts write them (peers/node: express + twilio; peers/python: flask + twilio under
gunicorn, one worker per core). Every server listens on 127.0.0.1 only and gets the same demo
credentials. Ours runs as behind an authenticating proxy: it is started with
TOKEN_SERVER_USER_HEADER=$USER_HEADER and asked with the header \`$USER_HEADER: $IDENTITY\`
(wrk -H, curl -H), and so is its floor; the peers are asked with ?identity=$IDENTITY, as their
quickstarts are. wrk drives each one with keep-alive connections; rounds alternate the servers.
Prints a Markdown table: requests/s, p50, p99, errors, server CPU per request (the server's
process tree, from /proc), a verified sample of tokens, and ratios against ours.

Needs: wrk (installed with apt-get if missing), curl, node + npm, python3, cargo.

Options:
  --servers LIST        which of ours,floor,node,python to run (default: $ALL_SERVERS)
  --levels LIST         concurrent connections, comma-separated (default: 1,16,64)
  --duration SECS       seconds per wrk run (default: 10)
  --rounds N            runs of each measurement, alternating servers (default: 2)
  --warmup SECS         load each server this long, unmeasured, before round 1 (default: 2)
  --threads N           wrk threads, at most the connections (default: 1)
  --samples N           tokens fetched and verified per server (default: 3; 10 with --soak)
  --peers-dir DIR       where peers/install.sh installs the peers
                        (default: \${TMPDIR:-/tmp}/capability-peers)
  --no-build            do not run cargo; fail if our server's binary is missing. Without the
                        capability CLI, tokens are checked with a Python HMAC check instead.
  --out FILE            also write the report (Markdown) to FILE
  --keep                keep the work folder (wrk outputs, server logs) and print its path
  --soak                instead of the benchmark: send --soak-requests requests to our server
                        at --soak-connections, count non-200 answers and socket errors, verify
                        a sample of tokens, and sample the server's RSS
  --soak-requests N     (default: 1000000)
  --soak-connections N  (default: 64)
  --soak-warmup SECS    load before the first RSS reading (default: 20)
  --soak-max-minutes M  overall cap of the soak's load (default: 30)
  --soak-chunk SECS     longest single wrk run of the soak (default: 120)
  --rss-interval SECS   RSS sampling period (default: 5)
  --check-manifests     check that the peers' manifests parse and pin exact versions, then
                        exit 0 or 1 (no network, nothing installed)
  -h, --help            print this and exit

Environment: CARGO_TARGET_DIR (where cargo puts target/), PY_WORKERS (gunicorn workers,
default: nproc), TMPDIR.

Examples:
  capability-bench/load.sh                                   # the full benchmark, ~5 minutes
  capability-bench/load.sh --servers node,python --duration 2 --levels 1,16 --rounds 1
  capability-bench/load.sh --soak                            # one million requests to ours
EOF
}

log() { printf '[load] %s\n' "$*" >&2; }
die() { printf 'load.sh: %s\n' "$*" >&2; exit 1; }

# ---- Options -----------------------------------------------------------------------------------
servers=$ALL_SERVERS
levels=1,16,64
duration=10
rounds=2
warmup=2
threads=1
samples=""
peers_dir="${TMPDIR:-/tmp}/capability-peers"
build=1
out=""
keep=0
soak=0
soak_requests=1000000
soak_conns=64
soak_warmup=20
soak_max_minutes=30
soak_chunk=120
rss_interval=5
check_only=0

while (($#)); do
  opt=$1
  val=""
  case "$opt" in
    --*=*) val=${opt#*=}; opt=${opt%%=*}; set -- "$opt" "$val" "${@:2}" ;;
  esac
  case "$opt" in
    -h|--help) usage; exit 0 ;;
    --check-manifests) check_only=1; shift; continue ;;
    --no-build) build=0; shift; continue ;;
    --keep) keep=1; shift; continue ;;
    --soak) soak=1; shift; continue ;;
    --servers|--levels|--duration|--rounds|--warmup|--threads|--samples|--peers-dir|--out|\
    --soak-requests|--soak-connections|--soak-warmup|--soak-max-minutes|--soak-chunk|--rss-interval)
      (($# >= 2)) || die "$opt needs a value (see --help)"
      val=$2
      case "$opt" in
        --servers) servers=$val ;;
        --levels) levels=$val ;;
        --duration) duration=$val ;;
        --rounds) rounds=$val ;;
        --warmup) warmup=$val ;;
        --threads) threads=$val ;;
        --samples) samples=$val ;;
        --peers-dir) peers_dir=$val ;;
        --out) out=$val ;;
        --soak-requests) soak_requests=$val ;;
        --soak-connections) soak_conns=$val ;;
        --soak-warmup) soak_warmup=$val ;;
        --soak-max-minutes) soak_max_minutes=$val ;;
        --soak-chunk) soak_chunk=$val ;;
        --rss-interval) rss_interval=$val ;;
      esac
      shift 2 ;;
    *) die "unknown option: $opt (see --help)" ;;
  esac
done

# ---- --check-manifests -------------------------------------------------------------------------
check_manifests() {
  local ok=0 js
  local pkg="$peers_src/node/package.json" lock="$peers_src/node/package-lock.json"
  local req="$peers_src/python/requirements.txt"
  # package.json and package-lock.json parse; direct dependencies are exact versions, and the
  # lock's root entry lists the same ones.
  # shellcheck disable=SC2016  # JavaScript template literals, not shell expansions
  js='
    const fs = require("fs");
    const [pkgPath, lockPath] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
    const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
    const problems = [];
    const deps = pkg.dependencies || {};
    for (const [name, version] of Object.entries(deps)) {
      if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`package.json: ${name} is not pinned exactly: ${version}`);
      const locked = (lock.packages || {})["node_modules/" + name];
      if (!locked) problems.push(`package-lock.json: ${name} is missing`);
      else if (locked.version !== version) problems.push(`package-lock.json: ${name} is ${locked.version}, package.json says ${version}`);
    }
    for (const name of ["express", "twilio"]) if (!deps[name]) problems.push(`package.json: no ${name}`);
    const root = (lock.packages || {})[""] || {};
    if (JSON.stringify(root.dependencies || {}) !== JSON.stringify(deps)) problems.push("package-lock.json: root dependencies differ from package.json (run npm install)");
    if (!(lock.lockfileVersion >= 2)) problems.push("package-lock.json: lockfileVersion < 2");
    for (const [path, entry] of Object.entries(lock.packages || {})) {
      if (path !== "" && !entry.link && !entry.integrity) problems.push(`package-lock.json: ${path} has no integrity`);
    }
    if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
    console.log(`node manifests ok: ${Object.keys(lock.packages).length - 1} locked packages`);
  '
  if command -v node >/dev/null 2>&1; then
    node -e "$js" "$pkg" "$lock" || ok=1
  else
    echo "check-manifests: node is not installed, parsing the JSON with python3 only" >&2
    python3 -c 'import json,sys; [json.load(open(p)) for p in sys.argv[1:]]' "$pkg" "$lock" || ok=1
  fi
  # requirements.txt: every line (past comments and blanks) is name==version.
  local line n=0 bad=0 have_flask=0 have_twilio=0 have_gunicorn=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line=${line%$'\r'}
    [[ -z "${line//[[:space:]]/}" || "$line" =~ ^[[:space:]]*# ]] && continue
    if [[ "$line" =~ ^([A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?)==([0-9A-Za-z.+!_-]+)$ ]]; then
      n=$((n + 1))
      case "${BASH_REMATCH[1],,}" in
        flask) have_flask=1 ;;
        twilio) have_twilio=1 ;;
        gunicorn) have_gunicorn=1 ;;
      esac
    else
      echo "requirements.txt: not name==version: $line" >&2
      bad=1
    fi
  done <"$req"
  for pair in flask:$have_flask twilio:$have_twilio gunicorn:$have_gunicorn; do
    [[ ${pair#*:} == 1 ]] || { echo "requirements.txt: no ${pair%%:*}" >&2; bad=1; }
  done
  if ((bad)); then ok=1; else echo "python manifest ok: $n pinned packages"; fi
  return "$ok"
}

if ((check_only)); then
  if check_manifests; then exit 0; else exit 1; fi
fi

# ---- Validate options --------------------------------------------------------------------------
is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
for pair in duration:$duration rounds:$rounds threads:$threads soak-requests:$soak_requests \
            soak-connections:$soak_conns soak-max-minutes:$soak_max_minutes \
            soak-chunk:$soak_chunk rss-interval:$rss_interval; do
  v=${pair#*:}
  { is_uint "$v" && ((v > 0)); } || die "--${pair%%:*} must be a positive integer, not '$v'"
done
is_uint "$warmup" || die "--warmup must be a whole number of seconds"
is_uint "$soak_warmup" || die "--soak-warmup must be a whole number of seconds"
[[ -z "$samples" ]] || is_uint "$samples" || die "--samples must be a whole number"
[[ -n "$samples" ]] || { if ((soak)); then samples=10; else samples=3; fi; }
IFS=, read -r -a level_list <<<"$levels"
((${#level_list[@]})) || die "--levels is empty"
for c in "${level_list[@]}"; do
  { is_uint "$c" && ((c > 0)); } || die "--levels: '$c' is not a positive integer"
done
IFS=, read -r -a server_list <<<"$servers"
((${#server_list[@]})) || die "--servers is empty"
declare -A seen=()
for s in "${server_list[@]}"; do
  case "$s" in ours|floor|node|python) ;; *) die "--servers: unknown server '$s' (ours,floor,node,python)" ;; esac
  [[ -z "${seen[$s]-}" ]] || die "--servers: '$s' given twice"
  seen[$s]=1
done
if ((soak)); then server_list=(ours); fi

need_ours=0; need_node=0; need_python=0
for s in "${server_list[@]}"; do
  case "$s" in ours|floor) need_ours=1 ;; node) need_node=1 ;; python) need_python=1 ;; esac
done

# ---- Set-up ------------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "curl is not installed"
command -v python3 >/dev/null 2>&1 || die "python3 is not installed"

if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
  case "$CARGO_TARGET_DIR" in
    /*) target_dir=$CARGO_TARGET_DIR ;;
    *) target_dir="$PWD/$CARGO_TARGET_DIR" ;;  # cargo reads it relative to where it runs
  esac
  export CARGO_TARGET_DIR="$target_dir"
else
  target_dir="$root/target"
fi
ours_bin="$target_dir/release/examples/token_server"
cli_bin="$target_dir/release/capability"

work="$(mktemp -d "${TMPDIR:-/tmp}/capability-load.XXXXXX")"
started_pids=()
sampler_pid=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$sampler_pid" ]]; then
    touch "$work/sampler.stop" 2>/dev/null || true
    kill "$sampler_pid" 2>/dev/null || true
    wait "$sampler_pid" 2>/dev/null || true
  fi
  local pid
  for pid in "${started_pids[@]}"; do
    stop_tree "$pid"
  done
  if ((keep)); then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  log "wrk is missing: installing it with apt-get"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "wrk is missing and this is not root: apt-get install wrk"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q wrk
  command -v wrk >/dev/null 2>&1 || die "apt-get did not install wrk"
}

build_ours() {
  if ((build)); then
    command -v cargo >/dev/null 2>&1 || die "cargo is not installed (or pass --no-build)"
    if ((need_ours)); then
      log "cargo build --release --example token_server"
      (cd "$root" && cargo build --release --example token_server)
    fi
    log "cargo build --release -p twilio-capability-cli"
    (cd "$root" && cargo build --release -p twilio-capability-cli)
  fi
  if ((need_ours)) && [[ ! -x "$ours_bin" ]]; then
    if ((build)); then
      die "cargo built, but $ours_bin is not there"
    fi
    die "our server is not built: $ours_bin is missing. Build it with
  (cd $root && cargo build --release --example token_server)
or run without --no-build."
  fi
  if [[ -x "$cli_bin" ]]; then
    verifier=cli
  elif ((build)); then
    die "cargo built, but $cli_bin is not there"
  else
    verifier=hmac
    log "warning: $cli_bin is missing (--no-build): tokens are checked with a Python HMAC-SHA256 check instead of 'capability inspect --verify'"
  fi
}

# ---- Processes ---------------------------------------------------------------------------------
# One pass over /proc/*/stat: fills ppid_kids (ppid -> " child child") and proc_ticks
# (pid -> utime+stime+cutime+cstime).
declare -A ppid_kids=() proc_ticks=()
scan_proc() {
  ppid_kids=()
  proc_ticks=()
  local f line pid rest
  local -a fields
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    pid=${line%% *}
    rest=${line##*) }        # after the command name, which may hold spaces and parentheses
    read -r -a fields <<<"$rest"
    # fields[0] is field 3 of proc(5): state; [1] ppid; [11..14] utime stime cutime cstime.
    ppid_kids[${fields[1]}]+=" $pid"
    proc_ticks[$pid]=$((fields[11] + fields[12] + fields[13] + fields[14]))
  done
}

# The pids of $1's process tree, $1 first (from the last scan_proc).
tree_pids() {
  local -a queue=("$1")
  local i=0 p c
  while ((i < ${#queue[@]} && i < 10000)); do
    p=${queue[i]}
    i=$((i + 1))
    for c in ${ppid_kids[$p]-}; do queue+=("$c"); done
  done
  echo "${queue[@]}"
}

# CPU clock ticks used so far by $1 and every process under it, live or reaped.
tree_ticks() {
  scan_proc
  local total=0 p
  for p in $(tree_pids "$1"); do
    total=$((total + ${proc_ticks[$p]:-0}))
  done
  echo "$total"
}

# Stops $1 and its children: TERM to the root, up to 5 s for the tree to go, then KILL.
stop_tree() {
  local root_pid=$1 p i alive
  kill -0 "$root_pid" 2>/dev/null || { wait "$root_pid" 2>/dev/null || true; return 0; }
  scan_proc
  local -a pids
  read -r -a pids <<<"$(tree_pids "$root_pid")"
  kill -TERM "$root_pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait "$root_pid" 2>/dev/null || true
}

declare -A proc_pid=() proc_port=()

proc_of() { case "$1" in ours|floor) echo ours ;; *) echo "$1" ;; esac; }
path_of() {
  case "$1" in ours) echo "$OURS_PATH" ;; floor) echo "$FLOOR_PATH" ;; *) echo "$PEER_PATH" ;; esac
}
url_of() {
  local query="?identity=$IDENTITY"
  case "$1" in ours|floor) query="" ;; esac
  echo "http://127.0.0.1:${proc_port[$(proc_of "$1")]}$(path_of "$1")$query"
}
# auth_of SERVER: sets the array `auth` to the header arguments (curl's and wrk's -H) that name
# the caller to that server: the proxy's header for ours and its floor, none for the peers.
auth_of() {
  case "$1" in
    ours|floor) auth=(-H "$USER_HEADER: $IDENTITY") ;;
    *) auth=() ;;
  esac
}

# Starts one server process (ours, node or python) on a free port of 127.0.0.1, reads the port
# from its output and waits until it answers.
start_proc() {
  local name=$1 logf="$work/$1.log" pattern pid port="" i
  : >"$logf"
  case "$name" in
    ours)
      TOKEN_SERVER_USER_HEADER=$USER_HEADER TOKEN_SERVER_FLOOR=1 "$ours_bin" 0 >"$logf" 2>&1 &
      pattern='listening on http://127\.0\.0\.1:([0-9]+)' ;;
    node)
      node "$peers_dir/node/server.js" 0 >"$logf" 2>&1 &
      pattern='listening on http://127\.0\.0\.1:([0-9]+)' ;;
    python)
      "$peers_dir/python/.venv/bin/gunicorn" --chdir "$peers_dir/python" \
        -w "${PY_WORKERS:-$(nproc)}" -b 127.0.0.1:0 --no-control-socket app:app >"$logf" 2>&1 &
      pattern='Listening at: http://127\.0\.0\.1:([0-9]+)' ;;
  esac
  pid=$!
  started_pids+=("$pid")
  for ((i = 0; i < 300; i++)); do   # up to 30 s
    if [[ "$(<"$logf")" =~ $pattern ]]; then port=${BASH_REMATCH[1]}; break; fi
    kill -0 "$pid" 2>/dev/null || die "$name exited at start-up:
$(tail -20 "$logf")"
    sleep 0.1
  done
  [[ -n "$port" ]] || die "$name printed no port within 30 s:
$(tail -20 "$logf")"
  proc_pid[$name]=$pid
  proc_port[$name]=$port
  local url
  local -a auth
  url=$(url_of "$name")
  auth_of "$name"
  for ((i = 0; i < 100; i++)); do   # up to 20 s
    if curl -fsS -o /dev/null --max-time 2 "${auth[@]}" "$url" 2>/dev/null; then
      log "$name: pid $pid, http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "$name exited:
$(tail -20 "$logf")"
    sleep 0.2
  done
  die "$name does not answer 200 on $url ${auth[*]}:
$(curl -sS --max-time 2 "${auth[@]}" "$url" 2>&1 | head -c 500)"
}

# ---- wrk ---------------------------------------------------------------------------------------
# The done() shared by both scripts: one line of key=value figures, latencies in µs.
write_lua() {
  local done_fn
  done_fn='
done = function(summary, latency, requests)
  local e = summary.errors
  local non200 = -1
  if count_status then
    non200 = 0
    for _, t in ipairs(threads) do non200 = non200 + (t:get("non200") or 0) end
  end
  io.write(string.format(
    "WRK requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d" ..
    " p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d non200=%d\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, math.floor(latency.mean), non200))
end'
  # The benchmark: no per-response Lua, so wrk stays as fast as it can be. Its status errors
  # are the answers with a status above 399 ("Non-2xx or 3xx responses").
  printf 'count_status = false\nthreads = {}\n%s\n' "$done_fn" >"$work/bench.lua"
  # The soak: counts every answer that is not a 200, per thread, summed in done().
  cat >"$work/soak.lua" <<EOF
count_status = true
threads = {}
non200 = 0
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
$done_fn
EOF
}

# run_wrk SERVER CONNS SECS SCRIPT OUTFILE: prints the WRK line.
run_wrk() {
  local url conns=$2 secs=$3 script=$4 outf=$5 t=$threads
  local -a auth
  url=$(url_of "$1")
  auth_of "$1"
  ((t <= conns)) || t=$conns
  if ! timeout --signal=INT $((secs + 30)) \
      wrk -t"$t" -c"$conns" -d"${secs}s" --latency "${auth[@]}" -s "$script" "$url" >"$outf" 2>&1; then
    die "wrk failed against $url:
$(tail -20 "$outf")"
  fi
  grep -m1 '^WRK ' "$outf" || die "wrk printed no figures:
$(tail -20 "$outf")"
}

# field KEY LINE: the value of KEY=... in a WRK line.
field() {
  local re="(^| )$1=(-?[0-9]+)"
  if [[ "$2" =~ $re ]]; then echo "${BASH_REMATCH[2]}"; else echo 0; fi
}

# One measurement; appends a line to results.txt.
measure() {
  local server=$1 round=$2 conns=$3
  local proc pid line t0 t1
  proc=$(proc_of "$server")
  pid=${proc_pid[$proc]}
  t0=$(tree_ticks "$pid")
  line=$(run_wrk "$server" "$conns" "$duration" "$work/bench.lua" \
    "$work/wrk-$server-c$conns-r$round.txt")
  t1=$(tree_ticks "$pid")
  echo "server=$server conns=$conns round=$round ticks=$((t1 - t0)) ${line#WRK }" >>"$work/results.txt"
  local req dur
  req=$(field requests "$line")
  dur=$(field duration_us "$line")
  log "$(printf 'round %s  c=%-3s %-6s %8s req/s  p99 %s µs  cpu %s µs/req' "$round" "$conns" "$server" \
    "$((req * 1000000 / (dur > 0 ? dur : 1)))" "$(field p99_us "$line")" \
    "$(((t1 - t0) * 1000000 / clk_tck / (req > 0 ? req : 1)))")"
}

# ---- Token samples -----------------------------------------------------------------------------
write_helper() {
  cat >"$work/tokcheck.py" <<'EOF'
"""tokcheck.py BODYFILE IDENTITY [hmac]: checks one /token answer.

Prints the token on success. Checks the JSON ({identity, token}), that the token is an access
token whose grants name IDENTITY and hold a voice grant; with `hmac`, also its HS256 signature
with TWILIO_API_SECRET and its time (the fallback when the capability CLI is not built).
"""
import base64, hashlib, hmac, json, os, sys, time

def b64(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))

def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)

body_path, identity = sys.argv[1], sys.argv[2]
try:
    body = json.load(open(body_path, encoding="utf-8"))
except ValueError as e:
    fail(f"body is not JSON: {e}")
if body.get("identity") != identity:
    fail(f"identity {body.get('identity')!r}, expected {identity!r}")
token = body.get("token")
if not isinstance(token, str) or token.count(".") != 2:
    fail("no JWT in 'token'")
head_b64, payload_b64, sig_b64 = token.split(".")
try:
    header, payload = json.loads(b64(head_b64)), json.loads(b64(payload_b64))
except ValueError as e:
    fail(f"token does not decode: {e}")
grants = payload.get("grants") or {}
if grants.get("identity") != identity:
    fail(f"grants.identity {grants.get('identity')!r}, expected {identity!r}")
if not isinstance(grants.get("voice"), dict):
    fail("no grants.voice")
if len(sys.argv) > 3 and sys.argv[3] == "hmac":
    if header.get("alg") != "HS256":
        fail(f"alg {header.get('alg')!r}")
    key = os.environ["TWILIO_API_SECRET"].encode()
    want = hmac.new(key, f"{head_b64}.{payload_b64}".encode(), hashlib.sha256).digest()
    if not hmac.compare_digest(want, b64(sig_b64)):
        fail("bad signature")
    now = time.time()
    if not payload.get("exp", 0) > now:
        fail("expired")
    if payload.get("nbf", 0) > now + 60:
        fail("not yet valid")
print(token)
EOF
}

# Fetches $samples answers from a server, checks them, appends to verify.txt / failures.txt.
verify_server() {
  local server=$1 url i code ok=0 total=0 bytes=0 token msg
  local -a auth
  url=$(url_of "$server")
  auth_of "$server"
  for ((i = 1; i <= samples; i++)); do
    total=$((total + 1))
    code=$(curl -sS --max-time 5 -o "$work/body.json" -w '%{http_code}' "${auth[@]}" "$url" 2>"$work/curl.err") ||
      code="curl: $(head -c 200 "$work/curl.err")"
    bytes=$(wc -c <"$work/body.json" 2>/dev/null || echo 0)
    if [[ "$code" != 200 ]]; then
      echo "$server #$i: HTTP $code" >>"$work/failures.txt"
      continue
    fi
    if [[ "$server" == floor ]]; then
      if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/body.json" 2>/dev/null; then
        ok=$((ok + 1))
      else
        echo "floor #$i: body is not JSON" >>"$work/failures.txt"
      fi
      continue
    fi
    if [[ "$verifier" == cli ]]; then
      if ! token=$(python3 "$work/tokcheck.py" "$work/body.json" "$IDENTITY" 2>"$work/check.err"); then
        echo "$server #$i: $(head -c 300 "$work/check.err")" >>"$work/failures.txt"
        continue
      fi
      if msg=$(printf '%s\n' "$token" | "$cli_bin" inspect --verify - 2>&1); then
        ok=$((ok + 1))
      else
        echo "$server #$i: capability inspect --verify: $(printf '%s' "$msg" | tr '\n' ' ' | head -c 300)" \
          >>"$work/failures.txt"
      fi
    else
      if python3 "$work/tokcheck.py" "$work/body.json" "$IDENTITY" hmac >/dev/null 2>"$work/check.err"; then
        ok=$((ok + 1))
      else
        echo "$server #$i: $(head -c 300 "$work/check.err")" >>"$work/failures.txt"
      fi
    fi
  done
  echo "server=$server ok=$ok total=$total bytes=$bytes method=$verifier" >>"$work/verify.txt"
  if [[ "$server" == floor ]]; then
    log "floor: $ok/$total answers were 200 with a JSON body of $bytes bytes"
  else
    log "$server: $ok/$total samples verified ($verifier), body $bytes bytes"
  fi
}

# ---- Report ------------------------------------------------------------------------------------
write_report_py() {
  cat >"$work/report.py" <<'EOF'
"""report.py WORKDIR: the Markdown report of a benchmark run."""
import os, sys

work = sys.argv[1]
clk = int(os.environ["CLK_TCK"])
servers = os.environ["SERVERS"].split(",")
levels = [int(x) for x in os.environ["LEVELS"].split(",")]

def kv(line):
    return dict(p.split("=", 1) for p in line.split())

def num(x):
    try:
        return int(x)
    except ValueError:
        return x

runs = {}
with open(os.path.join(work, "results.txt")) as f:
    for line in f:
        r = {k: num(v) for k, v in kv(line).items()}
        r["rps"] = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0.0
        runs.setdefault((r["server"], r["conns"]), []).append(r)

verify = {}
path = os.path.join(work, "verify.txt")
if os.path.exists(path):
    for line in open(path):
        v = kv(line)
        verify[v["server"]] = v

def lat(us):
    return f"{us} µs" if us < 1000 else f"{us / 1000:.2f} ms"

def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "n/a"

stats = {}
for key, rs in runs.items():
    best = max(rs, key=lambda r: r["rps"])
    reqs = sum(r["requests"] for r in rs)
    kinds = {k: sum(r[k] for r in rs) for k in ("connect", "read", "write", "timeout", "status")}
    stats[key] = {
        "best": best,
        "all": [r["rps"] for r in sorted(rs, key=lambda r: r["round"])],
        "errors": kinds,
        "cpu": sum(r["ticks"] for r in rs) * 1e6 / clk / reqs if reqs else 0.0,
    }

print("| server | conns | req/s (best) | req/s (each round) | p50 | p99 | errors | CPU µs/req |"
      " verified | ours/this req/s | ours/this CPU/req |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for conns in levels:
    ours = stats.get(("ours", conns))
    for s in servers:
        st = stats.get((s, conns))
        if not st:
            continue
        b = st["best"]
        err_total = sum(st["errors"].values())
        err = str(err_total)
        if err_total:
            err += " (" + ", ".join(f"{k} {v}" for k, v in st["errors"].items() if v) + ")"
        v = verify.get(s)
        if s == "floor":
            ver = f"n/a ({v['ok']}/{v['total']} 200 JSON)" if v else "n/a"
        elif v:
            ver = f"{v['ok']}/{v['total']}" + (" (hmac)" if v["method"] == "hmac" else "")
        else:
            ver = "not checked"
        if s == "ours":
            r_rps = r_cpu = "1.00×"
        elif ours:
            r_rps = ratio(ours["best"]["rps"], b["rps"])
            r_cpu = ratio(ours["cpu"], st["cpu"])
        else:
            r_rps = r_cpu = "n/a"
        rounds = " / ".join(f"{x:,.0f}" for x in st["all"])
        print(f"| {s} | {conns} | {b['rps']:,.0f} | {rounds} | {lat(b['p50_us'])} | {lat(b['p99_us'])}"
              f" | {err} | {st['cpu']:.1f} | {ver} | {r_rps} | {r_cpu} |")

sizes = ", ".join(f"{s} {verify[s]['bytes']} B" for s in servers if s in verify)
if sizes:
    print(f"\nResponse body sizes: {sizes}.")
fails = os.path.join(work, "failures.txt")
if os.path.exists(fails) and os.path.getsize(fails):
    print("\nSample failures:\n")
    for line in open(fails):
        print(f"- {line.rstrip()}")
EOF
}

meta_line() {
  local rev
  rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
  printf '%s, commit %s, %s cores, %s, kernel %s' "$(date -u +%Y-%m-%dT%H:%MZ)" "$rev" "$(nproc)" \
    "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)" "$(uname -r)"
}

# ---- The benchmark -----------------------------------------------------------------------------
run_benchmark() {
  local p s c r
  for p in ours node python; do
    local want=0
    case "$p" in ours) want=$need_ours ;; node) want=$need_node ;; python) want=$need_python ;; esac
    if ((want)); then start_proc "$p"; fi
  done
  if [[ -n "${seen[floor]-}" ]]; then
    local -a auth
    auth_of floor
    curl -fsS -o /dev/null --max-time 2 "${auth[@]}" "$(url_of floor)" ||
      die "our server does not serve the floor route $FLOOR_PATH (see FLOOR_PATH at the top of load.sh)"
  fi
  if ((warmup > 0)); then
    local top=0
    for c in "${level_list[@]}"; do if ((c > top)); then top=$c; fi; done
    for s in "${server_list[@]}"; do
      log "warm-up: $s, ${warmup}s at c=$top"
      run_wrk "$s" "$top" "$warmup" "$work/bench.lua" "$work/warmup-$s.txt" >/dev/null
    done
  fi
  : >"$work/results.txt"
  for ((r = 1; r <= rounds; r++)); do
    for c in "${level_list[@]}"; do
      for s in "${server_list[@]}"; do
        measure "$s" "$r" "$c"
      done
    done
  done
  for s in "${server_list[@]}"; do verify_server "$s"; done

  local report="$work/report.md"
  {
    echo "### Token servers under wrk ($(meta_line))"
    echo
    echo "wrk -t$threads -cN -d${duration}s, keep-alive, $rounds round(s) alternating servers;" \
      "python = gunicorn -w ${PY_WORKERS:-$(nproc)} (sync workers). p50/p99 are of the best round;" \
      "errors are all rounds' socket errors and status >= 400; CPU is the server's process tree" \
      "(utime+stime+cutime+cstime) over all rounds' requests. ours and floor get the header" \
      "\`$USER_HEADER: $IDENTITY\`, as behind an authenticating proxy; node and python get" \
      "?identity=$IDENTITY, as in their quickstarts."
    echo
    CLK_TCK=$clk_tck SERVERS="$(IFS=,; echo "${server_list[*]}")" LEVELS="$(IFS=,; echo "${level_list[*]}")" \
      python3 "$work/report.py" "$work"
  } >"$report"
  echo
  cat "$report"
  if [[ -n "$out" ]]; then cp "$report" "$out"; log "report written to $out"; fi
  if [[ -s "$work/failures.txt" ]]; then
    log "some token samples failed (see the table)"
    return 1
  fi
}

# ---- The soak ----------------------------------------------------------------------------------
rss_kb() {
  local line
  while IFS= read -r line; do
    if [[ "$line" == VmRSS:* ]]; then
      read -r _ line _ <<<"$line"
      echo "$line"
      return 0
    fi
  done <"/proc/$1/status"
  return 1
}

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

run_soak() {
  start_proc ours
  local pid=${proc_pid[ours]}
  local cap_s=$((soak_max_minutes * 60)) start=$SECONDS
  local rss_start rss_warm rss_after line
  rss_start=$(rss_kb "$pid")

  log "soak: warm-up ${soak_warmup}s at c=$soak_conns"
  local warm_req=0 warm_dur=1
  if ((soak_warmup > 0)); then
    line=$(run_wrk ours "$soak_conns" "$soak_warmup" "$work/soak.lua" "$work/soak-warmup.txt")
    warm_req=$(field requests "$line")
    warm_dur=$(field duration_us "$line")
  fi
  rss_warm=$(rss_kb "$pid")
  log "soak: RSS after warm-up $(mib "$rss_warm")"

  # RSS sampler: bounded in count, stops with the soak, the server, or this script.
  local max_samples=$((cap_s / rss_interval + 10)) me=$$
  (
    n=0
    while ((n < max_samples)) && [[ ! -e "$work/sampler.stop" ]] &&
          kill -0 "$pid" 2>/dev/null && kill -0 "$me" 2>/dev/null; do
      kb=$(rss_kb "$pid" 2>/dev/null) || break
      echo "$((SECONDS - start)) $kb" >>"$work/rss.txt"
      n=$((n + 1))
      sleep "$rss_interval"
    done
  ) &
  sampler_pid=$!

  # Bounded chunks until soak_requests are done: each sized from the last rate, plus 10 %.
  local total=0 chunks=0 max_chunks=$((cap_s / 5 + 2)) deadline=$((SECONDS + cap_s))
  local rate_req=$warm_req rate_dur=$warm_dur secs remaining t0 t1 ticks=0 soak_dur=0
  local connect=0 read=0 write=0 timeout=0 status=0 non200=0
  while ((total < soak_requests && SECONDS < deadline && chunks < max_chunks)); do
    remaining=$((soak_requests - total))
    if ((rate_req > 0)); then
      secs=$((remaining * rate_dur * 11 / 10 / rate_req / 1000000 + 1))
    else
      secs=$soak_chunk
    fi
    ((secs >= 5)) || secs=5
    ((secs <= soak_chunk)) || secs=$soak_chunk
    ((secs <= deadline - SECONDS)) || secs=$((deadline - SECONDS))
    ((secs >= 1)) || break
    chunks=$((chunks + 1))
    t0=$(tree_ticks "$pid")
    line=$(run_wrk ours "$soak_conns" "$secs" "$work/soak.lua" "$work/soak-$chunks.txt")
    t1=$(tree_ticks "$pid")
    ticks=$((ticks + t1 - t0))
    rate_req=$(field requests "$line")
    rate_dur=$(field duration_us "$line")
    total=$((total + rate_req))
    soak_dur=$((soak_dur + rate_dur))
    connect=$((connect + $(field connect "$line")))
    read=$((read + $(field read "$line")))
    write=$((write + $(field write "$line")))
    timeout=$((timeout + $(field timeout "$line")))
    status=$((status + $(field status "$line")))
    non200=$((non200 + $(field non200 "$line")))
    log "soak: chunk $chunks, ${secs}s: $rate_req requests, $total/$soak_requests, RSS $(mib "$(rss_kb "$pid")")"
  done
  rss_after=$(rss_kb "$pid")
  touch "$work/sampler.stop"
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
  local rss_max
  rss_max=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$work/rss.txt" 2>/dev/null || echo 0)
  if ((rss_after > rss_max)); then rss_max=$rss_after; fi

  verify_server ours
  local v_ok v_total vline v_note=""
  vline=$(tail -1 "$work/verify.txt")
  v_ok=$(field ok "$vline")
  v_total=$(field total "$vline")
  if [[ "$verifier" == hmac ]]; then v_note=" (hmac)"; fi

  local sock=$((connect + read + write + timeout)) rps=0 cpu=0
  if ((soak_dur > 0)); then rps=$((total * 1000000 / soak_dur)); fi
  if ((total > 0)); then
    cpu=$(awk -v t="$ticks" -v c="$clk_tck" -v n="$total" 'BEGIN { printf "%.2f", t * 1e6 / c / n }')
  fi
  local ratio
  ratio=$(awk -v a="$rss_after" -v w="$rss_warm" 'BEGIN { printf "%.3f", (w > 0 ? a / w : 0) }')
  local report="$work/report.md"
  {
    echo "### Soak of our server ($(meta_line))"
    echo
    echo "wrk -t$threads -c$soak_conns -H '$USER_HEADER: $IDENTITY', $chunks run(s) after a" \
      "${soak_warmup}s warm-up ($warm_req requests, not counted below); RSS sampled every" \
      "${rss_interval}s."
    echo
    echo "| figure | value |"
    echo "|---|--:|"
    echo "| requests | $total (target $soak_requests) |"
    echo "| load time | $((soak_dur / 1000000)) s |"
    echo "| requests/s | $rps |"
    echo "| non-200 answers | $non200 |"
    echo "| socket errors | $sock (connect $connect, read $read, write $write, timeout $timeout) |"
    echo "| CPU µs/request | $cpu |"
    echo "| RSS at start | $(mib "$rss_start") |"
    echo "| RSS after warm-up | $(mib "$rss_warm") |"
    echo "| RSS after soak | $(mib "$rss_after") |"
    echo "| RSS max sampled | $(mib "$rss_max") |"
    echo "| RSS after / after warm-up | ${ratio}× |"
    echo "| verified token samples | $v_ok/$v_total$v_note |"
    if [[ -s "$work/failures.txt" ]]; then
      echo
      echo "Sample failures:"
      echo
      sed 's/^/- /' "$work/failures.txt"
    fi
  } >"$report"
  echo
  cat "$report"
  if [[ -n "$out" ]]; then cp "$report" "$out"; log "report written to $out"; fi
  local bad=0
  ((total >= soak_requests)) || { log "soak: only $total of $soak_requests requests within the cap"; bad=1; }
  ((non200 == 0 && status == 0 && sock == 0)) || { log "soak: errors"; bad=1; }
  ((v_ok == v_total)) || { log "soak: token samples failed"; bad=1; }
  return "$bad"
}

# ---- Main --------------------------------------------------------------------------------------
export TWILIO_ACCOUNT_SID=$DEMO_ACCOUNT_SID TWILIO_API_KEY=$DEMO_API_KEY \
  TWILIO_API_SECRET=$DEMO_API_SECRET TWILIO_AUTH_TOKEN=$DEMO_AUTH_TOKEN
unset TWIML_APP_SID   # every server uses the same application SID, our policy's

ensure_wrk
if ((need_node || need_python)); then
  log "installing the peers into $peers_dir"
  bash "$peers_src/install.sh" "$peers_dir" >&2
fi
verifier=""
build_ours
clk_tck=$(getconf CLK_TCK)
write_lua
write_helper
write_report_py

if ((soak)); then
  run_soak
else
  run_benchmark
fi
