//! The token server example, served on an ephemeral loopback port and asked over HTTP/1.1 by a
//! real client (hyper's, or raw bytes on a socket): it mints only for the user its trusted
//! header names, its access and capability tokens verify and grant what the policies say, bad
//! requests get a 400 with a JSON error, and a request with no user a 401. The built example
//! binary refuses to start without an identity setting and prints its secrets nowhere.

mod support;

#[path = "../examples/token_server.rs"]
#[allow(dead_code)] // the example's `main` is not called here
mod token_server;

use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use capability::{
    AccessTemplate, Credentials, Scope, verify_access_token, verify_capability_token,
};
use http_body_util::BodyExt as _;
use hyper::header::{CONTENT_TYPE, HOST, HeaderMap, HeaderName};
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use support::{ACCOUNT_SID, API_KEY_SID, API_SECRET, AUTH_TOKEN, api_key, creds};
use token_server::IdentitySource;
use tokio::net::TcpStream;

/// Every network step of a test gets this long; the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(10);

const APP_SID: &str = "AP89a0180a1a4ddf1da954efca349b7a20";

/// The header the tests configure, as oauth2-proxy's `--set-xauthrequest` names it.
const USER: &str = "X-Auth-Request-User";

/// Both keys.
fn keys() -> token_server::Keys {
    token_server::Keys {
        api_key: Some(api_key()),
        credentials: Some(creds()),
    }
}

/// The identity from the `X-Auth-Request-User` header.
fn from_header() -> IdentitySource {
    IdentitySource::Header(HeaderName::from_static("x-auth-request-user"))
}

/// Starts the example's app on `127.0.0.1:0`, as `main` does, and gives its address.
async fn start_with(keys: token_server::Keys, identity: IdentitySource, floor: bool) -> SocketAddr {
    let (listener, addr) = token_server::listen(token_server::DEFAULT_HOST, 0)
        .await
        .expect("bind 127.0.0.1:0");
    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);
    tokio::spawn(async move {
        axum::serve(listener, token_server::app(keys, identity, floor))
            .await
            .unwrap();
    });
    addr
}

/// Both keys, the identity from the header.
async fn start() -> SocketAddr {
    start_with(keys(), from_header(), false).await
}

/// Both keys and the floor, the identity from the query string.
async fn start_insecure() -> SocketAddr {
    start_with(keys(), IdentitySource::InsecureQuery, true).await
}

/// A response: status, headers, `Content-Type`, body as JSON.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    content_type: String,
    body: Value,
}

/// `GET path_and_query` over a fresh HTTP/1.1 connection, with no user header.
async fn get(addr: SocketAddr, path_and_query: &str) -> Answer {
    request(addr, path_and_query, &[]).await
}

/// `GET path_and_query` as `user`, in the trusted header.
async fn get_as(addr: SocketAddr, path_and_query: &str, user: &str) -> Answer {
    request(addr, path_and_query, &[(USER, user.as_bytes())]).await
}

/// `GET path_and_query` with these headers, in this order, over a fresh HTTP/1.1 connection.
async fn request(addr: SocketAddr, path_and_query: &str, headers: Headers<'_>) -> Answer {
    let exchange = async {
        let stream = TcpStream::connect(addr).await.expect("connect");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("HTTP/1.1 handshake");
        tokio::spawn(connection);
        let mut request = Request::get(path_and_query).header(HOST, addr.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(String::new()).unwrap();
        let response = sender.send_request(request).await.expect("send request");
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers
            .get(CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("read body")
            .to_bytes();
        let body = if status == StatusCode::NOT_FOUND && bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "GET {path_and_query}: body is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        Answer {
            status,
            headers,
            content_type,
            body,
        }
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| panic!("GET {path_and_query} took over {TIMEOUT:?}"))
}

/// Header lines, name and value, in the order they are sent.
type Headers<'a> = &'a [(&'a str, &'a [u8])];

/// An answer read off a socket as it came: status, head and body.
struct RawAnswer {
    status: u16,
    head: String,
    body: String,
}

impl RawAnswer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {:?}", self.body))
    }
}

/// `GET path_and_query` with these header lines written byte for byte, then
/// `Connection: close`, over a blocking socket: names in any case, any bytes in values.
fn raw_get(addr: SocketAddr, path_and_query: &str, headers: Headers<'_>) -> RawAnswer {
    let mut request = format!("GET {path_and_query} HTTP/1.1\r\nHost: {addr}\r\n").into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(name.as_bytes());
        request.extend_from_slice(b": ");
        request.extend_from_slice(value);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"Connection: close\r\n\r\n");
    let mut stream = std::net::TcpStream::connect_timeout(&addr, TIMEOUT).expect("connect");
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(TIMEOUT)).unwrap();
    stream.write_all(&request).expect("send request");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the answer");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("GET {path_and_query}: no end of head in {text:?}"));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("GET {path_and_query}: no status in {head:?}"));
    RawAnswer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// `raw_get` from an async test, off the runtime's thread.
