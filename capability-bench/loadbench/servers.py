"""Starting the servers, waiting until they answer, and stopping their process trees."""
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field

from . import Fatal, head, log, nproc, procfs, tail
from .config import FLOOR_PATH, IDENTITY, OURS_PATH, PEER_PATH, USER_HEADER

# What each process prints once it listens; group 1 is the port.
LISTENING = {
    "ours": r"listening on http://127\.0\.0\.1:([0-9]+)",
    "node": r"listening on http://127\.0\.0\.1:([0-9]+)",
    "python": r"Listening at: http://127\.0\.0\.1:([0-9]+)",
}


@dataclass
class Context:
    """What the runs share: the options, where things are, and the processes started."""
    opts: object  # cli.Options
    root: str
    work: str
    ours_bin: str
    cli_bin: str
    clk_tck: int
    verifier: str = ""  # cli or hmac
    bench_lua: str = ""
    soak_lua: str = ""
    started: list = field(default_factory=list)  # Popen, to stop at the end
    ports: dict = field(default_factory=dict)  # process name -> port


def process_of(server):
    """The process that serves a server: the floor is a route of ours."""
    return "ours" if server in ("ours", "floor") else server


def url(ctx, server):
    port = ctx.ports[process_of(server)]
    path = {"ours": OURS_PATH, "floor": FLOOR_PATH}.get(server, PEER_PATH)
    query = "" if server in ("ours", "floor") else f"?identity={IDENTITY}"
    return f"http://127.0.0.1:{port}{path}{query}"


def auth(server):
    """The header arguments (curl's and wrk's -H) that name the caller: the proxy's header for
    ours and its floor, none for the peers."""
    return ["-H", f"{USER_HEADER}: {IDENTITY}"] if server in ("ours", "floor") else []


def py_workers():
    return os.environ.get("PY_WORKERS") or nproc()


def curl_ok(server, address):
    return subprocess.run(["curl", "-fsS", "-o", "/dev/null", "--max-time", "2",
                           *auth(server), address], stderr=subprocess.DEVNULL).returncode == 0


def command(ctx, name):
    """The command line and environment that start a process on a free port of 127.0.0.1."""
    if name == "ours":
        env = dict(os.environ, TOKEN_SERVER_USER_HEADER=USER_HEADER, TOKEN_SERVER_FLOOR="1")
        return [ctx.ours_bin, "0"], env
    if name == "node":
        return ["node", os.path.join(ctx.opts.peers_dir, "node", "server.js"), "0"], None
    python = os.path.join(ctx.opts.peers_dir, "python")
    return [os.path.join(python, ".venv", "bin", "gunicorn"), "--chdir", python,
            "-w", py_workers(), "-b", "127.0.0.1:0", "--no-control-socket", "app:app"], None


def start(ctx, name):
    """Starts one process (ours, node or python), reads its port from its output and waits
    until it answers 200. Returns the Popen."""
    log_path = os.path.join(ctx.work, f"{name}.log")
    argv, env = command(ctx, name)
    with open(log_path, "wb") as out:
        proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT)
    ctx.started.append(proc)
    port = None
    for _ in range(300):  # up to 30 s
        found = re.search(LISTENING[name], open(log_path, errors="replace").read())
        if found:
            port = found.group(1)
            break
        if proc.poll() is not None:
            raise Fatal(f"{name} exited at start-up:\n{tail(log_path)}")
        time.sleep(0.1)
    if port is None:
        raise Fatal(f"{name} printed no port within 30 s:\n{tail(log_path)}")
    ctx.ports[name] = port
    address = url(ctx, name)
    for _ in range(100):  # up to 20 s
        if curl_ok(name, address):
            log(f"{name}: pid {proc.pid}, http://127.0.0.1:{port}")
            return proc
        if proc.poll() is not None:
            raise Fatal(f"{name} exited:\n{tail(log_path)}")
        time.sleep(0.2)
    said = subprocess.run(["curl", "-sS", "--max-time", "2", *auth(name), address],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT).stdout
    raise Fatal(f"{name} does not answer 200 on {address} {' '.join(auth(name))}:\n"
                + head(said.decode(errors="replace"), 500).rstrip("\n"))


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, as another user's
    return True


def stop_tree(proc):
    """Stops a started process and its children: TERM to it, up to 5 s for the tree to go,
    then KILL to what is left."""
    if proc.poll() is not None:
        return
    kids, _ = procfs.scan()
    pids = procfs.tree(proc.pid, kids)
    proc.send_signal(signal.SIGTERM)
    for _ in range(50):
        # poll() reaps our own child, which would otherwise linger as a zombie.
        if proc.poll() is not None and not any(alive(pid) for pid in pids[1:]):
            break
        time.sleep(0.1)
    for pid in pids:
        if pid == proc.pid and proc.poll() is not None:
            continue  # reaped: its pid may be another process's by now
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    proc.wait()
