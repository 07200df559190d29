/** Settlement words shared by the screens: how a batch was closed, what a payout's status means. */
import type { z } from 'zod'
import type { settlement_batch_view, settlement_due_view, settlement_line_view, settlement_payout_view } from '../../../main/api/console/commands/settlement'

export type BatchView = z.infer<typeof settlement_batch_view>
export type DueView = z.infer<typeof settlement_due_view>
export type LineView = z.infer<typeof settlement_line_view>
export type PayoutView = z.infer<typeof settlement_payout_view>

export function closedByLabel(b: Pick<BatchView, 'closed_by' | 'staff_name'>): string {
  if (b.closed_by === 'staff') return `By hand: ${b.staff_name ?? 'staff'}`
  return b.closed_by === 'rule_amount' ? 'Rule: amount reached' : 'Rule: days passed'
}

export const payout_status_labels = {
  exported: 'file exported',
  sent: 'sent',
  returned: 'returned',
} as const

export function payoutStatusLabel(status: BatchView['payout_status']): string {
  return status === null ? 'not exported' : payout_status_labels[status]
}

export const payout_status_colors: Record<string, string> = { exported: 'blue', sent: 'green', returned: 'red' }
