/**
 * The ATM: a state machine driven by the card slot, the keypad, the function keys beside
 * the display, and the host's answers.
 *
 *   idle → card in → PIN (dots only) → menu → amount → notes planned (or "cannot dispense",
 *   before the host is asked) → 0200 → approved: notes into the tray, receipt, card out
 *                                      declined: the code's meaning, card out (or kept, 75)
 *                                      no answer: 0420 reversal, "cancelled", card out
 *
 * A dispense that comes out short (a jammed cassette) is reversed in part with field 95.
 * Supervisor mode, with no card in, loads cassettes, resets counters and injects faults.
 */
import type { IsoMessage } from '../../main/iso8583/codec'
import { maskPan } from '../../main/iso8583/mask'
import { amountFromDigits, typeAmountDigit } from './amount-entry'
import type { CardRead } from './card-read'
import { planAmountMinor } from './cassettes'
import { TerminalActionRefused } from './errors'
import { dispense, newCassette, notesByDenomination, planFor, type CassetteState, type NotesOut } from './dispenser'
import { sendFinancial, type FinancialOutcome } from './financial'
import type { JournalEntry } from './journal'
import { financialRequest } from './messages'
import { formatMoney, wholeUnits } from './money'
import { IdleTimer, pin_retries_max, type TerminalParts } from './parts'
import { PinEntry } from './pin-pad'
import { processing_codes, type TransactionKind } from './processing-codes'
import { buildReceipt } from './receipt'
import { approved, incorrect_pin, pin_tries_exceeded, responseMeaning } from './response-codes'
import { atmScreen, fast_cash_units, type AtmScreen } from './atm-screens'
import type { CardSlotView, FunctionKey, ScreenView, TerminalKey } from './view'

interface Session {
  card: CardRead
  label: string | null
  slot: 'inserted' | 'ejected' | 'retained'
  /** Sealed at Enter, used by the one transaction of the session, then wiped. */
  pin_block: Buffer | null
  wrong_pins: number
}

/** What a wrong PIN sends back to the PIN screen, to be sent again with the new PIN. */
export interface AtmRequest {
  kind: Exclude<TransactionKind, 'purchase'>
  amount_minor: number
}

export class Atm {
  private screen: AtmScreen = { name: 'idle' }
  private session: Session | null = null
  private tray: NotesOut[] = []
  private supervisor = false
  private readonly idle: IdleTimer

  constructor(
    private readonly parts: TerminalParts,
    readonly cassettes: CassetteState[],
  ) {
    this.idle = new IdleTimer(parts.timings.customer_idle_ms)
  }

  // ---- what the screen shows ----

  get in_service(): boolean {
    return this.parts.link.state.status === 'online' && !this.parts.reversals.full && !this.supervisor
  }

  screenView(): ScreenView {
    return atmScreen(this.screen, {
      in_service: this.in_service,
      link_detail: this.parts.link.state.detail,
      reversals_full: this.parts.reversals.full,
      currency: this.parts.identity.currency,
      location: this.parts.identity.location,
      cassettes: this.cassettes,
    })
  }

  cardView(): CardSlotView {
    if (this.session === null) return { state: 'empty', label: null, pan_masked: null }
    return { state: this.session.slot, label: this.session.label, pan_masked: maskPan(this.session.card.pan) }
  }

  get cash_tray(): NotesOut[] {
    return [...this.tray]
  }

  get in_supervisor_mode(): boolean {
    return this.supervisor
  }

  // ---- the customer's side ----

  insertCard(card: CardRead, label: string | null): void {
    if (this.supervisor) throw new TerminalActionRefused('The ATM is in supervisor mode; leave it before inserting a card.')
    if (this.session !== null) throw new TerminalActionRefused('There is already a card in the slot.')
    if (!this.in_service) throw new TerminalActionRefused(`The ATM is out of service: ${this.outOfServiceReason()}`)
    this.session = { card, label, slot: 'inserted', pin_block: null, wrong_pins: 0 }
    this.show({ name: 'pin', pin: new PinEntry(), retry: null, message: null })
  }

