//! Background jobs that must run on one instance at a time (the Telegram sender and poller):
//! on PostgreSQL the instance holding a session-level advisory lock runs the job, and the
//! others wait to take over — when the holder stops or dies, its connection closes and the
//! lock is released by the server. SQLite serves one instance, which always runs the job.

use std::future::Future;
use std::time::Duration;

use sqlx::{Connection, Row};
use tokio::sync::watch;

use super::{Backend, Store};

/// How often an instance that does not hold the lock tries to take it.
const RETRY: Duration = Duration::from_secs(2);

/// The advisory lock key of a job: a stable hash of its name (FNV-1a, 64 bits).
pub fn lock_key(name: &str) -> i64 {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// Runs `job` while this instance holds the job's lock, until `shutdown`; the job must
/// itself return when `shutdown` turns true.
pub async fn run_exclusively<F, Fut>(
    store: Store,
    name: String,
    mut shutdown: watch::Receiver<bool>,
    job: F,
) where
    F: FnOnce(watch::Receiver<bool>) -> Fut,
    Fut: Future<Output = ()>,
{
    if store.backend == Backend::Sqlite {
        job(shutdown).await;
        return;
    }
    loop {
        if *shutdown.borrow() {
            return;
        }
        match try_lock(&store, &name).await {
            Ok(Some(connection)) => {
                tracing::info!(job = %name, "this instance runs the job");
                job(shutdown).await;
                // Closing the connection releases the lock for the next holder.
                let _ = connection.close().await;
                return;
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(job = %name, error = %error, "taking the job lock"),
        }
        tokio::select! {
            _ = tokio::time::sleep(RETRY) => {}
            _ = shutdown.changed() => {}
        }
    }
}

/// A connection holding the job's lock, or `None` when another instance holds it. The
/// connection is taken out of the pool: a session lock must not go back to be shared.
async fn try_lock(store: &Store, name: &str) -> Result<Option<sqlx::AnyConnection>, sqlx::Error> {
    let mut connection = store.pool.acquire().await?.detach();
    let locked: bool = sqlx::query("SELECT pg_try_advisory_lock($1)")
        .bind(lock_key(name))
        .fetch_one(&mut connection)
        .await?
        .get(0);
    if locked {
        Ok(Some(connection))
    } else {
        let _ = connection.close().await;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lock_keys_are_stable_and_distinct() {
        assert_eq!(
            super::lock_key("telegram-sender"),
            super::lock_key("telegram-sender")
        );
        assert_ne!(
            super::lock_key("telegram-sender"),
            super::lock_key("telegram-poller")
        );
    }
}
