/**
 * Record and replay: masking keeps reports decodable while no card number, name or
 * discretionary data survives; a recording replays through the same driver; and the
 * replaying fake fails a test on anything the transcript did not foresee.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { luhnValid } from '../../../devices/cards/luhn'
import { substitutePan } from '../../../devices/cards/pan-mask'
import { encodeReports, makeReassembler, reader_formats, type ReaderFormat } from '../../../devices/readers/formats'
import { HidCardReaderTransport } from '../../../devices/readers/hid-driver'
import { concat } from '../../../devices/readers/reassembly'
import { decodeFrame } from '../../../devices/readers/swipe'
import { parseTranscript, readTranscript, TranscriptInvalid, type Transcript } from '../../../devices/readers/transcript'
import { maskStream, maskTrackText } from '../../../devices/readers/transcript-mask'
import { TranscriptRecorder } from '../../../devices/readers/transcript-record'
import { TranscriptReplay } from '../../../devices/readers/transcript-replay'
import { parseTracks } from '../../../devices/readers/tracks'
import { plasticArbitrary, visa } from './arbitraries'
import { collect, fixture, outcomes } from './support'
import { keyboardText } from './keyboard-text'

const log = (): void => {}

describe('masking track text', () => {
  it('replaces the PAN with its stand-in, the name with Xs and discretionary data with zeros, keeping lengths, expiry and service code', () => {
    const masked = maskTrackText(`${visa.track1}${visa.track2}`)
    expect(masked).toBe(`%B${substitutePan(visa.pan)}^XXX/XXXX^28121010000000000000?;${substitutePan(visa.pan)}=28121010000000000000?`)
  })

  it('is the same length, idempotent, leaves no PAN, and keeps a good swipe good (property)', () => {
    fc.assert(
      fc.property(plasticArbitrary, (plastic) => {
        const text = `${plastic.track1}${plastic.track2}`
        const masked = maskTrackText(text)
        expect(masked).toHaveLength(text.length)
        expect(maskTrackText(masked)).toBe(masked)
        expect(masked).not.toContain(plastic.pan)
        const parsed = parseTracks({ track1: masked.slice(0, plastic.track1.length), track2: masked.slice(plastic.track1.length) })
        expect(parsed).toMatchObject({ ok: true, track2: { pan: substitutePan(plastic.pan), expiry_yymm: plastic.expiry_yymm } })
        if (plastic.discretionary.length > 0) expect(masked).toContain(`${plastic.expiry_yymm}${plastic.service_code}${'0'.repeat(plastic.discretionary.length)}?`)
      }),
    )
  })

  it('keeps a bad check digit bad, so a recorded bad swipe replays as one', () => {
    const masked = maskTrackText(';4111111111111112=2812101?')
    expect(masked).toHaveLength(26)
    expect(luhnValid(masked.slice(1, 17))).toBe(false)
    expect(masked.slice(13, 17)).toBe('1112')
  })

  it('zeros any other run of 12 or more digits, spaces allowed, and leaves short numbers alone', () => {
    expect(maskTrackText('%B4111 1111 1111 1111^DOE^?')).toBe('%B0000 0000 0000 0000^DOE^?')
    expect(maskTrackText(';12345678901234567890123=1?')).toBe(';00000000000000000000000=1?')
    expect(maskTrackText('+1234567?')).toBe('+1234567?')
  })
})

describe.each(reader_formats.map((format) => [format] as const))('%s: masking a recorded stream', (format: ReaderFormat) => {
  it('keeps every report decodable, to the stand-in PAN, with nothing of the real one left (property)', () => {
    fc.assert(
      fc.property(plasticArbitrary, (plastic) => {
        const reports = encodeReports(format, { track1: plastic.track1, track2: plastic.track2 })
        const masked = maskStream(format, concat(reports))
        expect(masked).toHaveLength(concat(reports).length)
        const decoded = decodeFrame('r', format, wholeFrame(format, masked))
        if (!decoded.ok) throw new Error(decoded.error.detail)
        expect(decoded.swipe.pan).toBe(substitutePan(plastic.pan))
        expect(decoded.swipe.expiry_yymm).toBe(plastic.expiry_yymm)
        expect(decoded.swipe.track2?.discretionary).toBe('0'.repeat(plastic.discretionary.length))
        expect(textOf(format, masked)).not.toContain(plastic.pan)
      }),
      { numRuns: 200 },
    )
  })
})

/** The one frame in a masked stream, found with the format's own reassembler. */
function wholeFrame(format: ReaderFormat, stream: Uint8Array): Uint8Array {
  const reassembler = makeReassembler(format)
  // Keyboard readers send 8-byte reports one at a time; the others may arrive as one piece.
  const size = format === 'keyboard' ? 8 : stream.length
  const outputs = []
  for (let at = 0; at < stream.length; at += size) outputs.push(...reassembler.push(stream.subarray(at, at + size)))
  const frame = outputs.find((output) => output.kind === 'frame')
  if (frame?.kind !== 'frame') throw new Error('no frame in the masked stream')
  return frame.bytes
}

