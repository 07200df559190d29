/**
 * Plug and unplug are noticed by re-listing on a bounded poll, debounced over two
 * listings: these tests script what each listing returns and check what watchers hear.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HidCardReaderTransport } from '../../../devices/readers/hid-driver'
import type { HidDeviceInfo, HidModule } from '../../../devices/readers/hid-module'
import type { ReaderWatchEvent } from '../../../devices/readers/reader'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const reader_a: HidDeviceInfo = { vendorId: 0x0801, productId: 0x0002, path: '/dev/hidraw1', serialNumber: 'A', release: 1, interface: 0, usagePage: 0xff00 }
const reader_b: HidDeviceInfo = { vendorId: 0x0acd, productId: 0x2030, path: '/dev/hidraw2', serialNumber: 'B', release: 1, interface: 0 }

/** A node-hid whose n-th listing returns script[n] (the last entry repeats), counting calls. */
function scriptedHid(script: HidDeviceInfo[][], options: { fail_at?: number[] } = {}): HidModule & { calls: number; in_flight_max: number } {
  let in_flight = 0
  const hid = {
    calls: 0,
    in_flight_max: 0,
    devicesAsync: async (): Promise<HidDeviceInfo[]> => {
      const call = hid.calls
      hid.calls += 1
      in_flight += 1
      hid.in_flight_max = Math.max(hid.in_flight_max, in_flight)
      try {
        if (options.fail_at?.includes(call)) throw new Error('hid_enumerate failed')
        return script[Math.min(call, script.length - 1)] ?? []
      } finally {
        in_flight -= 1
      }
    },
    HIDAsync: { open: async () => Promise.reject(new Error('not used')) },
  }
  return hid
}

function watchEvents(transport: HidCardReaderTransport): { events: string[]; stop: () => void } {
  const events: string[] = []
  const stop = transport.watch((event: ReaderWatchEvent) => events.push(`${event.type} ${event.reader.serial_number ?? event.reader.path}`))
  return { events, stop }
}

const options = { poll_interval_ms: 1_000, debounce_listings: 2, log: () => {} }

describe('watching for plug and unplug', () => {
  it('reports readers already plugged in at once', async () => {
    const transport = new HidCardReaderTransport(scriptedHid([[reader_a]]), options)
    const { events } = watchEvents(transport)
    await vi.advanceTimersByTimeAsync(0)
    expect(events).toEqual(['add A'])
  })

  it('adds a reader only after two consecutive listings see it, and removes it after two miss it', async () => {
    // Listings at 0 s, 1 s, 2 s, ...
    const hid = scriptedHid([[], [reader_a], [reader_a], [reader_a], [], []])
    const { events } = watchEvents(new HidCardReaderTransport(hid, options))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(events).toEqual([])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(events).toEqual(['add A'])
    await vi.advanceTimersByTimeAsync(2_000)
    expect(events).toEqual(['add A'])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(events).toEqual(['add A', 'remove A'])
  })

  it('by default polls every second and debounces over two listings', async () => {
    const hid = scriptedHid([[], [reader_a]])
    const { events } = watchEvents(new HidCardReaderTransport(hid, { log: () => {} }))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(hid.calls).toBe(2)
    expect(events).toEqual([])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(events).toEqual(['add A'])
  })

  it('ignores a reader that flickers into one listing, and one that drops out of one listing', async () => {
    const hid = scriptedHid([[reader_a], [reader_a, reader_b], [reader_a], [], [reader_a], [reader_a]])
    const { events } = watchEvents(new HidCardReaderTransport(hid, options))
    await vi.advanceTimersByTimeAsync(6_000)
    expect(events).toEqual(['add A'])
  })

  it('keeps the last known state when a listing fails', async () => {
    const hid = scriptedHid([[reader_a]], { fail_at: [1, 2, 3] })
    const logged: string[] = []
    const { events } = watchEvents(new HidCardReaderTransport(hid, { ...options, log: (line) => logged.push(line) }))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(events).toEqual(['add A'])
    expect(logged).toHaveLength(3)
    expect(logged[0]).toMatch(/hid_enumerate failed/)
  })

  it('polls on a bound: one listing per interval, never two at once, none after the last watcher leaves', async () => {
    const hid = scriptedHid([[reader_a]])
    const transport = new HidCardReaderTransport(hid, options)
    const first = watchEvents(transport)
    const second = watchEvents(transport)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(hid.calls).toBe(11)
    expect(hid.in_flight_max).toBe(1)
    expect(second.events).toEqual(['add A'])
    first.stop()
    second.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(hid.calls).toBe(11)
  })

  it('tells a watcher who joins later about the readers already present', async () => {
    const transport = new HidCardReaderTransport(scriptedHid([[reader_a, reader_b]]), options)
    const first = watchEvents(transport)
    await vi.advanceTimersByTimeAsync(3_000)
    const late = watchEvents(transport)
    await vi.advanceTimersByTimeAsync(0)
    expect(first.events).toEqual(['add A', 'add B'])
    expect(late.events).toEqual(['add A', 'add B'])
  })

  it('does not wait for a slow listing with another: the next poll starts after the previous one ends', async () => {
    let calls = 0
    const slow: HidModule = {
      devicesAsync: () => {
        calls += 1
        return new Promise((resolve) => setTimeout(() => resolve([reader_a]), 5_000))
      },
      HIDAsync: { open: async () => Promise.reject(new Error('not used')) },
    }
    watchEvents(new HidCardReaderTransport(slow, options))
    await vi.advanceTimersByTimeAsync(11_999)
    // Listings at 0 (ends 5 s), 6 s (ends 11 s), 12 s: two so far.
    expect(calls).toBe(2)
  })
})
