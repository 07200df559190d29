/** fast-check generators for valid plastics: the inputs of the round-trip properties. */
import fc from 'fast-check'
import { luhnCheckDigit } from '../../../devices/cards/luhn'
import { makePlastic, type Plastic } from '../../../devices/cards/plastic'

/** A Luhn-valid card number of 12 to 19 digits; the first digit is 3-6 like real schemes, never 9 (the mask's mark). */
export const panArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 12, max: 19 }))
  .chain(([first, length]) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 2, maxLength: length - 2 }).map((digits) => {
      const payload = `${first}${digits.join('')}`
      return `${payload}${luhnCheckDigit(payload)}`
    }),
  )

/** Track 1 name characters: ASCII 0x20..0x5F without % ^ ?. */
const name_characters = Array.from({ length: 0x40 }, (_, index) => String.fromCharCode(0x20 + index)).filter((character) => !'%^?'.includes(character))

export const plasticArbitrary: fc.Arbitrary<Plastic> = fc
  .record({
    pan: panArbitrary,
    name: fc.array(fc.constantFrom(...name_characters), { minLength: 2, maxLength: 26 }).map((characters) => characters.join('')),
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    service_code: fc.integer({ min: 0, max: 999 }).map((code) => String(code).padStart(3, '0')),
    discretionary_seed: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 30 }),
  })
  .map(({ pan, name, year, month, service_code, discretionary_seed }) => {
    // Both tracks must fit their stripe: track 2 holds 40 characters, track 1 holds 79.
    const room = Math.max(0, Math.min(30 - pan.length, 79 - 12 - pan.length - name.length))
    return makePlastic({
      label: 'generated',
      pan,
      name,
      expiry_yymm: `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`,
      service_code,
      discretionary: discretionary_seed.slice(0, room).join(''),
    })
  })

export const visa = makePlastic({
  label: 'Visa test card',
  pan: '4111111111111111',
  name: 'DOE/JANE',
  expiry_yymm: '2812',
  service_code: '101',
  discretionary: '0000012340000',
})