/** What a person would read in the bytes: ASCII for the HID formats, the typed text for keyboards. */
function textOf(format: ReaderFormat, bytes: Uint8Array): string {
  return format === 'keyboard' ? keyboardText(bytes) : Buffer.from(bytes).toString('latin1')
}

describe('recording a reader', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-transcript-'))
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(['magtek-hid-swipe.json', 'magtek-hid-libusb-chunks.json', 'idtech-swipe.json', 'keyboard-swipe.json'])(
    '%s: the driver sees the real card, the file holds only masked data, and the file replays to the masked card',
    async (name) => {
      const source = await fixture(name)
      const device = new TranscriptReplay(source)
      // Fake timers move Date too, so the recorder's clock follows the replay's spacing.
      const recorder = new TranscriptRecorder(device.hid, { now_ms: () => Date.now(), note: 'recorded in a test' })
      const live = new HidCardReaderTransport(recorder.hid, { log })
      const reader = await live.open((await live.list())[0]?.id ?? '', { timeout_ms: 1_000 })
      const seen = collect(reader)
      await vi.runAllTimersAsync()
      device.assertDone()
      const real_pans = seen.swipes.map((swipe) => swipe.pan)
      expect(real_pans.length).toBeGreaterThan(0)

      const file = path.join(dir, 'recording.json')
      await recorder.save(file)
      const written = readFileSync(file, 'utf8')
      const recorded = await readTranscript(file)
      expect(recorded).toMatchObject({ card_data: 'masked', format: source.format, note: 'recorded in a test', device: source.device })
      expect(recorded.events.map((event) => event.t_ms)).toEqual(source.events.map((event) => event.t_ms))
      // Joined, because a number may straddle two reports.
      const recorded_text = textOf(recorded.format, concat(recorded.events.flatMap((event) => (event.direction === 'in' ? [Buffer.from(event.hex, 'hex')] : []))))
      for (const pan of real_pans) {
        expect(recorded_text).not.toContain(pan)
        expect(recorded_text).toContain(substitutePan(pan))
      }
      // Names and the discretionary data (where CVVs live) are gone too.
      expect(recorded_text).not.toMatch(/DOE|JANE|ROE|SMITH|12340000|56780000|99990000/)
      expect(written).toContain('"card_data": "masked"')

      const replay = new TranscriptReplay(recorded)
      const again = new HidCardReaderTransport(replay.hid, { log })
      const replayed = collect(await again.open((await again.list())[0]?.id ?? '', { timeout_ms: 1_000 }))
      await vi.runAllTimersAsync()
      replay.assertDone()
      expect(replayed.swipes.map((swipe) => swipe.pan)).toEqual(real_pans.map(substitutePan))
      expect(replayed.swipes.map((swipe) => swipe.expiry_yymm)).toEqual(seen.swipes.map((swipe) => swipe.expiry_yymm))
    },
  )

  it('records an unplug in the middle of a swipe, masking the partial swipe it could never decode', async () => {
    const source = await fixture('keyboard-unplug-mid-swipe.json')
    const device = new TranscriptReplay(source, { timing: 'immediate' })
    const recorder = new TranscriptRecorder(device.hid)
    const live = new HidCardReaderTransport(recorder.hid, { log })
    const seen = collect(await live.open((await live.list())[0]?.id ?? '', { timeout_ms: 1_000 }))
    await vi.runAllTimersAsync()
    expect(outcomes(seen)).toEqual({ swipes: [], errors: [], disconnects: 1 })
    const recorded = recorder.transcript()
    expect(recorded.events.at(-1)?.direction).toBe('unplug')
    const typed = keyboardText(concat(recorded.events.flatMap((event) => (event.direction === 'in' ? [Buffer.from(event.hex, 'hex')] : []))))
    // The first 20 characters typed before the unplug were %B5555555555554444^R: no digit or letter survives.
    expect(typed).toBe('%X0000000000000000^X')
  })

  it('refuses to record an unknown device unless told its format', async () => {
    const source = await fixture('magtek-hid-swipe.json')
    const replay = new TranscriptReplay({ ...source, device: { ...source.device, vendorId: 0x1234 } })
    const recorder = new TranscriptRecorder(replay.hid)
    await recorder.hid.devicesAsync()
    await expect(recorder.hid.HIDAsync.open('/dev/hidraw3')).rejects.toThrow(/give the recorder its format/)
  })
})

