import { z } from 'zod'
import { currency, id, idempotency_key, iso_time, list, page, page_size, type CommandSpecs } from '../schemas'

/** The orders and disputes commands of the console contract (issue 4). */

const readers = ['administrator', 'back_office_clerk', 'supervisor', 'auditor'] as const
const clerks = ['administrator', 'back_office_clerk', 'supervisor'] as const

export const dispute_statuses = ['open', 'reversed', 'rejected'] as const

export const order_view = z.object({
  purchase_id: z.string(),
  created_at: iso_time,
  merchant_id: id,
  merchant_name: z.string(),
  customer_id: id.nullable(),
  customer_name: z.string().nullable(),
  item_id: z.string(),
  item_title: z.string(),
  amount_minor: z.number().int(),
  currency,
  exponent: z.number().int(),
  status: z.enum(['approved', 'declined']),
  method: z.enum(['micropayment', 'credit']).nullable(),
  top_up_minor: z.number().int(),
  decline_code: z.string().nullable(),
  decline_message: z.string().nullable(),
  /** The latest dispute on the order's charge, if any. */
  dispute_status: z.enum(dispute_statuses).nullable(),
})
export type OrderView = z.infer<typeof order_view>

export const order_transfer_view = z.object({
  id,
  created_at: iso_time,
  code: z.string(),
  code_label: z.string(),
  phase: z.enum(['single', 'pending', 'post_pending', 'void_pending']),
  amount_minor: z.number().int(),
  debit_number: z.string(),
  debit_kind: z.string(),
  credit_number: z.string(),
  credit_kind: z.string(),
  reverses_id: id.nullable(),
  memo: z.string(),
})
export type OrderTransferView = z.infer<typeof order_transfer_view>

export const dispute_view = z.object({
  id,
  transfer_id: id,
  /** micropayment, credit_purchase or pos_purchase. */
  charge_code: z.string(),
  purchase_id: z.string().nullable(),
  item_title: z.string().nullable(),
  merchant_id: id,
  merchant_name: z.string(),
  customer_id: id,
  customer_name: z.string(),
  /** The customer's account the charge came from, which a provisional credit goes back to. */
  source_account_number: z.string(),
  amount_minor: z.number().int(),
  currency,
  exponent: z.number().int(),
  reason: z.string(),
  status: z.enum(dispute_statuses),
  provisional_transfer_id: id.nullable(),
  resolution_transfer_id: id.nullable(),
  resolution_note: z.string().nullable(),
  opened_by_username: z.string(),
  resolved_by_username: z.string().nullable(),
  opened_at: iso_time,
  resolved_at: iso_time.nullable(),
  /** A refund above the threshold waiting for a second person's approval. */
  pending_approval_id: id.nullable(),
})
export type DisputeView = z.infer<typeof dispute_view>

const note = z.string().trim().max(300)
const refund_threshold_view = z.object({ currency, exponent: z.number().int(), threshold_minor: z.number().int() })

export const dispute_commands = {
  'orders.list': {
    input: z
      .object({
        merchant_id: id.optional(),
        customer_id: id.optional(),
        status: z.enum(['approved', 'declined']).optional(),
        method: z.enum(['micropayment', 'credit']).optional(),
        from: iso_time.optional(),
        to: iso_time.optional(),
        search: z.string().max(100).optional(),
        sort: z.enum(['newest', 'oldest']).default('newest'),
        page,
        page_size,
      })
      .strict(),
    output: list(order_view),
    roles: readers,
  },
  'orders.get': {
    input: z.object({ purchase_id: z.string().min(1).max(100) }).strict(),
    output: z.object({ order: order_view, transfers: z.array(order_transfer_view), charge_transfer_id: id.nullable(), disputes: z.array(dispute_view) }),
    roles: readers,
  },
  'disputes.list': {
    input: z.object({ status: z.enum(dispute_statuses).optional(), customer_id: id.optional(), page, page_size }).strict(),
    output: list(dispute_view),
    roles: readers,
  },
  /** Opens a dispute on an order's charge (purchase_id) or on a POS card payment (transfer_id). */
  'disputes.open': {
    input: z
      .object({
        purchase_id: z.string().min(1).max(100).optional(),
        transfer_id: id.optional(),
        reason: z.string().trim().min(1, 'say why the customer disputes the charge').max(300),
        idempotency_key,
      })
      .strict(),
    output: z.object({ dispute: dispute_view, replayed: z.boolean() }),
    roles: clerks,
  },
  'disputes.grant_provisional': {
    input: z.object({ dispute_id: id, idempotency_key }).strict(),
    output: z.object({ dispute: dispute_view, replayed: z.boolean() }),
    roles: clerks,
  },
  /** Above the refund threshold this asks for approval instead (approval_id is then set). */
  'disputes.resolve_reversal': {
    input: z.object({ dispute_id: id, note: note.default(''), idempotency_key }).strict(),
    output: z.object({ dispute: dispute_view, approval_id: id.nullable(), replayed: z.boolean() }),
    roles: clerks,
  },
  'disputes.reject': {
    input: z.object({ dispute_id: id, note: note.min(1, 'say why the dispute is rejected'), idempotency_key }).strict(),
    output: z.object({ dispute: dispute_view, replayed: z.boolean() }),
    roles: clerks,
  },
  'settings.refund_thresholds': {
    input: z.object({}).strict(),
    output: z.object({ thresholds: z.array(refund_threshold_view) }),
    roles: readers,
  },
  'settings.set_refund_threshold': {
    input: z.object({ currency, threshold_minor: z.number().int().min(0).max(1_000_000_000_000) }).strict(),
    output: z.object({}),
    roles: ['administrator', 'supervisor'],
  },
} as const satisfies CommandSpecs
