//! Signing in with e-ID through an OpenID Connect broker (BankID and Freja through the
//! brokers Swedish municipalities use): the authorization code flow with PKCE (S256), a
//! state bound to the browser that started the sign-in, and a nonce; the ID token checked
//! for its signature (the broker's JWKS), issuer, audience, expiry and nonce; the
//! personnummer read from a configurable claim and turned into a `PersonalNumber` at once.
//!
//! Errors name what failed, never a token's content or a personal identity number.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::PersonalNumber;
use crate::staff::accounts::{random_token, token_hash};
use crate::store::{Store, now_millis};

/// How long the broker may take to send the resident back.
const LOGIN_MILLIS: i64 = 10 * 60 * 1000;

/// The personnummer claim when none is configured (the name most Swedish brokers use).
pub const DEFAULT_PERSONAL_NUMBER_CLAIM: &str = "personal_identity_number";

/// The scopes asked for when none are configured.
pub const DEFAULT_SCOPES: &str = "openid profile";

/// The broker, as configured.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The issuer URL; its `/.well-known/openid-configuration` is read on first use.
    pub issuer_url: String,
    pub client_id: String,
    /// A secret: sent to the token endpoint only.
    pub client_secret: String,
    /// This service's `/mina-sidor/callback` as the broker knows it.
    pub redirect_url: String,
    /// The ID token claim with the personnummer (brokers differ: `personal_identity_number`,
    /// `socialno`, `nin`, …).
    pub personal_number_claim: String,
    /// The scopes asked for, `openid` among them.
    pub scopes: String,
}

impl OidcSettings {
    /// What is wrong with these settings, in words that never repeat the secret; empty when
    /// they can be used. Checked before the first sign-in, so a typo is named at start-up
    /// (and by `config check`) rather than met by a resident as a failed sign-in.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, value) in [
            ("issuer_url", &self.issuer_url),
            ("redirect_url", &self.redirect_url),
        ] {
            match reqwest::Url::parse(value) {
                Ok(url) if matches!(url.scheme(), "https" | "http") && url.has_host() => {}
                Ok(_) => problems.push(format!("{name} {value:?} is not an http(s) URL")),
                Err(error) => problems.push(format!("{name} {value:?} is not a URL: {error}")),
            }
        }
        if reqwest::Url::parse(&self.redirect_url)
            .is_ok_and(|url| !url.path().ends_with("/mina-sidor/callback"))
        {
            problems.push(format!(
                "redirect_url {:?} must end in /mina-sidor/callback, where the broker sends residents back",
                self.redirect_url
            ));
        }
        if self.client_id.trim().is_empty() {
            problems.push("client_id is empty".into());
        }
        if self.personal_number_claim.trim().is_empty() {
            problems.push("personal_number_claim is empty".into());
        }
        if !self
            .scopes
            .split_whitespace()
            .any(|scope| scope == "openid")
        {
            problems.push(format!("scopes {:?} must include openid", self.scopes));
        }
        problems
    }
}

