//! Resident sign-in with OpenID Connect. The full flow against a real provider
//! (`oidc-provider`, the npm package, in `tests/oidc`), driven over HTTP as a browser would:
//! redirects, the provider's login form, the callback, the session. And the rejections —
//! a token signed with another key, for another audience, expired, with the wrong nonce or
//! issuer, without a valid personnummer, a replayed or unknown state — against a small
//! broker of our own that mints exactly those tokens.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use civic_assistant::residents::ResidentSettings;
use civic_assistant::residents::oidc::OidcSettings;
use reqwest::redirect::Policy;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

use crate::helpers::{TestApp, bind, chat_as, spawn_app_on};

pub(crate) const CLIENT_ID: &str = "civic-assistant";
pub(crate) const CLIENT_SECRET: &str = "test-client-secret";

pub(crate) fn settings(issuer: &str, service: SocketAddr) -> ResidentSettings {
    ResidentSettings {
        oidc: Some(OidcSettings {
            issuer_url: issuer.to_string(),
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            redirect_url: format!("http://{service}/mina-sidor/callback"),
            personal_number_claim: "personal_identity_number".into(),
            scopes: "openid profile".into(),
        }),
        key_secret: None,
    }
}

/// A browser that shows each redirect to the test.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// Follows redirects from `response`, returning the final response and every URL passed.
pub(crate) async fn follow(
    client: &reqwest::Client,
    mut response: reqwest::Response,
) -> (reqwest::Response, Vec<String>) {
    let mut visited = Vec::new();
    for _ in 0..20 {
        if !response.status().is_redirection() {
            break;
        }
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .expect("a redirect has a location");
        let next = response.url().join(location).expect("a valid location");
        visited.push(next.to_string());
        response = client.get(next).send().await.expect("follow the redirect");
    }
    (response, visited)
}

/// The real provider, started with node for the service at `service`.
struct RealProvider {
    issuer: String,
    _child: tokio::process::Child,
}

async fn start_real_provider(service: SocketAddr) -> RealProvider {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc");
    assert!(
        dir.join("node_modules/oidc-provider").exists(),
        "the test OpenID provider is not installed: run `npm ci` in tests/oidc (scripts/test does)"
    );
    let mut child = tokio::process::Command::new("node")
        .arg("provider.mjs")
        .current_dir(&dir)
        .env(
            "REDIRECT_URI",
            format!("http://{service}/mina-sidor/callback"),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start node tests/oidc/provider.mjs");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let issuer = loop {
        let line = lines
            .next_line()
            .await
            .expect("read the provider's output")
            .expect("the provider prints its issuer");
        if let Some(issuer) = line.strip_prefix("ISSUER ") {
            break issuer.to_string();
        }
    };
    // The provider writes notes later on; a closed pipe would stop it.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    RealProvider {
        issuer,
        _child: child,
    }
}