  takeCard(): void {
    const session = this.session
    if (session === null || session.slot !== 'ejected') throw new TerminalActionRefused('There is no card to take.')
    this.session = null
    this.show({ name: 'idle' })
  }

  takeCash(): void {
    if (this.tray.length === 0) throw new TerminalActionRefused('The cash tray is empty.')
    this.tray = []
    this.parts.changed()
  }

  takeReceipt(): void {
    if (!this.parts.printer.take()) throw new TerminalActionRefused('There is no receipt to take.')
    this.parts.changed()
  }

  /** A key press. Keys that mean nothing on the current screen are ignored, as a real keypad beeps and does nothing. */
  press(key: TerminalKey): void {
    const screen = this.screen
    if (screen.name === 'retained' && this.session !== null) {
      // The card stays in the machine; any key lets the next customer start.
      this.session = null
      this.show({ name: 'idle' })
      return
    }
    if (!['pin', 'menu', 'fast_cash', 'amount'].includes(screen.name)) return
    if (key === 'cancel') {
      this.finish({ title: 'Transaction cancelled', lines: ['Please take your card.'], tone: 'normal' })
      return
    }
    this.touch()
    switch (screen.name) {
      case 'pin':
        this.onPinKey(screen, key)
        break
      case 'menu':
        this.onMenuKey(key)
        break
      case 'fast_cash':
        this.onFastCashKey(key)
        break
      case 'amount':
        this.onAmountKey(screen, key)
        break
    }
    this.parts.changed()
  }

  private onPinKey(screen: Extract<AtmScreen, { name: 'pin' }>, key: TerminalKey): void {
    const session = this.requireSession()
    if (/^[0-9]$/.test(key)) screen.pin.type(key)
    else if (key === 'clear') screen.pin.clear()
    else if (key === 'enter' && screen.pin.complete) {
      session.pin_block = screen.pin.seal(session.card.pan, this.parts.pinKey())
      if (screen.retry !== null) {
        void this.run(screen.retry)
        return
      }
      this.show({ name: 'menu' })
    }
  }

  private onMenuKey(key: TerminalKey): void {
    const choices: Partial<Record<FunctionKey, () => void>> = {
      R1: () => this.show({ name: 'fast_cash', message: null }),
      R2: () => void this.run({ kind: 'balance', amount_minor: 0 }),
      R3: () => this.show({ name: 'amount', purpose: 'transfer_to_value', digits: '', message: null }),
      R4: () => this.press('cancel'),
    }
    choices[key as FunctionKey]?.()
  }

  private onFastCashKey(key: TerminalKey): void {
    const index = (['L1', 'L2', 'L3', 'L4', 'R1'] as const).indexOf(key as 'L1')
    const units = fast_cash_units[index]
    if (index >= 0 && units !== undefined) this.withdraw(wholeUnits(units, this.parts.identity.currency), 'fast_cash')
    else if (key === 'R2') this.show({ name: 'amount', purpose: 'withdrawal', digits: '', message: null })
    else if (key === 'R4') this.press('cancel')
  }

  private onAmountKey(screen: Extract<AtmScreen, { name: 'amount' }>, key: TerminalKey): void {
    const mode = screen.purpose === 'withdrawal' ? 'whole' : 'minor'
    if (/^[0-9]$/.test(key)) {
      this.show({ ...screen, digits: typeAmountDigit(screen.digits, key, mode), message: null })
    } else if (key === 'clear') {
      this.show({ ...screen, digits: '', message: null })
    } else if (key === 'enter') {
      const amount_minor = amountFromDigits(screen.digits, mode, this.parts.identity.currency)
      if (amount_minor === 0) return
      if (screen.purpose === 'withdrawal') this.withdraw(amount_minor, 'amount')
      else void this.run({ kind: 'transfer_to_value', amount_minor })
    }
  }

