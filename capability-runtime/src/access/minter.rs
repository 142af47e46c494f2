//! `AccessMinter`: an access-token signer precompiled from a policy (or a policy file with
//! inputs) and an API key, for minting on every request.

use crate::access::layout;
use crate::access::sign::token_len;
use crate::format::{MintBasics, MintInto};
use crate::jwt::compiled::{Compiled, Raw, grown_len, raw, slots};
use crate::jwt::layout::{Piece, literal_len};
use crate::jwt::token::SignError;
use crate::minter;
use crate::toml::input;
use crate::{
    Access, AccessPolicy, AccessTemplate, ApiKey, BindError, BindProblem, Input, MintError, Minter,
    Ttl, rules,
};

/// A signer built once from an access-token policy (or a policy file with inputs) and an API
/// key, that mints tokens byte for byte equal to [`AccessPolicy::sign_at`] with less work.
///
/// Building it encodes the header and every static part of the payload, base64-encodes the
/// longest static prefix of the token, keys the HMAC once and runs it over that prefix. Each
/// mint then encodes only `jti`'s seconds, `exp` and the input values.
///
/// ```
/// use capability::{AccessMinter, AccessTemplate, ApiKey};
///
/// let template = AccessTemplate::from_toml_str(r#"
///     format = "access-token"
///     identity = { input = "identity" }
///     [voice]
///     incoming = true
/// "#)?;
/// let key = ApiKey::new(
///     "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
///     "SKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
///     "goldenvectorsecret0123456789abcd",
/// )?;
/// let minter = AccessMinter::from_template(&template, &key);
/// let token = minter.mint_at(&["alice"], 1_700_000_000)?;
/// let same = template.bind([("identity", "alice")])?.sign_at(&key, 1_700_000_000)?;
/// assert_eq!(token, same);
///
/// // Reuse one buffer: once it has grown, minting allocates nothing.
/// let mut buf = String::new();
/// minter.mint_into(&mut buf, &["bob"], 1_700_000_000)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type AccessMinter = Minter<Access>;

/// What a [`AccessMinter`] mints from: the token compiled for this format.
#[derive(Clone)]
pub struct CompiledAccess {
    token: Compiled,
    basics: MintBasics,
    /// The literal bytes of the header's JSON and of the grants object.
    header_len: usize,
    grants_len: usize,
    /// How many slots each input fills in the header, and in the grants.
    header_slots: Vec<usize>,
    grant_slots: Vec<usize>,
}

impl CompiledAccess {
    fn build(
        header: Vec<Piece<String>>,
        grants: Vec<Piece<String>>,
        inputs: Vec<Input>,
        ttl: Ttl,
        key: &ApiKey,
    ) -> CompiledAccess {
        let count = inputs.len();
        let (header_len, header_slots) = (literal_len(&header), slots(&header, count));
        let (grants_len, grant_slots) = (literal_len(&grants), slots(&grants, count));
        let mut head = String::new();
        layout::put_jti(&mut head, key.key_sid());
        let mut middle = String::new();
        layout::put_issuer(&mut middle, key.key_sid(), key.account_sid());
        let mut payload = vec![Raw::Lit(head), Raw::Now, Raw::Lit(middle), Raw::Exp];
        payload.push(Raw::Lit(layout::GRANTS_KEY.to_owned()));
        payload.extend(raw(grants));
        payload.push(Raw::Lit("}".to_owned()));
        let secret = key.secret().expose_secret().as_bytes();
        CompiledAccess {
            token: Compiled::new(secret, raw(header).collect(), payload),
            basics: MintBasics {
                name: "AccessMinter",
                inputs,
                ttl,
                deferred: None,
            },
            header_len,
            grants_len,
            header_slots,
            grant_slots,
        }
    }

    /// The bytes of the header's JSON and of the grants object with these values, each
    /// escaped where it stands.
    fn json_lens(&self, inputs: &[&str]) -> (usize, usize) {
        (
            grown_len(self.header_len, inputs, &self.header_slots),
            grown_len(self.grants_len, inputs, &self.grant_slots),
        )
    }
}

impl MintInto<Access> for CompiledAccess {
    /// A minter for a policy with no inputs.
    fn new(policy: &AccessPolicy, key: &ApiKey) -> CompiledAccess {
        let header = vec![Piece::Lit(policy.header.clone())];
        let grants = vec![Piece::Lit(policy.grants.clone())];
        let mut minter = Self::build(header, grants, Vec::new(), policy.ttl(), key);
        minter.basics.deferred = policy.deferred.clone().map(SignError::Policy);
        minter
    }

    /// A minter for a policy file; [`mint_at`](Self::mint_at) takes the values of
    /// [`inputs`](Self::inputs), in order.
    fn from_template(template: &AccessTemplate, key: &ApiKey) -> CompiledAccess {
        let (header, grants) = template.layout();
        Self::build(
            header,
            grants,
            template.inputs().to_vec(),
            template.ttl(),
            key,
        )
    }

    /// The lengths of the header's JSON and of the grants object.
    type Checked = (usize, usize);

    fn basics(&self) -> &MintBasics {
        &self.basics
    }

    fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64) -> Result<u64, MintError> {
        minter::mint_into(self, out, inputs, now)
    }

    #[inline]
    fn check_inputs(&self, inputs: &[&str]) -> Result<(usize, usize), MintError> {
        input::check_positional(&self.basics.inputs, inputs)?;
        let (header_len, grants_len) = self.json_lens(inputs);
        // The bound `bind` puts on the policy it builds: within MAX_TOKEN_LEN at any clock.
        // Under it, the token at this clock is within MAX_TOKEN_LEN too.
        rules::check_access_len(header_len, grants_len)
            .map_err(|e| BindError::new(vec![BindProblem::Policy(e)]))?;
        Ok((header_len, grants_len))
    }

    #[inline]
    fn write(
        &self,
        out: &mut String,
        inputs: &[&str],
        (header_len, grants_len): (usize, usize),
        now: u64,
        exp: u64,
    ) -> Result<(), MintError> {
        out.reserve(token_len(
            header_len.saturating_mul(4).div_ceil(3),
            grants_len,
            now,
            exp,
        ));
        self.token.mint_into(out, inputs, now, exp);
        Ok(())
    }
}
