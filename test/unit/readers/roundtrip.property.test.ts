/**
 * Properties of the whole parsing path, per format: a report built from random valid
 * tracks parses back to the same tracks, however the transport chunks it; and random
 * bytes never throw, never hang, and only ever produce a known outcome.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeReports, makeReassembler, parseFrame, reader_formats, type ReaderFormat } from '../../../devices/readers/formats'
import { decodeRawSwipe } from '../../../devices/readers/raw-swipe'
import { concat } from '../../../devices/readers/reassembly'
import { decodeFrame } from '../../../devices/readers/swipe'
import { maskStream } from '../../../devices/readers/transcript-mask'
import { plasticArbitrary } from './arbitraries'

const reasons = new Set(['unreadable', 'bad_frame', 'bad_checksum', 'bad_sentinel', 'bad_format', 'bad_check_digit', 'bad_expiry', 'tracks_disagree', 'not_a_bank_card', 'encrypted', 'incomplete'])

/** Re-cuts a byte stream at random points, as node-hid's libusb backend may deliver it. */
function rechunk(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b)
  const chunks: Uint8Array[] = []
  let start = 0
  for (const point of [...points, stream.length]) {
    if (point > start) chunks.push(stream.subarray(start, point))
    start = Math.max(start, point)
  }
  return chunks
}

describe.each(reader_formats.map((format) => [format] as const))('%s: build a report from random tracks, parse it back', (format: ReaderFormat) => {
  it('gives the same tracks and fields, through the reassembler, however the reports are chunked', () => {
    fc.assert(
      fc.property(plasticArbitrary, fc.array(fc.nat(), { maxLength: 12 }), (plastic, cuts) => {
        const reports = encodeReports(format, { track1: plastic.track1, track2: plastic.track2 })
        // Keyboard readers send whole 8-byte reports; the others may be cut anywhere.
        const delivered = format === 'keyboard' ? reports : rechunk(concat(reports), cuts)
        const reassembler = makeReassembler(format)
        const frames = delivered.flatMap((report) => reassembler.push(report))
        expect(frames).toHaveLength(1)
        const [frame] = frames
        if (frame?.kind !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(frame)}`)
        const parsed = parseFrame(format, frame.bytes)
        expect(parsed).toMatchObject({ ok: true, raw: { track1: { status: 'read', text: plastic.track1 }, track2: { status: 'read', text: plastic.track2 } } })
        const decoded = decodeFrame('reader', format, frame.bytes)
        if (!decoded.ok) throw new Error(decoded.error.detail)
        expect(decoded.swipe).toMatchObject({ pan: plastic.pan, expiry_yymm: plastic.expiry_yymm, service_code: plastic.service_code, name: plastic.name.trimEnd() })
        expect(decoded.swipe.track2?.discretionary).toBe(plastic.discretionary)
        expect(reassembler.pending()).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws on random bytes, and answers with ok or a known reason', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 800 }), (bytes) => {
        const parsed = parseFrame(format, bytes)
        if (parsed.ok) {
          const decoded = decodeRawSwipe(parsed.raw)
          if (!decoded.ok) expect(reasons.has(decoded.reason)).toBe(true)
        } else {
          expect(reasons.has(parsed.reason)).toBe(true)
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('never throws on random report sequences, and lets go of everything on expire', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 40 }), (reports) => {
        const reassembler = makeReassembler(format)
        for (const report of reports) {
          for (const output of reassembler.push(report)) {
            if (output.kind === 'frame') decodeFrame('reader', format, output.bytes)
            else expect(reasons.has(output.failure.reason)).toBe(true)
          }
        }
        reassembler.expire()
        expect(reassembler.pending()).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('masking random bytes never throws and keeps their length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1_000 }), (bytes) => {
        expect(maskStream(format, bytes)).toHaveLength(bytes.length)
      }),
      { numRuns: 1_000 },
    )
  })

  it('parses random frames quickly: 2,000 of the largest allowed sizes in well under a second', () => {
    const started = performance.now()
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 700, maxLength: 800 }), (bytes) => {
        parseFrame(format, bytes)
      }),
      { numRuns: 2_000 },
    )
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
