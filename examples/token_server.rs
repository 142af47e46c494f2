//! A token server in the style of Twilio's Voice quickstarts, that mints only for the caller.
//!
//! - `GET /token` answers `{"identity": "alice", "token": "…"}` to the caller `alice` with an
//!   Access Token for the Voice SDK 2.x: a voice grant that lets the device receive calls as
//!   `alice` and place calls through a TwiML application, for an hour. Served when
//!   `TWILIO_API_KEY` and `TWILIO_API_SECRET` are set.
//! - `GET /capability-token` answers the same with a Client 1.x capability token. Served when
//!   `TWILIO_AUTH_TOKEN` is set.
//! - Each credential may instead be in a file, as Docker and Kubernetes mount secrets:
//!   `TWILIO_API_SECRET_FILE=/run/secrets/twilio_api_secret`, and so on for every variable
//!   ([`ApiKey::from_env`] says how the file is read).
//!
//! # Who the caller is
//!
//! The identity is the caller's, as something in front of the server authenticated it, never a
//! name the client picks: the handlers take it from the [`AuthenticatedUser`] extractor, which
//! reads it where the [`IdentitySource`] says. The server does not start until one is chosen:
//!
//! - **`TOKEN_SERVER_USER_HEADER=X-Auth-Request-User`**: from that request header, which an
//!   authenticating reverse proxy (oauth2-proxy, Pomerium, Cloudflare Access…) sets to the
//!   signed-in user. A request without the header is a 401; the header twice, a value that is
//!   not a valid identity, or an `identity` query parameter as well, a 400.
//! - **`TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1`**, for local trials only: from `?identity=`,
//!   for anyone who asks. The server warns at start and sends `X-Token-Server-Warning` on every
//!   answer.
//!
//! **A trusted header is safe only when the proxy is the only way in**: anyone who reaches the
//! server directly can send the header and name any user. Keep the server on `127.0.0.1` (the
//! default), or on an address only the proxy can reach (`TOKEN_SERVER_HOST`, for a proxy in
//! another container), and have the proxy set the header itself, never pass on the client's.
//!
//! ```sh
//! # Behind oauth2-proxy as the reverse proxy: it sets X-Forwarded-User on what it passes on
//! # (--pass-user-headers, its default), and drops any that the client sent
//! # (--skip-auth-strip-headers, its default too).
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… TWILIO_AUTH_TOKEN=… \
//!     TOKEN_SERVER_USER_HEADER=X-Forwarded-User cargo run --example token_server
//! oauth2-proxy --upstream=http://127.0.0.1:3000/ --pass-user-headers … # provider, client, cookie
//!
//! # Behind nginx with oauth2-proxy --set-xauthrequest, whose /oauth2/auth answers
//! # X-Auth-Request-User; nginx copies it onto the request:
//! #     auth_request_set $user $upstream_http_x_auth_request_user;
//! #     proxy_set_header X-Auth-Request-User $user;
//! TOKEN_SERVER_USER_HEADER=X-Auth-Request-User …
//!
//! # A local trial, with no proxy:
//! TWILIO_ACCOUNT_SID=AC… TWILIO_API_KEY=SK… TWILIO_API_SECRET=… \
//!     TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1 cargo run --example token_server
//! curl 'http://127.0.0.1:3000/token?identity=alice'
//! ```
//!
//! The header's value must be a valid identity by the policies' rules: here a Voice client
//! name (letters, digits and underscores), so a user named by an email address gets a 400,
//! unless an extractor of the app's own maps it to a client name.
//!
//! An app with sessions of its own replaces [`AuthenticatedUser`] in the handlers by its own
//! extractor; for example, with the sessions in the router's state (the README compiles this
//! one):
//!
//! ```rust,ignore
//! struct Sessions { users: HashMap<String, String> }  // session id -> signed-in user
//! struct SessionUser(String);
//!
//! impl FromRequestParts<Arc<Sessions>> for SessionUser {
//!     type Rejection = StatusCode;
//!
//!     async fn from_request_parts(
//!         parts: &mut Parts,
//!         sessions: &Arc<Sessions>,
//!     ) -> Result<Self, StatusCode> {
//!         let cookies = parts.headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
//!         let session = cookies
//!             .and_then(|c| c.split("; ").find_map(|c| c.strip_prefix("session=")))
//!             .ok_or(StatusCode::UNAUTHORIZED)?;
//!         sessions.users.get(session).cloned().map(SessionUser).ok_or(StatusCode::UNAUTHORIZED)
//!     }
//! }
//! ```
//!
//! # Running it
//!
//! - The settings are read once, at start-up. The server serves what the credentials allow
//!   and says which routes it serves; if a variable is malformed, or none of the routes can be
//!   served, it exits with status 1 and names the variable, never a credential's value.
//! - The server listens on `127.0.0.1`, or on the IP address `TOKEN_SERVER_HOST` names (v4 or
//!   v6). The port is the first argument, else `PORT`, else 3000; `0` picks a free one. The
//!   first line on stdout is the address it listens on, as `listening on
//!   http://127.0.0.1:3000` (`http://[::1]:3000` for v6); the second lists the routes; the
//!   third says where the identity comes from.
//! - An invalid identity gets a 400 with a JSON body such as
//!   `{"error": "client name \"bob smith\" may contain only letters, digits and underscores"}`,
//!   and so does a missing or empty one in the insecure mode.
//! - With `TOKEN_SERVER_FLOOR=1`, `GET /floor` answers a fixed body as long as a `/token`
//!   answer, with no token: the floor the load benchmark (`capability-bench/load.sh`) compares
//!   against. It asks for no identity.
//!
//! The access-token policy is a policy file, `examples/policies/token_server.toml`, read by the
//! compiler through `#[derive(PolicyFile)]` and compiled once into a minter, so a request
//! costs one mint; replace its application SID with your TwiML application's. The capability
//! policy is written with the `capability!` macro, so its application SID and ttl are checked
//! when this file compiles.

