#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ from the shared reference material.

Run from the repository root: python3 fuzz/scripts/make_seeds.py
Sources (read-only, beside the checkout):
  ../shared/vectors/reference-tokens.json       golden tokens and payloads
  ../shared/reference/official-helpers.md       section 7b: official-library tokens V6-V9
  examples/policies/*.toml                      policy files
The seeds are checked in; rerun this only when those sources change.
"""
import base64
import json
import pathlib
import re
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "fuzz" / "seeds"
SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
APP = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"


def b64decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def write(target: str, name: str, data) -> None:
    if isinstance(data, str):
        data = data.encode()
    (SEEDS / target / name).write_bytes(data)


def official_tokens() -> dict:
    """V6-V9 of official-helpers.md section 7b: the first token line after each heading."""
    text = (SHARED / "reference" / "official-helpers.md").read_text()
    section = text[text.index("### 7b."):text.index("### 7c.")]
    tokens = {}
    for label in ("V6", "V7", "V8", "V9"):
        start = section.index(f"**{label},")
        match = re.search(r"^(eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$",
                          section[start:], re.M)
        tokens[label] = match.group(1)
    return tokens


def main() -> None:
    for target in ("verify_inspect", "scope_claim", "load_toml", "bind_inputs"):
        shutil.rmtree(SEEDS / target, ignore_errors=True)
        (SEEDS / target).mkdir(parents=True)

    vectors = json.loads((SHARED / "vectors" / "reference-tokens.json").read_text())
    tokens = {f"ref_{c['name']}": c["token"] for c in vectors["cases"]}
    tokens.update({f"official_{k}": v for k, v in official_tokens().items()})

    # verify_inspect: each token as is, and as "HEADER\nPAYLOAD" JSON (the target signs it).
    for name, token in tokens.items():
        header, payload, _ = token.split(".")
        write("verify_inspect", f"{name}.token", token)
        write("verify_inspect", f"{name}.json", b64decode(header) + b"\n" + b64decode(payload))
        claim = json.loads(b64decode(payload))["scope"]
        write("scope_claim", f"{name}.claim", claim)
    hs256 = '{"typ":"JWT","alg":"HS256"}'
    forged = {
        "alg_none": ('{"typ":"JWT","alg":"none"}', f'{{"scope":"","iss":"{SID}","exp":1700003600}}'),
        "alg_hs512": ('{"alg":"HS512"}', f'{{"scope":"","iss":"{SID}","exp":1700003600}}'),
        "typ_jwe": ('{"alg":"HS256","typ":"JWE"}', f'{{"iss":"{SID}","exp":1700003600}}'),
        "exp_float": (hs256, f'{{"scope":"","iss":"{SID}","exp":1700003600.0}}'),
        "exp_string": (hs256, f'{{"scope":"","iss":"{SID}","exp":"1700003600"}}'),
        "exp_negative": (hs256, f'{{"scope":"","iss":"{SID}","exp":-1}}'),
        "exp_huge": (hs256, f'{{"scope":"","iss":"{SID}","exp":18446744073709551616}}'),
        "nbf_future": (hs256, f'{{"iss":"{SID}","exp":1700003600,"nbf":1700003000,"iat":1}}'),
        "expired": (hs256, f'{{"scope":"","iss":"{SID}","exp":1700000000}}'),
        "array_payload": (hs256, f'["{SID}",1700003600]'),
        "unknown_scope": (hs256, f'{{"scope":"scope:foo:bar?x=1","iss":"{SID}","exp":1700003600,"x":[1,{{}}]}}'),
    }
    for name, (header, payload) in forged.items():
        write("verify_inspect", f"forged_{name}.json", f"{header}\n{payload}")

    # scope_claim: the encodings the official libraries write (helper notes, 7b).
    extra_claims = {
        "node_stream": "scope:stream:subscribe?path=/2010-04-01/Events&appParams=foobar%3Dhey",
        "node_empty_params": f"scope:client:outgoing?appSid={APP}&appParams=",
        "node_tilde": f"scope:client:outgoing?appSid={APP}&appParams=tilde%3D~!*'()%26n%3D3",
        "python_list": f"scope:client:outgoing?appSid={APP}&appParams=tags%3Dx%26tags%3Dy%26tilde%3D~%2521%252A%2527%2528%2529",
        "space_as_pct20": "scope:client:incoming?clientName=bob%20smith",
        "unknown": "scope:foo:bar?x=1 scope:client:incoming?clientName=alice",
    }
    for name, claim in extra_claims.items():
        write("scope_claim", f"{name}.claim", claim)

    # load_toml: the example policies, the bind_inputs files and the schema of the docs.
    for path in sorted((ROOT / "examples" / "policies").glob("*.toml")):
        write("load_toml", path.name, path.read_text())
    source = (ROOT / "fuzz" / "fuzz_targets" / "bind_inputs.rs").read_text()
    for i, toml in enumerate(re.findall(r'r#"\n(.*?)"#', source, re.S)):
        write("load_toml", f"bind_inputs_{i}.toml", toml)
    write("load_toml", "schema.toml", """ttl = 300

[incoming]
client_name = "andrew"

[outgoing]
application_sid = "AP89a0180a1a4ddf1da954efca349b7a20"
params = { user_id = { input = "user_id" }, plan = "gold", n = 0x2A, ok = true }

[event_stream]
filters = { CallSid = "CA0123" }
""")

    # bind_inputs: byte 0 = file, byte 1 = clock, then name 0xFF value 0xFF ...
    def bind(file: int, clock: int, *fields: str) -> bytes:
        return bytes([file, clock]) + b"\xff".join(f.encode() for f in fields)

    bind_seeds = {
        "agent_desk": bind(0, 0, "identity", "alice", "team", "billing"),
        "agent_desk_overflow": bind(0, 0xFF, "identity", "alice", "team", "billing"),
        "agent_desk_bad_name": bind(0, 0, "identity", "bob smith", "team", "x"),
        "agent_desk_missing": bind(0, 0, "identity", "alice"),
        "agent_desk_repeated": bind(0, 0, "identity", "alice", "identity", "bob", "team", "x"),
        "click_to_call": bind(1, 0, "campaign", "spring-sale"),
        "click_to_call_hostile": bind(1, 7, "campaign", "&clientName=admin%26+\n\x00"),
        "monitor": bind(2, 0, "call_sid", "CA0123456789abcdef0123456789abcdef"),
        "two_names": bind(3, 0, "first", "bob", "second", "carol"),
        "two_names_collide": bind(3, 0, "first", "alice", "second", "bob"),
        "sid_and_name": bind(4, 0, "who", "AP89a0180a1a4ddf1da954efca349b7a20", "note", "a b&c=d/\u00e9"),
        "param_and_filter": bind(5, 0, "app", APP, "v", "%25", "w", "="),
        "no_inputs": bind(6, 0),
        "no_inputs_unknown": bind(6, 0, "identity", "alice"),
    }
    for name, data in bind_seeds.items():
        write("bind_inputs", f"{name}.bin", data)


if __name__ == "__main__":
    main()
