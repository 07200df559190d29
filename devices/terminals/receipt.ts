/**
 * The customer's receipt, as the terminal's printer prints it: 32 characters a line, the
 * card as its last four digits only, the host's approval code and retrieval reference, and
 * the balance from field 54 when the host sent one.
 */
import type { Balances } from './balances'
import { receiptTime } from './iso-time'
import { formatMoney, type TerminalCurrency } from './money'
import { transaction_labels, type TransactionKind } from './processing-codes'

export const receipt_width = 32

export interface ReceiptInput {
  at: Date
  terminal_id: string
  location: string
  kind: 'atm' | 'pos'
  /** Shared acquirer POS: the merchant the payment was for. */
  merchant_name?: string | null
  pan: string
  transaction: TransactionKind
  currency: TerminalCurrency
  /** What the customer asked for; for a withdrawal, what was approved. */
  amount_minor: number | null
  /** A withdrawal's cash actually paid out, when it differs from the amount. */
  dispensed_minor?: number
  result: string
  stan: string
  approval_code: string | null
  rrn: string | null
  balances: Balances | null
}

/** "************0119": the last four digits only, as receipts print a card. */
export function receiptPan(pan: string): string {
  return `${'*'.repeat(Math.max(pan.length - 4, 0))}${pan.slice(-4)}`
}

function pair(label: string, value: string): string {
  const space = Math.max(receipt_width - label.length - value.length, 1)
  return `${label}${' '.repeat(space)}${value}`
}

function centred(text: string): string {
  const clipped = text.slice(0, receipt_width)
  return `${' '.repeat(Math.floor((receipt_width - clipped.length) / 2))}${clipped}`
}

export function buildReceipt(input: ReceiptInput): string[] {
  const { currency } = input
  const lines = [centred(input.kind === 'atm' ? 'CENTAVO ATM' : 'CENTAVO POS'), centred(input.location), '']
  if (input.merchant_name) lines.push(pair('MERCHANT', input.merchant_name.slice(0, receipt_width - 9)))
  lines.push(pair('TERMINAL', input.terminal_id), pair('DATE', receiptTime(input.at)), pair('CARD', receiptPan(input.pan)), '')
  lines.push(transaction_labels[input.transaction].toUpperCase())
  if (input.amount_minor !== null) lines.push(pair('AMOUNT', formatMoney(input.amount_minor, currency)))
  if (input.dispensed_minor !== undefined) lines.push(pair('DISPENSED', formatMoney(input.dispensed_minor, currency)))
  lines.push(pair('RESULT', input.result.toUpperCase().slice(0, receipt_width - 8)))
  if (input.approval_code !== null) lines.push(pair('APPROVAL CODE', input.approval_code))
  if (input.rrn !== null) lines.push(pair('RRN', input.rrn))
  lines.push(pair('STAN', input.stan))
  const balances = input.balances
  if (balances !== null && (balances.ledger_minor !== null || balances.available_minor !== null)) {
    lines.push('')
    if (balances.ledger_minor !== null) lines.push(pair('BALANCE', formatMoney(balances.ledger_minor, currency)))
    if (balances.available_minor !== null) lines.push(pair('AVAILABLE', formatMoney(balances.available_minor, currency)))
  }
  lines.push('', centred('THANK YOU'))
  return lines
}
