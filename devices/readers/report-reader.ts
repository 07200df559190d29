/**
 * An open reader over a stream of HID reports: the one implementation of OpenReader,
 * used by the node-hid driver and the emulated reader alike, so an emulated swipe goes
 * through exactly the reassembly and parsing a real one does.
 *
 * A device error (node-hid's read fails when the reader is unplugged) ends the reader:
 * whatever part of a swipe was held is dropped, `disconnect` is emitted once, and no
 * partial swipe is ever reported.
 */
import { decodeFrame } from './swipe'
import { makeReassembler, type ReaderFormat } from './formats'
import type { HidHandle } from './hid-module'
import type { OpenReader, OpenReaderEvents, OpenReaderState, ReaderInfo } from './reader'
import type { Reassembler, ReassemblyOutput } from './reassembly'
import { TypedEmitter } from './typed-emitter'

export interface ReportReaderOptions {
  /** How long a swipe may pause between reports before it is given up as incomplete. */
  swipe_idle_ms: number
  log: (line: string) => void
}

/** Keyboard readers are the slowest, about two reports per character at 1-10 ms each: a second is ample. */
export const swipe_idle_ms_default = 1_000

export class ReportReader implements OpenReader {
  private readonly events = new TypedEmitter<OpenReaderEvents>()
  private readonly reassembler: Reassembler
  private idle_timer: ReturnType<typeof setTimeout> | null = null
  private current_state: OpenReaderState = 'open'

  constructor(
    readonly info: ReaderInfo,
    readonly format: ReaderFormat,
    private readonly handle: HidHandle,
    private readonly options: ReportReaderOptions,
  ) {
    if (!(options.swipe_idle_ms > 0)) throw new Error(`ReportReader: swipe_idle_ms must be positive, got ${options.swipe_idle_ms}`)
    this.reassembler = makeReassembler(format)
    handle.on('data', (data) => this.onReport(data))
    handle.on('error', (error) => this.onDeviceError(error))
  }

  get state(): OpenReaderState {
    return this.current_state
  }

  on<K extends keyof OpenReaderEvents>(event: K, listener: (payload: OpenReaderEvents[K]) => void): () => void {
    return this.events.on(event, listener)
  }

  async close(): Promise<void> {
    if (this.current_state === 'closed') return
    const was_open = this.current_state === 'open'
    this.stop('closed')
    // A disconnected reader's handle was already closed when it failed.
    if (was_open) await this.handle.close()
  }

  private onReport(data: Uint8Array): void {
    if (this.current_state !== 'open') return
    this.deliver(this.reassembler.push(data))
    this.clearIdleTimer()
    if (this.reassembler.pending()) {
      this.idle_timer = setTimeout(() => {
        this.idle_timer = null
        if (this.current_state === 'open') this.deliver(this.reassembler.expire())
      }, this.options.swipe_idle_ms)
    }
  }

  private deliver(outputs: ReassemblyOutput[]): void {
    for (const output of outputs) {
      if (output.kind === 'failure') {
        const { reason, message, detail } = output.failure
        this.events.emit('swipe_error', { reader_id: this.info.id, reason, message, detail })
        continue
      }
      const decoded = decodeFrame(this.info.id, this.format, output.bytes)
      if (decoded.ok) this.events.emit('swipe', decoded.swipe)
      else this.events.emit('swipe_error', decoded.error)
    }
  }

  private onDeviceError(error: Error): void {
    if (this.current_state !== 'open') return
    this.stop('disconnected')
    this.events.emit('disconnect', { reader_id: this.info.id, cause: error.message })
    this.handle.close().catch((close_error: unknown) => {
      // The device is already gone; failing to close it is worth a log line, nothing more.
      this.options.log(`card reader ${this.info.id}: close after disconnect failed: ${String(close_error)}`)
    })
  }

  private stop(state: 'disconnected' | 'closed'): void {
    this.current_state = state
    this.clearIdleTimer()
    // Drop any held part of a swipe without reporting it: the reader is gone.
    this.reassembler.expire()
    if (state === 'closed') this.events.removeAllListeners()
  }

  private clearIdleTimer(): void {
    if (this.idle_timer !== null) clearTimeout(this.idle_timer)
    this.idle_timer = null
  }
}
