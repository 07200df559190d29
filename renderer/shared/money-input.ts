/**
 * Turns what a clerk types ("1,234.50") into integer minor units (123450) by working on the
 * digits as text. No float ever holds the amount: parseFloat("0.29") * 100 is 28.999999999999996,
 * which is exactly the kind of cent a bank must never lose.
 */
import { amount_minor_max, formatMinor } from '../../main/ledger/money'

export type AmountParse = { ok: true; amount_minor: number } | { ok: false; message: string }

// Whole part: plain digits, or digits grouped in threes by commas ("12,345,678").
const whole_pattern = /^(\d+|\d{1,3}(,\d{3})+)$/
const fraction_pattern = /^\d+$/

export function parseAmountToMinor(text: string, exponent: number): AmountParse {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 6) {
    throw new RangeError(`a currency exponent is a whole number from 0 to 6, got ${exponent}`)
  }
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, message: 'Enter an amount' }
  if (trimmed.startsWith('-')) return { ok: false, message: 'An amount cannot be negative' }

  const parts = trimmed.split('.')
  if (parts.length > 2) return { ok: false, message: 'Use at most one decimal point' }
  const whole = parts[0] ?? ''
  const fraction = parts[1]

  if (!whole_pattern.test(whole)) {
    return { ok: false, message: 'Use digits only, with an optional decimal point and commas between thousands' }
  }
  if (fraction !== undefined) {
    if (exponent === 0) return { ok: false, message: 'This currency has no decimals' }
    if (!fraction_pattern.test(fraction)) return { ok: false, message: 'Write the decimals as digits after the point' }
    if (fraction.length > exponent) {
      return { ok: false, message: `At most ${exponent} decimal${exponent === 1 ? '' : 's'}` }
    }
  }

  // BigInt keeps the comparison exact even for absurdly long inputs.
  const digits = whole.replaceAll(',', '') + (fraction ?? '').padEnd(exponent, '0')
  const minor = BigInt(digits)
  if (minor > BigInt(amount_minor_max)) {
    return { ok: false, message: `The largest amount is ${formatMinor(amount_minor_max, exponent)}` }
  }
  return { ok: true, amount_minor: Number(minor) }
}

/** The major-unit text for a minor amount, without thousands separators, to prefill an input. */
export function minorToInputText(amount_minor: number, exponent: number): string {
  return formatMinor(amount_minor, exponent).replaceAll(',', '')
}

/** An amount a money form may send: parsed as parseAmountToMinor does, and more than zero. */
export function parsePositiveAmount(text: string, exponent: number): AmountParse {
  const parsed = parseAmountToMinor(text, exponent)
  if (parsed.ok && parsed.amount_minor === 0) return { ok: false, message: 'Enter more than zero' }
  return parsed
}
