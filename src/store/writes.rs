//! A write transaction written down as data: statements and their arguments, run together by
//! the store in one transaction.
//!
//! Why as data: the pool hands every statement to the SQLite connection's own thread and
//! waits to be woken with the answer, and on two cores those hand-offs cost more than the
//! statements themselves (a chat turn spent most of its time in them). A turn's writes are
//! therefore run on the calling thread through the store's one writer connection when the
//! database is an SQLite file, and through the pool otherwise (PostgreSQL, SQLite in memory).
//! The SQL is the same text for both: `$N` placeholders, which both engines read.

use rusqlite::types::{ToSqlOutput, Value};
use sqlx::Row;

/// A statement's place in its transaction, for a later statement to use the id it returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step(usize);

/// One argument of a statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    Real(f64),
    /// The id returned by an earlier statement of the same transaction.
    Returned(Step),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(Some(text.to_string()))
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(Some(text))
    }
}

impl From<Option<&str>> for Arg {
    fn from(text: Option<&str>) -> Arg {
        Arg::Text(text.map(str::to_string))
    }
}

impl From<Option<String>> for Arg {
    fn from(text: Option<String>) -> Arg {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Arg {
        Arg::Int(Some(value))
    }
}

impl From<Option<i64>> for Arg {
    fn from(value: Option<i64>) -> Arg {
        Arg::Int(value)
    }
}

impl From<f64> for Arg {
    fn from(value: f64) -> Arg {
        Arg::Real(value)
    }
}

impl From<Step> for Arg {
    fn from(step: Step) -> Arg {
        Arg::Returned(step)
    }
}

#[derive(Debug)]
struct Statement {
    sql: &'static str,
    args: Vec<Arg>,
    /// Whether it returns one row whose first column is an id (`RETURNING id`).
    returns_id: bool,
}

/// The statements of one write transaction, in order.
#[derive(Debug, Default)]
pub struct Writes {
    statements: Vec<Statement>,
}

/// What a transaction's statements returned.
#[derive(Debug)]
pub struct Written {
    ids: Vec<Option<i64>>,
}

impl Written {
    /// The id a `returning_id` statement returned.
    pub fn id(&self, step: Step) -> i64 {
        self.ids.get(step.0).copied().flatten().unwrap_or_default()
    }
}

/// A transaction that could not be run as written (a mistake in the program, not the data).
#[derive(Debug, thiserror::Error)]
#[error("statement {statement}: {problem}")]
pub(super) struct Malformed {
    statement: usize,
    problem: &'static str,
}

impl Writes {
    pub fn new() -> Writes {
        Writes::default()
    }

    /// Adds a statement that returns nothing.
    pub fn push(&mut self, sql: &'static str, args: Vec<Arg>) -> Step {
        self.add(sql, args, false)
    }

    /// Adds a statement that returns one row with an id (`… RETURNING id`).
    pub fn returning_id(&mut self, sql: &'static str, args: Vec<Arg>) -> Step {
        self.add(sql, args, true)
    }

    fn add(&mut self, sql: &'static str, args: Vec<Arg>, returns_id: bool) -> Step {
        self.statements.push(Statement {
            sql,
            args,
            returns_id,
        });
        Step(self.statements.len() - 1)
    }

    /// Runs the statements in one transaction through the pool.
    pub(super) async fn run_pooled(self, pool: &sqlx::AnyPool) -> Result<Written, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let mut ids = Vec::with_capacity(self.statements.len());
        for (n, statement) in self.statements.into_iter().enumerate() {
            let mut query = sqlx::query(statement.sql);
            for arg in statement.args {
                query = match arg {
                    Arg::Text(text) => query.bind(text),
                    Arg::Int(value) => query.bind(value),
                    Arg::Real(value) => query.bind(value),
                    Arg::Returned(step) => query.bind(returned(&ids, step, n)?),
                };
            }
            if statement.returns_id {
                ids.push(Some(query.fetch_one(&mut *tx).await?.try_get(0)?));
            } else {
                query.execute(&mut *tx).await?;
                ids.push(None);
            }
        }
        tx.commit().await?;
        Ok(Written { ids })
    }

