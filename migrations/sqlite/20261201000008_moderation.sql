-- Moderators may hide or delete any poll. A hidden poll is seen only by its author and the
-- moderators. Every moderation action, and every grant or revocation, is recorded.
ALTER TABLE users ADD COLUMN is_moderator INTEGER NOT NULL DEFAULT 0;
ALTER TABLE polls ADD COLUMN hidden_at INTEGER;

CREATE TABLE moderation_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The moderator's username, or "command line" for the admin commands.
    actor      TEXT    NOT NULL,
    -- hide, unhide, close, delete, grant-moderator, revoke-moderator
    action     TEXT    NOT NULL,
    -- What it was done to, in words that outlive it: `poll 12 "Cats or dogs?"`, `user ann`.
    target     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX moderation_events_by_time ON moderation_events (created_at);
