/**
 * The reader service: pairings that survive a restart and follow a replugged reader by its
 * serial number, swipes that reach the paired terminal (or the test panel), and card data
 * that never reaches the pairing file or the log.
 */
import { EventEmitter } from 'node:events'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makePlastic, type Plastic } from '../../../devices/cards/plastic'
import { encodeReports } from '../../../devices/readers/formats'
import { HidCardReaderTransport } from '../../../devices/readers/hid-driver'
import type { HidDeviceInfo, HidHandle, HidModule } from '../../../devices/readers/hid-module'
import type { ReaderService } from '../../../devices/readers/reader-service'
import { startReaderService } from '../../../devices/readers/start-reader-service'
import type { ReaderEventView, ReaderStatusView } from '../../../devices/readers/view'

const hedy = makePlastic({ label: 'Hedy', pan: '4761739001010010', name: 'Lamarr/Hedy', expiry_yymm: '2912', service_code: '201', discretionary: '0000123456' })

/** Records what the terminals were given; refuses while `refusal` is set, as an ATM with a card in its slot does. */
class FakeTerminals {
  readonly inserted: Array<{ terminal_id: string; track2: string; pan: string | undefined }> = []
  refusal: string | null = null
  hasTerminal(terminal_id: string): boolean {
    return ['ATM00001', 'ATM00002', 'POS00001'].includes(terminal_id)
  }
  insertCard(terminal_id: string, track2: string, pan?: string): void {
    if (this.refusal !== null) throw new Error(this.refusal)
    this.inserted.push({ terminal_id, track2, pan })
  }
}

/** A node-hid stand-in whose device list a test edits, as a technician plugs readers in and out. */
class FakeHid implements HidModule {
  devices: HidDeviceInfo[] = []
  readonly handles = new Map<string, FakeHandle>()
  open_error: Error | null = null
  async devicesAsync(): Promise<HidDeviceInfo[]> {
    return this.devices.map((device) => ({ ...device }))
  }
  readonly HIDAsync = {
    open: async (device_path: string): Promise<HidHandle> => {
      if (this.open_error !== null) throw this.open_error
      const handle = new FakeHandle()
      this.handles.set(device_path, handle)
      return handle
    },
  }
  unplug(device_path: string): void {
    this.devices = this.devices.filter((device) => device.path !== device_path)
    this.handles.get(device_path)?.emit('error', new Error('could not read from HID device'))
  }
}

class FakeHandle extends EventEmitter implements HidHandle {
  async close(): Promise<void> {
    this.removeAllListeners()
  }
}

function magtekDevice(device_path: string, serial: string | undefined): HidDeviceInfo {
  return { vendorId: 0x0801, productId: 0x0002, path: device_path, serialNumber: serial, manufacturer: 'Mag-Tek', product: 'USB Swipe Reader', release: 0x0100, interface: 0, usagePage: 0xff00, usage: 1 }
}

let dir: string
let logs: string[]
let events: ReaderEventView[]
let services: ReaderService[]

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'centavo-readers-'))
  logs = []
  events = []
  services = []
})
afterEach(async () => {
  for (const service of services) await service.close()
  await rm(dir, { recursive: true, force: true })
})

async function start(terminals: FakeTerminals, hid: FakeHid | null, file: string | null = path.join(dir, 'centavo.db.readers.json')): Promise<ReaderService> {
  const wallet = { get: (label: string): Plastic | null => (label === hedy.label ? hedy : null) }
  const transport = hid && new HidCardReaderTransport(hid, { poll_interval_ms: 10, debounce_listings: 1, platform: 'linux', check_access: async () => 'ok', log: (line) => logs.push(line) })
  const service = await startReaderService({
    pairing_file: file,
    hid: transport ? { transport } : { problem: 'node-hid did not load (test)' },
    terminals,
    wallet,
    log: (line) => logs.push(line),
    swipe_idle_ms: 50,
    disconnect_grace_ms: 100,
  })
  service.subscribe((event) => event && events.push(event))
  services.push(service)
  return service
}

function reader(service: ReaderService, reader_id: string): ReaderStatusView | undefined {
  return service.readers().readers.find((r) => r.reader_id === reader_id)
}

async function connected(service: ReaderService, reader_id: string): Promise<void> {
  await vi.waitFor(() => expect(reader(service, reader_id)?.connection).toBe('connected'), { timeout: 2_000, interval: 5 })
}