  /** The "cannot dispense" check comes first: the host is only asked for what the cassettes can pay. */
  private withdraw(amount_minor: number, from: 'fast_cash' | 'amount'): void {
    const plan = planFor(amount_minor, this.cassettes, this.parts.identity.currency.alpha)
    if (plan.kind === 'cannot_dispense') {
      const session = this.requireSession()
      this.journal({ transaction: 'withdrawal', amount_minor, outcome: 'cannot_dispense', detail: 'refused before asking the host: the cassettes cannot pay this amount' }, session)
      const message = `This ATM cannot pay out ${formatMoney(amount_minor, this.parts.identity.currency)}. Please choose another amount.`
      this.show(from === 'fast_cash' ? { name: 'fast_cash', message } : { name: 'amount', purpose: 'withdrawal', digits: '', message })
      return
    }
    void this.run({ kind: 'withdrawal', amount_minor })
  }

  // ---- talking to the host ----

  private async run(request: AtmRequest): Promise<void> {
    const session = this.requireSession()
    const pin_block = session.pin_block
    if (pin_block === null) throw new Error('Atm.run: no PIN block in this session')
    session.pin_block = null
    this.show({ name: 'processing' })
    const { identity, link, now } = this.parts
    const message = financialRequest({
      terminal: identity,
      processing_code: processing_codes[request.kind],
      amount_minor: request.amount_minor,
      track2: session.card.track2,
      pin_block,
      stan: link.nextStan(),
      at: now(),
    })
    let outcome: FinancialOutcome
    try {
      outcome = await sendFinancial(link, this.parts.reversals, message, session.card.pan)
    } finally {
      // The request held the only copy of the block; nothing else needs it once it is sent.
      pin_block.fill(0)
    }
    await this.complete(request, message, outcome, session)
    this.parts.changed()
  }

  private async complete(request: AtmRequest, message: IsoMessage, outcome: FinancialOutcome, session: Session): Promise<void> {
    const stan = message.fields.get(11)
    const base = { transaction: request.kind, amount_minor: request.amount_minor, stan: typeof stan === 'string' ? stan : null }
    if (outcome.kind === 'not_sent') {
      this.journal({ ...base, outcome: 'not_sent', detail: 'no connection to the host: nothing was sent' }, session)
      this.finish({ title: 'Service unavailable', lines: ['We could not reach your bank.', 'Nothing has been charged.', 'Please take your card.'], tone: 'declined' })
      return
    }
    if (outcome.kind === 'no_answer') {
      this.journal({ ...base, outcome: 'no_answer', reversal: outcome.reversal, detail: `no answer in time: reversal ${outcome.reversal}` }, session)
      this.finish({
        title: 'Transaction cancelled',
        lines: ['Your bank did not answer in time.', 'Any amount taken is being returned.', 'Please take your card.'],
        tone: 'declined',
      })
      return
    }
    const answered = { ...base, response_code: outcome.code, approval_code: outcome.approval_code, rrn: outcome.rrn }
    if (outcome.code === incorrect_pin && session.wrong_pins + 1 < pin_retries_max) {
      session.wrong_pins++
      this.journal({ ...answered, outcome: 'declined', detail: 'incorrect PIN: asked again' }, session)
      this.show({ name: 'pin', pin: new PinEntry(), retry: request, message: 'Incorrect PIN. Please try again.' })
      return
    }
    if (outcome.code !== approved) {
      const meaning = responseMeaning(outcome.code)
      this.journal({ ...answered, outcome: 'declined', detail: meaning }, session)
      this.printReceipt(request, message, outcome, session, meaning)
      if (outcome.code === pin_tries_exceeded) {
        session.slot = 'retained'
        this.show({ name: 'retained', meaning })
        return
      }
      this.finish({ title: 'Transaction declined', lines: [`${meaning} (${outcome.code}).`, 'Please take your card.'], tone: 'declined' })
      return
    }
    if (request.kind === 'withdrawal') {
      await this.payOut(request, message, outcome, session)
      return
    }
    this.journal({ ...answered, outcome: 'approved', detail: 'approved' }, session)
    this.printReceipt(request, message, outcome, session, 'Approved')
    const currency = this.parts.identity.currency
    const { available_minor, ledger_minor } = outcome.balances
    const balance_lines = [
      ...(available_minor !== null ? [`Available: ${formatMoney(available_minor, currency)}`] : []),
      ...(ledger_minor !== null ? [`Balance: ${formatMoney(ledger_minor, currency)}`] : []),
    ]
    if (request.kind === 'balance') {
      this.finish({ title: 'Your balance', lines: [...(balance_lines.length > 0 ? balance_lines : ['The bank sent no balance.']), 'Please take your card.'], tone: 'approved' })
    } else {
      this.finish({
        title: 'Transfer done',
        lines: [`${formatMoney(request.amount_minor, currency)} moved to your value account.`, ...balance_lines, 'Please take your card.'],
        tone: 'approved',
      })
    }
  }

