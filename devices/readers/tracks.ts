/**
 * ISO/IEC 7813 tracks 1 and 2, from the text a reader sent (sentinels included, no LRC)
 * to named fields. Pure and total: any string in, a parsed track or a SwipeFailure out.
 * Expiry is checked for shape only; whether a card has expired is the issuer's decision,
 * made by the host, not the reader's.
 */
import { luhnValid } from '../cards/luhn'
import { track1_length_max, track2_length_max, name_length_max, name_length_min } from '../cards/plastic'
import { swipeFailure, type SwipeFailure } from './swipe-error'

export interface Track1 {
  /** The text between the sentinels, as a terminal forwards it (ISO 8583 field 45). */
  data: string
  pan: string
  /** The name field as encoded, trailing spaces removed: `SURNAME/GIVEN`. */
  name: string
  surname: string
  given_name: string
  expiry_yymm: string
  service_code: string
  discretionary: string
}

export interface Track2 {
  /** The text between the sentinels, as a terminal forwards it (ISO 8583 field 35). */
  data: string
  pan: string
  expiry_yymm: string
  service_code: string
  discretionary: string
}

export type TrackResult<T> = { ok: true; track: T } | SwipeFailure
export type TracksResult = { ok: true; track1?: Track1; track2?: Track2 } | SwipeFailure

export function parseTrack1(text: string): TrackResult<Track1> {
  if (text.length > track1_length_max) return swipeFailure('bad_format', `track 1 is longer than ${track1_length_max} characters`)
  if (text.length < 2 || !text.startsWith('%') || !text.endsWith('?')) {
    return swipeFailure('bad_sentinel', 'track 1 does not start with % and end with ?')
  }
  const data = text.slice(1, -1)
  if (!isTrack1Data(data)) return swipeFailure('bad_format', 'track 1 has a character outside its alphabet')
  if (data[0] !== 'B') return swipeFailure('not_a_bank_card', 'track 1 format code is not B')
  const fields = data.slice(1).split('^')
  if (fields.length !== 3) return swipeFailure('bad_format', `track 1 has ${fields.length - 1} field separators, expected 2`)
  const [pan = '', raw_name = '', rest = ''] = fields
  const pan_problem = panProblem(pan, 'track 1')
  if (pan_problem) return pan_problem
  if (raw_name.length < name_length_min || raw_name.length > name_length_max) {
    return swipeFailure('bad_format', `track 1 name has ${raw_name.length} characters, expected ${name_length_min} to ${name_length_max}`)
  }
  const tail = expiryServiceDiscretionary(rest, 'track 1')
  if (!tail.ok) return tail
  const name = raw_name.trimEnd()
  const slash = name.indexOf('/')
  return {
    ok: true,
    track: {
      data,
      pan,
      name,
      surname: (slash === -1 ? name : name.slice(0, slash)).trim(),
      given_name: slash === -1 ? '' : name.slice(slash + 1).trim(),
      ...tail.fields,
    },
  }
}

export function parseTrack2(text: string): TrackResult<Track2> {
  if (text.length > track2_length_max) return swipeFailure('bad_format', `track 2 is longer than ${track2_length_max} characters`)
  if (text.length < 2 || !text.startsWith(';') || !text.endsWith('?')) {
    return swipeFailure('bad_sentinel', 'track 2 does not start with ; and end with ?')
  }
  const data = text.slice(1, -1)
  if (!/^[0-9:<=>]*$/.test(data)) return swipeFailure('bad_format', 'track 2 has a character outside its alphabet')
  const fields = data.split('=')
  if (fields.length !== 2) return swipeFailure('bad_format', `track 2 has ${fields.length - 1} field separators, expected 1`)
  const [pan = '', rest = ''] = fields
  const pan_problem = panProblem(pan, 'track 2')
  if (pan_problem) return pan_problem
  const tail = expiryServiceDiscretionary(rest, 'track 2')
  if (!tail.ok) return tail
  return { ok: true, track: { data, pan, ...tail.fields } }
}

/**
 * Both tracks a reader delivered, parsed and cross-checked. Every delivered track must
 * parse: a damaged track 1 next to a good track 2 is still a bad swipe, because a stripe
 * that reads wrong once may read wrong in a way no check catches.
 */
export function parseTracks(texts: { track1?: string; track2?: string }): TracksResult {
  if (texts.track1 === undefined && texts.track2 === undefined) return swipeFailure('unreadable', 'neither track 1 nor track 2 was read')
  let track1: Track1 | undefined
  let track2: Track2 | undefined
  if (texts.track1 !== undefined) {
    const parsed = parseTrack1(texts.track1)
    if (!parsed.ok) return parsed
    track1 = parsed.track
  }
  if (texts.track2 !== undefined) {
    const parsed = parseTrack2(texts.track2)
    if (!parsed.ok) return parsed
    track2 = parsed.track
  }
  if (track1 && track2) {
    if (track1.pan !== track2.pan) return swipeFailure('tracks_disagree', 'tracks 1 and 2 carry different card numbers')
    if (track1.expiry_yymm !== track2.expiry_yymm) return swipeFailure('tracks_disagree', 'tracks 1 and 2 carry different expiry dates')
    if (track1.service_code !== track2.service_code) return swipeFailure('tracks_disagree', 'tracks 1 and 2 carry different service codes')
  }
  return { ok: true, ...(track1 ? { track1 } : {}), ...(track2 ? { track2 } : {}) }
}

function panProblem(pan: string, where: string): SwipeFailure | null {
  if (!/^\d{12,19}$/.test(pan)) return swipeFailure('bad_format', `${where} card number has ${pan.length} characters, expected 12 to 19 digits`)
  if (!luhnValid(pan)) return swipeFailure('bad_check_digit', `${where} card number fails the Luhn check`)
  return null
}

type Tail = { ok: true; fields: { expiry_yymm: string; service_code: string; discretionary: string } } | SwipeFailure

function expiryServiceDiscretionary(rest: string, where: string): Tail {
  const match = /^(\d{4})(\d{3})(.*)$/.exec(rest)
  if (!match) return swipeFailure('bad_format', `${where} has no YYMM expiry and three-digit service code after the separator`)
  const [, expiry_yymm = '', service_code = '', discretionary = ''] = match
  const month = Number(expiry_yymm.slice(2))
  if (month < 1 || month > 12) return swipeFailure('bad_expiry', `${where} expiry month is ${expiry_yymm.slice(2)}`)
  return { ok: true, fields: { expiry_yymm, service_code, discretionary } }
}

/** Track 1's alphabet is ASCII 0x20..0x5F; its sentinels may not appear inside the data. */
function isTrack1Data(data: string): boolean {
  for (let index = 0; index < data.length; index += 1) {
    const code = data.charCodeAt(index)
    if (code < 0x20 || code > 0x5f || code === 0x25 /* % */ || code === 0x3f /* ? */) return false
  }
  return true
}
