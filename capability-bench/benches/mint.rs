//! Minting and verifying the seed token: this crate's plain and precompiled signers against
//! jsonwebtoken (key built once) and against the floor, raw SHA-256 compression of as many
//! blocks as a precompiled mint must hash.
//!
//! ```sh
//! cargo bench -p capability-bench
//! ```

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use capability::{Minter, Verifier, verify};
use capability_bench::{Claims, creds, seed_policy, seed_template};
use criterion::{Criterion, criterion_group, criterion_main};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn mint(c: &mut Criterion) {
    let creds = creds();
    let policy = seed_policy();
    let now = now();
    let minter = Minter::new(&policy, &creds);
    let template = seed_template();
    let per_user = Minter::from_template(&template, &creds);
    let claims = Claims {
        scope: policy.scope_claim().to_owned(),
        iss: creds.account_sid().to_string(),
        exp: now + 3600,
    };
    let key = EncodingKey::from_secret(creds.auth_token().expose_secret().as_bytes());
    let header = Header::new(Algorithm::HS256);

    // Every path signs the same bytes.
    let reference = policy.sign_at(&creds, now).expect("signs");
    assert_eq!(minter.mint_at(&[], now).expect("mints"), reference);
    assert_eq!(
        per_user.mint_at(&["andrew"], now).expect("mints"),
        reference
    );
    assert_eq!(
        jsonwebtoken::encode(&header, &claims, &key).expect("encodes"),
        reference.as_str()
    );
    println!("seed token: {} bytes", reference.as_str().len());

    let mut group = c.benchmark_group("mint seed token");
    group.bench_function("Policy::sign_at", |b| {
        b.iter(|| black_box(&policy).sign_at(&creds, black_box(now)))
    });
    let mut buf = String::with_capacity(512);
    group.bench_function("Minter::mint_into", |b| {
        b.iter(|| {
            minter
                .mint_into(&mut buf, &[], black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("Minter::mint_into, identity input", |b| {
        b.iter(|| {
            per_user
                .mint_into(&mut buf, black_box(&["andrew"]), black_box(now))
                .map(|_| buf.len())
        })
    });
    group.bench_function("jsonwebtoken::encode", |b| {
        b.iter(|| jsonwebtoken::encode(&header, black_box(&claims), &key))
    });
    // The floor: a precompiled mint of this token hashes its last 2 inner blocks and 1 outer
    // block; nothing can sign it with fewer compressions.
    let blocks = [[0x5au8; 64]; 3];
    let mut state = [0u32; 8];
    group.bench_function("floor: 3 SHA-256 compressions", |b| {
        b.iter(|| {
            sha2::block_api::compress256(black_box(&mut state), black_box(&blocks));
        })
    });
    group.finish();

    let mut group = c.benchmark_group("verify seed token");
    let token = reference.as_str();
    group.bench_function("capability::verify", |b| {
        b.iter(|| verify(black_box(token), creds.auth_token(), now, 0))
    });
    let verifier = Verifier::new(creds.auth_token());
    group.bench_function("Verifier::verify (key once)", |b| {
        b.iter(|| verifier.verify(black_box(token), now, 0))
    });
    let decoding = DecodingKey::from_secret(creds.auth_token().expose_secret().as_bytes());
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    jsonwebtoken::decode::<Claims>(token, &decoding, &validation).expect("jsonwebtoken verifies");
    group.bench_function("jsonwebtoken::decode", |b| {
        b.iter(|| jsonwebtoken::decode::<Claims>(black_box(token), &decoding, &validation))
    });
    group.finish();
}

criterion_group!(benches, mint);
criterion_main!(benches);
