/**
 * The settlement commands of the console contract (issue 4): what each merchant is due, the
 * batches with their lines and payouts, closing a batch by hand, the payout files (CSV,
 * ISO 20022 pain.001, PDF) and the payout's steps: sent, returned by the merchant's bank, re-sent.
 */
import { z } from 'zod'
import { currency, file_view, id, idempotency_key, iso_time, list, page, page_size, type CommandSpecs } from '../schemas'

const readers = ['administrator', 'back_office_clerk', 'supervisor', 'auditor'] as const
/** Closing a batch and the payout's steps move money: never the auditor. */
const settlers = ['administrator', 'back_office_clerk', 'supervisor'] as const

const payout_status = z.enum(['exported', 'sent', 'returned'])

export const settlement_due_view = z.object({
  merchant_id: id,
  merchant_name: z.string(),
  currency,
  exponent: z.number().int(),
  unsettled_minor: z.number().int(),
  purchase_count: z.number().int(),
  net_minor: z.number().int(),
  rule: z.string(),
  due: z.boolean(),
  due_reason: z.enum(['rule_amount', 'rule_days']).nullable(),
  due_at: iso_time.nullable(),
})

export const settlement_batch_view = z.object({
  id,
  reference: z.string(),
  merchant_id: id,
  merchant_name: z.string(),
  currency,
  exponent: z.number().int(),
  closed_by: z.enum(['rule_amount', 'rule_days', 'staff']),
  staff_name: z.string().nullable(),
  purchase_count: z.number().int(),
  gross_minor: z.number().int(),
  corrections_minor: z.number().int(),
  discount_minor: z.number().int(),
  fees_minor: z.number().int(),
  net_minor: z.number().int(),
  discount_bps: z.number().int(),
  fee_per_purchase_minor: z.number().int(),
  closed_at: iso_time,
  period_from: iso_time.nullable(),
  payout_status: payout_status.nullable(),
})

export const settlement_line_view = z.object({
  transfer_id: id,
  kind: z.enum(['purchase', 'correction']),
  amount_minor: z.number().int(),
  code: z.string(),
  at: iso_time,
  purchase_id: z.string().nullable(),
  item_title: z.string().nullable(),
  payer_pseudonym: z.string().nullable(),
  memo: z.string(),
})

export const settlement_payout_view = z.object({
  id,
  batch_id: id,
  attempt: z.number().int(),
  message_id: z.string(),
  status: payout_status,
  creditor_iban: z.string().nullable(),
  creditor_bic: z.string().nullable(),
  creditor_account_number: z.string().nullable(),
  sent_transfer_id: z.number().int().nullable(),
  returned_transfer_id: z.number().int().nullable(),
  return_reason: z.string().nullable(),
  created_at: iso_time,
  sent_at: iso_time.nullable(),
  returned_at: iso_time.nullable(),
})

const batch_ref = z.object({ batch_id: id }).strict()

export const settlement_commands = {
  'settlement.due': {
    input: z.object({ merchant_id: id.optional() }).strict(),
    output: z.object({ rows: z.array(settlement_due_view) }),
    roles: readers,
  },
  'settlement.list': {
    input: z.object({ merchant_id: id.optional(), payout_status: z.enum(['exported', 'sent', 'returned', 'unpaid']).optional(), page, page_size }).strict(),
    output: list(settlement_batch_view),
    roles: readers,
  },
  'settlement.get': {
    input: z.object({ batch_id: id, page, page_size }).strict(),
    output: z.object({ batch: settlement_batch_view, lines: list(settlement_line_view), payouts: z.array(settlement_payout_view) }),
    roles: readers,
  },
  'settlement.close': {
    input: z.object({ merchant_id: id, idempotency_key }).strict(),
    output: z.object({ batch: settlement_batch_view, replayed: z.boolean() }),
    roles: settlers,
  },
  'settlement.export_csv': { input: batch_ref, output: file_view, roles: readers },
  /** Makes payout attempt 1 on the first export by a settler; the auditor only re-reads a live attempt's file. */
  'settlement.export_pain001': { input: batch_ref, output: file_view, roles: readers },
  'settlement.export_pdf': { input: batch_ref, output: file_view, roles: readers },
  'settlement.payout_sent': {
    input: z.object({ payout_id: id }).strict(),
    output: z.object({ payout: settlement_payout_view, replayed: z.boolean() }),
    roles: settlers,
  },
  'settlement.payout_return': {
    input: z.object({ payout_id: id, reason: z.string().trim().min(3, 'say why the bank returned the payout').max(500) }).strict(),
    output: z.object({ payout: settlement_payout_view, replayed: z.boolean() }),
    roles: settlers,
  },
  'settlement.payout_resend': {
    input: batch_ref,
    output: z.object({ payout: settlement_payout_view }),
    roles: settlers,
  },
  /** The bank's own account that payouts leave from (pain.001 debtor); null until an administrator sets it. */
  'settlement.payout_account': {
    input: z.object({}).strict(),
    output: z.object({ account: z.object({ iban: z.string(), bic: z.string(), is_demo: z.boolean() }).nullable() }),
    roles: readers,
  },
  'settlement.set_payout_account': {
    input: z.object({ iban: z.string().max(50), bic: z.string().max(20) }).strict(),
    output: z.object({ account: z.object({ iban: z.string(), bic: z.string(), is_demo: z.boolean() }) }),
    roles: ['administrator'],
  },
} as const satisfies CommandSpecs
