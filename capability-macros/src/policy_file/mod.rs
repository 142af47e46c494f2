//! `#[derive(PolicyFile)]`: a policy file read by the compiler, through the runtime's own
//! loader, with the struct's fields as its inputs. Parse (the struct), validate (the file and
//! the fields against its inputs), expand (the impls).

pub(crate) mod expand;
pub(crate) mod parse;
pub(crate) mod validate;
