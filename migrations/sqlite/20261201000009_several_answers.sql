-- Polls where a person may choose several answers: a vote is one row per chosen answer, so
-- the key takes the choice in. (SQLite cannot change a primary key in place: the table is
-- rebuilt with its rows.) Existing polls stay one-answer polls.
ALTER TABLE polls ADD COLUMN multiple_answers INTEGER NOT NULL DEFAULT 0;

CREATE TABLE votes_by_answer (
    poll_id   INTEGER NOT NULL,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    choice_id INTEGER NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (poll_id, user_id, choice_id),
    FOREIGN KEY (poll_id, choice_id) REFERENCES choices (poll_id, id) ON DELETE CASCADE
);
INSERT INTO votes_by_answer (poll_id, user_id, choice_id, voted_at)
    SELECT poll_id, user_id, choice_id, voted_at FROM votes;
DROP TABLE votes;
ALTER TABLE votes_by_answer RENAME TO votes;
CREATE INDEX votes_by_choice ON votes (choice_id);
