"""load.sh's main: flags, set-up (wrk, the peers, cargo), the run, and the clean-up."""
import os
import shutil
import signal
import sys
import tempfile

from . import Fatal, bench, call, cli, log, manifests, servers, soak, wrk
from .config import DEMO_ENV

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH_DIR)
PEERS_SRC = os.path.join(BENCH_DIR, "peers")


def run_or_exit(argv, **kwargs):
    """Runs a set-up command; if it fails, the driver exits with its status, as under set -e."""
    rc = call(argv, **kwargs)
    if rc != 0:
        raise SystemExit(rc)


def target_dir():
    """Where cargo puts target/: CARGO_TARGET_DIR made absolute (and exported so), or
    ROOT/target."""
    given = os.environ.get("CARGO_TARGET_DIR")
    if not given:
        return os.path.join(ROOT, "target")
    # cargo reads a relative one from where it runs, which is ROOT, not here.
    absolute = given if given.startswith("/") else os.path.join(os.getcwd(), given)
    os.environ["CARGO_TARGET_DIR"] = absolute
    return absolute


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: installing it with apt-get")
    sudo = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            raise Fatal("wrk is missing and this is not root: apt-get install wrk")
        sudo = ["sudo"]
    run_or_exit([*sudo, "apt-get", "update", "-q"])
    run_or_exit([*sudo, "apt-get", "install", "-y", "-q", "wrk"],
                env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if not shutil.which("wrk"):
        raise Fatal("apt-get did not install wrk")


def build(ctx, need_ours):
    """cargo builds our server and the CLI (unless --no-build); sets ctx.verifier."""
    if ctx.opts.build:
        if not shutil.which("cargo"):
            raise Fatal("cargo is not installed (or pass --no-build)")
        if need_ours:
            log("cargo build --release --example token_server")
            run_or_exit(["cargo", "build", "--release", "--example", "token_server"], cwd=ROOT)
        log("cargo build --release -p twilio-capability-cli")
        run_or_exit(["cargo", "build", "--release", "-p", "twilio-capability-cli"], cwd=ROOT)
    if need_ours and not os.access(ctx.ours_bin, os.X_OK):
        if ctx.opts.build:
            raise Fatal(f"cargo built, but {ctx.ours_bin} is not there")
        raise Fatal(f"our server is not built: {ctx.ours_bin} is missing. Build it with\n"
                    f"  (cd {ROOT} && cargo build --release --example token_server)\n"
                    "or run without --no-build.")
    if os.access(ctx.cli_bin, os.X_OK):
        ctx.verifier = "cli"
    elif ctx.opts.build:
        raise Fatal(f"cargo built, but {ctx.cli_bin} is not there")
    else:
        ctx.verifier = "hmac"
        log(f"warning: {ctx.cli_bin} is missing (--no-build): tokens are checked with a Python"
            " HMAC-SHA256 check instead of 'capability inspect --verify'")


def on_signal(signum, _frame):
    log("interrupted" if signum == signal.SIGINT else "terminated")
    raise SystemExit(128 + signum)


def clean_up(ctx):
    # A second signal now ends the driver at once.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for proc in ctx.started:
        servers.stop_tree(proc)
    if ctx.opts.keep:
        log(f"work folder kept: {ctx.work}")
    else:
        shutil.rmtree(ctx.work, ignore_errors=True)


def main(argv):
    ctx = None
    try:
        raw = cli.parse(argv)
        if raw is None:
            print(cli.USAGE, end="")
            return 0
        if raw["check-manifests"]:
            return manifests.check(PEERS_SRC)
        opts = cli.validate(raw)
        if not shutil.which("curl"):
            raise Fatal("curl is not installed")
        target = target_dir()
        work = tempfile.mkdtemp(prefix="capability-load.", dir=os.environ.get("TMPDIR") or "/tmp")
        ctx = servers.Context(opts, ROOT, work,
                              ours_bin=os.path.join(target, "release", "examples", "token_server"),
                              cli_bin=os.path.join(target, "release", "capability"),
                              clk_tck=os.sysconf("SC_CLK_TCK"))
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

        os.environ.update(DEMO_ENV)
        os.environ.pop("TWIML_APP_SID", None)  # every server uses the same application SID
        ensure_wrk()
        processes = {servers.process_of(s) for s in opts.servers}
        if processes & {"node", "python"}:
            log(f"installing the peers into {opts.peers_dir}")
            run_or_exit(["bash", os.path.join(PEERS_SRC, "install.sh"), opts.peers_dir],
                        stdout=sys.stderr)
        build(ctx, "ours" in processes)
        ctx.bench_lua, ctx.soak_lua = wrk.write_scripts(work)
        if opts.soak:
            return soak.run(ctx)
        return bench.run(ctx)
    except Fatal as e:
        print(f"load.sh: {e}", file=sys.stderr, flush=True)
        return 1
    finally:
        if ctx is not None:
            clean_up(ctx)
