import base64
import json
import os
import stat
import tempfile
import unittest

from loadbench import tokens

VECTORS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "vectors",
                       "access-tokens.json")


def load_vector():
    """The repository's reference access token for alice with a voice grant, its secret and
    the time it was minted at."""
    with open(VECTORS, encoding="utf-8") as f:
        vectors = json.load(f)
    case = next(c for c in vectors["cases"] if c["name"] == "voice_incoming_only")
    return case["token"], vectors["api_secret"], vectors["now"]


def answer(token, identity="alice"):
    return json.dumps({"identity": identity, "token": token}).encode()


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class CheckAnswer(unittest.TestCase):
    def setUp(self):
        self.token, self.secret, self.now = load_vector()

    def check(self, body, identity="alice"):
        return tokens.check_answer(body, identity, self.secret, self.now)

    def test_valid_token_passes(self):
        self.assertEqual(self.check(answer(self.token)), self.token)

    def test_tampered_token_fails(self):
        head, payload, sig = self.token.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["exp"] += 86400  # a day longer, signature unchanged
        forged = ".".join([head, b64(json.dumps(claims).encode()), sig])
        with self.assertRaisesRegex(tokens.TokenError, "bad signature"):
            self.check(answer(forged))
        # Without the secret only the shape is checked: the CLI checks the signature then.
        self.assertEqual(tokens.check_answer(answer(forged), "alice"), forged)

    def test_wrong_secret_fails(self):
        with self.assertRaisesRegex(tokens.TokenError, "bad signature"):
            tokens.check_answer(answer(self.token), "alice", "another-secret", self.now)

    def test_wrong_identity_fails(self):
        with self.assertRaisesRegex(tokens.TokenError, "^identity 'alice', expected 'bob'$"):
            self.check(answer(self.token), identity="bob")
        with self.assertRaisesRegex(tokens.TokenError, "^grants.identity 'alice', expected 'bob'$"):
            self.check(answer(self.token, identity="bob"), identity="bob")

    def test_non_json_body_fails(self):
        for body in (b"<html>502 Bad Gateway</html>", b"", b"[1, 2]"):
            with self.subTest(body=body), self.assertRaisesRegex(tokens.TokenError, "body is not"):
                self.check(body)

    def test_expired_fails(self):
        exp = self.now + 3600
        with self.assertRaisesRegex(tokens.TokenError, "expired"):
            tokens.check_answer(answer(self.token), "alice", self.secret, exp)

    def test_not_a_jwt_fails(self):
        with self.assertRaisesRegex(tokens.TokenError, "no JWT"):
            self.check(answer("not-a-token"))
        with self.assertRaisesRegex(tokens.TokenError, "does not decode"):
            self.check(answer("a.b.c"))


class Cli(unittest.TestCase):
    """verify_with_cli against stand-ins for `capability`, which get the token on stdin."""

    def fake_cli(self, script):
        fd, path = tempfile.mkstemp()
        with os.fdopen(fd, "w") as f:
            f.write("#!/bin/sh\n" + script)
        os.chmod(path, stat.S_IRWXU)
        self.addCleanup(os.remove, path)
        return path

    def test_accepted(self):
        cli = self.fake_cli('[ "$*" = "inspect --verify -" ] && [ "$(cat)" = tok ]\n')
        self.assertIsNone(tokens.verify_with_cli(cli, "tok"))

    def test_refusal_on_one_line(self):
        cli = self.fake_cli('echo "error: signature"; echo "does not match" >&2; exit 1\n')
        self.assertEqual(tokens.verify_with_cli(cli, "tok"), "error: signature does not match")


if __name__ == "__main__":
    unittest.main()
