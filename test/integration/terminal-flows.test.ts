/**
 * End-to-end ATM and POS flows: the emulated terminals (devices/terminals) drive the REAL
 * card host (main/card-host) over loopback TCP, through a proxy that can drop, hold,
 * duplicate or rewrite single frames. After every flow the ledger's invariants hold (what
 * `npm run verify` checks) and every balance is exactly what a bank would expect.
 *
 * Money in USD minor units. "ATM cash out" is the card host's atm_cash account (an asset,
 * debit-normal): each withdrawal credits it, so its credits minus debits is the cash that
 * left the bank's ATMs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { changeCardStatus, isExpired } from '../../main/cards/cards'
import { fieldString, type IsoMessage } from '../../main/iso8583/codec'
import { maskPan } from '../../main/iso8583/mask'
import { checkInvariants } from '../../main/ledger/invariants'
import { TestIsoClient } from '../support/iso-client'
import {
  atm_id,
  atmBalance,
  atmLeave,
  atmRetryPin,
  atmStart,
  atmTransferToValue,
  atmWithdraw,
  eventually,
  matching,
  pos_id,
  posDone,
  posSale,
  settled,
  terminalBank,
  waitForView,
  type Cardholder,
  type TerminalBank,
  type TerminalBankOptions,
} from '../support/terminal-bank'

const open: TerminalBank[] = []
afterEach(async () => {
  for (const tb of open.splice(0)) await tb.close()
})

async function bank(options: TerminalBankOptions = {}): Promise<TerminalBank> {
  const tb = await terminalBank(options)
  open.push(tb)
  return tb
}

/** Ada: 500.00 in her cash-access account, 50.00 in her value account, PIN 4321. */
function ada(tb: TerminalBank, cash_access_minor = 50_000): Cardholder {
  return tb.addCardholder({ label: 'Ada', name: 'Ada Lovelace', pin: '4321', cash_access_minor, value_minor: 5_000 })
}

/** What `npm run verify` checks, and no internal error at the host. */
function bankHolds(tb: TerminalBank): void {
  const report = checkInvariants(tb.db)
  expect(report.problems).toEqual([])
  expect(report.ok).toBe(true)
  expect(tb.host_log.filter((line) => line.includes('internal error'))).toEqual([])
}

/** Nothing the terminal shows, prints, journals or logs carries the full card number. */
function panNowhere(tb: TerminalBank, id: string, holder: Cardholder): void {
  const everything = JSON.stringify([tb.service.view(id), tb.service.journal(id), tb.service.messages(id)])
  expect(everything).not.toContain(holder.pan)
}

const fields = (message: IsoMessage | undefined) => Object.fromEntries([...(message?.fields ?? new Map()).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : v.toString('hex')]))
const amount95 = (minor: number) => `${String(minor).padStart(12, '0')}${'0'.repeat(30)}`
const codes = (transfers: Array<{ code: string; amount_minor: number; reverses_id: number | null }>) => transfers.map((t) => [t.code, t.amount_minor, t.reverses_id !== null])

