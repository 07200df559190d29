/**
 * The countertop POS terminal. The merchant picks the transaction and types the amount, the
 * customer swipes and types the PIN, the terminal sends the 0200 and prints the receipt:
 *
 *   menu (1 purchase, 2 balance, 3 transfer to value account) → amount (merchant) →
 *   swipe → PIN → 0200 → approved / declined (meaning shown) / no answer (0420, cancelled)
 *
 * The card is swiped, not held, so there is no card to take back.
 */
import type { IsoMessage } from '../../main/iso8583/codec'
import { maskPan } from '../../main/iso8583/mask'
import { amountFromDigits, amountText, typeAmountDigit } from './amount-entry'
import type { CardRead } from './card-read'
import { TerminalActionRefused } from './errors'
import { sendFinancial, type FinancialOutcome } from './financial'
import type { JournalEntry } from './journal'
import { financialRequest } from './messages'
import { formatMoney } from './money'
import { IdleTimer, pin_retries_max, type TerminalParts } from './parts'
import { PinEntry } from './pin-pad'
import { processing_codes, transaction_labels, type TransactionKind } from './processing-codes'
import { buildReceipt } from './receipt'
import { approved, incorrect_pin, responseMeaning } from './response-codes'
import type { CardSlotView, ScreenView, TerminalKey } from './view'

type PosKind = Exclude<TransactionKind, 'withdrawal'>

interface Sale {
  kind: PosKind
  amount_minor: number
}

type PosScreen =
  | { name: 'idle' }
  | { name: 'amount'; kind: PosKind; digits: string }
  | { name: 'card'; sale: Sale }
  | { name: 'pin'; sale: Sale; card: CardRead; label: string | null; pin: PinEntry; wrong_pins: number; message: string | null }
  | { name: 'processing'; card: CardRead; label: string | null }
  | { name: 'result'; title: string; lines: string[]; tone: 'approved' | 'declined' | 'normal' }

const menu_keys: Readonly<Record<string, PosKind>> = { '1': 'purchase', '2': 'balance', '3': 'transfer_to_value' }

export class Pos {
  private screen: PosScreen = { name: 'idle' }
  /** Seed 001 fig. 4B: on a shared acquirer POS, the merchant the next payments are for. */
  private merchant: { acceptor_id: string; name: string } | null = null
  private readonly idle: IdleTimer

  constructor(private readonly parts: TerminalParts) {
    this.idle = new IdleTimer(parts.timings.customer_idle_ms)
  }

  /** Field 42 for the next payment and the chosen merchant's name (null: the terminal's own). */
  acceptor(): { acceptor_id: string; merchant_name: string | null } {
    return { acceptor_id: this.merchant?.acceptor_id ?? this.parts.identity.acceptor_id, merchant_name: this.merchant?.name ?? null }
  }

  /** Chooses whom the next payments are for; never in the middle of a sale. */
  chooseMerchant(choice: { acceptor_id: string | null; merchant_name: string | null }): void {
    if (this.screen.name !== 'idle' && this.screen.name !== 'result') {
      throw new TerminalActionRefused('Finish or cancel the sale first: the merchant is chosen before the amount.')
    }
    this.merchant = choice.acceptor_id === null ? null : { acceptor_id: choice.acceptor_id, name: choice.merchant_name ?? choice.acceptor_id }
    this.parts.changed()
  }

  get in_service(): boolean {
    return this.parts.link.state.status === 'online' && !this.parts.reversals.full
  }

  cardView(): CardSlotView {
    const screen = this.screen
    if (screen.name !== 'pin' && screen.name !== 'processing') return { state: 'empty', label: null, pan_masked: null }
    return { state: 'inserted', label: screen.label, pan_masked: maskPan(screen.card.pan) }
  }

  /** A swipe: only when the terminal asks for a card. */
  insertCard(card: CardRead, label: string | null): void {
    const screen = this.screen
    if (screen.name !== 'card') throw new TerminalActionRefused('The POS is not waiting for a card: choose a transaction and enter the amount first.')
    this.show({ name: 'pin', sale: screen.sale, card, label, pin: new PinEntry(), wrong_pins: 0, message: null })
  }

  takeReceipt(): void {
    if (!this.parts.printer.take()) throw new TerminalActionRefused('There is no receipt to take.')
    this.parts.changed()
  }

