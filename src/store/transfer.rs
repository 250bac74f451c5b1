//! Moving an installation from one database to another (`migrate-store`): typically a
//! single-municipality SQLite file to PostgreSQL when it outgrows one machine.
//!
//! Both databases get the same migrations, so their tables and columns are the same; the
//! copy reads the list of tables and columns from the source itself, so a table added by a
//! later migration is moved without changing this file. Tables are copied in the order they
//! were created, which is an order their foreign keys allow. Everything is written in one
//! transaction on the target — a failure leaves it empty — and then verified: the row count
//! and a SHA-256 checksum of every table's rows, read back from the target, must equal the
//! source's.

use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{Backend, Store};

/// What one table's copy came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReport {
    pub table: String,
    pub rows: u64,
    /// Hex SHA-256 of the rows, equal on both sides.
    pub checksum: String,
}

/// Why a transfer did not happen or did not verify.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("the target database is not empty: table {table} has {rows} rows")]
    TargetNotEmpty { table: String, rows: i64 },
    #[error("table {table} is missing in the target (are both at the same version?)")]
    MissingTable { table: String },
    #[error(
        "table {table} did not verify: {source_rows} rows ({source_sum}) copied as {target_rows} ({target_sum})"
    )]
    Mismatch {
        table: String,
        source_rows: u64,
        target_rows: u64,
        source_sum: String,
        target_sum: String,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// How a column's values are read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Float,
    Text,
}

impl Kind {
    fn of(declared: &str) -> Kind {
        let declared = declared.to_ascii_uppercase();
        if declared.contains("INT") {
            Kind::Integer
        } else if ["DOUBLE", "REAL", "FLOAT", "NUMERIC"]
            .iter()
            .any(|name| declared.contains(name))
        {
            Kind::Float
        } else {
            Kind::Text
        }
    }
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Integer(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
}

impl Value {
    fn read(row: &AnyRow, index: usize, kind: Kind) -> Result<Value, sqlx::Error> {
        Ok(match kind {
            Kind::Integer => Value::Integer(row.try_get(index)?),
            Kind::Float => Value::Float(row.try_get(index)?),
            Kind::Text => Value::Text(row.try_get(index)?),
        })
    }

    /// A representation that is the same on both backends, for the checksum.
    fn canonical(&self) -> String {
        match self {
            Value::Integer(Some(n)) => format!("i{n}"),
            Value::Float(Some(x)) => format!("f{x:?}"),
            Value::Text(Some(text)) => format!("t{}:{text}", text.len()),
            Value::Integer(None) | Value::Float(None) | Value::Text(None) => "null".into(),
        }
    }
}

/// Copies every table of `source` into the empty `target` and verifies the copy.
/// `progress` is told each table as it is done.
pub async fn transfer(
    source: &Store,
    target: &Store,
    mut progress: impl FnMut(&TableReport),
) -> Result<Vec<TableReport>, TransferError> {
    let tables = tables(source).await?;
    let target_tables = tables_of(target).await?;
    for table in &tables {
        if !target_tables.contains(table) {
            return Err(TransferError::MissingTable {
                table: table.clone(),
            });
        }
        let rows: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&target.pool)
            .await?
            .get(0);
        if rows > 0 {
            return Err(TransferError::TargetNotEmpty {
                table: table.clone(),
                rows,
            });
        }
    }
    let _turn = target.write_turn().await;
    let mut tx = target.pool.begin().await?;
    let mut copied = Vec::new();
    for table in &tables {
        let columns = columns(source, table).await?;
        let rows = read_rows(&mut *source.pool.acquire().await?, table, &columns).await?;
        for row in &rows {
            insert(target.backend, &mut tx, table, &columns, row).await?;
        }
        copied.push((table.clone(), columns, rows));
    }
    // Identity columns continue after the copied ids.
    if target.backend == Backend::Postgres {
        for table in &tables {
            let identities = sqlx::query(
                "SELECT column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'",
            )
            .bind(table)
            .fetch_all(&mut *tx)
            .await?;
            for identity in identities {
                let column: String = identity.get(0);
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), \
                     COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    let mut reports = Vec::new();
    for (table, columns, rows) in copied {
        let source_sum = checksum(&rows);
        let written = read_rows(&mut *target.pool.acquire().await?, &table, &columns).await?;
        let target_sum = checksum(&written);
        if rows.len() != written.len() || source_sum != target_sum {
            return Err(TransferError::Mismatch {
                table,
                source_rows: rows.len() as u64,
                target_rows: written.len() as u64,
                source_sum,
                target_sum,
            });
        }
        let report = TableReport {
            table,
            rows: rows.len() as u64,
            checksum: source_sum,
        };
        progress(&report);
        reports.push(report);
    }
    Ok(reports)
}

/// The application's tables in the order they were created.
async fn tables(store: &Store) -> Result<Vec<String>, sqlx::Error> {
    let sql = match store.backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' ORDER BY rowid"
        }
        Backend::Postgres => {
            "SELECT c.relname::TEXT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE '\\_sqlx\\_%' \
             ORDER BY c.oid"
        }
    };
    let rows = sqlx::query(sql).fetch_all(&store.pool).await?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

async fn tables_of(store: &Store) -> Result<std::collections::BTreeSet<String>, sqlx::Error> {
    Ok(tables(store).await?.into_iter().collect())
}

async fn columns(store: &Store, table: &str) -> Result<Vec<Column>, sqlx::Error> {
    let sql = match store.backend {
        Backend::Sqlite => "SELECT name, type FROM pragma_table_info($1) ORDER BY cid",
        Backend::Postgres => {
            "SELECT column_name::TEXT, data_type::TEXT FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position"
        }
    };
    let rows = sqlx::query(sql).bind(table).fetch_all(&store.pool).await?;
    Ok(rows
        .iter()
        .map(|row| Column {
            name: row.get(0),
            kind: Kind::of(&row.get::<String, _>(1)),
        })
        .collect())
}

/// Every row of `table`, sorted by their canonical form: the databases' own orders of text
/// differ (collations), and the checksum must not.
async fn read_rows(
    connection: &mut AnyConnection,
    table: &str,
    columns: &[Column],
) -> Result<Vec<Vec<Value>>, sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|column| column.name.as_str()).collect();
    let rows = sqlx::query(&format!("SELECT {} FROM {table}", names.join(", ")))
        .fetch_all(connection)
        .await?;
    let mut values = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(index, column)| Value::read(row, index, column.kind))
                .collect::<Result<Vec<Value>, sqlx::Error>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    values.sort_by_cached_key(|row| row.iter().map(Value::canonical).collect::<Vec<_>>());
    Ok(values)
}

