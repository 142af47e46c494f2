//! `CapabilityMinter`: a signer precompiled from a policy and credentials, for minting on every request.

use crate::capability::encoding;
use crate::capability::sign;
use crate::format::{MintBasics, MintInto};
use crate::jwt::b64_stream::{self, B64Stream, Encoded};
use crate::jwt::expiry_tail::Expiry;
use crate::jwt::hmac_prefix::HmacPrefix;
use crate::jwt::layout::{Piece, literal_len};
use crate::jwt::sink::Sink;
use crate::jwt::token::{self, HEADER_B64, SignError};
use crate::minter;
use crate::toml::input::Slot;
use crate::{
    BindError, BindProblem, Capability, CapabilityPolicy, CapabilityTemplate, ClientName,
    Credentials, Input, MAX_TOKEN_LEN, MintError, Minter, PolicyError, Ttl, rules,
};

/// A signer built once from a policy (or a policy file with inputs) and credentials, that
/// mints tokens byte for byte equal to [`CapabilityPolicy::sign_at`] at a fraction of the cost.
///
/// Building it:
/// - encodes the header and every static part of the payload, and base64-encodes the longest
///   static prefix of the token;
/// - keys the HMAC once and runs it over that prefix, keeping the hash state.
///
/// Each mint then encodes only what varies, `exp` and the input values, streams it through
/// base64 into the output, and finishes the hash from the saved state.
///
/// ```
/// use capability::{Credentials, CapabilityMinter, CapabilityTemplate};
///
/// let template = CapabilityTemplate::from_toml_str(r#"
///     [incoming]
///     client_name = { input = "identity" }
/// "#)?;
/// let creds = Credentials::new("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789abcdef0123456789abcdef")?;
/// let minter = CapabilityMinter::from_template(&template, &creds);
///
/// let token = minter.mint_at(&["alice"], 1_700_000_000)?;
/// let same = template.bind([("identity", "alice")])?.sign_at(&creds, 1_700_000_000)?;
/// assert_eq!(token, same);
///
/// // Reuse one buffer: once it has grown, minting allocates nothing.
/// let mut buf = String::new();
/// minter.mint_into(&mut buf, &["bob"], 1_700_000_000)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A policy written with the `capability!` macro in literals only has its scope claim fixed at
/// compile time; `CapabilityMinter::new(&policy, &creds)` then precomputes everything but `exp`.
pub type CapabilityMinter = Minter<Capability>;

/// What a [`CapabilityMinter`] mints from: the token compiled for this format.
#[derive(Clone)]
pub struct CompiledCapability {
    /// `header.` and the base64 of the static payload prefix, as far as it fills whole
    /// 3-byte groups.
    prefix: String,
    /// The HMAC keyed with the auth token, having absorbed `prefix`.
    state: HmacPrefix,
    /// What follows `prefix`, up to `"exp":`.
    rest: Rest,
    basics: MintBasics,
    incoming: Vec<Slot<ClientName>>,
    /// The scope claim's literal length and its inputs, to bound the token before minting.
    claim_len: usize,
    claim_slots: Vec<(usize, Encoding)>,
    /// For each input, the most its encoded value can be per byte of it, summed over its
    /// slots in the scope claim.
    growth: Vec<usize>,
}

/// The payload after [`CapabilityMinter::prefix`], up to `"exp":`.
#[derive(Clone)]
enum Rest {
    /// A policy without inputs: only the 0 to 2 static bytes that did not fill a group.
    Fixed(Vec<u8>),
    /// Those bytes, then every piece after the first input.
    Parts(Vec<Part>),
}

/// A part of the payload after [`CapabilityMinter::prefix`].
#[derive(Clone)]
enum Part {
    Lit(Encoded),
    /// The value of input `index`.
    Input {
        index: usize,
        encoding: Encoding,
    },
}

/// How an input's value is written into the scope claim.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    /// As it is: its rules admit only bytes that encoding keeps.
    Itself,
    /// `E(value)`, or `E(E(value))` when `twice` (a param or filter value).
    Percent { twice: bool },
}

impl Encoding {
    /// The most the encoding multiplies a value's length by.
    fn growth(self) -> usize {
        match self {
            Encoding::Itself => 1,
            Encoding::Percent { twice: false } => 3,
            Encoding::Percent { twice: true } => 5,
        }
    }

    fn len(self, value: &str) -> usize {
        match self {
            Encoding::Itself => value.len(),
            Encoding::Percent { twice } => encoding::encoded_len(value, twice),
        }
    }

    fn put(self, payload: &mut B64Stream<'_>, value: &str) {
        match self {
            Encoding::Itself => payload.put_bytes(value.as_bytes()),
            Encoding::Percent { twice } => encoding::encode_as(payload, value, twice),
        }
    }
}

