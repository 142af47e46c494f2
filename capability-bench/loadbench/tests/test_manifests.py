import os
import unittest

from loadbench import manifests

REQUIREMENTS = os.path.join(os.path.dirname(__file__), "..", "..", "peers", "python",
                            "requirements.txt")


class Requirements(unittest.TestCase):
    def test_the_peers_pins(self):
        with open(REQUIREMENTS, encoding="utf-8") as f:
            pinned, problems = manifests.requirement_problems(f.read())
        self.assertEqual(problems, [])
        self.assertGreaterEqual(pinned, 3)

    def test_loose_and_missing_pins(self):
        text = "# pins\n\nFlask==3.1.3\r\ntwilio>=9\n  gunicorn==27.0.1\n   # indented comment\n"
        pinned, problems = manifests.requirement_problems(text)
        self.assertEqual(pinned, 1)
        self.assertEqual(problems, [
            "requirements.txt: not name==version: twilio>=9",
            "requirements.txt: not name==version:   gunicorn==27.0.1",
            "requirements.txt: no twilio",
            "requirements.txt: no gunicorn",
        ])


if __name__ == "__main__":
    unittest.main()