async fn raw_get_async(
    addr: SocketAddr,
    path: &'static str,
    headers: Vec<(&'static str, Vec<u8>)>,
) -> RawAnswer {
    tokio::task::spawn_blocking(move || {
        let headers: Vec<(&str, &[u8])> = headers.iter().map(|(n, v)| (*n, &v[..])).collect();
        raw_get(addr, path, &headers)
    })
    .await
    .unwrap()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The error message of a JSON error answer.
fn error(answer: &Answer) -> &str {
    answer.body["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {}", answer.body))
}

#[tokio::test]
async fn an_access_token_is_served_and_verifies() {
    let addr = start().await;
    let before = unix_now();
    let answer = get_as(addr, "/token", "alice").await;
    let after = unix_now();

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    assert!(!answer.headers.contains_key("x-token-server-warning"));
    let fields: Vec<_> = answer.body.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["identity", "token"]);
    assert_eq!(answer.body["identity"], "alice");

    let token = answer.body["token"].as_str().unwrap();
    let key = api_key();
    let decoded = verify_access_token(token, key.secret(), after, 0).expect("the token verifies");
    assert_eq!(decoded.sub, ACCOUNT_SID);
    assert_eq!(decoded.identity, "alice");
    assert!((before + 3600..=after + 3600).contains(&decoded.claims.exp));
    let voice = decoded.grants.voice.as_ref().unwrap();
    assert!(voice.incoming);
    assert_eq!(voice.outgoing.as_ref().unwrap().application_sid, APP_SID);

    // Byte for byte what the policy file signs for the same time.
    let template = AccessTemplate::from_toml_file("examples/policies/token_server.toml").unwrap();
    let policy = template.bind([("identity", "alice")]).unwrap();
    let expected = policy.sign_at(&key, decoded.claims.exp - 3600).unwrap();
    assert_eq!(token, expected.as_str());

    // Signed with the test key and nothing else.
    let other: capability::ApiSecret = "another secret".parse().unwrap();
    assert!(verify_access_token(token, &other, after, 0).is_err());
}

