/**
 * Load for the card host, shared by the kill test and the ISO 8583 bench: a file database
 * prepared with funded customers, one card each and many ATMs (the clear PIN keys and the
 * plastics handed back, as the console hands them to the emulators), and a small ISO 8583
 * client that matches answers to requests by STAN and transmission time, so the same code
 * drives the real host and a bare echo server.
 *
 * The database is opened with the master key from `<db>.master-key` (loadMasterKey), the
 * same file the host process reads when it starts on that database.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { openDatabase, projectRoot } from '../../main/store/database'
import { systemClock } from '../../main/clock'
import { createContext } from '../../main/host/context'
import { loadMasterKey } from '../../main/cards/master-key'
import { createCustomer, customerAccounts } from '../../main/customers/customers'
import { setMicropaymentThreshold } from '../../main/payments/thresholds'
import { fundValueAccount, moveValue } from '../../main/payments/value-moves'
import { issueCard } from '../../main/cards/cards'
import { createTerminal } from '../../main/cards/terminals'
import { encryptPinBlock, pinBlockFormat0 } from '../../main/cards/crypto/pin-block'
import { decodeMessage, encodeMessage, fieldString, type IsoMessage } from '../../main/iso8583/codec'
import { FrameReader, frame } from '../../main/iso8583/framing'

export interface LoadCard {
  pan: string
  /** Field 35 as the terminal reads it from the stripe. */
  track2: string
  pin: string
  cash_access_account_id: number
}

export interface LoadTerminal {
  terminal_id: string
  /** The clear PIN key, as loaded into the terminal's PIN pad. */
  pin_key: Buffer
  /** The cards used at this terminal (each card is used at exactly one terminal). */
  cards: LoadCard[]
}

export interface TerminalLoad {
  terminals: LoadTerminal[]
  cards: LoadCard[]
  /** What every card's cash-access account holds after preparation. */
  cash_access_minor: number
}

export const load_currency = 'USD'
export const load_currency_numeric = '840'
const threshold_minor = 500
const terminals_max = 1_000
const cards_max = 1_000

/**
 * Prepares `db_path` (a new file) for load and closes it: a USD threshold, `cards_n`
 * customers each with `cash_access_minor` moved from a funded value account into the
 * cash-access account and one card with a daily limit that never binds, and `terminals_n`
 * ATMs `ATM00001`... Card i is used at terminal i mod terminals_n.
 */
export function prepareTerminalLoad(
  db_path: string,
  options: { terminals_n: number; cards_n: number; cash_access_minor: number; synchronous?: 'FULL' | 'NORMAL' },
): TerminalLoad {
  const { terminals_n, cards_n, cash_access_minor } = options
  if (!(Number.isInteger(terminals_n) && terminals_n >= 1 && terminals_n <= terminals_max)) throw new RangeError(`terminals_n must be 1..${terminals_max}`)
  if (!(Number.isInteger(cards_n) && cards_n >= terminals_n && cards_n <= cards_max)) throw new RangeError(`cards_n must be ${terminals_n}..${cards_max}`)
  if (!(Number.isSafeInteger(cash_access_minor) && cash_access_minor > 0)) throw new RangeError('cash_access_minor must be a positive whole number')

  // Setting up need not be durable; synchronous is per connection, and the host opens its own with FULL.
  const db = openDatabase(db_path, { clock: systemClock, synchronous: options.synchronous ?? 'NORMAL' })
  try {
    const ctx = createContext(db, systemClock, loadMasterKey(db_path))
    setMicropaymentThreshold(db, load_currency, threshold_minor, systemClock.now())
    const cards: LoadCard[] = []
    for (let i = 0; i < cards_n; i++) {
      const customer = createCustomer(db, systemClock, {
        name: `Load Holder ${i}`,
        email: '',
        currency: load_currency,
        credit_limit_minor: 0,
        top_up_increment_minor: threshold_minor,
        micropayment_limit_per_purchase_minor: null,
        micropayment_limit_per_day_minor: null,
        payer_password: `load password ${i}`,
      })
      const accounts = customerAccounts(db, customer.id)
      fundValueAccount(db, systemClock, ctx.ledger, ctx.requests, {
        scope: 'load',
        idempotency_key: `fund-${i}`,
        account_id: accounts.value.id,
        amount_minor: cash_access_minor,
        memo: 'load opening deposit',
      })
      moveValue(db, systemClock, ctx.ledger, ctx.requests, {
        scope: 'load',
        idempotency_key: `to-cash-${i}`,
        customer_id: customer.id,
        direction: 'value_to_cash_access',
        amount_minor: cash_access_minor,
      })
      // The limit is the whole balance, so only the balance can decline a withdrawal.
      const { plastic, pin } = issueCard(ctx, { customer_id: customer.id, daily_withdrawal_limit_minor: cash_access_minor })
      cards.push({
        pan: plastic.pan,
        track2: `${plastic.pan}=${plastic.expiry_yymm}${plastic.service_code}${plastic.discretionary}`,
        pin,
        cash_access_account_id: accounts.cash_access.id,
      })
    }
    const terminals: LoadTerminal[] = []
    for (let t = 0; t < terminals_n; t++) {
      const terminal_id = `ATM${String(t + 1).padStart(5, '0')}`
      const { pin_key } = createTerminal(ctx, { terminal_id, kind: 'atm', location: `Load street ${t + 1}`, currency: load_currency })
      terminals.push({ terminal_id, pin_key, cards: cards.filter((_, i) => i % terminals_n === t) })
    }
    return { terminals, cards, cash_access_minor }
  } finally {
    db.close()
  }
}

