"""The benchmark: every server at every level, the rounds alternating the servers."""
from . import Fatal, log, procfs, report, servers, stats, tokens, wrk
from .config import FLOOR_PATH


def measure(ctx, server, round_, conns, pid):
    """One wrk run, with the CPU its server's process tree used meanwhile."""
    t0 = procfs.tree_ticks(pid)
    figures = wrk.run(ctx, server, conns, ctx.opts.duration, ctx.bench_lua,
                      f"wrk-{server}-c{conns}-r{round_}.txt")
    ticks = procfs.tree_ticks(pid) - t0
    req, dur = figures.get("requests", 0), figures.get("duration_us", 0)
    # Whole numbers, as the bash driver's arithmetic printed them.
    rps = req * 1000000 // (dur if dur > 0 else 1)
    cpu = ticks * 1000000 // ctx.clk_tck // (req if req > 0 else 1)
    log(f"round {round_}  c={conns:<3} {server:<6} {rps:>8} req/s"
        f"  p99 {figures.get('p99_us', 0)} µs  cpu {cpu} µs/req")
    return stats.Measurement(server, conns, round_, ticks, figures)


def run(ctx):
    """Runs the benchmark and prints its report; the exit code (1 if a token sample failed)."""
    opts = ctx.opts
    wanted = {servers.process_of(s) for s in opts.servers}
    pids = {p: servers.start(ctx, p).pid for p in ("ours", "node", "python") if p in wanted}
    if "floor" in opts.servers and not servers.curl_ok("floor", servers.url(ctx, "floor")):
        raise Fatal(f"our server does not serve the floor route {FLOOR_PATH}"
                    " (see FLOOR_PATH in capability-bench/loadbench/config.py)")
    if opts.warmup > 0:
        top = max(opts.levels)
        for server in opts.servers:
            log(f"warm-up: {server}, {opts.warmup}s at c={top}")
            wrk.run(ctx, server, top, opts.warmup, ctx.bench_lua, f"warmup-{server}.txt")
    measurements = [measure(ctx, server, r, conns, pids[servers.process_of(server)])
                    for r in range(1, opts.rounds + 1)
                    for conns in opts.levels
                    for server in opts.servers]
    verified, failures = {}, []
    for server in opts.servers:
        verified[server], failed = tokens.sample(ctx, server)
        failures += failed
    text = report.benchmark(report.meta_line(ctx.root), opts, servers.py_workers(),
                            ctx.clk_tck, stats.summarize(measurements), verified, failures)
    report.publish(text, ctx.work, opts.out)
    if failures:
        log("some token samples failed (see the table)")
        return 1
    return 0

