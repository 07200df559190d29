/**
 * The "Register terminal" form as plain data, and its conversion to the terminals.create
 * input, with a message per field the host would refuse. Pure, so it is tested without a
 * browser.
 */
import type { CommandInput } from '../../../main/api/console/contract'

export type TerminalKind = CommandInput<'terminals.create'>['kind']

export interface TerminalForm {
  terminal_id: string
  kind: TerminalKind
  /** The merchant's id as text: from the merchant list, or typed by a role that cannot list merchants. */
  merchant_id: string
  location: string
  currency: string
}

export type TerminalFormErrors = Partial<Record<keyof TerminalForm, string>>

export const empty_terminal_form: TerminalForm = { terminal_id: '', kind: 'atm', merchant_id: '', location: '', currency: '' }

export const terminal_kind_labels = { atm: 'ATM', pos: 'POS' } as const satisfies Record<TerminalKind, string>

const location_length_max = 40

export function toCreateTerminalInput(
  form: TerminalForm,
): { ok: true; input: CommandInput<'terminals.create'> } | { ok: false; errors: TerminalFormErrors } {
  const errors: TerminalFormErrors = {}
  const terminal_id = form.terminal_id.trim()
  if (!/^[A-Z0-9]{8}$/.test(terminal_id)) errors.terminal_id = 'A terminal ID is 8 capital letters or digits, such as ATM00003'

  let merchant_id: number | undefined
  if (form.kind === 'pos') {
    const typed = form.merchant_id.trim()
    if (typed === '') errors.merchant_id = 'A POS terminal belongs to a merchant'
    else if (!/^[1-9]\d{0,14}$/.test(typed)) errors.merchant_id = 'A merchant ID is a whole number'
    else merchant_id = Number(typed)
  }

  const location = form.location.trim()
  if (location.length > location_length_max) errors.location = `At most ${location_length_max} characters`

  const currency = form.currency.trim()
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'A currency is a 3-letter code such as USD'

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    input: { terminal_id, kind: form.kind, location, currency, ...(merchant_id !== undefined ? { merchant_id } : {}) },
  }
}
