/**
 * A pairing layer's listener that throws must not look like an unplug (node-hid would
 * turn an exception in its data callback into a device error) nor starve the other
 * listeners; it is rethrown on a microtask so it still crashes loudly.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EmulatedCardReader } from '../../../devices/readers/emulated'
import { visa } from './arbitraries'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('reader events', () => {
  it('rethrows a throwing listener asynchronously; the reader stays open and other listeners still hear the swipe', async () => {
    const rethrown: Array<() => void> = []
    vi.stubGlobal('queueMicrotask', (task: () => void) => rethrown.push(task))
    const emulator = new EmulatedCardReader()
    const reader = await emulator.open(emulator.info.id, { timeout_ms: 1_000 })
    const heard: string[] = []
    reader.on('swipe', () => {
      throw new Error('bug in a pairing layer')
    })
    reader.on('swipe', (swipe) => heard.push(swipe.pan))
    reader.on('disconnect', () => heard.push('disconnect'))
    emulator.swipe(visa)
    expect(heard).toEqual([visa.pan])
    expect(reader.state).toBe('open')
    expect(rethrown).toHaveLength(1)
    expect(() => rethrown[0]?.()).toThrow('bug in a pairing layer')
  })

  it('unsubscribes with the function on() returns', async () => {
    const emulator = new EmulatedCardReader()
    const reader = await emulator.open(emulator.info.id, { timeout_ms: 1_000 })
    const heard: string[] = []
    const off = reader.on('swipe', (swipe) => heard.push(swipe.pan))
    emulator.swipe(visa)
    off()
    emulator.swipe(visa)
    expect(heard).toEqual([visa.pan])
  })
})
