import { statement } from '../store/statements'
import { randomInt } from 'node:crypto'
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { hmacHex } from '../security/secrets'
import { customer, customerAccounts } from '../customers/customers'
import { setting } from '../host/settings'
import { bankKeys } from './bank-keys'
import { cardVerificationValue } from './crypto/cvv'
import { makePan } from './crypto/pan'
import { pinVerificationValue } from './crypto/pvv'

export const default_card_bin = '990001'
export const card_validity_years = 3
export const default_daily_withdrawal_limit_minor = 50_000
export const pin_tries_max = 3
const service_code = '101'
const pvki = 1

export interface CardRow {
  id: number
  customer_id: number
  account_id: number
  pan_hmac: string
  bin: string
  last4: string
  expiry_yymm: string
  service_code: string
  pvki: number
  pvv: string
  status: 'active' | 'blocked' | 'lost' | 'replaced'
  blocked_reason: string | null
  pin_tries_left: number
  daily_withdrawal_limit_minor: number
  replaces_card_id: number | null
  demo: number
  created_at: string
}

/**
 * What is printed on and encoded in the card a person carries: handed over once at
 * issuance (to the emulators' card wallet, as a real card is handed to its holder) and
 * never stored by the host. Discretionary data carries PVKI, PVV and CVV, as on real cards.
 */
export interface IssuedPlastic {
  pan: string
  name: string
  expiry_yymm: string
  service_code: string
  discretionary: string
}

export interface CardKeysContext {
  db: Database
  clock: Clock
  master_key: Buffer
  host_secret: string
}

export function panHmac(host_secret: string, pan: string): string {
  return hmacHex(host_secret, `pan:${pan}`)
}

function cardBin(db: Database): string {
  return setting(db, 'card_bin') ?? default_card_bin
}

function expiryFrom(now: Date): string {
  const year = (now.getUTCFullYear() + card_validity_years) % 100
  const month = now.getUTCMonth() + 1
  return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`
}

/** The name as a magstripe carries it: SURNAME/GIVEN, upper case, 26 characters at most. */
export function trackName(full_name: string): string {
  const parts = full_name.normalize('NFKD').replace(/[^A-Za-z ]/g, '').trim().split(/\s+/)
  const surname = parts.pop() ?? ''
  return `${surname}/${parts.join(' ')}`.toUpperCase().slice(0, 26)
}

export function randomPin(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0')
}

/**
 * Issues an access card to a customer's cash-access account (seed 000 claim 2). The PIN is
 * the customer's choice or a random one returned once (the PIN mailer); only its PVV is kept.
 */
export function issueCard(
  ctx: CardKeysContext,
  input: { customer_id: number; pin?: string; daily_withdrawal_limit_minor?: number; replaces_card_id?: number; demo?: boolean },
): { card: CardRow; plastic: IssuedPlastic; pin: string } {
  const owner = customer(ctx.db, input.customer_id)
  const account = customerAccounts(ctx.db, owner.id).cash_access
  if (input.pin !== undefined && !/^\d{4,12}$/.test(input.pin)) throw new RequestError('bad_request', 'a PIN is 4 to 12 digits')
  const pin = input.pin ?? randomPin()
  const now = ctx.clock.now()
  const keys = bankKeys(ctx.db, ctx.master_key, now.toISOString())
  const { n } = statement(ctx.db, 'SELECT count(*) AS n FROM cards WHERE account_id = ?').get(account.id) as { n: number }
  // Account digits: the account id and a card sequence, so a replacement gets a new PAN.
  const account_digits = `${String(account.id).padStart(7, '0')}${String(n + 1).padStart(2, '0')}`
  const pan = makePan(cardBin(ctx.db), account_digits, 16)
  const expiry_yymm = expiryFrom(now)
  const pvv = pinVerificationValue({ pan, pin, pvki, pvk: keys.pvk })
  const cvv = cardVerificationValue({ pan, expiry_yymm, service_code, cvk: keys.cvk })
  const card = statement(ctx.db, 
      `INSERT INTO cards (customer_id, account_id, pan_hmac, bin, last4, expiry_yymm, service_code, pvki, pvv,
         daily_withdrawal_limit_minor, replaces_card_id, demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      owner.id,
      account.id,
      panHmac(ctx.host_secret, pan),
      pan.slice(0, 6),
      pan.slice(-4),
      expiry_yymm,
      service_code,
      pvki,
      pvv,
      input.daily_withdrawal_limit_minor ?? default_daily_withdrawal_limit_minor,
      input.replaces_card_id ?? null,
      input.demo ? 1 : 0,
      now.toISOString(),
    ) as CardRow
  return {
    card,
    pin,
    plastic: { pan, name: trackName(owner.name), expiry_yymm, service_code, discretionary: `${pvki}${pvv}${cvv}00000` },
  }
}

