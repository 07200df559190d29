/**
 * The node-hid card reader transport. It takes the node-hid module as an argument, so
 * the app passes the real one (load-node-hid.ts), tests pass a fake that replays
 * transcripts, and a technician's recording session passes the recorder's wrapper.
 */
import { access, constants } from 'node:fs/promises'
import { NodeHidUnavailable, ReaderNotFound, ReaderOpenFailed, ReaderOpenTimeout, ReaderPermissionDenied, ReaderUnsupported } from './errors'
import type { HidHandle, HidModule } from './hid-module'
import { readerInfoFromDevice } from './hid-reader-info'
import { ListingWatch, debounce_listings_default, poll_interval_ms_default } from './listing-watch'
import { open_timeout_ms_max, type CardReaderTransport, type OpenOptions, type OpenReader, type ReaderInfo, type ReaderWatchEvent } from './reader'
import { ReportReader, swipe_idle_ms_default } from './report-reader'

export type AccessCheck = (path: string) => Promise<'ok' | 'denied' | 'unknown'>

export interface HidDriverOptions {
  poll_interval_ms?: number
  debounce_listings?: number
  swipe_idle_ms?: number
  /** Only Linux gets the udev explanation; other systems have no such fix to offer. */
  platform?: NodeJS.Platform
  /** Asks the OS whether this account may open a device path; tests replace it. */
  check_access?: AccessCheck
  log?: (line: string) => void
}

export class HidCardReaderTransport implements CardReaderTransport {
  private readonly watcher: ListingWatch<ReaderInfo>
  private readonly platform: NodeJS.Platform
  private readonly check_access: AccessCheck
  private readonly swipe_idle_ms: number
  private readonly log: (line: string) => void

  constructor(
    private readonly hid: HidModule,
    options: HidDriverOptions = {},
  ) {
    this.platform = options.platform ?? process.platform
    this.check_access = options.check_access ?? checkDeviceAccess
    this.swipe_idle_ms = options.swipe_idle_ms ?? swipe_idle_ms_default
    this.log = options.log ?? ((line) => console.warn(line))
    this.watcher = new ListingWatch(
      () => this.list(),
      (reader) => reader.id,
      {
        poll_interval_ms: options.poll_interval_ms ?? poll_interval_ms_default,
        debounce_listings: options.debounce_listings ?? debounce_listings_default,
        log: this.log,
      },
    )
  }

  /** Every HID device with a path; `known` says which are card readers Centavo can read. */
  async list(): Promise<ReaderInfo[]> {
    const devices = await this.hid.devicesAsync()
    const readers: ReaderInfo[] = []
    for (const device of devices) {
      const reader = readerInfoFromDevice(device)
      if (reader) readers.push(reader)
    }
    return readers
  }

  watch(listener: (event: ReaderWatchEvent) => void): () => void {
    return this.watcher.subscribe((event) => listener({ type: event.type, reader: event.item }))
  }

  async open(id: string, options: OpenOptions): Promise<OpenReader> {
    const { timeout_ms } = options
    if (!Number.isInteger(timeout_ms) || timeout_ms <= 0 || timeout_ms > open_timeout_ms_max) {
      throw new Error(`open: timeout_ms must be an integer in 1..${open_timeout_ms_max}, got ${timeout_ms}`)
    }
    let timed_out = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timed_out = true
        reject(new ReaderOpenTimeout(id, timeout_ms))
      }, timeout_ms)
    })
    const opening = this.openWithoutTimeout(id, options)
    // A handle that arrives after the deadline belongs to nobody: close it so the device is free.
    opening.then(
      (reader) => {
        if (timed_out) void reader.close().catch((error: unknown) => this.log(`card reader ${id}: closing a late open failed: ${String(error)}`))
      },
      (error: unknown) => {
        if (timed_out) this.log(`card reader ${id}: open failed after its timeout: ${String(error)}`)
      },
    )
    try {
      return await Promise.race([opening, deadline])
    } finally {
      if (timer !== null) clearTimeout(timer)
    }
  }

  private async openWithoutTimeout(id: string, options: OpenOptions): Promise<OpenReader> {
    const info = (await this.list()).find((reader) => reader.id === id)
    if (!info) throw new ReaderNotFound(id)
    const format = options.format ?? info.known?.format ?? null
    if (format === null) {
      throw new ReaderUnsupported(id, info.known?.unsupported_reason ?? `${describe(info)} is not a card reader Centavo knows how to read.`)
    }
    let handle: HidHandle
    try {
      handle = await this.hid.HIDAsync.open(info.path)
    } catch (error) {
      throw await this.openError(info, error)
    }
    return new ReportReader(info, format, handle, { swipe_idle_ms: this.swipe_idle_ms, log: this.log })
  }

  /** hidapi's message is not a contract, so a failed open on Linux asks the OS directly. */
  private async openError(info: ReaderInfo, error: unknown): Promise<Error> {
    const message = error instanceof Error ? error.message : String(error)
    if (error instanceof NodeHidUnavailable) return error
    if (this.platform === 'linux') {
      const verdict = /permission denied/i.test(message) ? 'denied' : await this.check_access(info.path)
      if (verdict === 'denied') return new ReaderPermissionDenied(info.id, info.path, info.vendor_id)
    }
    return new ReaderOpenFailed(info.id, message)
  }
}

function describe(info: ReaderInfo): string {
  const name = [info.manufacturer, info.product].filter((part) => part.length > 0).join(' ')
  return name.length > 0 ? name : 'This device'
}

async function checkDeviceAccess(path: string): Promise<'ok' | 'denied' | 'unknown'> {
  if (!path.startsWith('/dev/')) return 'unknown'
  try {
    await access(path, constants.R_OK | constants.W_OK)
    return 'ok'
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'unknown'
  }
}