use std::ffi::OsString;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use capability::{
    ACCOUNT_SID_VAR, API_KEY_FILE_VAR, API_KEY_VAR, API_SECRET_FILE_VAR, API_SECRET_VAR,
    AUTH_TOKEN_FILE_VAR, AUTH_TOKEN_VAR, ApiKey, CapabilityPolicy, ClientName, Credentials,
    PolicyFile, PolicyFileMinter, capability,
};
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

/// The port when neither the argument nor `PORT` gives one.
pub const DEFAULT_PORT: u16 = 3000;

/// The address to listen on when `TOKEN_SERVER_HOST` names none.
pub const DEFAULT_HOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// Names the request header that carries the signed-in user.
pub const USER_HEADER_VAR: &str = "TOKEN_SERVER_USER_HEADER";

/// `1` takes the identity from the query string, unauthenticated.
pub const INSECURE_QUERY_VAR: &str = "TOKEN_SERVER_INSECURE_QUERY_IDENTITY";

/// The IP address to listen on.
pub const HOST_VAR: &str = "TOKEN_SERVER_HOST";

/// `1` serves `/floor`.
pub const FLOOR_VAR: &str = "TOKEN_SERVER_FLOOR";

/// The header on every answer of the insecure mode.
pub const WARNING_HEADER: HeaderName = HeaderName::from_static("x-token-server-warning");

/// What the warning header and the start-up warning say.
pub const INSECURE_WARNING: &str = "TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1: anyone who can reach this server gets a token for any identity they name; for local trials only";

/// What a Voice SDK 2.x device of the signed-in user may do, as Twilio's Voice quickstart
/// grants it: the policy file `examples/policies/token_server.toml`, checked when this file
/// compiles.
#[derive(PolicyFile)]
#[policy(file = "examples/policies/token_server.toml")]
pub struct VoiceDevice<'a> {
    /// The signed-in user.
    pub identity: &'a ClientName,
}

/// What a Twilio Client 1.x device of `identity` may do.
pub fn policy(identity: &ClientName) -> CapabilityPolicy {
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

/// Where the identity of a request comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentitySource {
    /// The value of this request header, set by the authenticating proxy in front of the
    /// server, which must be the only way in.
    Header(HeaderName),
    /// `?identity=`, whatever the caller names: for local trials only.
    InsecureQuery,
}

/// Everything `main` reads from the environment but the port.
pub struct Config {
    /// What the server signs with.
    pub keys: Keys,
    /// Where the identity of a request comes from.
    pub identity: IdentitySource,
    /// The address to listen on.
    pub host: IpAddr,
    /// Whether to serve `/floor`.
    pub floor: bool,
}

/// What the routes share.
pub struct Served {
    access: Option<PolicyFileMinter<VoiceDevice<'static>>>,
    credentials: Option<Credentials>,
    identity: IdentitySource,
    floor: Bytes,
}

