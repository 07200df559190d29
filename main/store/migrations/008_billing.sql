-- Issue 4: customer billing (seed 001: the SP bills the customer later on the regular
-- bill, aggregated monthly or when the running total reaches a cap, figure 3A).
--
-- A bill takes every transfer on the customer's credit account that no bill holds yet:
-- credit purchases, top-ups and customer fees (charges), and credits such as dispute
-- refunds; payments are not lines, they repay the credit account and are recorded against
-- bills oldest first.
ALTER TABLE customers ADD COLUMN billing_day INTEGER NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28);
-- The running total that closes a bill early; null for none.
ALTER TABLE customers ADD COLUMN bill_cap_minor INTEGER CHECK (bill_cap_minor IS NULL OR bill_cap_minor > 0);
-- A fee added to each bill (seed 001: what the SP bills may exceed what it pays merchants).
ALTER TABLE customers ADD COLUMN bill_fee_minor INTEGER NOT NULL DEFAULT 0 CHECK (bill_fee_minor >= 0);
-- Set when the billing job suspended the customer for an overdue bill, so that paying it
-- reactivates only a customer suspended for that reason, never one suspended by staff.
ALTER TABLE customers ADD COLUMN billing_suspended_at TEXT;
-- The end of the last cycle the billing job has closed (with a bill or, if nothing was on
-- it, without), so a run starts where the last one stopped and a restart skips no cycle.
ALTER TABLE customers ADD COLUMN bill_cycles_closed_through TEXT;

CREATE TABLE bills (
  id             INTEGER PRIMARY KEY,
  reference      TEXT NOT NULL UNIQUE,
  customer_id    INTEGER NOT NULL REFERENCES customers (id),
  currency       TEXT NOT NULL REFERENCES currencies (code),
  -- The billing cycle this bill belongs to: [cycle_start, cycle_end).
  cycle_start    TEXT NOT NULL,
  cycle_end      TEXT NOT NULL,
  -- cycle_end: closed by the job at the end of the cycle; cap_reached: closed early;
  -- manual: closed early by staff (e.g. when the account is closed).
  close_reason   TEXT NOT NULL CHECK (close_reason IN ('cycle_end', 'cap_reached', 'manual')),
  charges_minor  INTEGER NOT NULL CHECK (charges_minor >= 0),
  credits_minor  INTEGER NOT NULL CHECK (credits_minor >= 0),
  fee_minor      INTEGER NOT NULL CHECK (fee_minor >= 0),
  -- charges + fee - credits: what the customer owes for this bill (never below zero).
  total_minor    INTEGER NOT NULL CHECK (total_minor >= 0),
  -- Settled so far: payments plus any write-off (paid_minor = total_minor: nothing owed).
  paid_minor     INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0 AND paid_minor <= total_minor),
  -- The part of paid_minor the bank wrote off rather than the customer paid.
  written_off_minor INTEGER NOT NULL DEFAULT 0 CHECK (written_off_minor >= 0 AND written_off_minor <= paid_minor),
  -- The part of paid_minor settled by a later bill's excess credit (a refund bigger than that
  -- bill's charges): see bill_credit_allocations.
  credited_minor INTEGER NOT NULL DEFAULT 0 CHECK (credited_minor >= 0 AND credited_minor + written_off_minor <= paid_minor),
  -- Credits beyond this bill's charges and fee (credits - charges - fee when positive) not yet
  -- applied to an unpaid bill: the customer's money, never dropped.
  credit_left_minor INTEGER NOT NULL DEFAULT 0 CHECK (credit_left_minor >= 0),
  -- The transfer that charged the bill fee (also a bill line, kind customer_fee).
  fee_transfer_id INTEGER REFERENCES transfers (id),
  -- Why the fee was not charged (the credit limit refused it), for the statement; '' if it was.
  fee_note       TEXT NOT NULL DEFAULT '',
  closed_by_staff_id INTEGER REFERENCES staff (id),
  due_at         TEXT NOT NULL,
  request_id     INTEGER REFERENCES requests (id),
  closed_at      TEXT NOT NULL
) STRICT;
CREATE INDEX bills_customer ON bills (customer_id, id);
CREATE INDEX bills_due ON bills (due_at) WHERE paid_minor < total_minor;
-- The job closes a cycle once, however often it runs or restarts.
CREATE UNIQUE INDEX bills_cycle_once ON bills (customer_id, cycle_end) WHERE close_reason = 'cycle_end';

CREATE TABLE bill_lines (
  bill_id      INTEGER NOT NULL REFERENCES bills (id),
  -- A transfer is billed at most once.
  transfer_id  INTEGER NOT NULL UNIQUE REFERENCES transfers (id),
  kind         TEXT NOT NULL CHECK (kind IN ('credit_purchase', 'top_up', 'customer_fee', 'credit', 'other_charge')),
  -- Positive for a charge, negative for a credit.
  amount_minor INTEGER NOT NULL CHECK (amount_minor <> 0),
  PRIMARY KEY (bill_id, transfer_id)
) STRICT;

-- A customer's payment: a ledger transfer into the credit account, allocated to bills.
CREATE TABLE bill_payments (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  transfer_id  INTEGER NOT NULL UNIQUE REFERENCES transfers (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency     TEXT NOT NULL REFERENCES currencies (code),
  staff_id     INTEGER REFERENCES staff (id),
  reference    TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX bill_payments_customer ON bill_payments (customer_id, id);

-- How each payment was applied to bills, oldest bill first; a payment made before a bill
-- closes is applied to it when it closes.
CREATE TABLE bill_payment_allocations (
  payment_id   INTEGER NOT NULL REFERENCES bill_payments (id),
  bill_id      INTEGER NOT NULL REFERENCES bills (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (payment_id, bill_id)
) STRICT;
CREATE INDEX bill_payment_allocations_bill ON bill_payment_allocations (bill_id);

-- A bill whose credits exceed its charges (a dispute refunded after the charge was billed)
-- settles the customer's unpaid bills with the excess, oldest first; what is left waits for
-- the next bill. Without this the excess would vanish: the ledger would say the customer owes
-- less while the older bill still asked for the full amount.
CREATE TABLE bill_credit_allocations (
  from_bill_id INTEGER NOT NULL REFERENCES bills (id),
  to_bill_id   INTEGER NOT NULL REFERENCES bills (id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  PRIMARY KEY (from_bill_id, to_bill_id)
) STRICT;
