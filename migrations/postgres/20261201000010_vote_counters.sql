-- Counters kept exact by each vote's own transaction (PostgreSQL dialect; keep in step with
-- ../sqlite), so a results page or a list reads a poll's numbers instead of counting its
-- votes: each choice's votes, and each poll's voters (people, once each, whatever they
-- ticked). Filled in from the votes already cast. `pollstr admin recount` recomputes them.
ALTER TABLE choices ADD COLUMN votes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE polls ADD COLUMN voters BIGINT NOT NULL DEFAULT 0;
UPDATE choices SET votes = (SELECT COUNT(*) FROM votes v WHERE v.choice_id = choices.id);
UPDATE polls SET voters = (SELECT COUNT(DISTINCT v.user_id) FROM votes v WHERE v.poll_id = polls.id);
