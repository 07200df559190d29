/**
 * A bank whose emulated ATM and POS talk to the REAL card host over loopback, for end-to-end
 * terminal tests: a real in-memory SQLite bank (testBank, FrozenClock for the host), funded
 * cardholders with issued cards whose plastics sit in the terminal service's wallet, an ATM
 * and a POS registered at the host (their PIN keys handed to the emulators), the card host
 * on port 0, and between the terminals and the host a small ISO 8583 proxy whose rules can
 * drop, hold, duplicate or rewrite single frames, so timeouts, duplicates and reversals
 * arriving before their originals can be made to happen deterministically.
 *
 *   const tb = await terminalBank({ reply_timeout_ms: 300 })
 *   const ada = tb.addCardholder({ label: 'Ada', cash_access_minor: 50_000, pin: '4321' })
 *   const done = await atmWithdraw(tb, ada, 380)
 *   await tb.close()
 *
 * The terminals keep their own clock (real time, as in a branch); the host uses the bank's
 * FrozenClock for card expiry and daily limits.
 */
import net from 'node:net'
import { testBank } from './bank'
import { startCardHost, type CardHost } from '../../main/card-host/server'
import { issueCard } from '../../main/cards/cards'
import { createTerminal } from '../../main/cards/terminals'
import { customerAccounts } from '../../main/customers/customers'
import { decodeMessage, encodeMessage, fieldString, type IsoMessage } from '../../main/iso8583/codec'
import { FrameReader, frame } from '../../main/iso8583/framing'
import { postedBalance, type AccountRow } from '../../main/ledger/accounts'
import type { TransferRow } from '../../main/ledger/transfers'
import { moveValue } from '../../main/payments/value-moves'
import { makePlastic } from '../../devices/cards/plastic'
import { startTerminalService, type TerminalService } from '../../devices/terminals/service'
import type { TerminalKey, TerminalView } from '../../devices/terminals/view'

export const currency = { numeric: '840', alpha: 'USD', exponent: 2 } as const
export const atm_id = 'ATM00001'
export const pos_id = 'POS00001'

// ---------------------------------------------------------------- the proxy

export type Direction = 'to_host' | 'to_terminal'

/**
 * What to do with one frame: pass it on, lose it, keep it until `release`, send it twice,
 * or send another message in its place.
 */
export type Verdict = 'forward' | 'drop' | 'hold' | 'duplicate' | { replace: IsoMessage }

/** Undefined: this rule has no opinion, the next one (or forwarding) decides. */
export type Rule = (message: IsoMessage, direction: Direction) => Verdict | undefined

export interface SeenFrame {
  seq: number
  direction: Direction
  message: IsoMessage
  verdict: 'forward' | 'drop' | 'hold' | 'duplicate' | 'replace'
}

interface Held {
  frame: SeenFrame
  bytes: Buffer
  upstream: net.Socket
  downstream: net.Socket
}

export interface RuleHandle {
  /** How many frames this rule decided. */
  readonly hits: number
  remove(): void
}

/**
 * An ISO 8583 loopback proxy: terminals connect to it, it connects to the host (one
 * upstream connection per terminal connection) and passes whole frames both ways, after
 * asking its rules. Every frame it saw is kept, decoded, in `seen`.
 */
export class IsoProxy {
  readonly seen: SeenFrame[] = []
  private readonly rules: Array<{ rule: Rule; times: number; hits: number }> = []
  private readonly held: Held[] = []
  private readonly sockets = new Set<net.Socket>()
  private seq = 0

  private constructor(
    private readonly server: net.Server,
    /** Where the host listens now; a restarted host may listen elsewhere. */
    public upstream_port: number,
  ) {}

