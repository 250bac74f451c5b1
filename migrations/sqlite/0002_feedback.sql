-- A resident's thumbs up or down on one of the assistant's replies (one per reply; the last
-- click counts). Thumbs down also puts the question in the review queue.
CREATE TABLE feedback (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    municipality_id TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    created_at BIGINT NOT NULL
);
CREATE INDEX feedback_municipality ON feedback (municipality_id, created_at);
