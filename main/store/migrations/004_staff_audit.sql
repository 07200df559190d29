-- Issue 4: the audit trail is chained by hash, and repeated failed logins lock a login.

-- Each entry carries the hash of the entry before it and its own hash over its content,
-- so an edited, deleted or reordered entry breaks the chain (main/staff/audit.ts).
-- Entries written before this migration have '' and are sealed, in order, by the next
-- audit() call; the update trigger below allows exactly that and nothing else.
ALTER TABLE audit_log ADD COLUMN prev_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE sha256 = '';
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);

DROP TRIGGER audit_log_append_only_update;
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
WHEN OLD.sha256 <> '' OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.staff_id IS NOT OLD.staff_id
  OR NEW.action IS NOT OLD.action OR NEW.subject IS NOT OLD.subject OR NEW.detail_json IS NOT OLD.detail_json
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Failed logins per username (known or not), counted within a window; a login that
-- reaches the limit is locked until locked_until (main/staff/lockout.ts).
CREATE TABLE login_failures (
  id       INTEGER PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE,
  at       TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_username ON login_failures (username, at);

CREATE TABLE login_locks (
  username     TEXT PRIMARY KEY COLLATE NOCASE,
  locked_until TEXT NOT NULL
) STRICT;
