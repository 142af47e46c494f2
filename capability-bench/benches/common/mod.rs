//! The seed token and everything that mints or verifies it, set up once for both benches;
//! every path is checked to produce the same token before anything is timed.

use std::time::{SystemTime, UNIX_EPOCH};

use capability::{Credentials, Minter, Policy, Token, Verifier};
use capability_bench::{Claims, creds, seed_policy, seed_template};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};

pub struct Seed {
    pub now: u64,
    pub creds: Credentials,
    pub policy: Policy,
    /// The seed policy's literal `Minter`.
    pub minter: Minter,
    /// The seed policy with the client name as its `identity` input.
    pub per_user: Minter,
    pub verifier: Verifier,
    pub token: Token,
    pub claims: Claims,
    pub header: Header,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    pub validation: Validation,
}

impl Seed {
    pub fn new() -> Seed {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock after 1970")
            .as_secs();
        let creds = creds();
        let policy = seed_policy();
        let minter = Minter::new(&policy, &creds);
        let per_user = Minter::from_template(&seed_template(), &creds);
        let secret = creds.auth_token().expose_secret().as_bytes();
        let claims = Claims {
            scope: policy.scope_claim().to_owned(),
            iss: creds.account_sid().to_string(),
            exp: now + 3600,
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        let seed = Seed {
            now,
            token: policy.sign_at(&creds, now).expect("signs"),
            verifier: Verifier::new(creds.auth_token()),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            header: Header::new(Algorithm::HS256),
            creds,
            policy,
            minter,
            per_user,
            claims,
            validation,
        };
        seed.check();
        seed
    }

    /// Every path signs, and verifies, the same bytes.
    fn check(&self) {
        let token = &self.token;
        assert_eq!(self.minter.mint_at(&[], self.now).expect("mints"), *token);
        let per_user = self.per_user.mint_at(&["andrew"], self.now);
        assert_eq!(per_user.expect("mints"), *token);
        let jwt = jsonwebtoken::encode(&self.header, &self.claims, &self.encoding);
        assert_eq!(jwt.expect("encodes"), token.as_str());
        jsonwebtoken::decode::<Claims>(token.as_str(), &self.decoding, &self.validation)
            .expect("jsonwebtoken verifies");
        let verified = capability::verify(token.as_str(), self.creds.auth_token(), self.now, 0);
        verified.expect("verifies");
    }
}

/// SHA-256 blocks to compress, for the floor: nothing signs a token with fewer compressions
/// than it has blocks to hash after its precomputed prefix. A literal policy's mint hashes its
/// last 2 inner blocks and 1 outer block; one with an `identity` input, 5 and 1.
pub const BLOCKS: [[u8; 64]; 6] = [[0x5a; 64]; 6];