  static start(upstream_port: number): Promise<IsoProxy> {
    return new Promise((resolve, reject) => {
      const server = net.createServer()
      const proxy = new IsoProxy(server, upstream_port)
      server.on('connection', (socket) => proxy.serve(socket))
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve(proxy))
    })
  }

  get port(): number {
    const address = this.server.address()
    if (address === null || typeof address === 'string') throw new Error('the proxy is not listening')
    return address.port
  }

  /** Adds a rule; rules are asked in the order added, and `times` bounds how many frames this one decides. */
  rule(rule: Rule, options: { times?: number } = {}): RuleHandle {
    const entry = { rule, times: options.times ?? Number.POSITIVE_INFINITY, hits: 0 }
    this.rules.push(entry)
    return {
      get hits() {
        return entry.hits
      },
      remove: () => {
        const index = this.rules.indexOf(entry)
        if (index >= 0) this.rules.splice(index, 1)
      },
    }
  }

  /** Frames seen with this MTI (any of them) in this direction. */
  frames(direction: Direction, ...mtis: string[]): SeenFrame[] {
    return this.seen.filter((f) => f.direction === direction && (mtis.length === 0 || mtis.includes(f.message.mti)))
  }

  get held_count(): number {
    return this.held.length
  }

  /** Sends the held frames (those matching `which`, or all) on, in the order they arrived; returns how many went. */
  release(which: (frame: SeenFrame) => boolean = () => true): number {
    let released = 0
    for (const held of [...this.held]) {
      if (!which(held.frame)) continue
      this.held.splice(this.held.indexOf(held), 1)
      const target = held.frame.direction === 'to_host' ? held.upstream : held.downstream
      if (target.destroyed) throw new Error(`IsoProxy.release: the connection of held ${held.frame.message.mti} is gone`)
      target.write(held.bytes)
      released++
    }
    return released
  }

  /** Drops every connection, both sides, as a network outage would; the terminals reconnect. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy()
  }

  close(): Promise<void> {
    this.dropConnections()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }

  private serve(downstream: net.Socket): void {
    const upstream = net.connect({ host: '127.0.0.1', port: this.upstream_port })
    for (const socket of [downstream, upstream]) {
      this.sockets.add(socket)
      socket.setNoDelay(true)
      socket.on('close', () => {
        this.sockets.delete(socket)
        downstream.destroy()
        upstream.destroy()
      })
      socket.on('error', () => socket.destroy())
    }
    const pipe = (from: net.Socket, to: net.Socket, direction: Direction) => {
      const reader = new FrameReader()
      from.on('data', (chunk: Buffer) => {
        let bodies: Buffer[]
        try {
          bodies = reader.push(chunk)
        } catch {
          from.destroy()
          return
        }
        for (const body of bodies) this.pass(body, direction, to, { upstream, downstream })
      })
    }
    pipe(downstream, upstream, 'to_host')
    pipe(upstream, downstream, 'to_terminal')
  }

  private pass(body: Buffer, direction: Direction, to: net.Socket, pair: { upstream: net.Socket; downstream: net.Socket }): void {
    let message: IsoMessage
    try {
      message = decodeMessage(body)
    } catch {
      to.write(frame(body))
      return
    }
    let verdict: Verdict = 'forward'
    for (const entry of this.rules) {
      if (entry.hits >= entry.times) continue
      const decided = entry.rule(message, direction)
      if (decided === undefined) continue
      entry.hits++
      verdict = decided
      break
    }
    const seen: SeenFrame = { seq: ++this.seq, direction, message, verdict: typeof verdict === 'string' ? verdict : 'replace' }
    this.seen.push(seen)
    const bytes = frame(body)
    if (verdict === 'drop') return
    if (verdict === 'hold') {
      this.held.push({ frame: seen, bytes, ...pair })
      return
    }
    if (typeof verdict === 'object') {
      to.write(frame(encodeMessage(verdict.replace)))
      return
    }
    to.write(bytes)
    if (verdict === 'duplicate') to.write(bytes)
  }
}

/** A rule matching one MTI in one direction (and optionally one STAN). */
export function matching(direction: Direction, mti: string, verdict: Verdict, stan?: string): Rule {
  return (message, from) => (from === direction && message.mti === mti && (stan === undefined || fieldString(message, 11) === stan) ? verdict : undefined)
}

