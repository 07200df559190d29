import { describe, expect, it } from 'vitest'
import { encodeIdtechFrame, idtechReports, parseIdtechFrame } from '../../../devices/readers/formats/idtech'
import { decodeKeystrokes, encodeKeyboardReports, parseKeyboardReports, splitTrackText } from '../../../devices/readers/formats/keyboard'
import { encodeMagtekHidReport, magtek_encode_type, parseMagtekHidReport } from '../../../devices/readers/formats/magtek-hid'
import type { FormatResult } from '../../../devices/readers/raw-swipe'
import { concat } from '../../../devices/readers/reassembly'
import { visa } from './arbitraries'

const reasonOf = (result: FormatResult): string => (result.ok ? 'ok' : result.reason)
const tracks = { track1: visa.track1, track2: visa.track2 }

describe('MagTek HID report (337 bytes)', () => {
  it('puts status, lengths, encode type and tracks at the documented offsets', () => {
    const report = encodeMagtekHidReport(tracks)
    expect(report).toHaveLength(337)
    expect([...report.subarray(0, 7)]).toEqual([0, 0, 0, visa.track1.length, visa.track2.length, 0, 0])
    expect(Buffer.from(report.subarray(7, 7 + visa.track1.length)).toString('latin1')).toBe(visa.track1)
    expect(Buffer.from(report.subarray(117, 117 + visa.track2.length)).toString('latin1')).toBe(visa.track2)
    expect(parseMagtekHidReport(report)).toEqual({
      ok: true,
      raw: { track1: { status: 'read', text: visa.track1 }, track2: { status: 'read', text: visa.track2 }, track3: { status: 'absent' } },
    })
  })

  it('refuses a report of any other length, and a track length above 110', () => {
    const report = encodeMagtekHidReport(tracks)
    expect(reasonOf(parseMagtekHidReport(report.subarray(0, 336)))).toBe('bad_frame')
    expect(reasonOf(parseMagtekHidReport(concat([report, new Uint8Array(1)])))).toBe('bad_frame')
    const long = new Uint8Array(report)
    long[4] = 111
    expect(reasonOf(parseMagtekHidReport(long))).toBe('bad_frame')
  })

  it('treats a status with bit 0 set as an unreadable track, whatever its length byte says', () => {
    const report = encodeMagtekHidReport({ track1: 'error', track2: visa.track2 })
    expect(parseMagtekHidReport(report)).toMatchObject({ ok: true, raw: { track1: { status: 'error' }, track2: { status: 'read' } } })
    const both = encodeMagtekHidReport({ track1: 'error', track2: 'error' })
    both[4] = 20
    expect(parseMagtekHidReport(both)).toMatchObject({ ok: true, raw: { track1: { status: 'error' }, track2: { status: 'error' } } })
  })

  it('ignores the undefined bytes past a track length', () => {
    const report = encodeMagtekHidReport(tracks)
    report.fill(0x41, 7 + visa.track1.length, 117)
    expect(parseMagtekHidReport(report)).toMatchObject({ ok: true, raw: { track1: { text: visa.track1 } } })
  })

  it('refuses driving licences and JIS cards by their encode type', () => {
    for (const encode_type of [magtek_encode_type.aamva, magtek_encode_type.cadl, magtek_encode_type.jis_ii]) {
      expect(reasonOf(parseMagtekHidReport(encodeMagtekHidReport({ ...tracks, encode_type })))).toBe('not_a_bank_card')
    }
    // A blank card has no tracks: the track step calls that unreadable.
    expect(parseMagtekHidReport(encodeMagtekHidReport({ encode_type: magtek_encode_type.blank }))).toMatchObject({ ok: true, raw: { track1: { status: 'absent' } } })
  })
})

describe('ID TECH frame', () => {
  const frame = encodeIdtechFrame(tracks)

  it('frames card data as STX, little-endian length, data, LRC, SUM, ETX', () => {
    const data_length = 5 + visa.track1.length + visa.track2.length
    expect([...frame.subarray(0, 8)]).toEqual([0x02, data_length & 0xff, data_length >> 8, 0x00, 0b011, visa.track1.length, visa.track2.length, 0])
    expect(frame[frame.length - 1]).toBe(0x03)
    expect(parseIdtechFrame(frame)).toEqual({
      ok: true,
      raw: { track1: { status: 'read', text: visa.track1 }, track2: { status: 'read', text: visa.track2 }, track3: { status: 'absent' } },
    })
  })

  const damaged = (change: (bytes: Uint8Array) => void): Uint8Array => {
    const copy = new Uint8Array(frame)
    change(copy)
    return copy
  }

  it.each<[string, Uint8Array, string]>([
    ['fewer than six bytes', frame.subarray(0, 5), 'bad_frame'],
    ['no STX', damaged((bytes) => (bytes[0] = 0x00)), 'bad_frame'],
    ['a length field that disagrees with the frame', damaged((bytes) => (bytes[1] = (bytes[1] ?? 0) + 1)), 'bad_frame'],
    ['no ETX', damaged((bytes) => (bytes[bytes.length - 1] = 0x04)), 'bad_frame'],
    ['a damaged LRC', damaged((bytes) => (bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1)), 'bad_checksum'],
    ['a damaged sum', damaged((bytes) => (bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 1)), 'bad_checksum'],
    ['a flipped data byte (caught by the LRC)', damaged((bytes) => (bytes[20] = (bytes[20] ?? 0) ^ 0x04)), 'bad_checksum'],
    ['track lengths that do not add up', encodeWith((data) => (data[2] = (data[2] ?? 0) - 1)), 'bad_frame'],
    ['an encrypted encode type (0x80)', encodeIdtechFrame({ ...tracks, encode_type: 0x80 }), 'encrypted'],
    ['the AAMVA encode type', encodeIdtechFrame({ ...tracks, encode_type: 0x01 }), 'not_a_bank_card'],
    ['the raw-data encode type', encodeIdtechFrame({ ...tracks, encode_type: 0x04 }), 'bad_frame'],
  ])('a frame with %s is a bad swipe (%s)', (_, bytes, reason) => {
    expect(reasonOf(parseIdtechFrame(bytes))).toBe(reason)
  })

  it('leaves out tracks whose present bit is clear', () => {
    const cleared = encodeWith((data) => (data[1] = 0b010))
    expect(parseIdtechFrame(cleared)).toMatchObject({ ok: true, raw: { track1: { status: 'absent' }, track2: { status: 'read', text: visa.track2 } } })
  })

  it('cuts a frame into fixed-size reports padded with zeros', () => {
    const reports = idtechReports(frame, 32)
    expect(reports.every((report) => report.length === 32)).toBe(true)
    expect(concat(reports).subarray(0, frame.length)).toEqual(frame)
    expect(concat(reports).subarray(frame.length).every((byte) => byte === 0)).toBe(true)
  })
})

