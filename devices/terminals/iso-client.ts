/**
 * A terminal's link to its ISO 8583 host: one TCP connection, 2-byte length framing, and
 * answers matched to requests by response MTI and STAN. It signs on (0800/001) whenever it
 * connects, sends an echo test (0800/301) when the line has been quiet, and reconnects with
 * a doubling delay. It knows nothing of cards or money: the ATM and POS above it decide
 * what a missing answer means (a reversal).
 */
import net from 'node:net'
import { decodeMessage, encodeMessage, fieldString, type IsoMessage } from '../../main/iso8583/codec'
import { Iso8583FormatError } from '../../main/iso8583/errors'
import { FrameReader, frame } from '../../main/iso8583/framing'
import { networkRequest, responseMtiOf } from './messages'
import type { StanCounter } from './stan'

export type LinkStatus = 'connecting' | 'signing_on' | 'online' | 'refused' | 'offline' | 'stopped'

export interface LinkState {
  status: LinkStatus
  /** A sentence for the screen: why it is not online. */
  detail: string
}

export interface LinkTimings {
  /** How long a request waits for its answer. */
  reply_timeout_ms: number
  /** An echo test goes out after this long without traffic; a refused sign-on is retried as often. */
  echo_idle_ms: number
  connect_timeout_ms: number
  reconnect_delay_min_ms: number
  reconnect_delay_max_ms: number
  /** After this many failed connects in a row the link rests until a transaction or a supervisor wakes it. */
  reconnect_attempts_max: number
}

export const default_link_timings: LinkTimings = {
  reply_timeout_ms: 8_000,
  echo_idle_ms: 60_000,
  connect_timeout_ms: 5_000,
  reconnect_delay_min_ms: 500,
  reconnect_delay_max_ms: 30_000,
  reconnect_attempts_max: 20,
}

/** Requests waiting for answers at once; a terminal has one customer, so a few is plenty. */
export const in_flight_max = 8

export type ExchangeResult =
  | { kind: 'answer'; message: IsoMessage }
  /** sent: false means the request never left (no connection), so the host cannot have acted on it. */
  | { kind: 'no_answer'; sent: boolean }

export interface IsoLink {
  readonly state: LinkState
  nextStan(): string
  exchange(request: IsoMessage, timeout_ms?: number): Promise<ExchangeResult>
}

export interface IsoClientOptions {
  terminal_id: string
  host: string
  port: number
  stan: StanCounter
  now: () => Date
  timings: LinkTimings
  onTraffic: (direction: 'sent' | 'received', message: IsoMessage, at: Date) => void
  onState: (state: LinkState) => void
  /** Problems worth a line in the host's log: a garbled frame, an answer nobody waited for. */
  log: (line: string) => void
}

interface Waiting {
  settle: (result: ExchangeResult) => void
}

export class IsoClient implements IsoLink {
  private socket: net.Socket | null = null
  private connected = false
  private readonly waiting = new Map<string, Waiting>()
  private link_state: LinkState = { status: 'offline', detail: 'Not started.' }
  private attempts = 0
  private reconnect_timer: NodeJS.Timeout | null = null
  private idle_timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(private readonly options: IsoClientOptions) {}

  get state(): LinkState {
    return this.link_state
  }

  start(): void {
    this.stopped = false
    this.attempts = 0
    this.connect()
  }

  /** Closes the connection and fails whatever is waiting; no reconnect follows. */
  stop(): void {
    this.stopped = true
    this.clearTimers()
    this.socket?.destroy()
    this.socket = null
    this.connected = false
    this.failWaiting()
    this.setState('stopped', 'Stopped.')
  }

  /** A supervisor's "reconnect", or a transaction that found the link resting: try again now, with a fresh attempt budget. */
  wake(): void {
    if (this.stopped || this.socket !== null) return
    if (this.reconnect_timer) clearTimeout(this.reconnect_timer)
    this.reconnect_timer = null
    this.attempts = 0
    this.connect()
  }

  nextStan(): string {
    return this.options.stan.next()
  }

