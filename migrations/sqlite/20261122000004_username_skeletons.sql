-- What a username looks like (Unicode TR39 skeleton): two accounts may not look alike.
-- Rows from before this column are filled in by the app at start (accounts::skeletons).
ALTER TABLE users ADD COLUMN username_skeleton TEXT;
CREATE UNIQUE INDEX users_username_skeleton ON users (username_skeleton);
