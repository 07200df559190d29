/**
 * Recording a real reader: wrap the node-hid module, hand the wrapper to the driver as
 * usual, and every report the opened reader sends is added to a transcript, masked
 * (transcript-mask.ts) before it is kept. The driver itself still gets the real reports.
 *
 * Masking needs whole messages (a MagTek report may arrive in chunks, an ID TECH frame
 * spans reports, a keyboard swipe is hundreds of reports), so reports are held, unmasked,
 * in memory only, until the message they belong to is complete; then the message is
 * masked and cut back into the original report sizes and times. Nothing unmasked is
 * ever written: `transcript()` and `save()` see only masked events.
 */
import { EventEmitter } from 'node:events'
import { makeReassembler, type ReaderFormat } from './formats'
import type { HidDeviceInfo, HidHandle, HidModule } from './hid-module'
import { knownReader } from './known-readers'
import type { Reassembler } from './reassembly'
import { concat } from './reassembly'
import { swipe_idle_ms_default } from './report-reader'
import { maskIncomplete, maskStream } from './transcript-mask'
import { toHex, transcript_events_max, transcript_kind, transcript_version, writeTranscript, type Transcript, type TranscriptEvent } from './transcript'

export interface RecorderOptions {
  /** The device's format; by default the known-readers table's. */
  format?: ReaderFormat
  note?: string
  now_ms?: () => number
  /** A pause this long closes the message being held, as the reader's idle timeout does. */
  swipe_idle_ms?: number
}

/** Reports held while waiting for a message to complete: four full keyboard swipes. */
const held_reports_max = 4_096

export class RecorderError extends Error {
  readonly id = 'recorder_error'
  override readonly name = 'RecorderError'
}

export class TranscriptRecorder {
  readonly hid: HidModule
  private readonly listed = new Map<string, HidDeviceInfo>()
  private recording: DeviceRecording | null = null

  constructor(
    private readonly inner: HidModule,
    private readonly options: RecorderOptions = {},
  ) {
    this.hid = {
      devicesAsync: async () => {
        const devices = await inner.devicesAsync()
        for (const device of devices) if (device.path) this.listed.set(device.path, device)
        return devices
      },
      HIDAsync: { open: (path) => this.open(path) },
    }
  }

  /** What has been recorded so far, masked. */
  transcript(): Transcript {
    if (!this.recording) throw new RecorderError('No reader has been opened through this recorder yet.')
    return this.recording.transcript()
  }

  async save(file_path: string): Promise<void> {
    await writeTranscript(file_path, this.transcript())
  }

  private async open(path: string): Promise<HidHandle> {
    const handle = await this.inner.HIDAsync.open(path)
    // One transcript is one opening of one device: any later open is passed through unrecorded.
    if (this.recording) return handle
    const device = this.listed.get(path) ?? { vendorId: 0, productId: 0, release: 0, interface: -1, path }
    const format = this.options.format ?? knownReader(device.vendorId, device.productId, device.usagePage)?.format ?? null
    if (format === null) {
      await handle.close()
      throw new RecorderError(`The device at ${path} is not a known reader: give the recorder its format.`)
    }
    this.recording = new DeviceRecording(device, format, this.options)
    return this.recording.wrap(handle)
  }
}

class DeviceRecording {
  private readonly events: TranscriptEvent[] = []
  private readonly reassembler: Reassembler
  private held: Array<{ t_ms: number; bytes: Uint8Array }> = []
  private readonly now_ms: () => number
  private readonly started_ms: number
  private readonly swipe_idle_ms: number
  private last_t_ms = 0

  constructor(
    private readonly device: HidDeviceInfo,
    private readonly format: ReaderFormat,
    private readonly options: RecorderOptions,
  ) {
    this.reassembler = makeReassembler(format)
    this.now_ms = options.now_ms ?? (() => performance.now())
    this.started_ms = this.now_ms()
    this.swipe_idle_ms = options.swipe_idle_ms ?? swipe_idle_ms_default
  }

  wrap(handle: HidHandle): HidHandle {
    const wrapper = new RecordingHandle(handle)
    handle.on('data', (data) => {
      this.record(data)
      wrapper.emit('data', data)
    })
    handle.on('error', (error) => {
      this.flush('incomplete')
      this.add({ t_ms: this.elapsed(), direction: 'unplug' })
      wrapper.emit('error', error)
    })
    return wrapper
  }

  transcript(): Transcript {
    const pending = this.held.length > 0 ? mask(this.format, this.held, 'incomplete') : []
    return {
      kind: transcript_kind,
      version: transcript_version,
      format: this.format,
      card_data: 'masked',
      note: this.options.note ?? '',
      device: this.device,
      events: [...this.events, ...pending],
    }
  }

  private record(data: Uint8Array): void {
    const t_ms = this.elapsed()
    if (this.held.length > 0 && t_ms - this.last_t_ms > this.swipe_idle_ms) {
      this.flush('incomplete')
      this.reassembler.expire()
    }
    this.last_t_ms = t_ms
    // A copy: node-hid may reuse its buffer, and the driver must see the bytes unchanged.
    this.held.push({ t_ms, bytes: new Uint8Array(data) })
    this.reassembler.push(data)
    if (!this.reassembler.pending()) this.flush('complete')
    else if (this.held.length >= held_reports_max) this.flush('incomplete')
  }

  private flush(state: 'complete' | 'incomplete'): void {
    for (const event of mask(this.format, this.held, state)) this.add(event)
    this.held = []
  }

  private add(event: TranscriptEvent): void {
    if (this.events.length < transcript_events_max) this.events.push(event)
  }

  private elapsed(): number {
    return Math.max(0, Math.round(this.now_ms() - this.started_ms))
  }
}

/** Masks the held reports as one stream and cuts it back into the same report sizes. */
function mask(format: ReaderFormat, held: ReadonlyArray<{ t_ms: number; bytes: Uint8Array }>, state: 'complete' | 'incomplete'): TranscriptEvent[] {
  const stream = concat(held.map((report) => report.bytes))
  const masked = state === 'complete' ? maskStream(format, stream) : maskIncomplete(format, stream)
  const events: TranscriptEvent[] = []
  let offset = 0
  for (const report of held) {
    events.push({ t_ms: report.t_ms, direction: 'in', hex: toHex(masked.subarray(offset, offset + report.bytes.length)) })
    offset += report.bytes.length
  }
  return events
}

/** What the driver holds instead of node-hid's handle; closing it closes the real one. */
class RecordingHandle extends EventEmitter implements HidHandle {
  constructor(private readonly inner: HidHandle) {
    super()
  }

  async close(): Promise<void> {
    await this.inner.close()
  }
}
