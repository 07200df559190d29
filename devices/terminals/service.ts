/**
 * The terminal service: the emulated ATMs and POS terminals a branch tester drives, and the
 * card wallet they take cards from. Each terminal is a real ISO 8583 client of whatever
 * host its configuration names; nothing here reads the bank's database. State (PIN keys,
 * STAN counters, cassettes, journals, wallet) lives in one JSON file the caller names, or
 * only in memory when it names none.
 *
 *   const service = await startTerminalService({ state_file: 'centavo.db.terminals.json' })
 *   service.addTerminal({ terminal_id: 'ATM00001', kind: 'atm', iso_host: '127.0.0.1', iso_port: 4598,
 *     pin_key_hex, currency: { numeric: '840', alpha: 'USD', exponent: 2 }, location: 'Main St branch' })
 *   service.wallet.add(makePlastic({ label: 'Ada', pan, name, expiry_yymm, service_code, discretionary }))
 */
import { CardWallet, type WalletEntry } from '../cards/wallet'
import type { Plastic, PlasticInput } from '../cards/plastic'
import { readTrack2, type CardRead } from './card-read'
import { checkTerminalConfig, type TerminalConfig } from './config'
import { TerminalActionRefused, TerminalConfigInvalid, TerminalExists, TerminalNotFound } from './errors'
import { default_link_timings, type LinkTimings } from './iso-client'
import { default_terminal_timings, type TerminalTimings } from './parts'
import { RunningTerminal, type RunOptions } from './running-terminal'
import { terminals_max, type MerchantChoice, type StateFile, type SupervisorAction } from './schemas'
import { emptyState, readState, StateSaver } from './state-store'
import type { JournalEntryView, MessageView, TerminalKey, TerminalSummaryView, TerminalView, WalletCardView } from './view'

export type { TerminalConfig } from './config'

export interface TerminalServiceOptions {
  /** The JSON state file; null keeps everything in memory (an in-memory host, tests). */
  state_file: string | null
  log?: (line: string) => void
  now?: () => Date
  /** The card host this service runs beside, for terminals with follow_local_host. */
  local_iso?: { host: string; port: number }
  /** Tests shorten these; see default_link_timings and default_terminal_timings. */
  link_timings?: Partial<LinkTimings>
  terminal_timings?: Partial<TerminalTimings>
}

/**
 * The wallet as the service exposes it: CardWallet's add/list/get/remove, each change
 * saved with the rest of the service's state.
 */
export class ServiceWallet {
  constructor(
    private readonly cards: CardWallet,
    private readonly changed: () => void,
  ) {}

  add(input: PlasticInput): Plastic {
    const plastic = this.cards.add(input)
    this.changed()
    return plastic
  }

  list(): WalletEntry[] {
    return this.cards.list()
  }

  get(label: string): Plastic | null {
    return this.cards.get(label)
  }

  remove(label: string): boolean {
    const removed = this.cards.remove(label)
    if (removed) this.changed()
    return removed
  }
}

export class TerminalService {
  readonly wallet: ServiceWallet
  private readonly terminals = new Map<string, RunningTerminal>()
  private readonly cards = new CardWallet()
  private readonly saver: StateSaver
  private readonly run_options: RunOptions
  private readonly local_iso: { host: string; port: number } | null
  private closed = false

  constructor(options: TerminalServiceOptions) {
    const log = options.log ?? ((line: string) => console.log(line))
    this.run_options = {
      now: options.now ?? (() => new Date()),
      link_timings: { ...default_link_timings, ...options.link_timings },
      terminal_timings: { ...default_terminal_timings, ...options.terminal_timings },
      log,
    }
    this.local_iso = options.local_iso ?? null
    this.saver = new StateSaver(options.state_file, () => this.snapshot(), log)
    this.wallet = new ServiceWallet(this.cards, () => this.saver.schedule())
  }

  /** Restores terminals and cards from a saved state and starts each terminal's link. */
  restore(state: StateFile): void {
    for (const card of state.wallet) this.cards.add(card)
    for (const saved of state.terminals) this.start(saved.config, saved)
  }

  /**
   * Registers and starts an emulated terminal. The config is checked (TerminalConfigInvalid
   * with a sentence); a terminal id already present is TerminalExists.
   */
  addTerminal(config: TerminalConfig): TerminalSummaryView {
    checkTerminalConfig(config)
    if (this.terminals.has(config.terminal_id)) throw new TerminalExists(config.terminal_id)
    if (this.terminals.size >= terminals_max) throw new TerminalConfigInvalid(`The service holds at most ${terminals_max} terminals.`)
    const terminal = this.start(config, { stan_last: 0, cassettes: null, journal: [] })
    this.saver.schedule()
    return terminal.summary()
  }

  hasTerminal(terminal_id: string): boolean {
    return this.terminals.has(terminal_id)
  }

  /** Loads a new PIN key, as after the host rekeys the terminal. */
  setPinKey(terminal_id: string, pin_key_hex: string): void {
    if (!/^([0-9a-fA-F]{32}|[0-9a-fA-F]{48})$/.test(pin_key_hex)) throw new TerminalConfigInvalid('The PIN key is 32 or 48 hex digits (double- or triple-length 3DES).')
    this.terminal(terminal_id).setPinKey(pin_key_hex)
  }

