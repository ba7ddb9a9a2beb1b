-- Counters kept exact by each vote's own transaction, so a results page or a list reads a
-- poll's numbers instead of counting its votes: each choice's votes, and each poll's voters
-- (people, once each, whatever they ticked). Filled in from the votes already cast.
-- `pollstr admin recount` recomputes them from the votes.
ALTER TABLE choices ADD COLUMN votes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE polls ADD COLUMN voters INTEGER NOT NULL DEFAULT 0;
UPDATE choices SET votes = (SELECT COUNT(*) FROM votes v WHERE v.choice_id = choices.id);
UPDATE polls SET voters = (SELECT COUNT(DISTINCT v.user_id) FROM votes v WHERE v.poll_id = polls.id);
