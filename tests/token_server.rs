//! The token server example, served on an ephemeral loopback port and asked over HTTP/1.1 by a
//! real client (hyper's): its tokens verify, grant what the policy says, and bad requests get a
//! 400 with a JSON error.

mod support;

#[path = "../examples/token_server.rs"]
#[allow(dead_code)] // the example's `main` is not called here
mod token_server;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use capability::{Credentials, Scope, verify};
use http_body_util::BodyExt as _;
use hyper::Request;
use hyper::StatusCode;
use hyper::header::{CONTENT_TYPE, HOST};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use support::{ACCOUNT_SID, AUTH_TOKEN, creds};
use tokio::net::TcpStream;

/// Every network step of a test gets this long; the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(10);

const APP_SID: &str = "AP89a0180a1a4ddf1da954efca349b7a20";

/// Starts the example's app on `127.0.0.1:0`, as `main` does, and gives its address.
async fn start() -> SocketAddr {
    let (listener, addr) = token_server::listen(0).await.expect("bind 127.0.0.1:0");
    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);
    tokio::spawn(async move {
        axum::serve(listener, token_server::app(creds()))
            .await
            .unwrap();
    });
    addr
}

/// A response: status, `Content-Type`, body as JSON.
struct Answer {
    status: StatusCode,
    content_type: String,
    body: Value,
}

/// `GET path_and_query` over a fresh HTTP/1.1 connection.
async fn get(addr: SocketAddr, path_and_query: &str) -> Answer {
    let exchange = async {
        let stream = TcpStream::connect(addr).await.expect("connect");
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("HTTP/1.1 handshake");
        tokio::spawn(connection);
        let request = Request::get(path_and_query)
            .header(HOST, addr.to_string())
            .body(String::new())
            .unwrap();
        let response = sender.send_request(request).await.expect("send request");
        let status = response.status();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("read body")
            .to_bytes();
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            panic!(
                "GET {path_and_query}: body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&bytes)
            )
        });
        Answer {
            status,
            content_type,
            body,
        }
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .unwrap_or_else(|_| panic!("GET {path_and_query} took over {TIMEOUT:?}"))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn a_token_is_served_and_verifies() {
    let addr = start().await;
    let before = unix_now();
    let answer = get(addr, "/token?identity=alice").await;
    let after = unix_now();

    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let fields: Vec<_> = answer.body.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["identity", "token"]);
    assert_eq!(answer.body["identity"], "alice");

    let token = answer.body["token"].as_str().unwrap();
    let decoded = verify(token, creds().auth_token(), after, 0).expect("the token verifies");
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
    assert!(verify(token, other.auth_token(), after, 0).is_err());
}

#[tokio::test]
async fn each_request_gets_its_own_identity() {
    let addr = start().await;
    for identity in ["bob", "Agent_42", "_"] {
        let answer = get(addr, &format!("/token?identity={identity}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{identity}: {}", answer.body);
        assert_eq!(answer.body["identity"], identity);
        let token = answer.body["token"].as_str().unwrap();
        let decoded = verify(token, creds().auth_token(), unix_now(), 0).unwrap();
        assert_eq!(
            decoded.scopes[0],
            Scope::Incoming {
                client_name: identity.into()
            }
        );
    }
}

#[tokio::test]
async fn a_bad_identity_is_a_400_with_a_json_error() {
    let addr = start().await;
    let cases = [
        (
            "/token?identity=bob+smith",
            r#"client name "bob smith" may contain only letters, digits and underscores"#,
        ),
        (
            "/token?identity=bob%20smith",
            r#"client name "bob smith" may contain only letters, digits and underscores"#,
        ),
        (
            "/token?identity=al%C3%A9",
            r#"client name "alé" may contain only letters, digits and underscores"#,
        ),
        ("/token?identity=", "client name must not be empty"),
        ("/token", "query parameter `identity` is required"),
        (
            "/token?name=alice",
            "query parameter `identity` is required",
        ),
    ];
    for (path, message) in cases {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(answer.content_type, "application/json", "{path}");
        assert_eq!(
            answer.body,
            serde_json::json!({ "error": message }),
            "{path}"
        );
    }

    // A query string that does not deserialize is a 400 with a JSON error too.
    let answer = get(addr, "/token?identity=a&identity=b").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.content_type, "application/json");
    assert!(
        answer.body["error"].as_str().unwrap().contains("identity"),
        "{}",
        answer.body
    );
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

#[test]
fn missing_credentials_are_named() {
    // What `main` prints before it exits with status 1: the variable, never a value.
    let only_sid = |var: &str| (var == "TWILIO_ACCOUNT_SID").then(|| ACCOUNT_SID.into());
    let err = token_server::credentials(only_sid).unwrap_err();
    assert!(
        err.starts_with("environment variable TWILIO_AUTH_TOKEN is not set; "),
        "{err}"
    );
    let err = token_server::credentials(|_| None).unwrap_err();
    assert!(
        err.starts_with("environment variable TWILIO_ACCOUNT_SID is not set; "),
        "{err}"
    );
    let swapped = |var: &str| {
        Some(match var {
            "TWILIO_ACCOUNT_SID" => AUTH_TOKEN.into(),
            _ => ACCOUNT_SID.into(),
        })
    };
    let err = token_server::credentials(swapped).unwrap_err();
    assert!(err.contains("TWILIO_ACCOUNT_SID"), "{err}");
    assert!(!err.contains(AUTH_TOKEN), "{err}");
    let both = |var: &str| {
        Some(match var {
            "TWILIO_ACCOUNT_SID" => ACCOUNT_SID.into(),
            _ => AUTH_TOKEN.into(),
        })
    };
    let creds = token_server::credentials(both).unwrap();
    assert_eq!(creds.account_sid().as_str(), ACCOUNT_SID);
}
