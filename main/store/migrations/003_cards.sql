-- Access cards, terminals and the ISO 8583 message log.
--
-- Never stored here: the full PAN, track data, CVV, PIN or PIN blocks. A card is found by
-- a keyed hash of its PAN (a plain hash of a 16-digit number with a known BIN is easy to
-- reverse); screens get the BIN and last four. The PIN verification value (PVV) is what
-- card schemes keep to check a PIN without knowing it.

-- The bank's card keys (CVK for card verification values, PVK for PIN verification
-- values), each wrapped under the host's master key, which lives outside this database.
CREATE TABLE bank_keys (
  name       TEXT PRIMARY KEY CHECK (name IN ('cvk', 'pvk')),
  wrapped    TEXT NOT NULL,
  kcv        TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE cards (
  id                           INTEGER PRIMARY KEY,
  customer_id                  INTEGER NOT NULL REFERENCES customers (id),
  -- The cash-access account the card reaches (seed 000 claim 2).
  account_id                   INTEGER NOT NULL REFERENCES accounts (id),
  pan_hmac                     TEXT NOT NULL UNIQUE,
  bin                          TEXT NOT NULL,
  last4                        TEXT NOT NULL,
  expiry_yymm                  TEXT NOT NULL CHECK (length(expiry_yymm) = 4),
  service_code                 TEXT NOT NULL CHECK (length(service_code) = 3),
  pvki                         INTEGER NOT NULL CHECK (pvki BETWEEN 0 AND 6),
  pvv                          TEXT NOT NULL CHECK (length(pvv) = 4),
  status                       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'lost', 'replaced')),
  -- Why a card is blocked: 'pin_tries' (three wrong PINs) or 'staff'.
  blocked_reason               TEXT,
  pin_tries_left               INTEGER NOT NULL DEFAULT 3 CHECK (pin_tries_left BETWEEN 0 AND 3),
  daily_withdrawal_limit_minor INTEGER NOT NULL CHECK (daily_withdrawal_limit_minor > 0),
  replaces_card_id             INTEGER REFERENCES cards (id),
  demo                         INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at                   TEXT NOT NULL
) STRICT;

CREATE INDEX cards_customer ON cards (customer_id);

CREATE TABLE terminals (
  id                INTEGER PRIMARY KEY,
  -- Field 41: 8 characters.
  terminal_id       TEXT NOT NULL UNIQUE CHECK (length(terminal_id) = 8),
  kind              TEXT NOT NULL CHECK (kind IN ('atm', 'pos')),
  -- A POS terminal pays its merchant; an ATM has none.
  merchant_id       INTEGER REFERENCES merchants (id),
  location          TEXT NOT NULL DEFAULT '',
  currency          TEXT NOT NULL REFERENCES currencies (code),
  pin_key_wrapped   TEXT NOT NULL,
  pin_key_kcv       TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  demo              INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
  created_at        TEXT NOT NULL,
  rekeyed_at        TEXT,
  CHECK ((kind = 'pos') = (merchant_id IS NOT NULL))
) STRICT;

-- Authorisations by card, for the per-card daily withdrawal limit.
CREATE TABLE card_withdrawals (
  card_id      INTEGER NOT NULL REFERENCES cards (id),
  request_id   INTEGER NOT NULL REFERENCES requests (id),
  transfer_id  INTEGER NOT NULL REFERENCES transfers (id),
  amount_minor INTEGER NOT NULL,
  at           TEXT NOT NULL,
  PRIMARY KEY (card_id, request_id)
) STRICT;

CREATE INDEX card_withdrawals_card_day ON card_withdrawals (card_id, at);
CREATE UNIQUE INDEX card_withdrawals_transfer ON card_withdrawals (transfer_id);

-- A reversal that arrived before its original: the original, when it comes, moves nothing.
-- If the reversal says part was dispensed (field 95), the original posts only that part.
CREATE TABLE early_reversals (
  terminal_id  TEXT NOT NULL,
  original_key TEXT NOT NULL,
  actual_minor INTEGER NOT NULL CHECK (actual_minor >= 0),
  received_at  TEXT NOT NULL,
  PRIMARY KEY (terminal_id, original_key)
) STRICT;

-- Every ISO 8583 message in and out, masked: PAN as BIN + last four, no track, no PIN block.
CREATE TABLE iso_messages (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  mti         TEXT NOT NULL,
  stan        TEXT NOT NULL DEFAULT '',
  response_code TEXT NOT NULL DEFAULT '',
  fields_json TEXT NOT NULL
) STRICT;

CREATE INDEX iso_messages_terminal ON iso_messages (terminal_id, id);