describe('reader service: pairing', () => {
  it('a pairing and its emulated reader survive a new service instance, and the file is 0600', async () => {
    const terminals = new FakeTerminals()
    const first = await start(terminals, null)
    const reader_id = first.addEmulated('magtek_hid')
    first.pair(reader_id, 'ATM00001')
    await first.close()
    const file = path.join(dir, 'centavo.db.readers.json')
    expect((await stat(file)).mode & 0o777).toBe(0o600)

    const second = await start(terminals, null)
    expect(reader(second, reader_id)).toMatchObject({ terminal_id: 'ATM00001', emulated: 'magtek_hid', paired_by: 'serial' })
    await connected(second, reader_id)
    second.emulatedSwipe(reader_id, 'Hedy')
    expect(terminals.inserted).toEqual([{ terminal_id: 'ATM00001', track2: hedy.track2, pan: hedy.pan }])
  })

  it('a reader with a serial number replugged into another port keeps its pairing', async () => {
    const terminals = new FakeTerminals()
    const hid = new FakeHid()
    hid.devices = [magtekDevice('/dev/hidraw3', 'B1234567')]
    const service = await start(terminals, hid)
    const reader_id = 'hid:0801:0002:sn=B1234567:if=0:up=ff00'
    await vi.waitFor(() => expect(reader(service, reader_id)?.connection).toBe('idle'), { timeout: 2_000, interval: 5 })
    service.pair(reader_id, 'ATM00002')
    await connected(service, reader_id)

    hid.unplug('/dev/hidraw3')
    await vi.waitFor(() => expect(reader(service, reader_id)).toMatchObject({ plugged: false, connection: 'disconnected', terminal_id: 'ATM00002' }), { timeout: 2_000, interval: 5 })
    hid.devices = [magtekDevice('/dev/hidraw7', 'B1234567')]
    await connected(service, reader_id)

    hid.handles.get('/dev/hidraw7')?.emit('data', encodeReports('magtek_hid', { track1: hedy.track1, track2: hedy.track2 })[0])
    expect(terminals.inserted).toEqual([{ terminal_id: 'ATM00002', track2: hedy.track2, pan: hedy.pan }])
    expect(reader(service, reader_id)?.path).toBe('/dev/hidraw7')
  })

  it('a reader without a serial number is paired by its port, and says so', async () => {
    const hid = new FakeHid()
    hid.devices = [magtekDevice('/dev/hidraw3', undefined)]
    const service = await start(new FakeTerminals(), hid)
    const reader_id = 'hid:0801:0002:path=/dev/hidraw3:up=ff00'
    await vi.waitFor(() => expect(reader(service, reader_id)).toBeDefined(), { timeout: 2_000, interval: 5 })
    service.pair(reader_id, 'ATM00001')
    expect(reader(service, reader_id)?.paired_by).toBe('path')
    hid.unplug('/dev/hidraw3')
    hid.devices = [magtekDevice('/dev/hidraw7', undefined)]
    await vi.waitFor(() => expect(reader(service, 'hid:0801:0002:path=/dev/hidraw7:up=ff00')?.terminal_id).toBeNull(), { timeout: 2_000, interval: 5 })
    expect(reader(service, reader_id)).toMatchObject({ connection: 'disconnected', terminal_id: 'ATM00001' })
  })

  it('refuses to pair to a terminal that does not exist', async () => {
    const service = await start(new FakeTerminals(), null)
    const reader_id = service.addEmulated('idtech')
    expect(() => service.pair(reader_id, 'ATM00009')).toThrow('There is no emulated terminal ATM00009.')
  })
})

