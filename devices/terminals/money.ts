/**
 * Amounts as terminals show and type them. A terminal's currency comes from its
 * configuration (numeric for field 49, alpha for screens, exponent for the decimal point);
 * amounts are integer minor units throughout and are formatted from their digits, never
 * through a float. (main/ledger/money.ts does the same for the host; the emulators may
 * not import the host, so this is their own copy of the one rule.)
 */

export interface TerminalCurrency {
  /** ISO 4217 numeric, field 49: '840'. */
  numeric: string
  /** ISO 4217 alpha, for screens and receipts: 'USD'. */
  alpha: string
  /** Digits after the decimal point: 2 for USD, 0 for JPY. */
  exponent: number
}

/** Field 4 holds 12 digits. */
export const amount_minor_max = 999_999_999_999

export function assertCurrency(currency: TerminalCurrency): void {
  if (!/^\d{3}$/.test(currency.numeric)) throw new RangeError('a currency numeric code is 3 digits')
  if (!/^[A-Z]{3}$/.test(currency.alpha)) throw new RangeError('a currency alpha code is 3 capital letters')
  if (!Number.isInteger(currency.exponent) || currency.exponent < 0 || currency.exponent > 3) throw new RangeError('a currency exponent is 0 to 3')
}

/** 12345 with exponent 2 is "123.45"; thousands are grouped with commas. */
export function formatMinor(amount_minor: number, exponent: number): string {
  if (!Number.isSafeInteger(amount_minor)) throw new RangeError('formatMinor: not an integer amount')
  const negative = amount_minor < 0
  const digits = String(Math.abs(amount_minor)).padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : ''
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}

/** "USD 20.00", as screens and receipts print it. */
export function formatMoney(amount_minor: number, currency: TerminalCurrency): string {
  return `${currency.alpha} ${formatMinor(amount_minor, currency.exponent)}`
}

/** Whole units of the currency in minor units: 20 USD is 2000. */
export function wholeUnits(units: number, currency: TerminalCurrency): number {
  return units * 10 ** currency.exponent
}

/** Field 4: 12 digits, zero-filled. */
export function amountField(amount_minor: number): string {
  if (!Number.isSafeInteger(amount_minor) || amount_minor < 0 || amount_minor > amount_minor_max) {
    throw new RangeError('amountField: the amount does not fit field 4')
  }
  return String(amount_minor).padStart(12, '0')
}