    /// Runs the statements on this thread through `connection`, inside the transaction the
    /// caller opened (the writer's, shared with other writes committed together).
    pub(super) fn run_in(&self, connection: &rusqlite::Connection) -> Result<Written, DirectError> {
        let mut ids = Vec::with_capacity(self.statements.len());
        for (n, statement) in self.statements.iter().enumerate() {
            let mut prepared = connection.prepare_cached(statement.sql)?;
            for index in 1..=prepared.parameter_count() {
                let position = prepared
                    .parameter_name(index)
                    .and_then(|name| name.strip_prefix('$'))
                    .and_then(|number| number.parse::<usize>().ok())
                    .and_then(|number| number.checked_sub(1))
                    .ok_or(Malformed {
                        statement: n,
                        problem: "a placeholder that is not $N",
                    })?;
                let arg = statement.args.get(position).ok_or(Malformed {
                    statement: n,
                    problem: "a placeholder without an argument",
                })?;
                let value = match arg {
                    Arg::Text(text) => text.clone().map_or(Value::Null, Value::Text),
                    Arg::Int(value) => value.map_or(Value::Null, Value::Integer),
                    Arg::Real(value) => Value::Real(*value),
                    Arg::Returned(step) => Value::Integer(returned(&ids, *step, n)?),
                };
                prepared.raw_bind_parameter(index, ToSqlOutput::Owned(value))?;
            }
            if statement.returns_id {
                let mut rows = prepared.raw_query();
                let row = rows.next()?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
                ids.push(Some(row.get::<_, i64>(0)?));
            } else {
                prepared.raw_execute()?;
                ids.push(None);
            }
        }
        Ok(Written { ids })
    }
}

/// The id returned by an earlier statement, for statement `n`.
fn returned(ids: &[Option<i64>], step: Step, n: usize) -> Result<i64, Malformed> {
    ids.get(step.0).copied().flatten().ok_or(Malformed {
        statement: n,
        problem: "an id from a statement that did not return one",
    })
}

impl From<Malformed> for sqlx::Error {
    fn from(malformed: Malformed) -> sqlx::Error {
        direct_error(&DirectError::Malformed(malformed))
    }
}

/// Why writes on the writer connection failed.
#[derive(Debug, thiserror::Error)]
pub(super) enum DirectError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Malformed(#[from] Malformed),
}

/// The writer connection's errors as the pool's, so callers see one error type whichever
/// way their writes went; a constraint violation keeps its kind. By reference: a failed
/// commit is every write's error.
pub(super) fn direct_error(error: &DirectError) -> sqlx::Error {
    match error {
        DirectError::Malformed(malformed) => sqlx::Error::Protocol(malformed.to_string()),
        DirectError::Sqlite(error) => sqlx::Error::Database(Box::new(DirectDatabaseError {
            message: error.to_string(),
            code: error.sqlite_error().map(|e| e.extended_code),
        })),
    }
}

/// An SQLite error from the writer connection.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct DirectDatabaseError {
    message: String,
    /// SQLite's extended result code.
    code: Option<std::ffi::c_int>,
}

