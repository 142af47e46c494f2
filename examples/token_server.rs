//! A token server in the style of Twilio's Voice quickstarts.
//!
//! - `GET /token?identity=alice` answers `{"identity": "alice", "token": "…"}` with an Access
//!   Token for the Voice SDK 2.x: a voice grant that lets the device receive calls as `alice`
//!   and place calls through a TwiML application, for an hour. Served when `TWILIO_API_KEY`
//!   and `TWILIO_API_SECRET` are set.
//! - `GET /capability-token?identity=alice` answers the same with a Client 1.x capability
//!   token. Served when `TWILIO_AUTH_TOKEN` is set.
//!
//! ```sh
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_AUTH_TOKEN=… \
//!     cargo run --example token_server
//! curl 'http://127.0.0.1:3000/token?identity=alice'
//! ```
//!
//! - The credentials are read once, at start-up. The server serves what they allow and says
//!   which routes it serves; if a variable is malformed, or none of the routes can be served,
//!   it exits with status 1 and names the variable, never a value.
//! - The server listens on `127.0.0.1` only. The port is the first argument, else `PORT`, else
//!   3000; `0` picks a free one. The first line on stdout is the address it listens on, as
//!   `listening on http://127.0.0.1:3000`; the second lists the routes.
//! - A missing, empty or invalid identity gets a 400 with a JSON body such as
//!   `{"error": "input `identity`: client name \"bob smith\" may contain only letters, digits and underscores"}`.
//! - With `TOKEN_SERVER_FLOOR=1`, `GET /floor` answers a fixed body as long as a `/token`
//!   answer, with no token: the floor the load benchmark (`capability-bench/load.sh`) compares
//!   against.
//!
//! The access-token policy is a policy file, compiled once into an `AccessMinter`, so a request
//! costs one mint; replace its application SID with your TwiML application's. The capability
//! policy is written with the `capability!` macro, so its application SID and ttl are checked
//! when this file compiles.

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use capability::{
    ACCOUNT_SID_VAR, API_KEY_VAR, API_SECRET_VAR, AUTH_TOKEN_VAR, AccessMinter, AccessTemplate,
    ApiKey, ClientName, Credentials, Policy, capability,
};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

/// The port when neither the argument nor `PORT` gives one.
pub const DEFAULT_PORT: u16 = 3000;

/// What a Voice SDK 2.x device of `identity` may do, as Twilio's Voice quickstart grants it.
pub const ACCESS_POLICY: &str = r#"
format = "access-token"
identity = { input = "identity" }
ttl = 3600

[voice]
incoming = true
outgoing = { application_sid = "AP89a0180a1a4ddf1da954efca349b7a20" }
"#;

/// What a Twilio Client 1.x device of `identity` may do.
pub fn policy(identity: &ClientName) -> Policy {
    capability! {
        incoming identity;
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { identity: identity };
        ttl 3600;
    }
}

/// The keys the server signs with: an API key for access tokens, the auth token for
/// capability tokens, or both.
pub struct Keys {
    /// The API key, if `TWILIO_API_KEY` and `TWILIO_API_SECRET` are set.
    pub api_key: Option<ApiKey>,
    /// The auth token's credentials, if `TWILIO_AUTH_TOKEN` is set.
    pub credentials: Option<Credentials>,
}

/// What the routes share.
struct Served {
    access: Option<AccessMinter>,
    credentials: Option<Credentials>,
    floor: Bytes,
}

/// The routes the keys allow: `/token`, `/capability-token`, and `/floor` when `floor`.
pub fn app(keys: Keys, floor: bool) -> Router {
    let template = AccessTemplate::from_toml_str(ACCESS_POLICY).expect("the policy is valid");
    let access = keys
        .api_key
        .as_ref()
        .map(|key| AccessMinter::from_template(&template, key));
    // The floor: a body as long as an answer of `/token` for `alice`, with no token in it.
    let sample = access
        .as_ref()
        .and_then(|m| m.mint(&["alice"]).ok())
        .map_or(0, |t| t.as_str().len());
    let floor_body = serde_json::to_vec(&TokenBody {
        identity: "alice",
        token: &"x".repeat(sample),
    })
    .unwrap_or_default();
    let mut router = Router::new();
    if access.is_some() {
        router = router.route("/token", get(access_token));
        if floor {
            router = router.route("/floor", get(floor_answer));
        }
    }
    if keys.credentials.is_some() {
        router = router.route("/capability-token", get(capability_token));
    }
    router.with_state(Arc::new(Served {
        access,
        credentials: keys.credentials,
        floor: Bytes::from(floor_body),
    }))
}

/// The routes `app` serves for these keys, for the start-up line.
pub fn routes(keys: &Keys, floor: bool) -> Vec<&'static str> {
    let mut routes = Vec::new();
    if keys.api_key.is_some() {
        routes.push("/token");
        if floor {
            routes.push("/floor");
        }
    }
    if keys.credentials.is_some() {
        routes.push("/capability-token");
    }
    routes
}

/// The query string of the token routes.
#[derive(Deserialize)]
struct TokenQuery {
    identity: Option<String>,
}

