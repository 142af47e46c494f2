#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/seeds/<target>/ from the shared reference material.

Run from the repository root: python3 fuzz/scripts/make_seeds.py
Sources (read-only, beside the checkout):
  ../shared/vectors/reference-tokens.json       golden tokens and payloads
  ../shared/reference/official-helpers.md       section 7b: official-library tokens V6-V9
  examples/policies/*.toml                      policy files
  tests/vectors/access-tokens.json              reference access tokens and their inputs
  tests/vectors/official-access-tokens.json     the official libraries' access tokens
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


ACCESS_SECRET = "goldenvectorsecret0123456789abcd"
KEY = "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
CTY_HEADER = '{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"}'


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, and TOML wants DEL escaped too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def access_toml(case_input: dict) -> str:
    """The access-token policy file of a vector's input."""
    lines = ['format = "access-token"', f"identity = {toml_string(case_input['identity'])}"]
    if "ttl" in case_input:
        lines.append(f"ttl = {case_input['ttl']}")
    if "region" in case_input:
        lines.append(f"region = {toml_string(case_input['region'])}")
    for kind, grant in case_input["grants"].items():
        lines.append(f"\n[{kind}]")
        for key, value in grant.items():
            if key == "incoming":
                lines.append(f"incoming = {str(value).lower()}")
            elif key == "outgoing":
                lines.append(f"\n[{kind}.outgoing]")
                lines.append(f"application_sid = {toml_string(value['application_sid'])}")
                if value.get("params"):
                    pairs = ", ".join(f"{toml_string(k)} = {toml_string(v)}" for k, v in value["params"])
                    lines.append(f"params = {{ {pairs} }}")
            else:
                lines.append(f"{key} = {toml_string(value)}")
    return "\n".join(lines) + "\n"


def access_seeds() -> None:
    """Access-token seeds for verify_inspect, load_toml and bind_inputs (prefix `access_`)."""
    vectors = ROOT / "tests" / "vectors"
    reference = json.loads((vectors / "access-tokens.json").read_text())
    official = json.loads((vectors / "official-access-tokens.json").read_text())
    tokens = {f"access_ref_{c['name']}": c["token"] for c in reference["cases"]}
    tokens.update({f"access_official_{c['name']}": c["token"] for c in official["cases"]})
    # verify_inspect: each token as is (signed with its own key: the reference API secret, the
    # official libraries' one, or an auth token), and as "HEADER\nPAYLOAD" (the target signs it
    # with the reference auth token and the reference API secret).
    for name, token in tokens.items():
        header, payload, _ = token.split(".")
        write("verify_inspect", f"{name}.token", token)
        write("verify_inspect", f"{name}.json", b64decode(header) + b"\n" + b64decode(payload))
    claims = f'"jti":"{KEY}-1700000000","iss":"{KEY}","sub":"{SID}","exp":1700003600'
    voice = '"voice":{"incoming":{"allow":true}}'
    forged = {
        "cty_other": ('{"alg":"HS256","cty":"twilio-fpa;v=2"}', f'{{{claims},"grants":{{"identity":"a",{voice}}}}}'),
        "cty_only": (CTY_HEADER, f'{{"iss":"{KEY}","exp":1700003600,"sub":"{SID}"}}'),
        "cty_number": ('{"alg":"HS256","cty":1}', f'{{{claims},"grants":{{"identity":"a"}}}}'),
        "no_typ_alg_first": ('{"alg":"HS256"}', f'{{{claims},"grants":{{"identity":"a",{voice}}}}}'),
        "typ_jwe": ('{"alg":"HS256","typ":"JWE","cty":"twilio-fpa;v=1"}', f'{{{claims},"grants":{{"identity":"a"}}}}'),
        "alg_none": ('{"alg":"none","cty":"twilio-fpa;v=1"}', f'{{{claims},"grants":{{"identity":"a"}}}}'),
        "twr_null": ('{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":null}', f'{{{claims},"grants":{{"identity":"a",{voice}}}}}'),
        "twr_number": ('{"alg":"HS256","twr":1}', f'{{{claims},"grants":{{"identity":"a"}}}}'),
        "identity_missing": (CTY_HEADER, f'{{{claims},"grants":{{{voice}}}}}'),
        "identity_empty": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"",{voice}}}}}'),
        "identity_number": (CTY_HEADER, f'{{{claims},"grants":{{"identity":7,{voice}}}}}'),
        "grants_array": (CTY_HEADER, f'{{{claims},"grants":[1]}}'),
        "grants_string": ('{"alg":"HS256"}', f'{{{claims},"grants":"x"}}'),
        "voice_array": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":[]}}}}'),
        "incoming_allow_string": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":{{"incoming":{{"allow":"yes"}}}}}}}}'),
        "incoming_allow_false": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":{{"incoming":{{"allow":false}}}}}}}}'),
        "outgoing_no_sid": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":{{"outgoing":{{"params":{{}}}}}}}}}}'),
        "params_array": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":{{"outgoing":{{"application_sid":"AP1","params":[]}}}}}}}}'),
        "params_numbers": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":{{"outgoing":{{"application_sid":"AP1","params":{{"n":1.5,"b":true,"z":null,"o":{{"x":[1]}}}}}}}}}}}}'),
        "fields_wrong_types": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","video":{{"room":1}},"chat":{{"service_sid":null}},"data_sync":{{"endpoint_id":[]}},"task_router":{{"role":{{}}}}}}}}'),
        "grant_not_object": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","video":5,"chat":"x","data_sync":null,"task_router":true}}}}'),
        "unknown_grants": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","player":{{"x":1}},"ip_messaging":{{"service_sid":"IS1"}},"rtc":[1,2]}}}}'),
        "repeated_grant": (CTY_HEADER, f'{{{claims},"grants":{{"identity":"a","voice":1,{voice}}}}}'),
        "exp_float": (CTY_HEADER, f'{{"iss":"{KEY}","sub":"{SID}","exp":1700003600.5,"grants":{{"identity":"a"}}}}'),
        "nbf_future": (CTY_HEADER, f'{{{claims},"nbf":1700003000,"iat":"x","grants":{{"identity":"a"}}}}'),
        "jti_number": (CTY_HEADER, f'{{"jti":1,"iss":"{KEY}","sub":"{SID}","exp":1700003600,"grants":{{"identity":"a"}}}}'),
        "sub_missing": (CTY_HEADER, f'{{"iss":"{KEY}","exp":1700003600,"grants":{{"identity":"a"}}}}'),
        "taskrouter_with_grants": ('{"alg":"HS256"}', f'{{{claims},"policies":[],"workspace_sid":"WS1","grants":{{"identity":"a"}}}}'),
        "expired": (CTY_HEADER, f'{{"iss":"{KEY}","sub":"{SID}","exp":1700000000,"grants":{{"identity":"a"}}}}'),
    }
    for name, (header, payload) in forged.items():
        write("verify_inspect", f"access_forged_{name}.json", f"{header}\n{payload}")

    # load_toml: the access policies of the vectors, and the example policies of other formats.
    for case in reference["cases"]:
        write("load_toml", f"access_{case['name']}.toml", access_toml(case["input"]))
    for path in sorted((ROOT / "examples" / "policies").glob("*.toml")):
        write("load_toml", path.name, path.read_text())
    source = (ROOT / "fuzz" / "src" / "bind_inputs.rs").read_text()
    access_files = source[source.index("const ACCESS_FILES"):source.index("static ACCESS_TEMPLATES")]
    for i, toml in enumerate(re.findall(r'r#"\n(.*?)"#', access_files, re.S)):
        write("load_toml", f"access_bind_inputs_{i}.toml", toml)

    # bind_inputs: the access files come after the 7 capability files.
    def bind(file: int, clock: int, *fields: str) -> bytes:
        return bytes([7 + file, clock]) + b"\xff".join(f.encode() for f in fields)

    cr = "CR0123456789abcdef0123456789abcdef"
    seeds = {
        "voice_agent": bind(0, 0, "identity", "alice", "team", "billing"),
        "voice_agent_not_client_name": bind(0, 0, "identity", "frank@example.com", "team", "x"),
        "voice_agent_overflow": bind(0, 0xFF, "identity", "alice", "team", "x"),
        "team_chat": bind(1, 0, "identity", "frank@example.com"),
        "team_chat_space": bind(1, 0, "identity", "frank smith"),
        "all_grants": bind(2, 0, "who", "Zo\u00eb", "region", "ie1", "room", "Daily \u00e9",
                           "chat_service", "IS0123456789abcdef0123456789abcdef",
                           "endpoint", "a:b", "push", cr, "sync_service", "default",
                           "worker", "WK0123456789abcdef0123456789abcdef", "role", "worker"),
        "all_grants_bad_region": bind(2, 0, "who", "z", "region", "IE1", "room", "r",
                                      "chat_service", "IS0123456789abcdef0123456789abcdef",
                                      "endpoint", "e", "push", cr, "sync_service", "x",
                                      "worker", "WK0", "role", ""),
        "voice_one_input": bind(3, 0, "who", "alice", "push", cr,
                                "app", "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "note", "\"\\\n\u0001\u2028"),
        "no_inputs": bind(4, 0),
        "no_inputs_clock_max": bind(4, 0xFE),
        "two_params": bind(5, 0, "a", "x" * 100, "b", "\u0001" * 50),
    }
    for name, data in seeds.items():
        write("bind_inputs", f"access_{name}.bin", data)


if __name__ == "__main__":
    main()
    access_seeds()
