//! The database: one pool for SQLite (embedded default) or PostgreSQL (several instances),
//! chosen by the URL, with the migrations embedded for each.
//!
//! Queries use `$1` placeholders, which both backends accept, so the domain modules keep one
//! code path; only the migrations differ where the SQL dialects do.

pub mod exclusive;
pub mod transfer;
pub mod writer;
pub mod writes;

use std::path::Path;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// Which database engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The shared database handle; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite takes one writer at a time and makes the others sleep and retry; taking turns
    /// here instead keeps write latency flat under load. `None` for PostgreSQL.
    writer: Option<writer::Handle>,
    /// The URL it was opened with, for connections outside the pool (LISTEN).
    url: String,
}

/// The database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL {0:?}: use sqlite://… or postgres://…")]
    UnsupportedUrl(String),
    #[error("creating the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("connecting to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("migrating the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("opening the database's writer connection: {0}")]
    Writer(#[source] rusqlite::Error),
}

impl Store {
    /// Opens the database at `url`, creating an SQLite file (and its directory) if needed,
    /// and applies the migrations.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let (backend, options) = Store::options(url)?;
        if backend == Backend::Sqlite {
            create_sqlite_directory(url)?;
        }
        let in_memory = backend == Backend::Sqlite && sqlite_file(url).is_none();
        let pool = AnyPoolOptions::new()
            .max_connections(match (backend, in_memory) {
                // Each connection to `sqlite::memory:` opens a database of its own: the one
                // connection is the database, and is kept open for the store's life.
                (Backend::Sqlite, true) => 1,
                (Backend::Sqlite, false) => 8,
                (Backend::Postgres, _) => 16,
            })
            .min_connections(u32::from(in_memory))
            .idle_timeout((!in_memory).then_some(std::time::Duration::from_secs(600)))
            .max_lifetime((!in_memory).then_some(std::time::Duration::from_secs(1800)))
            // An SQLite connection is a file handle in this process: it cannot go stale the
            // way a network connection can, and testing it costs a round trip to its worker
            // thread on every acquire.
            .test_before_acquire(backend != Backend::Sqlite)
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // The busy timeout first: another process (a CLI command beside a
                        // running service) may hold the write lock while this connection
                        // switches to WAL.
                        // WAL lets readers run beside the writer; NORMAL syncs at checkpoints,
                        // which in WAL mode still never corrupts and loses at most the last
                        // transactions on power loss (not on a process crash).
                        connection
                            .execute(
                                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(StoreError::Connect)?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        let writer = match (backend, sqlite_file(url)) {
            (Backend::Sqlite, file) => Some(writer::open(file).map_err(StoreError::Writer)?),
            (Backend::Postgres, _) => None,
        };
        Ok(Store {
            pool,
            backend,
            writer,
            url: url.to_string(),
        })
    }

    /// Reads `url` without connecting: which backend, and the connection options.
    pub fn options(url: &str) -> Result<(Backend, AnyConnectOptions), StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        };
        let options = AnyConnectOptions::from_str(url)
            .map_err(StoreError::Connect)?
            .disable_statement_logging();
        Ok((backend, options))
    }

    /// Held for the length of a write transaction: one writer at a time on SQLite, no
    /// waiting on PostgreSQL.
    pub async fn write_turn(&self) -> Option<tokio::sync::OwnedMutexGuard<writer::Writer>> {
        match &self.writer {
            Some(writer) => Some(writer.turn().await),
            None => None,
        }
    }

    /// Runs `writes` in one transaction: on an SQLite file through the writer connection on
    /// this thread (see `writer`), otherwise through the pool.
    pub async fn write(&self, writes: writes::Writes) -> Result<writes::Written, sqlx::Error> {
        match &self.writer {
            Some(writer) => writer.write(writes, &self.pool).await,
            None => writes.run_pooled(&self.pool).await,
        }
    }

    /// Records the municipality served (every row refers to it); done once at start-up.
    pub async fn ensure_municipality(&self, id: &str, name: &str) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        sqlx::query(
            "INSERT INTO municipalities (id, name, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        )
        .bind(id)
        .bind(name)
        .bind(now_millis())
        .execute(&self.pool)
        .await
        .map(|_| ())
    }

    /// The URL the store was opened with (it may hold a password: never log it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether the database answers (for readiness).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// The file of an SQLite URL; `None` for an in-memory database.
pub fn sqlite_file(url: &str) -> Option<&Path> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
}

/// Creates the directory of an SQLite file URL, so a fresh `./data` just works.
fn create_sqlite_directory(url: &str) -> Result<(), StoreError> {
    let Some(path) = sqlite_file(url) else {
        return Ok(());
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::DataDir {
            path: parent.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

/// Milliseconds since the Unix epoch: the time format of every table.
pub fn now_millis() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A store at `url` with a table `scratch` of `columns`, for the tests of the write paths.
#[cfg(test)]
pub(crate) async fn scratch_store(url: &str, columns: &str) -> Store {
    let store = Store::open(url).await.expect("store");
    sqlx::query(&format!("CREATE TABLE scratch ({columns})"))
        .execute(&store.pool)
        .await
        .expect("scratch table");
    store
}
