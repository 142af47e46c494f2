//! The compact JSON text of the specs (`access-token.md` 1.5), as `serde_json` writes it: `"`
//! and `\` escaped, `\b \t \n \f \r` for those controls and `\u00XX` (lower-case hex) for the
//! other controls below U+0020, everything else as raw UTF-8.

use crate::jwt::sink::Sink;

/// How `b` is written inside a JSON string, when it is not written as it is.
fn escape(b: u8) -> Option<&'static str> {
    const CONTROLS: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    match b {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..0x20 => Some(CONTROLS[usize::from(b)]),
        _ => None,
    }
}

/// Writes `text` escaped, without the quotes around it.
pub(crate) fn escape_into(out: &mut impl Sink, text: &str) {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if let Some(escaped) = escape(b) {
            // `i` is at an ASCII byte, so both slices fall on char boundaries.
            out.put(&text[start..i]);
            out.put(escaped);
            start = i + 1;
        }
    }
    out.put(&text[start..]);
}

/// The length of `text` escaped, without quotes: what the tests check `escape_into` against.
#[cfg(test)]
fn escaped_len(text: &str) -> usize {
    text.bytes().map(|b| escape(b).map_or(1, str::len)).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{escape_into, escaped_len};

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn the_spec_examples() {
        assert_eq!(escaped(r#"say "hi" C:\dir"#), r#"say \"hi\" C:\\dir"#);
        assert_eq!(escaped("one\ntwo\ta\u{8}\u{c}\r"), r#"one\ntwo\ta\b\f\r"#);
        assert_eq!(escaped("\u{1}\u{1f}"), r#"\u0001\u001f"#);
        // Raw: `/`, DEL, U+2028 and all non-ASCII text.
        assert_eq!(escaped("a/b\u{7f}\u{2028}é😀"), "a/b\u{7f}\u{2028}é😀");
    }

    proptest! {
        #[test]
        fn serde_json_writes_the_same(text in any::<String>()) {
            let mut json = serde_json::to_string(&text).unwrap();
            json.pop();
            json.remove(0);
            prop_assert_eq!(escaped(&text), json.clone());
            prop_assert_eq!(escaped_len(&text), json.len());
        }
    }
}
