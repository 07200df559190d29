-- Issue 4: merchant onboarding and commercial terms (seed 001, seed 003).
--
-- A merchant has a contact, a settlement account the SP pays it into (an IBAN, or a
-- domestic account number), and terms: the wholesale discount the SP keeps (basis points
-- of each purchase), an optional per-purchase fee, and a settlement rule: settle when the
-- payable reaches an amount, or every N days, whichever comes first.
ALTER TABLE merchants ADD COLUMN contact_name TEXT NOT NULL DEFAULT '';
ALTER TABLE merchants ADD COLUMN contact_email TEXT NOT NULL DEFAULT '';
ALTER TABLE merchants ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
-- Exactly one of IBAN or domestic account number is expected for payouts (checked in main/merchants).
ALTER TABLE merchants ADD COLUMN settlement_iban TEXT;
ALTER TABLE merchants ADD COLUMN settlement_bic TEXT;
ALTER TABLE merchants ADD COLUMN settlement_account_number TEXT;
ALTER TABLE merchants ADD COLUMN discount_bps INTEGER NOT NULL DEFAULT 0 CHECK (discount_bps BETWEEN 0 AND 10000);
ALTER TABLE merchants ADD COLUMN fee_per_purchase_minor INTEGER NOT NULL DEFAULT 0 CHECK (fee_per_purchase_minor >= 0);
ALTER TABLE merchants ADD COLUMN settle_at_minor INTEGER CHECK (settle_at_minor IS NULL OR settle_at_minor > 0);
ALTER TABLE merchants ADD COLUMN settle_every_days INTEGER CHECK (settle_every_days IS NULL OR settle_every_days BETWEEN 1 AND 366);
-- The merchant identification an acquirer's shared POS attaches to a payment (seed 001
-- figure 4B), sent as ISO 8583 field 42 (card acceptor identification code, 15 characters).
ALTER TABLE merchants ADD COLUMN merchant_code TEXT CHECK (merchant_code IS NULL OR length(merchant_code) BETWEEN 1 AND 15);
CREATE UNIQUE INDEX merchants_code ON merchants (merchant_code) WHERE merchant_code IS NOT NULL;

-- A key is rotated by creating its successor; the old one keeps working until revoked.
ALTER TABLE merchant_api_keys ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE merchant_api_keys ADD COLUMN replaced_by_id INTEGER REFERENCES merchant_api_keys (id);

-- Seed 001 figure 4B: a POS operated by an acquiring bank takes payments for several
-- merchants. The terminal's own merchant is the default; a payment whose field 42 names one
-- of these merchants is routed to that merchant's payable account instead.
CREATE TABLE shared_terminal_merchants (
  terminal_id TEXT NOT NULL REFERENCES terminals (terminal_id),
  merchant_id INTEGER NOT NULL REFERENCES merchants (id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (terminal_id, merchant_id)
) STRICT;
