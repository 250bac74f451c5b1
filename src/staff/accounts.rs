//! Staff accounts: argon2id password hashes, roles, back-off after failed sign-ins, and
//! sessions whose cookie token is stored only as a SHA-256 hash.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::store::{Store, now_millis};

/// What a member of staff may do. An admin may do everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Articles and the review queue.
    Editor,
    /// The handoff inbox.
    Agent,
    /// Volunteer needs.
    Coordinator,
    /// Users and settings.
    Admin,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text.trim() {
            "editor" => Some(Role::Editor),
            "agent" => Some(Role::Agent),
            "coordinator" => Some(Role::Coordinator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Agent => "agent",
            Role::Coordinator => "coordinator",
            Role::Admin => "admin",
        }
    }
}

/// A signed-in member of staff.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The session's token for forms (CSRF).
    pub csrf_token: String,
}

impl StaffUser {
    pub fn may(&self, role: Role) -> bool {
        self.roles.contains(&role) || self.roles.contains(&Role::Admin)
    }
}

/// How long a session lasts without signing in again.
pub const SESSION_MILLIS: i64 = 8 * 60 * 60 * 1000;
/// Failed sign-ins before the account waits.
const FREE_ATTEMPTS: i64 = 5;

/// Why a sign-in did not succeed (the page says the same for all, to give nothing away).
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong username or password")]
    Rejected,
    #[error("too many failed attempts; try again later")]
    Locked,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Creates an account (the `staff add-user` command).
pub async fn add_user(
    store: &Store,
    municipality_id: &str,
    username: &str,
    display_name: &str,
    password: &str,
    roles: &[Role],
) -> anyhow::Result<i64> {
    anyhow::ensure!(
        password.chars().count() >= 12,
        "the password must have at least 12 characters"
    );
    anyhow::ensure!(!username.trim().is_empty(), "the username is empty");
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))?
        .to_string();
    let roles = roles
        .iter()
        .map(|role| role.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let _turn = store.write_turn().await;
    let row = sqlx::query(
        "INSERT INTO staff_users (municipality_id, username, display_name, password_hash, roles, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(municipality_id)
    .bind(username.trim())
    .bind(display_name)
    .bind(hash)
    .bind(roles)
    .bind(now_millis())
    .fetch_one(&store.pool)
    .await?;
    Ok(row.get(0))
}

/// Checks a password and opens a session; returns the cookie token.
pub async fn sign_in(
    store: &Store,
    municipality_id: &str,
    username: &str,
    password: &str,
) -> Result<String, SignInError> {
    let row = sqlx::query(
        "SELECT id, password_hash, failed_logins, locked_until FROM staff_users WHERE municipality_id = $1 AND username = $2",
    )
    .bind(municipality_id)
    .bind(username.trim())
    .fetch_optional(&store.pool)
    .await?;
    let Some(row) = row else {
        // Spend the same work as a real check, so timing does not tell which names exist.
        let _ = verify(password, dummy_hash());
        return Err(SignInError::Rejected);
    };
    let (id, hash, failed, locked_until): (i64, String, i64, i64) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    let now = now_millis();
    if locked_until > now {
        return Err(SignInError::Locked);
    }
    if !verify(password, &hash) {
        let failed = failed + 1;
        // Each failure past the free ones doubles the wait, from one minute up to a day.
        let locked_until = if failed >= FREE_ATTEMPTS {
            now + (60_000i64 << (failed - FREE_ATTEMPTS).min(10)).min(24 * 60 * 60 * 1000)
        } else {
            0
        };
        let _turn = store.write_turn().await;
        sqlx::query("UPDATE staff_users SET failed_logins = $1, locked_until = $2 WHERE id = $3")
            .bind(failed)
            .bind(locked_until)
            .bind(id)
            .execute(&store.pool)
            .await?;
        return Err(SignInError::Rejected);
    }
    let token = random_token();
    let _turn = store.write_turn().await;
    let mut tx = store.pool.begin().await?;
    sqlx::query("UPDATE staff_users SET failed_logins = 0, locked_until = 0 WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(id)
    .bind(random_token())
    .bind(now)
    .bind(now + SESSION_MILLIS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The member of staff a session token belongs to, if the session is live.
pub async fn session_user(
    store: &Store,
    municipality_id: &str,
    token: &str,
) -> Result<Option<StaffUser>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.roles, s.csrf_token FROM staff_sessions s \
         JOIN staff_users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.municipality_id = $3",
    )
    .bind(token_hash(token))
    .bind(now_millis())
    .bind(municipality_id)
    .fetch_optional(&store.pool)
    .await?;
    Ok(row.map(|row| StaffUser {
        id: row.get(0),
        username: row.get(1),
        display_name: row.get(2),
        roles: row
            .get::<String, _>(3)
            .split(',')
            .filter_map(Role::parse)
            .collect(),
        csrf_token: row.get(4),
    }))
}

pub async fn sign_out(store: &Store, token: &str) -> Result<(), sqlx::Error> {
    let _turn = store.write_turn().await;
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&store.pool)
        .await
        .map(|_| ())
}

/// A real hash of a password nobody has, made once, to spend a real check's time on unknown
/// usernames.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
            .ok()
            .and_then(|salt| {
                Argon2::default()
                    .hash_password(random_token().as_bytes(), &salt)
                    .ok()
                    .map(|hash| hash.to_string())
            })
            .unwrap_or_default()
    })
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// 244 random bits, hex: two version-4 UUIDs.
pub fn random_token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares secrets in time that depends only on their lengths.
pub fn same_secret(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}
