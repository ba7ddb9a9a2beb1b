-- Polls where a person may choose several answers (PostgreSQL dialect; keep in step with
-- ../sqlite): a vote is one row per chosen answer, so the key takes the choice in. Existing
-- polls stay one-answer polls.
ALTER TABLE polls ADD COLUMN multiple_answers BIGINT NOT NULL DEFAULT 0;
ALTER TABLE votes DROP CONSTRAINT votes_pkey, ADD PRIMARY KEY (poll_id, user_id, choice_id);