describe('replaying a transcript (fake node-hid)', () => {
  const transcriptFor = async (): Promise<Transcript> => fixture('magtek-hid-swipe.json')

  it('fails the test when a report is left unconsumed', async () => {
    const replay = new TranscriptReplay(await transcriptFor(), { timing: 'immediate' })
    const handle = await replay.hid.HIDAsync.open('/dev/hidraw3')
    await handle.close()
    expect(() => replay.assertDone()).toThrow(/2 transcript events were never consumed/)
  })

  it('fails the test on an unexpected call: another path, a second open, a write it did not record', async () => {
    const replay = new TranscriptReplay(await transcriptFor(), { timing: 'immediate' })
    await expect(replay.hid.HIDAsync.open('/dev/hidraw9')).rejects.toThrow(/unexpected open/)
    const handle = await replay.hid.HIDAsync.open('/dev/hidraw3')
    await expect(replay.hid.HIDAsync.open('/dev/hidraw3')).rejects.toThrow(/unexpected second open/)
    if (!('write' in handle) || typeof handle.write !== 'function') throw new Error('the replay handle has write')
    await expect(handle.write([1, 2, 3])).rejects.toThrow(/unexpected write 010203/)
    handle.on('data', () => {})
    await replay.finished
    expect(() => replay.assertDone()).toThrow(/unexpected open of \/dev\/hidraw9[\s\S]*second open[\s\S]*unexpected write/)
  })

  it('plays every event and passes when the driver consumed them all', async () => {
    const replay = new TranscriptReplay(await transcriptFor(), { timing: 'immediate' })
    const transport = new HidCardReaderTransport(replay.hid, { log })
    const seen = collect(await transport.open((await transport.list())[0]?.id ?? '', { timeout_ms: 1_000 }))
    await replay.finished
    expect(seen.swipes).toHaveLength(2)
    expect(() => replay.assertDone()).not.toThrow()
  })

  it('refuses a malformed transcript file', () => {
    expect(() => parseTranscript({})).toThrow(TranscriptInvalid)
    expect(() => parseTranscript({ kind: 'centavo.card-reader-transcript', version: 1, format: 'magtek_hid', card_data: 'masked', note: '', device: {}, events: [] })).toThrow(/device/)
    const device = { vendorId: 1, productId: 2, release: 0, interface: 0 }
    expect(() =>
      parseTranscript({ kind: 'centavo.card-reader-transcript', version: 1, format: 'magtek_hid', card_data: 'masked', note: '', device, events: [{ t_ms: 0, direction: 'in', hex: 'XYZ' }] }),
    ).toThrow(/hex/)
  })
})