  /** Approved: take the notes out. Short (a jam) → a partial reversal for what stayed in the machine. */
  private async payOut(request: AtmRequest, message: IsoMessage, outcome: Extract<FinancialOutcome, { kind: 'answered' }>, session: Session): Promise<void> {
    const currency = this.parts.identity.currency
    const plan = planFor(request.amount_minor, this.cassettes, currency.alpha)
    // The cassettes cannot change between the check and the answer (supervisor mode needs an empty slot), so this holds.
    if (plan.kind !== 'plan' || planAmountMinor(plan.notes, this.cassettes) !== request.amount_minor) throw new Error('Atm.payOut: the notes planned before the request are gone')
    const paid = dispense(plan.notes, this.cassettes)
    const notes = notesByDenomination(paid.notes, this.cassettes)
    this.addToTray(notes)
    const answered = { transaction: request.kind, amount_minor: request.amount_minor, stan: stanOf(message), response_code: outcome.code, approval_code: outcome.approval_code, rrn: outcome.rrn }
    if (paid.complete) {
      this.journal({ ...answered, outcome: 'approved', dispensed_minor: paid.dispensed_minor, notes, detail: 'approved and dispensed' }, session)
      this.printReceipt(request, message, outcome, session, 'Approved')
      this.finish({ title: 'Please take your card and your cash', lines: [`${formatMoney(request.amount_minor, currency)} is in the cash tray.`, 'Thank you.'], tone: 'approved' })
      return
    }
    this.show({ name: 'processing' })
    const reversal = await this.parts.reversals.reverse(message, { pan: session.card.pan, dispensed_minor: paid.dispensed_minor })
    this.journal(
      { ...answered, outcome: 'partial_dispense', dispensed_minor: paid.dispensed_minor, notes, reversal, detail: `cassette jammed: dispensed ${paid.dispensed_minor} of ${request.amount_minor}, partial reversal ${reversal}` },
      session,
    )
    this.printReceipt(request, message, outcome, session, 'Partly dispensed', paid.dispensed_minor)
    this.finish({
      title: 'Please take your card and your cash',
      lines: [
        `We could only pay out ${formatMoney(paid.dispensed_minor, currency)} of ${formatMoney(request.amount_minor, currency)}.`,
        'The rest is being returned to your account.',
      ],
      tone: 'declined',
    })
  }

  private addToTray(notes: NotesOut[]): void {
    for (const out of notes) {
      const there = this.tray.find((t) => t.denomination_minor === out.denomination_minor)
      if (there) there.count += out.count
      else this.tray.push({ ...out })
    }
    this.tray.sort((a, b) => b.denomination_minor - a.denomination_minor)
  }

  private printReceipt(request: AtmRequest, message: IsoMessage, outcome: Extract<FinancialOutcome, { kind: 'answered' }>, session: Session, result: string, dispensed_minor?: number): void {
    const { identity, now } = this.parts
    const lines = buildReceipt({
      at: now(),
      terminal_id: identity.terminal_id,
      location: identity.location,
      kind: 'atm',
      pan: session.card.pan,
      transaction: request.kind,
      currency: identity.currency,
      amount_minor: request.kind === 'balance' ? null : request.amount_minor,
      ...(dispensed_minor !== undefined ? { dispensed_minor } : {}),
      result: outcome.code === approved ? result : `${result} ${outcome.code}`,
      stan: stanOf(message) ?? '',
      approval_code: outcome.approval_code,
      rrn: outcome.rrn,
      balances: outcome.code === approved ? outcome.balances : null,
    })
    this.parts.printer.print(lines, now())
  }

