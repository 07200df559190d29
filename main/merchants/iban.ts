/**
 * Settlement account checks: IBAN (ISO 13616: country, two check digits, BBAN; mod-97 of
 * the rearranged number is 1, and each country has one fixed length), BIC (ISO 9362, 8 or
 * 11 characters) and a domestic account number. Pure functions without Node imports: the
 * merchant forms use them too, so a clerk sees the same sentence before sending.
 */

/** IBAN length by country, from the SWIFT IBAN registry. */
export const iban_lengths: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
}

/** Spaces (and the hyphens some people type) removed, capitals. */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase()
}

/** The remainder mod 97 of the IBAN rearranged (first four characters moved to the end, letters as 10-35). */
export function ibanMod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}

/** The two check digits for a country and BBAN: what makes mod-97 come out at 1. */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - ibanMod97(`${country}00${bban}`)).padStart(2, '0')
}

export type Checked = { ok: true; value: string } | { ok: false; error: string }

/** Checks an IBAN as typed; the value is the normalised IBAN (no spaces, capitals). */
export function checkIban(text: string): Checked {
  const iban = normaliseIban(text)
  if (iban === '') return { ok: false, error: 'Enter the IBAN.' }
  if (!/^[A-Z0-9]+$/.test(iban)) return { ok: false, error: 'An IBAN has only letters and digits.' }
  const country = iban.slice(0, 2)
  if (!/^[A-Z]{2}$/.test(country)) return { ok: false, error: 'An IBAN starts with a two-letter country code, such as DE or GB.' }
  const length = iban_lengths[country]
  if (length === undefined) return { ok: false, error: `${country} is not a country that uses IBANs.` }
  if (!/^[0-9]{2}$/.test(iban.slice(2, 4))) return { ok: false, error: 'The third and fourth characters of an IBAN are its check digits.' }
  if (iban.length !== length) return { ok: false, error: `An IBAN from ${country} has ${length} characters; this one has ${iban.length}.` }
  if (ibanMod97(iban) !== 1) return { ok: false, error: 'The IBAN check digits do not match: a character is mistyped.' }
  return { ok: true, value: iban }
}

/** BIC (ISO 9362): bank code 4 letters, country 2 letters, location 2, optional branch 3. */
export function checkBic(text: string): Checked {
  const bic = text.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) {
    return { ok: false, error: 'A BIC has 8 or 11 characters: 4 letters for the bank, 2 for the country, 2 for the place, optionally 3 for the branch.' }
  }
  return { ok: true, value: bic }
}

/** A domestic account number: 6 to 34 digits (spaces and hyphens are dropped). */
export function checkAccountNumber(text: string): Checked {
  const number = text.replace(/[\s-]+/g, '')
  if (!/^[0-9]{6,34}$/.test(number)) return { ok: false, error: 'An account number is 6 to 34 digits.' }
  return { ok: true, value: number }
}

/** An IBAN as printed on paper: groups of four. */
export function groupedIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, '$1 ')
}
