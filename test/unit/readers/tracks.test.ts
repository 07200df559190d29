import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseTrack1, parseTrack2, parseTracks } from '../../../devices/readers/tracks'
import { decodeRawSwipe } from '../../../devices/readers/raw-swipe'
import type { SwipeErrorReason } from '../../../devices/readers/swipe-error'
import { plasticArbitrary, visa } from './arbitraries'

const reasonOf = (result: { ok: true } | { ok: false; reason: SwipeErrorReason }): SwipeErrorReason | 'ok' => (result.ok ? 'ok' : result.reason)

describe('ISO 7813 track parsing', () => {
  it('reads every field of a good track 1 and track 2', () => {
    const track1 = parseTrack1(visa.track1)
    expect(track1).toEqual({
      ok: true,
      track: {
        data: 'B4111111111111111^DOE/JANE^28121010000012340000',
        pan: '4111111111111111',
        name: 'DOE/JANE',
        surname: 'DOE',
        given_name: 'JANE',
        expiry_yymm: '2812',
        service_code: '101',
        discretionary: '0000012340000',
      },
    })
    expect(parseTrack2(visa.track2)).toEqual({
      ok: true,
      track: { data: '4111111111111111=28121010000012340000', pan: '4111111111111111', expiry_yymm: '2812', service_code: '101', discretionary: '0000012340000' },
    })
  })

  it('gives back the fields any valid plastic was built from (property)', () => {
    fc.assert(
      fc.property(plasticArbitrary, (plastic) => {
        const result = parseTracks({ track1: plastic.track1, track2: plastic.track2 })
        if (!result.ok) throw new Error(`${plastic.track1} ${plastic.track2}: ${result.detail}`)
        expect(result.track1?.pan).toBe(plastic.pan)
        expect(result.track1?.name).toBe(plastic.name.trimEnd())
        expect(result.track2).toMatchObject({ pan: plastic.pan, expiry_yymm: plastic.expiry_yymm, service_code: plastic.service_code, discretionary: plastic.discretionary })
      }),
    )
  })

  it.each<[string, string, SwipeErrorReason]>([
    ['no start sentinel', 'B4111111111111111^DOE/JANE^2812101?', 'bad_sentinel'],
    ['no end sentinel', '%B4111111111111111^DOE/JANE^2812101', 'bad_sentinel'],
    ['a lone sentinel', '%', 'bad_sentinel'],
    ['format code other than B (a loyalty or licence card)', '%A4111111111111111^DOE/JANE^2812101?', 'not_a_bank_card'],
    ['a lower-case letter', '%B4111111111111111^doe/jane^2812101?', 'bad_format'],
    ['one field separator', '%B4111111111111111^DOE/JANE2812101?', 'bad_format'],
    ['an 11-digit card number', '%B41111111111^DOE/JANE^2812101?', 'bad_format'],
    ['a 20-digit card number', '%B41111111111111111113^DOE/JANE^2812101?', 'bad_format'],
    ['a letter in the card number', '%B411111111111111A^DOE/JANE^2812101?', 'bad_format'],
    ['a bad check digit', '%B4111111111111112^DOE/JANE^2812101?', 'bad_check_digit'],
    ['a one-letter name', '%B4111111111111111^D^2812101?', 'bad_format'],
    ['a 27-letter name', `%B4111111111111111^${'A'.repeat(27)}^2812101?`, 'bad_format'],
    ['no service code', '%B4111111111111111^DOE/JANE^2812?', 'bad_format'],
    ['expiry month 13', '%B4111111111111111^DOE/JANE^2813101?', 'bad_expiry'],
    ['expiry month 00', '%B4111111111111111^DOE/JANE^2800101?', 'bad_expiry'],
    ['80 characters', `%B4111111111111111^DOE/JANE^2812101${'0'.repeat(44)}?`, 'bad_format'],
  ])('track 1 with %s is a bad swipe (%s)', (_, text, reason) => {
    expect(reasonOf(parseTrack1(text))).toBe(reason)
  })

  it.each<[string, string, SwipeErrorReason]>([
    ['no start sentinel', '4111111111111111=2812101?', 'bad_sentinel'],
    ['no end sentinel', ';4111111111111111=2812101', 'bad_sentinel'],
    ['a letter', ';4111111111111111=2812101A?', 'bad_format'],
    ['no separator', ';41111111111111112812101?', 'bad_format'],
    ['two separators', ';4111111111111111=2812=101?', 'bad_format'],
    ['a bad check digit', ';4111111111111112=2812101?', 'bad_check_digit'],
    ['expiry month 13', ';4111111111111111=2813101?', 'bad_expiry'],
    ['a two-digit service code', ';4111111111111111=281210?', 'bad_format'],
    ['41 characters', `;4111111111111111=2812101${'0'.repeat(15)}?`, 'bad_format'],
  ])('track 2 with %s is a bad swipe (%s)', (_, text, reason) => {
    expect(reasonOf(parseTrack2(text))).toBe(reason)
  })

  it('refuses tracks that disagree on card number, expiry or service code', () => {
    const other = ';5555555555554444=28121010000012340000?'
    expect(reasonOf(parseTracks({ track1: visa.track1, track2: other }))).toBe('tracks_disagree')
    expect(reasonOf(parseTracks({ track1: visa.track1, track2: ';4111111111111111=2811101?' }))).toBe('tracks_disagree')
    expect(reasonOf(parseTracks({ track1: visa.track1, track2: ';4111111111111111=2812201?' }))).toBe('tracks_disagree')
  })

  it('accepts either track alone, but a damaged track next to a good one is still a bad swipe', () => {
    expect(parseTracks({ track2: visa.track2 })).toMatchObject({ ok: true, track2: { pan: visa.pan } })
    expect(parseTracks({ track1: visa.track1 })).toMatchObject({ ok: true, track1: { pan: visa.pan } })
    expect(reasonOf(parseTracks({}))).toBe('unreadable')
    expect(reasonOf(parseTracks({ track1: '%B4111^X^?', track2: visa.track2 }))).toBe('bad_format')
  })

  it('drops tracks the reader flagged as unreadable and uses the rest', () => {
    const result = decodeRawSwipe({ track1: { status: 'error' }, track2: { status: 'read', text: visa.track2 }, track3: { status: 'absent' } })
    expect(result).toMatchObject({ ok: true, track2: { pan: visa.pan } })
    expect(reasonOf(decodeRawSwipe({ track1: { status: 'error' }, track2: { status: 'error' }, track3: { status: 'read', text: ';123?' } }))).toBe('unreadable')
  })

  it('every failure says "please swipe again" (or what to do instead) and never echoes card data', () => {
    const result = parseTrack2(';4111111111111112=2812101?')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toMatch(/^Please swipe again/)
    expect(`${result.message} ${result.detail}`).not.toContain('411111')
  })

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (track1, track2) => {
        const result = parseTracks({ track1, track2 })
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 2_000 },
    )
  })
})