/** A frame whose card data was changed before LRC and sum were computed, so only the change is wrong. */
function encodeWith(change: (data: Uint8Array) => void): Uint8Array {
  const frame = encodeIdtechFrame(tracks)
  const data = frame.subarray(3, frame.length - 3)
  change(data)
  let lrc = 0
  let sum = 0
  for (const byte of data) {
    lrc ^= byte
    sum = (sum + byte) & 0xff
  }
  frame[frame.length - 3] = lrc
  frame[frame.length - 2] = sum
  return frame
}

describe('keyboard-emulation reports', () => {
  const report = (modifier: number, ...keys: number[]): number[] => [modifier, 0, ...keys, ...new Array<number>(6 - keys.length).fill(0)]
  const bytes = (...reports: number[][]): Uint8Array => Uint8Array.from(reports.flat())
  const release = report(0)

  it('decodes the reference example: %B is 02 00 22, then 02 00 05', () => {
    const decoded = decodeKeystrokes(bytes(report(0x02, 0x22), release, report(0x02, 0x05), release, report(0, 0x28)))
    expect(decoded).toMatchObject({ ok: true, keystrokes: [{ character: '%' }, { character: 'B' }, { character: 'enter' }] })
  })

  it('decodes usages, not characters: right Shift works like left, and letters are capitals either way', () => {
    const decoded = decodeKeystrokes(bytes(report(0x20, 0x23), release, report(0x00, 0x05), release, report(0x02, 0x05)))
    expect(decoded).toMatchObject({ ok: true, keystrokes: [{ character: '^' }, { character: 'B' }, { character: 'B' }] })
  })

  it('types a repeated character only after a release, and a rolled-over key once', () => {
    const decoded = decodeKeystrokes(bytes(report(0, 0x1e), report(0, 0x1e), release, report(0, 0x1e), report(0, 0x1e, 0x1f), report(0, 0x1f)))
    expect(decoded).toMatchObject({ ok: true, keystrokes: [{ character: '1' }, { character: '1' }, { character: '2' }] })
  })

  it('round-trips the encoder: tracks typed, then Enter', () => {
    expect(parseKeyboardReports(concat(encodeKeyboardReports(`${visa.track1}${visa.track2}`)))).toEqual({
      ok: true,
      raw: { track1: { status: 'read', text: visa.track1 }, track2: { status: 'read', text: visa.track2 }, track3: { status: 'absent' } },
    })
  })

  it('reads %E? and ;E? as tracks the reader could not decode', () => {
    expect(parseKeyboardReports(concat(encodeKeyboardReports('%E?;E?')))).toMatchObject({ ok: true, raw: { track1: { status: 'error' }, track2: { status: 'error' } } })
  })

  it.each<[string, Uint8Array, string]>([
    ['a report that is not 8 bytes', Uint8Array.from([0, 0, 0x22, 0, 0, 0, 0]), 'bad_frame'],
    ['a usage no track uses (F1)', bytes(report(0, 0x3a)), 'bad_frame'],
    ['a rollover error report', bytes(report(0, 1, 1, 1, 1, 1, 1)), 'bad_frame'],
    ['text before any sentinel', concat(encodeKeyboardReports('4111;4111111111111111=2812101?')), 'bad_sentinel'],
  ])('a keyboard swipe with %s is a bad swipe (%s)', (_, input, reason) => {
    expect(reasonOf(parseKeyboardReports(input))).toBe(reason)
  })

  it('splits typed text into tracks at each end sentinel, a second ; being track 3', () => {
    expect(splitTrackText(`${visa.track1}${visa.track2};123?`)).toMatchObject({ ok: true, raw: { track3: { status: 'read', text: ';123?' } } })
    expect(splitTrackText('')).toMatchObject({ ok: true, raw: { track1: { status: 'absent' }, track2: { status: 'absent' } } })
  })
})
