import { statement } from '../store/statements'
import { randomInt } from 'node:crypto'
import type { HostContext } from '../host/context'
import type { IsoMessage } from '../iso8583/codec'
import { fieldBytes, fieldString } from '../iso8583/codec'
import { availableMinor, postedBalance, spAccount, type AccountRow } from '../ledger/accounts'
import { LedgerRefusal } from '../ledger/errors'
import { amount_minor_max } from '../ledger/money'
import type { TransferSpec } from '../ledger/transfers'
import { bankKeys } from '../cards/bank-keys'
import { cardByPan, isExpired, pin_tries_max, type CardRow } from '../cards/cards'
import { cardVerificationValue } from '../cards/crypto/cvv'
import { decryptPinBlock, pinFromBlockFormat0 } from '../cards/crypto/pin-block'
import { pinVerificationValue } from '../cards/crypto/pvv'
import { terminalPinKey, type TerminalRow } from '../cards/terminals'
import { currencyByNumeric } from '../payments/thresholds'
import { routePosPayment } from '../merchants/routing'
import { answerTo, type StoredAnswer } from './answer'
import { parseTrack2 } from './track2'
import type { ResponseCode } from './response-codes'

/** Processing code, first two digits: what the cardholder asked for. */
export const transaction_types = {
  '00': 'purchase',
  '01': 'cash_withdrawal',
  '31': 'balance_inquiry',
  '40': 'transfer_to_value',
} as const
type TransactionType = (typeof transaction_types)[keyof typeof transaction_types]

const allowed_at: Record<TerminalRow['kind'], readonly TransactionType[]> = {
  atm: ['cash_withdrawal', 'balance_inquiry', 'transfer_to_value'],
  pos: ['purchase', 'balance_inquiry', 'transfer_to_value'],
}

/** An authorisation (0100) that is not a balance inquiry holds the money this long. */
export const authorisation_hold_ms = 7 * 24 * 60 * 60 * 1000

export interface CardRequest {
  terminal: TerminalRow
  request: IsoMessage
  request_id: number
  response_mti: string
  /** From a reversal that arrived first: post only this much, or nothing when 0. */
  early_reversal_actual_minor: number | null
}

interface Checked {
  card: CardRow
  account: AccountRow
  type: TransactionType
  amount_minor: number
  currency: string
}

/**
 * Authorises a financial request (0100/0200) from a terminal. Checks, in order: the fields,
 * the card (known, status, expiry, track CVV), the transaction type for this terminal, the
 * PIN, the amount and currency, the daily withdrawal limit, then the balance through the
 * ledger. Runs inside the caller's transaction; a decline is an answer, not an error.
 */
export function authorise(ctx: HostContext, input: CardRequest): StoredAnswer {
  const { request, terminal } = input
  const decline = (code: ResponseCode) => answerTo(request, input.response_mti, code)
  const checked = check(ctx, input)
  if ('code' in checked) return decline(checked.code)
  const { card, account, type, currency } = checked
  let amount_minor = checked.amount_minor
  if (input.early_reversal_actual_minor !== null) {
    // The terminal reversed this before we saw it: only what it says it dispensed may move.
    if (input.early_reversal_actual_minor === 0) return decline('12')
    amount_minor = Math.min(amount_minor, input.early_reversal_actual_minor)
  }
  const now = ctx.clock.now()
  if (type === 'cash_withdrawal') {
    const day_start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString()
    const { total } = statement(ctx.db, 'SELECT ifnull(sum(amount_minor), 0) AS total FROM card_withdrawals WHERE card_id = ? AND at >= ?')
      .get(card.id, day_start) as { total: number }
    if (total + amount_minor > card.daily_withdrawal_limit_minor) return decline('61')
  }
  let merchant_id: number | null = null
  if (type === 'purchase') {
    // Seed 001 fig. 4B: a shared POS names the merchant in field 42; route to its payable.
    const route = routePosPayment(ctx.db, { terminal_id: terminal.terminal_id, merchant_id: terminal.merchant_id! }, fieldString(request, 42))
    if (!route.ok) return decline('03')
    merchant_id = route.merchant_id
  }
  if (type !== 'balance_inquiry') {
    const spec = transferFor(ctx, type, input, account, amount_minor, currency, now, merchant_id)
    try {
      const [transfer] = ctx.ledger.apply(input.request_id, [spec], now)
      if (type === 'cash_withdrawal' && transfer) {
        statement(ctx.db, 'INSERT INTO card_withdrawals (card_id, request_id, transfer_id, amount_minor, at) VALUES (?, ?, ?, ?, ?)')
          .run(card.id, input.request_id, transfer.id, amount_minor, now.toISOString())
      }
    } catch (error) {
      if (!(error instanceof LedgerRefusal)) throw error
      return decline(error.code === 'insufficient_funds' ? '51' : '05')
    }
  }
  const after = ctx.ledger.account(account.id)
  const currency_numeric = fieldString(request, 49) ?? ''
  return answerTo(request, input.response_mti, '00', {
    4: String(amount_minor).padStart(12, '0'),
    37: retrievalReference(now, fieldString(request, 11) ?? '000000'),
    38: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    54: balancesField(after, currency_numeric),
  })
}

