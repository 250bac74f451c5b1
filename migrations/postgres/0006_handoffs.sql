-- Conversations handed to a person: waiting for an agent, taken by one, or closed.
CREATE TABLE handoffs (
    conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'taken', 'closed')),
    agent_id BIGINT,
    requested_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX handoffs_open ON handoffs (municipality_id, status, requested_at);
