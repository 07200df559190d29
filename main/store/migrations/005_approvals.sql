-- Issue 5: maker-checker. A manual balance adjustment, a credit-limit increase and a card
-- unblock are requested by one staff member (the maker) and applied only when a second
-- one (the checker) approves; the maker can never approve their own request
-- (main/approvals/approvals.ts). A request is decided once: pending, then approved,
-- rejected or cancelled.
CREATE TABLE approval_requests (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('balance_adjustment', 'credit_limit_increase', 'card_unblock')),
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
CREATE INDEX approval_requests_status ON approval_requests (status, id);
