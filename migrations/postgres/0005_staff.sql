-- Contact-centre staff: accounts with roles, sessions, the audit log, and staff edits to the
-- knowledge (revisions of whole articles; the newest published one overrides the shipped file).

CREATE TABLE staff_users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    -- argon2id, in the PHC string format.
    password_hash TEXT NOT NULL,
    -- Comma-separated: editor, agent, coordinator, admin.
    roles TEXT NOT NULL,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (municipality_id, username)
);

CREATE TABLE staff_sessions (
    -- SHA-256 of the cookie's token: a leaked database does not leak live sessions.
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    user_id BIGINT,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_municipality ON audit_log (municipality_id, created_at);

CREATE TABLE article_revisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    -- The whole article, as JSON.
    article TEXT NOT NULL,
    author_id BIGINT,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX article_revisions_topic ON article_revisions (municipality_id, topic, id);
