import { statement } from '../store/statements'
import type { Database } from '../store/database'

export const account_kinds = [
  'credit',
  'value',
  'cash_access',
  'merchant_payable',
  'sp_funding',
  'sp_fee_income',
  'sp_settlement',
  'atm_cash',
] as const
export type AccountKind = (typeof account_kinds)[number]
export type OwnerType = 'customer' | 'merchant' | 'sp'

export interface AccountRow {
  id: number
  kind: AccountKind
  owner_type: OwnerType
  owner_id: number | null
  currency: string
  number: string
  credit_limit_minor: number | null
  status: 'open' | 'suspended' | 'closed'
  debits_posted: number
  credits_posted: number
  debits_pending: number
  credits_pending: number
  created_at: string
}

/** Accounts whose balance grows with debits (what others owe the SP, or its cash). */
export function isDebitNormal(kind: AccountKind): boolean {
  return kind === 'credit' || kind === 'sp_funding' || kind === 'sp_settlement' || kind === 'atm_cash'
}

/**
 * The posted balance in the account's own sense: for a value account the stored value,
 * for a credit account the amount owed.
 */
export function postedBalance(a: Pick<AccountRow, 'kind' | 'debits_posted' | 'credits_posted'>): number {
  return isDebitNormal(a.kind) ? a.debits_posted - a.credits_posted : a.credits_posted - a.debits_posted
}

/**
 * What can still be spent from the account: stored value net of holds, or the unused
 * part of a credit line. Null for accounts without a spending rule.
 */
export function availableMinor(a: AccountRow): number | null {
  if (a.kind === 'value' || a.kind === 'cash_access') return a.credits_posted - a.debits_posted - a.debits_pending
  if (a.kind === 'credit') {
    return (a.credit_limit_minor ?? 0) - (a.debits_posted + a.debits_pending - a.credits_posted)
  }
  return null
}

export interface OpenAccountInput {
  kind: AccountKind
  owner_type: OwnerType
  owner_id: number | null
  currency: string
  credit_limit_minor?: number
}

const kind_prefix: Record<AccountKind, string> = {
  credit: 'CR',
  value: 'VA',
  cash_access: 'CA',
  merchant_payable: 'MP',
  sp_funding: 'SF',
  sp_fee_income: 'SI',
  sp_settlement: 'SS',
  atm_cash: 'AC',
}

export function openAccount(db: Database, input: OpenAccountInput, now_iso: string): AccountRow {
  if ((input.kind === 'credit') !== (input.credit_limit_minor !== undefined)) {
    throw new Error('a credit limit is given for credit accounts and only for them')
  }
  const { id } = statement(db, 
      `INSERT INTO accounts (kind, owner_type, owner_id, currency, number, credit_limit_minor, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?) RETURNING id`,
    )
    .get(input.kind, input.owner_type, input.owner_id, input.currency, input.credit_limit_minor ?? null, now_iso) as {
    id: number
  }
  // A readable account number: kind prefix, currency, zero-padded id.
  const number = `${kind_prefix[input.kind]}-${input.currency}-${String(id).padStart(8, '0')}`
  statement(db, 'UPDATE accounts SET number = ? WHERE id = ?').run(number, id)
  return getAccount(db, id)
}

export function getAccount(db: Database, id: number): AccountRow {
  const row = statement(db, 'SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined
  if (!row) throw new Error(`account ${id} does not exist`)
  return row
}

export function findAccount(
  db: Database,
  owner_type: OwnerType,
  owner_id: number | null,
  kind: AccountKind,
  currency: string,
): AccountRow | undefined {
  return statement(db, 'SELECT * FROM accounts WHERE owner_type = ? AND ifnull(owner_id, 0) = ifnull(?, 0) AND kind = ? AND currency = ?')
    .get(owner_type, owner_id, kind, currency) as AccountRow | undefined
}

/** The SP's own account of a kind in a currency, opened on first use. */
export function spAccount(db: Database, kind: AccountKind, currency: string, now_iso: string): AccountRow {
  return findAccount(db, 'sp', null, kind, currency) ?? openAccount(db, { kind, owner_type: 'sp', owner_id: null, currency }, now_iso)
}

export function accountsOf(db: Database, owner_type: OwnerType, owner_id: number): AccountRow[] {
  return statement(db, 'SELECT * FROM accounts WHERE owner_type = ? AND owner_id = ? ORDER BY id').all(owner_type, owner_id) as AccountRow[]
}
