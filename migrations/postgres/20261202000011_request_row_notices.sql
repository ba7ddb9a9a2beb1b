-- Every instance keeps the session and the user of a request in memory for up to a second
-- (src/server/kept_rows.rs). A change to either, by any instance or by `pollstr admin`, tells
-- every instance at commit, so no instance serves a logged-out session or a revoked right.
-- An expired session is already refused, so the hourly clean-up of expired rows says nothing
-- (the minute's margin covers a database clock ahead of the app's).
CREATE FUNCTION pollstr_session_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pollstr_rows', 'session:' || OLD.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_changed
    AFTER UPDATE OR DELETE ON "tower_sessions"."session"
    FOR EACH ROW WHEN (OLD.expiry_date > now() - interval '1 minute')
    EXECUTE FUNCTION pollstr_session_changed();

CREATE FUNCTION pollstr_user_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pollstr_rows', 'user:' || OLD.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER user_changed
    AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION pollstr_user_changed();

-- TRUNCATE fires no row trigger: it says "all", and every instance forgets every kept row.
CREATE FUNCTION pollstr_rows_truncated() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pollstr_rows', 'all');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER sessions_truncated
    AFTER TRUNCATE ON "tower_sessions"."session"
    FOR EACH STATEMENT EXECUTE FUNCTION pollstr_rows_truncated();

CREATE TRIGGER users_truncated
    AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION pollstr_rows_truncated();
