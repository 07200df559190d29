/**
 * The card "plastic" a person carries, as the terminals' card wallet holds it: the
 * fields printed and embossed on it, and the two ISO/IEC 7813 magnetic tracks a reader
 * would decode from its stripe. Readers strip the stripe's LRC character and send the
 * tracks with their sentinels (see shared/reference/card-readers.md), so the tracks
 * here carry sentinels and no LRC.
 */
import { luhnValid } from './luhn'

export interface Plastic {
  label: string
  pan: string
  name: string
  expiry_yymm: string
  service_code: string
  discretionary: string
  /** `%B<PAN>^<NAME>^<YYMM><SVC><DD>?` */
  track1: string
  /** `;<PAN>=<YYMM><SVC><DD>?` */
  track2: string
}

export interface PlasticInput {
  label: string
  pan: string
  name: string
  expiry_yymm: string
  service_code: string
  discretionary?: string
}

/** ISO/IEC 7813 limits, sentinels included. */
export const track1_length_max = 79
export const track2_length_max = 40
export const name_length_min = 2
export const name_length_max = 26
export const label_length_max = 40

/** A plastic that could not exist on a real stripe; the message says which field and why. */
export class PlasticInvalid extends Error {
  readonly id = 'plastic_invalid'
  override readonly name = 'PlasticInvalid'
  constructor(
    readonly field: keyof PlasticInput,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Builds the plastic and its two tracks, refusing anything a real card could not carry.
 * The name is upper-cased first because a stripe's track 1 alphabet has no lower case.
 */
export function makePlastic(input: PlasticInput): Plastic {
  const label = input.label.trim()
  if (label.length === 0 || label.length > label_length_max) {
    throw new PlasticInvalid('label', `A card label needs 1 to ${label_length_max} characters.`)
  }
  if (!/^\d{12,19}$/.test(input.pan)) throw new PlasticInvalid('pan', 'A card number has 12 to 19 digits.')
  if (!luhnValid(input.pan)) throw new PlasticInvalid('pan', 'This card number fails its check digit (Luhn).')
  const name = input.name.toUpperCase()
  if (name.length < name_length_min || name.length > name_length_max) {
    throw new PlasticInvalid('name', `A cardholder name on track 1 has ${name_length_min} to ${name_length_max} characters.`)
  }
  if (!isTrack1NameText(name)) {
    throw new PlasticInvalid('name', 'A cardholder name may use letters, digits, spaces and punctuation other than % ^ ?.')
  }
  if (!/^\d{4}$/.test(input.expiry_yymm)) throw new PlasticInvalid('expiry_yymm', 'The expiry is four digits, YYMM.')
  const month = Number(input.expiry_yymm.slice(2))
  if (month < 1 || month > 12) throw new PlasticInvalid('expiry_yymm', 'The expiry month (the last two digits) must be 01 to 12.')
  if (!/^\d{3}$/.test(input.service_code)) throw new PlasticInvalid('service_code', 'The service code is three digits.')
  const discretionary = input.discretionary ?? ''
  // Track 2 can only hold digits, and the same discretionary data goes on both tracks.
  if (!/^\d*$/.test(discretionary)) throw new PlasticInvalid('discretionary', 'Discretionary data must be digits.')

  const fields = { pan: input.pan, name, expiry_yymm: input.expiry_yymm, service_code: input.service_code, discretionary }
  const track1 = track1Text(fields)
  const track2 = track2Text(fields)
  if (track2.length > track2_length_max) {
    throw new PlasticInvalid('discretionary', `Track 2 would be ${track2.length} characters; the stripe holds ${track2_length_max}.`)
  }
  if (track1.length > track1_length_max) {
    throw new PlasticInvalid('name', `Track 1 would be ${track1.length} characters; the stripe holds ${track1_length_max}.`)
  }
  return {
    label,
    pan: input.pan,
    name,
    expiry_yymm: input.expiry_yymm,
    service_code: input.service_code,
    discretionary,
    track1,
    track2,
  }
}

export type TrackFields = Pick<Plastic, 'pan' | 'name' | 'expiry_yymm' | 'service_code' | 'discretionary'>

/** Track 1 text without validation, for makePlastic and for tests that need a deliberately bad track. */
export function track1Text(fields: TrackFields): string {
  return `%B${fields.pan}^${fields.name}^${fields.expiry_yymm}${fields.service_code}${fields.discretionary}?`
}

/** Track 2 text without validation. */
export function track2Text(fields: Omit<TrackFields, 'name'>): string {
  return `;${fields.pan}=${fields.expiry_yymm}${fields.service_code}${fields.discretionary}?`
}

/** Track 1's alphabet is ASCII 0x20..0x5F; a name may not contain the sentinels or the separator. */
export function isTrack1NameText(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code > 0x5f) return false
    if (text[index] === '%' || text[index] === '^' || text[index] === '?') return false
  }
  return true
}
