/**
 * The one interface every card reader implements, real (node-hid) or emulated: list,
 * watch for plug and unplug, open with a timeout; an open reader emits swipes, bad
 * swipes and its disconnect, and closes. A pairing layer needs nothing else: it keeps a
 * reader's id, opens it, and subscribes to `swipe`.
 */
import type { ReaderFormat } from './formats'
import type { KnownReader } from './known-readers'
import type { SwipeErrorReason } from './swipe-error'
import type { Track1, Track2 } from './tracks'

export interface ReaderInfo {
  /**
   * Stable across replugging when the reader has a serial number; otherwise it names the
   * OS device path, which may change when the reader is plugged into another port.
   */
  id: string
  vendor_id: number
  product_id: number
  serial_number: string | null
  interface_number: number
  usage_page: number
  product: string
  manufacturer: string
  path: string
  known: KnownReader | null
}

/**
 * A good swipe. It carries full card data (PAN, discretionary data) for the terminal to
 * send on: keep it in memory, never log or store it.
 */
export interface Swipe {
  reader_id: string
  format: ReaderFormat
  pan: string
  expiry_yymm: string
  service_code: string
  /** From track 1; null when only track 2 was read. */
  name: string | null
  track1?: Track1
  track2?: Track2
}

export interface SwipeError {
  reader_id: string
  reason: SwipeErrorReason
  /** For the screen: "Please swipe again: ..." */
  message: string
  /** For a technician's log; never card data. */
  detail: string
}

export interface ReaderDisconnect {
  reader_id: string
  /** What the device or driver said, for a log. */
  cause: string
}

export interface OpenReaderEvents {
  swipe: Swipe
  swipe_error: SwipeError
  disconnect: ReaderDisconnect
}

export type OpenReaderState = 'open' | 'disconnected' | 'closed'

export interface OpenReader {
  readonly info: ReaderInfo
  readonly format: ReaderFormat
  readonly state: OpenReaderState
  /** Returns the function that unsubscribes. */
  on<K extends keyof OpenReaderEvents>(event: K, listener: (payload: OpenReaderEvents[K]) => void): () => void
  /** Idempotent; after it resolves no event is emitted. */
  close(): Promise<void>
}

export interface ReaderWatchEvent {
  type: 'add' | 'remove'
  reader: ReaderInfo
}

export interface OpenOptions {
  /** Bounds the whole open: listing, finding the reader and opening the device. */
  timeout_ms: number
  /** Read an unrecognised reader (or override the table) with this format. */
  format?: ReaderFormat
}

export interface CardReaderTransport {
  list(): Promise<ReaderInfo[]>
  /** Readers present when watching starts are reported as 'add'. Returns the function that stops watching. */
  watch(listener: (event: ReaderWatchEvent) => void): () => void
  open(id: string, options: OpenOptions): Promise<OpenReader>
}

/** A bound on how long a caller may ask open() to wait. */
export const open_timeout_ms_max = 60_000