async fn insert(
    backend: Backend,
    connection: &mut AnyConnection,
    table: &str,
    columns: &[Column],
    row: &[Value],
) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = columns.iter().map(|column| column.name.as_str()).collect();
    let placeholders: Vec<String> = (1..=columns.len()).map(|n| format!("${n}")).collect();
    // Ids are copied as they are, so references between tables stay right.
    let overriding = match backend {
        Backend::Postgres => " OVERRIDING SYSTEM VALUE",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "INSERT INTO {table} ({}){overriding} VALUES ({})",
        names.join(", "),
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for value in row {
        query = match value {
            Value::Integer(n) => query.bind(*n),
            Value::Float(x) => query.bind(*x),
            Value::Text(text) => query.bind(text.clone()),
        };
    }
    query.execute(connection).await.map(|_| ())
}

fn checksum(rows: &[Vec<Value>]) -> String {
    let mut hash = Sha256::new();
    for row in rows {
        for value in row {
            hash.update(value.canonical().as_bytes());
            hash.update([0x1f]);
        }
        hash.update([0x1e]);
    }
    hash.finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_map_to_kinds_on_both_backends() {
        let cases = [
            ("INTEGER", Kind::Integer),
            ("BIGINT", Kind::Integer),
            ("bigint", Kind::Integer),
            ("DOUBLE PRECISION", Kind::Float),
            ("double precision", Kind::Float),
            ("TEXT", Kind::Text),
            ("text", Kind::Text),
        ];
        for (declared, kind) in cases {
            assert_eq!(Kind::of(declared), kind, "{declared}");
        }
    }

    #[test]
    fn the_checksum_tells_null_from_empty_and_keeps_field_boundaries() {
        let sum = |values: Vec<Value>| checksum(&[values]);
        assert_ne!(
            sum(vec![Value::Text(None)]),
            sum(vec![Value::Text(Some(String::new()))])
        );
        assert_ne!(
            sum(vec![
                Value::Text(Some("ab".into())),
                Value::Text(Some("c".into()))
            ]),
            sum(vec![
                Value::Text(Some("a".into())),
                Value::Text(Some("bc".into()))
            ])
        );
        assert_ne!(
            sum(vec![Value::Integer(Some(1))]),
            sum(vec![Value::Float(Some(1.0))])
        );
    }
}
