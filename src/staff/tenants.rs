//! The deployment's municipalities for its administrators: the list with host names and
//! widget keys, and adding one from its municipality.toml — the same checks as
//! `civic-assistant tenant add`, and it is served at once (other instances hear of it through
//! the content channel). Only administrators of the deployment's default municipality see
//! this page: a tenant's administrators manage their own municipality, not the deployment.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Html;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use super::accounts::{Role, StaffUser};
use super::pages::Page;
use super::{LangQuery, Staff, StaffError, audit, check_csrf, page_lang, require};
use crate::app::App;
use crate::language::Lang;

pub fn router() -> Router<App> {
    Router::new().route("/staff/tenants", get(tenants_page).post(add))
}

/// Deployment administration: an administrator of the default municipality.
fn require_deployment_admin(app: &App, user: &StaffUser, lang: Lang) -> Result<(), StaffError> {
    require(user, Role::Admin, lang)?;
    if app.current_tenant() != app.default_tenant() {
        return Err(StaffError::Forbidden(lang));
    }
    Ok(())
}

async fn tenants_page(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require_deployment_admin(&app, &user, lang)?;
    view(&app, &user, lang, None, None, "", "").await
}

#[derive(Debug, Deserialize)]
struct AddForm {
    csrf: String,
    config: String,
    #[serde(default)]
    hosts: String,
}

async fn add(
    State(app): State<App>,
    Staff(user): Staff,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    Form(form): Form<AddForm>,
) -> Result<Html<String>, StaffError> {
    let lang = page_lang(&query, &headers);
    require_deployment_admin(&app, &user, lang)?;
    check_csrf(&user, &form.csrf, lang)?;
    let hosts: Vec<String> = form
        .hosts
        .split([',', '\n', ' '])
        .map(str::trim)
        .filter(|host| !host.is_empty())
        .map(str::to_string)
        .collect();
    let shared = app.content();
    match crate::tenants::add(app.store(), &shared, &form.config, &hosts).await {
        Ok(tenant) => {
            app.load_tenants().await.map_err(StaffError::Internal)?;
            let mut connection = app.store().pool.acquire().await?;
            crate::content_sync::announce(app.store(), &mut connection, &tenant.id).await?;
            audit::record(
                app.store(),
                &app.default_tenant(),
                Some(user.id),
                "tenant.add",
                &tenant.id,
                &tenant.hosts.join(","),
            )
            .await?;
            view(&app, &user, lang, Some("staff-tenants-added"), None, "", "").await
        }
        Err(crate::tenants::TenantError::Database(error)) => Err(error.into()),
        Err(refused) => {
            let error = refused.to_string();
            view(
                &app,
                &user,
                lang,
                None,
                Some(error),
                &form.config,
                &form.hosts,
            )
            .await
        }
    }
}

async fn view(
    app: &App,
    user: &StaffUser,
    lang: Lang,
    notice: Option<&str>,
    error: Option<String>,
    config: &str,
    hosts: &str,
) -> Result<Html<String>, StaffError> {
    let tenants: Vec<_> = crate::tenants::list(app.store())
        .await?
        .into_iter()
        .map(|tenant| {
            json!({
                "id": tenant.id,
                "name": tenant.name,
                "hosts": tenant.hosts.join(", "),
                "widget_key": tenant.widget_key.unwrap_or_default(),
                "default": tenant.config.is_none(),
            })
        })
        .collect();
    let mut page = Page::new(app, lang, "tenants", "staff-tenants").signed_in(user);
    if let Some(key) = notice {
        page = page.notice(key);
    }
    Ok(page.render(
        "tenants",
        json!({ "tenants": tenants, "error": error, "config": config, "hosts": hosts }),
    ))
}