  // ---- supervisor ----

  enterSupervisor(): void {
    if (this.session !== null) throw new TerminalActionRefused('Take the card out before entering supervisor mode.')
    this.supervisor = true
    this.show({ name: 'supervisor' })
  }

  exitSupervisor(): void {
    this.requireSupervisor()
    this.supervisor = false
    this.show({ name: 'idle' })
  }

  /** Replaces the cassettes with a fresh load; counters start again from the load. */
  loadCassettes(load: ReadonlyArray<{ denomination_minor: number; count: number }>): void {
    this.requireSupervisor()
    this.cassettes.splice(0, this.cassettes.length, ...load.map((c) => newCassette({ ...c, currency: this.parts.identity.currency.alpha })))
    this.parts.changed()
  }

  resetCounters(): void {
    this.requireSupervisor()
    for (const cassette of this.cassettes) {
      cassette.loaded = cassette.count
      cassette.dispensed = 0
    }
    this.parts.changed()
  }

  /** The fault switch: cassette `slot` (0-based) jams after `jam_after_notes` more notes; null clears the fault and the jam. */
  setFault(slot: number, jam_after_notes: number | null): void {
    this.requireSupervisor()
    const cassette = this.cassettes[slot]
    if (cassette === undefined) throw new TerminalActionRefused(`There is no cassette ${slot + 1}.`)
    if (jam_after_notes !== null && (!Number.isSafeInteger(jam_after_notes) || jam_after_notes < 0)) throw new TerminalActionRefused('Jam after a whole number of notes, 0 or more.')
    cassette.jam_after_notes = jam_after_notes
    cassette.jammed = false
    this.parts.changed()
  }

  // ---- the link ----

  /** Called when the link signs on again: queued reversal advices go first. */
  async linkOnline(): Promise<void> {
    if (this.parts.reversals.size > 0) await this.parts.reversals.flush()
    this.parts.changed()
  }

  stop(): void {
    this.idle.disarm()
  }

  // ---- helpers ----

  private show(screen: AtmScreen): void {
    this.screen = screen
    if (['pin', 'menu', 'fast_cash', 'amount'].includes(screen.name)) this.touch()
    else this.idle.disarm()
    this.parts.changed()
  }

  /** The customer did something: the walk-away timer starts again. */
  private touch(): void {
    this.idle.arm(() => this.finish({ title: 'Session timed out', lines: ['Please take your card.'], tone: 'declined' }))
  }

  private finish(result: { title: string; lines: string[]; tone: 'normal' | 'approved' | 'declined' }): void {
    if (this.session !== null) {
      if (this.session.slot === 'inserted') this.session.slot = 'ejected'
      this.session.pin_block?.fill(0)
      this.session.pin_block = null
    }
    this.show({ name: 'finished', ...result })
  }

  private journal(entry: Pick<JournalEntry, 'transaction' | 'amount_minor' | 'outcome' | 'detail'> & Partial<JournalEntry>, session: Session): void {
    this.parts.journal.record(entry, { at: this.parts.now(), currency: this.parts.identity.currency.alpha, pan: session.card.pan })
  }

  private requireSession(): Session {
    if (this.session === null) throw new Error('Atm: no card session')
    return this.session
  }

  private requireSupervisor(): void {
    if (!this.supervisor) throw new TerminalActionRefused('Enter supervisor mode first.')
  }

  private outOfServiceReason(): string {
    if (this.supervisor) return 'supervisor mode.'
    if (this.parts.reversals.full) return 'reversals are waiting for the host.'
    return this.parts.link.state.detail
  }
}

function stanOf(message: IsoMessage): string | null {
  const stan = message.fields.get(11)
  return typeof stan === 'string' ? stan : null
}
