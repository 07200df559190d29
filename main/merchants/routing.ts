/**
 * Seed 001 figure 4B: a POS run by an acquiring bank takes payments for several merchants.
 * The terminal's own merchant is the default; other merchants are listed for the terminal
 * in shared_terminal_merchants, and a payment names one of them by its merchant code in
 * ISO 8583 field 42 (card acceptor id). A code the terminal does not accept for is refused.
 */
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { statement } from '../store/statements'
import { merchant } from './merchants'

export interface SharedMerchant {
  merchant_id: number
  name: string
  merchant_code: string | null
  status: 'active' | 'suspended'
  /** True for the terminal's own merchant, which is always accepted. */
  own: boolean
}

export interface SharedPosView {
  terminal_id: string
  location: string
  currency: string
  status: 'active' | 'disabled'
  merchants: SharedMerchant[]
}

interface PosRow {
  terminal_id: string
  kind: 'atm' | 'pos'
  merchant_id: number | null
  location: string
  currency: string
  status: 'active' | 'disabled'
}

function posTerminal(db: Database, terminal_id: string): PosRow & { merchant_id: number } {
  const row = db.prepare('SELECT terminal_id, kind, merchant_id, location, currency, status FROM terminals WHERE terminal_id = ?').get(terminal_id) as PosRow | undefined
  if (!row) throw new RequestError('not_found', `There is no terminal ${terminal_id}.`)
  if (row.kind !== 'pos' || row.merchant_id === null) throw new RequestError('bad_request', `${terminal_id} is an ATM: only a POS terminal takes payments for merchants.`)
  return row as PosRow & { merchant_id: number }
}

/** The merchants a POS takes payments for: its own first, then the shared ones by name. */
export function terminalMerchants(db: Database, terminal_id: string): SharedMerchant[] {
  const rows = db
    .prepare(
      `SELECT m.id AS merchant_id, m.name, m.merchant_code, m.status, 1 AS own FROM terminals t JOIN merchants m ON m.id = t.merchant_id WHERE t.terminal_id = ?
       UNION ALL
       SELECT m.id, m.name, m.merchant_code, m.status, 0 FROM shared_terminal_merchants s JOIN merchants m ON m.id = s.merchant_id WHERE s.terminal_id = ?
       ORDER BY own DESC, name COLLATE NOCASE`,
    )
    .all(terminal_id, terminal_id) as Array<Omit<SharedMerchant, 'own'> & { own: number }>
  return rows.map((r) => ({ ...r, own: r.own === 1 }))
}

/** Every POS terminal with the merchants it takes payments for; or only those one merchant is on. */
export function listSharedPos(db: Database, filter: { merchant_id?: number } = {}): SharedPosView[] {
  const terminals = db
    .prepare(
      `SELECT terminal_id, location, currency, status FROM terminals t WHERE kind = 'pos'
         AND (@merchant_id IS NULL OR t.merchant_id = @merchant_id
              OR EXISTS (SELECT 1 FROM shared_terminal_merchants s WHERE s.terminal_id = t.terminal_id AND s.merchant_id = @merchant_id))
       ORDER BY terminal_id`,
    )
    .all({ merchant_id: filter.merchant_id ?? null }) as Array<Omit<SharedPosView, 'merchants'>>
  return terminals.map((t) => ({ ...t, merchants: terminalMerchants(db, t.terminal_id) }))
}

export function addSharedMerchant(db: Database, clock: Clock, terminal_id: string, merchant_id: number): SharedPosView {
  return db.transaction(() => {
    const terminal = posTerminal(db, terminal_id)
    const m = merchant(db, merchant_id)
    if (m.currency !== terminal.currency) throw new RequestError('bad_request', `${m.name} is paid in ${m.currency} and ${terminal_id} takes ${terminal.currency}: a shared POS takes payments in one currency.`)
    if (!m.merchant_code) throw new RequestError('bad_request', `${m.name} has no merchant code yet: a shared POS names the merchant by its code. Give it one first.`)
    if (terminal.merchant_id === merchant_id) throw new RequestError('conflict', `${m.name} already owns ${terminal_id}.`)
    const added = db.prepare('INSERT OR IGNORE INTO shared_terminal_merchants (terminal_id, merchant_id, created_at) VALUES (?, ?, ?)').run(terminal_id, merchant_id, clock.now().toISOString())
    if (added.changes === 0) throw new RequestError('conflict', `${terminal_id} already takes payments for ${m.name}.`)
    return sharedPos(db, terminal_id)
  })()
}

export function removeSharedMerchant(db: Database, terminal_id: string, merchant_id: number): SharedPosView {
  return db.transaction(() => {
    const terminal = posTerminal(db, terminal_id)
    const m = merchant(db, merchant_id)
    if (terminal.merchant_id === merchant_id) throw new RequestError('refused', `${m.name} owns ${terminal_id}; a terminal always takes payments for its own merchant.`)
    const removed = db.prepare('DELETE FROM shared_terminal_merchants WHERE terminal_id = ? AND merchant_id = ?').run(terminal_id, merchant_id)
    if (removed.changes === 0) throw new RequestError('not_found', `${terminal_id} does not take payments for ${m.name}.`)
    return sharedPos(db, terminal_id)
  })()
}

export function sharedPos(db: Database, terminal_id: string): SharedPosView {
  const t = posTerminal(db, terminal_id)
  return { terminal_id: t.terminal_id, location: t.location, currency: t.currency, status: t.status, merchants: terminalMerchants(db, terminal_id) }
}

export type PosRoute = { ok: true; merchant_id: number } | { ok: false; reason: 'not_accepted' | 'suspended' }

/**
 * Which merchant a POS payment is for. Field 42 (trimmed) naming a merchant listed for the
 * terminal routes to it; the terminal's own merchant code, its terminal id (the emulator's
 * default acceptor id), an empty or missing field 42 pay the terminal's own merchant;
 * any other code is refused, so money never lands with a merchant the acquirer did not list.
 * A suspended merchant is refused too, as its online purchases are.
 */
export function routePosPayment(db: Database, terminal: { terminal_id: string; merchant_id: number }, acceptor_id: string | undefined): PosRoute {
  const code = (acceptor_id ?? '').trim().toUpperCase()
  const row = (
    code === '' || code === terminal.terminal_id
      ? statement(db, 'SELECT id, status FROM merchants WHERE id = ?').get(terminal.merchant_id)
      : statement(
          db,
          `SELECT m.id, m.status FROM merchants m WHERE m.merchant_code = ?
             AND (m.id = ? OR EXISTS (SELECT 1 FROM shared_terminal_merchants s WHERE s.terminal_id = ? AND s.merchant_id = m.id))`,
        ).get(code, terminal.merchant_id, terminal.terminal_id)
  ) as { id: number; status: string } | undefined
  if (!row) return { ok: false, reason: 'not_accepted' }
  if (row.status !== 'active') return { ok: false, reason: 'suspended' }
  return { ok: true, merchant_id: row.id }
}
