//! The audit log: every staff look at a resident's personal data and every content change.

use crate::store::{Store, now_millis};

/// Records one action of a member of staff.
pub async fn record(
    store: &Store,
    municipality_id: &str,
    user_id: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query(
        "INSERT INTO audit_log (municipality_id, user_id, action, subject, detail, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(municipality_id)
    .bind(user_id)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(now_millis())
    .execute(&store.pool)
    .await
    .map(|_| ())
}
