//! What the formats' builders share: setters that collect each value, so that `build` sees
//! every one given and can refuse a value given twice.

/// Setters that push their argument onto a field of the builder.
macro_rules! pushing_setters {
    ($($(#[$doc:meta])* fn $name:ident($arg:ident: $ty:ty) => $field:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(mut self, $arg: $ty) -> Self {
            self.$field.push($arg);
            self
        }
    )*};
}

pub(crate) use pushing_setters;
