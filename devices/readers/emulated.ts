/**
 * An emulated card reader: a transport with one virtual reader, so every flow (pairing,
 * ATM, POS) can be exercised without hardware. `swipe` encodes the plastic's tracks in
 * the reader's own report format and pushes those reports through the same
 * ReportReader a real reader uses: what comes out is exactly what a real swipe gives.
 */
import { EventEmitter } from 'node:events'
import { track1Text, track2Text, type Plastic } from '../cards/plastic'
import { luhnCheckDigit } from '../cards/luhn'
import { ReaderNotFound } from './errors'
import { encodeReports, type ReaderFormat, type TrackTexts } from './formats'
import { encodeIdtechFrame, idtechReports } from './formats/idtech'
import type { HidHandle } from './hid-module'
import { readerId } from './hid-reader-info'
import { knownReader, idtech_vendor_id, magtek_vendor_id } from './known-readers'
import { open_timeout_ms_max, type CardReaderTransport, type OpenOptions, type OpenReader, type ReaderInfo, type ReaderWatchEvent } from './reader'
import { ReportReader, swipe_idle_ms_default } from './report-reader'

/** The bad swipes a tester can provoke; each produces the swipe_error reason of the same name. */
export type BadSwipeKind = 'unreadable' | 'bad_sentinel' | 'bad_check_digit' | 'bad_expiry' | 'tracks_disagree' | 'bad_checksum' | 'incomplete'

export interface EmulatedReaderOptions {
  format?: ReaderFormat
  /** The emulated reader's serial number, which makes its id; give two emulators different ones. */
  serial_number?: string
  /** Whether the reader starts plugged in. */
  plugged?: boolean
  swipe_idle_ms?: number
}

const emulated_product_ids: Record<ReaderFormat, { vendor_id: number; product_id: number; usage_page: number }> = {
  magtek_hid: { vendor_id: magtek_vendor_id, product_id: 0x0002, usage_page: 0xff00 },
  keyboard: { vendor_id: magtek_vendor_id, product_id: 0x0001, usage_page: 0x0001 },
  idtech: { vendor_id: idtech_vendor_id, product_id: 0x2030, usage_page: 0xff00 },
}

export class EmulatedCardReader implements CardReaderTransport {
  readonly info: ReaderInfo
  readonly format: ReaderFormat
  private plugged: boolean
  private readonly watchers = new Set<(event: ReaderWatchEvent) => void>()
  private readonly handles = new Set<VirtualHandle>()
  private readonly swipe_idle_ms: number

  constructor(options: EmulatedReaderOptions = {}) {
    this.format = options.format ?? 'magtek_hid'
    this.plugged = options.plugged ?? true
    this.swipe_idle_ms = options.swipe_idle_ms ?? swipe_idle_ms_default
    const ids = emulated_product_ids[this.format]
    const serial_number = options.serial_number ?? `EMU-${this.format}`
    const path = `emulated:${serial_number}`
    this.info = {
      id: readerId(ids.vendor_id, ids.product_id, serial_number, 0, ids.usage_page, path),
      vendor_id: ids.vendor_id,
      product_id: ids.product_id,
      serial_number,
      interface_number: 0,
      usage_page: ids.usage_page,
      product: `Emulated ${this.format} reader`,
      manufacturer: 'Centavo',
      path,
      known: knownReader(ids.vendor_id, ids.product_id, ids.usage_page),
    }
  }

  async list(): Promise<ReaderInfo[]> {
    return this.plugged ? [this.info] : []
  }

  watch(listener: (event: ReaderWatchEvent) => void): () => void {
    this.watchers.add(listener)
    if (this.plugged) {
      queueMicrotask(() => {
        if (this.watchers.has(listener) && this.plugged) listener({ type: 'add', reader: this.info })
      })
    }
    return () => {
      this.watchers.delete(listener)
    }
  }

  async open(id: string, options: OpenOptions): Promise<OpenReader> {
    if (!(options.timeout_ms > 0 && options.timeout_ms <= open_timeout_ms_max)) {
      throw new Error(`open: timeout_ms must be in 1..${open_timeout_ms_max}, got ${options.timeout_ms}`)
    }
    if (!this.plugged || id !== this.info.id) throw new ReaderNotFound(id)
    const handle = new VirtualHandle(() => this.handles.delete(handle))
    this.handles.add(handle)
    return new ReportReader(this.info, options.format ?? this.format, handle, {
      swipe_idle_ms: this.swipe_idle_ms,
      log: (line) => console.warn(line),
    })
  }

