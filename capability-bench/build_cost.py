#!/usr/bin/env python3
"""What `#[derive(PolicyFile)]` costs a user's build, against the same policies written with
the `access_token!` macro.

Writes two crates under DIR (default: target/build-cost): `derived`, with 50 policy files and a
derived struct for each, and `macros`, with the same 50 policies as `access_token!`
invocations. Each gets a target directory of its own. Then, for each crate:

- cold: a build from an empty target directory, dependencies included;
- crate only: the crate alone built again (`cargo clean -p`), its dependencies built;
- incremental: one policy edited (a file, or a macro invocation), then `cargo build`.

Times are wall-clock seconds, the best of --runs runs (cold: one run). Usage:

    python3 capability-bench/build_cost.py [--runs 3] [--dir target/build-cost]
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 50


def sid(prefix: str, i: int) -> str:
    return f"{prefix}{i:032x}"


def policy_toml(i: int) -> str:
    return f"""format = "access-token"
identity = {{ input = "identity" }}
ttl = {600 + i}

[voice]
incoming = true
push_credential_sid = "{sid("CR", i)}"

[voice.outgoing]
application_sid = "{sid("AP", i)}"
params = {{ team = {{ input = "team" }}, desk = "desk{i}" }}
"""


def derived_item(i: int) -> str:
    return f"""
#[derive(PolicyFile)]
#[policy(file = "policies/p{i}.toml")]
pub struct Policy{i}<'a> {{
    pub identity: ClientName,
    pub team: &'a str,
}}
"""


def macro_item(i: int, ttl: int) -> str:
    return f"""
pub fn policy{i}(identity: &ClientName, team: &str) -> AccessPolicy {{
    access_token! {{
        identity identity;
        voice {{
            incoming;
            outgoing "{sid("AP", i)}" {{ team: team, desk: "desk{i}" }};
            push_credential "{sid("CR", i)}";
        }};
        ttl {ttl};
    }}
}}
"""


def manifest(name: str) -> str:
    facade = str(ROOT)
    return (
        f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
        f'[dependencies]\ncapability = {{ package = "twilio-capability", path = {facade!r} }}\n\n'
        "[workspace]\n"
    ).replace("'", '"')


def write_crates(base: Path) -> dict:
    crates = {}
    for name in ("derived", "macros"):
        crate = base / name
        if crate.exists():
            shutil.rmtree(crate)
        (crate / "src").mkdir(parents=True)
        (crate / "Cargo.toml").write_text(manifest(name))
        shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
        crates[name] = crate
    derived = crates["derived"]
    (derived / "policies").mkdir()
    for i in range(COUNT):
        (derived / "policies" / f"p{i}.toml").write_text(policy_toml(i))
    # Each policy is signed once, so that both crates compile what an app would.
    (derived / "src/lib.rs").write_text(
        "use capability::{ApiKey, ClientName, PolicyFile, Token};\n"
        + "".join(derived_item(i) for i in range(COUNT))
        + "\npub fn sign_all(key: &ApiKey, name: &ClientName, now: u64) -> Vec<Token> {\n    vec![\n"
        + "".join(
            f"        Policy{i} {{ identity: name.clone(), team: \"t\" }}.sign_at(key, now).unwrap(),\n"
            for i in range(COUNT)
        )
        + "    ]\n}\n"
    )
    (crates["macros"] / "src/lib.rs").write_text(
        "use capability::{AccessPolicy, ApiKey, ClientName, Token, access_token};\n"
        + "".join(macro_item(i, 600 + i) for i in range(COUNT))
        + "\npub fn sign_all(key: &ApiKey, name: &ClientName, now: u64) -> Vec<Token> {\n    vec![\n"
        + "".join(f"        policy{i}(name, \"t\").sign_at(key, now).unwrap(),\n" for i in range(COUNT))
        + "    ]\n}\n"
    )
    return crates


def cargo(crate: Path, target: Path, *args: str) -> float:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target))
    start = time.perf_counter()
    subprocess.run(
        ["cargo", *args, "--quiet"], cwd=crate, env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def edit(name: str, crate: Path, round_: int) -> None:
    """Changes policy 0's ttl: in its file, or in its macro invocation."""
    ttl = 1000 + round_
    if name == "derived":
        path = crate / "policies/p0.toml"
        path.write_text(policy_toml(0).replace("ttl = 600", f"ttl = {ttl}"))
    else:
        path = crate / "src/lib.rs"
        text = path.read_text()
        start = text.index("pub fn policy0(")
        end = text.index("pub fn policy1(")  # policy0's item ends where policy1's starts
        path.write_text(text[:start] + macro_item(0, ttl).lstrip() + "\n" + text[end:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=ROOT / "target/build-cost")
    args = parser.parse_args()
    crates = write_crates(args.dir)
    rows = []
    for name, crate in crates.items():
        target = args.dir / f"target-{name}"
        if target.exists():
            shutil.rmtree(target)
        cold = cargo(crate, target, "build")
        only = []
        for _ in range(args.runs):
            cargo(crate, target, "clean", "-p", name)
            only.append(cargo(crate, target, "build"))
        only = min(only)
        incremental = []
        for round_ in range(args.runs):
            edit(name, crate, round_)
            incremental.append(cargo(crate, target, "build"))
        rows.append((name, cold, only, min(incremental)))
        print(f"{name}: cold {cold:.1f} s, crate only {only:.2f} s, "
              f"incremental {min(incremental):.2f} s", file=sys.stderr)
    print(f"| {COUNT} access policies | cold build | the crate alone | one policy edited |")
    print("|---|---|---|---|")
    for name, cold, only, incremental in rows:
        what = "`#[derive(PolicyFile)]`, one file each" if name == "derived" else "`access_token!`"
        print(f"| {what} | {cold:.1f} s | {only:.2f} s | {incremental:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
