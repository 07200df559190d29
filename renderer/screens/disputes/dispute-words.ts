/** The words and colours a dispute's state is shown with, the same on every screen. */
import type { DisputeView } from '../../../main/api/console/commands/disputes'

export const dispute_colors: Record<DisputeView['status'], string> = { open: 'orange', reversed: 'blue', rejected: 'gray' }

export const charge_labels: Record<string, string> = {
  micropayment: 'Micropayment',
  credit_purchase: 'Credit purchase',
  pos_purchase: 'POS card payment',
}
