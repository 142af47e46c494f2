import os
import unittest

from loadbench import procfs, stats

# Two snapshots of a /proc: gunicorn's master 4000 under init, its workers 4001 and 4002, and
# 4003 (a child of 4002, named with spaces and parentheses); 5000 is wrk, not in the tree.
# By the second, 4003 has exited and 4002 has reaped it.
BEFORE = os.path.join(os.path.dirname(__file__), "fixtures", "proc", "before")
AFTER = os.path.join(os.path.dirname(__file__), "fixtures", "proc", "after")
CLK_TCK = 100


class Stat(unittest.TestCase):
    def test_command_name_with_spaces_and_parentheses(self):
        with open(os.path.join(BEFORE, "4003", "stat")) as f:
            self.assertEqual(procfs.parse_stat(f.read()), (4003, 4002, 5 + 2 + 0 + 0))

    def test_reaped_children_count_through_cutime_cstime(self):
        with open(os.path.join(AFTER, "4002", "stat")) as f:
            self.assertEqual(procfs.parse_stat(f.read()), (4002, 4000, 1300 + 280 + 9 + 3))


class Tree(unittest.TestCase):
    def test_children_of_children(self):
        kids, _ = procfs.scan(BEFORE)
        self.assertEqual(sorted(procfs.tree(4000, kids)), [4000, 4001, 4002, 4003])
        self.assertEqual(procfs.tree(4000, kids)[0], 4000)
        self.assertEqual(procfs.tree(4003, kids), [4003])

    def test_a_loop_of_ppids_ends(self):
        self.assertLessEqual(len(procfs.tree(1, {1: [2], 2: [1]})), procfs.MAX_TREE + 2)

    def test_tree_ticks(self):
        self.assertEqual(procfs.tree_ticks(4000, BEFORE), 150 + 850 + 790 + 7)
        self.assertEqual(procfs.tree_ticks(4000, AFTER), 156 + 1700 + 1592)

    def test_cpu_per_request_from_two_samples(self):
        used = procfs.tree_ticks(4000, AFTER) - procfs.tree_ticks(4000, BEFORE)
        self.assertEqual(used, 1651)
        # 16.51 s of CPU over 25,000 requests.
        self.assertAlmostEqual(stats.cpu_us_per_request(used, CLK_TCK, 25_000), 660.4)


class Rss(unittest.TestCase):
    def test_vmrss(self):
        self.assertEqual(procfs.rss_kb(4000, BEFORE), 24312)

    def test_none_without_vmrss_or_process(self):
        self.assertIsNone(procfs.rss_kb(2, BEFORE))  # a kernel thread
        self.assertIsNone(procfs.rss_kb(4001, BEFORE))  # no status file: gone
        self.assertIsNone(procfs.parse_rss("Name:\tx\nVmSize:\t 10 kB\n"))


if __name__ == "__main__":
    unittest.main()