impl CompiledCapability {
    fn build(
        claim: Vec<Piece<String>>,
        inputs: Vec<Input>,
        incoming: Vec<Slot<ClientName>>,
        ttl: Ttl,
        creds: &Credentials,
    ) -> CompiledCapability {
        let claim_len = literal_len(&claim);
        let encoding = |index: usize, twice: bool| {
            if inputs[index].encodes_as_itself() {
                Encoding::Itself
            } else {
                Encoding::Percent { twice }
            }
        };
        let claim_slots: Vec<(usize, Encoding)> = claim
            .iter()
            .filter_map(|piece| match *piece {
                Piece::Slot { index, twice } => Some((index, encoding(index, twice))),
                Piece::Lit(_) => None,
            })
            .collect();
        let mut growth = vec![0; inputs.len()];
        for &(index, encoding) in &claim_slots {
            growth[index] += encoding.growth();
        }
        // The payload as pieces: `{"scope":"`, the claim, then the issuer up to `"exp":`.
        let mut tail = String::new();
        sign::put_issuer(&mut tail, creds.account_sid());
        let mut pieces = vec![Piece::Lit(r#"{"scope":""#.to_owned())];
        pieces.extend(claim);
        pieces.push(Piece::Lit(tail));

        // The static prefix: literal text up to the first slot, in whole 3-byte groups.
        let mut literal = String::new();
        let mut rest = pieces.into_iter().peekable();
        while let Some(Piece::Lit(text)) = rest.peek() {
            literal.push_str(text);
            rest.next();
        }
        let whole = literal.len() / 3 * 3;
        let mut prefix = format!("{HEADER_B64}.");
        let mut stream = B64Stream::new(&mut prefix);
        stream.put(&literal[..whole]);
        stream.finish();
        let state = HmacPrefix::new(
            creds.auth_token().expose_secret().as_bytes(),
            prefix.as_bytes(),
        );
        // `literal` is ASCII, so any byte offset is a char boundary.
        // Literal text after an input is base64-encoded now, for each alignment it can have.
        let rest = if rest.peek().is_none() {
            Rest::Fixed(literal.as_bytes()[whole..].to_vec())
        } else {
            let parts = std::iter::once(Piece::Lit(literal[whole..].to_owned()))
                .chain(rest)
                .filter(|piece| !matches!(piece, Piece::Lit(text) if text.is_empty()))
                .map(|piece| match piece {
                    Piece::Lit(text) => Part::Lit(Encoded::new(text)),
                    Piece::Slot { index, twice } => Part::Input {
                        index,
                        encoding: encoding(index, twice),
                    },
                })
                .collect();
            Rest::Parts(parts)
        };
        CompiledCapability {
            prefix,
            state,
            rest,
            basics: MintBasics {
                name: "CapabilityMinter",
                inputs,
                ttl,
                deferred: None,
            },
            incoming,
            claim_len,
            claim_slots,
            growth,
        }
    }

    /// Every rule the inputs must pass before they are signed, without allocating when they
    /// pass. Returns a length the scope claim does not exceed: its length when it has no
    /// inputs.
    fn check(&self, inputs: &[&str]) -> Result<usize, BindError> {
        // Values that pass their rules, fill at most one incoming name, and fit however much
        // their encoding grows them, pass in one loop; anything else is looked at again.
        if inputs.len() == self.basics.inputs.len() && self.incoming.len() < 2 {
            let valid = self.basics.inputs.iter().zip(inputs);
            let valid = valid.fold(true, |all, (input, value)| all & input.check(value).is_ok());
            let bound = self.claim_len.saturating_add(self.growth_bound(inputs));
            if valid && fits(bound) {
                return Ok(bound);
            }
        }
        self.check_each(inputs)
    }

    /// [`check`](Self::check), rule by rule, for the errors it returns.
    #[cold]
    fn check_each(&self, inputs: &[&str]) -> Result<usize, BindError> {
        if inputs.len() != self.basics.inputs.len() {
            return Err(BindError::new(vec![BindProblem::InputCount {
                expected: self.basics.inputs.len(),
                given: inputs.len(),
            }]));
        }
        let mut problems = Vec::new();
        for (input, value) in self.basics.inputs.iter().zip(inputs) {
            if let Err(error) = input.check(value) {
                problems.push(BindProblem::Invalid {
                    input: input.name().to_owned(),
                    error,
                });
            }
        }
        if !problems.is_empty() {
            return Err(BindError::new(problems));
        }
        fn name<'a>(slot: &'a Slot<ClientName>, inputs: &[&'a str]) -> &'a str {
            match slot {
                Slot::Literal(name) => name.as_str(),
                Slot::Input(i) => inputs[*i],
            }
        }
        let policy_error = |e: PolicyError| BindError::new(vec![BindProblem::Policy(e)]);
        for (i, slot) in self.incoming.iter().enumerate() {
            let earlier = self.incoming[..i].iter().map(|s| name(s, inputs));
            rules::check_distinct_name(name(slot, inputs), earlier).map_err(policy_error)?;
        }
        if self.claim_slots.is_empty() {
            return Ok(self.claim_len);
        }
        // The bound `bind` puts on the policy it builds. (A claim without inputs was bounded
        // when its policy file was loaded.) Most values pass on the most their encoding can
        // grow them to, without being scanned.
        let bound = self.claim_len.saturating_add(self.growth_bound(inputs));
        if fits(bound) {
            return Ok(bound);
        }
        let lens = self
            .claim_slots
            .iter()
            .map(|&(i, encoding)| encoding.len(inputs[i]));
        let claim_len = lens.fold(self.claim_len, usize::saturating_add);
        rules::check_claim_len(claim_len).map_err(policy_error)?;
        Ok(claim_len)
    }

    /// The most the values can take in the scope claim, each grown as much as the encoding of
    /// each of its slots can grow it.
    fn growth_bound(&self, inputs: &[&str]) -> usize {
        let grown = inputs.iter().zip(&self.growth);
        let grown = grown.map(|(value, &growth)| value.len().saturating_mul(growth));
        grown.fold(0, usize::saturating_add)
    }
}

impl MintInto<Capability> for CompiledCapability {
    /// A minter for a policy with no inputs.
    fn new(policy: &CapabilityPolicy, creds: &Credentials) -> CompiledCapability {
        let pieces = vec![Piece::Lit(policy.scope_claim().to_owned())];
        let mut minter = Self::build(pieces, Vec::new(), Vec::new(), policy.ttl(), creds);
        minter.basics.deferred = policy.deferred_error().cloned().map(SignError::Value);
        minter
    }

    /// A minter for a policy file; [`mint_at`](Self::mint_at) takes the values of
    /// [`inputs`](Self::inputs), in order.
    fn from_template(template: &CapabilityTemplate, creds: &Credentials) -> CompiledCapability {
        let (pieces, incoming) = template.layout();
        let inputs = template.inputs().to_vec();
        Self::build(pieces, inputs, incoming, template.ttl(), creds)
    }

    /// The length of the scope claim.
    type Checked = usize;

    fn basics(&self) -> &MintBasics {
        &self.basics
    }

    fn mint_into(&self, out: &mut String, inputs: &[&str], now: u64) -> Result<u64, MintError> {
        minter::mint_into(self, out, inputs, now)
    }

    #[inline]
    fn check_inputs(&self, inputs: &[&str]) -> Result<usize, MintError> {
        Ok(self.check(inputs)?)
    }

    #[inline]
    fn write(
        &self,
        out: &mut String,
        inputs: &[&str],
        claim_len: usize,
        _now: u64,
        exp: u64,
    ) -> Result<(), MintError> {
        // As `sign_at` does, for a `capability!` policy whose run-time values add up to more.
        // (With inputs, `check` has bounded the claim for any `exp`.)
        token::check_len(token::token_len(sign::payload_len(claim_len, exp)))?;
        let expiry = Expiry::new(exp);
        match self.rest {
            Rest::Fixed(ref lead) => {
                b64_stream::push_signed_tail(out, &self.prefix, &self.state, |chars| {
                    expiry.encode(lead, chars)
                });
            }
            Rest::Parts(ref parts) => {
                let mut payload = B64Stream::signing(out, &self.prefix, &self.state);
                for part in parts {
                    match *part {
                        Part::Lit(ref text) => payload.put_encoded(text),
                        Part::Input { index, encoding } => {
                            encoding.put(&mut payload, inputs[index]);
                        }
                    }
                }
                payload.finish_signed(|lead, chars| expiry.encode(lead, chars));
            }
        }
        Ok(())
    }

    fn capacity_hint(&self, inputs: &[&str]) -> usize {
        let fixed: usize = match &self.rest {
            Rest::Fixed(lead) => lead.len(),
            Rest::Parts(parts) => parts
                .iter()
                .map(|p| match p {
                    Part::Lit(text) => text.as_str().len(),
                    Part::Input { .. } => 0,
                })
                .sum(),
        };
        // No token over MAX_TOKEN_LEN is returned.
        let rest = self.growth_bound(inputs).saturating_add(fixed + 21); // + `exp` and `}`
        if rest > MAX_TOKEN_LEN {
            return MAX_TOKEN_LEN;
        }
        let len = self.prefix.len() + (rest * 4).div_ceil(3) + 1 + token::SIGNATURE_B64_LEN;
        len.min(MAX_TOKEN_LEN)
    }
}

/// Whether a scope claim of `claim_len` bytes passes [`rules::check_claim_len`]. (Longer than
/// a token can be, it does not, and the rule's arithmetic is not asked.)
fn fits(claim_len: usize) -> bool {
    claim_len <= MAX_TOKEN_LEN && rules::check_claim_len(claim_len).is_ok()
}
