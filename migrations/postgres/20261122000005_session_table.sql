-- The session table of tower-sessions-sqlx-store's PostgresStore, made here rather than by
-- the store at start-up: concurrent CREATE SCHEMA / CREATE TABLE from instances starting
-- together can fail, while migrations run once under sqlx's advisory lock.
CREATE SCHEMA IF NOT EXISTS "tower_sessions";
CREATE TABLE IF NOT EXISTS "tower_sessions"."session" (
    id          TEXT PRIMARY KEY NOT NULL,
    data        BYTEA NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);