/** Field 7, transmission date and time: MMDDhhmmss in UTC. */
export function transmissionTime(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}`
}

/**
 * Builds 0200 cash withdrawals for one terminal as its PIN pad would: track 2, and the PIN
 * block under the terminal's key. A format 0 block has no randomness, so it is made once
 * per card.
 */
export function withdrawalsFor(terminal: LoadTerminal): (card_index: number, stan: number, amount_minor: number, transmission: string) => IsoMessage {
  const pin_blocks = terminal.cards.map((card) => encryptPinBlock(pinBlockFormat0(card.pin, card.pan), terminal.pin_key))
  return (card_index, stan, amount_minor, transmission) => {
    const card = terminal.cards[card_index % terminal.cards.length]
    const pin_block = pin_blocks[card_index % terminal.cards.length]
    if (!card || !pin_block) throw new Error(`terminal ${terminal.terminal_id} has no cards`)
    if (!(Number.isInteger(stan) && stan >= 1 && stan <= 999_999)) throw new RangeError(`a STAN is 1..999999, got ${stan}`)
    return {
      mti: '0200',
      fields: new Map<number, string | Buffer>([
        [3, '011000'],
        [4, String(amount_minor).padStart(12, '0')],
        [7, transmission],
        [11, String(stan).padStart(6, '0')],
        [35, card.track2],
        [41, terminal.terminal_id],
        [49, load_currency_numeric],
        [52, pin_block],
      ]),
    }
  }
}

/** The connection closed (or was never answered) before this request's answer came. */
export class NoAnswerError extends Error {
  readonly id = 'no_answer'
}

interface Waiting {
  sent_at_ms: number
  resolve: (result: { answer: IsoMessage; latency_ms: number }) => void
  reject: (error: Error) => void
  timer: NodeJS.Timeout
}

/** Requests one load client may have awaiting answers; the host allows 64 per connection. */
export const load_in_flight_max = 64

/**
 * One terminal's connection under load. Several requests may be in flight; an answer is
 * matched to its request by STAN (11) and transmission time (7), which is also what an echo
 * server sends back. When the connection closes, every request still waiting fails with
 * NoAnswerError: it got no answer, so the terminal may not count it as approved.
 */
export class IsoLoadClient {
  private readonly reader = new FrameReader()
  private readonly waiting = new Map<string, Waiting>()
  private closed = false

  private constructor(
    private readonly socket: net.Socket,
    private readonly reply_timeout_ms: number,
  ) {
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      let bodies: Buffer[]
      try {
        bodies = this.reader.push(chunk)
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)))
        return
      }
      const at_ms = performance.now()
      for (const body of bodies) {
        const answer = decodeMessage(body)
        const key = answerKey(answer)
        const entry = this.waiting.get(key)
        if (!entry) {
          this.fail(new Error(`an answer nobody asked for: ${answer.mti} ${key}`))
          return
        }
        this.waiting.delete(key)
        clearTimeout(entry.timer)
        entry.resolve({ answer, latency_ms: at_ms - entry.sent_at_ms })
      }
    })
    socket.on('error', (error) => this.fail(error))
    socket.on('close', () => this.fail(new NoAnswerError('the connection closed')))
  }

  static connect(port: number, options: { reply_timeout_ms?: number; connect_timeout_ms?: number } = {}): Promise<IsoLoadClient> {
    const connect_timeout_ms = options.connect_timeout_ms ?? 5_000
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1')
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new Error(`could not connect to 127.0.0.1:${port} within ${connect_timeout_ms} ms`))
      }, connect_timeout_ms)
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.removeListener('error', reject)
        resolve(new IsoLoadClient(socket, options.reply_timeout_ms ?? 5_000))
      })
      socket.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
  }

  get in_flight(): number {
    return this.waiting.size
  }

  /** Sends one request and resolves with its answer and the time from write to answer. */
  exchange(message: IsoMessage): Promise<{ answer: IsoMessage; latency_ms: number }> {
    if (this.closed) return Promise.reject(new NoAnswerError('the connection is closed'))
    if (this.waiting.size >= load_in_flight_max) return Promise.reject(new Error(`more than ${load_in_flight_max} requests in flight`))
    const key = answerKey(message)
    if (this.waiting.has(key)) return Promise.reject(new Error(`request ${key} is already in flight`))
    const bytes = frame(encodeMessage(message))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key)
        reject(new NoAnswerError(`no answer to ${key} within ${this.reply_timeout_ms} ms`))
      }, this.reply_timeout_ms)
      this.waiting.set(key, { sent_at_ms: performance.now(), resolve, reject, timer })
      this.socket.write(bytes)
    })
  }

  close(): void {
    this.socket.destroy()
    this.fail(new NoAnswerError('the client closed the connection'))
  }

  private fail(error: Error): void {
    this.closed = true
    if (!this.socket.destroyed) this.socket.destroy()
    for (const [key, entry] of this.waiting) {
      clearTimeout(entry.timer)
      this.waiting.delete(key)
      entry.reject(error)
    }
  }
}

function answerKey(message: IsoMessage): string {
  return `${fieldString(message, 11) ?? ''}:${fieldString(message, 7) ?? ''}`
}

/** One answered request, as a terminal remembers it. */
export interface Answered {
  terminal_id: string
  request: IsoMessage
  stan: string
  transmission: string
  amount_minor: number
  response_code: string
  /** Field 38, for an approval. */
  approval_code: string | undefined
  latency_ms: number
}

export interface DriveResult {
  answered: Answered[]
  /** Requests sent that got no answer (connection closed, timed out): the terminal would reverse them. */
  unanswered: IsoMessage[]
  /** Why the loop ended: 'count', 'time', 'stopped' or the error that ended it. */
  ended_by: string
}

/**
 * Drives one terminal closed-loop: `in_flight` requests outstanding at a time, each new one
 * sent as soon as an answer comes, until `requests_max` were sent, `duration_ms` passed,
 * `stop()` says so, or the connection fails. STANs run from `stan_first` upwards.
 */
export async function driveTerminal(
  client: IsoLoadClient,
  terminal: LoadTerminal,
  options: {
    requests_max: number
    duration_ms: number
    stan_first: number
    amount_minor: (n: number) => number
    in_flight?: number
    stop?: () => boolean
    /** Called on every answer as it arrives (before the loop sends the next request). */
    onAnswer?: (answered: Answered) => void
  },
): Promise<DriveResult> {
  const in_flight = options.in_flight ?? 1
  if (!(Number.isInteger(in_flight) && in_flight >= 1 && in_flight <= load_in_flight_max)) throw new RangeError(`in_flight must be 1..${load_in_flight_max}`)
  if (options.stan_first + options.requests_max - 1 > 999_999) throw new RangeError('STANs would run past 999999')
  const build = withdrawalsFor(terminal)
  const deadline_ms = performance.now() + options.duration_ms
  const answered: Answered[] = []
  let sent = 0
  const unanswered: IsoMessage[] = []
  let ended_by = 'count'
  const lane = async (): Promise<void> => {
    // Each turn sends one request; sent is bounded by requests_max.
    while (sent < options.requests_max) {
      if (performance.now() >= deadline_ms) {
        ended_by = 'time'
        return
      }
      if (options.stop?.()) {
        ended_by = 'stopped'
        return
      }
      const n = sent++
      const stan = options.stan_first + n
      const amount_minor = options.amount_minor(n)
      const request = build(n, stan, amount_minor, transmissionTime(new Date()))
      try {
        const { answer, latency_ms } = await client.exchange(request)
        const done: Answered = {
          terminal_id: terminal.terminal_id,
          request,
          stan: fieldString(request, 11) ?? '',
          transmission: fieldString(request, 7) ?? '',
          amount_minor,
          response_code: fieldString(answer, 39) ?? '',
          approval_code: fieldString(answer, 38),
          latency_ms,
        }
        answered.push(done)
        options.onAnswer?.(done)
      } catch (error) {
        unanswered.push(request)
        ended_by = error instanceof Error ? error.message : String(error)
        return
      }
    }
  }
  await Promise.all(Array.from({ length: in_flight }, lane))
  return { answered, unanswered, ended_by }
}

/** A process of ours that listens on a loopback port: the host, or the bench's echo server. */
export interface ListeningProcess {
  child: ChildProcess
  /** The port named in its start-up line. */
  port: number
  /** Everything it printed so far, for failure messages. */
  output(): string
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const output_kept_max = 64_000

/**
 * Spawns `node <args>` in the project root (one process, no wrapper, so a signal to the
 * child reaches it) and waits until its output matches `ready`, whose first group is the port.
 */
export function startListeningProcess(
  args: string[],
  ready: RegExp,
  options: { start_timeout_ms?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ListeningProcess> {
  const start_timeout_ms = options.start_timeout_ms ?? 20_000
  const child = spawn(process.execPath, args, { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-output_kept_max)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${args.join(' ')} did not listen within ${start_timeout_ms} ms; it printed:\n${output}`))
    }, start_timeout_ms)
    const watch = () => {
      const match = ready.exec(output)
      if (!match) return
      clearTimeout(timer)
      child.stdout?.removeListener('data', watch)
      resolve({ child, port: Number(match[1]), output: () => output, exited })
    }
    child.stdout?.on('data', watch)
    // After a resolve this reject does nothing.
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`${args.join(' ')} exited (code ${code}, signal ${signal}) before listening; it printed:\n${output}`))
    })
  })
}

export type HostProcess = ListeningProcess

/**
 * The host as an operator starts it: `node --import tsx main/cli/host.ts --db <db_path>
 * --http-port 0 --iso-port 0`, ready when it prints the ISO port. Its database is opened
 * with the default durable commits (WAL, synchronous FULL).
 */
export function startHostProcess(
  db_path: string,
  options: { start_timeout_ms?: number; env?: NodeJS.ProcessEnv; /** e.g. --cpu-prof */ node_args?: string[] } = {},
): Promise<HostProcess> {
  return startListeningProcess(
    [...(options.node_args ?? []), '--import', 'tsx', 'main/cli/host.ts', '--db', db_path, '--http-port', '0', '--iso-port', '0'],
    /ISO 8583 terminals connect to 127\.0\.0\.1:(\d+)/,
    options,
  )
}

/** Sends a signal and waits for the exit, SIGKILL after `timeout_ms` if it has not gone. */
export async function stopProcess(host: ListeningProcess, signal: NodeJS.Signals, timeout_ms = 10_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill(signal)
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), timeout_ms)
  })
  const first = await Promise.race([host.exited, late])
  clearTimeout(timer)
  if (first !== 'late') return first
  host.child.kill('SIGKILL')
  return host.exited
}
