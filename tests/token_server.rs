//! The token server example, served on an ephemeral loopback port and asked over HTTP/1.1 by a
//! real client (hyper's): its access and capability tokens verify, grant what the policies
//! say, and bad requests get a 400 with a JSON error.

mod support;

#[path = "../examples/token_server.rs"]
#[allow(dead_code)] // the example's `main` is not called here
mod token_server;

use std::ffi::OsString;
use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use capability::{AccessTemplate, Credentials, Scope, verify, verify_access_token};
use http_body_util::BodyExt as _;
use hyper::Request;
use hyper::StatusCode;
use hyper::header::{CONTENT_TYPE, HOST};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use support::{ACCOUNT_SID, API_SECRET, AUTH_TOKEN, api_key, creds};
use tokio::net::TcpStream;

/// Every network step of a test gets this long; the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(10);

const APP_SID: &str = "AP89a0180a1a4ddf1da954efca349b7a20";

/// Both keys.
fn keys() -> token_server::Keys {
    token_server::Keys {
        api_key: Some(api_key()),
        credentials: Some(creds()),
    }
}

/// Starts the example's app on `127.0.0.1:0`, as `main` does, and gives its address.
async fn start_with(keys: token_server::Keys, floor: bool) -> SocketAddr {
    let (listener, addr) = token_server::listen(0).await.expect("bind 127.0.0.1:0");
    assert!(addr.ip().is_loopback(), "{addr}");
    assert_ne!(addr.port(), 0);
    tokio::spawn(async move {
        axum::serve(listener, token_server::app(keys, floor))
            .await
            .unwrap();
    });
    addr
}

async fn start() -> SocketAddr {
    start_with(keys(), false).await
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
async fn an_access_token_is_served_and_verifies() {
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
    let key = api_key();
    let decoded = verify_access_token(token, key.secret(), after, 0).expect("the token verifies");
    assert_eq!(decoded.sub, ACCOUNT_SID);
    assert_eq!(decoded.identity, "alice");
    assert!((before + 3600..=after + 3600).contains(&decoded.claims.exp));
    let voice = decoded.grants.voice.as_ref().unwrap();
    assert!(voice.incoming);
    assert_eq!(voice.outgoing.as_ref().unwrap().application_sid, APP_SID);

    // Byte for byte what the policy file signs for the same time.
    let template = AccessTemplate::from_toml_str(token_server::ACCESS_POLICY).unwrap();
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
    let addr = start_with(only_api_key, true).await;
    assert_eq!(get(addr, "/token?identity=a").await.status, StatusCode::OK);
    let floor = get(addr, "/floor").await;
    assert_eq!(floor.status, StatusCode::OK);
    assert_eq!(floor.body["identity"], "alice");
    // As long as a token answer for `alice`, with no token in it.
    let real = get(addr, "/token?identity=alice").await;
    assert_eq!(
        serde_json::to_string(&floor.body).unwrap().len(),
        serde_json::to_string(&real.body).unwrap().len()
    );
    assert!(!floor.body["token"].as_str().unwrap().contains('.'));

    let only_auth_token = token_server::Keys {
        api_key: None,
        credentials: Some(creds()),
    };
    assert_eq!(
        token_server::routes(&only_auth_token, true),
        ["/capability-token"]
    );
    let addr = start_with(only_auth_token, false).await;
    let exchange = async {
        let stream = TcpStream::connect(addr).await.unwrap();
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .unwrap();
        tokio::spawn(connection);
        let request = Request::get("/token?identity=a")
            .header(HOST, addr.to_string())
            .body(String::new())
            .unwrap();
        sender.send_request(request).await.unwrap().status()
    };
    let status = tokio::time::timeout(TIMEOUT, exchange).await.unwrap();
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_capability_token_is_served_and_verifies() {
    let addr = start().await;
    let before = unix_now();
    let answer = get(addr, "/capability-token?identity=alice").await;
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
        let answer = get(addr, &format!("/capability-token?identity={identity}")).await;
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
    let name_rule = |name: &str| {
        format!(r#"client name "{name}" may contain only letters, digits and underscores"#)
    };
    let cases = [
        ("/capability-token?identity=bob+smith", name_rule("bob smith")),
        ("/capability-token?identity=bob%20smith", name_rule("bob smith")),
        ("/capability-token?identity=al%C3%A9", name_rule("alé")),
        ("/capability-token?identity=", "client name must not be empty".to_owned()),
        ("/token?identity=bob+smith", "input `identity`: identity \"bob smith\" must be 1 to 121 characters, none of them whitespace or a control character".to_owned()),
        ("/token?identity=al%C3%A9", format!("input `identity`: {}", name_rule("alé"))),
        ("/token?identity=", "input `identity`: identity \"\" must be 1 to 121 characters, none of them whitespace or a control character".to_owned()),
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
    for path in ["/token", "/token?name=alice", "/capability-token"] {
        let answer = get(addr, path).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(
            answer.body,
            serde_json::json!({ "error": "query parameter `identity` is required" })
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
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |var: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == var)
                .map(|(_, v)| OsString::from(*v))
        }
    };
    let err = token_server::keys(|_| None).err().unwrap();
    assert!(
        err.starts_with(
            "the server needs TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET"
        ),
        "{err}"
    );
    let err = token_server::keys(vars(&[("TWILIO_AUTH_TOKEN", AUTH_TOKEN)]))
        .err()
        .unwrap();
    assert!(
        err.starts_with(
            "environment variable TWILIO_ACCOUNT_SID is not set; capability tokens need"
        ),
        "{err}"
    );
    let err = token_server::keys(vars(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_API_SECRET", API_SECRET),
    ]))
    .err()
    .unwrap();
    assert!(
        err.starts_with("environment variable TWILIO_API_KEY is not set; access tokens need"),
        "{err}"
    );
    assert!(!err.contains(API_SECRET));
    let err = token_server::keys(vars(&[
        ("TWILIO_ACCOUNT_SID", AUTH_TOKEN),
        ("TWILIO_AUTH_TOKEN", ACCOUNT_SID),
    ]))
    .err()
    .unwrap();
    assert!(
        err.contains("TWILIO_ACCOUNT_SID") && !err.contains(AUTH_TOKEN),
        "{err}"
    );
    let keys = token_server::keys(vars(&[
        ("TWILIO_ACCOUNT_SID", ACCOUNT_SID),
        ("TWILIO_AUTH_TOKEN", AUTH_TOKEN),
    ]))
    .unwrap();
    assert!(keys.api_key.is_none());
    assert_eq!(
        keys.credentials.unwrap().account_sid().as_str(),
        ACCOUNT_SID
    );
}