  removeTerminal(terminal_id: string): void {
    this.terminal(terminal_id).stop()
    this.terminals.delete(terminal_id)
    this.saver.schedule()
  }

  list(): TerminalSummaryView[] {
    return [...this.terminals.values()].map((t) => t.summary()).sort((a, b) => a.terminal_id.localeCompare(b.terminal_id))
  }

  view(terminal_id: string): TerminalView {
    return this.terminal(terminal_id).view()
  }

  press(terminal_id: string, key: TerminalKey): TerminalView {
    const terminal = this.terminal(terminal_id)
    terminal.press(key)
    return terminal.view()
  }

  /** Inserts (ATM) or swipes (POS) a card from the wallet. */
  insertWalletCard(terminal_id: string, label: string): TerminalView {
    const terminal = this.terminal(terminal_id)
    const plastic = this.cards.get(label)
    if (plastic === null) throw new TerminalActionRefused(`The wallet has no card labelled "${label}".`)
    terminal.insertCard(this.read(plastic.track2, plastic.pan), plastic.label)
    return terminal.view()
  }

  /** A card from elsewhere, e.g. a swipe on a paired reader: its track 2 (sentinels allowed) and, if known, its PAN. */
  insertCard(terminal_id: string, track2: string, pan?: string): TerminalView {
    const terminal = this.terminal(terminal_id)
    terminal.insertCard(this.read(track2, pan), null)
    return terminal.view()
  }

  take(terminal_id: string, item: 'card' | 'cash' | 'receipt'): TerminalView {
    const terminal = this.terminal(terminal_id)
    terminal.take(item)
    return terminal.view()
  }

  supervisor(terminal_id: string, action: SupervisorAction): TerminalView {
    const terminal = this.terminal(terminal_id)
    if (action.action === 'reconnect') {
      terminal.reconnect()
      return terminal.view()
    }
    const atm = terminal.atm('A POS has no supervisor mode: it has no cash to manage.')
    switch (action.action) {
      case 'enter':
        atm.enterSupervisor()
        break
      case 'exit':
        atm.exitSupervisor()
        break
      case 'reset_counters':
        atm.resetCounters()
        break
      case 'load_cassettes':
        atm.loadCassettes(action.cassettes)
        break
      case 'set_fault':
        atm.setFault(action.slot, action.jam_after_notes)
        break
    }
    return terminal.view()
  }

  /** Shared acquirer POS: the merchant the next payments are for (field 42). */
  chooseMerchant(terminal_id: string, choice: MerchantChoice): TerminalView {
    const terminal = this.terminal(terminal_id)
    terminal.pos('An ATM pays out cash; only a POS takes payments for a merchant.').chooseMerchant(choice)
    return terminal.view()
  }

  journal(terminal_id: string): JournalEntryView[] {
    return this.terminal(terminal_id).journal.list()
  }

  messages(terminal_id: string): MessageView[] {
    return this.terminal(terminal_id).messages.latest(Number.MAX_SAFE_INTEGER)
  }

  /** Calls `listener` after every change of the terminal; returns the unsubscribe. */
  subscribe(terminal_id: string, listener: () => void): () => void {
    return this.terminal(terminal_id).subscribe(listener)
  }

  walletList(): WalletCardView[] {
    return this.cards.list().map(({ label, pan_masked, name, expiry_yymm }) => ({ label, pan_masked, name, expiry_yymm }))
  }

  /** Stops every terminal's link and writes the state file one last time. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.saver.flush()
    for (const terminal of this.terminals.values()) terminal.stop()
    await this.saver.flush()
  }

  private start(saved_config: TerminalConfig, saved: Omit<StateFile['terminals'][number], 'config'>): RunningTerminal {
    const local = this.local_iso
    const config = saved_config.follow_local_host && local !== null ? { ...saved_config, iso_host: local.host, iso_port: local.port } : saved_config
    const terminal = new RunningTerminal(config, saved, this.run_options, () => this.saver.schedule())
    this.terminals.set(config.terminal_id, terminal)
    terminal.start()
    return terminal
  }

  private terminal(terminal_id: string): RunningTerminal {
    const terminal = this.terminals.get(terminal_id)
    if (terminal === undefined) throw new TerminalNotFound(terminal_id)
    return terminal
  }

  private read(track2: string, pan?: string): CardRead {
    const card = readTrack2(track2, pan)
    if (typeof card === 'string') throw new TerminalActionRefused(card)
    return card
  }

  private snapshot(): StateFile {
    const wallet = this.cards.list().flatMap((entry) => {
      const card = this.cards.get(entry.label)
      return card === null
        ? []
        : [{ label: card.label, pan: card.pan, name: card.name, expiry_yymm: card.expiry_yymm, service_code: card.service_code, discretionary: card.discretionary }]
    })
    return { ...emptyState(), terminals: [...this.terminals.values()].map((t) => t.saved()), wallet }
  }
}

/** Reads the state file (if any), restores its terminals and cards, and starts them. */
export async function startTerminalService(options: TerminalServiceOptions): Promise<TerminalService> {
  const service = new TerminalService(options)
  service.restore(options.state_file === null ? emptyState() : await readState(options.state_file))
  return service
}
