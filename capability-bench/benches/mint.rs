//! Minting and verifying the seed tokens (capability, access, TaskRouter): this crate's plain and precompiled signers against
//! jsonwebtoken (key built once) and against the floor, raw SHA-256 compression of as many
//! blocks as a precompiled mint must hash.
//!
//! ```sh
//! taskset -c 1 cargo bench -p capability-bench --bench mint
//! ```

mod common;

use std::hint::black_box;

use capability::{verify_access_token, verify_capability_token, verify_taskrouter_token};
use capability_bench::{AccessClaims, Claims, TaskRouterClaims, WORKER_SID};
use common::{AccessSeed, BLOCKS, Seed, TaskRouterSeed};
use criterion::{Criterion, criterion_group, criterion_main};

fn mint(c: &mut Criterion) {
    let seed = Seed::new();
    let Seed { now, ref creds, .. } = seed;
    println!("seed token: {} bytes", seed.token.as_str().len());

    let mut group = c.benchmark_group("mint seed token");
    group.bench_function("CapabilityPolicy::sign_at", |b| {
        b.iter(|| black_box(&seed.policy).sign_at(creds, black_box(now)))
    });
    let mut buf = String::with_capacity(512);
    group.bench_function("CapabilityMinter::mint_into", |b| {
        b.iter(|| {
            seed.minter
                .mint_into(&mut buf, &[], black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("CapabilityMinter::mint_into, identity input", |b| {
        b.iter(|| {
            seed.per_user
                .mint_into(&mut buf, black_box(&["andrew"]), black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("jsonwebtoken::encode", |b| {
        b.iter(|| jsonwebtoken::encode(&seed.header, black_box(&seed.claims), &seed.encoding))
    });
    let mut state = [0u32; 8];
    for blocks in [3, 6] {
        group.bench_function(format!("floor: {blocks} SHA-256 compressions"), |b| {
            b.iter(|| {
                sha2::block_api::compress256(black_box(&mut state), black_box(&BLOCKS[..blocks]));
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("verify seed token");
    let token = seed.token.as_str();
    group.bench_function("capability::verify_capability_token", |b| {
        b.iter(|| verify_capability_token(black_box(token), creds.auth_token(), now, 0))
    });
    group.bench_function("CapabilityVerifier::verify (key once)", |b| {
        b.iter(|| seed.verifier.verify(black_box(token), now, 0))
    });
    group.bench_function("jsonwebtoken::decode", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<Claims>(black_box(token), &seed.decoding, &seed.validation)
        })
    });
    group.finish();
}

fn access(c: &mut Criterion) {
    let seed = Seed::new();
    let access = AccessSeed::new(seed.now);
    let now = access.now;
    println!("access seed token: {} bytes", access.token.as_str().len());

    let mut group = c.benchmark_group("mint access seed token");
    group.bench_function("AccessPolicy::sign_at", |b| {
        b.iter(|| black_box(&access.policy).sign_at(&access.key, black_box(now)))
    });
    let mut buf = String::with_capacity(512);
    group.bench_function("AccessMinter::mint_into", |b| {
        b.iter(|| {
            access
                .minter
                .mint_into(&mut buf, &[], black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("AccessMinter::mint_into, identity input", |b| {
        b.iter(|| {
            access
                .per_user
                .mint_into(&mut buf, black_box(&["alice"]), black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("jsonwebtoken::encode", |b| {
        b.iter(|| jsonwebtoken::encode(&access.header, black_box(&access.claims), &access.encoding))
    });
    let blocks = access.floor_blocks();
    let mut state = [0u32; 8];
    group.bench_function(format!("floor: {blocks} SHA-256 compressions"), |b| {
        b.iter(|| sha2::block_api::compress256(black_box(&mut state), black_box(&BLOCKS[..blocks])))
    });
    group.finish();

    let mut group = c.benchmark_group("verify access seed token");
    let token = access.token.as_str();
    group.bench_function("verify_access_token", |b| {
        b.iter(|| verify_access_token(black_box(token), access.key.secret(), now, 0))
    });
    group.bench_function("AccessVerifier::verify (key once)", |b| {
        b.iter(|| access.verifier.verify(black_box(token), now, 0))
    });
    group.bench_function("jsonwebtoken::decode", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<AccessClaims>(
                black_box(token),
                &access.decoding,
                &access.validation,
            )
        })
    });
    group.finish();
}

fn taskrouter(c: &mut Criterion) {
    let seed = Seed::new();
    let tr = TaskRouterSeed::new(seed.now);
    let now = tr.now;
    println!("TaskRouter seed token: {} bytes", tr.token.as_str().len());

    let mut group = c.benchmark_group("mint TaskRouter seed token");
    group.bench_function("TaskRouterPolicy::sign_at", |b| {
        b.iter(|| black_box(&tr.policy).sign_at(&tr.creds, black_box(now)))
    });
    let mut buf = String::with_capacity(4096);
    group.bench_function("TaskRouterMinter::mint_into", |b| {
        b.iter(|| {
            tr.minter
                .mint_into(&mut buf, &[], black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("TaskRouterMinter::mint_into, worker_sid input", |b| {
        b.iter(|| {
            tr.per_worker
                .mint_into(&mut buf, black_box(&[WORKER_SID]), black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("jsonwebtoken::encode", |b| {
        b.iter(|| jsonwebtoken::encode(&tr.header, black_box(&tr.claims), &tr.encoding))
    });
    let mut state = [0u32; 8];
    for blocks in tr.floor_blocks() {
        group.bench_function(format!("floor: {blocks} SHA-256 compressions"), |b| {
            b.iter(|| {
                sha2::block_api::compress256(black_box(&mut state), black_box(&BLOCKS[..blocks]));
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("verify TaskRouter seed token");
    let token = tr.token.as_str();
    group.bench_function("verify_taskrouter_token", |b| {
        b.iter(|| verify_taskrouter_token(black_box(token), tr.creds.auth_token(), now, 0))
    });
    group.bench_function("jsonwebtoken::decode", |b| {
        b.iter(|| {
            jsonwebtoken::decode::<TaskRouterClaims>(black_box(token), &tr.decoding, &tr.validation)
        })
    });
    group.finish();
}

criterion_group!(benches, mint, access, taskrouter);
criterion_main!(benches);