describe('ATM and POS against the real card host', () => {
  // Proves the happy path end to end: PIN block under the host's key for this ATM, 380.00
  // paid as 3×100 + 50 + 20 + 10 (fewest notes), the customer debited exactly 380.00, the
  // ATM cash account credited exactly 380.00, the receipt showing only the last four digits
  // and the host's balance from field 54.
  it('approves a withdrawal: fewest notes, exact debits, masked receipt', async () => {
    const tb = await bank()
    const holder = ada(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })

    const done = await atmWithdraw(tb, holder, 380)
    expect(done.screen).toMatchObject({ name: 'finished', tone: 'approved', title: 'Please take your card and your cash' })
    expect(done.cash_tray.map(({ denomination_minor, count }) => [denomination_minor, count])).toEqual([
      [10_000, 3],
      [5_000, 1],
      [2_000, 1],
      [1_000, 1],
    ])
    expect(done.cash_tray.reduce((sum, n) => sum + n.denomination_minor * n.count, 0)).toBe(38_000)
    expect(done.cassettes.map((c) => [c.denomination_minor, c.count, c.dispensed])).toEqual([
      [1_000, 199, 1],
      [2_000, 199, 1],
      [5_000, 199, 1],
      [10_000, 197, 3],
    ])
    expect(done.card.state).toBe('ejected')

    const [entry] = tb.service.journal(atm_id)
    expect(entry).toMatchObject({ transaction: 'withdrawal', outcome: 'approved', amount_minor: 38_000, dispensed_minor: 38_000, response_code: '00', pan_masked: maskPan(holder.pan), reversal: 'none' })
    const receipt = done.receipts[0]?.lines.join('\n') ?? ''
    expect(receipt).toContain(`${'*'.repeat(12)}${holder.pan.slice(-4)}`)
    expect(receipt).toMatch(/AMOUNT +USD 380\.00/)
    expect(receipt).toMatch(/RESULT +APPROVED/)
    expect(receipt).toContain(entry?.approval_code ?? 'no approval code')
    expect(receipt).toMatch(/BALANCE +USD 120\.00/)
    expect(receipt).toMatch(/AVAILABLE +USD 120\.00/)
    panNowhere(tb, atm_id, holder)

    expect(tb.hostMessages(atm_id, 'in').filter((m) => m.mti === '0200')).toHaveLength(1)
    expect(tb.balances(holder)).toEqual({ cash_access: 12_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(38_000)
    expect(tb.withdrawnToday(holder)).toBe(38_000)
    expect(codes(tb.transfersOf(holder))).toEqual([
      ['value_to_cash_access', 50_000, false],
      ['atm_withdrawal', 38_000, false],
    ])
    expect(atmLeave(tb).cash).toHaveLength(4)
    bankHolds(tb)
  })

  // Proves the PIN-try limit across the wire: two 55s bring the PIN screen back and resend
  // the same withdrawal, the third wrong PIN gets 75, the host blocks the card (pin_tries)
  // and the ATM keeps it; even the right PIN then gets 75. A supervisor's unblock restores
  // three tries and the right PIN withdraws. No money moves until then.
  it('blocks the card after three wrong PINs, retains it, and works again after an unblock', async () => {
    const tb = await bank()
    const holder = ada(tb)

    atmStart(tb, holder, '0000')
    tb.service.press(atm_id, 'R1')
    tb.service.press(atm_id, 'L1')
    let view = await settled(tb, atm_id)
    expect(view.screen.name).toBe('pin')
    expect(view.screen.lines[0]).toBe('Incorrect PIN. Please try again.')
    expect(view.card.state).toBe('inserted')
    expect(tb.cardRow(holder)).toEqual({ status: 'active', blocked_reason: null, pin_tries_left: 2 })

    view = await atmRetryPin(tb, '1111')
    expect(view.screen.name).toBe('pin')
    expect(tb.cardRow(holder).pin_tries_left).toBe(1)

    view = await atmRetryPin(tb, '2222')
    expect(view.screen).toMatchObject({ name: 'retained', title: 'Your card has been retained', lines: ['Too many incorrect PINs: the card is blocked', 'Please contact your bank.'] })
    expect(view.card.state).toBe('retained')
    expect(tb.cardRow(holder)).toEqual({ status: 'blocked', blocked_reason: 'pin_tries', pin_tries_left: 0 })
    expect(tb.hostMessages(atm_id, 'out').filter((m) => m.mti === '0210').map((m) => m.response_code)).toEqual(['55', '55', '75'])
    expect(tb.service.journal(atm_id).map((e) => e.response_code)).toEqual(['75', '55', '55'])
    expect(atmLeave(tb).card).toBe('retained')

    // Blocked for PIN tries: the right PIN is refused too, and the card kept again.
    view = await atmWithdraw(tb, holder, 20, { via: 'fast_cash' })
    expect(view.screen.name).toBe('retained')
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.transfersOf(holder)).toHaveLength(1)
    bankHolds(tb)

    changeCardStatus(tb.db, holder.card_id, 'unblock')
    expect(tb.cardRow(holder)).toEqual({ status: 'active', blocked_reason: null, pin_tries_left: 3 })
    view = await atmWithdraw(tb, holder, 20, { via: 'fast_cash' })
    expect(view.screen.tone).toBe('approved')
    expect(view.cash_tray.map((n) => [n.denomination_minor, n.count])).toEqual([[2_000, 1]])
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 48_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(2_000)
    bankHolds(tb)
  })

  // Proves 51 reaches the customer in words, with no cash and nothing moved (the value
  // account is not drawn on), at the ATM and at the POS; and that the whole balance can
  // still be taken: 100.00 of 100.00 is approved and leaves exactly 0.
  it('declines insufficient funds with 51 and moves nothing', async () => {
    const tb = await bank()
    const holder = ada(tb, 10_000)

    let view = await atmWithdraw(tb, holder, 150)
    expect(view.screen).toMatchObject({ name: 'finished', tone: 'declined', title: 'Transaction declined', lines: ['Insufficient funds (51).', 'Please take your card.'] })
    expect(view.cash_tray).toEqual([])
    expect(view.receipts[0]?.lines.join('\n')).toMatch(/RESULT +INSUFFICIENT FUNDS 51/)
    atmLeave(tb)

    view = await posSale(tb, holder, 'purchase', 10_001)
    expect(view.screen).toMatchObject({ title: 'Declined', lines: ['Insufficient funds (51)', 'Press Enter'], tone: 'declined' })
    posDone(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 10_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.merchantPayable()).toBe(0)
    expect(tb.withdrawnToday(holder)).toBe(0)
    bankHolds(tb)

    view = await atmWithdraw(tb, holder, 100, { via: 'fast_cash' })
    expect(view.screen.tone).toBe('approved')
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 0, value: 5_000 })
    expect(tb.atmCashOut()).toBe(10_000)
    bankHolds(tb)
  })

  // Proves the host's card checks reach the customer: a card issued four years ago (its
  // expiry month has passed at the host's clock) gets 54 at the ATM and the POS; a card a
  // staff member blocked gets 05. The ATM gives both cards back; nothing moves.
  it('declines an expired card with 54 and a blocked card with 05', async () => {
    const tb = await bank()
    const four_years_ms = 4 * 365.25 * 24 * 60 * 60 * 1000
    const old = tb.addCardholder({ label: 'Old card', name: 'Grace Hopper', pin: '1111', cash_access_minor: 30_000, issued_ms_ago: four_years_ms })
    const blocked = tb.addCardholder({ label: 'Blocked card', name: 'Edsger Dijkstra', pin: '2222', cash_access_minor: 30_000 })
    expect(old.expiry_yymm).toBe('2511')
    expect(isExpired(old.expiry_yymm, tb.clock.now())).toBe(true)

    let view = await atmWithdraw(tb, old, 20, { via: 'fast_cash' })
    expect(view.screen).toMatchObject({ name: 'finished', tone: 'declined', lines: ['Your card has expired (54).', 'Please take your card.'] })
    expect(view.card.state).toBe('ejected')
    atmLeave(tb)
    view = await posSale(tb, old, 'purchase', 500)
    expect(view.screen.lines[0]).toBe('Your card has expired (54)')
    posDone(tb)

    changeCardStatus(tb.db, blocked.card_id, 'block')
    view = await atmWithdraw(tb, blocked, 20, { via: 'fast_cash' })
    expect(view.screen).toMatchObject({ name: 'finished', tone: 'declined', lines: ['Declined by your bank (05).', 'Please take your card.'] })
    expect(view.card.state).toBe('ejected')
    atmLeave(tb)
    expect(tb.cardRow(blocked)).toEqual({ status: 'blocked', blocked_reason: 'staff', pin_tries_left: 3 })

    expect(tb.hostMessages(atm_id, 'out').filter((m) => m.mti === '0210').map((m) => m.response_code)).toEqual(['54', '05'])
    expect(tb.balances(old)).toEqual({ cash_access: 30_000, value: 0 })
    expect(tb.balances(blocked)).toEqual({ cash_access: 30_000, value: 0 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.merchantPayable()).toBe(0)
    bankHolds(tb)
  })

  // Proves a short dispense is paid for exactly: the 100s cassette jams after one note, so
  // 100.00 of an approved 200.00 comes out; the ATM sends a 0420 naming the 0200 (field 90)
  // with field 95 = 100.00, the host gives back the other 100.00, and the daily limit counts
  // only 100.00. The next 200.00 is planned around the jammed cassette (4×50).
  it('partial dispense: the customer pays exactly what came out', async () => {
    const tb = await bank()
    const holder = ada(tb)
    tb.service.supervisor(atm_id, { action: 'enter' })
    tb.service.supervisor(atm_id, { action: 'set_fault', slot: 3, jam_after_notes: 1 })
    tb.service.supervisor(atm_id, { action: 'exit' })

    const view = await atmWithdraw(tb, holder, 200, { via: 'fast_cash' })
    expect(view.screen).toMatchObject({ name: 'finished', title: 'Please take your card and your cash', lines: ['We could only pay out USD 100.00 of USD 200.00.', 'The rest is being returned to your account.'] })
    expect(view.cash_tray.map((n) => [n.denomination_minor, n.count])).toEqual([[10_000, 1]])
    expect(view.cassettes[3]).toMatchObject({ count: 199, dispensed: 1, jammed: true })
    const receipt = view.receipts[0]?.lines.join('\n') ?? ''
    expect(receipt).toMatch(/DISPENSED +USD 100\.00/)
    expect(receipt).toMatch(/RESULT +PARTLY DISPENSED/)
    expect(tb.service.journal(atm_id)[0]).toMatchObject({ outcome: 'partial_dispense', amount_minor: 20_000, dispensed_minor: 10_000, reversal: 'acknowledged' })

    const [request] = tb.proxy.frames('to_host', '0200')
    const [advice] = tb.proxy.frames('to_host', '0420')
    expect(fieldString(advice!.message, 95)).toBe(amount95(10_000))
    expect(fieldString(advice!.message, 4)).toBe('000000020000')
    expect(fieldString(advice!.message, 90)).toBe(`0200${fieldString(request!.message, 11)}${fieldString(request!.message, 7)}${'0'.repeat(22)}`)
    expect(tb.proxy.frames('to_terminal', '0430').map((f) => fieldString(f.message, 39))).toEqual(['00'])
    atmLeave(tb)

    expect(tb.balances(holder)).toEqual({ cash_access: 40_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(10_000)
    expect(tb.withdrawnToday(holder)).toBe(10_000)
    expect(codes(tb.transfersOf(holder))).toEqual([
      ['value_to_cash_access', 50_000, false],
      ['atm_withdrawal', 20_000, false],
      ['reversal', 10_000, true],
    ])
    bankHolds(tb)

    const next = await atmWithdraw(tb, holder, 200, { via: 'fast_cash' })
    expect(next.cash_tray.map((n) => [n.denomination_minor, n.count])).toEqual([[5_000, 4]])
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 20_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(30_000)
    bankHolds(tb)
  })

  // Proves the timeout rule: the host approves and commits, but its 0210 is lost; after the
  // reply timeout the ATM pays nothing and sends a 0420; the first two 0430s are lost too,
  // so it repeats as 0421 twice. The host reverses the approval exactly once (the repeats
  // replay) and the customer ends where she began. The next withdrawal works normally.
  it('timeout: reverses with 0420 and 0421 repeats, and the money comes back once', async () => {
    const tb = await bank({ reply_timeout_ms: 300 })
    const holder = ada(tb)
    const lost_answer = tb.proxy.rule(matching('to_terminal', '0210', 'drop'), { times: 1 })
    const lost_acks = tb.proxy.rule(matching('to_terminal', '0430', 'drop'), { times: 2 })

    const view = await atmWithdraw(tb, holder, 60, { via: 'fast_cash' })
    expect(view.screen).toMatchObject({ name: 'finished', tone: 'declined', title: 'Transaction cancelled' })
    expect(view.screen.lines).toContain('Any amount taken is being returned.')
    expect(view.cash_tray).toEqual([])
    expect(view.pending_reversals).toBe(0)
    expect([lost_answer.hits, lost_acks.hits]).toEqual([1, 2])
    expect(tb.service.journal(atm_id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'acknowledged', amount_minor: 6_000 })

    const [request] = tb.proxy.frames('to_host', '0200')
    const advices = tb.proxy.frames('to_host', '0420', '0421')
    expect(advices.map((f) => f.message.mti)).toEqual(['0420', '0421', '0421'])
    const original = `0200${fieldString(request!.message, 11)}${fieldString(request!.message, 7)}${'0'.repeat(22)}`
    expect(new Set(advices.map((f) => `${fieldString(f.message, 11)}|${fieldString(f.message, 90)}`))).toEqual(new Set([`${fieldString(advices[0]!.message, 11)}|${original}`]))
    expect(tb.hostMessages(atm_id, 'out').filter((m) => m.mti !== '0810').map((m) => `${m.mti}:${m.response_code}`)).toEqual(['0210:00', '0430:00', '0430:00', '0430:00'])
    atmLeave(tb)

    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.withdrawnToday(holder)).toBe(0)
    expect(codes(tb.transfersOf(holder))).toEqual([
      ['value_to_cash_access', 50_000, false],
      ['atm_withdrawal', 6_000, false],
      ['reversal', 6_000, true],
    ])
    bankHolds(tb)

    const next = await atmWithdraw(tb, holder, 20, { via: 'fast_cash' })
    expect(next.screen.tone).toBe('approved')
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 48_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(2_000)
    bankHolds(tb)
  })

  // Proves store-and-forward: the host approves, then goes down before its answer reaches
  // the ATM. The ATM cancels, cannot send its advice, and keeps it (pending 1) while the
  // customer stays debited; when the host is back (same database, new port) the ATM signs
  // on, sends the queued advice (as 0421), and the money comes back exactly once.
  it('timeout with the host down: the advice waits in the queue and lands after sign-on', async () => {
    const tb = await bank({ reply_timeout_ms: 3_000 })
    const holder = ada(tb)
    tb.proxy.rule(matching('to_terminal', '0210', 'drop'), { times: 1 })

    atmStart(tb, holder)
    tb.service.press(atm_id, 'R1')
    tb.service.press(atm_id, 'L3')
    await eventually(() => tb.proxy.frames('to_terminal', '0210').length === 1, 'the host to answer the 0200')
    await tb.stopHost()
    const view = await settled(tb, atm_id)
    expect(view.screen).toMatchObject({ name: 'finished', title: 'Transaction cancelled' })
    expect(view.cash_tray).toEqual([])
    expect(view.pending_reversals).toBe(1)
    expect(tb.service.journal(atm_id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'queued' })
    atmLeave(tb)

    // While the advice waits, the bank's books show the approved withdrawal.
    expect(tb.balances(holder)).toEqual({ cash_access: 44_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(6_000)
    bankHolds(tb)

    await tb.startHost()
    const back = await waitForView(tb.service, atm_id, (v) => v.pending_reversals === 0 && v.link.status === 'online', 'the queued advice to be sent after sign-on', 10_000)
    expect(back.screen.name).toBe('idle')
    expect(tb.hostMessages(atm_id, 'in').map((m) => m.mti).filter((mti) => mti !== '0800')).toEqual(['0200', '0421'])
    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.withdrawnToday(holder)).toBe(0)
    expect(codes(tb.transfersOf(holder)).slice(1)).toEqual([
      ['atm_withdrawal', 6_000, false],
      ['reversal', 6_000, true],
    ])
    bankHolds(tb)
  })

  // Proves the timeout rule at the POS: the host pays the merchant 12.50 and moves 7.50 to
  // the value account, but both answers are lost; the POS cancels each sale, its 0420s land,
  // and the merchant is paid nothing and the customer keeps every cent where it was.
  it('POS timeout: the purchase and the transfer are reversed, the merchant is not paid', async () => {
    const tb = await bank({ reply_timeout_ms: 300 })
    const holder = ada(tb)
    tb.proxy.rule(matching('to_terminal', '0210', 'drop'), { times: 2 })

    let view = await posSale(tb, holder, 'purchase', 1_250)
    expect(view.screen).toMatchObject({ title: 'Transaction cancelled', lines: ['No answer from the bank in time.', 'Any amount taken is being returned.', 'Press Enter'] })
    posDone(tb)
    view = await posSale(tb, holder, 'transfer_to_value', 750)
    expect(view.screen.title).toBe('Transaction cancelled')
    posDone(tb)
    expect(tb.service.journal(pos_id).map((e) => [e.transaction, e.outcome, e.reversal])).toEqual([
      ['transfer_to_value', 'no_answer', 'acknowledged'],
      ['purchase', 'no_answer', 'acknowledged'],
    ])
    expect(tb.hostMessages(pos_id, 'out').filter((m) => m.mti !== '0810').map((m) => `${m.mti}:${m.response_code}`)).toEqual(['0210:00', '0430:00', '0210:00', '0430:00'])

    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.merchantPayable()).toBe(0)
    expect(codes(tb.transfersOf(holder)).slice(1)).toEqual([
      ['pos_purchase', 1_250, false],
      ['reversal', 1_250, true],
      ['cash_access_to_value', 750, false],
      ['reversal', 750, true],
    ])
    bankHolds(tb)
  })

  // A reversal advice the host could not write must not count as delivered. The host's
  // 0210 is lost, the ATM reverses, and the host's group commit fails once (as a database
  // locked by another process makes it fail): the host answers the 0420 with 96, "system
  // malfunction", having written nothing. A bank expects the ATM to repeat the advice
  // (0421) until it lands, and the customer, who got no cash, to end where she began.
  it('a 0430 with 96 is not an acknowledgement: the advice is repeated until it lands', async () => {
    const tb = await bank({ reply_timeout_ms: 300 })
    const holder = ada(tb)
    tb.proxy.rule(matching('to_terminal', '0210', 'drop'), { times: 1 })
    let fail_next_commit = false
    tb.proxy.rule(
      (message, direction) => {
        if (direction === 'to_host' && message.mti === '0420') fail_next_commit = true
        return undefined
      },
      { times: 1 },
    )
    const transaction = tb.db.transaction.bind(tb.db)
    tb.db.transaction = ((fn: Parameters<typeof transaction>[0]) => {
      if (fail_next_commit) {
        fail_next_commit = false
        throw new Error('SQLITE_BUSY: database is locked')
      }
      return transaction(fn)
    }) as typeof tb.db.transaction

    const view = await atmWithdraw(tb, holder, 60, { via: 'fast_cash' })
    expect(view.screen.title).toBe('Transaction cancelled')
    expect(view.cash_tray).toEqual([])
    expect(tb.proxy.frames('to_terminal', '0430').map((f) => fieldString(f.message, 39))[0]).toBe('96')
    expect(tb.host_log.some((line) => line.includes('group commit failed'))).toBe(true)
    atmLeave(tb)
    await waitForView(tb.service, atm_id, (v) => v.pending_reversals === 0, 'the advice to be settled', 5_000)

    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(checkInvariants(tb.db).ok).toBe(true)
  })

  // Proves idempotency over the wire: the network delivers the ATM's 0200 twice; the host
  // answers both identically and moves the money once; a 0201 repeat of it gets the very
  // same answer (approval code and RRN) and moves nothing; the same STAN and time with
  // another amount is a duplicate transmission (94).
  it('duplicate 0200 and repeat 0201: moved once, same answer', async () => {
    const tb = await bank()
    const holder = ada(tb)
    const twice = tb.proxy.rule(matching('to_host', '0200', 'duplicate'), { times: 1 })

    const view = await atmWithdraw(tb, holder, 40, { via: 'fast_cash' })
    expect(twice.hits).toBe(1)
    expect(view.screen.tone).toBe('approved')
    expect(view.cash_tray.map((n) => [n.denomination_minor, n.count])).toEqual([[2_000, 2]])
    await eventually(() => tb.proxy.frames('to_terminal', '0210').length === 2, 'both answers')
    const [first, second] = tb.proxy.frames('to_terminal', '0210')
    expect(fields(second?.message)).toEqual(fields(first?.message))
    expect(fieldString(first!.message, 39)).toBe('00')
    expect(tb.hostMessages(atm_id, 'in').filter((m) => m.mti === '0200')).toHaveLength(2)
    await eventually(() => tb.terminal_log.some((l) => l.includes('arrived after its request was given up')), 'the terminal to note the second answer')
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 46_000, value: 5_000 })

    const [request] = tb.proxy.frames('to_host', '0200')
    const client = await TestIsoClient.connect(tb.hostPort())
    try {
      const repeat = await client.exchange({ mti: '0201', fields: request!.message.fields })
      expect(repeat.mti).toBe('0210')
      expect(fields(repeat)).toEqual(fields(first?.message))
      const other = new Map(request!.message.fields)
      other.set(4, '000000004500')
      const duplicate = await client.exchange({ mti: '0200', fields: other })
      expect(fieldString(duplicate, 39)).toBe('94')
    } finally {
      client.close()
    }

    expect(tb.balances(holder)).toEqual({ cash_access: 46_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(4_000)
    expect(tb.withdrawnToday(holder)).toBe(4_000)
    expect(codes(tb.transfersOf(holder)).slice(1)).toEqual([['atm_withdrawal', 4_000, false]])
    bankHolds(tb)
  })

  // Proves a reversal that overtakes its original: the network holds the 0200, the ATM
  // times out and its 0420 reaches the host first (remembered, acknowledged); when the
  // 0200 finally arrives the host declines it (12) and moves nothing. Then, with an advice
  // saying 20.00 did come out (field 95), the late original moves exactly 20.00.
  it('reversal before the original: the late original moves nothing, or only what field 95 says', async () => {
    const tb = await bank({ reply_timeout_ms: 300 })
    const holder = ada(tb)
    tb.proxy.rule(matching('to_host', '0200', 'hold'), { times: 1 })

    const view = await atmWithdraw(tb, holder, 60, { via: 'fast_cash' })
    expect(view.screen).toMatchObject({ name: 'finished', title: 'Transaction cancelled' })
    expect(tb.service.journal(atm_id)[0]).toMatchObject({ outcome: 'no_answer', reversal: 'acknowledged' })
    expect(tb.proxy.held_count).toBe(1)
    expect(tb.hostMessages(atm_id, 'in').map((m) => m.mti).filter((mti) => mti !== '0800')).toEqual(['0420'])
    expect(tb.db.prepare('SELECT actual_minor FROM early_reversals').all()).toEqual([{ actual_minor: 0 }])
    atmLeave(tb)

    expect(tb.proxy.release()).toBe(1)
    await eventually(() => tb.proxy.frames('to_terminal', '0210').length === 1, 'the late original to be answered')
    expect(fieldString(tb.proxy.frames('to_terminal', '0210')[0]!.message, 39)).toBe('12')
    expect(tb.balances(holder)).toEqual({ cash_access: 50_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(0)
    expect(tb.withdrawnToday(holder)).toBe(0)
    expect(tb.transfersOf(holder)).toHaveLength(1)
    bankHolds(tb)

    // The same race with an advice saying 20.00 of 100.00 was dispensed.
    tb.proxy.rule(matching('to_host', '0200', 'hold'), { times: 1 })
    tb.proxy.rule(
      (message, direction) => {
        if (direction !== 'to_host' || message.mti !== '0420') return undefined
        const with95 = new Map(message.fields)
        with95.set(95, amount95(2_000))
        return { replace: { mti: '0420', fields: with95 } }
      },
      { times: 1 },
    )
    const second = await atmWithdraw(tb, holder, 100, { via: 'fast_cash' })
    expect(second.screen.title).toBe('Transaction cancelled')
    atmLeave(tb)
    expect(tb.proxy.release()).toBe(1)
    await eventually(() => tb.proxy.frames('to_terminal', '0210').length === 2, 'the second late original to be answered')
    const late = tb.proxy.frames('to_terminal', '0210')[1]!.message
    expect([fieldString(late, 39), fieldString(late, 4)]).toEqual(['00', '000000002000'])
    expect(tb.balances(holder)).toEqual({ cash_access: 48_000, value: 5_000 })
    expect(tb.atmCashOut()).toBe(2_000)
    expect(tb.withdrawnToday(holder)).toBe(2_000)
    expect(codes(tb.transfersOf(holder)).slice(1)).toEqual([['atm_withdrawal', 2_000, false]])
    bankHolds(tb)
  })

  // Proves the POS and the remaining ATM transactions: a 12.50 purchase pays the merchant
  // exactly 12.50 from cash-access; transfers to the value account (7.50 at the POS, 10.00
  // at the ATM) move exactly that much; balance inquiries at both move nothing and print
  // the host's field 54 balances (470.00) on the receipt.
  it('POS purchase, transfers to value, and balance inquiries with field 54 on the receipt', async () => {
    const tb = await bank()
    const holder = ada(tb)

    let view = await posSale(tb, holder, 'purchase', 1_250)
    expect(view.screen).toMatchObject({ name: 'finished', title: 'Approved', tone: 'approved' })
    expect(view.screen.lines[0]).toBe('USD 12.50')
    expect(view.screen.lines).toContain('Balance USD 487.50')
    let receipt = posDone(tb)[0]?.lines.join('\n') ?? ''
    expect(receipt).toContain('CENTAVO POS')
    expect(receipt).toMatch(/AMOUNT +USD 12\.50/)
    expect(receipt).toContain(`${'*'.repeat(12)}${holder.pan.slice(-4)}`)
    expect(tb.merchantPayable()).toBe(1_250)
    expect(tb.balances(holder)).toEqual({ cash_access: 48_750, value: 5_000 })

    view = await posSale(tb, holder, 'transfer_to_value', 750)
    expect(view.screen.title).toBe('Approved')
    posDone(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 48_000, value: 5_750 })

    view = await atmTransferToValue(tb, holder, 1_000)
    expect(view.screen).toMatchObject({ title: 'Transfer done', tone: 'approved' })
    expect(view.screen.lines[0]).toBe('USD 10.00 moved to your value account.')
    atmLeave(tb)
    expect(tb.balances(holder)).toEqual({ cash_access: 47_000, value: 6_750 })

    view = await posSale(tb, holder, 'balance')
    expect(view.screen.lines).toEqual(['Balance USD 470.00', 'Press Enter'])
    receipt = posDone(tb)[0]?.lines.join('\n') ?? ''
    expect(receipt).toMatch(/BALANCE +USD 470\.00/)
    expect(receipt).toMatch(/AVAILABLE +USD 470\.00/)
    expect(fieldString(tb.proxy.frames('to_terminal', '0210').at(-1)!.message, 54)).toBe('2001840C0000000470002002840C000000047000')

    view = await atmBalance(tb, holder)
    expect(view.screen).toMatchObject({ title: 'Your balance', lines: ['Available: USD 470.00', 'Balance: USD 470.00', 'Please take your card.'] })
    expect(view.receipts[0]?.lines.join('\n')).toMatch(/BALANCE +USD 470\.00/)
    atmLeave(tb)
    panNowhere(tb, pos_id, holder)
    panNowhere(tb, atm_id, holder)

    expect(tb.balances(holder)).toEqual({ cash_access: 47_000, value: 6_750 })
    expect(tb.merchantPayable()).toBe(1_250)
    expect(tb.atmCashOut()).toBe(0)
    expect(codes(tb.transfersOf(holder)).slice(1)).toEqual([
      ['pos_purchase', 1_250, false],
      ['cash_access_to_value', 750, false],
      ['cash_access_to_value', 1_000, false],
    ])
    bankHolds(tb)
  })
})