/// Why a sign-in did not succeed.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("the e-ID broker could not be reached or described itself wrongly: {0}")]
    Broker(String),
    #[error("unknown, used or expired sign-in state")]
    UnknownState,
    #[error("the broker refused the sign-in: {0}")]
    Refused(String),
    #[error("the ID token is not valid: {0}")]
    InvalidToken(String),
    #[error("the ID token lacks a valid personal identity number in claim {0:?}")]
    PersonalNumber(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The broker's endpoints and keys, read once and kept.
struct Provider {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    jwks: JwkSet,
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
}

/// A sign-in begun: where to send the browser, and the value for its sign-in cookie.
pub struct Begun {
    pub authorization_url: String,
    pub browser_secret: String,
}

/// A sign-in finished.
pub struct Finished {
    pub personal_number: PersonalNumber,
    pub return_to: String,
}

/// The OpenID Connect client.
pub struct Client {
    settings: OidcSettings,
    http: reqwest::Client,
    provider: tokio::sync::RwLock<Option<Arc<Provider>>>,
}

impl Client {
    /// A client for the broker `settings` name; refused with the settings' problems.
    pub fn new(settings: OidcSettings) -> anyhow::Result<Client> {
        let problems = settings.problems();
        if !problems.is_empty() {
            anyhow::bail!("{}", problems.join("; "));
        }
        // No pooled connections: sign-ins are rare, and a broker closing an idle kept-alive
        // connection just as it is reused would fail the sign-in.
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(0)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Client {
            settings,
            http,
            provider: tokio::sync::RwLock::new(None),
        })
    }

    /// This service's callback as the broker knows it.
    pub fn redirect_url(&self) -> &str {
        &self.settings.redirect_url
    }

    /// Starts a sign-in: stores state, nonce and PKCE verifier, and returns the broker's URL.
    pub async fn begin(
        &self,
        store: &Store,
        municipality_id: &str,
        return_to: &str,
    ) -> Result<Begun, OidcError> {
        let provider = self.provider(false).await?;
        let state = random_token();
        let nonce = random_token();
        let verifier = format!("{}{}", random_token(), random_token());
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        let browser_secret = random_token();
        let now = now_millis();
        {
            let _turn = store.write_turn().await;
            sqlx::query("DELETE FROM resident_logins WHERE expires_at <= $1")
                .bind(now)
                .execute(&store.pool)
                .await?;
            sqlx::query(
                "INSERT INTO resident_logins (state_hash, municipality_id, browser_hash, nonce, pkce_verifier, return_to, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(token_hash(&state))
            .bind(municipality_id)
            .bind(token_hash(&browser_secret))
            .bind(&nonce)
            .bind(&verifier)
            .bind(return_to)
            .bind(now)
            .bind(now + LOGIN_MILLIS)
            .execute(&store.pool)
            .await?;
        }
        let mut url = reqwest::Url::parse(&provider.authorization_endpoint)
            .map_err(|e| OidcError::Broker(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("redirect_uri", &self.settings.redirect_url)
            .append_pair("scope", &self.settings.scopes)
            .append_pair("state", &state)
            .append_pair("nonce", &nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(Begun {
            authorization_url: url.to_string(),
            browser_secret,
        })
    }

    /// Finishes a sign-in with the code and state the broker sent back, from the browser
    /// holding `browser_secret`. The state is used up whatever the outcome.
    pub async fn finish(
        &self,
        store: &Store,
        municipality_id: &str,
        code: &str,
        state: &str,
        browser_secret: &str,
    ) -> Result<Finished, OidcError> {
        let row = {
            let _turn = store.write_turn().await;
            sqlx::query(
                "DELETE FROM resident_logins WHERE state_hash = $1 AND municipality_id = $2 \
                 RETURNING browser_hash, nonce, pkce_verifier, return_to, expires_at",
            )
            .bind(token_hash(state))
            .bind(municipality_id)
            .fetch_optional(&store.pool)
            .await?
        };
        let Some(row) = row else {
            return Err(OidcError::UnknownState);
        };
        let (browser_hash, nonce, verifier, return_to, expires_at): (
            String,
            String,
            String,
            String,
            i64,
        ) = (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
        if expires_at <= now_millis()
            || !crate::staff::accounts::same_secret(&token_hash(browser_secret), &browser_hash)
        {
            return Err(OidcError::UnknownState);
        }
        let provider = self.provider(false).await?;
        let response = self
            .http
            .post(&provider.token_endpoint)
            .basic_auth(&self.settings.client_id, Some(&self.settings.client_secret))
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", &self.settings.redirect_url),
                ("code_verifier", &verifier),
            ])
            .send()
            .await
            .map_err(|e| OidcError::Broker(format!("token endpoint: {}", chain(&e))))?;
        if !response.status().is_success() {
            return Err(OidcError::Refused(format!(
                "token endpoint answered {}",
                response.status()
            )));
        }
        let tokens: TokenResponse = response
            .json()
            .await
            .map_err(|e| OidcError::Broker(format!("token response: {e}")))?;
        let id_token = tokens
            .id_token
            .ok_or_else(|| OidcError::InvalidToken("no id_token in the response".into()))?;
        let claims = self.validate(&id_token, &nonce).await?;
        let claim = &self.settings.personal_number_claim;
        let personal_number = claims
            .get(claim)
            .and_then(|value| value.as_str())
            .and_then(PersonalNumber::parse)
            .ok_or_else(|| OidcError::PersonalNumber(claim.clone()))?;
        Ok(Finished {
            personal_number,
            return_to,
        })
    }

    /// Checks the ID token's signature against the broker's keys (read again once when the
    /// key id is unknown: the broker may have rotated its keys), its issuer, audience,
    /// expiry and nonce. Only asymmetric algorithms are accepted.
    async fn validate(
        &self,
        id_token: &str,
        nonce: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>, OidcError> {
        let header = jsonwebtoken::decode_header(id_token)
            .map_err(|e| OidcError::InvalidToken(format!("header: {e}")))?;
        if !matches!(
            header.alg,
            Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512
                | Algorithm::ES256
                | Algorithm::ES384
                | Algorithm::EdDSA
        ) {
            return Err(OidcError::InvalidToken(format!(
                "algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let mut provider = self.provider(false).await?;
        let find = |provider: &Provider| match &header.kid {
            Some(kid) => provider.jwks.find(kid).cloned(),
            None => provider.jwks.keys.first().cloned(),
        };
        let jwk = match find(provider.as_ref()) {
            Some(jwk) => jwk,
            None => {
                provider = self.provider(true).await?;
                find(provider.as_ref())
                    .ok_or_else(|| OidcError::InvalidToken("unknown signing key".into()))?
            }
        };
        let key = DecodingKey::from_jwk(&jwk)
            .map_err(|e| OidcError::InvalidToken(format!("signing key: {e}")))?;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[&provider.issuer]);
        validation.set_audience(&[&self.settings.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        let data = jsonwebtoken::decode::<serde_json::Map<String, serde_json::Value>>(
            id_token,
            &key,
            &validation,
        )
        .map_err(|e| OidcError::InvalidToken(e.kind_description()))?;
        let claims = data.claims;
        let given_nonce = claims.get("nonce").and_then(|n| n.as_str()).unwrap_or("");
        if !crate::staff::accounts::same_secret(given_nonce, nonce) {
            return Err(OidcError::InvalidToken("wrong nonce".into()));
        }
        Ok(claims)
    }

    /// The broker's description and keys; read on first use, and again when `refresh`.
    async fn provider(&self, refresh: bool) -> Result<Arc<Provider>, OidcError> {
        if !refresh && let Some(provider) = self.provider.read().await.as_ref() {
            return Ok(provider.clone());
        }
        let mut slot = self.provider.write().await;
        let discovery_url = format!(
            "{}/.well-known/openid-configuration",
            self.settings.issuer_url.trim_end_matches('/')
        );
        let (issuer, authorization_endpoint, token_endpoint, jwks_uri) = match (&*slot, refresh) {
            (Some(known), true) => (
                known.issuer.clone(),
                known.authorization_endpoint.clone(),
                known.token_endpoint.clone(),
                known.jwks_uri.clone(),
            ),
            _ => {
                let discovery: Discovery = self.get_json(&discovery_url).await?;
                if discovery.issuer.trim_end_matches('/')
                    != self.settings.issuer_url.trim_end_matches('/')
                {
                    return Err(OidcError::Broker(
                        "the discovery document names another issuer".into(),
                    ));
                }
                (
                    discovery.issuer,
                    discovery.authorization_endpoint,
                    discovery.token_endpoint,
                    discovery.jwks_uri,
                )
            }
        };
        let jwks: JwkSet = self.get_json(&jwks_uri).await?;
        let provider = Arc::new(Provider {
            issuer,
            authorization_endpoint,
            token_endpoint,
            jwks_uri,
            jwks,
        });
        *slot = Some(provider.clone());
        Ok(provider)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, OidcError> {
        self.http
            .get(url)
            .send()
            .await
            .and_then(|response| response.error_for_status())
            .map_err(|e| OidcError::Broker(format!("{url}: {e}")))?
            .json()
            .await
            .map_err(|e| OidcError::Broker(format!("{url}: {e}")))
    }
}

/// An error with its causes, for the log: reqwest's own message hides the reason.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

trait KindDescription {
    fn kind_description(&self) -> String;
}

impl KindDescription for jsonwebtoken::errors::Error {
    /// The kind of failure only: the error's display could quote the token.
    fn kind_description(&self) -> String {
        use jsonwebtoken::errors::ErrorKind;
        match self.kind() {
            ErrorKind::InvalidSignature => "bad signature".into(),
            ErrorKind::ExpiredSignature => "expired".into(),
            ErrorKind::InvalidAudience => "wrong audience".into(),
            ErrorKind::InvalidIssuer => "wrong issuer".into(),
            ErrorKind::ImmatureSignature => "not yet valid".into(),
            ErrorKind::MissingRequiredClaim(claim) => format!("missing claim {claim}"),
            _ => "malformed".into(),
        }
    }
}
