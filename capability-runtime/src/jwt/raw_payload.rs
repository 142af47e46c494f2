//! A payload's claims as they stand, for a format's reader: the registered claims are
//! declared here once, and each format adds its own.

/// Declares a format's raw payload: `iss`, `exp`, `nbf`, `iat` and the claims named before
/// the `;` as [`Field`](crate::jwt::verify::Field)s, then the fields given with their types.
/// (The order of the fields is not the order of the keys: serde matches keys by name.)
macro_rules! raw_payload {
    (
        $(#[$attr:meta])*
        struct $name:ident<'a $(, $param:ident)*> {
            $($claim:ident),* $(,)?;
            $($(#[$field_attr:meta])* $field:ident: $ty:ty,)*
        }
    ) => {
        #[derive(serde::Deserialize)]
        $(#[$attr])*
        struct $name<'a $(, $param)*> {
            #[serde(borrow, default)]
            iss: $crate::jwt::verify::Field<'a>,
            #[serde(borrow, default)]
            exp: $crate::jwt::verify::Field<'a>,
            #[serde(borrow, default)]
            nbf: $crate::jwt::verify::Field<'a>,
            #[serde(borrow, default)]
            iat: $crate::jwt::verify::Field<'a>,
            $(
                #[serde(borrow, default)]
                $claim: $crate::jwt::verify::Field<'a>,
            )*
            $($(#[$field_attr])* $field: $ty,)*
        }
    };
}

pub(crate) use raw_payload;
