import unittest

from loadbench import cli, report, stats
from loadbench.tokens import Verified

META = "2026-12-06T22:28Z, commit 2aece78, 2 cores, wrk debian/4.1.0-3+b2, kernel 6.18"


def options(*argv):
    return cli.validate(cli.parse(list(argv)))


def run(server, conns, round_, requests, ticks, p50, p99, **errors):
    figures = {"requests": requests, "duration_us": 2_000_000, "p50_us": p50, "p99_us": p99,
               **errors}
    return stats.Measurement(server, conns, round_, ticks, figures)


class Benchmark(unittest.TestCase):
    def test_table(self):
        opts = options("--servers", "ours,floor,node", "--levels", "1,16", "--duration", "2")
        measurements = [
            run("ours", 1, 1, 40_000, 50, 22, 640),
            run("floor", 1, 1, 44_000, 48, 21, 410),
            run("node", 1, 1, 2_900, 200, 626, 3810),
            run("ours", 16, 1, 180_000, 200, 143, 3330),
            run("floor", 16, 1, 200_000, 190, 121, 3100),
            run("node", 16, 1, 3_300, 230, 8910, 17860, read=3, status=2),
            run("ours", 1, 2, 42_000, 52, 23, 700),
            run("floor", 1, 2, 43_000, 47, 20, 400),
            run("node", 1, 2, 2_700, 190, 640, 3900),
            run("ours", 16, 2, 170_000, 190, 150, 3000),
            run("floor", 16, 2, 210_000, 200, 120, 2900),
            run("node", 16, 2, 3_400, 240, 8800, 17000, timeout=1),
        ]
        verified = {"ours": Verified(3, 3, 533, "cli"), "floor": Verified(3, 3, 533, "cli"),
                    "node": Verified(2, 3, 555, "cli")}
        failures = ["node #2: HTTP 500"]
        text = report.benchmark(META, opts, "2", 100, stats.summarize(measurements), verified,
                                failures)
        self.assertEqual(text, f"""\
### Token servers under wrk ({META})

wrk -t1 -cN -d2s, keep-alive, 2 round(s) alternating servers; python = gunicorn -w 2 (sync \
workers). p50/p99 are of the best round; errors are all rounds' socket errors and status >= 400; \
CPU is the server's process tree (utime+stime+cutime+cstime) over all rounds' requests. ours and \
floor get the header `X-Auth-Request-User: alice`, as behind an authenticating proxy; node and \
python get ?identity=alice, as in their quickstarts.

| server | conns | req/s (best) | req/s (each round) | p50 | p99 | errors | CPU µs/req | verified \
| ours/this req/s | ours/this CPU/req |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
| ours | 1 | 21,000 | 20,000 / 21,000 | 23 µs | 700 µs | 0 | 12.4 | 3/3 | 1.00× | 1.00× |
| floor | 1 | 22,000 | 22,000 / 21,500 | 21 µs | 410 µs | 0 | 10.9 | n/a (3/3 200 JSON) \
| 0.95× | 1.14× |
| node | 1 | 1,450 | 1,450 / 1,350 | 626 µs | 3.81 ms | 0 | 696.4 | 2/3 | 14.48× | 0.02× |
| ours | 16 | 90,000 | 90,000 / 85,000 | 143 µs | 3.33 ms | 0 | 11.1 | 3/3 | 1.00× | 1.00× |
| floor | 16 | 105,000 | 100,000 / 105,000 | 120 µs | 2.90 ms | 0 | 9.5 | n/a (3/3 200 JSON) \
| 0.86× | 1.17× |
| node | 16 | 1,700 | 1,650 / 1,700 | 8.80 ms | 17.00 ms | 6 (read 3, timeout 1, status 2) \
| 701.5 | 2/3 | 52.94× | 0.02× |

Response body sizes: ours 533 B, floor 533 B, node 555 B.

Sample failures:

- node #2: HTTP 500
""")

    def test_hmac_and_no_ours(self):
        opts = options("--servers", "floor,python", "--levels", "64")
        measurements = [run("floor", 64, 1, 100, 10, 500, 1500),
                        run("python", 64, 1, 100, 10, 18_380, 28_770)]
        verified = {"floor": Verified(1, 1, 533, "hmac"), "python": Verified(1, 1, 556, "hmac")}
        text = report.benchmark(META, opts, "4", 100, stats.summarize(measurements), verified, [])
        rows = text.split("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")[1]
        self.assertEqual(rows, """\
| floor | 64 | 50 | 50 | 500 µs | 1.50 ms | 0 | 1000.0 | n/a (1/1 200 JSON) | n/a | n/a |
| python | 64 | 50 | 50 | 18.38 ms | 28.77 ms | 0 | 1000.0 | 1/1 (hmac) | n/a | n/a |

Response body sizes: floor 533 B, python 556 B.
""")
        self.assertIn("gunicorn -w 4 (sync workers)", text)


class Soak(unittest.TestCase):
    def test_table(self):
        opts = options("--soak", "--soak-requests", "20000", "--soak-connections", "4",
                       "--soak-warmup", "1", "--rss-interval", "1")
        totals = stats.Totals()
        totals.add({"requests": 157_802, "duration_us": 5_024_500, "non200": 0}, 228)
        rss = {"start": 3686, "warm": 3891, "after": 3957, "max": 3957}
        text = report.soak(META, opts, 100, 35_165, totals, rss, Verified(10, 10, 533, "cli"), [])
        self.assertEqual(text, f"""\
### Soak of our server ({META})

wrk -t1 -c4 -H 'X-Auth-Request-User: alice', 1 run(s) after a 1s warm-up (35165 requests, not \
counted below); RSS sampled every 1s.

| figure | value |
|---|--:|
| requests | 157802 (target 20000) |
| load time | 5 s |
| requests/s | 31406 |
| non-200 answers | 0 |
| socket errors | 0 (connect 0, read 0, write 0, timeout 0) |
| CPU µs/request | 14.45 |
| RSS at start | 3.6 MiB |
| RSS after warm-up | 3.8 MiB |
| RSS after soak | 3.9 MiB |
| RSS max sampled | 3.9 MiB |
| RSS after / after warm-up | 1.017× |
| verified token samples | 10/10 |
""")

    def test_errors_hmac_and_failures(self):
        opts = options("--soak")
        totals = stats.Totals()
        totals.add({"requests": 0, "duration_us": 0, "connect": 2, "timeout": 1, "non200": 4}, 0)
        rss = {"start": 0, "warm": 0, "after": 0, "max": 0}
        text = report.soak(META, opts, 100, 0, totals, rss, Verified(9, 10, 533, "hmac"),
                           ["ours #3: bad signature"])
        self.assertIn("| requests/s | 0 |\n| non-200 answers | 4 |\n", text)
        self.assertIn("| socket errors | 3 (connect 2, read 0, write 0, timeout 1) |\n", text)
        self.assertIn("| CPU µs/request | 0 |\n", text)
        self.assertIn("| RSS after / after warm-up | 0.000× |\n", text)
        self.assertTrue(text.endswith("| verified token samples | 9/10 (hmac) |\n\n"
                                      "Sample failures:\n\n- ours #3: bad signature\n"))


if __name__ == "__main__":
    unittest.main()
