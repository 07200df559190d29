import type { Database } from '../store/database'
import { formatMinor } from '../ledger/money'
import { renderPdf } from '../reports/pdf'
import { bankIdentity } from '../host/settings'
import { billLines, billPayments, billView, type BillLineView, type BillStatus, type BillView } from './bills'

/**
 * A bill's statement as files: CSV (RFC 4180, CRLF) and PDF. Amounts are written from the
 * integer's digits (formatMinor without grouping), never through a float.
 */
export const bill_status_words: Record<BillStatus, string> = { open: 'Open', overdue: 'Overdue', paid: 'Paid', written_off: 'Written off' }
const kind_words: Record<BillLineView['kind'], string> = {
  credit_purchase: 'Credit purchase',
  top_up: 'Top-up',
  customer_fee: 'Fee',
  credit: 'Credit',
  other_charge: 'Charge',
}

/** RFC 4180 text field; a leading =, +, -, @ is defused so a spreadsheet never runs it. */
function text(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** An amount as plain digits with a point: no grouping comma, so no quoting needed. */
function amount(minor: number, exponent: number): string {
  return formatMinor(minor, exponent).replaceAll(',', '')
}

export function statementFilename(bill: Pick<BillView, 'reference'>, ext: 'csv' | 'pdf'): string {
  return `statement-${bill.reference}.${ext}`
}

export function statementCsv(db: Database, bill_id: number, now: Date): { bill: BillView; csv: string } {
  const bill = billView(db, bill_id, now)
  const e = bill.exponent
  const rows: string[][] = [['date', 'type', 'merchant', 'item', 'amount', 'currency']]
  for (const line of billLines(db, bill_id)) {
    rows.push([line.created_at.slice(0, 10), text(kind_words[line.kind]), text(line.merchant ?? ''), text(line.item), amount(line.amount_minor, e), bill.currency])
  }
  const summary = (label: string, minor: number) => ['', text(label), '', '', amount(minor, e), bill.currency]
  rows.push(summary('Charges', bill.charges_minor))
  rows.push(summary('Credits', -bill.credits_minor))
  rows.push(summary('Bill fee', bill.fee_minor))
  rows.push(summary('Total', bill.total_minor))
  rows.push(summary('Paid', bill.paid_minor - bill.written_off_minor - bill.credited_minor))
  if (bill.credited_minor > 0) rows.push(summary('Settled by refund credit', bill.credited_minor))
  if (bill.written_off_minor > 0) rows.push(summary('Written off', bill.written_off_minor))
  if (bill.credit_left_minor > 0) rows.push(summary('Credit carried to the next bill', bill.credit_left_minor))
  rows.push(summary('Still to pay', bill.unpaid_minor))
  return { bill, csv: rows.map((r) => r.join(',')).join('\r\n') + '\r\n' }
}

const reason_words: Record<BillView['close_reason'], string> = {
  cycle_end: 'end of the billing cycle',
  cap_reached: 'the running total reached the bill cap',
  manual: 'closed early by the bank',
}

export async function statementPdf(db: Database, bill_id: number, now: Date): Promise<{ bill: BillView; pdf: Buffer }> {
  const bill = billView(db, bill_id, now)
  const money = (minor: number) => `${formatMinor(minor, bill.exponent)} ${bill.currency}`
  const lines = billLines(db, bill_id)
  const payments = billPayments(db, bill_id)
  const facts: Array<[string, string]> = [
    ['Customer', bill.customer_name],
    ['Period', `${bill.cycle_start.slice(0, 10)} to ${bill.cycle_end.slice(0, 10)}`],
    ['Closed', `${bill.closed_at.slice(0, 10)} (${reason_words[bill.close_reason]})`],
    ['Due date', bill.due_at.slice(0, 10)],
    ['Status', bill_status_words[bill.status]],
    ['Total', money(bill.total_minor)],
    ['Paid', money(bill.paid_minor - bill.written_off_minor - bill.credited_minor)],
    ...(bill.credited_minor > 0 ? ([['Settled by refund credit', money(bill.credited_minor)]] as Array<[string, string]>) : []),
    ...(bill.written_off_minor > 0 ? ([['Written off', money(bill.written_off_minor)]] as Array<[string, string]>) : []),
    ...(bill.credit_left_minor > 0 ? ([['Credit carried to the next bill', money(bill.credit_left_minor)]] as Array<[string, string]>) : []),
    ['Still to pay', money(bill.unpaid_minor)],
  ]
  const pdf = await renderPdf({
    bank: bankIdentity(db).name,
    title: `Statement ${bill.reference}`,
    subtitle: `${bill.customer_name} · ${bill.currency}`,
    facts,
    tables: [
      {
        heading: 'Lines',
        columns: [
          { label: 'Date', width: 14 },
          { label: 'Type', width: 16 },
          { label: 'Merchant', width: 22 },
          { label: 'Item', width: 30 },
          { label: 'Amount', width: 18, align: 'right' },
        ],
        rows: lines.map((l) => [l.created_at.slice(0, 10), kind_words[l.kind], l.merchant ?? '', l.item, money(l.amount_minor)]),
      },
      {
        heading: 'Summary',
        columns: [
          { label: '', width: 70 },
          { label: 'Amount', width: 30, align: 'right' },
        ],
        rows: [
          ['Charges', money(bill.charges_minor)],
          ['Credits', money(-bill.credits_minor)],
          ['Bill fee', money(bill.fee_minor)],
        ],
        totals: ['Total', money(bill.total_minor)],
      },
      ...(payments.length > 0
        ? [
            {
              heading: 'Payments applied',
              columns: [
                { label: 'Date', width: 20 },
                { label: 'Reference', width: 50 },
                { label: 'Amount', width: 30, align: 'right' as const },
              ],
              rows: payments.map((p) => [p.created_at.slice(0, 10), p.reference, money(p.amount_minor)]),
            },
          ]
        : []),
    ],
    note: [bill.fee_note, 'Payments are applied to the oldest unpaid bill first. A bill unpaid after its due date and the grace period stops new purchases until it is paid.']
      .filter((s) => s !== '')
      .join(' '),
    generated_at: now,
  })
  return { bill, pdf }
}
