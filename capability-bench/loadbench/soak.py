"""The soak: --soak-requests requests to our server in bounded wrk runs, its RSS sampled."""
import os
import threading
import time

from . import Fatal, log, procfs, report, servers, stats, tokens, wrk


class RssSampler(threading.Thread):
    """Reads a process's VmRSS every `interval` seconds, at most `limit` times, until stopped
    or the process is gone; keeps (seconds since `start`, kB)."""

    def __init__(self, pid, interval, limit, start):
        super().__init__(daemon=True)
        self.pid, self.interval, self.limit, self.start_time = pid, interval, limit, start
        self.samples = []
        self.stopped = threading.Event()

    def run(self):
        while len(self.samples) < self.limit and not self.stopped.is_set():
            kb = procfs.rss_kb(self.pid)
            if kb is None:
                break
            self.samples.append((int(time.monotonic() - self.start_time), kb))
            self.stopped.wait(self.interval)

    def stop(self):
        self.stopped.set()
        self.join()


def rss_now(pid):
    kb = procfs.rss_kb(pid)
    if kb is None:
        raise Fatal(f"our server (pid {pid}) has no VmRSS: has it exited?")
    return kb


def chunk_seconds(remaining, rate_requests, rate_us, longest, left):
    """How long the next wrk run should be: the remaining requests at the last run's rate plus
    10 %, at least 5 s, at most --soak-chunk and what is left of the cap. < 1: stop."""
    if rate_requests > 0:
        secs = remaining * rate_us * 11 // 10 // rate_requests // 1000000 + 1
    else:
        secs = longest
    return min(max(secs, 5), longest, left)


def run(ctx):
    """Runs the soak and prints its report; the exit code (1 on any error, failed sample or
    shortfall)."""
    opts = ctx.opts
    pid = servers.start(ctx, "ours").pid
    start = time.monotonic()

    def elapsed():  # whole seconds, as bash's SECONDS
        return int(time.monotonic() - start)

    cap_s = opts.soak_max_minutes * 60
    rss = {"start": rss_now(pid)}
    log(f"soak: warm-up {opts.soak_warmup}s at c={opts.soak_connections}")
    warm = {"requests": 0, "duration_us": 1}
    if opts.soak_warmup > 0:
        warm = wrk.run(ctx, "ours", opts.soak_connections, opts.soak_warmup, ctx.soak_lua,
                       "soak-warmup.txt")
    rss["warm"] = rss_now(pid)
    log(f"soak: RSS after warm-up {report.mib(rss['warm'])}")

    sampler = RssSampler(pid, opts.rss_interval, cap_s // opts.rss_interval + 10, start)
    sampler.start()
    totals = stats.Totals()
    # Bounded chunks until the requests are done, each sized from the last rate.
    rate = warm
    deadline, max_chunks = elapsed() + cap_s, cap_s // 5 + 2
    try:
        while (totals.requests < opts.soak_requests and elapsed() < deadline
               and totals.runs < max_chunks):
            secs = chunk_seconds(opts.soak_requests - totals.requests, rate.get("requests", 0),
                                 rate.get("duration_us", 0), opts.soak_chunk,
                                 deadline - elapsed())
            if secs < 1:
                break
            t0 = procfs.tree_ticks(pid)
            rate = wrk.run(ctx, "ours", opts.soak_connections, secs, ctx.soak_lua,
                           f"soak-{totals.runs + 1}.txt")
            totals.add(rate, procfs.tree_ticks(pid) - t0)
            log(f"soak: chunk {totals.runs}, {secs}s: {rate.get('requests', 0)} requests,"
                f" {totals.requests}/{opts.soak_requests}, RSS {report.mib(rss_now(pid))}")
        rss["after"] = rss_now(pid)
    finally:
        sampler.stop()
    with open(os.path.join(ctx.work, "rss.txt"), "w") as f:
        f.writelines(f"{secs} {kb}\n" for secs, kb in sampler.samples)
    rss["max"] = max([kb for _, kb in sampler.samples] + [rss["after"]])

    verified, failures = tokens.sample(ctx, "ours")
    text = report.soak(report.meta_line(ctx.root), opts, ctx.clk_tck, warm.get("requests", 0),
                       totals, rss, verified, failures)
    report.publish(text, ctx.work, opts.out)
    bad = 0
    if totals.requests < opts.soak_requests:
        log(f"soak: only {totals.requests} of {opts.soak_requests} requests within the cap")
        bad = 1
    if totals.non200 or totals.errors["status"] or totals.socket_errors:
        log("soak: errors")
        bad = 1
    if verified.ok != verified.total:
        log("soak: token samples failed")
        bad = 1
    return bad