// ---------------------------------------------------------------- the bank

export interface Cardholder {
  label: string
  pin: string
  pan: string
  card_id: number
  customer_id: number
  expiry_yymm: string
  accounts(): { value: AccountRow; cash_access: AccountRow }
}

export interface TerminalBankOptions {
  /** How long a terminal waits for an answer before it reverses; short for the timeout tests. */
  reply_timeout_ms?: number
}

export type TerminalBank = Awaited<ReturnType<typeof terminalBank>>

export async function terminalBank(options: TerminalBankOptions = {}) {
  const bank = testBank()
  const { db, clock, ctx } = bank
  const host_log: string[] = []
  const terminal_log: string[] = []
  let host: CardHost = await startCardHost(ctx, { port: 0, log: (line) => host_log.push(line) })
  const proxy = await IsoProxy.start(host.port)
  const service: TerminalService = await startTerminalService({
    state_file: null,
    log: (line) => terminal_log.push(line),
    link_timings: {
      reply_timeout_ms: options.reply_timeout_ms ?? 3_000,
      reconnect_delay_min_ms: 20,
      reconnect_delay_max_ms: 200,
      connect_timeout_ms: 1_000,
    },
  })

  const atm = createTerminal(ctx, { terminal_id: atm_id, kind: 'atm', location: 'Main St', currency: currency.alpha })
  const pos = createTerminal(ctx, { terminal_id: pos_id, kind: 'pos', merchant_id: bank.merchant.id, location: 'Daily Gazette kiosk', currency: currency.alpha })
  const point = { iso_host: '127.0.0.1', iso_port: proxy.port, currency: { ...currency } }
  service.addTerminal({ terminal_id: atm_id, kind: 'atm', location: 'Main St branch', pin_key_hex: atm.pin_key.toString('hex'), ...point })
  service.addTerminal({ terminal_id: pos_id, kind: 'pos', location: 'Daily Gazette, Main St', pin_key_hex: pos.pin_key.toString('hex'), ...point })

  const holders = new Map<string, Cardholder>()
  let keys = 0
  /**
   * A customer with `cash_access_minor` in the cash-access account (and `value_minor` left in
   * the value account), a card with `pin`, its plastic in the wallet under `label`.
   * `issued_ms_ago` issues the card with the host's clock set back that far.
   */
  const addCardholder = (input: {
    label: string
    name?: string
    pin: string
    cash_access_minor: number
    value_minor?: number
    daily_limit_minor?: number
    issued_ms_ago?: number
  }): Cardholder => {
    const customer = bank.openCustomer({ name: input.name ?? 'Ada Lovelace', credit_limit_minor: 0 })
    const value_minor = input.value_minor ?? 0
    bank.fund(customer.accounts().value.id, input.cash_access_minor + value_minor)
    moveValue(db, clock, ctx.ledger, ctx.requests, {
      scope: 'test',
      idempotency_key: `to-cash-${++keys}`,
      customer_id: customer.customer.id,
      direction: 'value_to_cash_access',
      amount_minor: input.cash_access_minor,
    })
    const back_ms = input.issued_ms_ago ?? 0
    clock.advance(-back_ms)
    let issued: ReturnType<typeof issueCard>
    try {
      issued = issueCard(ctx, { customer_id: customer.customer.id, pin: input.pin, daily_withdrawal_limit_minor: input.daily_limit_minor ?? 100_000 })
    } finally {
      clock.advance(back_ms)
    }
    const { plastic } = issued
    service.wallet.add(makePlastic({ label: input.label, ...plastic }))
    const holder: Cardholder = {
      label: input.label,
      pin: input.pin,
      pan: plastic.pan,
      card_id: issued.card.id,
      customer_id: customer.customer.id,
      expiry_yymm: plastic.expiry_yymm,
      accounts: () => customerAccounts(db, customer.customer.id),
    }
    holders.set(input.label, holder)
    return holder
  }

  /** The cardholder's balances in their own sense (what the customer owns). */
  const balances = (holder: Cardholder) => {
    const { value, cash_access } = holder.accounts()
    return { cash_access: postedBalance(cash_access), value: postedBalance(value) }
  }
  const accountRow = (where: string, ...args: unknown[]) => db.prepare(`SELECT * FROM accounts WHERE ${where}`).get(...args) as AccountRow | undefined
  /**
   * Cash that left the bank's ATMs, net: the card host credits the (debit-normal, asset)
   * `atm_cash` account for every withdrawal, so this is its credits minus debits.
   */
  const atmCashOut = () => {
    const row = accountRow("owner_type = 'sp' AND kind = 'atm_cash' AND currency = ?", currency.alpha)
    return row ? row.credits_posted - row.debits_posted : 0
  }
  const merchantPayable = () => {
    const row = accountRow("owner_type = 'merchant' AND owner_id = ? AND kind = 'merchant_payable' AND currency = ?", bank.merchant.id, currency.alpha)
    return row ? postedBalance(row) : 0
  }
  /** Every transfer touching the cardholder's cash-access account, oldest first. */
  const transfersOf = (holder: Cardholder) =>
    db.prepare('SELECT * FROM transfers WHERE debit_account_id = ? OR credit_account_id = ? ORDER BY id').all(holder.accounts().cash_access.id, holder.accounts().cash_access.id) as TransferRow[]
  /** What counts against the card's daily withdrawal limit now. */
  const withdrawnToday = (holder: Cardholder) =>
    (db.prepare('SELECT ifnull(sum(amount_minor), 0) AS total FROM card_withdrawals WHERE card_id = ?').get(holder.card_id) as { total: number }).total
  const cardRow = (holder: Cardholder) =>
    db.prepare('SELECT status, blocked_reason, pin_tries_left FROM cards WHERE id = ?').get(holder.card_id) as { status: string; blocked_reason: string | null; pin_tries_left: number }
  /** What the host logged receiving or sending for a terminal (masked), oldest first. */
  const hostMessages = (terminal_id: string, direction: 'in' | 'out') =>
    db.prepare('SELECT mti, stan, response_code FROM iso_messages WHERE terminal_id = ? AND direction = ? ORDER BY id').all(terminal_id, direction) as Array<{
      mti: string
      stan: string
      response_code: string
    }>

  /** Stops the card host (its connections drop); `startHost` brings it back on the same database, on a new port. */
  const stopHost = () => host.close()
  const startHost = async () => {
    host = await startCardHost(ctx, { port: 0, log: (line) => host_log.push(line) })
    proxy.upstream_port = host.port
  }

  await waitForView(service, atm_id, (v) => v.link.status === 'online', 'the ATM to sign on')
  await waitForView(service, pos_id, (v) => v.link.status === 'online', 'the POS to sign on')

  return {
    bank,
    db,
    clock,
    ctx,
    service,
    proxy,
    host_log,
    terminal_log,
    addCardholder,
    holder: (label: string) => {
      const found = holders.get(label)
      if (!found) throw new Error(`no cardholder ${label}`)
      return found
    },
    balances,
    atmCashOut,
    merchantPayable,
    transfersOf,
    withdrawnToday,
    cardRow,
    hostMessages,
    stopHost,
    startHost,
    hostPort: () => host.port,
    async close() {
      await service.close()
      await proxy.close()
      await host.close()
    },
  }
}

