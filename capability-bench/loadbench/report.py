"""The Markdown reports: the benchmark's table and the soak's."""
import os
import subprocess
import time

from . import Fatal, log, nproc
from .config import IDENTITY, USER_HEADER
from .stats import latency, ratio

BENCH_COLUMNS = ("| server | conns | req/s (best) | req/s (each round) | p50 | p99 | errors |"
                 " CPU µs/req | verified | ours/this req/s | ours/this CPU/req |\n"
                 "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")


def meta_line(root):
    """When, on which commit and machine, with which wrk."""
    rev = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True)
    commit = rev.stdout.strip() if rev.returncode == 0 else "unknown"
    wrk = subprocess.run(["wrk", "-v"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True).stdout
    wrk = " ".join(wrk.split("\n")[0].split(" ")[:2])
    return (f"{time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}, commit {commit}, "
            f"{nproc()} cores, {wrk}, kernel {os.uname().release}")


def failure_lines(failures):
    return "".join(f"- {line}\n" for line in failures)


def verified_cell(server, v):
    if server == "floor":
        return f"n/a ({v.ok}/{v.total} 200 JSON)" if v else "n/a"
    if not v:
        return "not checked"
    return f"{v.ok}/{v.total}" + (" (hmac)" if v.method == "hmac" else "")


def errors_cell(errors):
    total = sum(errors.values())
    if not total:
        return "0"
    return f"{total} (" + ", ".join(f"{k} {n}" for k, n in errors.items() if n) + ")"


def benchmark(meta, opts, py_workers, clk_tck, summaries, verified, failures):
    """The benchmark's report: summaries from stats.summarize(), verified {server: Verified}."""
    out = [
        f"### Token servers under wrk ({meta})\n\n",
        f"wrk -t{opts.threads} -cN -d{opts.duration}s, keep-alive, {opts.rounds} round(s)"
        f" alternating servers; python = gunicorn -w {py_workers} (sync workers). p50/p99 are"
        " of the best round; errors are all rounds' socket errors and status >= 400; CPU is the"
        " server's process tree (utime+stime+cutime+cstime) over all rounds' requests. ours and"
        f" floor get the header `{USER_HEADER}: {IDENTITY}`, as behind an authenticating proxy;"
        f" node and python get ?identity={IDENTITY}, as in their quickstarts.\n\n",
        BENCH_COLUMNS,
    ]
    for conns in opts.levels:
        ours = summaries.get(("ours", conns))
        for server in opts.servers:
            st = summaries.get((server, conns))
            if not st:
                continue
            best = st.best
            if server == "ours":
                r_rps = r_cpu = "1.00×"
            elif ours:
                r_rps = ratio(ours.best.rps, best.rps)
                r_cpu = ratio(ours.cpu(clk_tck), st.cpu(clk_tck))
            else:
                r_rps = r_cpu = "n/a"
            rounds = " / ".join(f"{rps:,.0f}" for rps in st.each)
            out.append(
                f"| {server} | {conns} | {best.rps:,.0f} | {rounds}"
                f" | {latency(best.wrk['p50_us'])} | {latency(best.wrk['p99_us'])}"
                f" | {errors_cell(st.totals.errors)} | {st.cpu(clk_tck):.1f}"
                f" | {verified_cell(server, verified.get(server))} | {r_rps} | {r_cpu} |\n")
    sizes = ", ".join(f"{s} {verified[s].bytes} B" for s in opts.servers if s in verified)
    if sizes:
        out.append(f"\nResponse body sizes: {sizes}.\n")
    if failures:
        out.append("\nSample failures:\n\n" + failure_lines(failures))
    return "".join(out)


def mib(kb):
    return f"{kb / 1024:.1f} MiB"


def soak(meta, opts, clk_tck, warm_requests, totals, rss, verified, failures):
    """The soak's report: totals of its chunks (stats.Totals), rss {start, warm, after, max} in
    kB, the token samples' Verified."""
    e = totals.errors
    rps = totals.requests * 1000000 // totals.duration_us if totals.duration_us > 0 else 0
    cpu = (f"{totals.ticks * 1e6 / clk_tck / totals.requests:.2f}" if totals.requests > 0
           else "0")
    growth = rss["after"] / rss["warm"] if rss["warm"] > 0 else 0
    note = " (hmac)" if verified.method == "hmac" else ""
    rows = [
        ("requests", f"{totals.requests} (target {opts.soak_requests})"),
        ("load time", f"{totals.duration_us // 1000000} s"),
        ("requests/s", rps),
        ("non-200 answers", totals.non200),
        ("socket errors", f"{totals.socket_errors} (connect {e['connect']}, read {e['read']},"
                          f" write {e['write']}, timeout {e['timeout']})"),
        ("CPU µs/request", cpu),
        ("RSS at start", mib(rss["start"])),
        ("RSS after warm-up", mib(rss["warm"])),
        ("RSS after soak", mib(rss["after"])),
        ("RSS max sampled", mib(rss["max"])),
        ("RSS after / after warm-up", f"{growth:.3f}×"),
        ("verified token samples", f"{verified.ok}/{verified.total}{note}"),
    ]
    out = [
        f"### Soak of our server ({meta})\n\n",
        f"wrk -t{opts.threads} -c{opts.soak_connections} -H '{USER_HEADER}: {IDENTITY}',"
        f" {totals.runs} run(s) after a {opts.soak_warmup}s warm-up ({warm_requests} requests,"
        f" not counted below); RSS sampled every {opts.rss_interval}s.\n\n",
        "| figure | value |\n|---|--:|\n",
        *(f"| {name} | {value} |\n" for name, value in rows),
    ]
    if failures:
        out.append("\nSample failures:\n\n" + failure_lines(failures))
    return "".join(out)


def publish(text, work, out):
    """Prints a report after a blank line, keeps it in the work folder, and writes it to out."""
    with open(os.path.join(work, "report.md"), "w") as f:
        f.write(text)
    print(f"\n{text}", end="", flush=True)
    if out:
        try:
            with open(out, "w") as f:
                f.write(text)
        except OSError as e:
            raise Fatal(f"cannot write the report to {out}: {e.strerror}") from None
        log(f"report written to {out}")
