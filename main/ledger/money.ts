/**
 * Money is an integer count of a currency's minor unit plus the ISO 4217 code. No float
 * ever holds an amount: amounts are validated where they are made, and formatting works
 * on the integer's digits.
 */
export const amount_minor_max = 1_000_000_000_000 // 10 billion in a 2-decimal currency

export interface Money {
  amount_minor: number
  currency: string
}

export function isAmountMinor(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= amount_minor_max
}

export function assertAmountMinor(value: number, what = 'amount_minor'): void {
  if (!isAmountMinor(value)) {
    throw new RangeError(`${what} must be a whole number of minor units between 1 and ${amount_minor_max}, got ${value}`)
  }
}

/** Formats 12345 USD (exponent 2) as "123.45"; negative amounts keep their sign. */
export function formatMinor(amount_minor: number, exponent: number): string {
  if (!Number.isSafeInteger(amount_minor)) throw new RangeError(`not an integer amount: ${amount_minor}`)
  const negative = amount_minor < 0
  const digits = String(Math.abs(amount_minor)).padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : ''
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}