#[tokio::test]
async fn the_server_serves_what_its_keys_allow() {
    let only_api_key = token_server::Keys {
        api_key: Some(api_key()),
        credentials: None,
    };
    assert_eq!(
        token_server::routes(&only_api_key, true),
        ["/token", "/floor"]
    );
    let addr = start_with(only_api_key, from_header(), true).await;
    assert_eq!(get_as(addr, "/token", "a").await.status, StatusCode::OK);
    // The load benchmark sends the floor the request it sends `/token`.
    let floor = get_as(addr, "/floor", "alice").await;
    assert_eq!(floor.status, StatusCode::OK);
    assert_eq!(floor.body["identity"], "alice");
    // As long as a token answer for `alice`, with no token in it.
    let real = get_as(addr, "/token", "alice").await;
    assert_eq!(
        serde_json::to_string(&floor.body).unwrap().len(),
        serde_json::to_string(&real.body).unwrap().len()
    );
    assert!(!floor.body["token"].as_str().unwrap().contains('.'));
    assert_eq!(
        get_as(addr, "/capability-token", "a").await.status,
        StatusCode::NOT_FOUND
    );

    let only_auth_token = token_server::Keys {
        api_key: None,
        credentials: Some(creds()),
    };
    assert_eq!(
        token_server::routes(&only_auth_token, true),
        ["/capability-token"]
    );
    let addr = start_with(only_auth_token, from_header(), false).await;
    assert_eq!(
        get_as(addr, "/token", "a").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(addr, "/floor", "a").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(addr, "/capability-token", "a").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_capability_token_is_served_and_verifies() {
    let addr = start().await;
    let before = unix_now();
    let answer = get_as(addr, "/capability-token", "alice").await;
    let after = unix_now();

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let fields: Vec<_> = answer.body.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["identity", "token"]);
    assert_eq!(answer.body["identity"], "alice");

    let token = answer.body["token"].as_str().unwrap();
    let decoded =
        verify_capability_token(token, creds().auth_token(), after, 0).expect("the token verifies");
    assert_eq!(decoded.claims.iss, ACCOUNT_SID);
    assert!(
        (before + 3600..=after + 3600).contains(&decoded.claims.exp),
        "exp {} is not an hour after the request",
        decoded.claims.exp
    );
    assert_eq!(
        decoded.scopes,
        [
            Scope::Incoming {
                client_name: "alice".into()
            },
            Scope::Outgoing {
                application_sid: APP_SID.into(),
                client_name: Some("alice".into()),
                params: vec![("identity".into(), "alice".into())],
            },
        ]
    );

    // Byte for byte what the policy signs for the same expiry.
    let policy = token_server::policy(&"alice".parse().unwrap());
    let expected = policy.sign_at(&creds(), decoded.claims.exp - 3600).unwrap();
    assert_eq!(token, expected.as_str());

    // Signed with the test credentials and nothing else.
    let other = Credentials::new(ACCOUNT_SID, "fedcba9876543210fedcba9876543210").unwrap();
    assert!(verify_capability_token(token, other.auth_token(), after, 0).is_err());
}

#[tokio::test]
async fn each_request_gets_the_identity_of_its_header() {
    let addr = start().await;
    for identity in ["bob", "Agent_42", "_"] {
        let answer = get_as(addr, "/capability-token", identity).await;
        assert_eq!(answer.status, StatusCode::OK, "{identity}: {}", answer.body);
        assert_eq!(answer.body["identity"], identity);
        let token = answer.body["token"].as_str().unwrap();
        let decoded = verify_capability_token(token, creds().auth_token(), unix_now(), 0).unwrap();
        assert_eq!(
            decoded.scopes[0],
            Scope::Incoming {
                client_name: identity.into()
            }
        );

        let answer = get_as(addr, "/token", identity).await;
        assert_eq!(answer.status, StatusCode::OK, "{identity}: {}", answer.body);
        assert_eq!(answer.body["identity"], identity);
        let token = answer.body["token"].as_str().unwrap();
        let decoded = verify_access_token(token, api_key().secret(), unix_now(), 0).unwrap();
        assert_eq!(decoded.identity, identity);
    }
}

#[tokio::test]
async fn a_request_without_the_header_is_a_401() {
    let addr = start().await;
    let message = "no `x-auth-request-user` header: this server mints only for a caller signed in by the proxy in front of it";
    for path in [
        "/token",
        "/capability-token",
        "/token?identity=alice",
        "/capability-token?identity=ceo",
    ] {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(answer.content_type, "application/json", "{path}");
        assert_eq!(answer.body, json!({ "error": message }), "{path}");
    }
    // Only the configured header counts: another proxy's is no one.
    let answer = request(addr, "/token", &[("X-Forwarded-User", b"alice")]).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_header_is_read_in_any_case() {
    // As `main` reads it, in the case a user would write it.
    let vars = |var: &str| (var == "TOKEN_SERVER_USER_HEADER").then(|| OsString::from(USER));
    let source = token_server::identity_source(vars).unwrap();
    assert_eq!(source, from_header());
    let addr = start_with(keys(), source, false).await;
    for name in [
        "X-AUTH-REQUEST-USER",
        "x-auth-request-user",
        "X-Auth-Request-User",
    ] {
        let answer = raw_get_async(addr, "/token", vec![(name, b"alice".to_vec())]).await;
        assert_eq!(answer.status, 200, "{name}: {}", answer.body);
        assert_eq!(answer.json()["identity"], "alice", "{name}");
    }
}

#[tokio::test]
async fn the_header_and_a_query_identity_is_a_400() {
    let addr = start().await;
    let message = "query parameter `identity` is not accepted: the identity is the signed-in user's, from the `x-auth-request-user` header";
    for path in [
        "/token?identity=ceo",
        "/token?identity=alice",
        "/token?identity=",
        "/token?other=1&identity=ceo",
        "/capability-token?identity=ceo",
    ] {
        let answer = get_as(addr, path, "alice").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(answer.content_type, "application/json", "{path}");
        assert_eq!(answer.body, json!({ "error": message }), "{path}");
    }
    // Another query parameter is nobody's identity, and does no harm.
    let answer = get_as(addr, "/token?lang=en", "alice").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["identity"], "alice");
}

#[tokio::test]
async fn an_invalid_header_value_is_a_400_naming_the_rule() {
    let addr = start().await;
    let name_rule = |name: &str| {
        format!(r#"client name "{name}" may contain only letters, digits and underscores"#)
    };
    let identity_rule = |name: &str| {
        format!(
            "input `identity`: identity \"{name}\" must be 1 to 121 characters, none of them whitespace or a control character"
        )
    };
    let long = "a".repeat(122);
    let cases: [(&str, &[u8], String); 9] = [
        ("/capability-token", b"bob smith", name_rule("bob smith")),
        ("/capability-token", "al\u{e9}".as_bytes(), name_rule("alé")),
        (
            "/capability-token",
            b"alice@example.com",
            name_rule("alice@example.com"),
        ),
        (
            "/capability-token",
            b"",
            "client name must not be empty".to_owned(),
        ),
        // `/token` reads the identity as a client name too, as its policy file's voice grant
        // makes it; a name that is one but too long for an identity breaks the policy's rule.
        ("/token", b"bob smith", name_rule("bob smith")),
        ("/token", "al\u{e9}".as_bytes(), name_rule("alé")),
        ("/token", b"", "client name must not be empty".to_owned()),
        ("/token", long.as_bytes(), identity_rule(&long)),
        (
            "/token",
            b"ali\xffce",
            "the `x-auth-request-user` header is not UTF-8".to_owned(),
        ),
    ];
    for (path, value, message) in cases {
        let what = format!("{path} as {:?}", String::from_utf8_lossy(value));
        let answer = request(addr, path, &[(USER, value)]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{what}");
        assert_eq!(answer.content_type, "application/json", "{what}");
        assert_eq!(answer.body, json!({ "error": message }), "{what}");
    }
    let answer = request(addr, "/capability-token", &[(USER, b"\xff")]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error(&answer),
        "the `x-auth-request-user` header is not UTF-8"
    );
}

#[tokio::test]
async fn a_header_given_twice_is_a_400() {
    let addr = start().await;
    let message =
        "the `x-auth-request-user` header is given more than once: the signed-in user is ambiguous";
    for path in ["/token", "/capability-token"] {
        for (first, second) in [("alice", "ceo"), ("alice", "alice")] {
            let answer = request(
                addr,
                path,
                &[(USER, first.as_bytes()), (USER, second.as_bytes())],
            )
            .await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
            assert_eq!(answer.body, json!({ "error": message }), "{path}");
        }
    }
    // Twice in two spellings is still twice.
    let answer = raw_get_async(
        addr,
        "/token",
        vec![
            ("X-Auth-Request-User", b"alice".to_vec()),
            ("x-auth-request-user", b"ceo".to_vec()),
        ],
    )
    .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json(), json!({ "error": message }));
}

#[tokio::test]
async fn the_insecure_mode_serves_the_query_identity_with_a_warning_header() {
    let addr = start_insecure().await;
    let warned = |answer: &Answer, what: &str| {
        assert_eq!(
            answer
                .headers
                .get_all("x-token-server-warning")
                .iter()
                .collect::<Vec<_>>(),
            [token_server::INSECURE_WARNING],
            "{what}"
        );
    };
    let answer = get(addr, "/token?identity=alice").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["identity"], "alice");
    let token = answer.body["token"].as_str().unwrap();
    assert_eq!(
        verify_access_token(token, api_key().secret(), unix_now(), 0)
            .unwrap()
            .identity,
        "alice"
    );
    warned(&answer, "/token");
    let answer = get(addr, "/capability-token?identity=bob").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["identity"], "bob");
    warned(&answer, "/capability-token");
    // No header is looked at: the query names the identity, and only it.
    let answer = get_as(addr, "/token?identity=carol", "alice").await;
    assert_eq!(answer.body["identity"], "carol");
    for (path, status) in [
        ("/token", StatusCode::BAD_REQUEST),
        ("/token?identity=bob+smith", StatusCode::BAD_REQUEST),
        ("/floor", StatusCode::OK),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, status, "{path}");
        warned(&answer, path);
    }

    // The header mode sends no warning, on any answer.
    let addr = start_with(keys(), from_header(), true).await;
    for (path, status) in [
        ("/token", StatusCode::UNAUTHORIZED),
        ("/floor", StatusCode::OK),
        ("/nowhere", StatusCode::NOT_FOUND),
    ] {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, status, "{path}");
        assert!(
            !answer.headers.contains_key("x-token-server-warning"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn a_bad_query_identity_is_a_400_with_a_json_error_in_the_insecure_mode() {
    let addr = start_insecure().await;
    let name_rule = |name: &str| {
        format!(r#"client name "{name}" may contain only letters, digits and underscores"#)
    };
    let cases = [
        (
            "/capability-token?identity=bob+smith",
            name_rule("bob smith"),
        ),
        (
            "/capability-token?identity=bob%20smith",
            name_rule("bob smith"),
        ),
        ("/capability-token?identity=al%C3%A9", name_rule("alé")),
        (
            "/capability-token?identity=",
            "client name must not be empty".to_owned(),
        ),
        ("/token?identity=bob+smith", name_rule("bob smith")),
        ("/token?identity=al%C3%A9", name_rule("alé")),
    ];
    for (path, message) in cases {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(answer.content_type, "application/json", "{path}");
        assert_eq!(answer.body, json!({ "error": message }), "{path}");
    }
    for path in ["/token", "/token?name=alice", "/capability-token"] {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(
            answer.body,
            json!({ "error": "query parameter `identity` is required" })
        );
    }

    // A query string that does not deserialize is a 400 with a JSON error too.
    let answer = get(addr, "/token?identity=a&identity=b").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.content_type, "application/json");
    assert!(error(&answer).contains("identity"), "{}", answer.body);
}

#[tokio::test]
async fn the_listening_address_is_the_one_bound() {
    let (_, addr) = token_server::listen(token_server::DEFAULT_HOST, 0)
        .await
        .unwrap();
    assert_eq!(addr.to_string(), format!("127.0.0.1:{}", addr.port()));
    match token_server::listen(IpAddr::V6(Ipv6Addr::LOCALHOST), 0).await {
        Ok((_, addr)) => assert_eq!(addr.to_string(), format!("[::1]:{}", addr.port())),
        Err(e) => eprintln!("skipped: this machine has no IPv6 loopback ({e})"),
    }
}

#[test]
fn the_port_comes_from_the_argument_then_port_then_3000() {
    let os = |s: &str| Some(OsString::from(s));
    assert_eq!(token_server::port(None, None), Ok(3000));
    assert_eq!(token_server::port(None, os("8080")), Ok(8080));
    assert_eq!(token_server::port(os("0"), os("8080")), Ok(0));
    assert_eq!(token_server::port(os("4000"), None), Ok(4000));
    let err = token_server::port(None, os("http")).unwrap_err();
    assert!(err.contains("PORT") && err.contains("\"http\""), "{err}");
    let err = token_server::port(os("70000"), None).unwrap_err();
    assert!(err.contains("argument") && err.contains("70000"), "{err}");
}

/// A lookup that sees these variables and no others.
fn vars(pairs: &[(&str, &str)]) -> impl FnMut(&str) -> Option<OsString> + use<> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |var: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == var)
            .map(|(_, v)| OsString::from(v))
    }
}

