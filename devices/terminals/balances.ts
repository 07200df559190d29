/**
 * Field 54, additional amounts, as the host sends balances (docs/iso8583.md section 7.4):
 * entries of 20 characters, account type (2), amount type (2: '01' ledger, '02' available),
 * currency numeric (3), sign C or D (1), amount in minor units (12).
 */
export interface Balances {
  ledger_minor: number | null
  available_minor: number | null
  currency_numeric: string | null
}

const entry_length = 20
/** The field holds at most 120 characters, so at most 6 entries. */
const entries_max = 6

/** Reads what it can; an entry that is not well formed is skipped, never guessed at. */
export function parseBalances(field_54: string | undefined): Balances {
  const balances: Balances = { ledger_minor: null, available_minor: null, currency_numeric: null }
  if (field_54 === undefined) return balances
  for (let index = 0; index < entries_max && (index + 1) * entry_length <= field_54.length; index++) {
    const entry = field_54.slice(index * entry_length, (index + 1) * entry_length)
    const match = /^(\d{2})(\d{2})(\d{3})([CD])(\d{12})$/.exec(entry)
    if (!match) continue
    const [, , amount_type, currency, sign, digits] = match
    const amount = Number(digits) * (sign === 'D' ? -1 : 1)
    if (amount_type === '01') balances.ledger_minor = amount
    else if (amount_type === '02') balances.available_minor = amount
    else continue
    balances.currency_numeric = currency ?? null
  }
  return balances
}