impl sqlx::error::DatabaseError for DirectDatabaseError {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.code.map(|code| code.to_string().into())
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        match self.code {
            Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => {
                sqlx::error::ErrorKind::UniqueViolation
            }
            Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => sqlx::error::ErrorKind::ForeignKeyViolation,
            Some(ffi::SQLITE_CONSTRAINT_NOTNULL) => sqlx::error::ErrorKind::NotNullViolation,
            Some(ffi::SQLITE_CONSTRAINT_CHECK) => sqlx::error::ErrorKind::CheckViolation,
            _ => sqlx::error::ErrorKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// A store on an SQLite file (writes on the calling thread) and one in memory (writes
    /// through the pool), each with a scratch table.
    async fn stores(dir: &std::path::Path) -> Vec<(&'static str, Store)> {
        let file = format!("sqlite://{}?mode=rwc", dir.join("writes.db").display());
        let mut stores = Vec::new();
        for (way, url) in [("direct", file.as_str()), ("pooled", "sqlite::memory:")] {
            let columns =
                "id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, parent INTEGER, score REAL";
            stores.push((way, crate::store::scratch_store(url, columns).await));
        }
        stores
    }

    async fn rows(store: &Store) -> Vec<(i64, String, Option<i64>, Option<f64>)> {
        sqlx::query("SELECT id, name, parent, score FROM scratch ORDER BY id")
            .fetch_all(&store.pool)
            .await
            .expect("rows")
            .into_iter()
            .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
            .collect()
    }

    #[tokio::test]
    async fn both_ways_write_the_same_rows_and_hand_returned_ids_on() {
        let dir = tempfile::tempdir().expect("temporary directory");
        for (way, store) in stores(dir.path()).await {
            let mut writes = Writes::new();
            let parent = writes.returning_id(
                "INSERT INTO scratch (name, score) VALUES ($1, $2) RETURNING id",
                vec!["parent".into(), 0.5.into()],
            );
            // Placeholders out of order: each takes its argument by number, not by place.
            writes.push(
                "INSERT INTO scratch (parent, name, score) VALUES ($2, $1, $3)",
                vec!["child".into(), parent.into(), Arg::Real(1.5)],
            );
            writes.push(
                "INSERT INTO scratch (name, parent) VALUES ($1, $2)",
                vec!["orphan".into(), None::<i64>.into()],
            );
            let written = store.write(writes).await.expect(way);
            let id = written.id(parent);
            assert_eq!(
                rows(&store).await,
                vec![
                    (id, "parent".into(), None, Some(0.5)),
                    (id + 1, "child".into(), Some(id), Some(1.5)),
                    (id + 2, "orphan".into(), None, None),
                ],
                "{way}"
            );
        }
    }

    #[tokio::test]
    async fn a_failing_statement_leaves_nothing_of_its_transaction_and_keeps_its_kind() {
        let dir = tempfile::tempdir().expect("temporary directory");
        for (way, store) in stores(dir.path()).await {
            let mut writes = Writes::new();
            writes.push(
                "INSERT INTO scratch (name) VALUES ($1)",
                vec!["first".into()],
            );
            writes.push(
                "INSERT INTO scratch (name) VALUES ($1)",
                vec!["first".into()],
            );
            let error = store.write(writes).await.expect_err(way);
            assert_eq!(
                error.as_database_error().map(|e| e.kind()),
                Some(sqlx::error::ErrorKind::UniqueViolation),
                "{way}: {error}"
            );
            assert!(rows(&store).await.is_empty(), "{way}");
            // The connection is usable again: the failed transaction was rolled back.
            let mut writes = Writes::new();
            writes.push(
                "INSERT INTO scratch (name) VALUES ($1)",
                vec!["again".into()],
            );
            store.write(writes).await.expect(way);
            assert_eq!(rows(&store).await.len(), 1, "{way}");
        }
    }

    #[tokio::test]
    async fn an_id_from_a_statement_that_returns_none_is_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        for (way, store) in stores(dir.path()).await {
            let mut writes = Writes::new();
            let nothing = writes.push("INSERT INTO scratch (name) VALUES ($1)", vec!["a".into()]);
            writes.push(
                "INSERT INTO scratch (name, parent) VALUES ($1, $2)",
                vec!["b".into(), nothing.into()],
            );
            assert!(
                matches!(store.write(writes).await, Err(sqlx::Error::Protocol(_))),
                "{way}"
            );
            assert!(rows(&store).await.is_empty(), "{way}");
        }
    }
}