/// The answer of the token routes.
#[derive(Serialize)]
struct TokenBody<'a> {
    identity: &'a str,
    token: &'a str,
}

/// An error, as `{"error": "…"}` with its status.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 });
        (self.0, axum::Json(body)).into_response()
    }
}

fn bad_request(message: impl ToString) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.to_string())
}

/// The identity of a request, or the 400 that says why there is none.
fn identity(query: Result<Query<TokenQuery>, QueryRejection>) -> Result<String, ApiError> {
    let Query(query) = query.map_err(|e| bad_request(e.body_text()))?;
    query
        .identity
        .ok_or_else(|| bad_request("query parameter `identity` is required"))
}

/// `{"identity": …, "token": …}` as JSON, for an identity checked to be a client name. Written
/// by hand: a client name and a token (base64url and dots) need no escaping, and serde's scan
/// of every byte of the token for characters to escape was the costliest step of the handler.
fn answer(identity: &str, token: &str) -> Response {
    let mut body = String::with_capacity(32 + identity.len() + token.len());
    body.push_str(r#"{"identity":""#);
    body.push_str(identity);
    body.push_str(r#"","token":""#);
    body.push_str(token);
    body.push_str(r#""}"#);
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn access_token(
    State(served): State<Arc<Served>>,
    query: Result<Query<TokenQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let identity = identity(query)?;
    let minter = served
        .access
        .as_ref()
        .ok_or_else(|| bad_request("no API key"))?;
    // The minter checks the identity by the rules of the field it fills: with the voice
    // grant, a client name.
    let token = minter.mint(&[&identity]).map_err(|e| match e {
        capability::MintError::Inputs(e) => bad_request(e),
        e => ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    })?;
    Ok(answer(&identity, token.as_str()))
}

async fn capability_token(
    State(served): State<Arc<Served>>,
    query: Result<Query<TokenQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let identity: ClientName = identity(query)?.parse().map_err(bad_request)?;
    let creds = served
        .credentials
        .as_ref()
        .ok_or_else(|| bad_request("no auth token"))?;
    let token = policy(&identity)
        .sign(creds)
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(answer(identity.as_str(), token.as_str()))
}

async fn floor_answer(State(served): State<Arc<Served>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        served.floor.clone(),
    )
        .into_response()
}

/// The port: `arg`, else `env`, else [`DEFAULT_PORT`].
pub fn port(arg: Option<OsString>, env: Option<OsString>) -> Result<u16, String> {
    let (source, value) = match (arg, env) {
        (Some(arg), _) => ("the port argument", arg),
        (None, Some(env)) => ("PORT", env),
        (None, None) => return Ok(DEFAULT_PORT),
    };
    value
        .to_str()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| format!("{source} must be a port number from 0 to 65535, not {value:?}"))
}

/// The keys, read through `lookup` (`std::env::var_os` in `main`). An API key is read when
/// `TWILIO_API_KEY` or `TWILIO_API_SECRET` is set, the auth token when `TWILIO_AUTH_TOKEN` is;
/// the error names the variable at fault, never a value.
pub fn keys(mut lookup: impl FnMut(&'static str) -> Option<OsString>) -> Result<Keys, String> {
    let wants_api_key = lookup(API_KEY_VAR).is_some() || lookup(API_SECRET_VAR).is_some();
    let wants_auth_token = lookup(AUTH_TOKEN_VAR).is_some();
    if !wants_api_key && !wants_auth_token {
        return Err(format!(
            "the server needs {ACCOUNT_SID_VAR} with {API_KEY_VAR} and {API_SECRET_VAR} (access tokens), or with {AUTH_TOKEN_VAR} (capability tokens), from the Twilio console"
        ));
    }
    let api_key = wants_api_key
        .then(|| ApiKey::from_lookup(&mut lookup))
        .transpose()
        .map_err(|e| {
            format!("{e}; access tokens need {ACCOUNT_SID_VAR}, {API_KEY_VAR} and {API_SECRET_VAR}")
        })?;
    let credentials = wants_auth_token
        .then(|| Credentials::from_lookup(&mut lookup))
        .transpose()
        .map_err(|e| {
            format!("{e}; capability tokens need {ACCOUNT_SID_VAR} and {AUTH_TOKEN_VAR}")
        })?;
    Ok(Keys {
        api_key,
        credentials,
    })
}

/// Binds `127.0.0.1:port`; port 0 picks a free one.
pub async fn listen(port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("token_server: {message}");
    std::process::exit(1)
}

#[tokio::main]
async fn main() {
    let keys = keys(std::env::var_os).unwrap_or_else(|e| fail(e));
    let floor = std::env::var_os("TOKEN_SERVER_FLOOR").is_some_and(|v| v == "1");
    let port =
        port(std::env::args_os().nth(1), std::env::var_os("PORT")).unwrap_or_else(|e| fail(e));
    let (listener, addr) = listen(port)
        .await
        .unwrap_or_else(|e| fail(format_args!("cannot listen on 127.0.0.1:{port}: {e}")));
    println!("listening on http://{addr}");
    println!("serving {}", routes(&keys, floor).join(", "));
    if let Err(e) = axum::serve(listener, app(keys, floor)).await {
        fail(e);
    }
}
