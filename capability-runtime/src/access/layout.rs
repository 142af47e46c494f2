//! The bytes of an access token (spec section 1), written once for every front end: the header,
//! the claims around the grants, and the grants object, with each string known now or left as
//! a slot to fill at mint time. A slot of an access token is JSON-escaped.

use crate::jwt::json;
use crate::jwt::layout::{Piece, Text, Writer};
use crate::jwt::sink::Sink;
use crate::{AccountSid, ApiKeySid};

/// What the grants object holds, each string known or a slot.
#[derive(Debug, Clone)]
pub(crate) struct Grants<'a> {
    pub(crate) identity: Text<'a>,
    pub(crate) voice: Option<Voice<'a>>,
    /// `Some(room)` for a video grant, with its room if it has one.
    pub(crate) video: Option<Option<Text<'a>>>,
    /// Each grant's fields, in the order of spec 1.4, as `(key, value)`.
    pub(crate) chat: Option<Vec<(&'static str, Text<'a>)>>,
    pub(crate) sync: Option<Vec<(&'static str, Text<'a>)>>,
    pub(crate) task_router: Option<Vec<(&'static str, Text<'a>)>>,
}

/// A grant's fields that are set, in order.
pub(crate) fn set_fields<'a, const N: usize>(
    fields: [Option<(&'static str, Text<'a>)>; N],
) -> Vec<(&'static str, Text<'a>)> {
    fields.into_iter().flatten().collect()
}

/// The voice grant's fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct Voice<'a> {
    pub(crate) incoming: bool,
    pub(crate) outgoing: Option<(Text<'a>, Vec<(Text<'a>, Text<'a>)>)>,
    pub(crate) push_credential_sid: Option<Text<'a>>,
    pub(crate) endpoint_id: Option<Text<'a>>,
}

/// `{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1"[,"twr":"<region>"]}` (spec 1.2).
pub(crate) fn header(region: Option<Text<'_>>) -> Vec<Piece<String>> {
    let mut w = Writer::default();
    w.lit(r#"{"typ":"JWT","alg":"HS256","cty":"twilio-fpa;v=1""#);
    if let Some(region) = region {
        w.lit(r#","twr":"#);
        string(&mut w, region);
    }
    w.lit("}");
    w.finish()
}

/// `{"identity":…, "voice":{…}, …}`: identity first, then each grant in the order of spec 1.4,
/// each field only when set.
pub(crate) fn grants(g: &Grants<'_>) -> Vec<Piece<String>> {
    let mut w = Writer::default();
    w.lit(r#"{"identity":"#);
    string(&mut w, g.identity);
    if let Some(voice) = &g.voice {
        w.lit(r#","voice":{"#);
        let mut fields = Fields::default();
        if voice.incoming {
            fields.key(&mut w, "incoming");
            w.lit(r#"{"allow":true}"#);
        }
        if let Some((app, params)) = &voice.outgoing {
            fields.key(&mut w, "outgoing");
            w.lit(r#"{"application_sid":"#);
            string(&mut w, *app);
            if !params.is_empty() {
                w.lit(r#","params":{"#);
                for (i, &(key, value)) in params.iter().enumerate() {
                    if i > 0 {
                        w.lit(",");
                    }
                    string(&mut w, key);
                    w.lit(":");
                    string(&mut w, value);
                }
                w.lit("}");
            }
            w.lit("}");
        }
        let rest = [
            ("push_credential_sid", voice.push_credential_sid),
            ("endpoint_id", voice.endpoint_id),
        ];
        for (key, value) in rest {
            if let Some(value) = value {
                fields.key(&mut w, key);
                string(&mut w, value);
            }
        }
        w.lit("}");
    }
    if let Some(room) = g.video {
        w.lit(r#","video":{"#);
        if let Some(room) = room {
            w.lit(r#""room":"#);
            string(&mut w, room);
        }
        w.lit("}");
    }
    let simple = [
        ("chat", &g.chat),
        ("data_sync", &g.sync),
        ("task_router", &g.task_router),
    ];
    for (grant, fields) in simple {
        let Some(fields) = fields else { continue };
        w.lit(&format!(r#","{grant}":{{"#));
        for (i, &(key, value)) in fields.iter().enumerate() {
            if i > 0 {
                w.lit(",");
            }
            w.lit(&format!(r#""{key}":"#));
            string(&mut w, value);
        }
        w.lit("}");
    }
    w.lit("}");
    w.finish()
}

/// Separates the fields of one object.
#[derive(Default)]
struct Fields {
    started: bool,
}

impl Fields {
    fn key(&mut self, w: &mut Writer, key: &str) {
        if self.started {
            w.lit(",");
        }
        self.started = true;
        w.lit(&format!(r#""{key}":"#));
    }
}

/// A JSON string: known text escaped now, a slot escaped at mint time, between quotes.
fn string(w: &mut Writer, text: Text<'_>) {
    w.lit("\"");
    w.text_as(text, json::escape_into);
    w.lit("\"");
}

/// `{"jti":"SK…-`: the payload up to `now`.
pub(crate) fn put_jti(out: &mut impl Sink, key_sid: &ApiKeySid) {
    // SIDs are ASCII letters and digits: no JSON escaping.
    out.put(r#"{"jti":""#);
    out.put(key_sid.as_str());
    out.put("-");
}

/// `","iss":"SK…","sub":"AC…","exp":`: the payload from `now` to `exp`.
pub(crate) fn put_issuer(out: &mut impl Sink, key_sid: &ApiKeySid, account_sid: &AccountSid) {
    out.put(r#"","iss":""#);
    out.put(key_sid.as_str());
    out.put(r#"","sub":""#);
    out.put(account_sid.as_str());
    out.put(r#"","exp":"#);
}

/// `,"grants":`: the payload from `exp` to the grants object, which the payload's closing
/// brace follows.
pub(crate) const GRANTS_KEY: &str = r#","grants":"#;

/// The length of the payload around a grants object of `grants_len` bytes, for `now` and `exp`
/// of at most 20 digits each, and SIDs of 34 characters.
pub(crate) fn payload_len(grants_len: usize, now: u64, exp: u64) -> usize {
    let digits = |n: u64| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    let fixed = r#"{"jti":"-","iss":"","sub":"","exp":,"grants":}"#.len() + 3 * 34;
    fixed + digits(now) + digits(exp) + grants_len
}

#[cfg(test)]
mod tests {
    use super::payload_len;

    #[test]
    fn payload_len_counts_every_byte() {
        let sk = format!("SK{}", "b".repeat(32));
        let ac = format!("AC{}", "a".repeat(32));
        for (now, exp) in [(0, 1), (1_700_000_000, 1_700_003_600), (u64::MAX, u64::MAX)] {
            let payload = format!(
                r#"{{"jti":"{sk}-{now}","iss":"{sk}","sub":"{ac}","exp":{exp},"grants":{{}}}}"#
            );
            assert_eq!(payload_len(2, now, exp), payload.len());
        }
    }
}