describe('reader service: swipes', () => {
  it('a swipe on a paired emulated reader inserts the card into that terminal, with track 2 and the PAN', async () => {
    const terminals = new FakeTerminals()
    const service = await start(terminals, null, null)
    const other = service.addEmulated('keyboard')
    const reader_id = service.addEmulated('idtech')
    service.pair(other, 'ATM00001')
    service.pair(reader_id, 'POS00001')
    await connected(service, reader_id)
    service.emulatedSwipe(reader_id, 'Hedy')
    expect(terminals.inserted).toEqual([{ terminal_id: 'POS00001', track2: hedy.track2, pan: hedy.pan }])
    expect(reader(service, reader_id)?.last_swipe).toMatchObject({ outcome: 'inserted', terminal_id: 'POS00001', pan_masked: '476173******0010', tracks_read: [1, 2] })
    expect(events.at(-1)).toMatchObject({ type: 'card_inserted', reader_id, terminal_id: 'POS00001', pan_masked: '476173******0010' })
  })

  it('test mode sends the swipe to the screen, masked, and not to the terminal', async () => {
    const terminals = new FakeTerminals()
    const service = await start(terminals, null, null)
    const reader_id = service.addEmulated('magtek_hid')
    service.pair(reader_id, 'ATM00001')
    service.setTestMode(reader_id, true)
    await connected(service, reader_id)
    service.emulatedSwipe(reader_id, 'Hedy')
    expect(terminals.inserted).toEqual([])
    expect(events.at(-1)).toMatchObject({
      type: 'test_swipe',
      reader_id,
      swipe: { tracks_read: [1, 2], pan_masked: '476173******0010', name: 'LAMARR/HEDY', expiry: '12/29', service_code: '201', format: 'magtek_hid' },
    })
    service.setTestMode(reader_id, false)
    service.emulatedSwipe(reader_id, 'Hedy')
    expect(terminals.inserted).toHaveLength(1)
  })

  it('a test swipe on a reader nobody paired opens it for the test only', async () => {
    const service = await start(new FakeTerminals(), null, null)
    const reader_id = service.addEmulated('magtek_hid')
    await vi.waitFor(() => expect(reader(service, reader_id)?.connection).toBe('idle'), { timeout: 2_000, interval: 5 })
    expect(() => service.emulatedSwipe(reader_id, 'Hedy')).toThrow(/Nothing is listening/)
    service.setTestMode(reader_id, true)
    await connected(service, reader_id)
    service.emulatedSwipe(reader_id, 'Hedy', 'bad_expiry')
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ type: 'swipe_error', reason: 'bad_expiry', test_mode: true }), { timeout: 2_000, interval: 5 })
    service.setTestMode(reader_id, false)
    await vi.waitFor(() => expect(reader(service, reader_id)?.connection).toBe('idle'), { timeout: 2_000, interval: 5 })
  })

  it("a terminal's refusal is the reader's last swipe and an event, not an exception", async () => {
    const terminals = new FakeTerminals()
    terminals.refusal = 'There is already a card in the slot.'
    const service = await start(terminals, null, null)
    const reader_id = service.addEmulated('magtek_hid')
    service.pair(reader_id, 'ATM00001')
    await connected(service, reader_id)
    service.emulatedSwipe(reader_id, 'Hedy')
    expect(reader(service, reader_id)?.last_swipe).toMatchObject({ outcome: 'refused', message: 'There is already a card in the slot.' })
    expect(events.at(-1)).toMatchObject({ type: 'card_refused', terminal_id: 'ATM00001' })
  })

  it('track data never reaches the pairing file, a log line or an event', async () => {
    const terminals = new FakeTerminals()
    const hid = new FakeHid()
    hid.devices = [magtekDevice('/dev/hidraw3', 'B1234567')]
    const service = await start(terminals, hid)
    const emulated = service.addEmulated('magtek_hid')
    const real = 'hid:0801:0002:sn=B1234567:if=0:up=ff00'
    await vi.waitFor(() => expect(reader(service, real)).toBeDefined(), { timeout: 2_000, interval: 5 })
    service.pair(emulated, 'ATM00001')
    service.pair(real, 'ATM00002')
    await connected(service, emulated)
    await connected(service, real)
    service.emulatedSwipe(emulated, 'Hedy')
    hid.handles.get('/dev/hidraw3')?.emit('data', encodeReports('magtek_hid', { track1: hedy.track1, track2: hedy.track2 })[0])
    terminals.refusal = 'There is already a card in the slot.'
    service.emulatedSwipe(emulated, 'Hedy')
    for (const bad of ['bad_check_digit', 'tracks_disagree', 'incomplete'] as const) service.emulatedSwipe(emulated, 'Hedy', bad)
    // The half swipe ends only after the idle time; a swipe before that would join it.
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'swipe_error')).toHaveLength(3), { timeout: 2_000, interval: 5 })
    service.setTestMode(emulated, true)
    service.emulatedSwipe(emulated, 'Hedy')
    expect(events.at(-1)?.type).toBe('test_swipe')
    hid.unplug('/dev/hidraw3')
    await vi.waitFor(() => expect(reader(service, real)?.connection).toBe('disconnected'), { timeout: 2_000, interval: 5 })
    await service.close()

    expect(terminals.inserted).toHaveLength(2)
    const file = await readFile(path.join(dir, 'centavo.db.readers.json'), 'utf8')
    const card_data = [hedy.pan, hedy.pan.slice(6, 12), hedy.track2.slice(1, -1), hedy.track1.slice(1, -1), hedy.discretionary]
    for (const text of [file, ...logs]) for (const secret of [...card_data, 'LAMARR']) expect(text).not.toContain(secret)
    // The test panel may name the cardholder; the number and the tracks appear nowhere.
    for (const text of [JSON.stringify(events), JSON.stringify(service.readers())]) for (const secret of card_data) expect(text).not.toContain(secret)
    expect(logs.some((line) => line.includes('card inserted into ATM00001'))).toBe(true)
    expect(logs.some((line) => line.includes('bad swipe (bad_check_digit)'))).toBe(true)
  })
})

