//! Signing in and out of Mina sidor: to the e-ID broker and back (the session cookie is set
//! on the way back), signing out, and — in demo mode only — signing in as a fictional demo
//! resident without e-ID.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;

use super::{
    LOGIN_COOKIE, MinaError, PageQuery, SESSION_COOKIE, SignedIn, check_csrf, safe_return,
    secure_cookies, session_cookie,
};
use crate::app::App;
use crate::residents::{oidc, sessions};

pub(super) fn router() -> axum::Router<App> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/mina-sidor/logga-in", get(begin))
        .route("/mina-sidor/callback", get(callback))
        .route("/mina-sidor/logga-ut", post(sign_out))
        .route("/mina-sidor/demo", post(demo))
}

/// Sends the browser to the e-ID broker.
async fn begin(
    State(app): State<App>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response, MinaError> {
    // The current municipality's own broker: a sign-in begun on one municipality's host is
    // finished by that municipality's callback only (its state is stored under it).
    let client = app.e_id().ok_or(MinaError::NoSignIn)?;
    let municipality = app.assistant().municipality.id.clone();
    let return_to = safe_return(query.return_to.as_deref());
    let begun = client.begin(app.store(), &municipality, &return_to).await?;
    let cookie = Cookie::build((LOGIN_COOKIE, begun.browser_secret))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies(&headers))
        .path("/mina-sidor");
    Ok((jar.add(cookie), Redirect::to(&begun.authorization_url)).into_response())
}

#[derive(Debug, Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The broker sends the browser back here with a code.
async fn callback(
    State(app): State<App>,
    Query(query): Query<CallbackQuery>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response, MinaError> {
    let client = app.e_id().ok_or(MinaError::NoSignIn)?;
    let (Some(code), Some(state)) = (query.code, query.state) else {
        let reason = query.error.unwrap_or_else(|| "no code".into());
        return Err(oidc::OidcError::Refused(reason.chars().take(64).collect()).into());
    };
    let browser_secret = jar
        .get(LOGIN_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let municipality = app.assistant().municipality.id.clone();
    let finished = client
        .finish(app.store(), &municipality, &code, &state, &browser_secret)
        .await?;
    let key = app.residents().keyring.key(&finished.personal_number);
    let token = sessions::open(app.store(), &municipality, &key, false).await?;
    let jar = jar
        .remove(Cookie::build(LOGIN_COOKIE).path("/mina-sidor"))
        .add(session_cookie(token, &headers));
    Ok((jar, Redirect::to(&finished.return_to)).into_response())
}

async fn sign_out(
    State(app): State<App>,
    SignedIn(resident): SignedIn,
    jar: CookieJar,
    Form(form): Form<super::CsrfForm>,
) -> Result<Response, MinaError> {
    check_csrf(&resident, &form.csrf)?;
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        let municipality = app.assistant().municipality.id.clone();
        sessions::close(app.store(), &municipality, &token).await?;
    }
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/mina-sidor")).into_response())
}

#[derive(Debug, Deserialize)]
struct DemoForm {
    resident: usize,
}

/// Demo mode only: signs in as a fictional demo resident, without e-ID.
async fn demo(
    State(app): State<App>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<DemoForm>,
) -> Result<Response, MinaError> {
    if !app.residents().demo {
        return Err(MinaError::NotFound);
    }
    let number = crate::residents::demo::RESIDENTS
        .get(form.resident)
        .and_then(|demo| demo.number())
        .ok_or(MinaError::NotFound)?;
    let key = app.residents().keyring.key(&number);
    let municipality = app.assistant().municipality.id.clone();
    let token = sessions::open(app.store(), &municipality, &key, true).await?;
    let jar = jar.add(session_cookie(token, &headers));
    Ok((jar, Redirect::to("/mina-sidor")).into_response())
}
