//! Errors of loading a policy file, and of binding its inputs.

use std::fmt;
use std::ops::Range;

use crate::toml::format::PolicyFormat;
use crate::{PolicyError, ValueError};

/// What is wrong at one place of a policy file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The file could not be read.
    #[error("cannot read the policy file: {message}")]
    Io {
        /// What the operating system said.
        message: String,
    },
    /// The file is over [`MAX_POLICY_LEN`](crate::MAX_POLICY_LEN): more than `max` bytes were
    /// read, and no more than one past it, so a device or a pipe that never ends is refused too.
    /// It was not parsed.
    #[error("policy file is more than {max} bytes long, over the limit")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// The text is not valid TOML.
    #[error("TOML syntax: {message}")]
    Syntax {
        /// What the TOML parser said.
        message: String,
    },
    /// A key the schema does not have. A typo must never silently drop a grant.
    #[error("unknown key `{key}` in {table}; expected one of: {}", expected.join(", "))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it stands, as `[outgoing]`.
        table: &'static str,
        /// The keys that table may hold.
        expected: &'static [&'static str],
    },
    /// A key the schema requires is absent.
    #[error("{table} needs the key `{key}`")]
    MissingKey {
        /// The missing key.
        key: &'static str,
        /// The table that lacks it.
        table: &'static str,
    },
    /// A value has the wrong TOML type.
    #[error("`{key}` must be {expected}, found {found}")]
    WrongType {
        /// The key, as `outgoing.params.user_id`.
        key: String,
        /// What it must be.
        expected: &'static str,
        /// The TOML type found.
        found: &'static str,
    },
    /// `format` names no format this crate knows.
    #[error(
        "unknown policy format {value:?}; expected \"capability\", \"access-token\" or \"taskrouter\""
    )]
    UnknownFormat {
        /// The format as written.
        value: String,
    },
    /// The file is of another format than the loader reads.
    #[error("this is {} policy; load it with {}, or with PolicyFile for any format", found.article(), found.loader())]
    WrongFormat {
        /// The file's format.
        found: PolicyFormat,
    },
    /// A table or key of another format: `[incoming]` in an access-token policy, say.
    #[error("`{key}` belongs to {belongs} policies, but this file is format = \"{format}\"")]
    OtherFormatKey {
        /// The key as written.
        key: String,
        /// The format it belongs to.
        belongs: PolicyFormat,
        /// The file's format.
        format: PolicyFormat,
    },
    /// An array of client names holds none.
    #[error("`incoming.client_name` must name at least one client")]
    NoClientNames,
    /// An input name breaks its rule.
    #[error("input name {name:?} must be 1 or more of A-Z a-z 0-9 _ -")]
    InputName {
        /// The name as written.
        name: String,
    },
    /// A value breaks its field's rule.
    #[error(transparent)]
    Value(ValueError),
    /// The policy breaks a policy-level rule.
    #[error(transparent)]
    Policy(PolicyError),
}

impl LoadErrorKind {
    /// Whether the error is about the whole file (it could not be read, or is too large), and
    /// so has no place in it: its [`Diagnostic`] is at 1:1 with an empty span, and neither
    /// [`LoadError`]'s `Display` nor [`LoadError::render`] shows a location.
    pub fn is_whole_file(&self) -> bool {
        matches!(
            self,
            LoadErrorKind::Io { .. } | LoadErrorKind::TooLarge { .. }
        )
    }
}

/// One error at one place of a policy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong.
    pub kind: LoadErrorKind,
    /// The byte range of the offending text.
    pub span: Range<usize>,
    /// The 1-based line where it starts.
    pub line: usize,
    /// The 1-based column, in characters, where it starts.
    pub column: usize,
}

