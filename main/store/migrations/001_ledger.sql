-- The ledger: currencies, accounts and immutable double-entry transfers.
--
-- Balances are kept TigerBeetle-style as four running sums per account (posted and
-- pending, debits and credits). The balance rules are CHECK constraints, so no caller,
-- however careless, can commit a value account below zero or a credit line over its limit;
-- main/ledger checks the same rules first only to give a clear decline instead of an error.

CREATE TABLE currencies (
  code     TEXT PRIMARY KEY CHECK (length(code) = 3 AND code = upper(code)),
  exponent INTEGER NOT NULL CHECK (exponent BETWEEN 0 AND 4),
  -- The ISO 4217 numeric code, as terminals send it in ISO 8583 field 49.
  numeric  TEXT NOT NULL UNIQUE CHECK (length(numeric) = 3),
  name     TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  id                 INTEGER PRIMARY KEY,
  -- credit: the customer's credit line (debit-normal: what the customer owes the SP).
  -- value, cash_access: money the SP holds for the customer (credit-normal, never < 0).
  -- merchant_payable: what the SP owes a merchant (credit-normal).
  -- sp_funding: where deposits into value accounts come from (debit-normal).
  -- sp_fee_income, sp_settlement: the SP's own income and outgoing settlement accounts.
  -- atm_cash: the notes in the bank's ATMs (debit-normal: an asset; a withdrawal credits it).
  kind               TEXT NOT NULL CHECK (kind IN ('credit', 'value', 'cash_access',
                       'merchant_payable', 'sp_funding', 'sp_fee_income', 'sp_settlement', 'atm_cash')),
  owner_type         TEXT NOT NULL CHECK (owner_type IN ('customer', 'merchant', 'sp')),
  owner_id           INTEGER,
  currency           TEXT NOT NULL REFERENCES currencies (code),
  number             TEXT NOT NULL UNIQUE,
  credit_limit_minor INTEGER CHECK (credit_limit_minor IS NULL OR credit_limit_minor >= 0),
  status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'suspended', 'closed')),
  debits_posted      INTEGER NOT NULL DEFAULT 0 CHECK (debits_posted >= 0),
  credits_posted     INTEGER NOT NULL DEFAULT 0 CHECK (credits_posted >= 0),
  debits_pending     INTEGER NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  credits_pending    INTEGER NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  created_at         TEXT NOT NULL,
  CHECK ((owner_type = 'sp') = (owner_id IS NULL)),
  CHECK ((kind = 'credit') = (credit_limit_minor IS NOT NULL)),
  -- Balance rule: stored value never goes below zero, counting holds.
  CHECK (kind NOT IN ('value', 'cash_access') OR debits_posted + debits_pending <= credits_posted),
  -- Balance rule: a credit line never exceeds its limit, counting holds.
  CHECK (kind <> 'credit' OR debits_posted + debits_pending - credits_posted <= credit_limit_minor)
) STRICT;

CREATE UNIQUE INDEX accounts_owner_kind ON accounts (owner_type, ifnull(owner_id, 0), kind, currency);

-- One row per money-moving request, keyed by the caller's idempotency key. A repeat with
-- the same key and content returns response_json and moves nothing.
CREATE TABLE requests (
  id              INTEGER PRIMARY KEY,
  scope           TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  kind            TEXT NOT NULL,
  content_sha256  TEXT NOT NULL,
  response_json   TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (scope, idempotency_key)
) STRICT;

CREATE TABLE transfers (
  id                INTEGER PRIMARY KEY,
  request_id        INTEGER NOT NULL REFERENCES requests (id),
  debit_account_id  INTEGER NOT NULL REFERENCES accounts (id),
  credit_account_id INTEGER NOT NULL REFERENCES accounts (id),
  amount_minor      INTEGER NOT NULL CHECK (amount_minor > 0),
  currency          TEXT NOT NULL REFERENCES currencies (code),
  -- Why the money moved, in the bank's words (see main/ledger/codes.ts).
  code              TEXT NOT NULL,
  -- single: posted at once. pending: a hold. post_pending / void_pending: resolve a hold.
  phase             TEXT NOT NULL CHECK (phase IN ('single', 'pending', 'post_pending', 'void_pending')),
  pending_id        INTEGER REFERENCES transfers (id),
  expires_at        TEXT,
  reverses_id       INTEGER REFERENCES transfers (id),
  memo              TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  CHECK (debit_account_id <> credit_account_id),
  CHECK ((phase IN ('post_pending', 'void_pending')) = (pending_id IS NOT NULL)),
  CHECK (phase = 'pending' OR expires_at IS NULL)
) STRICT;

CREATE INDEX transfers_debit ON transfers (debit_account_id, id);
CREATE INDEX transfers_credit ON transfers (credit_account_id, id);
CREATE INDEX transfers_request ON transfers (request_id);
CREATE INDEX transfers_created ON transfers (created_at, id);
-- A hold is resolved (posted or voided) at most once; a transfer is reversed at most once.
CREATE UNIQUE INDEX transfers_resolve_once ON transfers (pending_id) WHERE pending_id IS NOT NULL;
CREATE UNIQUE INDEX transfers_reverse_once ON transfers (reverses_id) WHERE reverses_id IS NOT NULL;

CREATE TRIGGER transfers_immutable_update BEFORE UPDATE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are immutable: correct with a reversing transfer'); END;
CREATE TRIGGER transfers_immutable_delete BEFORE DELETE ON transfers
BEGIN SELECT RAISE(ABORT, 'transfers are immutable: correct with a reversing transfer'); END;
CREATE TRIGGER requests_immutable_delete BEFORE DELETE ON requests
BEGIN SELECT RAISE(ABORT, 'requests are kept for idempotency and audit'); END;

-- ISO 4217 currencies the SP can hold, with their minor-unit exponent.
INSERT INTO currencies (code, exponent, numeric, name) VALUES
  ('USD', 2, '840', 'US Dollar'), ('EUR', 2, '978', 'Euro'), ('GBP', 2, '826', 'Pound Sterling'),
  ('CHF', 2, '756', 'Swiss Franc'), ('CAD', 2, '124', 'Canadian Dollar'), ('AUD', 2, '036', 'Australian Dollar'),
  ('SEK', 2, '752', 'Swedish Krona'), ('NOK', 2, '578', 'Norwegian Krone'), ('DKK', 2, '208', 'Danish Krone'),
  ('MXN', 2, '484', 'Mexican Peso'), ('BRL', 2, '986', 'Brazilian Real'), ('INR', 2, '356', 'Indian Rupee'),
  ('JPY', 0, '392', 'Yen'), ('KRW', 0, '410', 'Won'), ('CLP', 0, '152', 'Chilean Peso'),
  ('KWD', 3, '414', 'Kuwaiti Dinar'), ('BHD', 3, '048', 'Bahraini Dinar'), ('TND', 3, '788', 'Tunisian Dinar');
