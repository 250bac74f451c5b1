//! Many municipalities on one deployment. Each tenant is a municipality with its own
//! `municipality.toml` (name, languages, local facts, branding, allowed origins), the host
//! names it is served on and a widget key for pages that embed the chat from a shared host.
//! Every tenant answers from the shared answer library (the deployment's knowledge) unless
//! its staff have published a local version of an article (`revisions`), and all its data
//! carries its municipality id.
//!
//! The municipality of the deployment's own content is the default tenant: it is served on
//! any host no tenant claims, and needs no row here beyond the one every municipality has.

use sqlx::Row;

use crate::chat::{Assistant, LoadError};
use crate::config::Municipality;
use crate::content::{Content, ContentFile};
use crate::store::{Store, now_millis};

/// A tenant as stored.
#[derive(Debug, Clone)]
pub struct TenantRecord {
    pub id: String,
    pub name: String,
    /// Host names (lowercase, without port) the tenant is served on.
    pub hosts: Vec<String>,
    pub widget_key: Option<String>,
    /// Its `municipality.toml`; `None` for the default tenant.
    pub config: Option<String>,
}

/// A tenant that cannot be added.
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The shared content with the tenant's own `municipality.toml`.
pub fn content_for(shared: &Content, id: &str, config: &str) -> Content {
    Content {
        municipality: ContentFile {
            path: format!("tenants/{id}/municipality.toml"),
            text: config.to_string(),
        },
        ..shared.clone()
    }
}

/// A host name as compared: lowercase, without a port or a trailing dot.
pub fn normalise_host(host: &str) -> String {
    let host = host.trim().trim_end_matches('.');
    let without_port = match host.rsplit_once(':') {
        // An IPv6 literal keeps its colons inside brackets.
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => {
            name
        }
        _ => host,
    };
    without_port.to_ascii_lowercase()
}

/// Adds (or replaces) the tenant whose `municipality.toml` is `config`, served on `hosts`.
/// The whole content is loaded with it first, so a config that would not start is refused
/// here, naming the problem. Returns the tenant with its widget key (kept on replace).
pub async fn add(
    store: &Store,
    shared: &Content,
    config: &str,
    hosts: &[String],
) -> Result<TenantRecord, TenantError> {
    let municipality = Municipality::parse("municipality.toml", config)
        .map_err(|e| TenantError::Invalid(e.to_string()))?;
    let content = content_for(shared, &municipality.id, config);
    Assistant::load(&content)?;
    let hosts: Vec<String> = hosts.iter().map(|host| normalise_host(host)).collect();
    if let Some(bad) = hosts
        .iter()
        .find(|host| host.is_empty() || host.contains(['/', ' ', ',']))
    {
        return Err(TenantError::Invalid(format!("{bad:?} is not a host name")));
    }
    for other in list(store).await? {
        if other.id == municipality.id {
            continue;
        }
        if let Some(taken) = hosts.iter().find(|host| other.hosts.contains(host)) {
            return Err(TenantError::Invalid(format!(
                "host {taken} is already served for {}",
                other.id
            )));
        }
    }
    let key = new_widget_key();
    let _turn = store.write_turn().await;
    sqlx::query(
        "INSERT INTO municipalities (id, name, created_at, config, hosts, widget_key) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config, \
         hosts = excluded.hosts, widget_key = COALESCE(municipalities.widget_key, excluded.widget_key)",
    )
    .bind(&municipality.id)
    .bind(&municipality.name)
    .bind(now_millis())
    .bind(config)
    .bind(hosts.join(","))
    .bind(&key)
    .execute(&store.pool)
    .await?;
    drop(_turn);
    list(store)
        .await?
        .into_iter()
        .find(|tenant| tenant.id == municipality.id)
        .ok_or_else(|| TenantError::Invalid("the tenant was not stored".into()))
}

/// Every municipality in the database, tenants and the default alike, by id.
pub async fn list(store: &Store) -> Result<Vec<TenantRecord>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, name, hosts, widget_key, config FROM municipalities ORDER BY id")
            .fetch_all(&store.pool)
            .await?;
    Ok(rows
        .iter()
        .map(|row| TenantRecord {
            id: row.get(0),
            name: row.get(1),
            hosts: row
                .get::<String, _>(2)
                .split(',')
                .filter(|host| !host.is_empty())
                .map(str::to_string)
                .collect(),
            widget_key: row.get(3),
            config: row.get(4),
        })
        .collect())
}

/// A random key for embedding the widget: 128 bits, hex.
fn new_widget_key() -> String {
    format!("wk_{}", uuid::Uuid::new_v4().simple())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hosts_compare_without_case_port_or_trailing_dot() {
        let cases = [
            ("Assistent.Exempelby.se", "assistent.exempelby.se"),
            ("assistent.exempelby.se:8443", "assistent.exempelby.se"),
            ("assistent.exempelby.se.", "assistent.exempelby.se"),
            ("127.0.0.1:8080", "127.0.0.1"),
            ("[::1]:8080", "[::1]"),
            ("[::1]", "[::1]"),
        ];
        for (host, expected) in cases {
            assert_eq!(super::normalise_host(host), expected, "{host}");
        }
    }
}