  /** Swipes the plastic. Returns false when no open reader was there to receive it, as with a real reader. */
  swipe(plastic: Plastic): boolean {
    return this.send(encodeReports(this.format, { track1: plastic.track1, track2: plastic.track2 }))
  }

  /** Swipes a card the way a worn stripe or a careless hand would, to exercise error paths. */
  swipeBad(kind: BadSwipeKind, plastic: Plastic): boolean {
    return this.send(badSwipeReports(this.format, kind, plastic))
  }

  unplug(): void {
    if (!this.plugged) return
    this.plugged = false
    for (const handle of [...this.handles]) handle.fail(new Error('could not read from HID device'))
    for (const watcher of [...this.watchers]) watcher({ type: 'remove', reader: this.info })
  }

  plug(): void {
    if (this.plugged) return
    this.plugged = true
    for (const watcher of [...this.watchers]) watcher({ type: 'add', reader: this.info })
  }

  private send(reports: Uint8Array[]): boolean {
    if (!this.plugged || this.handles.size === 0) return false
    for (const handle of [...this.handles]) for (const report of reports) handle.deliver(report)
    return true
  }
}

/** The reports for a bad swipe of each kind, built by damaging good tracks before encoding. */
export function badSwipeReports(format: ReaderFormat, kind: BadSwipeKind, plastic: Plastic): Uint8Array[] {
  const good: TrackTexts = { track1: plastic.track1, track2: plastic.track2 }
  switch (kind) {
    case 'unreadable':
      return encodeReports(format, { track1: 'error', track2: 'error' })
    case 'bad_sentinel':
      // Track 2's start sentinel misread as a digit, as a swipe started too late does.
      return encodeReports(format, { ...good, track2: `0${plastic.track2.slice(1)}` })
    case 'bad_check_digit': {
      const wrong = String((Number(plastic.pan.slice(-1)) + 1) % 10)
      const pan = `${plastic.pan.slice(0, -1)}${wrong}`
      return encodeReports(format, { track1: track1Text({ ...plastic, pan }), track2: track2Text({ ...plastic, pan }) })
    }
    case 'bad_expiry': {
      const expiry_yymm = `${plastic.expiry_yymm.slice(0, 2)}13`
      return encodeReports(format, { track1: track1Text({ ...plastic, expiry_yymm }), track2: track2Text({ ...plastic, expiry_yymm }) })
    }
    case 'tracks_disagree': {
      // Another valid card number: change the digit before the check digit, then fix the check digit.
      const payload = `${plastic.pan.slice(0, -2)}${(Number(plastic.pan.slice(-2, -1)) + 1) % 10}`
      const pan = `${payload}${luhnCheckDigit(payload)}`
      return encodeReports(format, { ...good, track2: track2Text({ ...plastic, pan }) })
    }
    case 'bad_checksum': {
      if (format !== 'idtech') throw new Error(`swipeBad('bad_checksum'): only ID TECH frames carry a checksum, this reader is ${format}`)
      const frame = encodeIdtechFrame({ track1: plastic.track1, track2: plastic.track2 })
      const lrc_at = frame.length - 3
      frame[lrc_at] = (frame[lrc_at] ?? 0) ^ 0xff
      return idtechReports(frame)
    }
    case 'incomplete': {
      // The first half of what the reader would send, then nothing: the idle timeout ends it.
      const whole = encodeReports(format, good)
      const bytes = whole.reduce((sum, report) => sum + report.length, 0)
      if (whole.length === 1) return [(whole[0] ?? new Uint8Array(0)).subarray(0, Math.floor(bytes / 2))]
      return whole.slice(0, Math.floor(whole.length / 2))
    }
  }
}

/**
 * Stands in for node-hid's HIDAsync, which is an EventEmitter too: the emulator pushes
 * reports into it.
 */
class VirtualHandle extends EventEmitter implements HidHandle {
  private closed = false

  constructor(private readonly on_close: () => void) {
    super()
  }

  deliver(report: Uint8Array): void {
    if (!this.closed) this.emit('data', report)
  }

  fail(error: Error): void {
    if (!this.closed) this.emit('error', error)
  }

  async close(): Promise<void> {
    this.closed = true
    this.removeAllListeners()
    this.on_close()
  }
}
