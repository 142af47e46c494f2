import os
import re
import unittest

from loadbench import stats

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
UNIT_US = {"us": 1, "ms": 1e3, "s": 1e6, "m": 60e6, "h": 3600e6}


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return f.read()


def wrk_summary(text):
    """What wrk itself prints, read independently of our Lua line: percentiles in µs (from
    values like 22.00us, 15.60ms, 1.27s), requests, socket errors, Non-2xx answers."""
    pct = {int(p): float(v) * UNIT_US[u]
           for p, v, u in re.findall(r"^\s+(\d+)%\s+([0-9.]+)(us|ms|s|m|h)\s*$", text, re.M)}
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "pct": pct,
        "requests": int(re.search(r"^\s+(\d+) requests in", text, re.M).group(1)),
        "socket": tuple(int(n) for n in sock.groups()) if sock else (0, 0, 0, 0),
        "status": int(non2xx.group(1)) if non2xx else 0,
    }


class ParseWrk(unittest.TestCase):
    """Real wrk outputs: ours at c=1 (µs and ms), and a misbehaving server at c=8 with 404s,
    answers over a second, dropped connections and timeouts (the soak's script)."""

    def check_against_wrks_own_summary(self, name):
        text = fixture(name)
        figures, summary = stats.parse_wrk(text), wrk_summary(text)
        self.assertEqual(figures["requests"], summary["requests"])
        self.assertEqual(tuple(figures[k] for k in stats.SOCKET_ERRORS), summary["socket"])
        self.assertEqual(figures["status"], summary["status"])
        for p in (50, 90, 99):
            printed = summary["pct"][p]
            # wrk prints 2 decimals of its unit: 15.60ms is 15595..15605 µs.
            slack = 0.005 * (1e6 if printed >= 1e6 else 1e3 if printed >= 1e3 else 1) + 1
            self.assertAlmostEqual(figures[f"p{p}_us"], printed, delta=slack, msg=f"p{p}")
        return figures

    def test_ours(self):
        figures = self.check_against_wrks_own_summary("wrk-ours.txt")
        self.assertEqual((figures["p50_us"], figures["p99_us"]), (22, 15604))
        self.assertEqual((figures["duration_us"], figures["non200"]), (2018503, -1))

    def test_errors_and_seconds(self):
        figures = self.check_against_wrks_own_summary("wrk-errors.txt")
        self.assertEqual(wrk_summary(fixture("wrk-errors.txt"))["pct"][99], 1.27e6)
        self.assertEqual((figures["read"], figures["timeout"], figures["status"]), (11, 3, 347))
        self.assertEqual(figures["non200"], 347)

    def test_no_figures(self):
        self.assertIsNone(stats.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n"))

    def test_negative_and_unknown_keys(self):
        self.assertEqual(stats.parse_wrk("x\nWRK requests=3 non200=-1 extra=7\n"),
                         {"requests": 3, "non200": -1, "extra": 7})


def run(server, round_, requests, duration_us, ticks=0, conns=1, **extra):
    figures = {"requests": requests, "duration_us": duration_us, "p50_us": 0, "p99_us": 0, **extra}
    return stats.Measurement(server, conns, round_, ticks, figures)


class Summaries(unittest.TestCase):
    def test_best_round_gives_rate_and_latencies(self):
        a = run("ours", 1, 1000, 1_000_000, p50_us=10, p99_us=900)
        b = run("ours", 2, 3000, 2_000_000, p50_us=30, p99_us=4000)  # 1500 req/s: the best
        c = run("ours", 3, 1200, 1_000_000, p50_us=20, p99_us=700)
        st = stats.summarize([c, a, b])[("ours", 1)]
        self.assertIs(st.best, b)
        self.assertEqual((st.best.wrk["p50_us"], st.best.wrk["p99_us"]), (30, 4000))
        self.assertEqual(st.each, [1000.0, 1500.0, 1200.0])  # in round order

    def test_errors_and_cpu_over_all_rounds(self):
        ms = [run("node", 1, 400, 1_000_000, ticks=30, read=2, status=5),
              run("node", 2, 600, 1_000_000, ticks=20, read=1, timeout=4)]
        st = stats.summarize(ms)[("node", 1)]
        self.assertEqual(st.totals.errors, {"connect": 0, "read": 3, "write": 0, "timeout": 4,
                                            "status": 5})
        self.assertEqual(st.totals.socket_errors, 7)
        # 50 ticks of 1/100 s over 1000 requests: 500 µs each.
        self.assertEqual(st.cpu(100), 500.0)

    def test_servers_and_levels_apart(self):
        ms = [run("ours", 1, 10, 1_000_000), run("ours", 1, 10, 1_000_000, conns=16),
              run("floor", 1, 10, 1_000_000)]
        self.assertEqual(set(stats.summarize(ms)), {("ours", 1), ("ours", 16), ("floor", 1)})

    def test_zero_duration_and_requests(self):
        self.assertEqual(run("ours", 1, 5, 0).rps, 0.0)
        self.assertEqual(stats.cpu_us_per_request(7, 100, 0), 0.0)

    def test_ratio(self):
        self.assertEqual(stats.ratio(48_800.0, 1_000.0), "48.80×")
        self.assertEqual(stats.ratio(2.0, 3.0), "0.67×")
        self.assertEqual(stats.ratio(0, 5.0), "n/a")
        self.assertEqual(stats.ratio(5.0, 0), "n/a")

    def test_latency(self):
        self.assertEqual(stats.latency(999), "999 µs")
        self.assertEqual(stats.latency(1000), "1.00 ms")
        self.assertEqual(stats.latency(1270034), "1270.03 ms")


if __name__ == "__main__":
    unittest.main()
