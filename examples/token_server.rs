//! A capability token server in the style of Twilio's quickstarts.
//!
//! `GET /token?identity=alice` answers `{"identity": "alice", "token": "…"}`, with a token that
//! lets a Twilio Client device receive calls as `alice` and place calls through a TwiML
//! application, for an hour. The policy is written with the `capability!` macro, so the
//! application SID and the ttl are checked when this file compiles; the identity comes from the
//! request, and is checked as a `ClientName` before it gets near the policy.
//!
//! ```sh
//! TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… cargo run --example token_server
//! curl 'http://127.0.0.1:3000/token?identity=alice'
//! ```
//!
//! - The credentials are read from `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN` once, at
//!   start-up; if one is missing or malformed, the server exits with status 1 and names it.
//! - The server listens on `127.0.0.1` only. The port is the first argument, else `PORT`, else
//!   3000; `0` picks a free one. The first line on stdout is the address it listens on, as
//!   `listening on http://127.0.0.1:3000`.
//! - A missing, empty or invalid identity gets a 400 with a JSON body such as
//!   `{"error": "client name \"bob smith\" may contain only letters, digits and underscores"}`.
//!
//! Replace the application SID below with your TwiML application's. For a policy kept in a TOML
//! file, build a `capability::Minter` from the `PolicyTemplate` once at start-up and call
//! `minter.mint(&[identity])` in the handler: it signs the same bytes with less work.

use std::ffi::OsString;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use capability::{ACCOUNT_SID_VAR, AUTH_TOKEN_VAR, ClientName, Credentials, Policy, capability};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

/// The port when neither the argument nor `PORT` gives one.
pub const DEFAULT_PORT: u16 = 3000;

/// What a device of `identity` may do.
pub fn policy(identity: &ClientName) -> Policy {
    capability! {
        incoming identity;
        outgoing "AP89a0180a1a4ddf1da954efca349b7a20" { identity: identity };
        ttl 3600;
    }
}

/// The routes: `GET /token?identity=…`.
pub fn app(creds: Credentials) -> Router {
    Router::new()
        .route("/token", get(token))
        .with_state(Arc::new(creds))
}

/// The query string of `/token`.
#[derive(Deserialize)]
struct TokenQuery {
    identity: Option<String>,
}

/// The answer of `/token`.
#[derive(Serialize)]
struct TokenBody {
    identity: String,
    token: String,
}

/// An error, as `{"error": "…"}` with its status.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 });
        (self.0, axum::Json(body)).into_response()
    }
}

async fn token(
    State(creds): State<Arc<Credentials>>,
    query: Result<Query<TokenQuery>, QueryRejection>,
) -> Result<axum::Json<TokenBody>, ApiError> {
    let Query(query) = query.map_err(|e| ApiError(StatusCode::BAD_REQUEST, e.body_text()))?;
    let identity = query.identity.ok_or_else(|| {
        ApiError(
            StatusCode::BAD_REQUEST,
            "query parameter `identity` is required".to_owned(),
        )
    })?;
    let identity: ClientName = identity
        .parse()
        .map_err(|e: capability::ValueError| ApiError(StatusCode::BAD_REQUEST, e.to_string()))?;
    let token = policy(&identity)
        .sign(&creds)
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(axum::Json(TokenBody {
        identity: identity.as_str().to_owned(),
        token: token.into_string(),
    }))
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

/// The credentials, read through `lookup` (`std::env::var_os` in `main`). The error names the
/// variable at fault, never a value.
pub fn credentials(
    lookup: impl FnMut(&'static str) -> Option<OsString>,
) -> Result<Credentials, String> {
    Credentials::from_lookup(lookup).map_err(|e| {
        format!(
            "{e}; the server needs {ACCOUNT_SID_VAR} and {AUTH_TOKEN_VAR}, from the Twilio console"
        )
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
    let creds = credentials(std::env::var_os).unwrap_or_else(|e| fail(e));
    let port =
        port(std::env::args_os().nth(1), std::env::var_os("PORT")).unwrap_or_else(|e| fail(e));
    let (listener, addr) = listen(port)
        .await
        .unwrap_or_else(|e| fail(format_args!("cannot listen on 127.0.0.1:{port}: {e}")));
    println!("listening on http://{addr}");
    if let Err(e) = axum::serve(listener, app(creds)).await {
        fail(e);
    }
}
