-- A per-account phone epoch, and indexes for the housekeeping sweeps (sqlite dialect; keep in
-- step with ../postgres).

-- Raised whenever the confirmed number is set or changed. A pending code request remembers the
-- epoch it started in, and a code from an older epoch verifies nothing: a request made before
-- the owner confirmed (or changed) the number cannot be finished afterwards.
ALTER TABLE users ADD COLUMN phone_epoch INTEGER NOT NULL DEFAULT 0;

-- Expired throttle hits and old audit rows are deleted by age.
CREATE INDEX throttle_hits_by_age ON throttle_hits (created_at);
CREATE INDEX verification_events_by_age ON verification_events (created_at);