/// The routes the keys allow: `/token`, `/capability-token`, and `/floor` when `floor`, with
/// the identity of each request from `identity`.
pub fn app(keys: Keys, identity: IdentitySource, floor: bool) -> Router {
    let access = keys.api_key.as_ref().map(VoiceDevice::minter);
    // The floor: a body as long as an answer of `/token` for `alice`, with no token in it.
    let sample = access
        .as_ref()
        .zip("alice".parse::<ClientName>().ok())
        .and_then(|(m, alice)| m.mint(&VoiceDevice { identity: &alice }).ok())
        .map_or(0, |t| t.as_str().len());
    let floor_body = serde_json::to_vec(&TokenBody {
        identity: "alice",
        token: &"x".repeat(sample),
    })
    .unwrap_or_default();
    let insecure = identity == IdentitySource::InsecureQuery;
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
    let router = router.with_state(Arc::new(Served {
        access,
        credentials: keys.credentials,
        identity,
        floor: Bytes::from(floor_body),
    }));
    if insecure {
        // On every answer, errors and unknown paths included, so no client can miss it.
        router.layer(middleware::map_response(warn))
    } else {
        router
    }
}

async fn warn(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(WARNING_HEADER, HeaderValue::from_static(INSECURE_WARNING));
    response
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
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.1 });
        (self.0, axum::Json(body)).into_response()
    }
}

fn bad_request(message: impl ToString) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message.to_string())
}

/// The caller's identity, as the request's [`IdentitySource`] gives it, not yet checked against
/// the rules of a token: the handlers' minters and parsers do that, and answer a 400 naming
/// the rule. This is where an app plugs in its own session check instead.
pub struct AuthenticatedUser(pub String);

impl FromRequestParts<Arc<Served>> for AuthenticatedUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, served: &Arc<Served>) -> Result<Self, ApiError> {
        let query = Query::<TokenQuery>::try_from_uri(&parts.uri);
        let name = match &served.identity {
            IdentitySource::InsecureQuery => return identity(query).map(AuthenticatedUser),
            IdentitySource::Header(name) => name,
        };
        let mut values = parts.headers.get_all(name).iter();
        let value = values.next().ok_or_else(|| {
            ApiError(
                StatusCode::UNAUTHORIZED,
                format!(
                    "no `{name}` header: this server mints only for a caller signed in by the proxy in front of it"
                ),
            )
        })?;
        if values.next().is_some() {
            return Err(bad_request(format!(
                "the `{name}` header is given more than once: the signed-in user is ambiguous"
            )));
        }
        // A client still written for `?identity=` learns at once that it is not heard.
        let Query(query) = query.map_err(|e| bad_request(e.body_text()))?;
        if query.identity.is_some() {
            return Err(bad_request(format!(
                "query parameter `identity` is not accepted: the identity is the signed-in user's, from the `{name}` header"
            )));
        }
        let user = std::str::from_utf8(value.as_bytes())
            .map_err(|_| bad_request(format!("the `{name}` header is not UTF-8")))?;
        Ok(AuthenticatedUser(user.to_owned()))
    }
}

/// The identity of a request in the insecure mode, or the 400 that says why there is none.
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
    AuthenticatedUser(identity): AuthenticatedUser,
) -> Result<Response, ApiError> {
    let minter = served
        .access
        .as_ref()
        .ok_or_else(|| bad_request("no API key"))?;
    // With the voice grant, the identity is a client name.
    let identity: ClientName = identity.parse().map_err(bad_request)?;
    let token = minter
        .mint(&VoiceDevice {
            identity: &identity,
        })
        .map_err(|e| match e {
            capability::MintError::Inputs(e) => bad_request(e),
            e => ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        })?;
    Ok(answer(identity.as_str(), token.as_str()))
}

