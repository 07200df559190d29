-- The bank's parties: the SP's settings, customers, merchants and staff.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Seed 000 claim 1: at or above the threshold a purchase is a credit transaction.
CREATE TABLE micropayment_thresholds (
  currency        TEXT PRIMARY KEY REFERENCES currencies (code),
  threshold_minor INTEGER NOT NULL CHECK (threshold_minor > 0),
  updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
  id                     INTEGER PRIMARY KEY,
  payer_id               TEXT NOT NULL UNIQUE,
  name                   TEXT NOT NULL,
  email                  TEXT NOT NULL DEFAULT '',
  currency               TEXT NOT NULL REFERENCES currencies (code),
  -- active, or suspended for bad history (not billable: seed 001 step 203).
  status                 TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  password_hash          TEXT,
  -- Seed 000 claim 8: never less than the threshold (checked by main/customers).
  top_up_increment_minor INTEGER NOT NULL CHECK (top_up_increment_minor > 0),
  -- Seed 002: the account's own parameters, checked before the balance.
  micropayment_limit_per_purchase_minor INTEGER CHECK (micropayment_limit_per_purchase_minor > 0),
  micropayment_limit_per_day_minor      INTEGER CHECK (micropayment_limit_per_day_minor > 0),
  demo                   INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at             TEXT NOT NULL
) STRICT;

CREATE INDEX customers_name ON customers (name COLLATE NOCASE);

CREATE TABLE merchants (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL DEFAULT '',
  currency   TEXT NOT NULL REFERENCES currencies (code),
  status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  demo       INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at TEXT NOT NULL
) STRICT;

-- API keys are shown once and stored only as SHA-256 hashes (they are long random
-- secrets, so a fast hash is enough; passwords use scrypt).
CREATE TABLE merchant_api_keys (
  id          INTEGER PRIMARY KEY,
  merchant_id INTEGER NOT NULL REFERENCES merchants (id),
  key_prefix  TEXT NOT NULL,
  key_sha256  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;

CREATE TABLE blocked_merchants (
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  merchant_id INTEGER NOT NULL REFERENCES merchants (id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (customer_id, merchant_id)
) STRICT;

-- One payer login that works at every merchant (seed 003 claims 13 and 26). A login gives
-- two tokens: a purchase token the payer hands to merchants, and an account token for the
-- payer's own balances and moves, which a merchant never holds.
CREATE TABLE payer_sessions (
  token_sha256 TEXT PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  scope        TEXT NOT NULL CHECK (scope IN ('purchase', 'account')),
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;

CREATE TABLE purchases (
  id              INTEGER PRIMARY KEY,
  purchase_id     TEXT NOT NULL UNIQUE,
  request_id      INTEGER NOT NULL UNIQUE REFERENCES requests (id),
  merchant_id     INTEGER NOT NULL REFERENCES merchants (id),
  customer_id     INTEGER REFERENCES customers (id),
  payer_pseudonym TEXT NOT NULL,
  item_id         TEXT NOT NULL,
  item_title      TEXT NOT NULL,
  amount_minor    INTEGER NOT NULL CHECK (amount_minor > 0),
  currency        TEXT NOT NULL REFERENCES currencies (code),
  status          TEXT NOT NULL CHECK (status IN ('approved', 'declined')),
  method          TEXT CHECK (method IN ('micropayment', 'credit')),
  top_up_minor    INTEGER NOT NULL DEFAULT 0 CHECK (top_up_minor >= 0),
  decline_code    TEXT,
  decline_message TEXT,
  created_at      TEXT NOT NULL,
  CHECK ((status = 'approved') = (method IS NOT NULL)),
  CHECK ((status = 'declined') = (decline_code IS NOT NULL))
) STRICT;

CREATE INDEX purchases_customer_day ON purchases (customer_id, status, method, created_at);
CREATE INDEX purchases_merchant ON purchases (merchant_id, id);

CREATE TABLE staff (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('administrator', 'back_office_clerk', 'supervisor',
                  'branch_tester', 'technician', 'auditor')),
  password_hash TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  demo          INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE staff_sessions (
  token_sha256 TEXT PRIMARY KEY,
  staff_id     INTEGER NOT NULL REFERENCES staff (id),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;

-- Every staff action, in order. Issue 4 chains these by hash.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  staff_id    INTEGER REFERENCES staff (id),
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
