"""The flags of load.sh and its --help, parsed and checked as the bash driver did."""
import os
import re
from dataclasses import dataclass

from . import Fatal
from .config import ALL_SERVERS, FLOOR_PATH, IDENTITY, OURS_PATH, USER_HEADER

USAGE = f"""\
Usage: capability-bench/load.sh [OPTIONS]

Benchmarks our token server (examples/token_server, route {OURS_PATH}), its floor route
({FLOOR_PATH}: a fixed body of the same size, no token) and two peers written as Twilio's Voice
quickstarts write them (peers/node: express + twilio; peers/python: flask + twilio under
gunicorn, one worker per core). Every server listens on 127.0.0.1 only and gets the same demo
credentials. Ours runs as behind an authenticating proxy: it is started with
TOKEN_SERVER_USER_HEADER={USER_HEADER} and asked with the header `{USER_HEADER}: {IDENTITY}`
(wrk -H, curl -H), and so is its floor; the peers are asked with ?identity={IDENTITY}, as their
quickstarts are. wrk drives each one with keep-alive connections; rounds alternate the servers.
Prints a Markdown table: requests/s, p50, p99, errors, server CPU per request (the server's
process tree, from /proc), a verified sample of tokens, and ratios against ours.

Needs: wrk (installed with apt-get if missing), curl, node + npm, python3, cargo.

Options:
  --servers LIST        which of ours,floor,node,python to run (default: {",".join(ALL_SERVERS)})
  --levels LIST         concurrent connections, comma-separated (default: 1,16,64)
  --duration SECS       seconds per wrk run (default: 10)
  --rounds N            runs of each measurement, alternating servers (default: 2)
  --warmup SECS         load each server this long, unmeasured, before round 1 (default: 2)
  --threads N           wrk threads, at most the connections (default: 1)
  --samples N           tokens fetched and verified per server (default: 3; 10 with --soak)
  --peers-dir DIR       where peers/install.sh installs the peers
                        (default: ${{TMPDIR:-/tmp}}/capability-peers)
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
"""

# Options that take a value, with their defaults (as strings: they are checked after parsing).
VALUE_DEFAULTS = {
    "servers": ",".join(ALL_SERVERS),
    "levels": "1,16,64",
    "duration": "10",
    "rounds": "2",
    "warmup": "2",
    "threads": "1",
    "samples": "",  # 3, or 10 with --soak
    "peers-dir": None,  # from TMPDIR, when parsed
    "out": "",
    "soak-requests": "1000000",
    "soak-connections": "64",
    "soak-warmup": "20",
    "soak-max-minutes": "30",
    "soak-chunk": "120",
    "rss-interval": "5",
}
FLAGS = ("check-manifests", "no-build", "keep", "soak")
# Checked in this order, so that the first bad one is the one named.
POSITIVE = ("duration", "rounds", "threads", "soak-requests", "soak-connections",
            "soak-max-minutes", "soak-chunk", "rss-interval")


@dataclass
class Options:
    servers: list
    levels: list
    duration: int
    rounds: int
    warmup: int
    threads: int
    samples: int
    peers_dir: str
    build: bool
    out: str
    keep: bool
    soak: bool
    soak_requests: int
    soak_connections: int
    soak_warmup: int
    soak_max_minutes: int
    soak_chunk: int
    rss_interval: int


def parse(argv):
    """The flags as given: a dict of strings and booleans, or None when --help was asked."""
    raw = dict(VALUE_DEFAULTS, **{flag: False for flag in FLAGS})
    raw["peers-dir"] = f"{os.environ.get('TMPDIR') or '/tmp'}/capability-peers"
    args = list(argv)
    while args:
        opt = args.pop(0)
        if opt.startswith("--") and "=" in opt:
            opt, value = opt.split("=", 1)
            args.insert(0, value)
        name = opt[2:]
        if opt in ("-h", "--help"):
            return None
        if opt.startswith("--") and name in FLAGS:
            raw[name] = True
        elif opt.startswith("--") and name in VALUE_DEFAULTS:
            if not args:
                raise Fatal(f"{opt} needs a value (see --help)")
            raw[name] = args.pop(0)
        else:
            raise Fatal(f"unknown option: {opt} (see --help)")
    return raw


def is_uint(text):
    return re.fullmatch(r"[0-9]+", text) is not None


def split_list(text):
    """A comma-separated list as bash's `IFS=, read -a` splits it: one trailing empty field goes."""
    fields = text.partition("\n")[0].split(",")
    return fields[:-1] if fields[-1] == "" else fields


def validate(raw):
    """Options from parse()'s dict; raises Fatal with the first problem."""
    for name in POSITIVE:
        if not (is_uint(raw[name]) and int(raw[name]) > 0):
            raise Fatal(f"--{name} must be a positive integer, not '{raw[name]}'")
    for name in ("warmup", "soak-warmup"):
        if not is_uint(raw[name]):
            raise Fatal(f"--{name} must be a whole number of seconds")
    if raw["samples"] and not is_uint(raw["samples"]):
        raise Fatal("--samples must be a whole number")
    levels = split_list(raw["levels"])
    if not levels:
        raise Fatal("--levels is empty")
    for level in levels:
        if not (is_uint(level) and int(level) > 0):
            raise Fatal(f"--levels: '{level}' is not a positive integer")
    servers = split_list(raw["servers"])
    if not servers:
        raise Fatal("--servers is empty")
    for i, server in enumerate(servers):
        if server not in ALL_SERVERS:
            raise Fatal(f"--servers: unknown server '{server}' ({','.join(ALL_SERVERS)})")
        if server in servers[:i]:
            raise Fatal(f"--servers: '{server}' given twice")
    soak = raw["soak"]
    return Options(
        servers=["ours"] if soak else servers,
        levels=[int(level) for level in levels],
        duration=int(raw["duration"]),
        rounds=int(raw["rounds"]),
        warmup=int(raw["warmup"]),
        threads=int(raw["threads"]),
        samples=int(raw["samples"]) if raw["samples"] else (10 if soak else 3),
        peers_dir=raw["peers-dir"],
        build=not raw["no-build"],
        out=raw["out"],
        keep=raw["keep"],
        soak=soak,
        soak_requests=int(raw["soak-requests"]),
        soak_connections=int(raw["soak-connections"]),
        soak_warmup=int(raw["soak-warmup"]),
        soak_max_minutes=int(raw["soak-max-minutes"]),
        soak_chunk=int(raw["soak-chunk"]),
        rss_interval=int(raw["rss-interval"]),
    )
