-- Conversations, their messages, the assistant's decisions and the review queue.
-- Every row carries the municipality it belongs to, so several municipalities can share one
-- database. Times are milliseconds since the Unix epoch (BIGINT), the same on both backends.

CREATE TABLE municipalities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    municipality_id TEXT NOT NULL REFERENCES municipalities (id),
    channel TEXT NOT NULL,
    -- The chat core's context between turns (language, chosen language, last topic), as JSON.
    context TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX conversations_municipality ON conversations (municipality_id, updated_at);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    text TEXT NOT NULL,
    language TEXT,
    -- The sender's own id for an inbound message: a resend with the same id is not a new message.
    client_message_id TEXT,
    -- For a reply: the inbound message it answers.
    reply_to BIGINT REFERENCES messages (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE UNIQUE INDEX messages_reply_to ON messages (reply_to) WHERE reply_to IS NOT NULL;

CREATE TABLE decisions (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    topic TEXT,
    intent TEXT,
    language TEXT NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    runner_up DOUBLE PRECISION NOT NULL,
    -- The reply's choices and links as JSON, so a resend gets the same reply back.
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX decisions_municipality ON decisions (municipality_id, created_at);

CREATE TABLE unanswered (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    message_id BIGINT NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    decision TEXT NOT NULL,
    best_topic TEXT,
    confidence DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX unanswered_open ON unanswered (municipality_id, resolved_at, created_at);