async fn capability_token(
    State(served): State<Arc<Served>>,
    AuthenticatedUser(identity): AuthenticatedUser,
) -> Result<Response, ApiError> {
    let identity: ClientName = identity.parse().map_err(bad_request)?;
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
    // A value or the file that holds it (`NAME_FILE`, as container runtimes mount secrets).
    let mut given = |vars: &[&'static str]| vars.iter().any(|&var| lookup(var).is_some());
    let wants_api_key = given(&[
        API_KEY_VAR,
        API_KEY_FILE_VAR,
        API_SECRET_VAR,
        API_SECRET_FILE_VAR,
    ]);
    let wants_auth_token = given(&[AUTH_TOKEN_VAR, AUTH_TOKEN_FILE_VAR]);
    if !wants_api_key && !wants_auth_token {
        return Err(format!(
            "the server needs {ACCOUNT_SID_VAR} with {API_KEY_VAR} and {API_SECRET_VAR} (access tokens), or with {AUTH_TOKEN_VAR} (capability tokens), from the Twilio console; each may instead be NAME_FILE, the path of a file that holds it"
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

/// Where the identity comes from: `TOKEN_SERVER_USER_HEADER`, or
/// `TOKEN_SERVER_INSECURE_QUERY_IDENTITY=1`, exactly one of them.
pub fn identity_source(
    mut lookup: impl FnMut(&str) -> Option<OsString>,
) -> Result<IdentitySource, String> {
    let header = lookup(USER_HEADER_VAR);
    let insecure = lookup(INSECURE_QUERY_VAR);
    if let Some(value) = &insecure
        && *value != "1"
    {
        return Err(format!(
            "{INSECURE_QUERY_VAR} must be 1 or unset, not {value:?}"
        ));
    }
    match (header, insecure) {
        (Some(_), Some(_)) => Err(format!(
            "{USER_HEADER_VAR} and {INSECURE_QUERY_VAR} are both set: take the identity from the proxy's header or, for a local trial, from the query string, not both"
        )),
        (None, Some(_)) => Ok(IdentitySource::InsecureQuery),
        (Some(value), None) => value
            .to_str()
            .and_then(|text| HeaderName::try_from(text).ok())
            .map(IdentitySource::Header)
            .ok_or_else(|| {
                format!("{USER_HEADER_VAR} must be a header name such as X-Auth-Request-User, not {value:?}")
            }),
        (None, None) => Err(format!(
            "the server mints only for an authenticated caller: set {USER_HEADER_VAR} to the request header in which the authenticating proxy in front of it names the signed-in user (such as X-Forwarded-User from oauth2-proxy), and let nothing but that proxy reach the server; or, for a local trial only, set {INSECURE_QUERY_VAR}=1 to take the identity from ?identity=, unauthenticated"
        )),
    }
}

/// The whole configuration but the port, read through `lookup` (`std::env::var_os` in
/// `main`); the error names the variable at fault, never a credential's value.
pub fn config(mut lookup: impl FnMut(&str) -> Option<OsString>) -> Result<Config, String> {
    let identity = identity_source(&mut lookup)?;
    let host = match lookup(HOST_VAR) {
        None => DEFAULT_HOST,
        Some(value) => value
            .to_str()
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| {
                format!("{HOST_VAR} must be an IP address such as 127.0.0.1 or ::1, not {value:?}")
            })?,
    };
    let keys = keys(&mut lookup)?;
    let floor = lookup(FLOOR_VAR).is_some_and(|v| v == "1");
    Ok(Config {
        keys,
        identity,
        host,
        floor,
    })
}

/// Binds `host:port`; port 0 picks a free one.
pub async fn listen(host: IpAddr, port: u16) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind((host, port)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

fn fail(message: impl std::fmt::Display) -> ! {
    eprintln!("token_server: {message}");
    std::process::exit(1)
}

#[tokio::main]
async fn main() {
    let config = config(|name| std::env::var_os(name)).unwrap_or_else(|e| fail(e));
    let port =
        port(std::env::args_os().nth(1), std::env::var_os("PORT")).unwrap_or_else(|e| fail(e));
    let (listener, addr) = listen(config.host, port).await.unwrap_or_else(|e| {
        fail(format_args!(
            "cannot listen on {}: {e}",
            SocketAddr::new(config.host, port)
        ))
    });
    println!("listening on http://{addr}");
    println!("serving {}", routes(&config.keys, config.floor).join(", "));
    match &config.identity {
        IdentitySource::Header(name) => {
            println!("identity from the {name} header, trusted: only the proxy may reach {addr}");
        }
        IdentitySource::InsecureQuery => {
            println!("identity from ?identity=, unauthenticated");
            eprintln!("token_server: warning: {INSECURE_WARNING}");
        }
    }
    if let Err(e) = axum::serve(listener, app(config.keys, config.identity, config.floor)).await {
        fail(e);
    }
}
