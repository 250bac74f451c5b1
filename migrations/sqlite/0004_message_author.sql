-- Who wrote a message: the resident, the assistant, or a member of staff (handoff replies).
-- Older rows have none; readers derive it from the direction.
ALTER TABLE messages ADD COLUMN author TEXT;
-- A client's message id is unique per client; looking it up without a conversation lets a
-- resend of a conversation's first message find the conversation it started.
CREATE INDEX messages_client_id_any ON messages (municipality_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
