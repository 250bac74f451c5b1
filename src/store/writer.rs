//! The turn to write to an SQLite database, and the connection that runs `Writes` on the
//! calling thread.
//!
//! SQLite has one writer at a time. Taking turns here, rather than letting connections sleep
//! and retry on the file lock, keeps write latency flat under load. The writer connection
//! does not checkpoint the write-ahead log itself, since that would copy pages into the
//! database in the middle of a resident's turn. A thread of the store's own does it in the
//! background instead, and ends when the store is dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use tokio::sync::Mutex;

/// How often the background thread moves what was written into the database. Often, so each
/// checkpoint is short: a long one takes a core from the turns being answered meanwhile.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(50);

/// A connection that waits this long for a lock held by another process (a command-line
/// import beside the service) before it gives up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Held for the length of a write on SQLite.
#[derive(Debug)]
pub struct Writer {
    /// The writer connection of an SQLite file; none for SQLite in memory, which only the
    /// pool's connections can reach.
    pub(super) direct: Option<rusqlite::Connection>,
    /// Whether the writer connection wrote since the last checkpoint.
    pub(super) written: Arc<AtomicBool>,
}

/// The writer of an SQLite database at `file` (`None` in memory), with its checkpointer.
pub(super) fn open(file: Option<&Path>) -> Result<Arc<Mutex<Writer>>, rusqlite::Error> {
    let Some(file) = file else {
        return Ok(Arc::new(Mutex::new(Writer {
            direct: None,
            written: Arc::default(),
        })));
    };
    let direct = connect(file)?;
    // The background thread checkpoints instead (see the module comment).
    direct.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
    let checkpointer = connect(file)?;
    let written = Arc::new(AtomicBool::new(false));
    let writer = Arc::new(Mutex::new(Writer {
        direct: Some(direct),
        written: written.clone(),
    }));
    spawn_checkpointer(
        checkpointer,
        file.to_path_buf(),
        written,
        Arc::downgrade(&writer),
    );
    Ok(writer)
}

/// A connection to `file` set up as the pool's connections are.
fn connect(file: &Path) -> Result<rusqlite::Connection, rusqlite::Error> {
    let connection = rusqlite::Connection::open(file)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    Ok(connection)
}

/// Checkpoints every `CHECKPOINT_EVERY`, when the writer connection `written` since, while
/// the store's writer lives. PASSIVE: it copies what no reader still needs and never makes a
/// writer wait.
fn spawn_checkpointer(
    connection: rusqlite::Connection,
    file: PathBuf,
    written: Arc<AtomicBool>,
    writer: Weak<Mutex<Writer>>,
) {
    let spawned = std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || {
            let mut failing = false;
            while writer.strong_count() > 0 {
                std::thread::sleep(CHECKPOINT_EVERY);
                if !written.swap(false, Ordering::AcqRel) {
                    continue;
                }
                match connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
                    Ok(()) => failing = false,
                    // Said once per spell of failures, not four times a second.
                    Err(error) if !failing => {
                        failing = true;
                        tracing::warn!(file = %file.display(), error = %error, "checkpointing the database");
                    }
                    Err(_) => {}
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!(error = %error, "starting the database checkpointer");
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use crate::store::writes::Writes;

    #[tokio::test]
    async fn what_the_writer_connection_wrote_reaches_the_database_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("checkpoint.db");
        let store = Store::open(&format!("sqlite://{}?mode=rwc", file.display()))
            .await
            .expect("store");
        sqlx::query("CREATE TABLE scratch (text TEXT)")
            .execute(&store.pool)
            .await
            .expect("scratch table");
        let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let before = size();
        let mut writes = Writes::new();
        writes.push(
            "INSERT INTO scratch (text) VALUES ($1)",
            vec!["x".repeat(1 << 20).into()],
        );
        store.write(writes).await.expect("write");
        // The writer connection does not checkpoint: until the background thread does, the
        // megabyte is only in the write-ahead log. Waits up to ten seconds, not a timing claim.
        for _ in 0..200 {
            if size() > before + (1 << 20) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the database file stayed at {} bytes", size());
    }
}
