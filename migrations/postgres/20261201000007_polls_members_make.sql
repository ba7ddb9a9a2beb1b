-- Polls that members make (PostgreSQL dialect; keep in step with ../sqlite): who made each
-- one, when it closes and when its results show. `closes_at` NULL means never; a poll is
-- closed from that second on. `results_shown` is 'always', 'after_vote' or 'after_close'.
ALTER TABLE polls ADD COLUMN author_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE polls ADD COLUMN closes_at BIGINT;
ALTER TABLE polls ADD COLUMN results_shown TEXT NOT NULL DEFAULT 'always'
    CHECK (results_shown IN ('always', 'after_vote', 'after_close'));

-- Set by "Close now": from then on the poll takes no vote, whatever the clocks of the
-- instances say about `closes_at`.
ALTER TABLE polls ADD COLUMN closed_at BIGINT;

-- Polls made before have no author (NULL): nothing here can tell who made them. The demo
-- loader gives the demo polls to the demo account when the demo runs.

-- A member's own polls, newest first.
CREATE INDEX polls_by_author ON polls (author_id, published_at DESC, id DESC);