#[test]
fn missing_credentials_are_named() {
    // What `main` prints before it exits with status 1: the variable, never a value.
    let keys = |pairs: &[(&str, &str)]| token_server::keys(vars(pairs));
    let err = keys(&[]).err().unwrap();
    assert!(
        err.starts_with(
            "the server needs TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET"
        ),
        "{err}"
    );
    let err = keys(&[("TWILIO_AUTH_TOKEN", AUTH_TOKEN)]).err().unwrap();
    assert!(
        err.starts_with(
            "environment variable TWILIO_ACCOUNT_SID is not set; capability tokens need"
        ),
        "{err}"
    );
    let err = keys(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_API_SECRET", API_SECRET),
    ])
    .err()
    .unwrap();
    assert!(
        err.starts_with("environment variable TWILIO_API_KEY is not set; access tokens need"),
        "{err}"
    );
    assert!(!err.contains(API_SECRET));
    let err = keys(&[
        ("TWILIO_ACCOUNT_SID", AUTH_TOKEN),
        ("TWILIO_AUTH_TOKEN", ACCOUNT_SID),
    ])
    .err()
    .unwrap();
    assert!(
        err.contains("TWILIO_ACCOUNT_SID") && !err.contains(AUTH_TOKEN),
        "{err}"
    );
    let keys = keys(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
    ])
    .unwrap();
    assert!(keys.api_key.is_none());
    assert_eq!(
        keys.credentials.unwrap().account_sid().as_str(),
        ACCOUNT_SID
    );
}

