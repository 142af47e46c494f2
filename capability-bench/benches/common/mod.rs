//! The seed token and everything that mints or verifies it, set up once for both benches;
//! every path is checked to produce the same token before anything is timed.

use std::time::{SystemTime, UNIX_EPOCH};

use capability::{
    AccessMinter, AccessPolicy, AccessVerifier, ApiKey, Credentials, Minter, Policy, Token,
    Verifier,
};
use capability_bench::{
    AccessClaims, Allow, Claims, Grants, Outgoing, Voice, access_seed_policy, access_seed_template,
    api_key, creds, seed_policy, seed_template,
};
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
pub const BLOCKS: [[u8; 64]; 12] = [[0x5a; 64]; 12];

/// The access seed token (what the token server serves) and everything that mints or
/// verifies it; every path is checked to produce the same token before anything is timed.
pub struct AccessSeed {
    pub now: u64,
    pub key: ApiKey,
    pub policy: AccessPolicy,
    pub minter: AccessMinter,
    pub per_user: AccessMinter,
    pub verifier: AccessVerifier,
    pub token: Token,
    pub claims: AccessClaims,
    pub header: Header,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    pub validation: Validation,
}

impl AccessSeed {
    pub fn new(now: u64) -> AccessSeed {
        let key = api_key();
        let policy = access_seed_policy();
        let secret = key.secret().expose_secret().as_bytes();
        let claims = AccessClaims {
            jti: format!("{}-{now}", key.key_sid()),
            iss: key.key_sid().to_string(),
            sub: key.account_sid().to_string(),
            exp: now + 3600,
            grants: Grants {
                identity: "alice".into(),
                voice: Voice {
                    incoming: Allow { allow: true },
                    outgoing: Outgoing {
                        application_sid: "AP89a0180a1a4ddf1da954efca349b7a20".into(),
                    },
                },
            },
        };
        let mut header = Header::new(Algorithm::HS256);
        header.cty = Some("twilio-fpa;v=1".into());
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.validate_aud = false;
        let seed = AccessSeed {
            now,
            token: policy.sign_at(&key, now).expect("signs"),
            minter: AccessMinter::new(&policy, &key),
            per_user: AccessMinter::from_template(&access_seed_template(), &key),
            verifier: AccessVerifier::new(key.secret()),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            header,
            key,
            policy,
            claims,
            validation,
        };
        seed.check();
        seed
    }

    /// Every path signs, and verifies, the same bytes: jsonwebtoken's token is ours.
    fn check(&self) {
        let token = &self.token;
        assert_eq!(self.minter.mint_at(&[], self.now).expect("mints"), *token);
        let per_user = self.per_user.mint_at(&["alice"], self.now);
        assert_eq!(per_user.expect("mints"), *token);
        let jwt = jsonwebtoken::encode(&self.header, &self.claims, &self.encoding);
        assert_eq!(jwt.expect("encodes"), token.as_str());
        jsonwebtoken::decode::<AccessClaims>(token.as_str(), &self.decoding, &self.validation)
            .expect("jsonwebtoken verifies");
        self.verifier
            .verify(token.as_str(), self.now, 0)
            .expect("verifies");
    }

    /// The SHA-256 compressions an access mint cannot avoid: the inner hash's blocks after
    /// the precomputed prefix (the header, `.` and the base64 of `{"jti":"SK…-` in whole
    /// groups), with its padding, and the outer hash's last block.
    pub fn floor_blocks(&self) -> usize {
        let signing_input = self.token.as_str().rfind('.').expect("three segments");
        let header = self.token.as_str().find('.').expect("three segments") + 1;
        let jti = r#"{"jti":""#.len() + 34 + 1;
        let prefix = header + jti / 3 * 4;
        // The HMAC's key block comes first: 64 bytes more on both sides.
        (64 + signing_input + 9).div_ceil(64) - (64 + prefix) / 64 + 1
    }
}