function check(ctx: HostContext, input: CardRequest): Checked | { code: ResponseCode } {
  const { request, terminal } = input
  const processing = fieldString(request, 3)
  const track = fieldString(request, 35)
  const pan = track !== undefined ? parseTrack2(track)?.pan : fieldString(request, 2)
  if (!processing || !pan) return { code: '30' }
  const type = transaction_types[processing.slice(0, 2) as keyof typeof transaction_types] as TransactionType | undefined
  if (!type) return { code: '12' }
  if (input.request.mti.startsWith('01') && type === 'transfer_to_value') return { code: '12' }

  const card = cardByPan(ctx.db, ctx.host_secret, pan)
  if (!card) return { code: '14' }
  if (card.status === 'blocked' && card.blocked_reason === 'pin_tries') return { code: '75' }
  if (card.status !== 'active') return { code: '05' }
  const now = ctx.clock.now()
  if (isExpired(card.expiry_yymm, now)) return { code: '54' }
  const keys = bankKeys(ctx.db, ctx.master_key, now.toISOString())
  if (track !== undefined) {
    const parsed = parseTrack2(track)
    // A track that does not match the card we issued, or whose CVV is wrong, is counterfeit.
    if (!parsed || parsed.expiry_yymm !== card.expiry_yymm || parsed.service_code !== card.service_code) return { code: '05' }
    const cvv = cardVerificationValue({ pan, expiry_yymm: card.expiry_yymm, service_code: card.service_code, cvk: keys.cvk })
    if (parsed.discretionary.slice(5, 8) !== cvv) return { code: '05' }
  } else if (fieldString(request, 14) !== card.expiry_yymm) {
    return { code: '54' }
  }
  if (!allowed_at[terminal.kind].includes(type)) return { code: '57' }

  const pin_block = fieldBytes(request, 52)
  if (!pin_block) return { code: '55' }
  if (!pinIsRight(ctx, terminal, card, pan, pin_block, keys.pvk)) {
    const tries_left = card.pin_tries_left - 1
    statement(ctx.db, `UPDATE cards SET pin_tries_left = ?, status = CASE WHEN ? = 0 THEN 'blocked' ELSE status END,
        blocked_reason = CASE WHEN ? = 0 THEN 'pin_tries' ELSE blocked_reason END WHERE id = ?`)
      .run(Math.max(tries_left, 0), tries_left, tries_left, card.id)
    return { code: tries_left <= 0 ? '75' : '55' }
  }
  if (card.pin_tries_left < pin_tries_max) statement(ctx.db, 'UPDATE cards SET pin_tries_left = ? WHERE id = ?').run(pin_tries_max, card.id)

  const account = ctx.ledger.account(card.account_id)
  const currency = currencyByNumeric(ctx.db, fieldString(request, 49) ?? '')
  if (!currency) return { code: '30' }
  if (currency.code !== account.currency) return { code: '57' }
  if (type === 'balance_inquiry') return { card, account, type, amount_minor: 0, currency: currency.code }
  const amount_minor = Number(fieldString(request, 4) ?? '0')
  if (!Number.isSafeInteger(amount_minor) || amount_minor <= 0 || amount_minor > amount_minor_max) return { code: '13' }
  return { card, account, type, amount_minor, currency: currency.code }
}

