/**
 * The journal's filter form and its translation to transfers.list: empty fields are left out,
 * and dates (local days) become ISO instants covering the whole of each day.
 */
import { localDayToIso } from '../../shared/time'
import type { TransferFilter } from './TransfersTable'

/** Every transfer code the ledger writes, in the order clerks look for them. */
export const transfer_codes = [
  'value_funding',
  'top_up',
  'micropayment',
  'credit_purchase',
  'value_to_cash_access',
  'cash_access_to_value',
  'hold',
  'reversal',
  'expiry',
  'adjustment',
] as const

export interface JournalFilterForm {
  code: string | null
  currency: string | null
  from_day: string
  to_day: string
}

export const empty_journal_filter: JournalFilterForm = { code: null, currency: null, from_day: '', to_day: '' }

export function toTransferFilter(form: JournalFilterForm): TransferFilter {
  const filter: TransferFilter = {}
  if (form.code) filter.code = form.code
  if (form.currency) filter.currency = form.currency
  const from = localDayToIso(form.from_day, 'start')
  const to = localDayToIso(form.to_day, 'end')
  if (from) filter.from = from
  if (to) filter.to = to
  return filter
}
