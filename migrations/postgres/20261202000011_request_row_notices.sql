-- Every instance keeps the session and the user of a request in memory for up to a second
-- (src/server/kept_rows.rs). A change to either, by any instance or by `pollstr admin`, tells
-- every instance at commit, so no instance serves a logged-out session or a revoked right.
-- An expired session is already refused, so the hourly clean-up of expired rows says nothing.
CREATE FUNCTION pollstr_session_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('pollstr_rows', 'session:' || OLD.id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER session_changed
    AFTER UPDATE OR DELETE ON "tower_sessions"."session"
    FOR EACH ROW WHEN (OLD.expiry_date > now())
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
