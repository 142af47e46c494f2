"""Running wrk, with the Lua scripts that make it print its figures on one line."""
import os
import subprocess

from . import Fatal, call, servers, tail
from .stats import parse_wrk

# The done() both scripts share: one line of key=value figures, latencies in µs.
DONE = '''
done = function(summary, latency, requests)
  local e = summary.errors
  local non200 = -1
  if count_status then
    non200 = 0
    for _, t in ipairs(threads) do non200 = non200 + (t:get("non200") or 0) end
  end
  io.write(string.format(
    "WRK requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d" ..
    " p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%d non200=%d\\n",
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, math.floor(latency.mean), non200))
end'''

# The benchmark: no per-response Lua, so wrk stays as fast as it can be. Its status errors
# are the answers with a status above 399 ("Non-2xx or 3xx responses").
BENCH_LUA = f"count_status = false\nthreads = {{}}\n{DONE}\n"

# The soak: counts every answer that is not a 200, per thread, summed in done().
SOAK_LUA = f"""count_status = true
threads = {{}}
non200 = 0
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
{DONE}
"""


def write_scripts(work):
    """(bench.lua, soak.lua) written into the work folder."""
    paths = os.path.join(work, "bench.lua"), os.path.join(work, "soak.lua")
    for path, text in zip(paths, (BENCH_LUA, SOAK_LUA)):
        with open(path, "w") as f:
            f.write(text)
    return paths


def run(ctx, server, conns, secs, script, out_name):
    """One wrk run against a server, its output kept in the work folder as out_name; its
    figures (stats.parse_wrk)."""
    address, out_path = servers.url(ctx, server), os.path.join(ctx.work, out_name)
    command = ["timeout", "--signal=INT", str(secs + 30),
               "wrk", f"-t{min(ctx.opts.threads, conns)}", f"-c{conns}", f"-d{secs}s",
               "--latency", *servers.auth(server), "-s", script, address]
    with open(out_path, "wb") as out:
        failed = call(command, stdout=out, stderr=subprocess.STDOUT)
    if failed:
        raise Fatal(f"wrk failed against {address}:\n{tail(out_path)}")
    figures = parse_wrk(open(out_path, encoding="utf-8", errors="replace").read())
    if figures is None:
        raise Fatal(f"wrk printed no figures:\n{tail(out_path)}")
    return figures