  press(key: TerminalKey): void {
    const screen = this.screen
    switch (screen.name) {
      case 'idle':
        this.onMenuKey(key)
        break
      case 'amount':
        this.onAmountKey(screen, key)
        break
      case 'card':
        if (key === 'cancel') this.show({ name: 'idle' })
        break
      case 'pin':
        this.onPinKey(screen, key)
        break
      case 'processing':
        break
      case 'result':
        if (key === 'enter' || key === 'cancel' || key === 'clear') this.show({ name: 'idle' })
        break
    }
  }

  private onMenuKey(key: TerminalKey): void {
    const kind = menu_keys[key]
    if (kind === undefined || !this.in_service) return
    if (kind === 'balance') this.show({ name: 'card', sale: { kind, amount_minor: 0 } })
    else this.show({ name: 'amount', kind, digits: '' })
  }

  private onAmountKey(screen: Extract<PosScreen, { name: 'amount' }>, key: TerminalKey): void {
    if (/^[0-9]$/.test(key)) this.show({ ...screen, digits: typeAmountDigit(screen.digits, key, 'minor') })
    else if (key === 'clear') this.show({ ...screen, digits: '' })
    else if (key === 'cancel') this.show({ name: 'idle' })
    else if (key === 'enter') {
      const amount_minor = amountFromDigits(screen.digits, 'minor', this.parts.identity.currency)
      if (amount_minor > 0) this.show({ name: 'card', sale: { kind: screen.kind, amount_minor } })
    }
  }

  private onPinKey(screen: Extract<PosScreen, { name: 'pin' }>, key: TerminalKey): void {
    if (/^[0-9]$/.test(key)) {
      screen.pin.type(key)
      this.show(screen)
    } else if (key === 'clear') {
      screen.pin.clear()
      this.show(screen)
    } else if (key === 'cancel') {
      this.result({ title: 'Cancelled', lines: ['Transaction cancelled.'], tone: 'normal' })
    } else if (key === 'enter' && screen.pin.complete) {
      void this.run(screen, screen.pin.seal(screen.card.pan, this.parts.pinKey()))
    }
  }

  private async run(screen: Extract<PosScreen, { name: 'pin' }>, pin_block: Buffer): Promise<void> {
    const { sale, card } = screen
    this.show({ name: 'processing', card, label: screen.label })
    const { identity, link, now } = this.parts
    const message = financialRequest({
      terminal: { ...identity, acceptor_id: this.acceptor().acceptor_id },
      processing_code: processing_codes[sale.kind],
      amount_minor: sale.amount_minor,
      track2: card.track2,
      pin_block,
      stan: link.nextStan(),
      at: now(),
    })
    let outcome: FinancialOutcome
    try {
      outcome = await sendFinancial(link, this.parts.reversals, message, card.pan)
    } finally {
      pin_block.fill(0)
    }
    this.complete(screen, message, outcome)
  }

  private complete(screen: Extract<PosScreen, { name: 'pin' }>, message: IsoMessage, outcome: FinancialOutcome): void {
    const { sale, card } = screen
    const currency = this.parts.identity.currency
    const stan = message.fields.get(11)
    const base = { transaction: sale.kind, amount_minor: sale.amount_minor, stan: typeof stan === 'string' ? stan : null }
    if (outcome.kind === 'not_sent') {
      this.journal({ ...base, outcome: 'not_sent', detail: 'no connection to the host: nothing was sent' }, card)
      this.result({ title: 'No connection', lines: ['The bank could not be reached.', 'Nothing was charged.'], tone: 'declined' })
      return
    }
    if (outcome.kind === 'no_answer') {
      this.journal({ ...base, outcome: 'no_answer', reversal: outcome.reversal, detail: `no answer in time: reversal ${outcome.reversal}` }, card)
      this.result({ title: 'Transaction cancelled', lines: ['No answer from the bank in time.', 'Any amount taken is being returned.'], tone: 'declined' })
      return
    }
    const answered = { ...base, response_code: outcome.code, approval_code: outcome.approval_code, rrn: outcome.rrn }
    if (outcome.code === incorrect_pin && screen.wrong_pins + 1 < pin_retries_max) {
      this.journal({ ...answered, outcome: 'declined', detail: 'incorrect PIN: asked again' }, card)
      this.show({ ...screen, pin: new PinEntry(), wrong_pins: screen.wrong_pins + 1, message: 'Incorrect PIN, try again' })
      return
    }
    const ok = outcome.code === approved
    const meaning = responseMeaning(outcome.code)
    this.journal({ ...answered, outcome: ok ? 'approved' : 'declined', detail: meaning }, card)
    const { now, identity } = this.parts
    this.parts.printer.print(
      buildReceipt({
        at: now(),
        terminal_id: identity.terminal_id,
        location: identity.location,
        kind: 'pos',
        merchant_name: this.merchant?.name ?? null,
        pan: card.pan,
        transaction: sale.kind,
        currency,
        amount_minor: sale.kind === 'balance' ? null : sale.amount_minor,
        result: ok ? 'Approved' : `Declined ${outcome.code}`,
        stan: base.stan ?? '',
        approval_code: outcome.approval_code,
        rrn: outcome.rrn,
        balances: ok ? outcome.balances : null,
      }),
      now(),
    )
    const for_line = this.merchant && sale.kind === 'purchase' ? [`For ${this.merchant.name}`] : []
    if (!ok) {
      this.result({ title: 'Declined', lines: [`${meaning} (${outcome.code})`, ...for_line], tone: 'declined' })
      return
    }
    const available = outcome.balances.available_minor ?? outcome.balances.ledger_minor
    const balance_line = available !== null ? [`Balance ${formatMoney(available, currency)}`] : []
    const lines =
      sale.kind === 'balance'
        ? balance_line.length > 0 ? balance_line : ['The bank sent no balance.']
        : [formatMoney(sale.amount_minor, currency), ...for_line, `Approval code ${outcome.approval_code ?? '-'}`, ...balance_line]
    this.result({ title: 'Approved', lines, tone: 'approved' })
  }

