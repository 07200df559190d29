import { statement } from '../store/statements'
import type { Database } from '../store/database'
import { assertAmountMinor } from '../ledger/money'

export interface Currency {
  code: string
  exponent: number
  numeric: string
  name: string
}

export function currency(db: Database, code: string): Currency | undefined {
  return statement(db, 'SELECT code, exponent, numeric, name FROM currencies WHERE code = ?').get(code) as Currency | undefined
}

/** The currency an ISO 8583 field 49 names by its numeric code. */
export function currencyByNumeric(db: Database, numeric: string): Currency | undefined {
  return statement(db, 'SELECT code, exponent, numeric, name FROM currencies WHERE numeric = ?').get(numeric) as Currency | undefined
}

export function currencies(db: Database): Currency[] {
  return statement(db, 'SELECT code, exponent, numeric, name FROM currencies ORDER BY code').all() as Currency[]
}

/** The micropayment threshold for a currency, or undefined where the SP takes no purchases in it. */
export function micropaymentThreshold(db: Database, currency_code: string): number | undefined {
  const row = statement(db, 'SELECT threshold_minor FROM micropayment_thresholds WHERE currency = ?').get(currency_code) as
    | { threshold_minor: number }
    | undefined
  return row?.threshold_minor
}

export function setMicropaymentThreshold(db: Database, currency_code: string, threshold_minor: number, now: Date): void {
  assertAmountMinor(threshold_minor, 'threshold_minor')
  if (!currency(db, currency_code)) throw new RangeError(`unknown currency ${currency_code}`)
  statement(db, 
    `INSERT INTO micropayment_thresholds (currency, threshold_minor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (currency) DO UPDATE SET threshold_minor = excluded.threshold_minor, updated_at = excluded.updated_at`,
  ).run(currency_code, threshold_minor, now.toISOString())
}

export function thresholds(db: Database): Array<{ currency: string; exponent: number; threshold_minor: number; updated_at: string }> {
  return statement(db, 
      `SELECT t.currency, c.exponent, t.threshold_minor, t.updated_at
       FROM micropayment_thresholds t JOIN currencies c ON c.code = t.currency ORDER BY t.currency`,
    )
    .all() as Array<{ currency: string; exponent: number; threshold_minor: number; updated_at: string }>
}
