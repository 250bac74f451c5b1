-- Telegram: which conversation a chat is, and the durable outbox of messages to send.

CREATE TABLE telegram_chats (
    municipality_id TEXT NOT NULL,
    chat_id BIGINT NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (municipality_id, chat_id)
);

-- The offset of the long-polling loop: the last update handed to the conversation store.
CREATE TABLE telegram_state (
    municipality_id TEXT PRIMARY KEY,
    last_update_id BIGINT NOT NULL
);

-- Every message to a channel is stored here before it is sent, and sent in order per chat
-- with retry and backoff; a reply computed before a crash is still delivered after it.
CREATE TABLE outbox (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    chat_id BIGINT NOT NULL,
    -- What the row delivers: a reply message and which part of it (long replies are split).
    message_id BIGINT NOT NULL,
    part BIGINT NOT NULL,
    -- The channel's own rendering of the part, as JSON (text, keyboard).
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    UNIQUE (channel, message_id, part)
);
CREATE INDEX outbox_pending ON outbox (status, id);
