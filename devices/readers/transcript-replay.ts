/**
 * Replaying a transcript: a fake node-hid module, in the manner of Ledger's
 * hw-transport-mocker, that the real driver runs against. The transcript's device is
 * listed until its unplug event plays; opening it starts the reports flowing with their
 * recorded spacing. Anything the transcript did not foresee (opening another path,
 * opening twice, a write it did not record, opening after the unplug) is a failure, and
 * so is an event still unplayed at the end: `assertDone` throws on either.
 */
import { EventEmitter } from 'node:events'
import type { HidDeviceInfo, HidHandle, HidModule } from './hid-module'
import { fromHex, toHex, type Transcript, type TranscriptEvent } from './transcript'

export interface ReplayOptions {
  /** 'recorded' keeps the transcript's spacing (use fake timers); 'immediate' plays on the next ticks. */
  timing?: 'recorded' | 'immediate'
}

export class ReplayMismatch extends Error {
  readonly id = 'replay_mismatch'
  override readonly name = 'ReplayMismatch'
}

export class TranscriptReplay {
  readonly hid: HidModule
  readonly failures: string[] = []
  /** Resolves when every event has been played. */
  readonly finished: Promise<void>
  private resolve_finished: () => void = () => {}
  private next = 0
  private previous_t_ms = 0
  private handle: ReplayHandle | null = null
  private unplugged = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private readonly timing: 'recorded' | 'immediate'

  constructor(
    private readonly transcript: Transcript,
    options: ReplayOptions = {},
  ) {
    this.timing = options.timing ?? 'recorded'
    this.finished = new Promise((resolve) => {
      this.resolve_finished = resolve
    })
    if (transcript.events.length === 0) this.resolve_finished()
    this.hid = {
      devicesAsync: async () => (this.unplugged ? [] : [this.device()]),
      HIDAsync: { open: async (path) => this.open(path) },
    }
  }

  /** Events not yet played. */
  unconsumed(): TranscriptEvent[] {
    return this.transcript.events.slice(this.next)
  }

  assertDone(): void {
    const problems = [...this.failures]
    const left = this.unconsumed()
    if (left.length > 0) problems.push(`${left.length} transcript events were never consumed, starting with ${JSON.stringify(left[0])}`)
    if (problems.length > 0) throw new ReplayMismatch(problems.join('\n'))
  }

  private device(): HidDeviceInfo {
    return this.transcript.device
  }

  private open(path: string): HidHandle {
    const expected = this.device().path
    if (path !== expected) return this.fail(`unexpected open of ${path}; the transcript's device is ${String(expected)}`)
    if (this.unplugged) return this.fail(`unexpected open of ${path} after the device was unplugged`)
    if (this.handle) return this.fail(`unexpected second open of ${path}`)
    const handle = new ReplayHandle(
      () => this.start(),
      (bytes) => this.onWrite(bytes),
      () => this.stop(),
    )
    this.handle = handle
    return handle
  }

  private fail(problem: string): never {
    this.failures.push(problem)
    throw new Error(problem)
  }

  private start(): void {
    if (this.timer === null) this.schedule()
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(): void {
    const event = this.transcript.events[this.next]
    if (!event || !this.handle || this.handle.closed) return
    // An 'out' event waits for the driver's write instead of a timer.
    if (event.direction === 'out') return
    const delay_ms = this.timing === 'recorded' ? Math.max(0, event.t_ms - this.previous_t_ms) : 0
    this.timer = setTimeout(() => {
      this.timer = null
      this.play(event)
    }, delay_ms)
  }

  private play(event: TranscriptEvent): void {
    const handle = this.handle
    if (!handle || handle.closed) return
    this.next += 1
    this.previous_t_ms = event.t_ms
    if (this.next === this.transcript.events.length) this.resolve_finished()
    if (event.direction === 'in') {
      handle.emit('data', Buffer.from(fromHex(event.hex)))
    } else if (event.direction === 'unplug') {
      this.unplugged = true
      handle.emit('error', new Error('could not read from HID device'))
      // node-hid reads nothing more from an unplugged device.
      return
    }
    this.schedule()
  }

  private onWrite(bytes: Uint8Array): void {
    const event = this.transcript.events[this.next]
    const hex = toHex(bytes)
    if (!event || event.direction !== 'out' || event.hex !== hex) {
      this.fail(`unexpected write ${hex}; the transcript expected ${event ? JSON.stringify(event) : 'nothing more'}`)
    }
    if (event) this.play(event)
  }
}

/** node-hid's HIDAsync starts reading when a `data` listener is added; this does the same. */
class ReplayHandle extends EventEmitter implements HidHandle {
  closed = false

  constructor(
    on_data_listener: () => void,
    private readonly on_write: (bytes: Uint8Array) => void,
    private readonly on_close: () => void,
  ) {
    super()
    this.on('newListener', (event: string | symbol) => {
      if (event === 'data') queueMicrotask(on_data_listener)
    })
  }

  async write(values: number[] | Uint8Array): Promise<number> {
    const bytes = Uint8Array.from(values)
    this.on_write(bytes)
    return bytes.length
  }

  async close(): Promise<void> {
    this.closed = true
    this.on_close()
  }
}