/// The credentials of a server that could serve both routes.
const CREDS: [(&str, &str); 4] = [
    ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
    ("TWILIO_API_KEY", API_KEY_SID),
    ("TWILIO_API_SECRET", API_SECRET),
    ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
];

/// `config` with the credentials and these variables.
fn config_with(extra: &[(&str, &str)]) -> Result<token_server::Config, String> {
    let all: Vec<_> = CREDS.iter().chain(extra).copied().collect();
    token_server::config(vars(&all))
}

#[test]
fn the_identity_source_must_be_chosen_once() {
    let config = config_with(&[("TOKEN_SERVER_USER_HEADER", "X-Forwarded-User")]).unwrap();
    assert_eq!(
        config.identity,
        IdentitySource::Header(HeaderName::from_static("x-forwarded-user"))
    );
    assert_eq!(config.host, token_server::DEFAULT_HOST);
    assert!(!config.floor);
    let config = config_with(&[("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", "1")]).unwrap();
    assert_eq!(config.identity, IdentitySource::InsecureQuery);

    // Neither: how to configure it, both ways.
    let err = config_with(&[]).err().unwrap();
    assert!(
        err.contains("set TOKEN_SERVER_USER_HEADER to the request header")
            && err.contains("TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1"),
        "{err}"
    );
    // Before the credentials: the server is refused even with none.
    assert_eq!(token_server::config(vars(&[])).err().unwrap(), err);

    let err = config_with(&[
        ("TOKEN_SERVER_USER_HEADER", USER),
        ("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", "1"),
    ])
    .err()
    .unwrap();
    assert!(
        err.starts_with(
            "TOKEN_SERVER_USER_HEADER and TOKEN_SERVER_INSECURE_QUERY_IDENTITY are both set"
        ),
        "{err}"
    );
    for value in ["0", "true", "yes", ""] {
        let err = config_with(&[("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", value)])
            .err()
            .unwrap();
        assert_eq!(
            err,
            format!("TOKEN_SERVER_INSECURE_QUERY_IDENTITY must be 1 or unset, not {value:?}")
        );
        // Also beside a header: the value is the first thing wrong.
        let err = config_with(&[
            ("TOKEN_SERVER_USER_HEADER", USER),
            ("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", value),
        ])
        .err()
        .unwrap();
        assert!(
            err.starts_with("TOKEN_SERVER_INSECURE_QUERY_IDENTITY must be 1"),
            "{err}"
        );
    }
    for value in ["X Auth Request User", "", "X-User:", "Ünicode"] {
        let err = config_with(&[("TOKEN_SERVER_USER_HEADER", value)])
            .err()
            .unwrap();
        assert_eq!(
            err,
            format!(
                "TOKEN_SERVER_USER_HEADER must be a header name such as X-Auth-Request-User, not {value:?}"
            )
        );
    }
}

