/**
 * One emulated terminal at run time: its configuration and PIN key, its link to the host
 * with the STAN counter, the message log for the side panel, and the ATM or POS state
 * machine on top. It turns all of that into the view the screens draw, and tells its
 * listeners (the service's saver, the screens' event streams) when anything changed.
 */
import { Atm } from './atm'
import { defaultCassettes, type TerminalConfig } from './config'
import { newCassette, type CassetteState } from './dispenser'
import { TerminalActionRefused } from './errors'
import { IsoClient, type LinkTimings } from './iso-client'
import { Journal, type JournalEntry } from './journal'
import { MessageLog } from './message-log'
import type { TerminalIdentity } from './messages'
import { formatMoney } from './money'
import type { TerminalParts, TerminalTimings } from './parts'
import { Pos } from './pos'
import { Printer } from './printer'
import { ReversalQueue } from './reversal'
import { StanCounter } from './stan'
import type { CardRead } from './card-read'
import type { CassetteView, TerminalKey, TerminalSummaryView, TerminalView } from './view'

/** The newest messages a view carries; the whole log (message_log_max) is its own endpoint. */
export const messages_in_view_max = 40
/** Screens watching one terminal at once. */
export const listeners_max = 32

export interface SavedTerminal {
  config: TerminalConfig
  stan_last: number
  cassettes: CassetteState[] | null
  journal: JournalEntry[]
}

export interface RunOptions {
  now: () => Date
  link_timings: LinkTimings
  terminal_timings: TerminalTimings
  log: (line: string) => void
}

export class RunningTerminal {
  readonly journal: Journal
  readonly messages = new MessageLog()
  readonly machine: Atm | Pos
  private readonly client: IsoClient
  private readonly stan: StanCounter
  private readonly printer = new Printer()
  private readonly reversals: ReversalQueue
  private readonly listeners = new Set<() => void>()
  private version = 0
  private pin_key: Buffer

  /** `onChange` is the owner's hook (the service saves its state file); screens use subscribe. */
  constructor(
    private config: TerminalConfig,
    saved: Omit<SavedTerminal, 'config'>,
    options: RunOptions,
    private readonly onChange: () => void,
  ) {
    this.pin_key = Buffer.from(config.pin_key_hex, 'hex')
    this.journal = new Journal(saved.journal)
    this.stan = new StanCounter(saved.stan_last)
    this.client = new IsoClient({
      terminal_id: config.terminal_id,
      host: config.iso_host,
      port: config.iso_port,
      stan: this.stan,
      now: options.now,
      timings: options.link_timings,
      onTraffic: (direction, message, at) => {
        this.messages.record(direction, message, at)
        this.changed()
      },
      onState: (state) => {
        if (state.status === 'online') {
          this.machine.linkOnline().catch((error: unknown) => options.log(`terminal ${config.terminal_id}: reversal flush failed: ${String(error)}`))
        }
        this.changed()
      },
      log: options.log,
    })
    this.reversals = new ReversalQueue(this.client, options.now)
    const identity: TerminalIdentity = {
      terminal_id: config.terminal_id,
      kind: config.kind,
      acceptor_id: config.acceptor_id ?? config.terminal_id,
      location: config.location,
      currency: config.currency,
    }
    const parts: TerminalParts = {
      identity,
      pinKey: () => this.pin_key,
      link: this.client,
      reversals: this.reversals,
      journal: this.journal,
      printer: this.printer,
      now: options.now,
      timings: options.terminal_timings,
      changed: () => this.changed(),
    }
    if (config.kind === 'atm') {
      const loaded = saved.cassettes ?? (config.cassettes ?? []).map((c) => newCassette({ ...c, currency: config.currency.alpha }))
      this.machine = new Atm(parts, loaded.length > 0 ? loaded : defaultCassettes(config.currency).map(newCassette))
    } else {
      this.machine = new Pos(parts)
    }
  }
  get terminal_id(): string {
    return this.config.terminal_id
  }

  start(): void {
    this.client.start()
  }

  stop(): void {
    this.machine.stop()
    this.client.stop()
    this.listeners.clear()
  }

  reconnect(): void {
    this.client.wake()
  }

  /** A new PIN key from the host's rekey; the config (and so the state file) keeps it. */
  setPinKey(pin_key_hex: string): void {
    this.config = { ...this.config, pin_key_hex }
    this.pin_key = Buffer.from(pin_key_hex, 'hex')
    this.changed()
  }

  subscribe(listener: () => void): () => void {
    if (this.listeners.size >= listeners_max) throw new TerminalActionRefused(`At most ${listeners_max} screens may watch one terminal.`)
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  press(key: TerminalKey): void {
    this.machine.press(key)
  }

  insertCard(card: CardRead, label: string | null): void {
    this.machine.insertCard(card, label)
  }

  take(item: 'card' | 'cash' | 'receipt'): void {
    if (item === 'receipt') {
      this.machine.takeReceipt()
      return
    }
    const atm = this.atm(`A POS has no ${item === 'card' ? 'card slot to take a card from (cards are swiped)' : 'cash tray'}.`)
    if (item === 'card') atm.takeCard()
    else atm.takeCash()
  }

  /** The POS, for what only a POS has; an ATM refuses with `why`. */
  pos(why: string): Pos {
    if (!(this.machine instanceof Pos)) throw new TerminalActionRefused(why)
    return this.machine
  }

  /** The ATM, for what only an ATM has; a POS refuses with `why`. */
  atm(why: string): Atm {
    if (!(this.machine instanceof Atm)) throw new TerminalActionRefused(why)
    return this.machine
  }

  saved(): SavedTerminal {
    return {
      config: this.config,
      stan_last: this.stan.last,
      cassettes: this.machine instanceof Atm ? this.machine.cassettes.map((c) => ({ ...c })) : null,
      journal: this.journal.toJSON(),
    }
  }

  summary(): TerminalSummaryView {
    const { config } = this
    return {
      terminal_id: config.terminal_id,
      kind: config.kind,
      location: config.location,
      iso_host: config.iso_host,
      iso_port: config.iso_port,
      currency: config.currency.alpha,
      link: { ...this.client.state },
    }
  }

  view(): TerminalView {
    const { machine } = this
    const currency = this.config.currency
    const atm = machine instanceof Atm ? machine : null
    return {
      ...this.summary(),
      version: this.version,
      exponent: currency.exponent,
      screen: machine.screenView(),
      card: machine.cardView(),
      cash_tray: (atm?.cash_tray ?? []).map((n) => ({ ...n, denomination_label: formatMoney(n.denomination_minor, currency) })),
      receipts: this.printer.receipts,
      supervisor: atm?.in_supervisor_mode ?? false,
      cassettes: (atm?.cassettes ?? []).map(
        (c, slot): CassetteView => ({
          slot,
          denomination_minor: c.denomination_minor,
          denomination_label: formatMoney(c.denomination_minor, currency),
          currency: c.currency,
          count: c.count,
          loaded: c.loaded,
          dispensed: c.dispensed,
          jam_after_notes: c.jam_after_notes,
          jammed: c.jammed,
        }),
      ),
      pending_reversals: this.reversals.size,
      messages: this.messages.latest(messages_in_view_max),
      message_count: this.messages.size,
      acceptor: machine instanceof Pos ? machine.acceptor() : { acceptor_id: this.config.acceptor_id ?? this.config.terminal_id, merchant_name: null },
    }
  }

  private changed(): void {
    this.version++
    this.onChange()
    for (const listener of this.listeners) listener()
  }
}
