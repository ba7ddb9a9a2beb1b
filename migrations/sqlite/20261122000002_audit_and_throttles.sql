-- Two-factor audit trail and throttling counters (SQLite dialect; keep in step with ../postgres).

-- One row per verification attempt. Never the code, never the full number.
CREATE TABLE verification_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER REFERENCES users (id) ON DELETE CASCADE,
    masked_number TEXT,
    request_id    TEXT,
    -- start, check, resend, cancel, recovery
    action        TEXT    NOT NULL,
    -- "ok", "resumed", the provider's status ("status 16"), or our own reason ("throttled")
    outcome       TEXT    NOT NULL,
    client_ip     TEXT,
    created_at    INTEGER NOT NULL
);
CREATE INDEX verification_events_by_user ON verification_events (user_id, created_at DESC);

-- Attempts counted for throttling, in the database so a new cookie or another instance does
-- not reset them. `bucket` names what is counted and for whom (numbers and IPs hashed).
CREATE TABLE throttle_hits (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    bucket     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX throttle_hits_by_bucket ON throttle_hits (bucket, created_at);