describe('reader service: when readers cannot be opened', () => {
  it('without node-hid the emulated readers still work, and the service says why real ones are missing', async () => {
    const service = await start(new FakeTerminals(), null, null)
    const devices = await service.hidDevices()
    expect(devices.hid_problem).toBe('node-hid did not load (test)')
    expect(devices.udev.rules.map((rule) => rule.vendor)).toEqual(['MagTek', 'ID TECH'])
    const reader_id = service.addEmulated('magtek_hid')
    await vi.waitFor(async () => expect((await service.hidDevices()).devices).toMatchObject([{ reader_id, emulated: true, known: { vendor: 'MagTek', readable: true } }]), { timeout: 2_000, interval: 5 })
  })

  it('a permission error carries the udev rule for the reader, and a replug tries again', async () => {
    const hid = new FakeHid()
    hid.devices = [magtekDevice('/dev/hidraw3', 'B1234567')]
    hid.open_error = new Error('cannot open device with path /dev/hidraw3: Permission denied')
    const service = await start(new FakeTerminals(), hid, null)
    const reader_id = 'hid:0801:0002:sn=B1234567:if=0:up=ff00'
    await vi.waitFor(() => expect(reader(service, reader_id)).toBeDefined(), { timeout: 2_000, interval: 5 })
    service.pair(reader_id, 'ATM00001')
    await vi.waitFor(() => expect(reader(service, reader_id)?.connection).toBe('failed'), { timeout: 2_000, interval: 5 })
    expect(reader(service, reader_id)?.problem).toMatchObject({ id: 'reader_permission_denied', udev_rule: expect.stringContaining('ATTRS{idVendor}=="0801"') })
    hid.open_error = null
    service.retry(reader_id)
    await connected(service, reader_id)
  })

  it('an unplug is no problem, but a reader still listed after its reads failed is one', async () => {
    const hid = new FakeHid()
    hid.devices = [magtekDevice('/dev/hidraw3', 'B1234567')]
    const service = await start(new FakeTerminals(), hid, null)
    const reader_id = 'hid:0801:0002:sn=B1234567:if=0:up=ff00'
    await vi.waitFor(() => expect(reader(service, reader_id)).toBeDefined(), { timeout: 2_000, interval: 5 })
    service.pair(reader_id, 'ATM00001')
    await connected(service, reader_id)
    hid.unplug('/dev/hidraw3')
    await vi.waitFor(() => expect(reader(service, reader_id)?.plugged).toBe(false), { timeout: 2_000, interval: 5 })
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(reader(service, reader_id)).toMatchObject({ connection: 'disconnected', problem: null })
    expect(events.map((event) => event.type)).not.toContain('disconnected')

    // Replugged into another port before a listing noticed: the reader is opened again at its new path.
    hid.devices = [magtekDevice('/dev/hidraw3', 'B1234567')]
    await connected(service, reader_id)
    hid.unplug('/dev/hidraw3')
    hid.devices = [magtekDevice('/dev/hidraw5', 'B1234567')]
    expect(reader(service, reader_id)?.connection).toBe('disconnected')
    await vi.waitFor(() => expect(reader(service, reader_id)).toMatchObject({ connection: 'connected', path: '/dev/hidraw5' }), { timeout: 2_000, interval: 5 })

    // Silent again with no swipe in between, while still listed: now it is the technician's problem.
    hid.handles.get('/dev/hidraw5')?.emit('error', new Error('could not read from HID device'))
    await vi.waitFor(() => expect(reader(service, reader_id)).toMatchObject({ connection: 'failed', problem: { id: 'disconnected' } }), { timeout: 2_000, interval: 5 })
    expect(events.at(-1)).toMatchObject({ type: 'disconnected', problem: { message: expect.stringContaining('stopped answering') } })
  })
})