#[tokio::test]
async fn a_resident_signs_in_with_e_id_and_sees_their_own_cases() {
    let listener = bind().await;
    let service = listener.local_addr().expect("address");
    let provider = start_real_provider(service).await;
    let app = spawn_app_on(listener, None, settings(&provider.issuer, service)).await;
    let client = browser();

    let page = client
        .get(app.url("/mina-sidor"))
        .send()
        .await
        .expect("page");
    let html = page.text().await.expect("html");
    assert!(
        html.contains(r#"href="/mina-sidor/logga-in"#),
        "the sign-in is offered"
    );

    // To the provider and its login form.
    let start = client
        .get(app.url("/mina-sidor/logga-in?return=%2Fmina-sidor"))
        .send()
        .await
        .expect("sign in");
    assert!(start.status().is_redirection());
    let authorize = start.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(authorize.starts_with(&provider.issuer), "{authorize}");
    for parameter in [
        "code_challenge_method=S256",
        "code_challenge=",
        "state=",
        "nonce=",
    ] {
        assert!(authorize.contains(parameter), "{authorize} has {parameter}");
    }
    let (form, _) = follow(&client, start).await;
    let form_url = form.url().clone();
    let form_html = form.text().await.expect("login form");
    let action = form_html
        .split(r#"action=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the login form's action");

    // "Sign in with e-ID" as Tolvan, the demo resident whose demo cases exist.
    let submitted = client
        .post(form_url.join(action).expect("action URL"))
        .form(&[("personal_number", "19121212-1212")])
        .send()
        .await
        .expect("submit the login form");
    let (response, visited) = follow(&client, submitted).await;
    let callback = visited
        .iter()
        .find(|url| url.contains("/mina-sidor/callback"))
        .cloned()
        .expect("the provider sent the browser back");
    // Back on Mina sidor, signed in; the personnummer was in no URL on the way.
    assert!(
        visited
            .iter()
            .all(|url| !url.contains("1212121212") && !url.contains("19121212"))
    );
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("Byggnadsnämnden"), "signed in: {html}");
    assert!(html.contains("Logga ut"));

    // The chat on the page knows the resident.
    let (status, reply) = chat_as(
        &client,
        &app,
        json!({ "text": "när får jag besked om bygglovet?" }),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        reply["text"]
            .as_str()
            .unwrap_or_default()
            .contains("Byggnadsnämnden"),
        "{reply}"
    );

    // The same callback again (a replayed state) is refused, and so is an unknown state.
    let replay = client.get(&callback).send().await.expect("replay");
    assert_eq!(replay.status(), 400);
    let unknown = client
        .get(app.url("/mina-sidor/callback?code=abc&state=not-a-state"))
        .send()
        .await
        .expect("unknown state");
    assert_eq!(unknown.status(), 400);

    // The database has the session's hash and the resident's keyed hash, never the number.
    let database = app.database().await;
    for (table, column) in [
        ("resident_sessions", "resident_key"),
        ("cases", "resident_key"),
        ("residents", "resident_key"),
    ] {
        let values: Vec<String> = sqlx::query_scalar(&format!("SELECT {column} FROM {table}"))
            .fetch_all(&database)
            .await
            .expect("read");
        assert!(!values.is_empty(), "{table}");
        assert!(
            values.iter().all(|v| !v.contains("1212") && v.len() == 64),
            "{table}: {values:?}"
        );
    }

    // Signing out ends the session.
    let csrf = app.page_and_csrf(&client, "/mina-sidor").await.1;
    let out = client
        .post(app.url("/mina-sidor/logga-ut"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("sign out");
    assert!(out.status().is_redirection());
    let html = client
        .get(app.url("/mina-sidor"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!html.contains("Byggnadsnämnden"));
}

/// What the fake broker's next ID token gets wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Defect {
    None,
    OtherKey,
    OtherAudience,
    Expired,
    OtherNonce,
    OtherIssuer,
    BadPersonalNumber,
    Symmetric,
}

#[derive(Clone)]
pub(crate) struct Broker {
    pub(crate) issuer: String,
    signing: Arc<Vec<u8>>,
    other: Arc<Vec<u8>>,
    public_jwk: Value,
    defect: Arc<Mutex<Defect>>,
    /// code → nonce of the authorization that issued it.
    codes: Arc<Mutex<Vec<(String, String)>>>,
}

fn new_key() -> (Vec<u8>, Vec<u8>) {
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng).expect("key");
    let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, pkcs8.as_ref(), &rng)
        .expect("key pair");
    (pkcs8.as_ref().to_vec(), pair.public_key().as_ref().to_vec())
}

pub(crate) async fn start_fake_broker() -> Broker {
    let listener = bind().await;
    let issuer = format!("http://{}", listener.local_addr().expect("address"));
    let (signing, public) = new_key();
    let (other, _) = new_key();
    let broker = Broker {
        issuer,
        signing: Arc::new(signing),
        other: Arc::new(other),
        public_jwk: json!({
            "kty": "EC", "crv": "P-256", "kid": "fake-1", "use": "sig", "alg": "ES256",
            "x": URL_SAFE_NO_PAD.encode(&public[1..33]),
            "y": URL_SAFE_NO_PAD.encode(&public[33..65]),
        }),
        defect: Arc::new(Mutex::new(Defect::None)),
        codes: Arc::new(Mutex::new(Vec::new())),
    };
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .with_state(broker.clone());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    broker
}

async fn discovery(State(broker): State<Broker>) -> Json<Value> {
    Json(json!({
        "issuer": broker.issuer,
        "authorization_endpoint": format!("{}/authorize", broker.issuer),
        "token_endpoint": format!("{}/token", broker.issuer),
        "jwks_uri": format!("{}/jwks", broker.issuer),
    }))
}

async fn jwks(State(broker): State<Broker>) -> Json<Value> {
    Json(json!({ "keys": [broker.public_jwk] }))
}

async fn authorize(
    State(broker): State<Broker>,
    Query(query): Query<std::collections::HashMap<String, String>>,
) -> impl IntoResponse {
    let code = uuid::Uuid::new_v4().simple().to_string();
    broker
        .codes
        .lock()
        .expect("codes")
        .push((code.clone(), query["nonce"].clone()));
    Redirect::to(&format!(
        "{}?code={code}&state={}",
        query["redirect_uri"], query["state"]
    ))
}

async fn token(
    State(broker): State<Broker>,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> impl IntoResponse {
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(basic.as_str())
        || form.get("code_verifier").is_none_or(|v| v.len() < 43)
    {
        return (
            axum::http::StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_client" })),
        );
    }
    let nonce = broker
        .codes
        .lock()
        .expect("codes")
        .iter()
        .find(|(code, _)| Some(code) == form.get("code"))
        .map(|(_, nonce)| nonce.clone())
        .unwrap_or_default();
    let defect = *broker.defect.lock().expect("defect");
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "iss": broker.issuer,
        "sub": "resident-1",
        "aud": CLIENT_ID,
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "personal_identity_number": "198112189876",
    });
    match defect {
        Defect::OtherAudience => claims["aud"] = json!("another-client"),
        Defect::Expired => {
            claims["iat"] = json!(now - 7200);
            claims["exp"] = json!(now - 3600);
        }
        Defect::OtherNonce => claims["nonce"] = json!("a-nonce-from-elsewhere"),
        Defect::OtherIssuer => claims["iss"] = json!("https://evil.example"),
        Defect::BadPersonalNumber => claims["personal_identity_number"] = json!("198112189875"),
        _ => {}
    }
    let id_token = match defect {
        Defect::Symmetric => {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
            header.kid = Some("fake-1".into());
            jsonwebtoken::encode(
                &header,
                &claims,
                &jsonwebtoken::EncodingKey::from_secret(CLIENT_SECRET.as_bytes()),
            )
        }
        _ => {
            let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
            header.kid = Some("fake-1".into());
            let key = if defect == Defect::OtherKey {
                &broker.other
            } else {
                &broker.signing
            };
            jsonwebtoken::encode(
                &header,
                &claims,
                &jsonwebtoken::EncodingKey::from_ec_der(key),
            )
        }
    }
    .expect("sign the token");
    (
        axum::http::StatusCode::OK,
        Json(json!({ "access_token": "x", "token_type": "Bearer", "id_token": id_token })),
    )
}

