"""Figures from wrk's output, and what the report makes of them: best of the rounds, errors
and CPU over all rounds, ratios."""
import re
from dataclasses import dataclass, field

# wrk's error counters, in the order the report names them. status: answers above 399.
ERROR_KINDS = ("connect", "read", "write", "timeout", "status")
SOCKET_ERRORS = ERROR_KINDS[:4]


def parse_wrk(text):
    """The figures of the `WRK key=value ...` line our Lua done() prints (latencies in µs), as
    ints; None when wrk printed no such line."""
    for line in text.splitlines():
        if line.startswith("WRK "):
            return {k: int(v) for k, v in re.findall(r"(?:^| )(\w+)=(-?[0-9]+)", line)}
    return None


def cpu_us_per_request(ticks, clk_tck, requests):
    """CPU µs per request from the clock ticks a process tree used over `requests`."""
    return ticks * 1e6 / clk_tck / requests if requests else 0.0


@dataclass
class Measurement:
    """One wrk run against one server, with the CPU ticks its process tree used meanwhile."""
    server: str
    conns: int
    round: int
    ticks: int
    wrk: dict

    @property
    def rps(self):
        dur = self.wrk.get("duration_us", 0)
        return self.wrk.get("requests", 0) / (dur / 1e6) if dur else 0.0


@dataclass
class Totals:
    """Several wrk runs added up."""
    runs: int = 0
    requests: int = 0
    duration_us: int = 0
    ticks: int = 0
    non200: int = 0
    errors: dict = field(default_factory=lambda: dict.fromkeys(ERROR_KINDS, 0))

    def add(self, wrk, ticks):
        self.runs += 1
        self.requests += wrk.get("requests", 0)
        self.duration_us += wrk.get("duration_us", 0)
        self.ticks += ticks
        self.non200 += wrk.get("non200", 0)
        for kind in ERROR_KINDS:
            self.errors[kind] += wrk.get(kind, 0)

    @property
    def socket_errors(self):
        return sum(self.errors[kind] for kind in SOCKET_ERRORS)


@dataclass
class Summary:
    """The rounds of one server at one level."""
    best: Measurement  # the round with the most requests/s; p50 and p99 are its
    each: list  # requests/s of each round, in round order
    totals: Totals

    def cpu(self, clk_tck):
        return cpu_us_per_request(self.totals.ticks, clk_tck, self.totals.requests)


def summarize(measurements):
    """{(server, conns): Summary} of a benchmark's measurements."""
    groups = {}
    for m in measurements:
        groups.setdefault((m.server, m.conns), []).append(m)
    summaries = {}
    for key, ms in groups.items():
        totals = Totals()
        for m in ms:
            totals.add(m.wrk, m.ticks)
        summaries[key] = Summary(
            best=max(ms, key=lambda m: m.rps),
            each=[m.rps for m in sorted(ms, key=lambda m: m.round)],
            totals=totals,
        )
    return summaries


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "n/a"


def latency(us):
    return f"{us} µs" if us < 1000 else f"{us / 1000:.2f} ms"
