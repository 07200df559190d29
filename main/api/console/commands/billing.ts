/**
 * The billing commands of the console contract (issue 4): bills and their statements
 * (screen, CSV, PDF), a customer's billing summary and settings, recording a customer's
 * payment and closing a running bill by hand. Write-offs go through maker-checker
 * (main/approvals), not through a command here.
 */
import { z } from 'zod'
import { currency, file_view, id, idempotency_key, iso_time, list, page, page_size, type CommandSpecs } from '../schemas'

const readers = ['administrator', 'back_office_clerk', 'supervisor', 'auditor'] as const
/** Payments and closing a bill move money or change what the customer owes: never the auditor. */
const billers = ['administrator', 'back_office_clerk', 'supervisor'] as const
/** Billing day, cap and fee change what the bank charges: a supervisor's decision. */
const setters = ['administrator', 'supervisor'] as const

export const bill_status = z.enum(['open', 'overdue', 'paid', 'written_off'])
export const bill_filter_status = z.enum(['unpaid', 'overdue', 'paid'])

export const bill_view = z.object({
  id,
  reference: z.string(),
  customer_id: id,
  customer_name: z.string(),
  currency,
  exponent: z.number().int(),
  cycle_start: iso_time,
  cycle_end: iso_time,
  close_reason: z.enum(['cycle_end', 'cap_reached', 'manual']),
  charges_minor: z.number().int(),
  credits_minor: z.number().int(),
  fee_minor: z.number().int(),
  fee_note: z.string(),
  total_minor: z.number().int(),
  paid_minor: z.number().int(),
  written_off_minor: z.number().int(),
  credited_minor: z.number().int(),
  credit_left_minor: z.number().int(),
  unpaid_minor: z.number().int(),
  due_at: iso_time,
  closed_at: iso_time,
  status: bill_status,
})
export type BillView = z.infer<typeof bill_view>

export const bill_line_view = z.object({
  transfer_id: id,
  created_at: iso_time,
  kind: z.enum(['credit_purchase', 'top_up', 'customer_fee', 'credit', 'other_charge']),
  code: z.string(),
  merchant: z.string().nullable(),
  item: z.string(),
  amount_minor: z.number().int(),
})
export type BillLineView = z.infer<typeof bill_line_view>

export const bill_payment_view = z.object({ payment_id: id, created_at: iso_time, reference: z.string(), amount_minor: z.number().int() })

export const billing_summary = z.object({
  customer_id: id,
  customer_name: z.string(),
  customer_status: z.enum(['active', 'suspended']),
  billing_suspended_at: iso_time.nullable(),
  currency,
  exponent: z.number().int(),
  billing_day: z.number().int(),
  bill_cap_minor: z.number().int().nullable(),
  bill_fee_minor: z.number().int(),
  unbilled_minor: z.number().int(),
  current_cycle_start: iso_time,
  next_cycle_end: iso_time,
  owed_minor: z.number().int(),
  unpaid_bills_minor: z.number().int(),
  overdue_bills: z.number().int(),
})
export type BillingSummary = z.infer<typeof billing_summary>

const statement_input = z.object({ bill_id: id })

export const billing_commands = {
  'bills.list': {
    input: z.object({ status: bill_filter_status.optional(), customer_id: id.optional(), page, page_size }),
    output: list(bill_view),
    roles: readers,
  },
  'bills.get': {
    input: statement_input,
    output: z.object({ bill: bill_view, lines: z.array(bill_line_view), payments: z.array(bill_payment_view) }),
    roles: readers,
  },
  'bills.statement_csv': { input: statement_input, output: file_view, roles: readers },
  'bills.statement_pdf': { input: statement_input, output: file_view, roles: readers },
  'bills.record_payment': {
    input: z.object({ customer_id: id, amount_minor: z.number().int().positive().max(1_000_000_000_000), reference: z.string().trim().max(140), idempotency_key }),
    output: z.object({
      payment_id: id,
      transfer_id: id,
      amount_minor: z.number().int(),
      currency,
      applied: z.array(z.object({ bill_id: id, reference: z.string(), amount_minor: z.number().int() })),
      unapplied_minor: z.number().int(),
      reactivated: z.boolean(),
    }),
    roles: billers,
  },
  'bills.close_now': {
    input: z.object({ customer_id: id, idempotency_key }),
    output: z.object({ bill: bill_view }),
    roles: billers,
  },
  'billing.summary': { input: z.object({ customer_id: id }), output: z.object({ summary: billing_summary }), roles: readers },
  'customers.set_billing': {
    input: z.object({
      customer_id: id,
      billing_day: z.number().int().min(1, 'the billing day is 1 to 28').max(28, 'the billing day is 1 to 28, so every month has it'),
      bill_cap_minor: z.number().int().positive().max(1_000_000_000_000).nullable(),
      bill_fee_minor: z.number().int().min(0).max(1_000_000_000_000),
    }),
    output: z.object({ summary: billing_summary }),
    roles: setters,
  },
} as const satisfies CommandSpecs
