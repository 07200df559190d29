-- Issue 4: disputes (seed 003). A customer disputes a charge: a transfer out of one of
-- their accounts to a merchant's payable account. The SP may grant a provisional credit,
-- then resolves the dispute by reversing the charge (the merchant's payable pays it back,
-- or the next settlement does) or rejects it. Every step is a ledger transfer and an
-- audit entry; this table only keeps the state and the links.
CREATE TABLE disputes (
  id                      INTEGER PRIMARY KEY,
  -- The charge disputed.
  transfer_id             INTEGER NOT NULL REFERENCES transfers (id),
  customer_id             INTEGER NOT NULL REFERENCES customers (id),
  merchant_id             INTEGER NOT NULL REFERENCES merchants (id),
  amount_minor            INTEGER NOT NULL CHECK (amount_minor > 0),
  currency                TEXT NOT NULL REFERENCES currencies (code),
  reason                  TEXT NOT NULL,
  status                  TEXT NOT NULL CHECK (status IN ('open', 'reversed', 'rejected')),
  provisional_transfer_id INTEGER REFERENCES transfers (id),
  resolution_transfer_id  INTEGER REFERENCES transfers (id),
  resolution_note         TEXT,
  opened_by               INTEGER NOT NULL REFERENCES staff (id),
  resolved_by             INTEGER REFERENCES staff (id),
  opened_at               TEXT NOT NULL,
  resolved_at             TEXT,
  CHECK ((status = 'open') = (resolved_at IS NULL))
) STRICT;
-- One dispute at a time per charge.
CREATE UNIQUE INDEX disputes_open_once ON disputes (transfer_id) WHERE status = 'open';
CREATE INDEX disputes_status ON disputes (status, id);
-- Every dispute on a charge (an order's drawer), and a customer's disputes tab.
CREATE INDEX disputes_transfer ON disputes (transfer_id, id);
CREATE INDEX disputes_customer ON disputes (customer_id, id);
-- A customer's orders newest first without sorting them all (purchases_customer_day
-- leads with status and method, not id).
CREATE INDEX purchases_customer ON purchases (customer_id, id);
-- Orders filtered by a date range alone, newest first.
CREATE INDEX purchases_created ON purchases (created_at, id);
