//! Dotenv files, for `--env-file`: `KEY=VALUE` lines.
//!
//! - Blank lines and lines starting with `#` are ignored.
//! - A line may start with `export `.
//! - A value may be in single quotes (taken as written) or double quotes (where `\"`, `\\`,
//!   `\n`, `\r`, `\t` and `\$` are escapes).
//! - In an unquoted value, a `#` after whitespace starts a comment; spaces around the value are
//!   dropped.
//! - When a key appears twice, the last one wins.
//!
//! Errors give the file and line number and what is wrong, never the text of the line: the
//! file holds a secret.

use std::io::Read as _;
use std::path::Path;

use zeroize::Zeroize as _;

/// The largest env file read, in bytes.
const MAX_LEN: u64 = 64 * 1024;

/// The variables of a dotenv file. The values are overwritten with zeros when it is dropped.
#[derive(Default)]
pub struct EnvFile {
    vars: Vec<(String, String)>,
}

impl EnvFile {
    /// The value of `key`: the last one the file gives.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl Drop for EnvFile {
    fn drop(&mut self) {
        for (_, value) in &mut self.vars {
            value.zeroize();
        }
    }
}

/// Reads and parses the dotenv file at `path`.
///
/// # Errors
/// A message naming the file, and the line when the text is at fault.
pub fn read(path: &Path) -> Result<EnvFile, String> {
    let shown = path.display();
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read the env file {shown}: {e}"))?;
    let mut bytes = Vec::new();
    let read = file.take(MAX_LEN + 1).read_to_end(&mut bytes);
    let result = match read {
        Err(e) => Err(format!("cannot read the env file {shown}: {e}")),
        Ok(_) if bytes.len() as u64 > MAX_LEN => Err(format!(
            "the env file {shown} is over the limit of {MAX_LEN} bytes"
        )),
        Ok(_) => match std::str::from_utf8(&bytes) {
            Err(_) => Err(format!("the env file {shown} is not UTF-8 text")),
            Ok(text) => parse(text)
                .map_err(|(line, problem)| format!("the env file {shown}, line {line}: {problem}")),
        },
    };
    bytes.zeroize();
    result
}

/// Parses dotenv text.
///
/// # Errors
/// The 1-based line number and what is wrong with it.
pub fn parse(text: &str) -> Result<EnvFile, (usize, &'static str)> {
    let mut file = EnvFile::default();
    for (i, line) in text.lines().enumerate() {
        if let Some(pair) = parse_line(line).map_err(|problem| (i + 1, problem))? {
            file.vars.push(pair);
        }
    }
    Ok(file)
}

/// One line: `None` for a blank line or a comment.
fn parse_line(line: &str) -> Result<Option<(String, String)>, &'static str> {
    let line = line.trim_start();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let line = line
        .strip_prefix("export")
        .filter(|rest| rest.starts_with([' ', '\t']))
        .map_or(line, str::trim_start);
    let (key, raw) = line
        .split_once('=')
        .ok_or("expected KEY=VALUE (or a `#` comment)")?;
    let key = key.trim_end();
    let mut chars = key.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !starts_well || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err("the key must be letters, digits and `_`, not starting with a digit");
    }
    Ok(Some((key.to_owned(), value(raw)?)))
}

/// The value: the text after `=`.
fn value(raw: &str) -> Result<String, &'static str> {
    let trimmed = raw.trim_start();
    if let Some(rest) = trimmed.strip_prefix('\'') {
        let (value, after) = rest
            .split_once('\'')
            .ok_or("the single-quoted value has no closing quote")?;
        end_of_line(after)?;
        return Ok(value.to_owned());
    }
    if let Some(rest) = trimmed.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end_of_line(&rest[i + 1..])?;
                    return Ok(value);
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, 'r')) => value.push('\r'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, c @ ('"' | '\\' | '$'))) => value.push(c),
                    Some((_, c)) => {
                        value.push('\\');
                        value.push(c);
                    }
                    None => break,
                },
                c => value.push(c),
            }
        }
        value.zeroize();
        return Err("the double-quoted value has no closing quote");
    }
    // Unquoted: a `#` after whitespace starts a comment.
    let mut end = raw.len();
    let mut after_space = false;
    for (i, c) in raw.char_indices() {
        if c == '#' && after_space {
            end = i;
            break;
        }
        after_space = c.is_whitespace();
    }
    Ok(raw[..end].trim().to_owned())
}

/// What may follow a closing quote: whitespace, then optionally a comment.
fn end_of_line(after: &str) -> Result<(), &'static str> {
    let after = after.trim_start();
    if after.is_empty() || after.starts_with('#') {
        Ok(())
    } else {
        Err("unexpected text after the closing quote")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, key: &str) -> Option<String> {
        parse(text).ok()?.get(key).map(str::to_owned)
    }

    #[test]
    fn reads_plain_quoted_exported_and_commented_lines() {
        let text = "\
# credentials for the demo
TWILIO_ACCOUNT_SID=ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
export TWILIO_AUTH_TOKEN = 'a b # c'
  DOUBLE=\"x \\\"y\\\" \\\\ \\n\"   # trailing comment
UNQUOTED = hello world # comment
HASH=abc#def
EMPTY=
WINDOWS=crlf\r
";
        assert_eq!(
            get(text, "TWILIO_ACCOUNT_SID").as_deref(),
            Some("ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        );
        assert_eq!(get(text, "TWILIO_AUTH_TOKEN").as_deref(), Some("a b # c"));
        assert_eq!(get(text, "DOUBLE").as_deref(), Some("x \"y\" \\ \n"));
        assert_eq!(get(text, "UNQUOTED").as_deref(), Some("hello world"));
        assert_eq!(get(text, "HASH").as_deref(), Some("abc#def"));
        assert_eq!(get(text, "EMPTY").as_deref(), Some(""));
        assert_eq!(get(text, "WINDOWS").as_deref(), Some("crlf"));
        assert_eq!(get(text, "MISSING"), None);
    }

    #[test]
    fn the_last_of_a_repeated_key_wins() {
        assert_eq!(get("A=1\nA=2\n", "A").as_deref(), Some("2"));
    }

    #[test]
    fn a_key_named_export_is_still_a_key() {
        assert_eq!(get("export=1\n", "export").as_deref(), Some("1"));
    }

    #[test]
    fn bad_lines_are_reported_by_number_without_their_text() {
        let cases = [
            ("A=1\nnot a pair\n", 2),
            ("A='open\n", 1),
            ("\n\nA=\"open\n", 3),
            ("A='x' y\n", 1),
            ("1A=x\n", 1),
            ("A B=x\n", 1),
            ("=x\n", 1),
        ];
        for (text, line) in cases {
            let Err((at, problem)) = parse(text) else {
                panic!("{text:?} parsed");
            };
            assert_eq!(at, line, "{text:?}");
            assert!(!problem.contains("open"), "{problem}");
        }
    }
}
