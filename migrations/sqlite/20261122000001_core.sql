-- Pollstr core schema (SQLite dialect; keep in step with ../postgres).
-- Times are Unix seconds (INTEGER) so the same queries run on both databases through sqlx::Any.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    -- Lower-cased username: uniqueness ignores case.
    username_key  TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    -- E.164, set only after a successful code check; one number, one account.
    phone_number  TEXT    UNIQUE,
    created_at    INTEGER NOT NULL
);

CREATE TABLE polls (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    question     TEXT    NOT NULL,
    published_at INTEGER NOT NULL
);
CREATE INDEX polls_latest_first ON polls (published_at DESC, id DESC);

CREATE TABLE choices (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    poll_id  INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    text     TEXT    NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (poll_id, id)
);

-- One row per account per poll: voting again moves the vote. Counts are COUNT(*) over this
-- table, so concurrent votes never race on a counter.
CREATE TABLE votes (
    poll_id   INTEGER NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    choice_id INTEGER NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, user_id),
    -- The choice must belong to the poll.
    FOREIGN KEY (poll_id, choice_id) REFERENCES choices (poll_id, id) ON DELETE CASCADE
);
CREATE INDEX votes_by_choice ON votes (choice_id);