// ---------------------------------------------------------------- waiting

/**
 * Resolves with the terminal's view once `check` holds, re-checking on every change the
 * terminal reports (subscribe); fails after `timeout_ms` naming what it waited for and
 * what the screen showed.
 */
export function waitForView(service: TerminalService, id: string, check: (view: TerminalView) => boolean, what: string, timeout_ms = 5_000): Promise<TerminalView> {
  const now = service.view(id)
  if (check(now)) return Promise.resolve(now)
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      const view = service.view(id)
      reject(new Error(`timed out after ${timeout_ms} ms waiting for ${what}; the screen shows ${view.screen.name}: ${view.screen.title} / ${view.screen.lines.join(' / ')}`))
    }, timeout_ms)
    unsubscribe = service.subscribe(id, () => {
      const view = service.view(id)
      if (!check(view)) return
      clearTimeout(timer)
      unsubscribe()
      resolve(view)
    })
  })
}

/** Polls `check` every 5 ms (for what no terminal reports, e.g. the host's database); fails after `timeout_ms`. */
export async function eventually(check: () => boolean, what: string, timeout_ms = 5_000): Promise<void> {
  const deadline = Date.now() + timeout_ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout_ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Waits for the terminal to leave "processing": an answer, a decline, a new PIN prompt, or a cancellation. */
export function settled(tb: TerminalBank, id: string, timeout_ms = 5_000): Promise<TerminalView> {
  return waitForView(tb.service, id, (v) => v.screen.name !== 'processing', `${id} to finish processing`, timeout_ms)
}

// ---------------------------------------------------------------- driving

function press(tb: TerminalBank, id: string, ...keys: TerminalKey[]): TerminalView {
  let view = tb.service.view(id)
  for (const key of keys) view = tb.service.press(id, key)
  return view
}

function expectScreen(view: TerminalView, name: string, step: string): void {
  if (view.screen.name !== name) throw new Error(`${step}: expected the ${name} screen, the terminal shows ${view.screen.name}: ${view.screen.title} / ${view.screen.lines.join(' / ')}`)
}

/** Types a PIN and presses Enter. */
export function enterPin(tb: TerminalBank, id: string, pin: string): TerminalView {
  return press(tb, id, ...([...pin] as TerminalKey[]), 'enter')
}

/** At the ATM: card in, PIN, Enter; leaves the ATM on the menu (or wherever a wrong PIN leads later). */
export function atmStart(tb: TerminalBank, holder: Cardholder, pin = holder.pin): TerminalView {
  expectScreen(tb.service.insertWalletCard(atm_id, holder.label), 'pin', 'card in')
  const view = enterPin(tb, atm_id, pin)
  expectScreen(view, 'menu', 'PIN entered')
  return view
}

/** Fast-cash keys and their amounts in whole units, as the ATM's screen lists them. */
const fast_cash_keys: Record<number, TerminalKey> = { 20: 'L1', 40: 'L2', 60: 'L3', 100: 'L4', 200: 'R1' }

/**
 * A withdrawal of `units` whole dollars: card, PIN, Withdrawal, then the fast-cash key for
 * the amount (via 'fast_cash') or Other amount and the digits (via 'amount'). Resolves with
 * the view once the ATM has finished processing.
 */
export async function atmWithdraw(
  tb: TerminalBank,
  holder: Cardholder,
  units: number,
  options: { pin?: string; via?: 'fast_cash' | 'amount'; timeout_ms?: number } = {},
): Promise<TerminalView> {
  atmStart(tb, holder, options.pin ?? holder.pin)
  expectScreen(press(tb, atm_id, 'R1'), 'fast_cash', 'Withdrawal chosen')
  let view: TerminalView
  if ((options.via ?? 'amount') === 'fast_cash') {
    const key = fast_cash_keys[units]
    if (key === undefined) throw new Error(`no fast-cash key for ${units}`)
    view = press(tb, atm_id, key)
  } else {
    expectScreen(press(tb, atm_id, 'R2'), 'amount', 'Other amount chosen')
    view = press(tb, atm_id, ...([...String(units)] as TerminalKey[]), 'enter')
  }
  expectScreen(view, 'processing', 'amount chosen')
  return settled(tb, atm_id, options.timeout_ms)
}

/** Balance at the ATM (menu R2). */
export async function atmBalance(tb: TerminalBank, holder: Cardholder): Promise<TerminalView> {
  atmStart(tb, holder)
  expectScreen(press(tb, atm_id, 'R2'), 'processing', 'Balance chosen')
  return settled(tb, atm_id)
}

/** Transfer to the value account at the ATM (menu R3), the amount typed in cents. */
export async function atmTransferToValue(tb: TerminalBank, holder: Cardholder, amount_minor: number): Promise<TerminalView> {
  atmStart(tb, holder)
  expectScreen(press(tb, atm_id, 'R3'), 'amount', 'Transfer chosen')
  expectScreen(press(tb, atm_id, ...([...String(amount_minor)] as TerminalKey[]), 'enter'), 'processing', 'amount entered')
  return settled(tb, atm_id)
}

/** After a PIN prompt that follows a wrong PIN: the PIN again, and the same transaction is resent. */
export async function atmRetryPin(tb: TerminalBank, pin: string): Promise<TerminalView> {
  expectScreen(enterPin(tb, atm_id, pin), 'processing', 'PIN retyped')
  return settled(tb, atm_id)
}

/**
 * The customer walks away with everything the ATM offers: the card (if given back), the
 * cash and the receipts; a retained card's screen is cleared with a key. Returns what was
 * taken.
 */
export function atmLeave(tb: TerminalBank): { cash: TerminalView['cash_tray']; receipts: TerminalView['receipts']; card: TerminalView['card']['state'] } {
  const view = tb.service.view(atm_id)
  if (view.card.state === 'ejected') tb.service.take(atm_id, 'card')
  if (view.card.state === 'retained') tb.service.press(atm_id, 'enter')
  if (view.cash_tray.length > 0) tb.service.take(atm_id, 'cash')
  if (view.receipts.length > 0) tb.service.take(atm_id, 'receipt')
  const after = tb.service.view(atm_id)
  // Out of service (no link) is where an ATM waiting for its host goes back to.
  if (after.screen.name !== 'out_of_service') expectScreen(after, 'idle', 'the customer left')
  return { cash: view.cash_tray, receipts: view.receipts, card: view.card.state }
}

/**
 * At the POS: the merchant chooses purchase (1), balance (2) or transfer to value (3) and
 * types the amount in cents, the customer swipes and types the PIN. Resolves once the
 * POS has finished processing.
 */
export async function posSale(
  tb: TerminalBank,
  holder: Cardholder,
  kind: 'purchase' | 'balance' | 'transfer_to_value',
  amount_minor = 0,
  options: { pin?: string } = {},
): Promise<TerminalView> {
  const menu_key: Record<typeof kind, TerminalKey> = { purchase: '1', balance: '2', transfer_to_value: '3' }
  expectScreen(tb.service.view(pos_id), 'idle', 'POS ready')
  let view = press(tb, pos_id, menu_key[kind])
  if (kind !== 'balance') {
    expectScreen(view, 'amount', 'transaction chosen')
    view = press(tb, pos_id, ...([...String(amount_minor)] as TerminalKey[]), 'enter')
  }
  expectScreen(view, 'card', 'amount entered')
  expectScreen(tb.service.insertWalletCard(pos_id, holder.label), 'pin', 'card swiped')
  expectScreen(enterPin(tb, pos_id, options.pin ?? holder.pin), 'processing', 'PIN entered')
  return settled(tb, pos_id)
}

/** The merchant tears off the receipt and returns the POS to its menu. */
export function posDone(tb: TerminalBank): TerminalView['receipts'] {
  const view = tb.service.view(pos_id)
  if (view.receipts.length > 0) tb.service.take(pos_id, 'receipt')
  tb.service.press(pos_id, 'enter')
  expectScreen(tb.service.view(pos_id), 'idle', 'POS back to its menu')
  return view.receipts
}