/** Decrypts the PIN block under the terminal's key and checks the PIN against the card's PVV. */
function pinIsRight(ctx: HostContext, terminal: TerminalRow, card: CardRow, pan: string, pin_block: Buffer, pvk: Buffer): boolean {
  if (pin_block.length !== 8) return false
  const clear = decryptPinBlock(pin_block, terminalPinKey(terminal, ctx.master_key))
  const reading = pinFromBlockFormat0(clear, pan)
  if (!reading.ok) return false
  return pinVerificationValue({ pan, pin: reading.pin, pvki: card.pvki, pvk }) === card.pvv
}

function transferFor(
  ctx: HostContext,
  type: Exclude<TransactionType, 'balance_inquiry'>,
  input: CardRequest,
  account: AccountRow,
  amount_minor: number,
  currency: string,
  now: Date,
  merchant_id: number | null,
): TransferSpec {
  const now_iso = now.toISOString()
  const credit_account_id =
    type === 'cash_withdrawal'
      ? spAccount(ctx.db, 'atm_cash', currency, now_iso).id
      : type === 'purchase'
        ? merchantPayable(ctx, input.terminal, merchant_id ?? input.terminal.merchant_id!, currency)
        : valueAccountOf(ctx, account)
  const code = type === 'cash_withdrawal' ? 'atm_withdrawal' : type === 'purchase' ? 'pos_purchase' : 'cash_access_to_value'
  const base = { debit_account_id: account.id, credit_account_id, amount_minor, currency, code, memo: `terminal ${input.terminal.terminal_id}` } as const
  // An authorisation (0100) holds the money; a financial request (0200) moves it.
  return input.request.mti.startsWith('01')
    ? { type: 'hold', ...base, expires_at: new Date(now.getTime() + authorisation_hold_ms) }
    : { type: 'single', ...base }
}

function merchantPayable(ctx: HostContext, terminal: TerminalRow, merchant_id: number, currency: string): number {
  const row = statement(ctx.db, "SELECT id FROM accounts WHERE owner_type = 'merchant' AND owner_id = ? AND kind = 'merchant_payable' AND currency = ?")
    .get(merchant_id, currency) as { id: number } | undefined
  if (!row) throw new LedgerRefusal('account_not_found', `merchant ${merchant_id} on terminal ${terminal.terminal_id} has no ${currency} payable account`)
  return row.id
}

function valueAccountOf(ctx: HostContext, cash_access: AccountRow): number {
  const row = statement(ctx.db, "SELECT id FROM accounts WHERE owner_type = 'customer' AND owner_id = ? AND kind = 'value' AND currency = ?")
    .get(cash_access.owner_id, cash_access.currency) as { id: number } | undefined
  if (!row) throw new LedgerRefusal('account_not_found', `customer ${cash_access.owner_id} has no value account`)
  return row.id
}

/** Field 37: YDDD + HH + STAN, unique per terminal per day. */
function retrievalReference(now: Date, stan: string): string {
  const start = Date.UTC(now.getUTCFullYear(), 0, 0)
  const day = Math.floor((now.getTime() - start) / 86_400_000)
  return `${String(now.getUTCFullYear()).slice(-1)}${String(day).padStart(3, '0')}${String(now.getUTCHours()).padStart(2, '0')}${stan}`
}

/**
 * Field 54, additional amounts: ledger (01) and available (02) balance of the cash-access
 * account (account type 20), each 20 characters: type, amount type, currency, C/D, 12 digits.
 */
function balancesField(account: AccountRow, currency_numeric: string): string {
  const entry = (amount_type: string, amount: number) =>
    `20${amount_type}${currency_numeric}${amount < 0 ? 'D' : 'C'}${String(Math.abs(amount)).padStart(12, '0')}`
  return entry('01', postedBalance(account)) + entry('02', availableMinor(account) ?? 0)
}
