"""The token samples: answers fetched from a server with curl and checked.

An answer is {"identity": NAME, "token": JWT}, the JWT an access token whose grants name NAME
and hold a voice grant. Its signature is checked by `capability inspect --verify` (key from
TWILIO_API_SECRET), or, when the CLI is not built (--no-build), by an HMAC-SHA256 check here.
"""
import base64
import hashlib
import hmac
import json
import os
import subprocess
import time
from dataclasses import dataclass

from . import head, log, servers
from .config import IDENTITY


class TokenError(Exception):
    pass


def b64(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def check_answer(body, identity, secret=None, now=None):
    """The token of one answer (bytes), after checking it; raises TokenError. With a secret,
    also the HS256 signature and the token's time (exp in the future, nbf not past now + 60 s)."""
    try:
        answer = json.loads(body)
    except ValueError as e:
        raise TokenError(f"body is not JSON: {e}") from None
    if not isinstance(answer, dict):
        raise TokenError("body is not a JSON object")
    if answer.get("identity") != identity:
        raise TokenError(f"identity {answer.get('identity')!r}, expected {identity!r}")
    token = answer.get("token")
    if not isinstance(token, str) or token.count(".") != 2:
        raise TokenError("no JWT in 'token'")
    head_b64, payload_b64, sig_b64 = token.split(".")
    try:
        header, payload = json.loads(b64(head_b64)), json.loads(b64(payload_b64))
    except ValueError as e:
        raise TokenError(f"token does not decode: {e}") from None
    if not (isinstance(header, dict) and isinstance(payload, dict)):
        raise TokenError("token does not decode: header or payload is not a JSON object")
    grants = payload.get("grants")
    grants = grants if isinstance(grants, dict) else {}
    if grants.get("identity") != identity:
        raise TokenError(f"grants.identity {grants.get('identity')!r}, expected {identity!r}")
    if not isinstance(grants.get("voice"), dict):
        raise TokenError("no grants.voice")
    if secret is not None:
        check_signature(header, payload, token, secret, time.time() if now is None else now)
    return token


def check_signature(header, payload, token, secret, now):
    if header.get("alg") != "HS256":
        raise TokenError(f"alg {header.get('alg')!r}")
    signed, _, sig_b64 = token.rpartition(".")
    want = hmac.new(secret.encode(), signed.encode(), hashlib.sha256).digest()
    try:
        got = b64(sig_b64)
    except ValueError:
        got = b""
    if not hmac.compare_digest(want, got):
        raise TokenError("bad signature")
    exp, nbf = payload.get("exp", 0), payload.get("nbf", 0)
    if not (isinstance(exp, (int, float)) and exp > now):
        raise TokenError("expired")
    if not isinstance(nbf, (int, float)) or nbf > now + 60:
        raise TokenError("not yet valid")


def verify_with_cli(cli_bin, token):
    """None if `capability inspect --verify` accepts the token, else what it said, on one line."""
    done = subprocess.run([cli_bin, "inspect", "--verify", "-"], input=token + "\n",
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode == 0:
        return None
    return head(done.stdout.rstrip("\n").replace("\n", " "), 300)


def is_json(body):
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


@dataclass
class Verified:
    ok: int
    total: int
    bytes: int  # the size of the last answer's body
    method: str  # cli or hmac


def read_body(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return b""  # curl writes no file for an empty body


def fetch(ctx, server, body_path):
    """One answer into body_path; its HTTP status, or "curl: ERROR" when curl failed."""
    if os.path.exists(body_path):
        os.remove(body_path)  # so that a failed fetch leaves no earlier answer to check
    done = subprocess.run(["curl", "-sS", "--max-time", "5", "-o", body_path,
                           "-w", "%{http_code}", *servers.auth(server), servers.url(ctx, server)],
                          capture_output=True, text=True, errors="replace")
    return done.stdout if done.returncode == 0 else "curl: " + head(done.stderr, 200).rstrip("\n")


def problem(ctx, server, body):
    """What is wrong with a 200 answer, or None."""
    if server == "floor":
        return None if is_json(body) else "body is not JSON"
    try:
        secret = os.environ["TWILIO_API_SECRET"] if ctx.verifier == "hmac" else None
        token = check_answer(body, IDENTITY, secret)
    except TokenError as e:
        return head(str(e), 300)
    if ctx.verifier == "cli":
        said = verify_with_cli(ctx.cli_bin, token)
        if said is not None:
            return f"capability inspect --verify: {said}"
    return None


def sample(ctx, server):
    """Fetches --samples answers from a server and checks them: (Verified, failure lines). The
    floor's answers hold no token: they are only checked to be JSON."""
    body_path = os.path.join(ctx.work, "body.json")
    count, ok, failures = ctx.opts.samples, 0, []
    for i in range(1, count + 1):
        status = fetch(ctx, server, body_path)
        if status != "200":
            failures.append(f"{server} #{i}: HTTP {status}")
            continue
        wrong = problem(ctx, server, read_body(body_path))
        if wrong is None:
            ok += 1
        else:
            failures.append(f"{server} #{i}: {wrong}")
    size = len(read_body(body_path))
    if server == "floor":
        log(f"floor: {ok}/{count} answers were 200 with a JSON body of {size} bytes")
    else:
        log(f"{server}: {ok}/{count} samples verified ({ctx.verifier}), body {size} bytes")
    return Verified(ok, count, size, ctx.verifier), failures
