//! Keeping every instance's knowledge current. A staff edit is saved as a revision; on
//! PostgreSQL the same transaction sends a NOTIFY, delivered when it commits, and every
//! instance (the one that saved it too) rebuilds its index from the database on hearing it.
//! If the listening connection drops, notifications may have been missed, so the instance
//! rebuilds once it is back. SQLite serves one instance, which reloads where it saves.

use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::watch;

use crate::app::App;
use crate::store::{Backend, Store};

/// The NOTIFY channel; the payload is the municipality whose content changed.
const CHANNEL: &str = "civic_content";

/// Tells every instance that `municipality_id`'s content changed, inside the transaction
/// `connection` belongs to (PostgreSQL delivers it on commit). Nothing on SQLite.
pub async fn announce(
    store: &Store,
    connection: &mut sqlx::AnyConnection,
    municipality_id: &str,
) -> Result<(), sqlx::Error> {
    if store.backend != Backend::Postgres {
        return Ok(());
    }
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(municipality_id)
        .execute(connection)
        .await
        .map(|_| ())
}

/// Listens for content changes until `shutdown` and reloads this instance's content on
/// each. Returns at once on SQLite.
pub async fn listen(app: App, mut shutdown: watch::Receiver<bool>) {
    if app.store().backend != Backend::Postgres {
        return;
    }
    let mut listener = loop {
        match connect(app.store()).await {
            Ok(listener) => break listener,
            Err(error) => {
                tracing::warn!(error = %error, "listening for content changes; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = shutdown.changed() => return,
                }
            }
        }
    };
    loop {
        tokio::select! {
            received = listener.try_recv() => match received {
                Ok(Some(notification)) => reload(&app, notification.payload()).await,
                // The connection was lost; the next call reconnects. A change may have been
                // announced in between, so reload now.
                Ok(None) => reload(&app, "").await,
                Err(error) => {
                    tracing::warn!(error = %error, "content change listener");
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                        _ = shutdown.changed() => return,
                    }
                }
            },
            _ = shutdown.changed() => return,
        }
    }
}

async fn connect(store: &Store) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(store.url()).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn reload(app: &App, municipality_id: &str) {
    match app.reload_municipality(municipality_id).await {
        Ok(()) => tracing::info!("content reloaded after a change on another instance"),
        Err(error) => tracing::warn!(error = %format!("{error:#}"), "reloading content"),
    }
}
