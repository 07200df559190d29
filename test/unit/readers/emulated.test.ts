/**
 * The emulated reader swipes wallet cards through the same encode, reassemble and parse
 * path as real readers, so terminals and pairing can be tested without hardware.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CardWallet } from '../../../devices/cards/wallet'
import { badSwipeReports, EmulatedCardReader, type BadSwipeKind } from '../../../devices/readers/emulated'
import { ReaderNotFound } from '../../../devices/readers/errors'
import { reader_formats, type ReaderFormat } from '../../../devices/readers/formats'
import type { ReaderWatchEvent } from '../../../devices/readers/reader'
import { collect, outcomes } from './support'
import { visa } from './arbitraries'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe.each(reader_formats.map((format) => [format] as const))('emulated %s reader', (format: ReaderFormat) => {
  it('swipes a card from the wallet and emits the swipe a real reader of that format would', async () => {
    const wallet = new CardWallet()
    const card = wallet.add({ label: 'Amex', pan: '378282246310005', name: 'Smith/Ann', expiry_yymm: '2903', service_code: '201', discretionary: '4242' })
    const emulator = new EmulatedCardReader({ format })
    const reader = await emulator.open(emulator.info.id, { timeout_ms: 1_000 })
    expect(reader.info.known?.format).toBe(format)
    const seen = collect(reader)
    expect(emulator.swipe(card)).toBe(true)
    expect(seen.swipes).toEqual([
      expect.objectContaining({
        reader_id: emulator.info.id,
        format,
        pan: '378282246310005',
        expiry_yymm: '2903',
        service_code: '201',
        name: 'SMITH/ANN',
        track2: expect.objectContaining({ data: '378282246310005=29032014242' }),
      }),
    ])
  })

  const kinds: BadSwipeKind[] = ['unreadable', 'bad_sentinel', 'bad_check_digit', 'bad_expiry', 'tracks_disagree', 'incomplete']
  it.each(kinds)('swipeBad(%s) gives that swipe_error and no swipe', async (kind) => {
    const emulator = new EmulatedCardReader({ format, swipe_idle_ms: 300 })
    const seen = collect(await emulator.open(emulator.info.id, { timeout_ms: 1_000 }))
    emulator.swipeBad(kind, visa)
    await vi.advanceTimersByTimeAsync(300)
    expect(outcomes(seen)).toEqual({ swipes: [], errors: [kind], disconnects: 0 })
    expect(seen.errors[0]?.message).toMatch(/^Please swipe again/)
  })
})

describe('emulated reader: plugging, checksums and bounds', () => {
  it('unplugging disconnects open readers and tells watchers; plugging back adds it again', async () => {
    const emulator = new EmulatedCardReader()
    const events: string[] = []
    emulator.watch((event: ReaderWatchEvent) => events.push(event.type))
    await vi.advanceTimersByTimeAsync(0)
    const reader = await emulator.open(emulator.info.id, { timeout_ms: 1_000 })
    const seen = collect(reader)
    emulator.unplug()
    expect(outcomes(seen)).toEqual({ swipes: [], errors: [], disconnects: 1 })
    expect(reader.state).toBe('disconnected')
    expect(emulator.swipe(visa)).toBe(false)
    expect(await emulator.list()).toEqual([])
    await expect(emulator.open(emulator.info.id, { timeout_ms: 1_000 })).rejects.toBeInstanceOf(ReaderNotFound)
    emulator.plug()
    expect(events).toEqual(['add', 'remove', 'add'])
    expect(await emulator.list()).toEqual([emulator.info])
  })

  it('only ID TECH frames can carry a bad checksum', async () => {
    const emulator = new EmulatedCardReader({ format: 'idtech' })
    const seen = collect(await emulator.open(emulator.info.id, { timeout_ms: 1_000 }))
    emulator.swipeBad('bad_checksum', visa)
    expect(outcomes(seen).errors).toEqual(['bad_checksum'])
    expect(() => badSwipeReports('magtek_hid', 'bad_checksum', visa)).toThrow(/only ID TECH/)
  })

  it('a swipe with no reader open goes nowhere, as with a real reader; a closed reader hears nothing', async () => {
    const emulator = new EmulatedCardReader({ format: 'keyboard' })
    expect(emulator.swipe(visa)).toBe(false)
    const reader = await emulator.open(emulator.info.id, { timeout_ms: 1_000 })
    const seen = collect(reader)
    await reader.close()
    expect(emulator.swipe(visa)).toBe(false)
    expect(seen.swipes).toEqual([])
  })

  it('gives each emulator its own stable id from its serial number', () => {
    const first = new EmulatedCardReader({ serial_number: 'ATM-1' })
    const second = new EmulatedCardReader({ serial_number: 'POS-1' })
    expect(first.info.id).not.toBe(second.info.id)
    expect(new EmulatedCardReader({ serial_number: 'ATM-1' }).info.id).toBe(first.info.id)
  })
})
