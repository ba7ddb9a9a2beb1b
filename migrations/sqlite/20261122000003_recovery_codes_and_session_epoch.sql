-- One-time recovery codes for a lost phone, and a per-account session epoch (sqlite dialect).

-- Stored as SHA-256 of the code: the codes are long random strings, so a fast hash is enough.
CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER,
    UNIQUE (user_id, code_hash)
);

-- Part of every session's auth hash: raising it signs out the account's other sessions.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
