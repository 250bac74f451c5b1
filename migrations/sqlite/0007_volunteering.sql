-- The volunteer portal: coordinators' needs (uppdrag), residents' volunteer profiles, and the
-- interest a volunteer expressed in a need with the coordinator's answer.

CREATE TABLE volunteer_needs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    -- The whole need as JSON (texts per language, skills, schedule, …): the matcher reads
    -- every open need at once, and the fields change with the portal, not with queries.
    need TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    -- Who volunteers talk to once accepted (a name and a phone number or e-mail).
    contact TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX volunteer_needs_status ON volunteer_needs (municipality_id, status);

CREATE TABLE volunteer_profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    -- The conversation the volunteer is reached in (their web chat or Telegram chat).
    conversation_id TEXT NOT NULL UNIQUE REFERENCES conversations (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    language TEXT NOT NULL,
    -- The profile as JSON (skills, interests, languages, areas, availability, age band).
    profile TEXT NOT NULL,
    -- When they consented to be contacted; profiles are only stored with consent.
    consent_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX volunteer_profiles_municipality ON volunteer_profiles (municipality_id);

CREATE TABLE volunteer_interests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    municipality_id TEXT NOT NULL,
    need_id BIGINT NOT NULL REFERENCES volunteer_needs (id) ON DELETE CASCADE,
    volunteer_id BIGINT NOT NULL REFERENCES volunteer_profiles (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
    -- Why the need was offered, as the volunteer was told (for the coordinator).
    reasons TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT,
    UNIQUE (need_id, volunteer_id)
);
CREATE INDEX volunteer_interests_need ON volunteer_interests (municipality_id, need_id, status);
