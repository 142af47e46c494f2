import unittest

from loadbench.soak import chunk_seconds


class ChunkSeconds(unittest.TestCase):
    def test_from_the_last_rate_plus_a_tenth(self):
        # 1,000,000 requests left at 10,000/s: 100 s, plus 10 %, plus the second rounded away.
        self.assertEqual(chunk_seconds(1_000_000, 10_000, 1_000_000, 120, 1800), 111)

    def test_at_least_five_seconds(self):
        # The tiny soak: 20,000 requests after a warm-up of 35,165 in a second.
        self.assertEqual(chunk_seconds(20_000, 35_165, 1_000_000, 120, 1800), 5)

    def test_at_most_a_chunk_and_what_the_cap_leaves(self):
        self.assertEqual(chunk_seconds(10**7, 10_000, 1_000_000, 120, 1800), 120)
        self.assertEqual(chunk_seconds(10**7, 10_000, 1_000_000, 120, 42), 42)
        self.assertEqual(chunk_seconds(10**7, 10_000, 1_000_000, 120, 0), 0)

    def test_no_rate_yet(self):
        # No warm-up: the longest chunk.
        self.assertEqual(chunk_seconds(1_000_000, 0, 1, 120, 1800), 120)


if __name__ == "__main__":
    unittest.main()
