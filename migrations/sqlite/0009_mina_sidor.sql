-- Mina sidor: residents signed in with e-ID, known only by the keyed hash of their
-- personnummer (HMAC-SHA256 under the service's secret, hex); their sessions, pending
-- sign-ins, the conversations linked to them, their cases with status history, the
-- integration keys of the systems that report cases, interests and notices.

CREATE TABLE residents (
    municipality_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    -- The language the resident last used, for notifications.
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, resident_key)
);

CREATE TABLE resident_sessions (
    -- SHA-256 of the cookie's token.
    token_hash TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    -- 1 for a fictional demo resident (serve --demo), signed in without e-ID.
    demo BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX resident_sessions_resident ON resident_sessions (municipality_id, resident_key);

-- A sign-in sent to the e-ID broker and not yet back: single use, ten minutes.
CREATE TABLE resident_logins (
    -- SHA-256 of the OpenID Connect state.
    state_hash TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    -- SHA-256 of the value in the browser's sign-in cookie: the callback must come back
    -- to the browser that started the sign-in.
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- A conversation that speaks for a resident: a web chat held while signed in, or a linked
-- Telegram chat.
CREATE TABLE resident_conversations (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX resident_conversations_resident ON resident_conversations (municipality_id, resident_key);

-- One-time codes of "Connect Telegram": single use, ten minutes.
CREATE TABLE telegram_link_codes (
    code_hash TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    -- The reporting system and its own id of the case.
    source_system TEXT NOT NULL,
    external_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    case_type TEXT NOT NULL,
    status TEXT NOT NULL,
    unit TEXT NOT NULL,
    next_step TEXT,
    -- YYYY-MM-DD.
    due_date TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (municipality_id, source_system, external_id)
);
CREATE INDEX cases_resident ON cases (municipality_id, resident_key);

CREATE TABLE case_status_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX case_status_history_case ON case_status_history (case_id, id);

-- One row per status change told to one conversation: the key makes it exactly once.
CREATE TABLE case_notifications (
    history_id BIGINT NOT NULL REFERENCES case_status_history (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL,
    message_id BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (history_id, conversation_id)
);

CREATE TABLE integration_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    system TEXT NOT NULL,
    -- SHA-256 of the key.
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE resident_interests (
    municipality_id TEXT NOT NULL,
    resident_key TEXT NOT NULL,
    topic TEXT NOT NULL,
    -- '' for the whole municipality.
    district TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, resident_key, topic, district)
);

CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    -- '' for the whole municipality.
    district TEXT NOT NULL,
    -- {"sv": {"title", "body"}, "en": {...}} as JSON.
    texts TEXT NOT NULL,
    published_by BIGINT,
    published_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX notices_current ON notices (municipality_id, expires_at);

CREATE TABLE notice_deliveries (
    notice_id BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL,
    message_id BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (notice_id, conversation_id)
);
