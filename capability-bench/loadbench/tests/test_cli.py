import os
import unittest

from loadbench import Fatal, cli

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def options(*argv):
    return cli.validate(cli.parse(list(argv)))


class Help(unittest.TestCase):
    def test_help_is_the_bash_drivers_byte_for_byte(self):
        # fixtures/help.txt is `load.sh --help` of the bash driver this package replaced.
        with open(os.path.join(FIXTURES, "help.txt"), encoding="utf-8") as f:
            self.assertEqual(cli.USAGE, f.read())

    def test_help_wins_only_if_reached(self):
        self.assertIsNone(cli.parse(["--duration", "3", "-h"]))
        self.assertIsNone(cli.parse(["--help=yes"]))
        with self.assertRaisesRegex(Fatal, "unknown option: --bogus"):
            cli.parse(["--bogus", "--help"])


class Flags(unittest.TestCase):
    def test_defaults(self):
        o = options()
        self.assertEqual((o.servers, o.levels), (["ours", "floor", "node", "python"], [1, 16, 64]))
        self.assertEqual((o.duration, o.rounds, o.warmup, o.threads, o.samples), (10, 2, 2, 1, 3))
        self.assertEqual((o.build, o.keep, o.soak, o.out), (True, False, False, ""))
        self.assertEqual((o.soak_requests, o.soak_connections, o.soak_warmup), (1000000, 64, 20))
        self.assertEqual((o.soak_max_minutes, o.soak_chunk, o.rss_interval), (30, 120, 5))

    def test_soak_runs_ours_only_and_samples_ten(self):
        o = options("--soak", "--servers", "node,python")
        self.assertEqual((o.servers, o.samples), (["ours"], 10))
        self.assertEqual(options("--soak", "--samples", "2").samples, 2)

    def test_equals_form_and_empty_value(self):
        o = options("--levels=1,4", "--samples=", "--out=a=b")
        self.assertEqual((o.levels, o.samples, o.out), ([1, 4], 3, "a=b"))
        with self.assertRaisesRegex(Fatal, "unknown option: 1 "):
            cli.parse(["--keep=1"])

    def test_value_may_look_like_a_flag(self):
        with self.assertRaisesRegex(Fatal, "--duration must be a positive integer, not '--help'"):
            options("--duration", "--help")
        with self.assertRaisesRegex(Fatal, "--rounds needs a value"):
            cli.parse(["--rounds"])

    def test_peers_dir_follows_tmpdir(self):
        saved = os.environ.get("TMPDIR")
        try:
            os.environ["TMPDIR"] = "/scratch"
            self.assertEqual(options().peers_dir, "/scratch/capability-peers")
            os.environ["TMPDIR"] = ""
            self.assertEqual(options().peers_dir, "/tmp/capability-peers")
        finally:
            if saved is None:
                os.environ.pop("TMPDIR")
            else:
                os.environ["TMPDIR"] = saved

    def test_first_bad_value_is_named(self):
        cases = [
            (["--threads", "0", "--duration", "x"],
             "--duration must be a positive integer, not 'x'"),
            (["--warmup", "-1"], "--warmup must be a whole number of seconds"),
            (["--samples", "two"], "--samples must be a whole number"),
            (["--levels", ""], "--levels is empty"),
            (["--levels", "1,,2"], "--levels: '' is not a positive integer"),
            (["--servers", "ours,bogus"], "--servers: unknown server 'bogus'"),
            (["--servers", "ours,ours"], "--servers: 'ours' given twice"),
        ]
        for argv, message in cases:
            with self.subTest(argv=argv), self.assertRaisesRegex(Fatal, message):
                options(*argv)

    def test_lists_split_as_bash_read_does(self):
        self.assertEqual(cli.split_list("1,16,"), ["1", "16"])
        self.assertEqual(cli.split_list("1,16,,"), ["1", "16", ""])
        self.assertEqual(cli.split_list(""), [])
        self.assertEqual(cli.split_list(","), [""])


if __name__ == "__main__":
    unittest.main()
