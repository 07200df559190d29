-- Issue 4: settlement batches (seed 003: settlement with vendors by amount or time).
--
-- A batch takes every posted transfer on a merchant's payable account that no batch holds
-- yet: purchases (credits) and corrections such as reversals and chargebacks (debits). It
-- keeps the wholesale discount and the per-purchase fees for the SP and moves the net out
-- of the payable account by ledger transfers. A transfer is in at most one batch (unique
-- line), so nothing is settled twice.
CREATE TABLE settlement_batches (
  id                    INTEGER PRIMARY KEY,
  -- What the payout file and the merchant see, e.g. STL-2026-000042.
  reference             TEXT NOT NULL UNIQUE,
  merchant_id           INTEGER NOT NULL REFERENCES merchants (id),
  currency              TEXT NOT NULL REFERENCES currencies (code),
  -- rule_amount / rule_days: closed by the host's job; staff: closed by hand.
  closed_by             TEXT NOT NULL CHECK (closed_by IN ('rule_amount', 'rule_days', 'staff')),
  staff_id              INTEGER REFERENCES staff (id),
  purchase_count        INTEGER NOT NULL CHECK (purchase_count >= 0),
  gross_minor           INTEGER NOT NULL CHECK (gross_minor >= 0),
  corrections_minor     INTEGER NOT NULL CHECK (corrections_minor >= 0),
  discount_minor        INTEGER NOT NULL CHECK (discount_minor >= 0),
  fees_minor            INTEGER NOT NULL CHECK (fees_minor >= 0),
  net_minor             INTEGER NOT NULL CHECK (net_minor > 0),
  -- The terms the batch was computed with, kept because terms change.
  discount_bps          INTEGER NOT NULL,
  fee_per_purchase_minor INTEGER NOT NULL,
  request_id            INTEGER NOT NULL UNIQUE REFERENCES requests (id),
  closed_at             TEXT NOT NULL,
  CHECK (gross_minor - corrections_minor - discount_minor - fees_minor = net_minor),
  CHECK ((closed_by = 'staff') = (staff_id IS NOT NULL))
) STRICT;
CREATE INDEX settlement_batches_merchant ON settlement_batches (merchant_id, id);

CREATE TABLE settlement_batch_lines (
  batch_id     INTEGER NOT NULL REFERENCES settlement_batches (id),
  -- A transfer is settled at most once.
  transfer_id  INTEGER NOT NULL UNIQUE REFERENCES transfers (id),
  kind         TEXT NOT NULL CHECK (kind IN ('purchase', 'correction')),
  -- Positive for a purchase, negative for a correction.
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  PRIMARY KEY (batch_id, transfer_id)
) STRICT;

-- Each attempt to pay a batch out. A returned payout (the merchant's bank refused it) can be
-- re-sent as a new attempt; at most one attempt is live (exported or sent) at a time.
CREATE TABLE settlement_payouts (
  id                 INTEGER PRIMARY KEY,
  batch_id           INTEGER NOT NULL REFERENCES settlement_batches (id),
  attempt            INTEGER NOT NULL CHECK (attempt >= 1),
  -- pain.001 GrpHdr/MsgId and PmtInf/PmtInfId: unique per attempt.
  message_id         TEXT NOT NULL UNIQUE,
  status             TEXT NOT NULL CHECK (status IN ('exported', 'sent', 'returned')),
  -- The account details paid to, copied at export so a later change of details is visible.
  creditor_iban      TEXT,
  creditor_bic       TEXT,
  creditor_account_number TEXT,
  sent_transfer_id   INTEGER REFERENCES transfers (id),
  returned_transfer_id INTEGER REFERENCES transfers (id),
  return_reason      TEXT,
  created_at         TEXT NOT NULL,
  sent_at            TEXT,
  returned_at        TEXT,
  UNIQUE (batch_id, attempt),
  CHECK ((status = 'returned') = (returned_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX settlement_payouts_one_live ON settlement_payouts (batch_id) WHERE status <> 'returned';