/// Why a policy file could not be loaded: every error found, each with its place.
///
/// `Display` writes one line per error, as `file:line:column: message` (`file: message` for an
/// error about the whole file).
/// [`LoadError::render`] writes them rustc-style, with the line and a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    origin: Option<String>,
    source: String,
    diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub(crate) fn new(origin: Option<String>, source: &str, diagnostics: Vec<Diagnostic>) -> Self {
        LoadError {
            origin,
            source: source.to_owned(),
            diagnostics,
        }
    }

    /// The file the errors are in, when the policy came from one.
    pub fn origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// Every error, in the order of the file.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The text the errors point into: the whole policy, or nothing when the file could not
    /// be read or was too large.
    pub fn source_text(&self) -> &str {
        &self.source
    }

    /// The errors rustc-style: `error: message`, then `--> file:line:column`, the line of the
    /// policy and a caret under the offending text. The error keeps the text it was loaded
    /// from, so nothing is read again.
    ///
    /// ```
    /// let e = capability::PolicyFile::from_toml_str("ttl = 0\n[incoming]\nclient_name = \"a\"\n")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     e.render(),
    ///     "error: ttl 0 must be a whole number of seconds from 1 to 86400\n \
    ///      --> <policy>:1:7\n  |\n1 | ttl = 0\n  |       ^\n\n"
    /// );
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            render_one(&mut out, self.origin.as_deref(), &self.source, d);
        }
        out
    }
}

pub(crate) fn render_one(out: &mut String, origin: Option<&str>, source: &str, d: &Diagnostic) {
    use std::fmt::Write as _;
    let origin = origin.unwrap_or("<policy>");
    if d.kind.is_whole_file() {
        let _ = writeln!(out, "error: {origin}: {}\n", d.kind);
        return;
    }
    let _ = writeln!(out, "error: {}", d.kind);
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    let _ = writeln!(out, "{pad}--> {origin}:{}:{}", d.line, d.column);
    let Some(text) = source.lines().nth(d.line - 1) else {
        out.push('\n');
        return;
    };
    // The caret covers the span, up to the end of its first line, and at least one column.
    let start = d.column - 1;
    let line_start = source[..d.span.start.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let span_end = d.span.end.min(line_start + text.len()).max(d.span.start);
    let width = source
        .get(d.span.start..span_end)
        .map_or(1, |s| s.chars().count())
        .max(1);
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{number} | {text}");
    let _ = writeln!(out, "{pad} | {}{}", " ".repeat(start), "^".repeat(width));
    out.push('\n');
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            match (&self.origin, d.kind.is_whole_file()) {
                (Some(origin), true) => write!(f, "{origin}: {}", d.kind)?,
                (None, true) => write!(f, "{}", d.kind)?,
                (Some(origin), false) => write!(f, "{origin}:{}:{}: {}", d.line, d.column, d.kind)?,
                (None, false) => write!(f, "{}:{}: {}", d.line, d.column, d.kind)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// One problem with the inputs given to [`CapabilityTemplate::bind`](crate::CapabilityTemplate::bind).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BindProblem {
    /// The policy needs this input and it was not given.
    #[error("input `{input}` is missing")]
    Missing {
        /// The input.
        input: String,
    },
    /// This input was given but the policy has no such input.
    #[error("input `{input}` is not used by this policy")]
    Unknown {
        /// The input.
        input: String,
    },
    /// A [`CapabilityMinter`](crate::CapabilityMinter) was given the wrong number of input values.
    #[error("{given} input values given; this policy takes {expected}")]
    InputCount {
        /// How many the policy takes.
        expected: usize,
        /// How many were given.
        given: usize,
    },
    /// This input was given twice.
    #[error("input `{input}` is given more than once")]
    Repeated {
        /// The input.
        input: String,
    },
    /// The input's value breaks the rule of the field it fills.
    #[error("input `{input}`: {error}")]
    Invalid {
        /// The input.
        input: String,
        /// The rule broken.
        error: ValueError,
    },
    /// With the inputs in place, the policy breaks a policy-level rule, such as two incoming
    /// inputs with the same client name.
    #[error(transparent)]
    Policy(PolicyError),
}

/// Why inputs could not be bound: every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    problems: Vec<BindProblem>,
}

impl BindError {
    pub(crate) fn new(problems: Vec<BindProblem>) -> Self {
        BindError { problems }
    }

    /// Every problem, missing and unknown inputs first.
    pub fn problems(&self) -> &[BindProblem] {
        &self.problems
    }
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BindError {}