#[test]
fn the_host_is_an_ip_address_and_the_rest_is_as_before() {
    let header = ("TOKEN_SERVER_USER_HEADER", USER);
    let host = |value: &str| config_with(&[header, ("TOKEN_SERVER_HOST", value)]).map(|c| c.host);
    assert_eq!(host("0.0.0.0"), Ok("0.0.0.0".parse().unwrap()));
    assert_eq!(host("::1"), Ok(IpAddr::V6(Ipv6Addr::LOCALHOST)));
    assert_eq!(host("10.1.2.3"), Ok("10.1.2.3".parse().unwrap()));
    for value in ["localhost", "[::1]", "127.0.0.1:3000", ""] {
        assert_eq!(
            host(value).err().unwrap(),
            format!(
                "TOKEN_SERVER_HOST must be an IP address such as 127.0.0.1 or ::1, not {value:?}"
            )
        );
    }
    assert!(
        config_with(&[header, ("TOKEN_SERVER_FLOOR", "1")])
            .unwrap()
            .floor
    );
    assert!(
        !config_with(&[header, ("TOKEN_SERVER_FLOOR", "yes")])
            .unwrap()
            .floor
    );
    // The credentials' errors are `keys`'s.
    let err = token_server::config(vars(&[header, ("TWILIO_AUTH_TOKEN", AUTH_TOKEN)]))
        .err()
        .unwrap();
    assert!(
        err.starts_with("environment variable TWILIO_ACCOUNT_SID is not set"),
        "{err}"
    );
}

// ---- The built example binary --------------------------------------------------------------

/// Secrets the example binary is started with, to be found in no output and no answer.
const API_SECRET_SEEN_NOWHERE: &str = "SeCrEt-api-7f3a9c-do-not-print";
const AUTH_TOKEN_SEEN_NOWHERE: &str = "SeCrEt-auth-4e1b2d-do-not-print";

/// Credentials with those secrets.
const SECRET_CREDS: [(&str, &str); 4] = [
    ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
    ("TWILIO_API_KEY", API_KEY_SID),
    ("TWILIO_API_SECRET", API_SECRET_SEEN_NOWHERE),
    ("TWILIO_AUTH_TOKEN", AUTH_TOKEN_SEEN_NOWHERE),
];

/// Asserts that `text` holds neither secret, nor a recognisable piece of one.
#[track_caller]
fn clean(what: &str, text: &str) {
    for needle in [
        API_SECRET_SEEN_NOWHERE,
        AUTH_TOKEN_SEEN_NOWHERE,
        "SeCrEt",
        "7f3a9c",
        "4e1b2d",
        "do-not-print",
    ] {
        assert!(!text.contains(needle), "{what} holds {needle:?}:\n{text}");
    }
}

/// `target/debug/examples/token_server`, next to the `deps/` folder this test runs from.
/// `cargo test` builds it; `cargo test --test token_server` alone does not, so a binary older
/// than the example's source is refused rather than tested.
fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test binary is in target/<profile>/deps/");
    let binary = profile_dir
        .join("examples")
        .join(format!("token_server{}", std::env::consts::EXE_SUFFIX));
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/token_server.rs");
    let edited = std::fs::metadata(&source)
        .and_then(|m| m.modified())
        .unwrap();
    match std::fs::metadata(&binary).and_then(|m| m.modified()) {
        Ok(built) if built >= edited => binary,
        _ => panic!(
            "{} is missing or older than examples/token_server.rs: build it with \
             `cargo build --example token_server` (or run `cargo test`, which builds it)",
            binary.display()
        ),
    }
}

/// A fresh, empty folder for one run's output.
fn scratch_dir() -> PathBuf {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "capability-token-server-test-{}-{}",
        std::process::id(),
        RUNS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The example binary, port 0, with only these variables, its output in files.
fn spawn_example(env: &[(&str, &str)]) -> (Child, PathBuf) {
    let dir = scratch_dir();
    let child = Command::new(example_binary())
        .arg("0")
        .env_clear()
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("stdout")).unwrap())
        .stderr(std::fs::File::create(dir.join("stderr")).unwrap())
        .spawn()
        .expect("start the example binary");
    (child, dir)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_default()
}

/// A running example binary; killed when dropped, so a failed test leaves nothing behind.
struct Server {
    child: Child,
    dir: PathBuf,
    addr: SocketAddr,
}

