"""The load driver behind capability-bench/load.sh: see LOAD.md.

Holds what every module uses: the log line, the fatal error, the core count.
"""
import subprocess
import sys


class Fatal(Exception):
    """Stops the run: main() prints `load.sh: MESSAGE` and exits 1."""


def call(argv, **kwargs):
    """Runs a command to its end and returns its exit status. Should the driver be stopped
    meanwhile (a signal), the command gets SIGTERM, not subprocess's SIGKILL: timeout(1) passes
    TERM on to wrk, and cargo stops its compilers, where a KILL would leave them running."""
    sys.stdout.flush()
    with subprocess.Popen(argv, **kwargs) as proc:
        try:
            return proc.wait()
        except BaseException:
            proc.terminate()
            proc.wait()
            raise


def log(message):
    print(f"[load] {message}", file=sys.stderr, flush=True)


def nproc():
    # nproc, not os.cpu_count(): it honours the CPU affinity and OMP_NUM_THREADS, as before.
    return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()


def head(text, limit):
    """The first `limit` bytes of text, as `head -c` keeps them."""
    return text.encode()[:limit].decode(errors="ignore")


def tail(path, lines=20):
    """The last lines of a file, as `tail -20` prints them (without the last newline)."""
    try:
        data = open(path, "rb").read()
    except OSError:
        return ""
    return b"\n".join(data.rstrip(b"\n").split(b"\n")[-lines:]).decode(errors="replace")
