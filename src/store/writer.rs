//! The turn to write to an SQLite database, and the connection that runs `Writes` on the
//! calling thread.
//!
//! SQLite has one writer at a time. Taking turns here, rather than letting connections sleep
//! and retry on the file lock, keeps write latency flat under load. Writes that wait for the
//! turn are committed together by whoever gets it next (group commit): a commit writes every
//! page it changed to the log, and turns that follow each other change the same last pages of
//! the same tables, so under load each is written once for several turns. The writer connection
//! does not checkpoint the write-ahead log itself, since that would copy pages into the
//! database in the middle of a resident's turn. A thread of the store's own does it in the
//! background instead, and ends when the store is dropped.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

use sqlx::AnyPool;
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

use super::writes::{DirectError, Writes, Written, direct_error};

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
    direct: Option<rusqlite::Connection>,
    /// Whether the writer connection wrote since the last checkpoint.
    written: Arc<AtomicBool>,
}

/// The store's handle on its SQLite writer; cheap to clone.
#[derive(Debug, Clone)]
pub struct Handle {
    turn: Arc<Mutex<Writer>>,
    /// Whether the writer has a connection of its own (an SQLite file, not memory).
    direct: bool,
    /// Writes waiting for the turn, for the next holder to commit together.
    waiting: Arc<std::sync::Mutex<Vec<Waiting>>>,
}

/// A write waiting for the turn, and where its outcome goes.
#[derive(Debug)]
struct Waiting {
    writes: Writes,
    done: oneshot::Sender<Result<Written, sqlx::Error>>,
}

impl Handle {
    /// The turn to write; held for the length of a write transaction.
    pub(super) async fn turn(&self) -> OwnedMutexGuard<Writer> {
        self.turn.clone().lock_owned().await
    }

    /// Runs `writes` in a transaction of their own (through the pool, in memory) or committed
    /// together with the writes waiting beside them (on a file).
    pub(super) async fn write(
        &self,
        writes: Writes,
        pool: &AnyPool,
    ) -> Result<Written, sqlx::Error> {
        if !self.direct {
            let _turn = self.turn().await;
            return writes.run_pooled(pool).await;
        }
        let (done, mut outcome) = oneshot::channel();
        self.waiting().push(Waiting { writes, done });
        let mut turn = self.turn().await;
        // Whoever held the turn before may have committed these writes with theirs.
        if let Ok(outcome) = outcome.try_recv() {
            return outcome;
        }
        let together = std::mem::take(&mut *self.waiting());
        turn.commit_together(together);
        drop(turn);
        outcome
            .await
            .unwrap_or_else(|_| Err(sqlx::Error::WorkerCrashed))
    }

    /// The waiting writes; a panic while the list was held cannot leave it half changed (it
    /// is only pushed to and taken whole), so a poisoned lock is still good.
    fn waiting(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Writer {
    /// Commits `together` in one transaction, each in a savepoint of its own so that one
    /// that fails is undone alone, and tells each how it went.
    fn commit_together(&mut self, together: Vec<Waiting>) {
        let Some(connection) = self.direct.as_mut() else {
            return;
        };
        // A writer that stopped waiting before its turn came (its request went away) has
        // its writes dropped, as if it had never asked.
        let (writes, done): (Vec<Writes>, Vec<_>) = together
            .into_iter()
            .filter(|waiting| !waiting.done.is_closed())
            .map(|waiting| (waiting.writes, waiting.done))
            .unzip();
        if writes.is_empty() {
            return;
        }
        crate::metrics::record_writes_committed_together(writes.len());
        let outcomes = match run_together(connection, &writes) {
            Ok(outcomes) => outcomes,
            Err(error) => writes.iter().map(|_| Err(direct_error(&error))).collect(),
        };
        self.written.store(true, Ordering::Release);
        for (done, outcome) in done.into_iter().zip(outcomes) {
            // One that stopped waiting during the commit itself has nobody to tell.
            let _ = done.send(outcome);
        }
    }
}

/// One transaction for all of `writes`; an error of its own (taking the lock, committing)
/// fails them all.
fn run_together(
    connection: &mut rusqlite::Connection,
    writes: &[Writes],
) -> Result<Vec<Result<Written, sqlx::Error>>, DirectError> {
    // IMMEDIATE: take the file's write lock at the start, as a pool transaction does at its
    // first write; the turn means nobody else in this process holds it.
    let tx = connection.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(writes.len());
    for one in writes {
        tx.execute_batch("SAVEPOINT one_write")?;
        match one.run_in(&tx) {
            Ok(written) => {
                tx.execute_batch("RELEASE one_write")?;
                outcomes.push(Ok(written));
            }
            Err(error) => {
                tx.execute_batch("ROLLBACK TO one_write; RELEASE one_write")?;
                outcomes.push(Err(direct_error(&error)));
            }
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

/// The writer of an SQLite database at `file` (`None` in memory), with its checkpointer.
pub(super) fn open(file: Option<&Path>) -> Result<Handle, rusqlite::Error> {
    let handle = |writer: Writer| Handle {
        direct: writer.direct.is_some(),
        turn: Arc::new(Mutex::new(writer)),
        waiting: Arc::default(),
    };
    let Some(file) = file else {
        return Ok(handle(Writer {
            direct: None,
            written: Arc::default(),
        }));
    };
    let direct = connect(file)?;
    // The background thread checkpoints instead (see the module comment).
    direct.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
    let checkpointer = connect(file)?;
    let written = Arc::new(AtomicBool::new(false));
    let writer = handle(Writer {
        direct: Some(direct),
        written: written.clone(),
    });
    spawn_checkpointer(
        checkpointer,
        file.to_path_buf(),
        written,
        Arc::downgrade(&writer.turn),
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
    use super::Waiting;
    use crate::store::scratch_store;
    use crate::store::writes::Writes;
    use tokio::sync::oneshot;

    #[tokio::test]
    async fn writes_committed_together_fail_alone_and_one_whose_caller_left_is_not_made() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("together.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = scratch_store(&url, "name TEXT UNIQUE").await;
        let insert = |name: &str| {
            let mut writes = Writes::new();
            writes.push("INSERT INTO scratch (name) VALUES ($1)", vec![name.into()]);
            writes
        };
        let mut outcomes = Vec::new();
        let mut together = Vec::new();
        for name in ["first", "first", "left", "second"] {
            let (done, outcome) = oneshot::channel();
            together.push(Waiting {
                writes: insert(name),
                done,
            });
            if name == "left" {
                drop(outcome);
            } else {
                outcomes.push(outcome);
            }
        }
        let handle = store.writer.clone().expect("an SQLite writer");
        handle.turn().await.commit_together(together);
        let mut told = Vec::new();
        for outcome in outcomes {
            told.push(outcome.await.expect("told").is_ok());
        }
        assert_eq!(told, [true, false, true]);
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM scratch ORDER BY name")
            .fetch_all(&store.pool)
            .await
            .expect("rows");
        assert_eq!(names, ["first", "second"]);
    }

    #[tokio::test]
    async fn what_the_writer_connection_wrote_reaches_the_database_file() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("checkpoint.db");
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = scratch_store(&url, "text TEXT").await;
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