impl Server {
    /// Starts the binary and waits for its `listening on` line.
    fn start(env: &[(&str, &str)]) -> Server {
        let (mut child, dir) = spawn_example(env);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let stdout = read(&dir, "stdout");
            if let Some(line) = stdout.lines().next().filter(|_| stdout.contains('\n')) {
                let addr = line
                    .strip_prefix("listening on http://")
                    .and_then(|a| a.parse().ok())
                    .unwrap_or_else(|| {
                        panic!("the first line is not `listening on http://…`: {line:?}")
                    });
                return Server { child, dir, addr };
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "the server exited ({status}) at start-up:\n{}",
                    read(&dir, "stderr")
                );
            }
            assert!(
                Instant::now() < deadline,
                "no `listening on` line within {TIMEOUT:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the server and gives its stdout and stderr.
    fn stop(mut self) -> (String, String) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (read(&self.dir, "stdout"), read(&self.dir, "stderr"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Runs the binary to its end (at most `TIMEOUT`): exit code, stdout, stderr.
fn run_example(env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let (mut child, dir) = spawn_example(env);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the server did not exit within {TIMEOUT:?}:\n{}",
                read(&dir, "stdout")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = (status.code(), read(&dir, "stdout"), read(&dir, "stderr"));
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn without_an_identity_setting_the_server_refuses_to_start() {
    let (code, stdout, stderr) = run_example(&SECRET_CREDS);
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout, "", "it listened");
    assert!(
        stderr.starts_with("token_server: the server mints only for an authenticated caller: set TOKEN_SERVER_USER_HEADER")
            && stderr.contains("TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1"),
        "{stderr}"
    );
    clean("stderr", &stderr);

    // Each configuration error is an exit 1 naming its variable, never a secret.
    let with = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, &'static str)> {
        SECRET_CREDS.iter().chain(extra).copied().collect()
    };
    let cases: [(Vec<(&str, &str)>, &str); 5] = [
        (
            with(&[
                ("TOKEN_SERVER_USER_HEADER", USER),
                ("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", "1"),
            ]),
            "token_server: TOKEN_SERVER_USER_HEADER and TOKEN_SERVER_INSECURE_QUERY_IDENTITY are both set",
        ),
        (
            with(&[("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", "true")]),
            "token_server: TOKEN_SERVER_INSECURE_QUERY_IDENTITY must be 1 or unset, not \"true\"",
        ),
        (
            with(&[("TOKEN_SERVER_USER_HEADER", "X Auth")]),
            "token_server: TOKEN_SERVER_USER_HEADER must be a header name",
        ),
        (
            with(&[
                ("TOKEN_SERVER_USER_HEADER", USER),
                ("TOKEN_SERVER_HOST", "localhost"),
            ]),
            "token_server: TOKEN_SERVER_HOST must be an IP address",
        ),
        (
            vec![
                ("TOKEN_SERVER_USER_HEADER", USER),
                ("TWILIO_API_SECRET", API_SECRET_SEEN_NOWHERE),
            ],
            "token_server: environment variable TWILIO_ACCOUNT_SID is not set",
        ),
    ];
    for (env, start) in cases {
        let (code, stdout, stderr) = run_example(&env);
        assert_eq!(code, Some(1), "{start}: stdout {stdout}, stderr {stderr}");
        assert_eq!(stdout, "", "{start}");
        assert!(stderr.starts_with(start), "{stderr}");
        clean("stderr", &stderr);
    }
}

#[test]
fn the_binary_mints_for_the_header_and_prints_its_secrets_nowhere() {
    let server = Server::start(
        &[
            &SECRET_CREDS[..],
            &[
                ("TOKEN_SERVER_USER_HEADER", USER),
                ("TOKEN_SERVER_FLOOR", "1"),
            ],
        ]
        .concat(),
    );
    let addr = server.addr;
    assert!(addr.ip().is_loopback(), "{addr}");
    let cases: [(&str, Headers<'_>, u16); 12] = [
        ("/token", &[], 401),
        ("/capability-token", &[], 401),
        ("/token?identity=alice", &[], 401),
        ("/token", &[("X-Auth-Request-User", b"bob smith")], 400),
        (
            "/capability-token",
            &[("x-auth-request-user", b"bob smith")],
            400,
        ),
        ("/token", &[("X-AUTH-REQUEST-USER", b"\xff")], 400),
        ("/token?identity=ceo", &[(USER, b"alice")], 400),
        ("/token", &[(USER, b"alice"), (USER, b"ceo")], 400),
        ("/token", &[(USER, b"alice")], 200),
        ("/capability-token", &[(USER, b"alice")], 200),
        ("/floor", &[(USER, b"alice")], 200),
        ("/nowhere", &[(USER, b"alice")], 404),
    ];
    for (path, headers, status) in cases {
        let answer = raw_get(addr, path, headers);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(
            !answer
                .head
                .to_ascii_lowercase()
                .contains("x-token-server-warning"),
            "{path}"
        );
        clean(
            &format!("the answer to {path}"),
            &format!("{}\r\n\r\n{}", answer.head, answer.body),
        );
        if status == 200 && path != "/floor" {
            assert_eq!(answer.json()["identity"], "alice", "{path}");
        }
    }
    // The tokens are signed with the secrets the binary was given.
    let token = raw_get(addr, "/token", &[(USER, b"alice")]).json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret: capability::ApiSecret = API_SECRET_SEEN_NOWHERE.parse().unwrap();
    assert_eq!(
        verify_access_token(&token, &secret, unix_now(), 0)
            .unwrap()
            .identity,
        "alice"
    );
    let token = raw_get(addr, "/capability-token", &[(USER, b"alice")]).json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let auth = Credentials::new(ACCOUNT_SID, AUTH_TOKEN_SEEN_NOWHERE).unwrap();
    verify_capability_token(&token, auth.auth_token(), unix_now(), 0).unwrap();

    let (stdout, stderr) = server.stop();
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("listening on http://{addr}"),
            "serving /token, /floor, /capability-token".to_owned(),
            format!(
                "identity from the x-auth-request-user header, trusted: only the proxy may reach {addr}"
            ),
        ]
    );
    assert_eq!(stderr, "");
    clean("stdout", &stdout);
}

#[test]
fn the_binary_in_the_insecure_mode_warns_at_start_and_on_every_answer() {
    let server = Server::start(
        &[
            &SECRET_CREDS[..],
            &[("TOKEN_SERVER_INSECURE_QUERY_IDENTITY", "1")],
        ]
        .concat(),
    );
    let warning = format!("x-token-server-warning: {}", token_server::INSECURE_WARNING);
    for (path, status) in [
        ("/token?identity=alice", 200),
        ("/capability-token?identity=alice", 200),
        ("/token?identity=bob+smith", 400),
        ("/token", 400),
        ("/nowhere", 404),
    ] {
        let answer = raw_get(server.addr, path, &[]);
        assert_eq!(answer.status, status, "{path}: {}", answer.body);
        assert!(
            answer.head.lines().any(|l| l == warning),
            "{path}: {}",
            answer.head
        );
        clean(
            &format!("the answer to {path}"),
            &format!("{}\r\n\r\n{}", answer.head, answer.body),
        );
    }
    let addr = server.addr;
    let (stdout, stderr) = server.stop();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            format!("listening on http://{addr}").as_str(),
            "serving /token, /capability-token",
            "identity from ?identity=, unauthenticated",
        ]
    );
    assert_eq!(
        stderr,
        format!(
            "token_server: warning: {}\n",
            token_server::INSECURE_WARNING
        )
    );
    clean("stdout", &stdout);
    clean("stderr", &stderr);
}