  exchange(request: IsoMessage, timeout_ms = this.options.timings.reply_timeout_ms): Promise<ExchangeResult> {
    const socket = this.socket
    if (socket === null || !this.connected) {
      this.wake()
      return Promise.resolve({ kind: 'no_answer', sent: false })
    }
    if (this.waiting.size >= in_flight_max) return Promise.resolve({ kind: 'no_answer', sent: false })
    const stan = fieldString(request, 11)
    if (stan === undefined) throw new Error('IsoClient.exchange: a request needs a STAN (field 11) to be matched with its answer')
    const key = `${responseMtiOf(request.mti)}:${stan}`
    if (this.waiting.has(key)) throw new Error(`IsoClient.exchange: ${key} is already waiting for an answer`)
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ kind: 'no_answer', sent: true }), timeout_ms)
      const settle = (result: ExchangeResult) => {
        clearTimeout(timer)
        this.waiting.delete(key)
        resolve(result)
      }
      this.waiting.set(key, { settle })
      this.write(socket, request)
    })
  }

  private write(socket: net.Socket, message: IsoMessage): void {
    // Encoding first: a message outside the dialect is our bug, and must not half-reach the wire.
    const bytes = frame(encodeMessage(message))
    this.options.onTraffic('sent', message, this.options.now())
    socket.write(bytes)
    this.armIdle()
  }

  private connect(): void {
    if (this.stopped) return
    this.setState('connecting', `Connecting to ${this.options.host}:${this.options.port}…`)
    const socket = net.connect({ host: this.options.host, port: this.options.port })
    this.socket = socket
    socket.setNoDelay(true)
    const connect_timer = setTimeout(() => socket.destroy(new Error('connect timed out')), this.options.timings.connect_timeout_ms)
    const reader = new FrameReader()
    let last_error = ''
    socket.once('connect', () => {
      clearTimeout(connect_timer)
      this.connected = true
      this.attempts = 0
      void this.signOn()
    })
    socket.on('data', (chunk: Buffer) => {
      let bodies: Buffer[]
      try {
        bodies = reader.push(chunk)
      } catch (error) {
        // After a bad length header the stream has no message boundary left to find.
        this.options.log(`terminal ${this.options.terminal_id}: bad frame from the host (${describe(error)}); reconnecting`)
        socket.destroy()
        return
      }
      for (const body of bodies) this.receive(body)
    })
    socket.on('error', (error) => {
      last_error = describe(error)
    })
    socket.on('close', () => {
      clearTimeout(connect_timer)
      if (this.socket !== socket) return
      this.socket = null
      this.connected = false
      this.clearTimers()
      this.failWaiting()
      if (!this.stopped) this.scheduleReconnect(last_error)
    })
  }

  private receive(body: Buffer): void {
    let message: IsoMessage
    try {
      message = decodeMessage(body)
    } catch (error) {
      if (!(error instanceof Iso8583FormatError)) throw error
      this.options.log(`terminal ${this.options.terminal_id}: undecodable message from the host ignored (${error.message})`)
      return
    }
    this.options.onTraffic('received', message, this.options.now())
    this.armIdle()
    const key = `${message.mti}:${fieldString(message, 11) ?? ''}`
    const waiting = this.waiting.get(key)
    // A late answer to a request already given up on: the reversal that followed covers it.
    if (waiting === undefined) this.options.log(`terminal ${this.options.terminal_id}: answer ${key} arrived after its request was given up`)
    else waiting.settle({ kind: 'answer', message })
  }

  private async signOn(): Promise<void> {
    this.setState('signing_on', 'Signing on…')
    const result = await this.exchange(networkRequest(this.options.terminal_id, '001', this.nextStan(), this.options.now()))
    if (this.stopped || !this.connected) return
    if (result.kind === 'answer' && fieldString(result.message, 39) === '00') {
      this.setState('online', 'Signed on.')
    } else if (result.kind === 'answer') {
      const code = fieldString(result.message, 39) ?? '??'
      this.setState('refused', `The host refused the sign-on (response code ${code}): is terminal ${this.options.terminal_id} registered there?`)
    } else {
      this.setState('refused', 'The host did not answer the sign-on.')
    }
    this.armIdle()
  }

  /** After a quiet spell: an echo test when online (no answer means the line is dead), another sign-on when refused. */
  private async onIdle(): Promise<void> {
    const socket = this.socket
    if (socket === null || !this.connected) return
    if (this.link_state.status === 'refused') {
      await this.signOn()
      return
    }
    const result = await this.exchange(networkRequest(this.options.terminal_id, '301', this.nextStan(), this.options.now()))
    if (result.kind === 'no_answer' && this.socket === socket) {
      this.options.log(`terminal ${this.options.terminal_id}: no answer to the echo test; reconnecting`)
      socket.destroy()
    }
  }

  private armIdle(): void {
    if (this.idle_timer) clearTimeout(this.idle_timer)
    this.idle_timer = setTimeout(() => void this.onIdle(), this.options.timings.echo_idle_ms)
    this.idle_timer.unref()
  }

  private scheduleReconnect(reason: string): void {
    const { timings } = this.options
    this.attempts++
    const because = reason ? ` (${reason})` : ''
    if (this.attempts > timings.reconnect_attempts_max) {
      this.setState('offline', `No connection to ${this.options.host}:${this.options.port}${because}. Gave up after ${timings.reconnect_attempts_max} attempts; a supervisor can reconnect.`)
      return
    }
    const delay_ms = Math.min(timings.reconnect_delay_min_ms * 2 ** (this.attempts - 1), timings.reconnect_delay_max_ms)
    this.setState('offline', `No connection to ${this.options.host}:${this.options.port}${because}. Retrying in ${Math.ceil(delay_ms / 1000)} s.`)
    this.reconnect_timer = setTimeout(() => {
      this.reconnect_timer = null
      this.connect()
    }, delay_ms)
    this.reconnect_timer.unref()
  }

  private failWaiting(): void {
    for (const waiting of [...this.waiting.values()]) waiting.settle({ kind: 'no_answer', sent: true })
  }

  private clearTimers(): void {
    if (this.idle_timer) clearTimeout(this.idle_timer)
    if (this.reconnect_timer) clearTimeout(this.reconnect_timer)
    this.idle_timer = null
    this.reconnect_timer = null
  }

  private setState(status: LinkStatus, detail: string): void {
    if (this.link_state.status === status && this.link_state.detail === detail) return
    this.link_state = { status, detail }
    this.options.onState(this.link_state)
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