  screenView(): ScreenView {
    const screen = this.screen
    const currency = this.parts.identity.currency
    const base = { function_keys: {}, entry: null, tone: 'normal' } as const
    switch (screen.name) {
      case 'idle':
        if (!this.in_service) {
          return { ...base, name: 'out_of_service', title: 'Out of service', lines: [this.parts.reversals.full ? 'Reversals waiting for the bank' : this.parts.link.state.detail], tone: 'out_of_service' }
        }
        return { ...base, name: 'idle', title: 'Select', lines: ['1 Purchase', '2 Balance', '3 Transfer to value'] }
      case 'amount':
        return { ...base, name: 'amount', title: transaction_labels[screen.kind], lines: ['Enter amount, then Enter'], entry: { label: 'Amount', text: amountText(screen.digits, 'minor', currency) } }
      case 'card':
        return { ...base, name: 'card', title: saleTitle(screen.sale, currency), lines: ['Insert or swipe card'] }
      case 'pin':
        return {
          ...base,
          name: 'pin',
          title: saleTitle(screen.sale, currency),
          lines: [screen.message ?? 'Customer: enter PIN'],
          entry: { label: 'PIN', text: screen.pin.dots },
          tone: screen.message ? 'declined' : 'normal',
        }
      case 'processing':
        return { ...base, name: 'processing', title: 'Processing', lines: ['Please wait…'], tone: 'wait' }
      case 'result':
        return { ...base, name: 'finished', title: screen.title, lines: [...screen.lines, 'Press Enter'], tone: screen.tone }
    }
  }

  async linkOnline(): Promise<void> {
    if (this.parts.reversals.size > 0) await this.parts.reversals.flush()
    this.parts.changed()
  }

  stop(): void {
    this.idle.disarm()
  }

  private result(result: { title: string; lines: string[]; tone: 'approved' | 'declined' | 'normal' }): void {
    this.show({ name: 'result', ...result })
  }

  private show(screen: PosScreen): void {
    this.screen = screen
    // Someone is at the counter on these screens; walking away cancels the sale.
    if (screen.name === 'amount' || screen.name === 'card' || screen.name === 'pin') {
      this.idle.arm(() => this.show({ name: 'result', title: 'Timed out', lines: ['Transaction cancelled.'], tone: 'normal' }))
    } else {
      this.idle.disarm()
    }
    this.parts.changed()
  }

  private journal(entry: Pick<JournalEntry, 'transaction' | 'amount_minor' | 'outcome' | 'detail'> & Partial<JournalEntry>, card: CardRead): void {
    this.parts.journal.record(entry, { at: this.parts.now(), currency: this.parts.identity.currency.alpha, pan: card.pan })
  }
}

function saleTitle(sale: Sale, currency: Parameters<typeof formatMoney>[1]): string {
  return sale.kind === 'balance' ? 'Balance inquiry' : `${transaction_labels[sale.kind]} ${formatMoney(sale.amount_minor, currency)}`
}
