/**
 * The node-hid driver against fake node-hid modules: transcripts replayed through the
 * real driver code (list, open, reassembly, parsing, unplug), and the open errors a
 * technician can meet.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HidCardReaderTransport } from '../../../devices/readers/hid-driver'
import type { HidDeviceInfo, HidHandle, HidModule } from '../../../devices/readers/hid-module'
import { ReaderNotFound, ReaderOpenFailed, ReaderOpenTimeout, ReaderPermissionDenied, ReaderUnsupported } from '../../../devices/readers/errors'
import { TranscriptReplay } from '../../../devices/readers/transcript-replay'
import { collect, fixture, outcomes } from './support'
import { EventEmitter } from 'node:events'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const logs: string[] = []
const log = (line: string): void => {
  logs.push(line)
}

async function openReplay(name: string): Promise<{ replay: TranscriptReplay; transport: HidCardReaderTransport }> {
  const replay = new TranscriptReplay(await fixture(name))
  return { replay, transport: new HidCardReaderTransport(replay.hid, { log }) }
}

describe('node-hid driver: listing', () => {
  it('describes each HID device and recognises known readers by vendor and product id', async () => {
    const { transport } = await openReplay('magtek-hid-swipe.json')
    const [reader] = await transport.list()
    expect(reader).toMatchObject({
      id: 'hid:0801:0002:sn=B1234567:if=0:up=ff00',
      vendor_id: 0x0801,
      product_id: 0x0002,
      serial_number: 'B1234567',
      usage_page: 0xff00,
      path: '/dev/hidraw3',
      known: { vendor: 'MagTek', format: 'magtek_hid' },
    })
  })

  it('lists unknown devices with known: null, names serial-less devices by path, and skips devices without a path', async () => {
    const devices: HidDeviceInfo[] = [
      { vendorId: 0x046d, productId: 0xc52b, path: '/dev/hidraw0', release: 1, interface: 2, serialNumber: '' },
      { vendorId: 0x0acd, productId: 0x2030, path: '/dev/hidraw1', release: 1, interface: 0 },
      { vendorId: 0x0801, productId: 0x0002, release: 1, interface: 0 },
    ]
    const transport = new HidCardReaderTransport(fakeHid(devices), { log })
    const readers = await transport.list()
    expect(readers.map((reader) => [reader.id, reader.known?.model ?? null, reader.serial_number])).toEqual([
      ['hid:046d:c52b:path=/dev/hidraw0:up=0000', null, null],
      ['hid:0acd:2030:path=/dev/hidraw1:up=0000', 'ValueMag', null],
    ])
  })

  it('does not offer another collection of a known reader (wrong usage page) as the reader', async () => {
    const transport = new HidCardReaderTransport(fakeHid([{ vendorId: 0x0801, productId: 0x0002, path: '/dev/hidraw2', release: 1, interface: 0, usagePage: 0x0001 }]), { log })
    expect((await transport.list())[0]?.known).toBeNull()
  })
})

interface Expected {
  swipes: string[]
  errors: string[]
  disconnects: number
}

describe('node-hid driver: swipes replayed from transcripts', () => {
  it.each<[string, Expected]>([
    ['magtek-hid-swipe.json', { swipes: ['4111111111111111', '5555555555554444'], errors: [], disconnects: 0 }],
    ['magtek-hid-libusb-chunks.json', { swipes: ['378282246310005'], errors: [], disconnects: 0 }],
    ['magtek-hid-unreadable.json', { swipes: [], errors: ['unreadable'], disconnects: 0 }],
    ['magtek-hid-unplug-mid-swipe.json', { swipes: [], errors: [], disconnects: 1 }],
    ['idtech-swipe.json', { swipes: ['4111111111111111'], errors: [], disconnects: 0 }],
    ['idtech-bad-lrc.json', { swipes: [], errors: ['bad_checksum'], disconnects: 0 }],
    ['keyboard-swipe.json', { swipes: ['4111111111111111'], errors: [], disconnects: 0 }],
    ['keyboard-unreadable.json', { swipes: [], errors: ['unreadable'], disconnects: 0 }],
    ['keyboard-unplug-mid-swipe.json', { swipes: [], errors: [], disconnects: 1 }],
  ])('%s', async (name, expected) => {
    const { replay, transport } = await openReplay(name)
    const [info] = await transport.list()
    if (!info) throw new Error('the transcript lists no device')
    const reader = await transport.open(info.id, { timeout_ms: 1_000 })
    const collected = collect(reader)
    await vi.runAllTimersAsync()
    // Long after the last report: an interrupted swipe must not surface later as an error.
    await vi.advanceTimersByTimeAsync(10_000)
    expect(outcomes(collected)).toEqual(expected)
    replay.assertDone()
    if (expected.disconnects > 0) {
      expect(reader.state).toBe('disconnected')
      expect(await transport.list()).toEqual([])
    }
    await reader.close()
    expect(reader.state).toBe('closed')
  })

  it('delivers a good swipe with the tracks, name and reader id a pairing layer needs', async () => {
    const { transport } = await openReplay('idtech-swipe.json')
    const [info] = await transport.list()
    const reader = await transport.open(info?.id ?? '', { timeout_ms: 1_000 })
    const collected = collect(reader)
    await vi.runAllTimersAsync()
    expect(collected.swipes).toEqual([
      {
        reader_id: 'hid:0acd:2030:path=/dev/hidraw4:up=ff00',
        format: 'idtech',
        pan: '4111111111111111',
        expiry_yymm: '2812',
        service_code: '101',
        name: 'DOE/JANE',
        track1: expect.objectContaining({ surname: 'DOE', given_name: 'JANE', discretionary: '0000012340000' }),
        track2: expect.objectContaining({ data: '4111111111111111=28121010000012340000' }),
      },
    ])
  })

  it('reports a swipe cut off without an unplug as incomplete once the reader goes quiet', async () => {
    const transcript = await fixture('magtek-hid-unplug-mid-swipe.json')
    const replay = new TranscriptReplay({ ...transcript, events: transcript.events.filter((event) => event.direction === 'in') })
    const transport = new HidCardReaderTransport(replay.hid, { log, swipe_idle_ms: 500 })
    const reader = await transport.open((await transport.list())[0]?.id ?? '', { timeout_ms: 1_000 })
    const collected = collect(reader)
    await vi.advanceTimersByTimeAsync(100)
    expect(outcomes(collected)).toEqual({ swipes: [], errors: [], disconnects: 0 })
    await vi.advanceTimersByTimeAsync(500)
    expect(outcomes(collected)).toEqual({ swipes: [], errors: ['incomplete'], disconnects: 0 })
    replay.assertDone()
  })

  it('emits nothing after close, and closes the device', async () => {
    const { replay, transport } = await openReplay('magtek-hid-swipe.json')
    const reader = await transport.open((await transport.list())[0]?.id ?? '', { timeout_ms: 1_000 })
    const collected = collect(reader)
    await vi.advanceTimersByTimeAsync(10)
    expect(collected.swipes).toHaveLength(1)
    await reader.close()
    await reader.close()
    await vi.runAllTimersAsync()
    expect(collected.swipes).toHaveLength(1)
    // The second swipe was never read: the replay says so.
    expect(() => replay.assertDone()).toThrow(/1 transcript events were never consumed/)
  })
})

describe('node-hid driver: open errors', () => {
  const magtek: HidDeviceInfo = { vendorId: 0x0801, productId: 0x0002, path: '/dev/hidraw7', release: 1, interface: 0, usagePage: 0xff00 }
  const id = 'hid:0801:0002:path=/dev/hidraw7:up=ff00'

  it('says ReaderNotFound for an id that is not plugged in', async () => {
    const transport = new HidCardReaderTransport(fakeHid([]), { log })
    await expect(transport.open(id, { timeout_ms: 1_000 })).rejects.toBeInstanceOf(ReaderNotFound)
    await expect(transport.open(id, { timeout_ms: 1_000 })).rejects.toMatchObject({ id: 'reader_not_found' })
  })

  it('gives up after timeout_ms with ReaderOpenTimeout, and closes a device that opens too late', async () => {
    const late = new FakeHandle()
    let finish_open: (handle: HidHandle) => void = () => {}
    const transport = new HidCardReaderTransport(
      fakeHid([magtek], () => new Promise<HidHandle>((resolve) => (finish_open = resolve))),
      { log },
    )
    const opening = transport.open(id, { timeout_ms: 2_000 })
    const settled = expect(opening).rejects.toMatchObject({ id: 'reader_open_timeout', timeout_ms: 2_000 })
    await vi.advanceTimersByTimeAsync(2_000)
    await settled
    await expect(opening).rejects.toBeInstanceOf(ReaderOpenTimeout)
    finish_open(late)
    await vi.advanceTimersByTimeAsync(0)
    expect(late.closed).toBe(true)
  })

  it('explains a Linux permission problem with the udev rule, the reload command and the plugdev group', async () => {
    const transport = new HidCardReaderTransport(
      fakeHid([magtek], () => Promise.reject(new Error('cannot open device with path /dev/hidraw7'))),
      { log, platform: 'linux', check_access: async () => 'denied' },
    )
    const error: unknown = await transport.open(id, { timeout_ms: 1_000 }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ReaderPermissionDenied)
    if (!(error instanceof ReaderPermissionDenied)) return
    expect(error.udev_rule).toBe('KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0801", MODE="0660", GROUP="plugdev", TAG+="uaccess"')
    expect(error.reload_command).toBe('sudo udevadm control --reload-rules && sudo udevadm trigger')
    expect(error.message).toContain('/etc/udev/rules.d/70-card-readers.rules')
    expect(error.message).toContain('plugdev')
    expect(error.toJSON()).toMatchObject({ id: 'reader_permission_denied', name: 'ReaderPermissionDenied' })
  })

  it("recognises hidapi's own 'Permission denied' without asking the OS, and gives a plain failure elsewhere", async () => {
    const denied = (): Promise<HidHandle> => Promise.reject(new Error("Failed to open a device with path '/dev/hidraw7': Permission denied"))
    const linux = new HidCardReaderTransport(fakeHid([magtek], denied), { log, platform: 'linux', check_access: async () => 'unknown' })
    await expect(linux.open(id, { timeout_ms: 1_000 })).rejects.toBeInstanceOf(ReaderPermissionDenied)
    const mac = new HidCardReaderTransport(fakeHid([magtek], denied), { log, platform: 'darwin' })
    await expect(mac.open(id, { timeout_ms: 1_000 })).rejects.toBeInstanceOf(ReaderOpenFailed)
  })

  it('refuses encrypting MagneSafe readers and unknown devices, unless a format is given', async () => {
    const magnesafe: HidDeviceInfo = { vendorId: 0x0801, productId: 0x0011, path: '/dev/hidraw8', release: 1, interface: 0 }
    const unknown: HidDeviceInfo = { vendorId: 0x1234, productId: 0x5678, path: '/dev/hidraw9', release: 1, interface: 0, product: 'Gadget' }
    const transport = new HidCardReaderTransport(fakeHid([magnesafe, unknown]), { log })
    const [encrypting, other] = await transport.list()
    await expect(transport.open(encrypting?.id ?? '', { timeout_ms: 1_000 })).rejects.toThrow(/encrypted/)
    await expect(transport.open(other?.id ?? '', { timeout_ms: 1_000 })).rejects.toBeInstanceOf(ReaderUnsupported)
    const reader = await transport.open(other?.id ?? '', { timeout_ms: 1_000, format: 'magtek_hid' })
    expect(reader.format).toBe('magtek_hid')
  })

  it('refuses a timeout that is not a positive bounded integer (a programmer error)', async () => {
    const transport = new HidCardReaderTransport(fakeHid([magtek]), { log })
    await expect(transport.open(id, { timeout_ms: 0 })).rejects.toThrow(/timeout_ms/)
    await expect(transport.open(id, { timeout_ms: 600_000 })).rejects.toThrow(/timeout_ms/)
  })
})

class FakeHandle extends EventEmitter implements HidHandle {
  closed = false
  async close(): Promise<void> {
    this.closed = true
  }
}

function fakeHid(devices: HidDeviceInfo[], open: (path: string) => Promise<HidHandle> = async () => new FakeHandle()): HidModule {
  return { devicesAsync: async () => devices, HIDAsync: { open } }
}
