-- Issue 4: maker-checker also covers refunds (a dispute resolved by reversal above the
-- refund threshold) and bill write-offs. SQLite cannot alter a CHECK, so the table is
-- rebuilt: new table, copy, drop, rename, index. Nothing references approval_requests.
-- `subject` names what a request acts on (account:5, card:3, dispute:7, bill:9): a second
-- pending request for the same kind and subject is refused (main/approvals/approvals.ts).
CREATE TABLE approval_requests_new (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('balance_adjustment', 'credit_limit_increase', 'card_unblock', 'refund', 'bill_write_off')),
  subject          TEXT NOT NULL,
  -- What approving applies, as JSON; never card data.
  payload_json     TEXT NOT NULL,
  -- A sentence for the screen, with no card data.
  summary          TEXT NOT NULL,
  -- Why the maker asks.
  reason           TEXT NOT NULL,
  maker_staff_id   INTEGER NOT NULL REFERENCES staff (id),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
  checker_staff_id INTEGER REFERENCES staff (id),
  decided_at       TEXT,
  -- Why the checker rejected it; null otherwise.
  decision_reason  TEXT,
  created_at       TEXT NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status NOT IN ('approved', 'rejected') OR checker_staff_id IS NOT NULL),
  CHECK (checker_staff_id IS NULL OR checker_staff_id <> maker_staff_id)
) STRICT;
INSERT INTO approval_requests_new (id, kind, subject, payload_json, summary, reason, maker_staff_id, status, checker_staff_id, decided_at, decision_reason, created_at)
SELECT id, kind,
  CASE kind WHEN 'card_unblock' THEN 'card:' || json_extract(payload_json, '$.card_id') ELSE 'account:' || json_extract(payload_json, '$.account_id') END,
  payload_json, summary, reason, maker_staff_id, status, checker_staff_id, decided_at, decision_reason, created_at
FROM approval_requests;
DROP TABLE approval_requests;
ALTER TABLE approval_requests_new RENAME TO approval_requests;
CREATE INDEX approval_requests_status ON approval_requests (status, id);
CREATE INDEX approval_requests_pending_subject ON approval_requests (kind, subject) WHERE status = 'pending';