/// One sign-in through the fake broker: the callback's status and whether a session exists.
async fn sign_in_through(app: &TestApp) -> (u16, bool) {
    let client = browser();
    let start = client
        .get(app.url("/mina-sidor/logga-in"))
        .send()
        .await
        .expect("sign in");
    let (response, _) = follow(&client, start).await;
    let status = response.status().as_u16();
    let signed_in = client
        .get(app.url("/api/v1/me/cases"))
        .send()
        .await
        .expect("cases")
        .status()
        == 200;
    (status, signed_in)
}

#[tokio::test]
async fn tokens_that_fail_a_check_are_rejected() {
    let broker = start_fake_broker().await;
    let listener = bind().await;
    let service = listener.local_addr().expect("address");
    let app = spawn_app_on(listener, None, settings(&broker.issuer, service)).await;

    // The good token first, so that every rejection below is the defect's doing.
    assert_eq!(
        sign_in_through(&app).await,
        (200, true),
        "a good token signs in"
    );
    for defect in [
        Defect::OtherKey,
        Defect::OtherAudience,
        Defect::Expired,
        Defect::OtherNonce,
        Defect::OtherIssuer,
        Defect::BadPersonalNumber,
        Defect::Symmetric,
    ] {
        *broker.defect.lock().expect("defect") = defect;
        assert_eq!(
            sign_in_through(&app).await,
            (400, false),
            "{defect:?} is rejected"
        );
    }
    *broker.defect.lock().expect("defect") = Defect::None;
    assert_eq!(sign_in_through(&app).await, (200, true), "and good again");

    // A callback in a browser that did not start the sign-in is refused.
    let starter = browser();
    let start = starter
        .get(app.url("/mina-sidor/logga-in"))
        .send()
        .await
        .expect("sign in");
    let authorize = start.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let at_broker = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
        .get(&authorize)
        .send()
        .await
        .expect("authorize");
    let callback = at_broker.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let stranger = browser().get(&callback).send().await.expect("callback");
    assert_eq!(stranger.status(), 400, "the state is bound to the browser");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax() {
    let broker = start_fake_broker().await;
    let listener = bind().await;
    let service = listener.local_addr().expect("address");
    let app = spawn_app_on(listener, None, settings(&broker.issuer, service)).await;
    let client = browser();
    let start = client
        .get(app.url("/mina-sidor/logga-in"))
        .send()
        .await
        .expect("sign in");
    let authorize = start.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let at_broker = client.get(&authorize).send().await.expect("authorize");
    let callback = at_broker.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let back = client.get(&callback).send().await.expect("callback");
    assert!(back.status().is_redirection());
    let cookie = back
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mina_session="))
        .expect("the session cookie")
        .to_string();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    // Plain HTTP on 127.0.0.1 is the local demo; anywhere else the cookie is Secure.
    assert!(!cookie.contains("Secure"), "{cookie}");
    let elsewhere = client
        .get(app.url("/mina-sidor/logga-in"))
        .header("host", "assistant.exempelby.example")
        .send()
        .await
        .expect("sign in");
    let login_cookie = elsewhere
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mina_login="))
        .expect("the sign-in cookie")
        .to_string();
    assert!(login_cookie.contains("Secure"), "{login_cookie}");
}