#[test]
fn the_binary_listens_where_token_server_host_says() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("skipped: this machine has no IPv6 loopback");
        return;
    }
    let server = Server::start(
        &[
            &SECRET_CREDS[..],
            &[
                ("TOKEN_SERVER_USER_HEADER", USER),
                ("TOKEN_SERVER_HOST", "::1"),
            ],
        ]
        .concat(),
    );
    assert_eq!(server.addr.ip(), IpAddr::V6(Ipv6Addr::LOCALHOST));
    let answer = raw_get(server.addr, "/token", &[(USER, b"alice")]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let addr = server.addr;
    let (stdout, _) = server.stop();
    assert!(
        stdout.starts_with(&format!("listening on http://[::1]:{}\n", addr.port())),
        "{stdout}"
    );
}

/// Secrets mounted as files (`NAME_FILE`) serve the same tokens; a file that cannot be read
/// stops the server with its path named, and its contents nowhere.
#[test]
fn the_binary_reads_its_secrets_from_files() {
    let dir = scratch_dir();
    let secret = dir.join("api_secret");
    let auth = dir.join("auth_token");
    std::fs::write(&secret, format!("{API_SECRET_SEEN_NOWHERE}\n")).unwrap();
    std::fs::write(&auth, format!("{AUTH_TOKEN_SEEN_NOWHERE}\n")).unwrap();
    let (secret_path, auth_path) = (secret.display().to_string(), auth.display().to_string());
    let server = Server::start(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_API_KEY", API_KEY_SID),
        ("TWILIO_API_SECRET_FILE", &secret_path),
        ("TWILIO_AUTH_TOKEN_FILE", &auth_path),
        ("TOKEN_SERVER_USER_HEADER", USER),
    ]);
    let token = raw_get(server.addr, "/token", &[(USER, b"alice")]).json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let api_secret: capability::ApiSecret = API_SECRET_SEEN_NOWHERE.parse().unwrap();
    assert_eq!(
        verify_access_token(&token, &api_secret, unix_now(), 0)
            .unwrap()
            .identity,
        "alice"
    );
    let token = raw_get(server.addr, "/capability-token", &[(USER, b"alice")]).json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let creds = Credentials::new(ACCOUNT_SID, AUTH_TOKEN_SEEN_NOWHERE).unwrap();
    verify_capability_token(&token, creds.auth_token(), unix_now(), 0).unwrap();
    let (stdout, stderr) = server.stop();
    clean("stdout", &stdout);
    clean("stderr", &stderr);

    // A value beside its file, and a file that is a folder: exit 1, named, nothing shown.
    let folder = dir.display().to_string();
    let cases: [(&[(&str, &str)], String); 2] = [
        (
            &[
                ("TWILIO_AUTH_TOKEN", AUTH_TOKEN_SEEN_NOWHERE),
                ("TWILIO_AUTH_TOKEN_FILE", &auth_path),
            ],
            "environment variables TWILIO_AUTH_TOKEN and TWILIO_AUTH_TOKEN_FILE are both set"
                .to_owned(),
        ),
        (
            &[("TWILIO_AUTH_TOKEN_FILE", &folder)],
            format!(
                "environment variable TWILIO_AUTH_TOKEN_FILE: cannot read {folder}: Is a directory"
            ),
        ),
    ];
    for (extra, message) in cases {
        let env: Vec<_> = [
            ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
            ("TOKEN_SERVER_USER_HEADER", USER),
        ]
        .iter()
        .chain(extra)
        .copied()
        .collect();
        let (code, stdout, stderr) = run_example(&env);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(&message), "{stderr}");
        clean("stdout", &stdout);
        clean("stderr", &stderr);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
