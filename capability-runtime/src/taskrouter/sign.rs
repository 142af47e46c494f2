//! Signing a TaskRouter token (spec section 1).

use crate::jwt;
use crate::jwt::b64_stream::B64Stream;
use crate::jwt::layout::Text;
use crate::jwt::token::{self, HEADER_B64, finish_token, token_len};
use crate::taskrouter::layout::{self, ChannelText, CustomText, RuleText};
use crate::{Channel, Credentials, PolicyError, SignError, TaskRouterPolicy, Token};

impl TaskRouterPolicy {
    /// Signs a token as if the time were `now` (Unix seconds). TaskRouter tokens are keyed by
    /// the auth token, as capability tokens are.
    ///
    /// # Errors
    /// [`SignError::ExpiryOverflow`] when `now + ttl` does not fit in a `u64`;
    /// [`SignError::Policy`] when a custom policy equals one of the event bridge's, which name
    /// the account, or when a run-time value of a `taskrouter!` policy breaks a rule;
    /// [`SignError::TooLong`] over [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN).
    pub fn sign_at(&self, creds: &Credentials, now: u64) -> Result<Token, SignError> {
        if let Some(e) = &self.deferred {
            return Err(SignError::Policy(e.clone()));
        }
        let account = creds.account_sid().as_str();
        self.check_account(account).map_err(SignError::Policy)?;
        let exp = token::expiry(now, self.ttl)?;
        let payload = self.payload(account);
        let mut digits = itoa::Buffer::new();
        let exp_text = digits.format(exp);
        let len = token_len(payload.len() + exp_text.len() + 1);
        token::check_len(len)?;
        let mut text = String::with_capacity(len);
        text.push_str(HEADER_B64);
        text.push('.');
        let mut stream = B64Stream::new(&mut text);
        stream.put_bytes(payload.as_bytes());
        stream.put_bytes(exp_text.as_bytes());
        stream.put_bytes(b"}");
        stream.finish();
        finish_token(&mut text, creds.key().clone(), 0);
        Ok(Token::from_parts(text, exp))
    }

    /// The payload up to `"exp":`, for this account.
    pub(crate) fn payload(&self, account: &str) -> String {
        let pieces = self.with_texts(account, |account, workspace, channel, rules| {
            layout::payload(account, workspace, channel, rules)
        });
        jwt::layout::known(&pieces)
    }

    /// A custom policy equal to one of the event bridge's for `account` is refused: those name
    /// the account, so the builder could not compare them.
    pub(crate) fn check_account(&self, account: &str) -> Result<(), PolicyError> {
        let defaults = self.rules(account);
        let custom = self.policies.len();
        let (defaults, _) = defaults.split_at(defaults.len() - custom);
        for policy in &self.policies {
            if defaults.iter().any(|r| r.same_as(policy)) {
                return Err(PolicyError::DuplicatePolicy {
                    method: policy.method(),
                    url: policy.url().as_str().to_owned(),
                });
            }
        }
        Ok(())
    }

    /// The token's policies for `account`, in token order, as a verified token decodes them.
    pub fn rules(&self, account: &str) -> Vec<crate::TaskRouterRule> {
        self.with_texts(account, |_, _, _, rules| layout::known_rules(rules))
    }

    /// Calls `f` with the policy's texts, all known.
    fn with_texts<T>(
        &self,
        account: &str,
        f: impl FnOnce(Text<'_>, Text<'_>, ChannelText<'_>, &[RuleText<'_>]) -> T,
    ) -> T {
        let workspace = Text::Known(self.workspace.as_str());
        let channel = match &self.channel {
            Channel::Worker(sid) => ChannelText::Worker(Text::Known(sid.as_str())),
            Channel::TaskQueue(sid) => ChannelText::TaskQueue(Text::Known(sid.as_str())),
            Channel::Workspace => ChannelText::Workspace,
        };
        let custom: Vec<CustomText<'_>> = self
            .policies
            .iter()
            .map(|p| CustomText {
                url: Text::Known(p.url().as_str()),
                method: p.method(),
                allow: p.allow(),
                query_filter: p.query_filters(),
                post_filter: p.post_filters(),
            })
            .collect();
        let account = Text::Known(account);
        let rules = layout::rules(account, workspace, channel, &self.allow, &custom);
        f(account, workspace, channel, &rules)
    }
}
