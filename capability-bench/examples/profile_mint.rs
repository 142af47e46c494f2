//! A loop for `perf record`: `cargo run --release -p capability-bench --features profile --example profile_mint -- verify|identity|minter|sign|scope|inspect|access-verify|access-mint|taskrouter-verify`.
use capability::{AccessMinter, CapabilityMinter, verify_access_token, verify_capability_token};
use capability_bench::{
    access_seed_policy, api_key, creds, seed_policy, seed_template, taskrouter_seed_policy,
};
use std::hint::black_box;
fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let creds = creds();
    let policy = seed_policy();
    let minter = CapabilityMinter::new(&policy, &creds);
    let per_user = CapabilityMinter::from_template(&seed_template(), &creds);
    let token = policy.sign_at(&creds, 1_700_000_000).unwrap();
    let key = api_key();
    let access = access_seed_policy();
    let access_token = access.sign_at(&key, 1_700_000_000).unwrap();
    let access_minter = AccessMinter::new(&access, &key);
    let tr_token = taskrouter_seed_policy()
        .sign_at(&creds, 1_700_000_000)
        .unwrap();
    let mut buf = String::with_capacity(512);
    let mut total = 0usize;
    let n: u64 = std::env::var("ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000_000);
    for i in 0..n {
        let now = 1_700_000_000 + (i & 1023);
        total += match which.as_str() {
            "verify" => verify_capability_token(
                black_box(token.as_str()),
                creds.auth_token(),
                1_700_000_000,
                0,
            )
            .unwrap()
            .scopes
            .len(),
            "identity" => {
                per_user
                    .mint_into(&mut buf, black_box(&["andrew"]), now)
                    .unwrap() as usize
                    & 1
            }
            "scope" => capability::parse_scope_claim(black_box(policy.scope_claim()))
                .unwrap()
                .len(),
            "inspect" => capability::inspect(black_box(token.as_str()))
                .unwrap()
                .scopes()
                .len(),
            "sign" => policy.sign_at(&creds, now).unwrap().as_str().len(),
            "access-verify" => verify_access_token(
                black_box(access_token.as_str()),
                key.secret(),
                1_700_000_000,
                0,
            )
            .unwrap()
            .identity
            .len(),
            "taskrouter-verify" => capability::verify_taskrouter_token(
                black_box(tr_token.as_str()),
                creds.auth_token(),
                1_700_000_000,
                0,
            )
            .unwrap()
            .policies
            .len(),
            "access-mint" => access_minter.mint_into(&mut buf, &[], now).unwrap() as usize & 1,
            _ => minter.mint_into(&mut buf, &[], now).unwrap() as usize & 1,
        };
    }
    println!("{total}");
}
