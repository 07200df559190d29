/**
 * Typing an amount on a keypad. Two habits: at an ATM a customer types whole units ("50"
 * is 50.00), at a POS and for transfers the digits fill from the right ("1250" is 12.50),
 * as card terminals do. Either way the amount is built from digits, never a float.
 */
import { formatMoney, type TerminalCurrency } from './money'

export type AmountMode = 'whole' | 'minor'

/** Enough for 9,999,999.99 typed in minor units, or 99,999 whole units at an ATM. */
export const amount_digits_max: Readonly<Record<AmountMode, number>> = { whole: 5, minor: 9 }

export function typeAmountDigit(digits: string, digit: string, mode: AmountMode): string {
  if (digits.length >= amount_digits_max[mode]) return digits
  if (digits === '' && digit === '0') return digits
  return digits + digit
}

export function amountFromDigits(digits: string, mode: AmountMode, currency: TerminalCurrency): number {
  if (digits === '') return 0
  const value = Number(digits)
  return mode === 'whole' ? value * 10 ** currency.exponent : value
}

export function amountText(digits: string, mode: AmountMode, currency: TerminalCurrency): string {
  return formatMoney(amountFromDigits(digits, mode, currency), currency)
}
