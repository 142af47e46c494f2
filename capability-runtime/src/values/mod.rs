//! Validated value types: each one can only hold text that passed its rule (spec section 2).

mod client_name;
mod error;
mod grant_kind;
mod identity;
mod outgoing;
mod region;
mod secret;
mod sid;
mod taskrouter;
mod text;
mod ttl;

pub use client_name::ClientName;
pub use error::{ParamScope, ValueError};
pub use grant_kind::GrantKind;
pub use identity::Identity;
pub use outgoing::Outgoing;
pub use region::Region;
pub use secret::{ApiSecret, AuthToken};
pub use sid::{
    AccountSid, ApiKeySid, AppSid, ChatServiceSid, DeploymentRoleSid, PushCredentialSid, SidKind,
    SyncServiceSid, TaskQueueSid, WorkerSid, WorkspaceSid,
};
pub use taskrouter::{Allow, ChannelKind, Method, TaskRouterUrl};
pub use text::{EndpointId, RoomName, TaskRouterRole, TextKind};
pub use ttl::Ttl;

/// Calls `$m!` with every checked text type that an input of a policy file may fill: the impls
/// written once per type (the runtime's lowering of templates, the facade's conversions of
/// derived fields) take the list from here.
#[doc(hidden)]
#[macro_export]
macro_rules! __for_each_input_type {
    ($m:ident) => {
        $m!(
            AppSid,
            ChatServiceSid,
            ClientName,
            DeploymentRoleSid,
            EndpointId,
            Identity,
            PushCredentialSid,
            Region,
            RoomName,
            SyncServiceSid,
            TaskQueueSid,
            TaskRouterRole,
            TaskRouterUrl,
            WorkerSid,
            WorkspaceSid
        );
    };
}

/// The conversions every validated text type offers, written once.
///
/// The type must be a newtype over `Cow<'static, str>` with an associated
/// `fn check(&str) -> Result<(), ValueError>`.
macro_rules! text_value {
    ($ty:ident) => {
        impl $ty {
            /// The checked text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::ValueError;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::check(value)?;
                Ok($ty(::std::borrow::Cow::Owned(value.to_owned())))
            }
        }

        impl $crate::__macro_support::Checked for $ty {
            fn checked(value: &'static str) -> Self {
                $ty(::std::borrow::Cow::Borrowed(value))
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::ValueError;
            fn try_from(value: &str) -> Result<Self, Self::Error> {
                value.parse()
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::ValueError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::check(&value)?;
                Ok($ty(::std::borrow::Cow::Owned(value)))
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::try_from(text).map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use text_value;

/// A text type of one kind, a [`SidKind`] or a [`TextKind`]: the newtype, with an example
/// that parses and values that do not, its `KIND`, the kind's rule, and the conversions of
/// `text_value!`.
macro_rules! kinded_type {
    (
        $(#[$doc:meta])* $ty:ident: $kinds:ident::$kind:ident, $noun:literal,
        $example:literal, [$($bad:expr),*]
    ) => {
        $(#[$doc])*
        ///
        /// ```
        #[doc = concat!("use capability::", stringify!($ty), ";")]
        ///
        #[doc = concat!("let value: ", stringify!($ty), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(value.as_str(), \"", $example, "\");")]
        $(#[doc = concat!("assert!(\"", $bad, "\".parse::<", stringify!($ty), ">().is_err());")])*
        /// # Ok::<(), capability::ValueError>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(::std::borrow::Cow<'static, str>);

        impl $ty {
            #[doc = concat!("The kind of ", $noun, " this is.")]
            pub const KIND: $kinds = $kinds::$kind;

            #[doc = concat!("The rule of its [`", stringify!($kinds), "`].")]
            pub fn check(value: &str) -> Result<(), $crate::ValueError> {
                Self::KIND.check(value)
            }
        }

        super::text_value!($ty);
    };
}
pub(crate) use kinded_type;

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{AccountSid, AppSid, AuthToken, ClientName, Ttl};

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // read only through Debug
    struct Config {
        sid: AccountSid,
        token: AuthToken,
        name: ClientName,
        app: AppSid,
        ttl: Ttl,
    }

    const GOOD: &str = r#"
sid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
token = "secret"
name = "alice"
app = "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
ttl = 300
"#;

    #[test]
    fn serde_checks_each_value_and_toml_places_the_error() {
        let config: Config = toml::from_str(GOOD).unwrap();
        assert_eq!(config.name.as_str(), "alice");
        assert_eq!(config.ttl.as_secs(), 300);

        let bad = GOOD.replace("\"alice\"", "\"bob smith\"");
        let err = toml::from_str::<Config>(&bad).unwrap_err();
        assert_eq!(
            err.span(),
            Some(bad.find("\"bob smith\"").unwrap()..bad.find("\"bob smith\"").unwrap() + 11)
        );
        assert!(err.to_string().contains("line 4, column 8"), "{err}");
        assert!(
            err.to_string().contains(
                r#"client name "bob smith" may contain only letters, digits and underscores"#
            ),
            "{err}"
        );
        for (from, to, rule) in [
            ("= 300", "= 0", "ttl 0 must be"),
            ("\"secret\"", "\"\"", "auth token must not be empty"),
            (
                "APbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
                "AP1",
                "application SID \"AP1\"",
            ),
            (
                "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "AC1",
                "account SID \"AC1\"",
            ),
        ] {
            let err = toml::from_str::<Config>(&GOOD.replace(from, to)).unwrap_err();
            assert!(
                err.span().is_some() && err.to_string().contains(rule),
                "{err}"
            );
        }
    }
}
