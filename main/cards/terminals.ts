import { statement } from '../store/statements'
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { generateDoubleLengthKey, keyCheckValue, unwrapKey, wrapKey } from './crypto/keys'
import { merchant } from '../merchants/merchants'

export interface TerminalRow {
  id: number
  terminal_id: string
  kind: 'atm' | 'pos'
  merchant_id: number | null
  location: string
  currency: string
  pin_key_wrapped: string
  pin_key_kcv: string
  status: 'active' | 'disabled'
  demo: number
  created_at: string
  rekeyed_at: string | null
}

const terminal_id_pattern = /^[A-Z0-9]{8}$/

/**
 * Registers an ATM or POS terminal with a fresh PIN key (double-length 3DES), stored
 * wrapped under the master key. The clear key is returned once, to be loaded into the
 * terminal's PIN pad; the console shows only its check value.
 */
export function createTerminal(
  ctx: { db: Database; clock: Clock; master_key: Buffer },
  input: { terminal_id: string; kind: 'atm' | 'pos'; merchant_id?: number; location: string; currency: string; demo?: boolean },
): { terminal: TerminalRow; pin_key: Buffer } {
  if (!terminal_id_pattern.test(input.terminal_id)) throw new RequestError('bad_request', 'a terminal id is 8 capital letters or digits')
  if (input.kind === 'pos' && input.merchant_id === undefined) throw new RequestError('bad_request', 'a POS terminal belongs to a merchant')
  if (input.merchant_id !== undefined) merchant(ctx.db, input.merchant_id)
  const pin_key = generateDoubleLengthKey()
  const terminal = statement(ctx.db, 
      `INSERT INTO terminals (terminal_id, kind, merchant_id, location, currency, pin_key_wrapped, pin_key_kcv, demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      input.terminal_id,
      input.kind,
      input.kind === 'pos' ? input.merchant_id : null,
      input.location,
      input.currency,
      wrapKey(pin_key, ctx.master_key),
      keyCheckValue(pin_key),
      input.demo ? 1 : 0,
      ctx.clock.now().toISOString(),
    ) as TerminalRow
  return { terminal, pin_key }
}

/** A new PIN key for a terminal; the old one stops working at once. */
export function rekeyTerminal(ctx: { db: Database; clock: Clock; master_key: Buffer }, terminal_id: string): { terminal: TerminalRow; pin_key: Buffer } {
  terminalById(ctx.db, terminal_id)
  const pin_key = generateDoubleLengthKey()
  const terminal = statement(ctx.db, 'UPDATE terminals SET pin_key_wrapped = ?, pin_key_kcv = ?, rekeyed_at = ? WHERE terminal_id = ? RETURNING *')
    .get(wrapKey(pin_key, ctx.master_key), keyCheckValue(pin_key), ctx.clock.now().toISOString(), terminal_id) as TerminalRow
  return { terminal, pin_key }
}

export function terminalById(db: Database, terminal_id: string): TerminalRow {
  const row = statement(db, 'SELECT * FROM terminals WHERE terminal_id = ?').get(terminal_id) as TerminalRow | undefined
  if (!row) throw new RequestError('not_found', `there is no terminal ${terminal_id}`)
  return row
}

export function findTerminal(db: Database, terminal_id: string): TerminalRow | undefined {
  return statement(db, 'SELECT * FROM terminals WHERE terminal_id = ?').get(terminal_id) as TerminalRow | undefined
}

/** Unwrapped PIN keys by their wrapped form: a re-key changes the wrapped form, so the cache never serves an old key. */
const pin_keys = new Map<string, Buffer>()
export const pin_key_cache_max = 4096

export function terminalPinKey(row: TerminalRow, master_key: Buffer): Buffer {
  const cached = pin_keys.get(row.pin_key_wrapped)
  if (cached) return cached
  const key = unwrapKey(row.pin_key_wrapped, master_key)
  if (pin_keys.size >= pin_key_cache_max) pin_keys.clear()
  pin_keys.set(row.pin_key_wrapped, key)
  return key
}
