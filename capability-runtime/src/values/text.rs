use crate::ValueError;

/// The free-text fields of an access token, each with its length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextKind {
    /// A video room's name: 1 to 128 characters.
    Room,
    /// An endpoint id: 1 to 256 characters.
    EndpointId,
    /// A TaskRouter role: 1 to 256 characters.
    Role,
}

impl TextKind {
    /// The most characters the field may have.
    pub const fn max_chars(self) -> usize {
        match self {
            TextKind::Room => 128,
            TextKind::EndpointId | TextKind::Role => 256,
        }
    }

    /// The field, as `video room`.
    pub const fn field(self) -> &'static str {
        match self {
            TextKind::Room => "video room",
            TextKind::EndpointId => "endpoint id",
            TextKind::Role => "TaskRouter role",
        }
    }

    /// The rule of this kind of text.
    pub fn check(self, value: &str) -> Result<(), ValueError> {
        let count = value.chars().count();
        if (1..=self.max_chars()).contains(&count) && !value.chars().any(char::is_control) {
            Ok(())
        } else {
            Err(ValueError::Text {
                kind: self,
                value: value.to_owned(),
            })
        }
    }

    /// The rule, as `must be 1 to 128 characters, none of them a control character`.
    pub const fn rule(self) -> &'static str {
        match self {
            TextKind::Room => "must be 1 to 128 characters, none of them a control character",
            TextKind::EndpointId | TextKind::Role => {
                "must be 1 to 256 characters, none of them a control character"
            }
        }
    }
}

/// A text type of one [`TextKind`].
macro_rules! text_type {
    ($(#[$doc:meta])* $ty:ident, $kind:ident, $example:literal) => {
        super::kinded_type! {
            $(#[$doc])*
            $ty: TextKind::$kind, "text", $example, ["", "a\\nb"]
        }
    };
}

text_type!(
    /// The video room a token may join.
    RoomName, Room, "Daily Standup"
);
text_type!(
    /// An endpoint id: which of an identity's devices a grant is for.
    EndpointId, EndpointId, "alice:browser:1"
);
text_type!(
    /// A TaskRouter role, such as `worker` or `supervisor`.
    TaskRouterRole, Role, "supervisor"
);
