use std::borrow::Cow;

use crate::ValueError;

/// `true` when `value` is `prefix` followed by exactly 32 hexadecimal digits.
fn is_sid(value: &str, prefix: &str) -> bool {
    value.len() == prefix.len() + 32
        && value.starts_with(prefix)
        && value[prefix.len()..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A SID type with a [`ValueError`] variant of its own, of the same name: its struct, its
/// rule and every conversion the other value types have.
macro_rules! own_error_sid {
    ($(#[$doc:meta])* $ty:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(Cow<'static, str>);

        impl $ty {
            #[doc = concat!("The rule: `", $prefix, "` followed by 32 hexadecimal digits.")]
            pub fn check(value: &str) -> Result<(), ValueError> {
                if is_sid(value, $prefix) {
                    Ok(())
                } else {
                    Err(ValueError::$ty {
                        value: value.to_owned(),
                    })
                }
            }
        }

        super::text_value!($ty);
    };
}

own_error_sid!(
    /// A Twilio account SID, the token's issuer: `AC` followed by 32 hexadecimal digits.
    ///
    /// ```
    /// use capability::AccountSid;
    ///
    /// let sid: AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".parse()?;
    /// assert_eq!(sid.to_string(), "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    /// assert!("AC123".parse::<AccountSid>().is_err());
    /// # Ok::<(), capability::ValueError>(())
    /// ```
    AccountSid,
    "AC"
);

own_error_sid!(
    /// A TwiML application SID, the target of outgoing calls: `AP` followed by 32 hexadecimal
    /// digits.
    ///
    /// ```
    /// use capability::AppSid;
    ///
    /// let sid: AppSid = "AP89a0180a1a4ddf1da954efca349b7a20".parse()?;
    /// assert_eq!(sid.as_ref(), "AP89a0180a1a4ddf1da954efca349b7a20");
    /// assert!("myAppSid".parse::<AppSid>().is_err());
    /// # Ok::<(), capability::ValueError>(())
    /// ```
    AppSid,
    "AP"
);

/// The kinds of SID an access or TaskRouter token names, besides the account and the
/// application: each is its prefix followed by 32 hexadecimal digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SidKind {
    /// `SK…`: the API key that signs an access token, its issuer.
    ApiKey,
    /// `CR…`: push notification credentials.
    PushCredential,
    /// `IS…`: a Conversations (chat) service.
    ChatService,
    /// `IS…`, or the word `default`: a Sync service.
    SyncService,
    /// `RL…`: a chat deployment role.
    DeploymentRole,
    /// `WS…`: a TaskRouter workspace.
    Workspace,
    /// `WK…`: a TaskRouter worker.
    Worker,
    /// `WQ…`: a TaskRouter task queue.
    TaskQueue,
}

impl SidKind {
    /// The two letters the SID starts with.
    pub const fn prefix(self) -> &'static str {
        match self {
            SidKind::ApiKey => "SK",
            SidKind::PushCredential => "CR",
            SidKind::ChatService | SidKind::SyncService => "IS",
            SidKind::DeploymentRole => "RL",
            SidKind::Workspace => "WS",
            SidKind::Worker => "WK",
            SidKind::TaskQueue => "WQ",
        }
    }

    /// The field, as `push credential SID`.
    pub const fn field(self) -> &'static str {
        match self {
            SidKind::ApiKey => "API key SID",
            SidKind::PushCredential => "push credential SID",
            SidKind::ChatService => "chat service SID",
            SidKind::SyncService => "sync service SID",
            SidKind::DeploymentRole => "deployment role SID",
            SidKind::Workspace => "workspace SID",
            SidKind::Worker => "worker SID",
            SidKind::TaskQueue => "task queue SID",
        }
    }

    /// The rule, as `must be "CR" followed by 32 hexadecimal digits`.
    pub const fn rule(self) -> &'static str {
        match self {
            SidKind::ApiKey => "must be \"SK\" followed by 32 hexadecimal digits",
            SidKind::PushCredential => "must be \"CR\" followed by 32 hexadecimal digits",
            SidKind::ChatService => "must be \"IS\" followed by 32 hexadecimal digits",
            SidKind::SyncService => {
                "must be \"IS\" followed by 32 hexadecimal digits, or \"default\""
            }
            SidKind::DeploymentRole => "must be \"RL\" followed by 32 hexadecimal digits",
            SidKind::Workspace => "must be \"WS\" followed by 32 hexadecimal digits",
            SidKind::Worker => "must be \"WK\" followed by 32 hexadecimal digits",
            SidKind::TaskQueue => "must be \"WQ\" followed by 32 hexadecimal digits",
        }
    }

    /// The rule of this kind of SID.
    pub fn check(self, value: &str) -> Result<(), ValueError> {
        if is_sid(value, self.prefix()) || (self == SidKind::SyncService && value == "default") {
            Ok(())
        } else {
            Err(ValueError::Sid {
                kind: self,
                value: value.to_owned(),
            })
        }
    }
}

/// A SID type of one [`SidKind`], with its rule and every conversion the other value types have.
macro_rules! sid_type {
    ($(#[$doc:meta])* $ty:ident, $kind:ident, $example:literal) => {
        super::kinded_type! {
            $(#[$doc])*
            $ty: SidKind::$kind, "SID", $example, [concat!($example, "0")]
        }
    };
}

sid_type!(
    /// An API key SID, the issuer of an access token: `SK` followed by 32 hexadecimal digits.
    ApiKeySid, ApiKey, "SK0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A push credential SID: `CR` followed by 32 hexadecimal digits.
    PushCredentialSid, PushCredential, "CR0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A Conversations (chat) service SID: `IS` followed by 32 hexadecimal digits.
    ChatServiceSid, ChatService, "IS0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A Sync service SID: `IS` followed by 32 hexadecimal digits, or `default`.
    SyncServiceSid, SyncService, "IS0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A chat deployment role SID: `RL` followed by 32 hexadecimal digits.
    DeploymentRoleSid, DeploymentRole, "RL0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A TaskRouter workspace SID: `WS` followed by 32 hexadecimal digits.
    WorkspaceSid, Workspace, "WS0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A TaskRouter worker SID: `WK` followed by 32 hexadecimal digits.
    WorkerSid, Worker, "WK0123456789abcdef0123456789abcdef"
);
sid_type!(
    /// A TaskRouter task queue SID: `WQ` followed by 32 hexadecimal digits.
    TaskQueueSid, TaskQueue, "WQ0123456789abcdef0123456789abcdef"
);
