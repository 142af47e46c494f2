//! The seed token and everything that mints or verifies it, set up once for both benches;
//! every path is checked to produce the same token before anything is timed.

use std::time::{SystemTime, UNIX_EPOCH};

use capability::{
    AccessMinter, AccessPolicy, AccessVerifier, ApiKey, CapabilityMinter, CapabilityPolicy,
    CapabilityVerifier, Credentials, TaskRouterMinter, TaskRouterPolicy, Token,
    verify_taskrouter_token,
};
use capability_bench::{
    AccessClaims, Allow, Claims, Grants, Outgoing, Required, TaskRouterClaims, TaskRouterRule,
    Voice, WORKER_SID, access_seed_policy, access_seed_template, api_key, creds, seed_policy,
    seed_template, taskrouter_seed_policy, taskrouter_seed_template,
};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};

pub struct Seed {
    pub now: u64,
    pub creds: Credentials,
    pub policy: CapabilityPolicy,
    /// The seed policy's literal `CapabilityMinter`.
    pub minter: CapabilityMinter,
    /// The seed policy with the client name as its `identity` input.
    pub per_user: CapabilityMinter,
    pub verifier: CapabilityVerifier,
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
        let minter = CapabilityMinter::new(&policy, &creds);
        let per_user = CapabilityMinter::from_template(&seed_template(), &creds);
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
            verifier: CapabilityVerifier::new(creds.auth_token()),
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
        let verified = capability::verify_capability_token(
            token.as_str(),
            self.creds.auth_token(),
            self.now,
            0,
        );
        verified.expect("verifies");
    }
}

/// SHA-256 blocks to compress, for the floor: nothing signs a token with fewer compressions
/// than it has blocks to hash after its precomputed prefix. A literal policy's mint hashes its
/// last 2 inner blocks and 1 outer block; one with an `identity` input, 5 and 1; the
/// TaskRouter seed with its worker SID as an input, most of its 2.8 kB.
pub const BLOCKS: [[u8; 64]; 64] = [[0x5a; 64]; 64];

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

    /// The SHA-256 compressions an access mint cannot avoid: its static prefix ends in the
    /// `jti`, with `now`, so that `{"jti":"SK…-` is all of the payload it hashes once.
    pub fn floor_blocks(&self) -> usize {
        floor_blocks(self.token.as_str(), r#"{"jti":""#.len() + 34 + 1)
    }
}

/// The SHA-256 compressions a precompiled mint of `token` cannot avoid: the inner hash's
/// blocks after the prefix it hashed once (the header, `.` and the base64 of the payload's
/// first `static_bytes` bytes, in whole groups), with its padding, and the outer hash's last
/// block.
pub fn floor_blocks(token: &str, static_bytes: usize) -> usize {
    let signing_input = token.rfind('.').expect("three segments");
    let header = token.find('.').expect("three segments") + 1;
    let prefix = header + static_bytes / 3 * 4;
    // The HMAC's key block comes first: 64 bytes more on both sides.
    (64 + signing_input + 9).div_ceil(64) - (64 + prefix) / 64 + 1
}

/// The TaskRouter seed token (a support agent's worker) and everything that mints or verifies
/// it; every path is checked to produce the same token before anything is timed.
pub struct TaskRouterSeed {
    pub now: u64,
    pub creds: Credentials,
    pub policy: TaskRouterPolicy,
    pub minter: TaskRouterMinter,
    /// The seed with the worker SID as its input.
    pub per_worker: TaskRouterMinter,
    pub token: Token,
    pub claims: TaskRouterClaims,
    pub header: Header,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
    pub validation: Validation,
}

impl TaskRouterSeed {
    pub fn new(now: u64) -> TaskRouterSeed {
        let creds = creds();
        let policy = taskrouter_seed_policy();
        let account = creds.account_sid().to_string();
        let secret = creds.auth_token().expose_secret().as_bytes();
        let filter = |pairs: &[(String, bool)]| {
            let pairs = pairs
                .iter()
                .map(|(k, r)| (k.clone(), Required { required: *r }));
            pairs.collect()
        };
        let policies = policy
            .rules(&account)
            .iter()
            .map(|r| TaskRouterRule {
                url: r.url.clone(),
                method: r.method.clone(),
                allow: r.allow,
                query_filter: filter(&r.query_filter),
                post_filter: filter(&r.post_filter),
            })
            .collect();
        let claims = TaskRouterClaims {
            account_sid: account.clone(),
            workspace_sid: policy.workspace().to_string(),
            channel: WORKER_SID.into(),
            version: "v1".into(),
            friendly_name: WORKER_SID.into(),
            policies,
            worker_sid: WORKER_SID.into(),
            iss: account,
            exp: now + u64::from(policy.ttl().as_secs()),
        };
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        let seed = TaskRouterSeed {
            now,
            token: policy.sign_at(&creds, now).expect("signs"),
            minter: TaskRouterMinter::new(&policy, &creds),
            per_worker: TaskRouterMinter::from_template(&taskrouter_seed_template(), &creds),
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            header: Header::new(Algorithm::HS256),
            creds,
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
        let per_worker = self.per_worker.mint_at(&[WORKER_SID], self.now);
        assert_eq!(per_worker.expect("mints"), *token);
        let jwt = jsonwebtoken::encode(&self.header, &self.claims, &self.encoding);
        assert_eq!(jwt.expect("encodes"), token.as_str());
        jsonwebtoken::decode::<TaskRouterClaims>(token.as_str(), &self.decoding, &self.validation)
            .expect("jsonwebtoken verifies");
        verify_taskrouter_token(token.as_str(), self.creds.auth_token(), self.now, 0)
            .expect("verifies");
    }

    /// The compressions of a literal mint, whose static prefix runs to `"exp":`, and of one
    /// with the worker SID as its input, whose prefix ends where the SID first is (`channel`).
    pub fn floor_blocks(&self) -> [usize; 2] {
        let token = self.token.as_str();
        let b64 = token.rfind('.').expect("three segments") - token.find('.').expect("dots") - 1;
        let exp = self.claims.exp.to_string().len();
        // The payload is `…,"exp":<exp>}`.
        let literal = b64 * 3 / 4 - exp - 1;
        let input = r#"{"account_sid":"","workspace_sid":"","channel":""#.len() + 2 * 34;
        [floor_blocks(token, literal), floor_blocks(token, input)]
    }
}