export function card(db: Database, id: number): CardRow {
  const row = statement(db, 'SELECT * FROM cards WHERE id = ?').get(id) as CardRow | undefined
  if (!row) throw new RequestError('not_found', `there is no card ${id}`)
  return row
}

export function cardByPan(db: Database, host_secret: string, pan: string): CardRow | undefined {
  return statement(db, 'SELECT * FROM cards WHERE pan_hmac = ?').get(panHmac(host_secret, pan)) as CardRow | undefined
}

/** Expiry is the end of the YYMM month on the card. */
export function isExpired(expiry_yymm: string, now: Date): boolean {
  const year = 2000 + Number(expiry_yymm.slice(0, 2))
  const month = Number(expiry_yymm.slice(2, 4))
  return now.getTime() >= Date.UTC(year, month, 1)
}

export type CardAction = 'block' | 'report_lost' | 'unblock'
/** Staff actions on a card. Unblocking is applied only by an approved maker-checker request (main/approvals) and never revives a lost card. */
/** Staff actions on a card. Unblocking is a supervisor's (checked by the caller's role) and never revives a lost card. */
export function changeCardStatus(db: Database, id: number, action: CardAction): CardRow {
  const row = card(db, id)
  if (row.status === 'replaced') throw new RequestError('refused', `card ${row.bin}…${row.last4} has been replaced`)
  if (action === 'block') {
    if (row.status !== 'active') throw new RequestError('refused', `card ${row.bin}…${row.last4} is ${row.status}, not active`)
    statement(db, "UPDATE cards SET status = 'blocked', blocked_reason = 'staff' WHERE id = ?").run(id)
  } else if (action === 'report_lost') {
    statement(db, "UPDATE cards SET status = 'lost' WHERE id = ?").run(id)
  } else {
    if (row.status !== 'blocked') throw new RequestError('refused', `only a blocked card can be unblocked; this one is ${row.status}`)
    statement(db, "UPDATE cards SET status = 'active', blocked_reason = NULL, pin_tries_left = ? WHERE id = ?").run(pin_tries_max, id)
  }
  return card(db, id)
}

/** A new card for the same account; the old one stops working at once. */
export function replaceCard(ctx: CardKeysContext, id: number, pin?: string): ReturnType<typeof issueCard> {
  const old = card(ctx.db, id)
  return ctx.db.transaction(() => {
    statement(ctx.db, "UPDATE cards SET status = 'replaced' WHERE id = ?").run(old.id)
    return issueCard(ctx, {
      customer_id: old.customer_id,
      daily_withdrawal_limit_minor: old.daily_withdrawal_limit_minor,
      replaces_card_id: old.id,
      ...(pin !== undefined ? { pin } : {}),
    })
  })()
}

export interface CardView {
  id: number
  customer_id: number
  masked_pan: string
  expiry_yymm: string
  status: CardRow['status']
  blocked_reason: string | null
  pin_tries_left: number
  daily_withdrawal_limit_minor: number
  created_at: string
}

/** What screens show of a card: BIN and last four, never more. */
export function cardView(row: CardRow): CardView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    masked_pan: `${row.bin}******${row.last4}`,
    expiry_yymm: row.expiry_yymm,
    status: row.status,
    blocked_reason: row.blocked_reason,
    pin_tries_left: row.pin_tries_left,
    daily_withdrawal_limit_minor: row.daily_withdrawal_limit_minor,
    created_at: row.created_at,
  }
}

export function cardsOf(db: Database, customer_id: number): CardView[] {
  return (statement(db, 'SELECT * FROM cards WHERE customer_id = ? ORDER BY id DESC').all(customer_id) as CardRow[]).map(cardView)
}
